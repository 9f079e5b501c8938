/*
 * replay: GET /v1/applications/{id}/replay — the latest stored verdict of an
 * application re-evaluated from its own record: the input snapshot (the
 * facts document judged), the module, the edition (by its stored
 * edition_id, looked up in the editions loaded at start-up) and the
 * relevant date and region stored with it. The answer says whether the
 * recomputed verdict is identical to the stored one, and if not, the JSON
 * paths that differ, with both verdicts.
 *
 * The evaluation sees only the stored edition (a set of one), so a later
 * edition that would be selected today cannot change a replay. When the
 * stored edition is no longer loaded, or the snapshot no longer matches its
 * stored SHA-256, the replay cannot be done and the answer (409) says so.
 * Auditors, admins and officers, scoped like GET /v1/applications/{id}.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "facts/evaluate.h"
#include "facts/parse.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_DIFFS 200

enum {
    RP_APP,
    RP_VERDICT_ID,
    RP_MODULE,
    RP_EDITION,
    RP_DATE,
    RP_REGION,
    RP_SNAPSHOT,
    RP_VERDICT,
    RP_ENGINE,
    RP_FACTS_VERSION,
    RP_SHA_OK
};

/* Append to diffs the paths (a.b[2].c) where a and b differ. */
static void
json_diff(const json_t *a, const json_t *b, const char *path, json_t *diffs)
{
    if (json_array_size(diffs) >= MAX_DIFFS || json_equal(a, b))
        return;
    char sub[512];
    if (json_is_object(a) && json_is_object(b)) {
        const char *k;
        const json_t *v;
        json_object_foreach((json_t *)a, k, v)
        {
            snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", k);
            const json_t *w = json_object_get(b, k);
            if (!w)
                json_array_append_new(diffs, json_string(sub));
            else
                json_diff(v, w, sub, diffs);
        }
        json_object_foreach((json_t *)b, k, v)
        {
            if (!json_object_get(a, k) && json_array_size(diffs) < MAX_DIFFS) {
                snprintf(sub, sizeof sub, "%s%s%s", path, *path ? "." : "", k);
                json_array_append_new(diffs, json_string(sub));
            }
        }
        return;
    }
    if (json_is_array(a) && json_is_array(b) && json_array_size(a) == json_array_size(b)) {
        for (size_t i = 0; i < json_array_size(a); i++) {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            json_diff(json_array_get(a, i), json_array_get(b, i), sub, diffs);
        }
        return;
    }
    json_array_append_new(diffs, json_string(*path ? path : "$"));
}

static const rules_edition *
edition_find(const rules_edition_set *set, const char *module, const char *id)
{
    for (int i = 0; set && i < set->n; i++)
        if (!strcmp(set->items[i].module, module) && !strcmp(set->items[i].edition_id, id))
            return &set->items[i];
    return NULL;
}

static void
replay_loaded(struct http_ctx *ctx, PGresult *res)
{
    const char *id = http_ctx_param(ctx, "id");
    if (PQntuples(res) != 1) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no application %s", id);
        return;
    }
    if (PQgetisnull(res, 0, RP_VERDICT_ID)) {
        http_reply_problem(ctx, HTTP_E_CONFLICT, NULL,
                           "application %s has no stored verdict yet (it was never submitted)", id);
        return;
    }
    const struct app_worker *w = http_ctx_app(ctx);
    const char *module = PQgetvalue(res, 0, RP_MODULE);
    const char *edition_id = PQgetvalue(res, 0, RP_EDITION);
    const char *date = PQgetvalue(res, 0, RP_DATE);
    const rules_edition *ed = edition_find(w->shared->editions, module, edition_id);
    if (!ed) {
        http_reply_problem(ctx, HTTP_E_CONFLICT, "edition_id",
                           "edition %s of %s is no longer among the loaded editions; the "
                           "verdict cannot be replayed",
                           edition_id, module);
        return;
    }
    if (PQgetvalue(res, 0, RP_SHA_OK)[0] != 't') {
        http_reply_problem(ctx, HTTP_E_CONFLICT, "input_snapshot",
                           "the stored snapshot no longer matches its SHA-256; the record was "
                           "altered");
        return;
    }
    rules_date as_of;
    char err[512] = "";
    int error = 0;
    json_t *again = NULL;
    rules_edition_set *one = xcalloc(1, sizeof *one);
    rules_facts *facts = xcalloc(1, sizeof *facts);
    one->n = 1;
    one->items[0] = *ed;
    if (rules_date_parse(date, strlen(date), &as_of) != 0)
        snprintf(err, sizeof err, "relevant date %s is out of range", date);
    else if (facts_parse_text(PQgetvalue(res, 0, RP_SNAPSHOT),
                              (size_t)PQgetlength(res, 0, RP_SNAPSHOT), facts, err,
                              sizeof err) == 0)
        again = facts_evaluate(one, facts, module, as_of, PQgetvalue(res, 0, RP_REGION), NULL, NULL,
                               &error, err, sizeof err);
    free(facts);
    free(one);
    if (!again) {
        http_reply_problem(ctx, HTTP_E_CONFLICT, NULL,
                           "the stored snapshot cannot be evaluated again with %s %s: %s", module,
                           edition_id, err);
        return;
    }
    json_error_t jerr;
    json_t *stored = json_loadb(PQgetvalue(res, 0, RP_VERDICT),
                                (size_t)PQgetlength(res, 0, RP_VERDICT), 0, &jerr);
    if (!stored) {
        snprintf(ctx->detail, sizeof ctx->detail, "stored verdict: %s", jerr.text);
        json_decref(again);
        http_reply_problem(ctx, HTTP_E_INTERNAL, NULL, NULL);
        return;
    }
    json_t *diffs = json_array();
    json_diff(stored, again, "", diffs);
    json_t *out = json_object();
    json_object_set_new(out, "application_id", json_integer(atoll(PQgetvalue(res, 0, RP_APP))));
    json_object_set_new(out, "verdict_id", json_integer(atoll(PQgetvalue(res, 0, RP_VERDICT_ID))));
    json_object_set_new(out, "module", json_string(module));
    json_object_set_new(out, "edition_id", json_string(edition_id));
    json_object_set_new(out, "relevant_date", json_string(date));
    json_object_set_new(out, "region", json_string(PQgetvalue(res, 0, RP_REGION)));
    json_object_set_new(out, "facts_version",
                        json_integer(atoll(PQgetvalue(res, 0, RP_FACTS_VERSION))));
    json_object_set_new(out, "stored_engine_version", json_string(PQgetvalue(res, 0, RP_ENGINE)));
    json_object_set_new(out, "identical", json_boolean(json_array_size(diffs) == 0));
    if (json_array_size(diffs))
        json_object_set_new(out, "differences", diffs);
    else
        json_decref(diffs);
    json_object_set_new(out, "stored", stored);
    json_object_set_new(out, "replayed", again);
    http_reply_json(ctx, 200, out);
}

void
applications_replay(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *programs = ctx->principal.programs[0] ? ctx->principal.programs : "{}";
    const char *p[5] = {id, a.role, a.firm, a.prefixes, programs};
    app_query(ctx, STMT_APPLICATION_REPLAY_INPUT, 5, p, replay_loaded);
}
