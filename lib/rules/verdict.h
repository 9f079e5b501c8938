/*
 * verdict: the result of one module evaluation, shaped exactly like the
 * JSON of POLICY.md §7 (lib/facts/verdict_json.c maps it 1:1).
 *
 * Fixed capacity, no pointers except to static module tables, so a verdict
 * lives on the stack or in a caller's array and is never freed. The helpers
 * below are what module code uses to fill one; they never allocate.
 * Pure: libc only.
 */
#ifndef PEIYU_RULES_VERDICT_H
#define PEIYU_RULES_VERDICT_H

#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>

#include "rules/date.h"
#include "rules/ratio.h"

#define RULES_MAX_CRITERIA 24
#define RULES_MAX_MISSING  32
#define RULES_PATH_LEN     64

struct rules_module;
struct rules_edition;

typedef enum rules_outcome {
    RULES_ELIGIBLE,
    RULES_INELIGIBLE,
    RULES_NEEDS_REVIEW,
    RULES_INSUFFICIENT_DATA,
} rules_outcome;

/* ROUTE_NONE is JSON null: gates failed or data missing before a route held. */
typedef enum rules_route {
    RULES_ROUTE_NONE,
    RULES_ROUTE_SCORE,      /* decided by the score and its pass rule */
    RULES_ROUTE_DIRECT,     /* a 直通车 condition held */
    RULES_ROUTE_CONDITIONS, /* unscored modules: all conditions */
} rules_route;

typedef enum rules_criterion_kind {
    RULES_CRIT_GATE,   /* must hold */
    RULES_CRIT_SCORE,  /* gives points */
    RULES_CRIT_DIRECT, /* any one that holds (with the gates) qualifies directly */
} rules_criterion_kind;

/* Tri-state for "passed": JSON true / false / null (undecided: data missing
 * or expert-judged). */
typedef enum rules_tri { RULES_NO = 0, RULES_YES = 1, RULES_UNKNOWN = -1 } rules_tri;

/* Gap to pass (or to the next band), in the facts' own units. */
typedef struct rules_gap {
    bool set;
    char unit[12]; /* "fen", "persons", "items", "days", "months", "years", "points" */
    int64_t amount;
    char text_zh[160];
} rules_gap;

typedef struct rules_criterion_result {
    const struct rules_criterion_def *def; /* id, labels, kind, max_points, citation */
    bool explain;   /* copy of the verdict's `explained`: the text helpers write only when set */
    char value[48]; /* display; "" = null */
    bool has_exact;
    rules_ratio exact; /* value_exact {num, den}; integers have den 1 */
    char threshold[96];
    bool has_points; /* false for gates and direct routes: JSON null */
    int points;
    int max_points; /* score criteria: from the table (JSON null otherwise) */
    rules_tri passed;
    char message_zh[224];
    rules_gap gap;
} rules_criterion_result;

typedef struct rules_verdict {
    const struct rules_module *module;
    /* true (rules_evaluate): every text field is written. false
     * (rules_evaluate_decision): value, threshold, message_zh and gap.text_zh
     * are "" while every decision field (outcome, route, scores, each
     * criterion's id, kind, value_exact, points, passed, gap unit and amount,
     * missing paths, award) is exactly what the explained evaluation gives.
     * Only an explained verdict may be shown, stored or serialised. */
    bool explained;
    char edition[128];
    char edition_id[64];
    bool verified;
    rules_date as_of;
    int fiscal_year; /* 0: null */
    int as_of_year;  /* rules_date_year(as_of), computed once by rules_verdict_begin */
    rules_outcome outcome;
    rules_route route;
    bool scored;      /* false: score, score_min, score_max are null */
    bool score_known; /* false: score is null (range only) */
    int score, score_min, score_max;
    int n_criteria;
    rules_criterion_result criteria[RULES_MAX_CRITERIA];
    int n_missing;
    char missing[RULES_MAX_MISSING][RULES_PATH_LEN];
    bool has_award;
    int64_t award_fen;
} rules_verdict;

const char *rules_outcome_name(rules_outcome o);
int rules_outcome_parse(const char *s, rules_outcome *out);
const char *rules_route_name(rules_route r); /* NULL for RULES_ROUTE_NONE */
int rules_route_parse(const char *s, rules_route *out);
const char *rules_criterion_kind_name(rules_criterion_kind k);

/* ---- builder helpers for module code ---- */

/* Reset v for module m and edition e (copies document, id, verified);
 * explain says whether the text helpers below write (v->explained). */
void rules_verdict_begin(rules_verdict *v, const struct rules_module *m,
                         const struct rules_edition *e, rules_date as_of, int fiscal_year,
                         bool explain);

/* rules_date_year(t), without the date arithmetic when t is the verdict's
 * as_of (the common case: modules ask for as_of's year several times). */
static inline int
rules_verdict_year_of(const rules_verdict *v, rules_date t)
{
    return t == v->as_of ? v->as_of_year : rules_date_year(t);
}

/* Append a result for criterion def_index of the module's table; returns it
 * empty (strings "", numbers 0, flags false) with passed = RULES_UNKNOWN.
 * Only the fields are reset, not the bytes behind each string's NUL.
 * Asserts capacity. */
rules_criterion_result *rules_verdict_add(rules_verdict *v, int def_index);

/* Find the result for criterion id, or NULL. */
const rules_criterion_result *rules_verdict_find(const rules_verdict *v, const char *id);

/* Record a missing fact path (printf format); duplicates are ignored and
 * paths beyond RULES_MAX_MISSING are dropped (the last slot says "…"). */
void rules_verdict_missing(rules_verdict *v, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Missing path of fiscal-year field fld of year y: "years.2025.employees". */
void rules_verdict_missing_year(rules_verdict *v, int year, int fld);

/*
 * Text of a criterion. value_pct/int/yuan always set value_exact (a decision
 * field) and write the display value only when c->explain; threshold,
 * message, value_text and the text of gap likewise. rules_crit_gap always
 * sets the gap's unit and amount. Module code that formats a piece of text
 * itself (into a local buffer used only for text) uses rules_fmt, which
 * writes "" when the verdict is not explained, or tests rules_explaining.
 */
static inline bool
rules_explaining(const rules_verdict *v)
{
    return v->explained;
}

/*
 * The text formatters for module code: with `on` false (v->explained or
 * c->explain false) they only make buf "" (and return 0 / buf), so text that
 * nobody reads is never formatted in decision mode.
 */
static inline size_t
rules_text_yuan(bool on, char *buf, size_t size, int64_t fen)
{
    if (on)
        return rules_fmt_yuan(buf, size, fen);
    if (size)
        buf[0] = '\0';
    return 0;
}

static inline size_t
rules_text_pct(bool on, char *buf, size_t size, rules_ratio r)
{
    if (on)
        return rules_fmt_pct(buf, size, r);
    if (size)
        buf[0] = '\0';
    return 0;
}

static inline size_t
rules_text_pct_short(bool on, char *buf, size_t size, rules_ratio r)
{
    if (on)
        return rules_fmt_pct_short(buf, size, r);
    if (size)
        buf[0] = '\0';
    return 0;
}

static inline char *
rules_text_date(bool on, rules_date t, char *buf, size_t size)
{
    if (on)
        return rules_date_format(t, buf, size);
    if (size)
        buf[0] = '\0';
    return buf;
}

size_t(rules_fmt)(const rules_verdict *v, char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void(rules_crit_value_fmt)(rules_criterion_result *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void rules_crit_value_pct(rules_criterion_result *c, rules_ratio r);
void rules_crit_value_int(rules_criterion_result *c, int64_t n);
void rules_crit_value_yuan(rules_criterion_result *c, int64_t fen);
void rules_crit_value_text(rules_criterion_result *c, const char *s);
void(rules_crit_threshold)(rules_criterion_result *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void(rules_crit_message)(rules_criterion_result *c, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void(rules_crit_gap)(rules_criterion_result *c, const char *unit, int64_t amount, const char *fmt,
                     ...) __attribute__((format(printf, 4, 5)));

/* Set the decision part of a gap (set, unit, amount) and nothing else. */
static inline void
rules_crit_gap_amount(rules_criterion_result *c, const char *unit, int64_t amount)
{
    size_t i = 0;
    /* cppcheck-suppress arrayIndexOutOfBoundsCond ; the loop stops at unit's NUL */
    for (; i < sizeof c->gap.unit - 1 && unit[i]; i++)
        c->gap.unit[i] = unit[i];
    c->gap.unit[i] = '\0';
    c->gap.set = true;
    c->gap.amount = amount;
}

/*
 * The text helpers are also macros that test the explain flag before the
 * call, so that in decision mode neither the call nor its arguments (a
 * rules_text_* formatter, a parameter lookup) are evaluated. Each argument
 * is still evaluated at most once, and a criterion argument exactly once.
 * The functions (in parentheses) behave the same when called directly.
 */
static inline size_t
rules_fmt_none_(char *buf, size_t size)
{
    if (size)
        buf[0] = '\0';
    return 0;
}

#define rules_fmt(v, buf, size, ...)                                                               \
    ((v)->explained ? (rules_fmt)((v), (buf), (size), __VA_ARGS__) : rules_fmt_none_((buf), (size)))
#define rules_crit_value_fmt(c, ...)                                                               \
    do {                                                                                           \
        rules_criterion_result *rules_c_ = (c);                                                    \
        if (rules_c_->explain)                                                                     \
            (rules_crit_value_fmt)(rules_c_, __VA_ARGS__);                                         \
    } while (0)
#define rules_crit_threshold(c, ...)                                                               \
    do {                                                                                           \
        rules_criterion_result *rules_c_ = (c);                                                    \
        if (rules_c_->explain)                                                                     \
            (rules_crit_threshold)(rules_c_, __VA_ARGS__);                                         \
    } while (0)
#define rules_crit_message(c, ...)                                                                 \
    do {                                                                                           \
        rules_criterion_result *rules_c_ = (c);                                                    \
        if (rules_c_->explain)                                                                     \
            (rules_crit_message)(rules_c_, __VA_ARGS__);                                           \
    } while (0)
#define rules_crit_gap(c, unit, amount, ...)                                                       \
    do {                                                                                           \
        rules_criterion_result *rules_c_ = (c);                                                    \
        if (rules_c_->explain)                                                                     \
            (rules_crit_gap)(rules_c_, (unit), (amount), __VA_ARGS__);                             \
        else                                                                                       \
            rules_crit_gap_amount(rules_c_, (unit), (amount));                                     \
    } while (0)

#endif
