/*
 * test_gazelle: the Liaoning 2022 瞪羚 table (policy-sources.md §6 [S], edition
 * unverified) on both sides of every threshold and exactly on it: age 20,
 * R&D intensity 2.5% over four years, the two scale bands by age (5 y / 5亿,
 * 10 y / 10亿), revenue CAGR 20% with base > 1000万 (both §9.3 gazelle rows),
 * employee CAGR 30% with base > 100, last-year growth, a single VC round >
 * 1000万; missing data, edition dates, a region override (in-memory copy),
 * determinism and the verdict JSON round trip for every row.
 *
 * Base firm (as_of 2026-06-30, fiscal year 2025): established 2012-01-01;
 * operating revenue 2022–2025 = 1250万, 1500万, 1800万, 2160万 (CAGR exactly
 * 20%); R&D exactly 2.5% of each year; 50 → 60 employees; no VC: eligible by
 * the revenue CAGR route.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)
#define WAN(x)  YUAN((int64_t)(x)*10000)
#define YI(x)   WAN((int64_t)(x)*10000)

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
    const char *crit;    /* criterion to check, or NULL */
    int passed;          /* 1, 0, -1, -2 unchecked */
    const char *value;   /* expected display value or NULL */
    const char *missing; /* expected missing path or NULL */
    int64_t gap;         /* expected gap amount or -1 */
} row;

static rules_year *
yr(rules_facts *f, int year)
{
    for (int i = 0; i < f->n_years; i++)
        if (f->years[i].year == year)
            return &f->years[i];
    abort();
}

static void
put(rules_facts *f, int year, int fld, int64_t v)
{
    rules_year *y = yr(f, year);
    y->v[fld] = v;
    y->has |= 1u << fld;
}

static void
revenue4(rules_facts *f, int64_t a, int64_t b, int64_t c, int64_t d)
{
    const int64_t r[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++) {
        put(f, 2022 + i, RULES_YF_OPERATING_REVENUE, r[i]);
        put(f, 2022 + i, RULES_YF_RD_EXPENSE, r[i] / 40); /* 2.5% (exact for these inputs) */
    }
}

static void
employees4(rules_facts *f, int64_t a, int64_t b, int64_t c, int64_t d)
{
    const int64_t r[4] = {a, b, c, d};
    for (int i = 0; i < 4; i++)
        put(f, 2022 + i, RULES_YF_EMPLOYEES, r[i]);
}

static void
base(rules_facts *f)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_ESTABLISHED_ON | 1u << RULES_FF_REGION_CODE;
    f->firm.established_on = D("2012-01-01");
    memcpy(f->firm.region_code, "210102", 7);
    f->n_years = 4;
    for (int i = 0; i < 4; i++)
        f->years[i].year = 2022 + i;
    revenue4(f, WAN(1250), WAN(1500), WAN(1800), WAN(2160));
    employees4(f, 50, 52, 55, 60);
}

/* revenue CAGR */
static void
cagr_below(rules_facts *f)
{
    put(f, 2025, RULES_YF_OPERATING_REVENUE, WAN(2160) - 1);
}
static void
cagr_base_1000w(rules_facts *f)
{
    revenue4(f, WAN(1000), WAN(1200), WAN(1500), WAN(1728));
}
static void
cagr_base_1000w_1(rules_facts *f)
{
    revenue4(f, WAN(1000), WAN(1200), WAN(1500), WAN(1728));
    put(f, 2022, RULES_YF_OPERATING_REVENUE, WAN(1000) + 1);
    put(f, 2025, RULES_YF_OPERATING_REVENUE, WAN(1728) + 2);
    put(f, 2025, RULES_YF_RD_EXPENSE, WAN(1728) / 40 + 1);
}
static void
cagr_1727(rules_facts *f)
{
    revenue4(f, WAN(1000), WAN(1200), WAN(1500), WAN(1728));
    put(f, 2025, RULES_YF_OPERATING_REVENUE, YUAN(17279999));
}
static void
last_flat(rules_facts *f)
{
    put(f, 2024, RULES_YF_OPERATING_REVENUE, WAN(2160));
    put(f, 2024, RULES_YF_RD_EXPENSE, WAN(54));
}
/* R&D intensity over 2022–2025: Σ revenue 6710万, 2.5% = 167.75万 */
static void
rd_minus(rules_facts *f)
{
    put(f, 2025, RULES_YF_RD_EXPENSE, WAN(54) - 1);
}
static void
rd_2022_missing(rules_facts *f)
{
    yr(f, 2022)->has &= ~(1u << RULES_YF_RD_EXPENSE);
}
static void
rd_zero_revenue(rules_facts *f)
{
    revenue4(f, 0, 0, 0, 0);
}
/* age */
static void
age_20(rules_facts *f)
{
    f->firm.established_on = D("2006-06-30");
}
static void
age_20_1d(rules_facts *f)
{
    f->firm.established_on = D("2006-06-29");
}
static void
est_missing(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_ESTABLISHED_ON);
}
/* scale bands (revenue CAGR kept below 20%) */
static void
scale(rules_facts *f, const char *est, int64_t last)
{
    f->firm.established_on = D(est);
    revenue4(f, YI(4), YI(4) + WAN(5000), YI(4) + WAN(8000), last);
}
static void
young_5y_5yi(rules_facts *f)
{
    scale(f, "2021-06-30", YI(5));
}
static void
young_5y_minus(rules_facts *f)
{
    scale(f, "2021-06-30", YI(5) - 1);
}
static void
young_5y1d(rules_facts *f)
{
    scale(f, "2021-06-29", YI(5));
}
static void
mid_10y_10yi(rules_facts *f)
{
    f->firm.established_on = D("2016-06-30");
    revenue4(f, YI(8), YI(9), YI(9) + WAN(5000), YI(10));
}
static void
mid_10y_minus(rules_facts *f)
{
    f->firm.established_on = D("2016-06-30");
    revenue4(f, YI(8), YI(9), YI(9) + WAN(5000), YI(10) - 40);
}
static void
mid_10y1d(rules_facts *f)
{
    f->firm.established_on = D("2016-06-29");
    revenue4(f, YI(8), YI(9), YI(9) + WAN(5000), YI(10));
}
/* employee CAGR (revenue flat so its route fails) */
static void
emp(rules_facts *f, int64_t b, int64_t p, int64_t e)
{
    last_flat(f);
    employees4(f, b, b + 20, p, e);
}
static void
emp_222(rules_facts *f)
{
    emp(f, 101, 200, 222);
}
static void
emp_221(rules_facts *f)
{
    emp(f, 101, 200, 221);
}
static void
emp_base_100(rules_facts *f)
{
    emp(f, 100, 200, 220);
}
static void
emp_last_flat(rules_facts *f)
{
    emp(f, 101, 222, 222);
}
static void
emp_missing(rules_facts *f)
{
    last_flat(f);
    yr(f, 2022)->has &= ~(1u << RULES_YF_EMPLOYEES);
}
static void
emp_missing_rev_ok(rules_facts *f)
{
    yr(f, 2022)->has &= ~(1u << RULES_YF_EMPLOYEES);
}
/* VC (revenue flat) */
static void
vc(rules_facts *f, const char *on, bool q, int64_t fen)
{
    last_flat(f);
    f->equity[f->n_equity++] = (rules_equity_round){D(on), q, fen};
}
static void
vc_over(rules_facts *f)
{
    vc(f, "2024-05-01", true, WAN(1000) + 1);
}
static void
vc_exact(rules_facts *f)
{
    vc(f, "2024-05-01", true, WAN(1000));
}
static void
vc_unqualified(rules_facts *f)
{
    vc(f, "2024-05-01", false, WAN(5000));
}
static void
vc_before(rules_facts *f)
{
    vc(f, "2022-12-31", true, WAN(5000));
}
static void
vc_window_start(rules_facts *f)
{
    vc(f, "2023-01-01", true, WAN(5000));
}
static void
vc_after(rules_facts *f)
{
    vc(f, "2026-07-01", true, WAN(5000));
}
/* young firm: no base year for the CAGR */
static void
young_no_base(rules_facts *f)
{
    f->firm.established_on = D("2023-03-01");
}
/* a missing fact that no value could make matter (POLICY.md §2) */
static void
est_missing_no_route(rules_facts *f)
{
    est_missing(f);
    last_flat(f);
}
static void
rev2022_missing(rules_facts *f)
{
    yr(f, 2022)->has &= ~(1u << RULES_YF_OPERATING_REVENUE);
}
static void
rev2022_missing_rd_2pct(rules_facts *f)
{
    const int64_t r[4] = {WAN(1250), WAN(1500), WAN(1800), WAN(2160)};
    for (int i = 0; i < 4; i++)
        put(f, 2022 + i, RULES_YF_RD_EXPENSE, r[i] / 50); /* 2%: 2023–25 alone give 2.46% */
    rev2022_missing(f);
}
static void
emp_base_missing_last_flat(rules_facts *f)
{
    emp(f, 101, 222, 222);
    yr(f, 2022)->has &= ~(1u << RULES_YF_EMPLOYEES);
}
static void
rev_base_1000w_end_missing(rules_facts *f)
{
    revenue4(f, WAN(1000), WAN(1200), WAN(1500), WAN(1728));
    yr(f, 2025)->has &= ~(1u << RULES_YF_OPERATING_REVENUE);
}
static void
uscc_mismatch(rules_facts *f)
{
    memcpy(f->firm.uscc, "91350100M0001TGQXM", 19);
    f->firm.has |= 1u << RULES_FF_USCC;
    f->firm.uscc_check_mismatch = true;
}

/* clang-format off */
static const row rows[] = {
/* no  name                                               tweak              outcome              crit              passed value      missing                               gap */
{  1, "base: CAGR exactly 20% → eligible",                NULL,              "eligible",          "revenue_cagr",    1, "172.80%", NULL, -1},
{  2, "end 1 fen short of 20% → ineligible",              cagr_below,        "ineligible",        "revenue_cagr",    0, "172.79%", NULL, 1},
{  3, "§9.3: 1000万 → 1728万 is 20%, base not > 1000万",   cagr_base_1000w,   "ineligible",        "revenue_cagr",    0, "172.80%", NULL, 1},
{  4, "base 1000万 + 1 fen, 20% reached",                 cagr_base_1000w_1, "eligible",          "revenue_cagr",    1, NULL, NULL, -1},
{  5, "§9.3: 1000万 → 17,279,999 元 fails",                cagr_1727,         "ineligible",        "revenue_cagr",    0, "172.79%", NULL, 1},
{  6, "last year not above the year before",              last_flat,         "ineligible",        "revenue_cagr",    0, NULL, NULL, 1},
{ 10, "R&D exactly 2.5% over four years passes",          NULL,              "eligible",          "rd_intensity",    1, "2.50%", NULL, -1},
{ 11, "R&D 2.5% − 1 fen fails",                           rd_minus,          "ineligible",        "rd_intensity",    0, "2.49%", NULL, 1},
{ 12, "R&D of 2022 missing",                              rd_2022_missing,   "insufficient_data", "rd_intensity",   -1, NULL, "years.2022.rd_expense_fen", -1},
{ 13, "zero revenue: intensity undefined fails",          rd_zero_revenue,   "ineligible",        "rd_intensity",    0, "n/a", NULL, -1},
{ 20, "age exactly 20 years passes",                      age_20,            "eligible",          "age",             1, "20", NULL, -1},
{ 21, "20 years + 1 day fails",                           age_20_1d,         "ineligible",        "age",             0, "20", NULL, 1},
{ 22, "established_on missing",                           est_missing,       "insufficient_data", "age",            -1, NULL, "firm.established_on", -1},
{ 30, "≤ 5 years with revenue exactly 5亿",               young_5y_5yi,      "eligible",          "scale_young",     1, NULL, NULL, -1},
{ 31, "≤ 5 years with 5亿 − 1 fen",                       young_5y_minus,    "ineligible",        "scale_young",     0, NULL, NULL, 1},
{ 32, "5 years + 1 day: young band closed",               young_5y1d,        "ineligible",        "scale_young",     0, NULL, NULL, -1},
{ 33, "≤ 10 years with revenue exactly 10亿",             mid_10y_10yi,      "eligible",          "scale_mid",       1, NULL, NULL, -1},
{ 34, "≤ 10 years with 10亿 − 40 fen",                    mid_10y_minus,     "ineligible",        "scale_mid",       0, NULL, NULL, 40},
{ 35, "10 years + 1 day: mid band closed",                mid_10y1d,         "ineligible",        "scale_mid",       0, NULL, NULL, -1},
{ 40, "employees 101 → 222: ≥ 30% CAGR",                  emp_222,           "eligible",          "employees_cagr",  1, NULL, NULL, -1},
{ 41, "employees 101 → 221: below",                       emp_221,           "ineligible",        "employees_cagr",  0, NULL, NULL, 1},
{ 42, "base exactly 100 is not above 100",                emp_base_100,      "ineligible",        "employees_cagr",  0, NULL, NULL, 1},
{ 43, "employees flat last year",                         emp_last_flat,     "ineligible",        "employees_cagr",  0, NULL, NULL, 1},
{ 44, "employees 2022 missing, no other route",           emp_missing,       "insufficient_data", "employees_cagr", -1, NULL, "years.2022.employees", -1},
{ 45, "employees missing but revenue route holds",        emp_missing_rev_ok,"eligible",          "revenue_cagr",    1, NULL, NULL, -1},
{ 50, "VC round 1000万 + 1 fen",                          vc_over,           "eligible",          "vc_round",        1, NULL, NULL, -1},
{ 51, "VC round exactly 1000万 is not above",             vc_exact,          "ineligible",        "vc_round",        0, NULL, NULL, 1},
{ 52, "non-qualified investor not counted",               vc_unqualified,    "ineligible",        "vc_round",        0, NULL, NULL, 1000000001},
{ 53, "round before the window",                          vc_before,         "ineligible",        "vc_round",        0, NULL, NULL, -1},
{ 54, "round on the window's first day",                  vc_window_start,   "eligible",          "vc_round",        1, NULL, NULL, -1},
{ 55, "round after as_of",                                vc_after,          "ineligible",        "vc_round",        0, NULL, NULL, -1},
{ 60, "established 2023: no base year for the CAGR",      young_no_base,     "ineligible",        "revenue_cagr",    0, NULL, NULL, -1},
{ 23, "established_on missing, no route can pass → ineligible", est_missing_no_route, "ineligible", "age", -1, NULL, "firm.established_on", -1},
{ 14, "2022 revenue missing, R&D could still reach 2.5%",  rev2022_missing,   "insufficient_data", "rd_intensity",   -1, NULL, "years.2022.operating_revenue_fen", -1},
{ 15, "2022 revenue missing, 2023–25 alone below 2.5%",    rev2022_missing_rd_2pct, "ineligible", "rd_intensity",    0, NULL, "years.2022.operating_revenue_fen", 2300000},
{ 46, "employees 2022 missing, flat last year fails anyway", emp_base_missing_last_flat, "ineligible", "employees_cagr", 0, NULL, "years.2022.employees", 1},
{ 47, "base 1000万 is not above 1000万, 2025 missing",      rev_base_1000w_end_missing, "ineligible", "revenue_cagr", 0, NULL, "years.2025.operating_revenue_fen", 1},
{ 61, "USCC mismatch: eligible → needs_review",           uscc_mismatch,     "needs_review",      "uscc_check",     -1, NULL, NULL, -1},
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
    const rules_module *m = rules_module_find("gazelle");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    rules_ctx ctx = {D("2026-06-30"), "210102"};
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
        const char *route = rules_route_name(v.route);
        CHECK_STR(route ? route : "null",
                  v.outcome == RULES_ELIGIBLE || v.outcome == RULES_NEEDS_REVIEW ? "conditions"
                                                                                 : "null");
        CHECK(!v.scored && !v.verified);
        CHECK_INT(v.fiscal_year, 2025);
        if (r->crit) {
            const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
            CHECK(c != NULL);
            if (c) {
                if (r->passed != -2)
                    CHECK_INT(c->passed, r->passed);
                if (r->value)
                    CHECK_STR(c->value, r->value);
                if (r->gap >= 0) {
                    CHECK(c->gap.set);
                    CHECK_INT(c->gap.amount, r->gap);
                }
            }
        }
        for (int k = 0; k < 2; k++) /* a failed gate always says what it lacks */
            if (v.criteria[k].passed == RULES_NO && strcmp(v.criteria[k].value, "n/a") != 0)
                CHECK(v.criteria[k].gap.set);
        if (r->missing)
            CHECK(has_missing(&v, r->missing));
        if (v.outcome == RULES_ELIGIBLE && !r->missing)
            CHECK(v.n_missing == 0 || r->tweak == emp_missing_rev_ok);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    T_ROW(100, "no edition before 2022-01-01; first day in force");
    base(&f);
    rules_ctx early = {D("2021-12-31"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);
    rules_ctx first = {D("2022-01-01"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &first, &v), 0);

    T_ROW(101, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(102, "region override: a local copy with revenue CAGR ≥ 15%");
    {
        static rules_edition_set set2;
        set2 = set;
        const rules_edition *nat = rules_edition_select(&set, "gazelle", ctx.as_of, "");
        CHECK(nat != NULL);
        if (nat && set2.n < RULES_MAX_EDITIONS) {
            rules_edition *loc = &set2.items[set2.n++];
            *loc = *nat;
            snprintf(loc->edition_id, sizeof loc->edition_id, "gazelle/test-2101");
            snprintf(loc->region_prefix, sizeof loc->region_prefix, "2101");
            loc->p[rules_module_param_index(m, "revenue_cagr_min")].v[0] =
                rules_ratio_make(15, 100);
            char e2[256];
            CHECK_INT(m->validate(loc, e2, sizeof e2), 0);
            base(&f);
            /* 1250万 → 1900万: 1.52 ≥ 1.15^3 = 1.520875? no: 1.52 < 1.520875 */
            put(&f, 2025, RULES_YF_OPERATING_REVENUE, WAN(1900));
            rules_evaluate(m, &set2, &f, &ctx, &v);
            CHECK_STR(v.edition_id, "gazelle/test-2101");
            CHECK_STR(rules_outcome_name(v.outcome), "ineligible");
            put(&f, 2025, RULES_YF_OPERATING_REVENUE, YUAN(19010938)); /* ≥ 1250万·1.520875 */
            rules_evaluate(m, &set2, &f, &ctx, &v);
            CHECK_STR(rules_outcome_name(v.outcome), "eligible");
            rules_ctx other = {ctx.as_of, "440305"};
            rules_evaluate(m, &set2, &f, &other, &v);
            CHECK_STR(v.edition_id, "gazelle/liaoning-2022");
            CHECK_STR(rules_outcome_name(v.outcome), "ineligible");
        }
    }

    T_ROW(103, "validate rejects scale lists of different lengths");
    {
        static rules_edition bad;
        bad = *rules_edition_select(&set, "gazelle", ctx.as_of, "");
        bad.p[rules_module_param_index(m, "scale_revenue_min_fen")].n = 1;
        char e2[256];
        CHECK(m->validate(&bad, e2, sizeof e2) != 0);
    }
    T_DONE();
}
