/*
 * test_incubator_exit: boundary table for graduation and tenure (300号;
 * policy-sources.md §4.2–§4.3 and its §9.3 "Incubator" rows): VC exactly
 * 500万 / + 1 fen, two-year revenue exactly 1000万 / + 1 fen, tenure 48
 * months / + 1 day and 60 months for biomed, agriculture and IC, the 高企
 * route at its expiry day, the officer's M&A / listing fact, exit before
 * as_of, missing data, determinism and the verdict JSON round trip.
 *
 * Base firm (as_of 2026-06-30, fiscal year 2025): established 2022-03-01,
 * entered 2023-01-10 (domain other, limit 2027-01-10); operating revenue
 * 2024 300万元 + 2025 400万元; one equity round of 200万元 → not graduated,
 * within its tenure: ineligible.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)

static rules_date
D(const char *s)
{
    rules_date d = RULES_DATE_NONE;
    if (rules_date_parse(s, strlen(s), &d) != 0)
        abort();
    return d;
}

typedef void (*tweak_fn)(rules_facts *f);

typedef struct row {
    int no;
    const char *name;
    tweak_fn tweak;
    const char *outcome;
    const char *crit;    /* a criterion to check, or NULL */
    int passed;          /* 1, 0, -1 (null), -2 not checked */
    const char *missing; /* a path expected in missing[], or NULL */
    int64_t gap;         /* expected gap amount of crit, or -1 */
} row;

static rules_year *
year(rules_facts *f, int y)
{
    for (int i = 0; i < f->n_years; i++)
        if (f->years[i].year == y)
            return &f->years[i];
    /* keep the array sorted: callers add years in ascending order */
    rules_year *n = &f->years[f->n_years++];
    memset(n, 0, sizeof *n);
    n->year = y;
    return n;
}

static void
revenue(rules_facts *f, int y, int64_t fen)
{
    rules_year *p = year(f, y);
    p->v[RULES_YF_OPERATING_REVENUE] = fen;
    p->has |= 1u << RULES_YF_OPERATING_REVENUE;
}

static void
round_(rules_facts *f, const char *on, int64_t fen, bool qualified)
{
    f->equity[f->n_equity++] = (rules_equity_round){D(on), qualified, fen};
}

static void
base(rules_facts *f)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_ESTABLISHED_ON | 1u << RULES_FF_REGION_CODE;
    f->firm.established_on = D("2022-03-01");
    memcpy(f->firm.region_code, "440305", 7);
    f->has = RULES_TF_INCUBATION;
    f->incubation.entry_on = D("2023-01-10");
    f->incubation.domain = RULES_DOMAIN_OTHER;
    f->incubation.exit_on = RULES_DATE_NONE;
    revenue(f, 2024, YUAN(3000000));
    revenue(f, 2025, YUAN(4000000));
    round_(f, "2024-05-01", YUAN(2000000), false);
}

static void
officer(rules_facts *f, const char *key, int score)
{
    rules_expert_score *x = &f->expert[f->n_expert++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    x->score = score;
    snprintf(x->by, sizeof x->by, "officer-3");
}

static void
rec(rules_facts *f, rules_recognition_kind k, const char *from, const char *to)
{
    rules_recognition *r = &f->recognitions[f->n_recognitions++];
    memset(r, 0, sizeof *r);
    r->kind = k;
    r->issued_on = D(from);
    r->expires_on = to ? D(to) : RULES_DATE_NONE;
}

/* ---- VC ---- */
static void
vc_at(rules_facts *f)
{
    round_(f, "2025-09-01", YUAN(3000000), true);
}
static void
vc_over(rules_facts *f)
{
    round_(f, "2025-09-01", YUAN(3000000) + 1, false);
}
static void
vc_after_asof(rules_facts *f)
{
    round_(f, "2026-07-01", YUAN(9000000), true);
}
static void
vc_on_asof(rules_facts *f)
{
    round_(f, "2026-06-30", YUAN(9000000), true);
}
/* ---- revenue ---- */
static void
rev_at(rules_facts *f)
{
    revenue(f, 2025, YUAN(7000000));
}
static void
rev_over(rules_facts *f)
{
    revenue(f, 2025, YUAN(7000000) + 1);
}
static void
rev_earlier_run(rules_facts *f)
{
    f->n_years = 0;
    revenue(f, 2022, YUAN(6000000));
    revenue(f, 2023, YUAN(5000000));
    revenue(f, 2024, YUAN(100000));
    revenue(f, 2025, YUAN(100000));
}
static void
rev_current_year_ignored(rules_facts *f)
{
    revenue(f, 2026, YUAN(20000000)); /* 2025 + 2026 would pass; 2026 is not closed */
}
static void
rev_missing(rules_facts *f)
{
    f->years[1].has = 0; /* 2025 */
}
static void
rev_missing_but_vc(rules_facts *f)
{
    rev_missing(f);
    vc_over(f);
}
static void
rev_missing_earlier_passes(rules_facts *f)
{
    rev_earlier_run(f);
    f->years[3].has = 0; /* 2025 unknown, 2022+2023 already over */
}
static void
rev_new_firm(rules_facts *f)
{
    f->firm.established_on = D("2025-02-01");
    f->incubation.entry_on = D("2025-03-01");
    f->n_years = 0;
    revenue(f, 2025, YUAN(10000000) + 1); /* 2024 counts as 0 */
}
static void
rev_new_firm_at(rules_facts *f)
{
    rev_new_firm(f);
    revenue(f, 2025, YUAN(10000000));
}
/* ---- 高企 ---- */
static void
hnte(rules_facts *f)
{
    rec(f, RULES_REC_HIGH_TECH, "2024-12-01", "2027-11-30");
}
static void
hnte_expires_today(rules_facts *f)
{
    rec(f, RULES_REC_HIGH_TECH, "2023-06-30", "2026-06-30");
}
static void
hnte_expired(rules_facts *f)
{
    rec(f, RULES_REC_HIGH_TECH, "2023-06-29", "2026-06-29");
}
static void
tech_sme_only(rules_facts *f)
{
    rec(f, RULES_REC_TECH_SME, "2026-01-01", "2026-12-31");
}
/* ---- M&A / listing ---- */
static void
merged_yes(rules_facts *f)
{
    officer(f, "incubator_exit.graduate_merged_listed", 1);
}
static void
merged_no(rules_facts *f)
{
    officer(f, "incubator_exit.graduate_merged_listed", 0);
}
static void
merged_wrong_key(rules_facts *f)
{
    officer(f, "incubator_entry.graduate_merged_listed", 1);
}
/* ---- tenure ---- */
static void
t48(rules_facts *f)
{
    f->incubation.entry_on = D("2022-06-30");
}
static void
t48_1d(rules_facts *f)
{
    f->incubation.entry_on = D("2022-06-29");
}
static void
ic_48_1d(rules_facts *f)
{
    t48_1d(f);
    f->incubation.domain = RULES_DOMAIN_IC;
}
static void
biomed_60(rules_facts *f)
{
    f->firm.established_on = D("2021-01-01");
    f->incubation.entry_on = D("2021-06-30");
    f->incubation.domain = RULES_DOMAIN_BIOMED;
}
static void
biomed_60_1d(rules_facts *f)
{
    biomed_60(f);
    f->incubation.entry_on = D("2021-06-29");
}
static void
agri_60_1d(rules_facts *f)
{
    biomed_60_1d(f);
    f->incubation.domain = RULES_DOMAIN_AGRICULTURE;
}
static void
agri_60(rules_facts *f)
{
    biomed_60(f);
    f->incubation.domain = RULES_DOMAIN_AGRICULTURE;
}
static void
clamp_48(rules_facts *f)
{
    f->incubation.entry_on = D("2022-02-28"); /* + 48 months = 2026-02-28 */
}
static void
overstay_graduated(rules_facts *f)
{
    t48_1d(f);
    vc_over(f);
}
static void
overstay_rev_missing(rules_facts *f)
{
    t48_1d(f);
    rev_missing(f);
}
/* ---- exit before as_of ---- */
static void
exited(rules_facts *f)
{
    f->incubation.exit_on = D("2025-12-31");
    f->n_years = 0;
    revenue(f, 2023, YUAN(2000000));
    revenue(f, 2024, YUAN(3000000)); /* fiscal year of the exit is 2024: 500万 */
    rec(f, RULES_REC_HIGH_TECH, "2026-03-01", "2029-02-28"); /* after exit: not counted */
}
static void
exited_graduated(rules_facts *f)
{
    f->incubation.exit_on = D("2025-12-31");
    f->n_years = 0;
    revenue(f, 2023, YUAN(6000000));
    revenue(f, 2024, YUAN(4000000) + 1); /* fiscal year of the exit is 2024 */
}
static void
exited_late(rules_facts *f)
{
    f->incubation.exit_on = D("2026-12-31"); /* after as_of: as_of is the reference */
}
/* ---- tenant ---- */
static void
not_tenant(rules_facts *f)
{
    f->nulls |= RULES_TF_INCUBATION;
}
static void
no_incubation(rules_facts *f)
{
    f->has &= ~RULES_TF_INCUBATION;
}
static void
future_entry(rules_facts *f)
{
    f->incubation.entry_on = D("2026-07-01");
}
static void
no_domain(rules_facts *f)
{
    f->incubation.domain = RULES_DOMAIN_NONE;
}
static void
no_domain_graduated(rules_facts *f)
{
    no_domain(f);
    vc_over(f);
}
/* a missing fact that no value could make matter (POLICY.md §2) */
static void
no_domain_48_1d(rules_facts *f)
{
    t48_1d(f);
    no_domain(f);
}
static void
no_domain_60_1d(rules_facts *f)
{
    biomed_60_1d(f);
    no_domain(f);
}
static void
rev_missing_2024_over(rules_facts *f)
{
    revenue(f, 2024, YUAN(10000000) + 1);
    rev_missing(f);
}
static void
uscc_mismatch(rules_facts *f)
{
    vc_over(f);
    memcpy(f->firm.uscc, "91350100M0001TGQXM", 19);
    f->firm.has |= 1u << RULES_FF_USCC;
    f->firm.uscc_check_mismatch = true;
}

/* clang-format off */
static const row rows[] = {
{  1, "base: not graduated, within tenure",            NULL,                  "ineligible",        "tenure",            1, NULL, -1},
{  2, "VC exactly 500万 is not over",                   vc_at,                 "ineligible",        "graduate_vc",       0, NULL, 1},
{  3, "VC 500万 + 1 fen graduates",                     vc_over,               "eligible",          "graduate_vc",       1, NULL, -1},
{  4, "VC after as_of not counted",                    vc_after_asof,         "ineligible",        "graduate_vc",       0, NULL, YUAN(3000000) + 1},
{  5, "VC on as_of counted",                           vc_on_asof,            "eligible",          "graduate_vc",       1, NULL, -1},
{ 10, "revenue 2024+2025 exactly 1000万: not over",     rev_at,                "ineligible",        "graduate_revenue",  0, NULL, 1},
{ 11, "revenue 1000万 + 1 fen graduates",               rev_over,              "eligible",          "graduate_revenue",  1, NULL, -1},
{ 12, "an earlier run 2022+2023 over 1000万",            rev_earlier_run,       "eligible",          "graduate_revenue",  1, NULL, -1},
{ 13, "the current, unclosed year is not used",        rev_current_year_ignored, "ineligible",     "graduate_revenue",  0, NULL, YUAN(3000000) + 1},
{ 14, "2025 revenue missing → insufficient_data",      rev_missing,           "insufficient_data", "graduate_revenue", -1, "years.2025.operating_revenue_fen", -1},
{ 15, "revenue missing but VC graduates",              rev_missing_but_vc,    "eligible",          "graduate_revenue", -1, "years.2025.operating_revenue_fen", -1},
{ 16, "latest year missing, earlier run passes",       rev_missing_earlier_passes, "eligible",     "graduate_revenue",  1, NULL, -1},
{ 17, "new firm: year before founding counts as 0",    rev_new_firm,          "eligible",          "graduate_revenue",  1, NULL, -1},
{ 18, "new firm at exactly 1000万",                      rev_new_firm_at,       "ineligible",        "graduate_revenue",  0, NULL, 1},
{ 20, "高企 in force graduates",                         hnte,                  "eligible",          "graduate_hnte",     1, NULL, -1},
{ 21, "高企 expiring on as_of still held",               hnte_expires_today,    "eligible",          "graduate_hnte",     1, NULL, -1},
{ 22, "高企 expired the day before",                    hnte_expired,          "ineligible",        "graduate_hnte",     0, NULL, -1},
{ 23, "科小 is not 高企",                                tech_sme_only,         "ineligible",        "graduate_hnte",     0, NULL, -1},
{ 30, "officer confirms M&A / listing",                merged_yes,            "eligible",          "graduate_merged_listed", 1, NULL, -1},
{ 31, "officer says no M&A / listing",                 merged_no,             "ineligible",        "graduate_merged_listed", 0, NULL, -1},
{ 32, "confirmation under another module's key",       merged_wrong_key,      "ineligible",        "graduate_merged_listed", 0, NULL, -1},
{ 40, "tenure exactly 48 months: within",              t48,                   "ineligible",        "tenure",            1, NULL, -1},
{ 41, "tenure 48 months + 1 day: overstay flagged",    t48_1d,                "needs_review",      "tenure",            0, NULL, 1},
{ 42, "IC: 48 months + 1 day is within 60",            ic_48_1d,              "ineligible",        "tenure",            1, NULL, -1},
{ 43, "biomed exactly 60 months: within",              biomed_60,             "ineligible",        "tenure",            1, NULL, -1},
{ 44, "biomed 60 months + 1 day: overstay",            biomed_60_1d,          "needs_review",      "tenure",            0, NULL, 1},
{ 45, "agriculture exactly 60 months: within",         agri_60,               "ineligible",        "tenure",            1, NULL, -1},
{ 46, "agriculture 60 months + 1 day: overstay",       agri_60_1d,            "needs_review",      "tenure",            0, NULL, 1},
{ 47, "clamped limit 2026-02-28: 122 days over",       clamp_48,              "needs_review",      "tenure",            0, NULL, 122},
{ 48, "graduated and overstayed: still graduated",     overstay_graduated,    "eligible",          "tenure",            0, NULL, 1},
{ 49, "overstay with revenue missing",                 overstay_rev_missing,  "insufficient_data", "tenure",            0, "years.2025.operating_revenue_fen", 1},
{ 50, "exited 2025-12-31: judged on the exit date",    exited,                "ineligible",        "graduate_hnte",     0, NULL, -1},
{ 51, "exited, graduated on 2023+2024 revenue",        exited_graduated,      "eligible",          "graduate_revenue",  1, NULL, -1},
{ 52, "exit date after as_of: as_of is the reference", exited_late,           "ineligible",        "tenant",            1, NULL, -1},
{ 60, "incubation null: not a tenant",                 not_tenant,            "ineligible",        "tenant",            0, NULL, -1},
{ 61, "incubation absent: missing",                    no_incubation,         "insufficient_data", "tenant",           -1, "incubation", -1},
{ 62, "entry after as_of: not yet a tenant",           future_entry,          "ineligible",        "tenant",            0, NULL, -1},
{ 63, "domain missing, 41 months: within either limit", no_domain,            "ineligible",        "tenure",            1, "incubation.domain", -1},
{ 64, "domain missing, graduated",                     no_domain_graduated,   "eligible",          "tenure",            1, "incubation.domain", -1},
{ 65, "domain missing, 48 months + 1 day: undecided",  no_domain_48_1d,       "insufficient_data", "tenure",           -1, "incubation.domain", -1},
{ 66, "domain missing, 60 months + 1 day: over either", no_domain_60_1d,      "needs_review",      "tenure",            0, "incubation.domain", 1},
{ 19, "2025 revenue missing, 2024 alone over 1000万",   rev_missing_2024_over, "eligible",          "graduate_revenue",  1, NULL, -1},
{ 70, "USCC mismatch: eligible → needs_review",        uscc_mismatch,         "needs_review",      "uscc_check",       -1, NULL, -1},
};
/* clang-format on */

int
main(void)
{
    static rules_edition_set set;
    char err[512];
    if (facts_editions_load_dir(facts_editions_default_dir(), &set, err, sizeof err) != 0) {
        fprintf(stderr, "editions: %s\n", err);
        return 1;
    }
    const rules_module *m = rules_module_find("incubator_exit");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    rules_ctx ctx = {D("2026-06-30"), "440305"};
    static rules_facts f;
    static rules_verdict v, v2;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        T_ROW(r->no, r->name);
        base(&f);
        if (r->tweak)
            r->tweak(&f);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
        CHECK_STR(rules_outcome_name(v.outcome), r->outcome);
        CHECK_STR(v.edition, "国科发区〔2018〕300号");
        CHECK(!v.verified);
        CHECK(!v.scored && !v.has_award);
        if (v.outcome == RULES_ELIGIBLE)
            CHECK_STR(rules_route_name(v.route), "direct");
        else if (!(v.outcome == RULES_NEEDS_REVIEW && r->crit &&
                   strcmp(r->crit, "uscc_check") == 0))
            CHECK(rules_route_name(v.route) == NULL);
        if (r->crit) {
            const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
            CHECK(c != NULL);
            if (c) {
                if (r->passed != -2)
                    CHECK_INT(c->passed, r->passed);
                if (c->passed == RULES_NO)
                    CHECK(c->message_zh[0] != '\0');
                if (r->gap >= 0) {
                    CHECK(c->gap.set);
                    CHECK_INT(c->gap.amount, r->gap);
                }
            }
        }
        if (r->missing)
            CHECK(has_missing(&v, r->missing));
        if (v.outcome != RULES_INSUFFICIENT_DATA && !r->missing)
            CHECK_INT(v.n_missing, 0);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    T_ROW(100, "fiscal year follows the exit date");
    base(&f);
    exited(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    CHECK_INT(v.fiscal_year, 2024);
    const rules_criterion_result *c = rules_verdict_find(&v, "tenure");
    CHECK(c && c->passed == RULES_YES && c->exact.num == 1086); /* 2023-01-10 → 2025-12-31 */

    T_ROW(101, "tenure value at exactly 48 months");
    base(&f);
    t48(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    c = rules_verdict_find(&v, "tenure");
    CHECK(c && strcmp(c->value, "48 个月 0 天") == 0);

    T_ROW(102, "no edition before 2018-12-14; first day works");
    base(&f);
    rules_ctx early = {D("2018-12-13"), ""}, first = {D("2018-12-14"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);
    f.incubation.entry_on = D("2018-01-01");
    CHECK_INT(rules_evaluate(m, &set, &f, &first, &v), 0);

    T_ROW(103, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(104, "more VC never un-graduates");
    base(&f);
    bool was = false;
    for (int k = 0; k < 10; k++) {
        round_(&f, "2025-01-01", YUAN(500000), false);
        rules_evaluate(m, &set, &f, &ctx, &v);
        bool now = v.outcome == RULES_ELIGIBLE;
        CHECK(!was || now);
        was = now;
    }
    CHECK(was);
    T_DONE();
}
