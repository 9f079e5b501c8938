/*
 * test_hnte_pool: the default 高企培育库 edition (every parameter unverified,
 * meant to be set by the city): each condition below / on / above its
 * threshold, recognition validity at its expiry day, IP counting, missing
 * facts, a region override (an in-memory local copy of the edition), edition
 * dates, determinism and the verdict JSON round trip for every row.
 *
 * Base firm (as_of 2026-06-30, fiscal year 2025): a tech_sme recognition
 * 2026-05-01..2026-12-31; one valid Ⅱ类 IP; 100 staff, 10 tech (10%); sales
 * 1亿, R&D 300万 (3%): eligible.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)
#define WAN(x)  YUAN((int64_t)(x)*10000)

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

static void
put(rules_facts *f, int fld, int64_t v)
{
    f->years[0].v[fld] = v;
    f->years[0].has |= 1u << fld;
}

static void
base(rules_facts *f)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_REGION_CODE;
    memcpy(f->firm.region_code, "440305", 7);
    f->n_years = 1;
    f->years[0].year = 2025;
    put(f, RULES_YF_EMPLOYEES, 100);
    put(f, RULES_YF_TECH_STAFF, 10);
    put(f, RULES_YF_SALES_REVENUE, WAN(10000));
    put(f, RULES_YF_RD_EXPENSE, WAN(300));
    f->n_recognitions = 1;
    f->recognitions[0] =
        (rules_recognition){RULES_REC_TECH_SME, D("2026-05-01"), D("2026-12-31"), ""};
    f->n_ip = 1;
    f->ip[0].cls = RULES_IP_CLASS_II;
    f->ip[0].granted_on = D("2024-01-01");
    f->ip[0].expires_on = RULES_DATE_NONE;
}

static void
rec_expires_today(rules_facts *f)
{
    f->recognitions[0].expires_on = D("2026-06-30");
}
static void
rec_expired(rules_facts *f)
{
    f->recognitions[0].expires_on = D("2026-06-29");
}
static void
rec_future(rules_facts *f)
{
    f->recognitions[0].issued_on = D("2026-07-01");
}
static void
rec_none(rules_facts *f)
{
    f->n_recognitions = 0;
}
static void
rec_other_kind(rules_facts *f)
{
    f->recognitions[0].kind = RULES_REC_INNOVATIVE_SME;
}
static void
rec_open_ended(rules_facts *f)
{
    f->recognitions[0].expires_on = RULES_DATE_NONE;
}
static void
ip_none(rules_facts *f)
{
    f->n_ip = 0;
}
static void
ip_class_i(rules_facts *f)
{
    f->ip[0].cls = RULES_IP_CLASS_I;
}
static void
ip_expired(rules_facts *f)
{
    f->ip[0].expires_on = D("2026-06-29");
}
static void
ip_expires_today(rules_facts *f)
{
    f->ip[0].expires_on = D("2026-06-30");
}
static void
ip_disputed(rules_facts *f)
{
    f->ip[0].disputed = true;
}
static void
ip_later(rules_facts *f)
{
    f->ip[0].granted_on = D("2026-07-01");
}
static void
rd_3_minus(rules_facts *f)
{
    put(f, RULES_YF_RD_EXPENSE, WAN(300) - 1);
}
static void
rd_3_plus(rules_facts *f)
{
    put(f, RULES_YF_RD_EXPENSE, WAN(300) + 1);
}
static void
rd_299(rules_facts *f)
{
    put(f, RULES_YF_RD_EXPENSE, WAN(299));
}
static void
sales_zero(rules_facts *f)
{
    put(f, RULES_YF_SALES_REVENUE, 0);
    put(f, RULES_YF_RD_EXPENSE, 0);
}
static void
staff_9(rules_facts *f)
{
    put(f, RULES_YF_TECH_STAFF, 9);
}
static void
staff_11(rules_facts *f)
{
    put(f, RULES_YF_TECH_STAFF, 11);
}
static void
staff_99_1000(rules_facts *f)
{
    put(f, RULES_YF_EMPLOYEES, 1000);
    put(f, RULES_YF_TECH_STAFF, 99);
}
static void
rd_missing(rules_facts *f)
{
    f->years[0].has &= ~(1u << RULES_YF_RD_EXPENSE);
}
static void
emp_missing(rules_facts *f)
{
    f->years[0].has &= ~(1u << RULES_YF_EMPLOYEES);
}
static void
no_year(rules_facts *f)
{
    f->years[0].year = 2024;
}
static void
fail_and_missing(rules_facts *f)
{
    rec_none(f);
    rd_missing(f);
}
/* a missing fact that no value could make matter (POLICY.md §2) */
static void
rd0_sales_missing(rules_facts *f)
{
    put(f, RULES_YF_RD_EXPENSE, 0);
    f->years[0].has &= ~(1u << RULES_YF_SALES_REVENUE);
}
static void
rd_sales_missing(rules_facts *f)
{
    f->years[0].has &= ~(1u << RULES_YF_SALES_REVENUE);
}
static void
sales0_rd_missing(rules_facts *f)
{
    put(f, RULES_YF_SALES_REVENUE, 0);
    rd_missing(f);
}
static void
staff0_emp_missing(rules_facts *f)
{
    put(f, RULES_YF_TECH_STAFF, 0);
    emp_missing(f);
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
/* no  name                                        tweak              outcome              crit                passed value     missing                        gap */
{  1, "base firm eligible",                        NULL,              "eligible",          "recognition",       1, "true",  NULL, -1},
{  2, "tech_sme expiring on as_of is in force",    rec_expires_today, "eligible",          "recognition",       1, "true",  NULL, -1},
{  3, "tech_sme expired the day before",           rec_expired,       "ineligible",        "recognition",       0, "false", NULL, 1},
{  4, "tech_sme issued after as_of",               rec_future,        "ineligible",        "recognition",       0, "false", NULL, 1},
{  5, "no recognition",                            rec_none,          "ineligible",        "recognition",       0, "false", NULL, 1},
{  6, "another kind does not admit (default)",     rec_other_kind,    "ineligible",        "recognition",       0, "false", NULL, 1},
{  7, "open-ended recognition",                    rec_open_ended,    "eligible",          "recognition",       1, "true",  NULL, -1},
{ 10, "no IP fails",                               ip_none,           "ineligible",        "valid_ip",          0, "0",     NULL, 1},
{ 11, "one Ⅰ类 passes",                            ip_class_i,        "eligible",          "valid_ip",          1, "1",     NULL, -1},
{ 12, "IP expired the day before",                 ip_expired,        "ineligible",        "valid_ip",          0, "0",     NULL, 1},
{ 13, "IP expiring on as_of counts",               ip_expires_today,  "eligible",          "valid_ip",          1, "1",     NULL, -1},
{ 14, "disputed IP not counted",                   ip_disputed,       "ineligible",        "valid_ip",          0, "0",     NULL, 1},
{ 15, "IP granted after as_of not counted",        ip_later,          "ineligible",        "valid_ip",          0, "0",     NULL, 1},
{ 20, "R&D exactly 3% passes",                     NULL,              "eligible",          "rd_ratio",          1, "3.00%", NULL, -1},
{ 21, "R&D 3% − 1 fen fails, gap 1 fen",           rd_3_minus,        "ineligible",        "rd_ratio",          0, "2.99%", NULL, 1},
{ 22, "R&D 3% + 1 fen passes",                     rd_3_plus,         "eligible",          "rd_ratio",          1, "3.00%", NULL, -1},
{ 23, "R&D 2.99% fails, gap 1万元",                rd_299,            "ineligible",        "rd_ratio",          0, "2.99%", NULL, 1000000},
{ 24, "zero sales: ratio undefined fails",         sales_zero,        "ineligible",        "rd_ratio",          0, "n/a",   NULL, -1},
{ 30, "tech staff exactly 10% passes",             NULL,              "eligible",          "tech_staff_ratio",  1, "10.00%", NULL, -1},
{ 31, "tech staff 9% fails, gap 1",                staff_9,           "ineligible",        "tech_staff_ratio",  0, "9.00%", NULL, 1},
{ 32, "tech staff 11% passes",                     staff_11,          "eligible",          "tech_staff_ratio",  1, "11.00%", NULL, -1},
{ 33, "tech staff 99/1000 fails",                  staff_99_1000,     "ineligible",        "tech_staff_ratio",  0, "9.90%", NULL, 1},
{ 40, "R&D missing",                               rd_missing,        "insufficient_data", "rd_ratio",         -1, NULL,    "years.2025.rd_expense_fen", -1},
{ 41, "employees missing",                         emp_missing,       "insufficient_data", "tech_staff_ratio", -1, NULL,    "years.2025.employees", -1},
{ 42, "no 2025 object",                            no_year,           "insufficient_data", NULL,               -2, NULL,    "years.2025.sales_revenue_fen", -1},
{ 43, "a failed condition wins over missing data", fail_and_missing,  "ineligible",        "rd_ratio",         -1, NULL,    "years.2025.rd_expense_fen", -1},
{ 44, "R&D 0, sales missing: fails whatever they are", rd0_sales_missing, "ineligible",       "rd_ratio",          0, NULL,    "years.2025.sales_revenue_fen", -1},
{ 45, "R&D 300万, sales missing: undecided",         rd_sales_missing,  "insufficient_data", "rd_ratio",         -1, NULL,    "years.2025.sales_revenue_fen", -1},
{ 46, "sales 0, R&D missing: ratio undefined fails", sales0_rd_missing, "ineligible",        "rd_ratio",          0, "n/a",   "years.2025.rd_expense_fen", -1},
{ 47, "tech staff 0, employees missing: fails",      staff0_emp_missing, "ineligible",       "tech_staff_ratio",  0, NULL,    "years.2025.employees", -1},
{ 50, "USCC mismatch: eligible → needs_review",    uscc_mismatch,     "needs_review",      "uscc_check",       -1, NULL,    NULL, -1},
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
    const rules_module *m = rules_module_find("hnte_pool");
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
        if (r->missing)
            CHECK(has_missing(&v, r->missing));
        if (v.outcome == RULES_ELIGIBLE)
            CHECK_INT(v.n_missing, 0);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    T_ROW(100, "no edition before 2017-05-03; first day in force");
    base(&f);
    rules_ctx early = {D("2017-05-02"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);
    rules_ctx first = {D("2017-05-03"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &first, &v), 0);

    T_ROW(101, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(102, "region override: a city edition with R&D 4% and innovative_sme admitted");
    {
        static rules_edition_set set2;
        set2 = set;
        const rules_edition *nat = rules_edition_select(&set, "hnte_pool", ctx.as_of, "");
        CHECK(nat != NULL);
        if (nat && set2.n < RULES_MAX_EDITIONS) {
            rules_edition *loc = &set2.items[set2.n++];
            *loc = *nat;
            snprintf(loc->edition_id, sizeof loc->edition_id, "hnte_pool/test-4403");
            snprintf(loc->region_prefix, sizeof loc->region_prefix, "4403");
            loc->p[rules_module_param_index(m, "rd_sales_min")].v[0] = rules_ratio_make(4, 100);
            rules_param_value *k = &loc->p[rules_module_param_index(m, "recognition_kinds")];
            k->v[k->n++] = rules_ratio_make(RULES_REC_INNOVATIVE_SME, 1);
            base(&f);
            rules_evaluate(m, &set2, &f, &ctx, &v);
            CHECK_STR(v.edition_id, "hnte_pool/test-4403");
            CHECK_STR(rules_outcome_name(v.outcome), "ineligible"); /* 3% < 4% */
            const rules_criterion_result *c = rules_verdict_find(&v, "rd_ratio");
            CHECK(c && c->gap.set && c->gap.amount == WAN(100));
            put(&f, RULES_YF_RD_EXPENSE, WAN(400));
            rec_other_kind(&f);
            rules_evaluate(m, &set2, &f, &ctx, &v);
            CHECK_STR(rules_outcome_name(v.outcome), "eligible");
            rules_ctx other = {ctx.as_of, "110108"};
            rules_evaluate(m, &set2, &f, &other, &v);
            CHECK_STR(v.edition_id, "hnte_pool/default");
            CHECK_STR(rules_outcome_name(v.outcome),
                      "ineligible"); /* innovative_sme not admitted */
        }
    }
    T_DONE();
}
