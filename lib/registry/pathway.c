/*
 * pathway: GET /v1/firms/{id}/pathway[?as_of=DATE] — where a firm stands on
 * the ladder (POLICY.md §5) on a day (default today in Asia/Shanghai), the
 * recognitions in force, a verdict for every programme open to it, and the
 * next step.
 *
 * One read (firm_pathway_input, sql/migrations/0010_recognitions.sql,
 * scoped by the caller: NULL → 404) brings the firm row, its recognitions,
 * the latest facts of each fiscal year needed and the open programmes; the
 * rest is pure evaluation in C, on the loop, with no I/O:
 *
 *  - The registry is the authority over the facts document. Before the
 *    engine sees a stored document, its recognitions[] is replaced by the
 *    recognition table's rows (kind, granted_on → issued_on, expires_on,
 *    certificate_number → number), and firm.uscc, firm.region_code and
 *    firm.established_on (= the firm's registered_on) are taken from the
 *    firm row (registry_facts_merge, shared with submissions). Whatever the
 *    firm wrote there is ignored.
 *  - stage = rules_stage_on over those recognitions, the engine's own
 *    function, so the API and the engine cannot disagree on a stage; the
 *    recognitions listed as in force are those rules_recognition_in_force
 *    accepts on as_of.
 *  - programmes: each is evaluated with its module on as_of, for the firm's
 *    region, on the latest version of the facts filed for the programme's
 *    fiscal year; without such facts its verdict is null and
 *    facts_missing is true.
 *  - next: every module evaluated on the latest facts (the most recent
 *    fiscal year filed), then rules_ladder_next / facts_next_to_json for the
 *    stage above the current one. Without facts, next is null and
 *    facts_missing is true; the stage and recognitions are still answered.
 */
#include "registry/app.h"
#include "registry/registry_facts.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "facts/evaluate.h"
#include "facts/parse.h"
#include "facts/verdict_json.h"
#include "rules/ladder.h"
#include "rules/module.h"
#include "core/clock.h"
#include "core/xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/*
 * The stored facts of fiscal year `year` merged with the registry's truth
 * (see the top of this file) and parsed into *out. Returns 1 when nothing
 * was filed for that year, 0 when parsed (*version set), -1 with err when
 * the stored document no longer parses.
 */
static int
merged_facts(const json_t *in, const json_t *recs, long long year, rules_facts *out,
             long long *version, char *err, size_t errlen)
{
    char key[16];
    snprintf(key, sizeof key, "%lld", year);
    const json_t *entry = json_object_get(json_object_get(in, "facts"), key);
    if (!entry)
        return 1;
    *version = json_integer_value(json_object_get(entry, "version"));
    json_t *doc = json_deep_copy(json_object_get(entry, "doc"));
    if (registry_facts_merge(doc, json_object_get(in, "firm"), recs) != 0) {
        json_decref(doc);
        snprintf(err, errlen, "the stored facts document is not an object");
        return -1;
    }
    int rc = facts_parse_json(doc, out, err, errlen);
    json_decref(doc);
    return rc == 0 ? 0 : -1;
}

/* A programme's entry: the programme, the facts used and the verdict. */
static json_t *
program_entry(const rules_edition_set *set, const json_t *in, const json_t *recs,
              const json_t *prog, rules_date as_of, rules_facts *scratch)
{
    long long year = json_integer_value(json_object_get(prog, "fiscal_year"));
    long long version = 0;
    char err[512];
    json_t *e = json_object();
    json_object_set(e, "program", (json_t *)prog);
    int rc = merged_facts(in, recs, year, scratch, &version, err, sizeof err);
    json_object_set_new(e, "facts_version", rc == 0 ? json_integer(version) : json_null());
    json_object_set_new(e, "facts_missing", json_boolean(rc == 1));
    if (rc != 0) {
        json_object_set_new(e, "verdict", json_null());
        if (rc < 0)
            json_object_set_new(e, "error", json_sprintf("facts of %lld: %s", year, err));
        return e;
    }
    int error;
    json_t *v = facts_evaluate(set, scratch, json_string_value(json_object_get(prog, "module")),
                               as_of, NULL, NULL, NULL, &error, err, sizeof err);
    json_object_set_new(e, "verdict", v ? v : json_null());
    if (!v)
        json_object_set_new(e, "error", json_string(err));
    return e;
}

/* "next" from every module's verdict on the latest facts. */
static json_t *
next_step(const rules_edition_set *set, const rules_facts *f, rules_stage stage, rules_date as_of)
{
    int cap = rules_module_count();
    rules_verdict *vs = xcalloc((size_t)(cap > 0 ? cap : 1), sizeof *vs);
    rules_ctx rc = {as_of, f->firm.region_code};
    int n = 0;
    for (int i = 0; i < cap; i++)
        if (rules_evaluate(rules_module_at(i), set, f, &rc, &vs[n]) == 0)
            n++;
    json_t *next = facts_next_to_json(stage, vs, n);
    free(vs);
    return next;
}

/* The whole answer from firm_pathway_input's document, or NULL with the
 * cause in fail (an internal error). Pure. */
static json_t *
pathway_build(const rules_edition_set *set, const json_t *in, rules_date as_of, char *fail,
              size_t faillen)
{
    const json_t *row = json_object_get(in, "firm");
    const json_t *registry_recs = json_object_get(in, "recognitions");
    json_t *recs = registry_facts_recognitions(registry_recs);
    rules_facts *f = xcalloc(1, sizeof *f);
    char err[512];

    /* The stage from the recognitions alone: the same whether facts exist or
     * not. The table's CHECKs make every row parse; a failure is our bug. */
    json_t *only = json_object();
    json_object_set(only, "recognitions", recs);
    int prc = facts_parse_json(only, f, err, sizeof err);
    json_decref(only);
    if (prc != 0) {
        snprintf(fail, faillen, "recognitions of firm %lld do not parse: %.400s",
                 (long long)json_integer_value(json_object_get(row, "id")), err);
        json_decref(recs);
        free(f);
        return NULL;
    }
    rules_stage stage = rules_stage_on(f, as_of);
    json_t *in_force = json_array();
    for (int i = 0; i < f->n_recognitions; i++)
        if (rules_recognition_in_force(&f->recognitions[i], as_of))
            json_array_append(in_force, json_array_get(registry_recs, (size_t)i));

    char d[11];
    rules_stage up = stage + 1 < RULES_STAGE__COUNT ? stage + 1 : RULES_STAGE_NONE;
    json_t *out = json_object();
    json_object_set(out, "firm_id", json_object_get(row, "id"));
    json_object_set_new(out, "as_of", json_string(rules_date_format(as_of, d, sizeof d)));
    json_object_set_new(out, "stage", json_string(rules_stage_name(stage)));
    json_object_set_new(out, "next_stage",
                        up == RULES_STAGE_NONE ? json_null() : json_string(rules_stage_name(up)));
    json_object_set_new(out, "recognitions", in_force);

    json_t *programs = json_array();
    size_t i;
    const json_t *prog;
    json_array_foreach(json_object_get(in, "programs"), i, prog)
        json_array_append_new(programs, program_entry(set, in, recs, prog, as_of, f));
    json_object_set_new(out, "programs", programs);

    const json_t *latest = json_object_get(in, "latest_year");
    long long version = 0;
    int frc = json_is_integer(latest)
                  ? merged_facts(in, recs, json_integer_value(latest), f, &version, err, sizeof err)
                  : 1;
    if (frc == 0)
        json_object_set_new(
            out, "facts",
            json_pack("{s:O, s:I}", "fiscal_year", latest, "version", (json_int_t)version));
    else
        json_object_set_new(out, "facts", json_null());
    json_object_set_new(out, "facts_missing", json_boolean(frc == 1));
    if (frc < 0)
        json_object_set_new(out, "facts_error", json_string(err));
    json_object_set_new(out, "next", frc == 0 ? next_step(set, f, stage, as_of) : json_null());

    json_decref(recs);
    free(f);
    return out;
}

static void
pathway_loaded(struct http_ctx *ctx, PGresult *res)
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
        snprintf(ctx->detail, sizeof ctx->detail, "firm_pathway_input: %s",
                 in ? "no as_of" : jerr.text);
        json_decref(in);
        http_reply_problem(ctx, HTTP_E_INTERNAL, NULL, NULL);
        return;
    }
    const struct app_worker *w = http_ctx_app(ctx);
    json_t *out = pathway_build(w->shared->editions, in, as_of, ctx->detail, sizeof ctx->detail);
    json_decref(in);
    if (!out) {
        http_reply_problem(ctx, HTTP_E_INTERNAL, NULL, NULL);
        return;
    }
    http_reply_json(ctx, 200, out);
}

void
pathway_get(struct http_ctx *ctx)
{
    char id[24], today[11];
    if (!app_id_param(ctx, "id", id))
        return;
    const char *as_of = http_ctx_query(ctx, "as_of");
    if (as_of && !json_fields_is_date(as_of)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "as_of", "as_of is a date YYYY-MM-DD");
        return;
    }
    if (!as_of)
        as_of = rules_date_format((rules_date)clock_today_shanghai(), today, sizeof today);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {a.role, a.firm, a.prefixes, id, as_of};
    app_query(ctx, STMT_PATHWAY_INPUT, 5, p, pathway_loaded);
}
