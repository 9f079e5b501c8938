/*
 * applications: POST /v1/applications, GET /v1/applications/{id},
 * POST /v1/applications/{id}/submit | resubmit | withdraw.
 *
 * Every change is one call of a SQL function that checks scope and version,
 * moves the application through the transition table (application_state)
 * and appends the audit event in one transaction
 * (sql/migrations/0009_applications.sql).
 *
 * Create needs an Idempotency-Key header (1 to 255 visible ASCII
 * characters; missing → 400): the same key and body answer the first
 * response again, another body 422, a key another request is processing 409.
 *
 * Submit and resubmit take two round trips by design (DESIGN.md principle 2):
 * read the application, the programme's module and fiscal year, the firm's
 * region, the latest facts version, the firm row and the registry's
 * recognitions (sql/migrations/0016_submit_registry_facts.sql); merge the
 * registry's truth into the document (registry_facts_merge, the same merge
 * as the pathway: the document's own recognitions[] and firm.uscc,
 * firm.region_code, firm.established_on are replaced); evaluate the merged
 * document here with the edition in force on the relevant date; then store
 * the verdict with the merged document as its input snapshot and move the
 * application in one call that refuses a facts version that is no longer
 * the latest (409). Commands take If-Match with the application's ETag.
 */
#include "registry/app.h"
#include "registry/registry_facts.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "facts/evaluate.h"
#include "facts/parse.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PEIYU_ENGINE_VERSION
#define PEIYU_ENGINE_VERSION "peiyu-rules/unknown"
#endif

#define ID_MAX 999999999999999999LL

static const struct json_field application_create_fields[] = {
    {"firm_id", JF_INT, true, 1, ID_MAX, NULL, NULL, 0},
    {"program_id", JF_INT, true, 1, ID_MAX, NULL, NULL, 0},
};

static const struct json_field application_withdraw_fields[] = {
    {"reason", JF_STRING, true, 1, 500, NULL, NULL, 0},
};

#define NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/* Check the body against a field table; replies and returns false on error. */
static bool
body_ok(struct http_ctx *ctx, const struct json_field *f, size_t n)
{
    char field[64], detail[256];
    int rc =
        json_fields_check(ctx->body, f, n, ctx->role, field, sizeof field, detail, sizeof detail);
    if (rc < 0) {
        http_reply_problem(ctx, rc, field, "%s", detail);
        return false;
    }
    return true;
}

/* The Idempotency-Key header, or NULL after replying 400. */
static const char *
idempotency_key(struct http_ctx *ctx)
{
    const char *k = http_ctx_header(ctx, "Idempotency-Key");
    size_t n = k ? strlen(k) : 0;
    bool ok = n >= 1 && n <= 255;
    for (size_t i = 0; ok && i < n; i++)
        ok = k[i] >= 0x21 && k[i] <= 0x7e;
    if (!ok) {
        http_reply_problem(ctx, HTTP_E_BAD_REQUEST, "Idempotency-Key",
                           k ? "Idempotency-Key is 1 to 255 visible ASCII characters"
                             : "send an Idempotency-Key header (e.g. a UUID) with every create");
        return NULL;
    }
    return k;
}

static void
application_created(struct http_ctx *ctx, PGresult *res)
{
    json_t *b = json_loads(PQgetvalue(res, 0, 1), 0, NULL);
    char loc[64];
    snprintf(loc, sizeof loc, "/v1/applications/%lld",
             (long long)json_integer_value(json_object_get(b, "id")));
    json_decref(b);
    http_ctx_add_header(ctx, "Location", loc);
    app_reply_versioned(ctx, atoi(PQgetvalue(res, 0, 0)), res, 1, 2);
}

void
applications_create(struct http_ctx *ctx)
{
    const char *key = idempotency_key(ctx);
    if (!key || !body_ok(ctx, application_create_fields, NFIELDS(application_create_fields)))
        return;
    char *body = json_dumps(ctx->body, JSON_COMPACT);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {a.id, a.login, a.role, a.firm, a.request_id, key, body};
    app_query(ctx, STMT_APPLICATION_CREATE, 7, p, application_created);
    free(body); /* the pool copied the parameters */
}

static void
application_got(struct http_ctx *ctx, PGresult *res)
{
    if (PQntuples(res) != 1) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no application %s",
                           http_ctx_param(ctx, "id"));
        return;
    }
    app_reply_versioned(ctx, 200, res, 0, 1);
}

void
applications_get(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *programs = ctx->principal.programs[0] ? ctx->principal.programs : "{}";
    const char *p[5] = {id, a.role, a.firm, a.prefixes, programs};
    app_query(ctx, STMT_APPLICATION_GET, 5, p, application_got);
}

static void
application_moved(struct http_ctx *ctx, PGresult *res)
{
    app_reply_versioned(ctx, 200, res, 0, 1);
}

/* Columns of STMT_APPLICATION_SUBMIT_INPUT. */
enum {
    IN_MAY_MOVE,
    IN_STATE,
    IN_VERSION,
    IN_MODULE,
    IN_FISCAL_YEAR,
    IN_REGION,
    IN_RELEVANT_DATE,
    IN_OPEN_NOW,
    IN_WINDOW,
    IN_FACTS_VERSION,
    IN_FACTS_DOC,
    IN_FIRM,
    IN_RECOGNITIONS
};

/*
 * The stored document of column IN_FACTS_DOC merged with the registry's
 * firm row and recognitions (registry_facts.h), parsed into *facts.
 * Returns the merged document (the verdict's input snapshot), or NULL with
 * the cause in err.
 */
static json_t *
submit_snapshot(PGresult *res, rules_facts *facts, char *err, size_t errlen)
{
    json_error_t je;
    json_t *doc =
        json_loadb(PQgetvalue(res, 0, IN_FACTS_DOC), (size_t)PQgetlength(res, 0, IN_FACTS_DOC),
                   JSON_REJECT_DUPLICATES, &je);
    json_t *firm =
        json_loadb(PQgetvalue(res, 0, IN_FIRM), (size_t)PQgetlength(res, 0, IN_FIRM), 0, NULL);
    json_t *rows = json_loadb(PQgetvalue(res, 0, IN_RECOGNITIONS),
                              (size_t)PQgetlength(res, 0, IN_RECOGNITIONS), 0, NULL);
    json_t *recs = registry_facts_recognitions(rows);
    if (!doc)
        snprintf(err, errlen, "(document): invalid JSON at line %d column %d: %s", je.line,
                 je.column, je.text);
    else if (!json_is_object(firm) || !json_is_array(rows) ||
             registry_facts_merge(doc, firm, recs) != 0)
        snprintf(err, errlen,
                 "(document): not an object, or the registry's firm row is unreadable");
    else if (facts_parse_json(doc, facts, err, errlen) == 0) {
        json_decref(firm);
        json_decref(rows);
        json_decref(recs);
        return doc;
    }
    json_decref(doc);
    json_decref(firm);
    json_decref(rows);
    json_decref(recs);
    return NULL;
}

/*
 * The read half of submit/resubmit: check what was read, evaluate the facts
 * and send the write. Replies on every error (consuming ctx).
 */
static void
submit_evaluate(struct http_ctx *ctx, PGresult *res, const char *action)
{
    const struct app_worker *w = http_ctx_app(ctx);
    const char *id = http_ctx_param(ctx, "id");
    int if_match = 0;
    if (PQntuples(res) != 1) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no application %s", id);
        return;
    }
    if (!app_if_match(ctx, &if_match)) /* checked before the read; cannot fail here */
        return;
    if (atoi(PQgetvalue(res, 0, IN_VERSION)) != if_match) {
        http_reply_problem(ctx, HTTP_E_PRECONDITION_FAILED, "If-Match",
                           "the application is at version %s, not %d",
                           PQgetvalue(res, 0, IN_VERSION), if_match);
        return;
    }
    if (PQgetvalue(res, 0, IN_MAY_MOVE)[0] != 't') {
        http_reply_problem(ctx, HTTP_E_CONFLICT, "state", "an application in state %s cannot be %s",
                           PQgetvalue(res, 0, IN_STATE), action);
        return;
    }
    if (PQgetvalue(res, 0, IN_OPEN_NOW)[0] != 't') {
        http_reply_problem(ctx, HTTP_E_UNPROCESSABLE, "program_id",
                           "the programme accepts applications %s; it is closed now",
                           PQgetvalue(res, 0, IN_WINDOW));
        return;
    }
    const char *year = PQgetvalue(res, 0, IN_FISCAL_YEAR);
    if (PQgetisnull(res, 0, IN_FACTS_VERSION)) {
        http_reply_problem(ctx, HTTP_E_UNPROCESSABLE, "facts",
                           "the firm has no facts for fiscal year %s; PUT them first", year);
        return;
    }
    const char *date = PQgetvalue(res, 0, IN_RELEVANT_DATE);
    const char *region = PQgetvalue(res, 0, IN_REGION);
    const char *module = PQgetvalue(res, 0, IN_MODULE);
    rules_date as_of;
    char err[512];
    int error = 0;
    rules_facts *facts = xcalloc(1, sizeof *facts);
    json_t *verdict = NULL, *snapshot = NULL;
    if (rules_date_parse(date, strlen(date), &as_of) != 0) {
        snprintf(err, sizeof err, "relevant date %s is out of range", date);
    } else if ((snapshot = submit_snapshot(res, facts, err, sizeof err)) != NULL) {
        verdict = facts_evaluate(w->shared->editions, facts, module, as_of, region, NULL, NULL,
                                 &error, err, sizeof err);
    }
    free(facts);
    if (!verdict) {
        json_decref(snapshot);
        http_reply_problem(ctx, HTTP_E_UNPROCESSABLE, "facts",
                           "facts for fiscal year %s cannot be evaluated with %s: %s", year, module,
                           err);
        return;
    }
    char *vtext = json_dumps(verdict, JSON_COMPACT);
    char *stext = json_dumps(snapshot, JSON_COMPACT);
    json_decref(verdict);
    json_decref(snapshot);
    char vs[16];
    snprintf(vs, sizeof vs, "%d", if_match);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[15] = {a.id,
                         a.login,
                         a.role,
                         a.firm,
                         a.prefixes,
                         a.request_id,
                         id,
                         action,
                         vs,
                         PQgetvalue(res, 0, IN_FACTS_VERSION),
                         PEIYU_ENGINE_VERSION,
                         date,
                         region,
                         vtext,
                         stext};
    app_query(ctx, STMT_APPLICATION_SUBMIT, 15, p, application_moved);
    free(vtext); /* the pool copied the parameters */
    free(stext);
}

static void
submit_read(struct http_ctx *ctx, PGresult *res)
{
    submit_evaluate(ctx, res, "submit");
}

static void
resubmit_read(struct http_ctx *ctx, PGresult *res)
{
    submit_evaluate(ctx, res, "resubmit");
}

static void
submit_start(struct http_ctx *ctx, const char *action, app_result_fn then)
{
    char id[24];
    int version;
    if (!app_id_param(ctx, "id", id) || !app_if_match(ctx, &version))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {a.role, a.firm, a.prefixes, id, action};
    app_query(ctx, STMT_APPLICATION_SUBMIT_INPUT, 5, p, then);
}

void
applications_submit(struct http_ctx *ctx)
{
    submit_start(ctx, "submit", submit_read);
}

void
applications_resubmit(struct http_ctx *ctx)
{
    submit_start(ctx, "resubmit", resubmit_read);
}

void
applications_withdraw(struct http_ctx *ctx)
{
    char id[24];
    int version;
    if (!app_id_param(ctx, "id", id) || !app_if_match(ctx, &version) ||
        !body_ok(ctx, application_withdraw_fields, NFIELDS(application_withdraw_fields)))
        return;
    char vs[16];
    snprintf(vs, sizeof vs, "%d", version);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *reason = json_string_value(json_object_get(ctx->body, "reason"));
    const char *p[9] = {a.id, a.login, a.role, a.firm, a.prefixes, a.request_id, id, vs, reason};
    app_query(ctx, STMT_APPLICATION_WITHDRAW, 9, p, application_moved);
}
