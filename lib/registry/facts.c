/*
 * facts: a firm's facts per fiscal year (POLICY.md §3).
 *
 *   PUT /v1/firms/{id}/facts/{year}                      append a version
 *   GET /v1/firms/{id}/facts/{year}                      the latest version
 *   GET /v1/firms/{id}/facts/{year}/versions             who filed which version, when
 *   GET /v1/firms/{id}/facts/{year}/versions/{version}   one version
 *
 * The body of a PUT is the whole facts document as the firm states it for
 * that year; it is checked here with the engine's own parser
 * (facts_parse_json: unknown fields, types, integer money, consistency), so
 * what is stored is exactly what the rules can evaluate later. Scope, the
 * optional If-Match, the firm's identity and the audit event are in one SQL
 * function (sql/migrations/0007_facts.sql); reads are scoped in SQL.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "facts/parse.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The bounds of firm_facts.fiscal_year. */
#define FACTS_YEAR_MIN 1990
#define FACTS_YEAR_MAX 2100

/* Path parameter {year} as four digits in range into out; replies 400 otherwise. */
static bool
year_param(struct http_ctx *ctx, char out[8])
{
    const char *v = http_ctx_param(ctx, "year");
    int y = v && strlen(v) == 4 && strspn(v, "0123456789") == 4 ? atoi(v) : 0;
    if (y < FACTS_YEAR_MIN || y > FACTS_YEAR_MAX) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "year",
                           "year is a fiscal year from %d to %d", FACTS_YEAR_MIN, FACTS_YEAR_MAX);
        return false;
    }
    memcpy(out, v, 5);
    return true;
}

/*
 * Validate the document with the engine's parser; replies 400 naming the
 * path the parser names ("years.2025.tech_staff: greater than employees"):
 * unknown-field for a field the document may not have (as POST /v1/evaluate
 * does), invalid-field for everything else.
 */
static bool
doc_ok(struct http_ctx *ctx, const char *year)
{
    rules_facts *facts = xcalloc(1, sizeof *facts);
    char err[512];
    int rc = facts_parse_json(ctx->body, facts, err, sizeof err);
    free(facts);
    if (rc != 0) {
        /* err is "<path>: <problem>"; "(document)" names no field */
        char field[128] = "";
        size_t n = strcspn(err, ":");
        if (n < sizeof field && err[n] == ':' && !(n == 10 && !strncmp(err, "(document)", 10))) {
            memcpy(field, err, n);
            field[n] = '\0';
        }
        size_t len = strlen(err), tail = strlen(": unknown field");
        int kind = len > tail && !strcmp(err + len - tail, ": unknown field")
                       ? HTTP_E_UNKNOWN_FIELD
                       : HTTP_E_INVALID_FIELD;
        http_reply_problem(ctx, kind, field[0] ? field : NULL, "%s", err);
        return false;
    }
    if (!json_object_get(json_object_get(ctx->body, "years"), year)) {
        char path[16];
        snprintf(path, sizeof path, "years.%s", year);
        http_reply_problem(ctx, HTTP_E_MISSING_FIELD, path,
                           "the document states the facts of fiscal year %s in %s", year, path);
        return false;
    }
    return true;
}

/* Optional If-Match: *version = 0 when absent; replies 412 when malformed. */
static bool
optional_if_match(struct http_ctx *ctx, int *version)
{
    *version = 0;
    return !http_ctx_header(ctx, "If-Match") || app_if_match(ctx, version);
}

static void
facts_stored(struct http_ctx *ctx, PGresult *res)
{
    bool created = PQgetvalue(res, 0, 2)[0] == 't';
    if (created) {
        char loc[96];
        snprintf(loc, sizeof loc, "/v1/firms/%s/facts/%s", http_ctx_param(ctx, "id"),
                 http_ctx_param(ctx, "year"));
        http_ctx_add_header(ctx, "Location", loc);
    }
    app_reply_versioned(ctx, created ? 201 : 200, res, 0, 1);
}

void
firm_facts_put(struct http_ctx *ctx)
{
    char id[24], year[8];
    int version;
    if (!app_id_param(ctx, "id", id) || !year_param(ctx, year) ||
        !optional_if_match(ctx, &version) || !doc_ok(ctx, year))
        return;
    char vs[16];
    snprintf(vs, sizeof vs, "%d", version);
    char *doc = json_dumps(ctx->body, JSON_COMPACT);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[10] = {
        a.id, a.login, a.role, a.firm, a.prefixes, a.request_id, id, year, version ? vs : NULL,
        doc};
    app_query(ctx, STMT_FACTS_PUT, 10, p, facts_stored);
    free(doc); /* the pool copied the parameters */
}

static void
facts_got(struct http_ctx *ctx, PGresult *res)
{
    if (PQntuples(res) != 1) {
        const char *v = http_ctx_param(ctx, "version");
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no facts of firm %s for %s%s%s",
                           http_ctx_param(ctx, "id"), http_ctx_param(ctx, "year"),
                           v ? " at version " : "", v ? v : "");
        return;
    }
    app_reply_versioned(ctx, 200, res, 0, 1);
}

/* GET .../facts/{year} and .../facts/{year}/versions/{version}. */
void
firm_facts_get(struct http_ctx *ctx)
{
    char id[24], year[8], version[24];
    if (!app_id_param(ctx, "id", id) || !year_param(ctx, year))
        return;
    bool one = http_ctx_param(ctx, "version") != NULL;
    if (one && !app_id_param(ctx, "version", version))
        return;
    if (one && strlen(version) > 9) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "version", "no such version");
        return;
    }
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[6] = {id, year, a.role, a.firm, a.prefixes, one ? version : NULL};
    app_query(ctx, STMT_FACTS_GET, 6, p, facts_got);
}

static void
facts_listed(struct http_ctx *ctx, PGresult *res)
{
    if (PQgetvalue(res, 0, 0)[0] != 't') {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no facts of firm %s for %s",
                           http_ctx_param(ctx, "id"), http_ctx_param(ctx, "year"));
        return;
    }
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 1),
                     (size_t)PQgetlength(res, 0, 1));
}

void
firm_facts_versions(struct http_ctx *ctx)
{
    char id[24], year[8];
    if (!app_id_param(ctx, "id", id) || !year_param(ctx, year))
        return;
    const char *cursor = http_ctx_query(ctx, "cursor");
    const char *limit = http_ctx_query(ctx, "limit");
    size_t cl = cursor ? strlen(cursor) : 0;
    if (cursor && (cl < 1 || cl > 9 || strspn(cursor, "0123456789") != cl)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "cursor",
                           "cursor is the next_cursor of the previous page");
        return;
    }
    char *end = NULL;
    long lim = limit ? strtol(limit, &end, 10) : 20;
    if (limit && (!limit[0] || *end || lim < 1 || lim > 100)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "limit", "limit is 1 to 100");
        return;
    }
    char lims[8];
    snprintf(lims, sizeof lims, "%ld", lim);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {id, year, a.role, a.firm, a.prefixes, cursor, lims};
    app_query(ctx, STMT_FACTS_VERSIONS, 7, p, facts_listed);
}
