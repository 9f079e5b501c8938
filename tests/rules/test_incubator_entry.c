/*
 * test_incubator_entry: boundary table for 在孵企业 entry (300号 第九条(九);
 * policy-sources.md §4.2 and its §9.3 "Incubator" rows): the 科小 gates on
 * both sides of each limit, age at entry at 24 months / + 1 day (with month
 * clamping), the officer's on-site confirmation, missing data, the new-firm
 * year rule, edition start, determinism and the verdict JSON round trip.
 *
 * Base firm (as_of 2026-06-30, fiscal year 2025): established 2024-07-15,
 * entered 2026-06-01; 20 employees, sales 500万元, assets 300万元; resident,
 * not restricted; the officer confirmed the site → eligible.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

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

static void
set(rules_year *y, int fld, int64_t v)
{
    y->v[fld] = v;
    y->has |= 1u << fld;
}

static void
officer(rules_facts *f, int score)
{
    rules_expert_score *x = &f->expert[f->n_expert++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "incubator_entry.on_site");
    x->score = score;
    snprintf(x->by, sizeof x->by, "officer-7");
}

static void
base(rules_facts *f)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_RESIDENT_ENTERPRISE | 1u << RULES_FF_RESTRICTED_INDUSTRY |
                  1u << RULES_FF_REGION_CODE | 1u << RULES_FF_ESTABLISHED_ON;
    f->firm.resident_enterprise = true;
    memcpy(f->firm.region_code, "440305", 7);
    f->firm.established_on = D("2024-07-15");
    f->has = RULES_TF_INCUBATION;
    f->incubation.entry_on = D("2026-06-01");
    f->incubation.domain = RULES_DOMAIN_OTHER;
    f->incubation.exit_on = RULES_DATE_NONE;
    f->n_years = 1;
    rules_year *y = &f->years[0];
    y->year = 2025;
    set(y, RULES_YF_EMPLOYEES, 20);
    set(y, RULES_YF_SALES_REVENUE, 500000000);
    set(y, RULES_YF_TOTAL_ASSETS, 300000000);
    officer(f, 1);
}

static rules_year *
Y(rules_facts *f)
{
    return &f->years[0];
}

/* ---- tweaks ---- */
static void
emp_500(rules_facts *f)
{
    set(Y(f), RULES_YF_EMPLOYEES, 500);
}
static void
emp_501(rules_facts *f)
{
    set(Y(f), RULES_YF_EMPLOYEES, 501);
}
static void
sales_at(rules_facts *f)
{
    set(Y(f), RULES_YF_SALES_REVENUE, 20000000000);
}
static void
sales_over(rules_facts *f)
{
    set(Y(f), RULES_YF_SALES_REVENUE, 20000000001);
}
static void
assets_at(rules_facts *f)
{
    set(Y(f), RULES_YF_TOTAL_ASSETS, 20000000000);
}
static void
assets_over(rules_facts *f)
{
    set(Y(f), RULES_YF_TOTAL_ASSETS, 20000000001);
}
static void
not_resident(rules_facts *f)
{
    f->firm.resident_enterprise = false;
}
static void
restricted(rules_facts *f)
{
    f->firm.restricted_industry = true;
}
static void
comp(rules_facts *f, rules_compliance_kind k, const char *on, const char *cleared)
{
    f->compliance[f->n_compliance++] =
        (rules_compliance_event){k, D(on), cleared ? D(cleared) : RULES_DATE_NONE};
}
static void
comp_in(rules_facts *f)
{
    comp(f, RULES_COMP_MAJOR_SAFETY, "2025-01-01", NULL);
}
static void
comp_before(rules_facts *f)
{
    comp(f, RULES_COMP_MAJOR_SAFETY, "2024-12-31", NULL);
}
static void
list_open(rules_facts *f)
{
    comp(f, RULES_COMP_ABNORMAL_LIST, "2020-01-01", NULL);
}
static void
list_cleared(rules_facts *f)
{
    comp(f, RULES_COMP_ABNORMAL_LIST, "2020-01-01", "2024-12-31");
}
/* age at entry */
static void
age_24m(rules_facts *f)
{
    f->firm.established_on = D("2024-06-01");
}
static void
age_24m_1d(rules_facts *f)
{
    f->firm.established_on = D("2024-05-31");
}
static void
age_23m(rules_facts *f)
{
    f->firm.established_on = D("2024-07-01");
}
static void
clamp_ok(rules_facts *f)
{
    f->firm.established_on = D("2020-02-29");
    f->incubation.entry_on = D("2022-02-28"); /* 2020-02-29 + 24 months = 2022-02-28 */
}
static void
clamp_late(rules_facts *f)
{
    f->firm.established_on = D("2020-02-29");
    f->incubation.entry_on = D("2022-03-01");
}
static void
no_entry_recorded(rules_facts *f)
{
    f->nulls |= RULES_TF_INCUBATION; /* an applicant: entry = as_of 2026-06-30 */
}
static void
applicant_too_old(rules_facts *f)
{
    f->has &= ~RULES_TF_INCUBATION;
    f->firm.established_on = D("2024-06-29"); /* + 24 months = 2026-06-29 < as_of */
}
static void
applicant_on_day(rules_facts *f)
{
    f->has &= ~RULES_TF_INCUBATION;
    f->firm.established_on = D("2024-06-30");
}
/* officer */
static void
no_officer(rules_facts *f)
{
    f->n_expert = 0;
}
static void
officer_no(rules_facts *f)
{
    f->n_expert = 0;
    officer(f, 0);
}
static void
officer_odd(rules_facts *f)
{
    f->n_expert = 0;
    officer(f, 5);
}
static void
officer_other_key(rules_facts *f)
{
    f->n_expert = 0;
    officer(f, 1);
    snprintf(f->expert[0].key, sizeof f->expert[0].key, "incubator_exit.on_site");
}
/* missing */
static void
no_est(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_ESTABLISHED_ON);
}
static void
no_resident(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_RESIDENT_ENTERPRISE);
}
static void
no_year(rules_facts *f)
{
    f->n_years = 0;
}
static void
no_year_no_officer(rules_facts *f)
{
    no_year(f);
    no_officer(f);
}
static void
missing_and_failing(rules_facts *f)
{
    no_year(f);
    restricted(f);
}
/* new firm: established 2026-01-10, after fiscal 2025 ended */
static void
new_firm(rules_facts *f)
{
    f->firm.established_on = D("2026-01-10");
    Y(f)->year = 2026;
}
static void
new_firm_no_current(rules_facts *f)
{
    f->firm.established_on = D("2026-01-10");
}
static void
new_firm_big(rules_facts *f)
{
    new_firm(f);
    set(Y(f), RULES_YF_EMPLOYEES, 501);
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
{  1, "base: all gates pass, site confirmed",         NULL,              "eligible",          "on_site",     1, NULL, -1},
{  2, "employees 500 passes",                          emp_500,           "eligible",          "employees",   1, NULL, -1},
{  3, "employees 501 fails",                           emp_501,           "ineligible",        "employees",   0, NULL, 1},
{  4, "sales exactly 2亿 passes",                      sales_at,          "eligible",          "sales_revenue", 1, NULL, -1},
{  5, "sales 2亿 + 1 fen fails",                       sales_over,        "ineligible",        "sales_revenue", 0, NULL, 1},
{  6, "assets exactly 2亿 passes",                     assets_at,         "eligible",          "total_assets", 1, NULL, -1},
{  7, "assets 2亿 + 1 fen fails",                      assets_over,       "ineligible",        "total_assets", 0, NULL, 1},
{  8, "not resident fails",                            not_resident,      "ineligible",        "resident_enterprise", 0, NULL, -1},
{  9, "restricted industry fails",                     restricted,        "ineligible",        "not_restricted", 0, NULL, -1},
{ 10, "safety incident on 2025-01-01 (window start)",  comp_in,           "ineligible",        "compliance",  0, NULL, -1},
{ 11, "safety incident 2024-12-31 (before window)",    comp_before,       "eligible",          "compliance",  1, NULL, -1},
{ 12, "abnormal list still open",                      list_open,         "ineligible",        "compliance",  0, NULL, -1},
{ 13, "abnormal list cleared before window",           list_cleared,      "eligible",          "compliance",  1, NULL, -1},
{ 20, "age at entry exactly 24 months passes",         age_24m,           "eligible",          "entry_age",   1, NULL, -1},
{ 21, "age at entry 24 months + 1 day fails",          age_24m_1d,        "ineligible",        "entry_age",   0, NULL, 1},
{ 22, "age at entry 23 months passes",                 age_23m,           "eligible",          "entry_age",   1, NULL, -1},
{ 23, "clamped: 2020-02-29 + 24 months = 2022-02-28",  clamp_ok,          "eligible",          "entry_age",   1, NULL, -1},
{ 24, "clamped: 2022-03-01 is one day late",           clamp_late,        "ineligible",        "entry_age",   0, NULL, 1},
{ 25, "no entry recorded (null): as_of is the entry",  no_entry_recorded, "eligible",          "entry_age",   1, NULL, -1},
{ 26, "applicant 24 months + 1 day on as_of",          applicant_too_old, "ineligible",        "entry_age",   0, NULL, 1},
{ 27, "applicant exactly 24 months on as_of",          applicant_on_day,  "eligible",          "entry_age",   1, NULL, -1},
{ 30, "site not confirmed → needs_review",             no_officer,        "needs_review",      "on_site",    -1, NULL, -1},
{ 31, "officer says not on site → ineligible",         officer_no,        "ineligible",        "on_site",     0, NULL, -1},
{ 32, "officer score neither 1 nor 0 → needs_review",  officer_odd,       "needs_review",      "on_site",    -1, NULL, -1},
{ 33, "confirmation under another module's key",       officer_other_key, "needs_review",      "on_site",    -1, NULL, -1},
{ 40, "established_on missing",                        no_est,            "insufficient_data", "entry_age",  -1, "firm.established_on", -1},
{ 41, "resident fact missing",                         no_resident,       "insufficient_data", "resident_enterprise", -1, "firm.resident_enterprise", -1},
{ 42, "no fiscal-year facts",                          no_year,           "insufficient_data", "employees",  -1, "years.2025.employees", -1},
{ 43, "missing data beats needs_review",               no_year_no_officer, "insufficient_data", "on_site",   -1, "years.2025.total_assets_fen", -1},
{ 44, "a failing gate beats missing data",             missing_and_failing, "ineligible",      "not_restricted", 0, "years.2025.sales_revenue_fen", -1},
{ 50, "new firm sized on the current year",            new_firm,          "eligible",          "employees",   1, NULL, -1},
{ 51, "new firm without current-year facts",           new_firm_no_current, "insufficient_data", "employees", -1, "years.2026.employees", -1},
{ 52, "new firm over the head-count limit",            new_firm_big,      "ineligible",        "employees",   0, NULL, 1},
{ 60, "USCC mismatch: eligible → needs_review",        uscc_mismatch,     "needs_review",      "uscc_check", -1, NULL, -1},
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
    const rules_module *m = rules_module_find("incubator_entry");
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
        CHECK(v.verified);
        CHECK(!v.scored && !v.has_award);
        if (v.outcome == RULES_ELIGIBLE || v.outcome == RULES_NEEDS_REVIEW)
            CHECK_STR(rules_route_name(v.route), "conditions");
        else
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

    T_ROW(100, "age value and exact days at the limit");
    base(&f);
    age_24m(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    const rules_criterion_result *c = rules_verdict_find(&v, "entry_age");
    CHECK(c && strcmp(c->value, "24 个月 0 天") == 0 && c->exact.num == 730);

    T_ROW(101, "no edition before 2018-12-14; first day works");
    base(&f);
    rules_ctx early = {D("2018-12-13"), ""}, first = {D("2018-12-14"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);
    CHECK_INT(rules_evaluate(m, &set, &f, &first, &v), 0);

    T_ROW(102, "citation names 300号 and the 115号 article");
    base(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    char cite[256];
    rules_criterion_citation(&v, rules_verdict_find(&v, "employees"), cite, sizeof cite);
    CHECK_STR(cite, "国科发区〔2018〕300号 第九条(九); 国科发政〔2017〕115号 第六条(二)");

    T_ROW(103, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(104, "grants the incubator_tenant recognition (seed stage)");
    CHECK_INT(m->recognition, RULES_REC_INCUBATOR_TENANT);
    T_DONE();
}
