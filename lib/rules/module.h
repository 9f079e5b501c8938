/*
 * module: the rule-module interface, the registry, and the evaluator.
 *
 * A module is a static rules_module: an id (the name used by the API, the
 * CLI and the database), its parameter spec (what an edition must define),
 * its criteria table (declared once; evaluation and explanation both read
 * it) and an evaluate function. Modules are listed once, in
 * lib/rules/modules.def. See lib/rules/README.md.
 * Pure: libc only; evaluation never allocates.
 */
#ifndef PEIYU_RULES_MODULE_H
#define PEIYU_RULES_MODULE_H

#include <assert.h>
#include <stdbool.h>
#include <stddef.h>

#include "rules/edition.h"
#include "rules/facts.h"
#include "rules/verdict.h"

#define RULES_CRIT_MAXP 6

typedef struct rules_criterion_def {
    const char *id;
    const char *label_zh;
    const char *label_en;
    rules_criterion_kind kind;
    const char *params[RULES_CRIT_MAXP]; /* names from the module's spec, NULL-terminated */
    int max_points;                      /* score criteria only */
    const char *article;                 /* cited as "<edition document> <article>" */
    const char *citation;                /* full citation instead (engine criteria); or NULL */
} rules_criterion_def;

/* Engine-level criterion appended to any verdict whose firm's USCC fails its
 * check character (POLICY.md §6): passed null, outcome eligible → needs_review. */
extern const rules_criterion_def rules_uscc_check_def;

/* The criterion def for id in m's table or the engine's, or NULL. */
const rules_criterion_def *rules_criterion_def_find(const struct rules_module *m, const char *id);

/* Citation text of a result: "<edition document> <article>", or the def's
 * full citation. */
void rules_criterion_citation(const rules_verdict *v, const rules_criterion_result *c, char *buf,
                              size_t size);

/* What the evaluator passes to a module. */
typedef struct rules_ctx {
    rules_date as_of;   /* the relevant date of the application */
    const char *region; /* 6-digit region used for edition choice; "" = national */
} rules_ctx;

typedef struct rules_module {
    const char *id;
    const char *name_zh;
    const char *name_en;
    rules_recognition_kind recognition; /* the recognition it grants; NONE for awards */
    bool scored;
    const rules_param_spec *params;
    int n_params;
    const rules_criterion_def *criteria;
    int n_criteria;
    /* Optional load-time check of a bound edition (band lists of equal length…). */
    int (*validate)(const rules_edition *e, char *err, size_t errlen);
    /* Fill v (already begun by the evaluator). Must not allocate or do I/O. */
    void (*evaluate)(const struct rules_module *m, const rules_edition *e, const rules_facts *f,
                     const rules_ctx *ctx, rules_verdict *v);
} rules_module;

/*
 * rules_verdict_add (verdict.h), inline for module code: it runs for every
 * criterion of every evaluation. Same contract as the function, which
 * verdict.c still defines (call it as (rules_verdict_add)(v, i)).
 */
static inline rules_criterion_result *
rules_verdict_add_inline_(rules_verdict *v, int def_index)
{
    assert(v->n_criteria < RULES_MAX_CRITERIA);
    assert(def_index >= 0 && def_index < v->module->n_criteria);
    rules_criterion_result *c = &v->criteria[v->n_criteria++];
    /* Field by field: a memset of the ~600 bytes of text buffers was a
     * measurable part of every evaluation. */
    const rules_criterion_def *d = &v->module->criteria[def_index];
    c->def = d;
    c->explain = v->explained;
    c->value[0] = '\0';
    c->has_exact = false;
    c->exact = rules_ratio_make(0, 0);
    c->threshold[0] = '\0';
    c->has_points = false;
    c->points = 0;
    c->max_points = d->max_points;
    c->passed = RULES_UNKNOWN;
    c->message_zh[0] = '\0';
    c->gap.set = false;
    c->gap.unit[0] = '\0';
    c->gap.amount = 0;
    c->gap.text_zh[0] = '\0';
    return c;
}
#define rules_verdict_add(v, def_index) rules_verdict_add_inline_((v), (def_index))

/* rules_band_points_open (edition.h) on fields num_fld / den_fld of year y
 * (NULL: both missing), for module code. */
static inline void
rules_band_points_year(const rules_edition *e, int mins_param, int points_param,
                       const rules_year *y, int num_fld, int den_fld, int *lo, int *hi)
{
    bool hn = rules_year_has(y, (rules_year_field)num_fld),
         hd = rules_year_has(y, (rules_year_field)den_fld);
    rules_band_points_open(e, mins_param, points_param, hn, hn ? y->v[num_fld] : 0, hd,
                           hd ? y->v[den_fld] : 0, lo, hi);
}

/* The registered (implemented) module with this id, or NULL. */
const rules_module *rules_module_find(const char *id);

/* Registered modules in POLICY.md §4 order: i in [0, rules_module_count()). */
int rules_module_count(void);
const rules_module *rules_module_at(int i);

/* Index of parameter `name` in m's spec, or -1. */
int rules_module_param_index(const rules_module *m, const char *name);

/* Index of criterion `id` in m's table, or -1. */
int rules_module_criterion_index(const rules_module *m, const char *id);

/*
 * Build set's module → editions index for the registered modules (the
 * loader calls this once a set is complete; see rules_edition_set). Editions
 * of modules that are not registered are left out of the index; they are
 * still found by rules_edition_select.
 */
void rules_edition_set_index(rules_edition_set *set);

/* Errors of rules_evaluate. */
#define RULES_ENOEDITION (-1)

/*
 * Evaluate module m on facts f: select the edition in force on ctx->as_of for
 * ctx->region, begin the verdict (fiscal_year = year before as_of) and run the
 * module. Returns 0, or RULES_ENOEDITION (v untouched). Never allocates.
 */
int rules_evaluate(const rules_module *m, const rules_edition_set *set, const rules_facts *f,
                   const rules_ctx *ctx, rules_verdict *v);

/*
 * The same decision without its explanation, for batch simulation and
 * screening whole registries: v->explained is false and no text is
 * formatted (value, threshold, message_zh, gap.text_zh stay ""), while every
 * decision field is what rules_evaluate gives (tests/rules/test_properties.c
 * checks this for every module). Such a verdict is never shown or stored:
 * peiyuctl eval, the HTTP API and stored verdicts use rules_evaluate.
 */
int rules_evaluate_decision(const rules_module *m, const rules_edition_set *set,
                            const rules_facts *f, const rules_ctx *ctx, rules_verdict *v);

#endif
