/*
 * history: GET /v1/firms/{id}/history?as_of=DATE — a firm's standing at the
 * end of a past day (Asia/Shanghai), reconstructed from the record.
 *
 * One scoped read (firm_history_input, sql/migrations/0014_audit_reads.sql;
 * NULL → 404) brings the firm, the recognitions granted by that day, the
 * facts version then current for each fiscal year (filed before the end of
 * the day) and the applications with the moves taken by then. Here, with
 * no I/O: the recognitions in force that day are those the engine's
 * rules_recognition_in_force accepts, and the stage is rules_stage_on over
 * them, so history, the pathway and the engine cannot disagree.
 * Auditors and officials see the firms of their regions, a firm itself.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "facts/parse.h"
#include "rules/ladder.h"
#include "core/xalloc.h"
#include "registry/registry_facts.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
history_loaded(struct http_ctx *ctx, PGresult *res)
{
    if (PQntuples(res) != 1 || PQgetisnull(res, 0, 0)) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no firm %s", http_ctx_param(ctx, "id"));
        return;
    }
    json_error_t jerr;
    json_t *in = json_loadb(PQgetvalue(res, 0, 0), (size_t)PQgetlength(res, 0, 0), 0, &jerr);
    const char *as_of_s = json_string_value(json_object_get(in, "as_of"));
    rules_date as_of;
    if (!in || !as_of_s || rules_date_parse(as_of_s, strlen(as_of_s), &as_of) != 0) {
        snprintf(ctx->detail, sizeof ctx->detail, "firm_history_input: %s",
                 in ? "no as_of" : jerr.text);
        json_decref(in);
        http_reply_problem(ctx, HTTP_E_INTERNAL, NULL, NULL);
        return;
    }
    const json_t *recs = json_object_get(in, "recognitions");
    json_t *doc = json_object();
    json_object_set_new(doc, "recognitions", registry_facts_recognitions(recs));
    rules_facts *f = xcalloc(1, sizeof *f);
    char err[256];
    int prc = facts_parse_json(doc, f, err, sizeof err);
    json_decref(doc);
    if (prc != 0) {
        snprintf(ctx->detail, sizeof ctx->detail, "recognitions of firm %s do not parse: %s",
                 http_ctx_param(ctx, "id"), err);
        free(f);
        json_decref(in);
        http_reply_problem(ctx, HTTP_E_INTERNAL, NULL, NULL);
        return;
    }
    json_t *in_force = json_array();
    for (int i = 0; i < f->n_recognitions; i++)
        if (rules_recognition_in_force(&f->recognitions[i], as_of))
            json_array_append(in_force, json_array_get(recs, (size_t)i));
    rules_stage stage = rules_stage_on(f, as_of);
    free(f);
    json_t *out = json_object();
    json_object_set(out, "firm", json_object_get(in, "firm"));
    json_object_set(out, "as_of", json_object_get(in, "as_of"));
    json_object_set(out, "registered", json_object_get(in, "registered"));
    json_object_set_new(out, "stage", json_string(rules_stage_name(stage)));
    json_object_set_new(out, "recognitions", in_force);
    json_object_set(out, "facts", json_object_get(in, "facts"));
    json_object_set(out, "applications", json_object_get(in, "applications"));
    json_decref(in);
    http_reply_json(ctx, 200, out);
}

void
firm_history_get(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    const char *as_of = http_ctx_query(ctx, "as_of");
    if (!as_of || !json_fields_is_date(as_of)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "as_of",
                           as_of ? "as_of is a date YYYY-MM-DD" : "send as_of=YYYY-MM-DD");
        return;
    }
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {a.role, a.firm, a.prefixes, id, as_of};
    app_query(ctx, STMT_FIRM_HISTORY_INPUT, 5, p, history_loaded);
}
