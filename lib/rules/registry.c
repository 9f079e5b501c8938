/*
 * registry: the modules of modules.def and the evaluator entry point.
 * Adding a module never edits this file.
 */
#include "rules/module.h"

#include <stdio.h>
#include <string.h>

const rules_criterion_def rules_uscc_check_def = {
    "uscc_check", "统一社会信用代码校验位",      "USCC check character", RULES_CRIT_GATE, {NULL}, 0,
    NULL,         "GB 32100-2015; POLICY.md §6",
};

const rules_criterion_def *
rules_criterion_def_find(const struct rules_module *m, const char *id)
{
    int i = rules_module_criterion_index(m, id);
    if (i >= 0)
        return &m->criteria[i];
    if (strcmp(id, rules_uscc_check_def.id) == 0)
        return &rules_uscc_check_def;
    return NULL;
}

void
rules_criterion_citation(const rules_verdict *v, const rules_criterion_result *c, char *buf,
                         size_t size)
{
    if (c->def->citation)
        snprintf(buf, size, "%s", c->def->citation);
    else
        snprintf(buf, size, "%s %s", v->edition, c->def->article ? c->def->article : "");
}

/* Officer flag of POLICY.md §6: never corrects, never rejects. */
static void
flag_uscc(const rules_facts *f, rules_verdict *v)
{
    if (!f->firm.uscc_check_mismatch || v->n_criteria >= RULES_MAX_CRITERIA)
        return;
    rules_criterion_result *c = &v->criteria[v->n_criteria++];
    memset(c, 0, sizeof *c); /* rare: only for a mismatching check character */
    c->def = &rules_uscc_check_def;
    c->explain = v->explained;
    c->passed = RULES_UNKNOWN;
    rules_crit_value_text(c, f->firm.uscc);
    rules_crit_threshold(c, "check character per GB 32100-2015");
    rules_crit_message(
        c, "统一社会信用代码校验位不符，需审核员核实（早期试点地区的合法代码可能不符）");
    if (v->outcome == RULES_ELIGIBLE)
        v->outcome = RULES_NEEDS_REVIEW;
}

/* The modules of modules.def: declarations, then the registry in that order. */
#define RULES_MODULE(id) extern const rules_module rules_##id##_module;
#include "rules/modules.def"
#undef RULES_MODULE

static const rules_module *const registry[] = {
#define RULES_MODULE(id) &rules_##id##_module,
#include "rules/modules.def"
#undef RULES_MODULE
};
enum { N_MODULES = sizeof registry / sizeof registry[0] };
_Static_assert(N_MODULES <= RULES_INDEX_MODULES, "raise RULES_INDEX_MODULES");

const rules_module *
rules_module_find(const char *id)
{
    for (int i = 0; i < N_MODULES; i++)
        if (strcmp(registry[i]->id, id) == 0)
            return registry[i];
    return NULL;
}

int
rules_module_count(void)
{
    return N_MODULES;
}

const rules_module *
rules_module_at(int i)
{
    return (i >= 0 && i < rules_module_count()) ? registry[i] : NULL;
}

int
rules_module_param_index(const rules_module *m, const char *name)
{
    for (int i = 0; i < m->n_params; i++)
        if (strcmp(m->params[i].name, name) == 0)
            return i;
    return -1;
}

int
rules_module_criterion_index(const rules_module *m, const char *id)
{
    for (int i = 0; i < m->n_criteria; i++)
        if (strcmp(m->criteria[i].id, id) == 0)
            return i;
    return -1;
}

void
rules_edition_set_index(rules_edition_set *set)
{
    for (int i = 0; i < RULES_INDEX_MODULES; i++)
        set->by_module_n[i] = 0;
    for (int k = 0; k < set->n; k++)
        for (int i = 0; i < N_MODULES; i++)
            if (strcmp(set->items[k].module, registry[i]->id) == 0) {
                set->by_module[i][set->by_module_n[i]++] = (unsigned char)k;
                break;
            }
    set->index_n = set->n;
    set->indexed = true;
}

/* The edition of m in force: through the set's index when it is current and
 * m is registered (no string comparisons), else by a scan of the set. */
static const rules_edition *
select_edition(const rules_module *m, const rules_edition_set *set, const rules_ctx *ctx)
{
    if (set->indexed && set->index_n == set->n)
        for (int i = 0; i < N_MODULES; i++)
            if (registry[i] == m)
                return rules_edition_select_among(set, set->by_module[i], set->by_module_n[i],
                                                  ctx->as_of, ctx->region);
    return rules_edition_select(set, m->id, ctx->as_of, ctx->region);
}

static int
evaluate(const rules_module *m, const rules_edition_set *set, const rules_facts *f,
         const rules_ctx *ctx, bool explain, rules_verdict *v)
{
    const rules_edition *e = select_edition(m, set, ctx);
    if (!e)
        return RULES_ENOEDITION;
    rules_verdict_begin(v, m, e, ctx->as_of, 0, explain);
    v->fiscal_year = v->as_of_year - 1; /* the year before as_of, computed once */
    m->evaluate(m, e, f, ctx, v);
    flag_uscc(f, v);
    return 0;
}

int
rules_evaluate(const rules_module *m, const rules_edition_set *set, const rules_facts *f,
               const rules_ctx *ctx, rules_verdict *v)
{
    return evaluate(m, set, f, ctx, true, v);
}

int
rules_evaluate_decision(const rules_module *m, const rules_edition_set *set, const rules_facts *f,
                        const rules_ctx *ctx, rules_verdict *v)
{
    return evaluate(m, set, f, ctx, false, v);
}
