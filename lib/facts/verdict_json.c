/*
 * verdict_json: see verdict_json.h.
 */
#include "facts/verdict_json.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "rules/module.h"

static json_t *
str_or_null(const char *s)
{
    return s && s[0] ? json_string(s) : json_null();
}

static json_t *
tri_json(rules_tri t)
{
    return t == RULES_UNKNOWN ? json_null() : json_boolean(t == RULES_YES);
}

static json_t *
gap_json(const rules_gap *g)
{
    if (!g->set)
        return json_null();
    return json_pack("{s:s, s:I, s:s}", "unit", g->unit, "amount", (json_int_t)g->amount, "text_zh",
                     g->text_zh);
}

static json_t *
criterion_json(const rules_verdict *v, const rules_criterion_result *c)
{
    char cite[256];
    rules_criterion_citation(v, c, cite, sizeof cite);
    json_t *o = json_object();
    json_object_set_new(o, "id", json_string(c->def->id));
    json_object_set_new(o, "label_zh", json_string(c->def->label_zh));
    json_object_set_new(o, "label_en", json_string(c->def->label_en));
    json_object_set_new(o, "kind", json_string(rules_criterion_kind_name(c->def->kind)));
    json_object_set_new(o, "value", str_or_null(c->value));
    json_object_set_new(o, "value_exact",
                        c->has_exact ? json_pack("{s:I, s:I}", "num", (json_int_t)c->exact.num,
                                                 "den", (json_int_t)c->exact.den)
                                     : json_null());
    json_object_set_new(o, "threshold", str_or_null(c->threshold));
    json_object_set_new(o, "points", c->has_points ? json_integer(c->points) : json_null());
    json_object_set_new(o, "max_points",
                        c->def->kind == RULES_CRIT_SCORE ? json_integer(c->max_points)
                                                         : json_null());
    json_object_set_new(o, "passed", tri_json(c->passed));
    json_object_set_new(o, "citation", json_string(cite));
    json_object_set_new(o, "message_zh", str_or_null(c->message_zh));
    json_object_set_new(o, "gap", gap_json(&c->gap));
    return o;
}

json_t *
facts_verdict_to_json(const rules_verdict *v)
{
    char d[11];
    json_t *o = json_object();
    json_object_set_new(o, "module", json_string(v->module->id));
    json_object_set_new(o, "edition", json_string(v->edition));
    json_object_set_new(o, "edition_id", json_string(v->edition_id));
    json_object_set_new(o, "verified", json_boolean(v->verified));
    json_object_set_new(o, "as_of", json_string(rules_date_format(v->as_of, d, sizeof d)));
    json_object_set_new(o, "fiscal_year",
                        v->fiscal_year ? json_integer(v->fiscal_year) : json_null());
    json_object_set_new(o, "outcome", json_string(rules_outcome_name(v->outcome)));
    json_object_set_new(o, "route", str_or_null(rules_route_name(v->route)));
    json_object_set_new(o, "score",
                        v->scored && v->score_known ? json_integer(v->score) : json_null());
    json_object_set_new(o, "score_min", v->scored ? json_integer(v->score_min) : json_null());
    json_object_set_new(o, "score_max", v->scored ? json_integer(v->score_max) : json_null());
    json_t *cs = json_array();
    for (int i = 0; i < v->n_criteria; i++)
        json_array_append_new(cs, criterion_json(v, &v->criteria[i]));
    json_object_set_new(o, "criteria", cs);
    json_t *ms = json_array();
    for (int i = 0; i < v->n_missing; i++)
        json_array_append_new(ms, json_string(v->missing[i]));
    json_object_set_new(o, "missing", ms);
    json_object_set_new(o, "award_fen", v->has_award ? json_integer(v->award_fen) : json_null());
    return o;
}

/* ---- parse back ---- */

static int __attribute__((format(printf, 4, 5)))
vfail(char *err, size_t errlen, const char *path, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s: ", path);
    if (n < 0 || (size_t)n >= errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

static int
get_str(const json_t *o, const char *k, char *dst, size_t size, bool nullable, const char *path,
        char *err, size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (nullable && json_is_null(v)) {
        dst[0] = '\0';
        return 0;
    }
    if (!json_is_string(v) || json_string_length(v) >= size)
        return vfail(err, errlen, path, "%s: must be a string shorter than %zu", k, size);
    memcpy(dst, json_string_value(v), json_string_length(v) + 1);
    return 0;
}

static int
get_int(const json_t *o, const char *k, bool *has, int64_t *out, const char *path, char *err,
        size_t errlen)
{
    const json_t *v = json_object_get(o, k);
    if (json_is_null(v) && has) {
        *has = false;
        return 0;
    }
    if (!json_is_integer(v))
        return vfail(err, errlen, path, "%s: must be an integer%s", k, has ? " or null" : "");
    if (has)
        *has = true;
    *out = json_integer_value(v);
    return 0;
}

static int
criterion_from_json(const json_t *o, const rules_module *m, rules_criterion_result *c,
                    const char *path, char *err, size_t errlen)
{
    memset(c, 0, sizeof *c);
    c->explain = true; /* JSON carries the explanation */
    const json_t *id = json_object_get(o, "id");
    if (!json_is_string(id))
        return vfail(err, errlen, path, "id: must be a string");
    c->def = rules_criterion_def_find(m, json_string_value(id));
    if (!c->def)
        return vfail(err, errlen, path, "id: unknown criterion %s of %s", json_string_value(id),
                     m->id);
    int64_t x = 0;
    bool has = false;
    if (get_str(o, "value", c->value, sizeof c->value, true, path, err, errlen) != 0 ||
        get_str(o, "threshold", c->threshold, sizeof c->threshold, true, path, err, errlen) != 0 ||
        get_str(o, "message_zh", c->message_zh, sizeof c->message_zh, true, path, err, errlen) != 0)
        return -1;
    const json_t *ve = json_object_get(o, "value_exact");
    if (!json_is_null(ve)) {
        if (get_int(ve, "num", NULL, &c->exact.num, path, err, errlen) != 0 ||
            get_int(ve, "den", NULL, &c->exact.den, path, err, errlen) != 0)
            return -1;
        c->has_exact = true;
    }
    if (get_int(o, "points", &c->has_points, &x, path, err, errlen) != 0)
        return -1;
    c->points = (int)x;
    if (get_int(o, "max_points", &has, &x, path, err, errlen) != 0)
        return -1;
    c->max_points = has ? (int)x : c->def->max_points;
    const json_t *p = json_object_get(o, "passed");
    if (json_is_null(p))
        c->passed = RULES_UNKNOWN;
    else if (json_is_boolean(p))
        c->passed = json_is_true(p) ? RULES_YES : RULES_NO;
    else
        return vfail(err, errlen, path, "passed: must be true, false or null");
    const json_t *g = json_object_get(o, "gap");
    if (!json_is_null(g)) {
        if (!json_is_object(g) ||
            get_str(g, "unit", c->gap.unit, sizeof c->gap.unit, false, path, err, errlen) != 0 ||
            get_int(g, "amount", NULL, &c->gap.amount, path, err, errlen) != 0 ||
            get_str(g, "text_zh", c->gap.text_zh, sizeof c->gap.text_zh, false, path, err,
                    errlen) != 0)
            return vfail(err, errlen, path, "gap: must be null or {unit, amount, text_zh}");
        c->gap.set = true;
    }
    return 0;
}

int
facts_verdict_from_json(const json_t *j, rules_verdict *v, char *err, size_t errlen)
{
    memset(v, 0, sizeof *v);
    v->explained = true; /* JSON carries the explanation */
    if (!json_is_object(j))
        return vfail(err, errlen, "(verdict)", "must be an object");
    const json_t *mod = json_object_get(j, "module");
    v->module = json_is_string(mod) ? rules_module_find(json_string_value(mod)) : NULL;
    if (!v->module)
        return vfail(err, errlen, "module", "not a registered module");
    v->scored = v->module->scored;
    if (get_str(j, "edition", v->edition, sizeof v->edition, false, "(verdict)", err, errlen) !=
            0 ||
        get_str(j, "edition_id", v->edition_id, sizeof v->edition_id, false, "(verdict)", err,
                errlen) != 0)
        return -1;
    const json_t *x = json_object_get(j, "verified");
    if (!json_is_boolean(x))
        return vfail(err, errlen, "verified", "must be true or false");
    v->verified = json_is_true(x);
    x = json_object_get(j, "as_of");
    if (!json_is_string(x) ||
        rules_date_parse(json_string_value(x), json_string_length(x), &v->as_of) != 0)
        return vfail(err, errlen, "as_of", "must be a date");
    int64_t n = 0;
    bool has = false;
    if (get_int(j, "fiscal_year", &has, &n, "(verdict)", err, errlen) != 0)
        return -1;
    v->fiscal_year = has ? (int)n : 0;
    x = json_object_get(j, "outcome");
    if (!json_is_string(x) || rules_outcome_parse(json_string_value(x), &v->outcome) != 0)
        return vfail(err, errlen, "outcome", "unknown outcome");
    x = json_object_get(j, "route");
    v->route = RULES_ROUTE_NONE;
    if (!json_is_null(x) &&
        (!json_is_string(x) || rules_route_parse(json_string_value(x), &v->route) != 0))
        return vfail(err, errlen, "route", "unknown route");
    if (get_int(j, "score", &v->score_known, &n, "(verdict)", err, errlen) != 0)
        return -1;
    v->score = (int)n;
    if (get_int(j, "score_min", &has, &n, "(verdict)", err, errlen) != 0)
        return -1;
    v->score_min = (int)n;
    if (get_int(j, "score_max", &has, &n, "(verdict)", err, errlen) != 0)
        return -1;
    v->score_max = (int)n;
    if (!v->score_known)
        v->score = v->score_min;
    const json_t *cs = json_object_get(j, "criteria");
    if (!json_is_array(cs) || json_array_size(cs) > RULES_MAX_CRITERIA)
        return vfail(err, errlen, "criteria", "must be an array of at most %d", RULES_MAX_CRITERIA);
    size_t i;
    const json_t *c;
    json_array_foreach((json_t *)cs, i, c)
    {
        char path[32];
        snprintf(path, sizeof path, "criteria[%zu]", i);
        if (criterion_from_json(c, v->module, &v->criteria[i], path, err, errlen) != 0)
            return -1;
        v->n_criteria++;
    }
    const json_t *ms = json_object_get(j, "missing");
    if (!json_is_array(ms) || json_array_size(ms) > RULES_MAX_MISSING)
        return vfail(err, errlen, "missing", "must be an array of at most %d", RULES_MAX_MISSING);
    json_array_foreach((json_t *)ms, i, c)
    {
        if (!json_is_string(c) || json_string_length(c) >= RULES_PATH_LEN)
            return vfail(err, errlen, "missing", "items must be short strings");
        memcpy(v->missing[i], json_string_value(c), json_string_length(c) + 1);
        v->n_missing++;
    }
    if (get_int(j, "award_fen", &v->has_award, &v->award_fen, "(verdict)", err, errlen) != 0)
        return -1;
    return 0;
}

/* ---- ladder ---- */

json_t *
facts_next_to_json(rules_stage current, const rules_verdict *vs, int n)
{
    int k = rules_ladder_next(current, vs, n);
    if (k < 0)
        return json_null();
    const rules_verdict *v = &vs[k];
    json_t *lack = json_array();
    for (int i = 0; i < v->n_criteria; i++) {
        const rules_criterion_result *c = &v->criteria[i];
        if (c->def->kind == RULES_CRIT_DIRECT || c->passed == RULES_YES)
            continue;
        if (c->passed == RULES_UNKNOWN && c->def->kind != RULES_CRIT_GATE)
            continue;
        if (c->passed == RULES_NO || c->passed == RULES_UNKNOWN)
            json_array_append_new(lack, json_pack("{s:s, s:s, s:o}", "id", c->def->id, "message_zh",
                                                  c->message_zh, "gap", gap_json(&c->gap)));
    }
    /* score criteria that earn points but not all: where the score can grow */
    if (v->outcome != RULES_ELIGIBLE && v->route == RULES_ROUTE_SCORE)
        for (int i = 0; i < v->n_criteria; i++) {
            const rules_criterion_result *c = &v->criteria[i];
            if (c->def->kind == RULES_CRIT_SCORE && c->passed == RULES_YES && c->gap.set)
                json_array_append_new(lack,
                                      json_pack("{s:s, s:s, s:o}", "id", c->def->id, "message_zh",
                                                c->message_zh, "gap", gap_json(&c->gap)));
        }
    json_t *ms = json_array();
    for (int i = 0; i < v->n_missing; i++)
        json_array_append_new(ms, json_string(v->missing[i]));
    return json_pack("{s:s, s:s, s:s, s:o, s:o, s:o}", "stage", rules_stage_name(current + 1),
                     "module", v->module->id, "outcome", rules_outcome_name(v->outcome),
                     "score_max", v->scored ? json_integer(v->score_max) : json_null(), "lacking",
                     lack, "missing", ms);
}

json_t *
facts_all_to_json(const rules_verdict *vs, int n, rules_stage stage)
{
    json_t *arr = json_array();
    for (int i = 0; i < n; i++)
        json_array_append_new(arr, facts_verdict_to_json(&vs[i]));
    return json_pack("{s:o, s:s, s:o}", "verdicts", arr, "stage", rules_stage_name(stage), "next",
                     facts_next_to_json(stage, vs, n));
}
