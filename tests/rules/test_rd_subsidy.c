/*
 * test_rd_subsidy: the two seeded editions of the R&D subsidy
 * (policy-sources.md §5.1 A–B and its §9.3 "Subsidies" rows): every band edge
 * of the 深圳龙岗 2022 table on both sides, each band's intensity exactly on
 * it and one fen short, the gates (revenue 2000万, 3%, super-deduction, holder),
 * the tier multipliers and caps (cap hit exactly), the 湖南 increment formula
 * (negative increment, rounding down to the fen, cap hit exactly and
 * exceeded), missing data, edition selection by region and start date,
 * determinism and the verdict JSON round trip.
 *
 * Base firm (龙岗 440307, as_of 2026-06-30, fiscal year 2025): 高企 in force;
 * operating revenue 1亿元; R&D 1000万元 (10%); super-deduction filed →
 * band 1000万–3000万 @ 7% → 30万元.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)
#define WAN(x)  YUAN((int64_t)(x)*10000)
#define NUL     (-1) /* award_fen null */

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
    const char *region; /* NULL = 440307 */
    int64_t rd, rev;    /* fiscal 2025 R&D and operating revenue; 0 = base */
    tweak_fn tweak;
    const char *outcome;
    int64_t award;    /* expected award_fen, or NUL */
    const char *crit; /* a criterion to check, or NULL */
    int passed;       /* 1, 0, -1, -2 not checked */
    const char *missing;
    int64_t gap; /* expected gap amount of crit, or -1 */
} row;

static void
set(rules_year *y, int fld, int64_t v)
{
    y->v[fld] = v;
    y->has |= 1u << fld;
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

static void
base(rules_facts *f, const row *r)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_REGION_CODE;
    memcpy(f->firm.region_code, r->region ? r->region : "440307", 7);
    f->n_years = 2;
    f->years[0].year = 2024;
    set(&f->years[0], RULES_YF_RD_EXPENSE, WAN(800));
    rules_year *y = &f->years[1];
    y->year = 2025;
    set(y, RULES_YF_OPERATING_REVENUE, r->rev ? r->rev : WAN(10000));
    set(y, RULES_YF_RD_EXPENSE, r->rd ? r->rd : WAN(1000));
    set(y, RULES_YF_RD_DEDUCTION_FILED, 1);
    rec(f, RULES_REC_HIGH_TECH, "2024-12-01", "2027-11-30");
    if (r->tweak)
        r->tweak(f);
}

static rules_year *
Y(rules_facts *f)
{
    return &f->years[1];
}

static void
sme(rules_facts *f)
{
    rec(f, RULES_REC_SPECIALIZED_SME, "2025-01-01", "2027-12-31");
}
static void
giant(rules_facts *f)
{
    rec(f, RULES_REC_LITTLE_GIANT, "2025-07-01", "2028-06-30");
}
static void
both_tiers(rules_facts *f)
{
    sme(f);
    giant(f);
}
static void
giant_expired(rules_facts *f)
{
    rec(f, RULES_REC_LITTLE_GIANT, "2022-07-01", "2025-06-30");
}
static void
no_hnte(rules_facts *f)
{
    f->n_recognitions = 0;
}
static void
hnte_expired(rules_facts *f)
{
    f->recognitions[0].issued_on = D("2023-06-29");
    f->recognitions[0].expires_on = D("2026-06-29");
}
static void
sme_without_hnte(rules_facts *f)
{
    no_hnte(f);
    sme(f);
}
static void
tech_sme_only(rules_facts *f)
{
    no_hnte(f);
    rec(f, RULES_REC_TECH_SME, "2026-01-01", "2026-12-31");
}
static void
not_filed(rules_facts *f)
{
    set(Y(f), RULES_YF_RD_DEDUCTION_FILED, 0);
}
static void
no_filed_fact(rules_facts *f)
{
    Y(f)->has &= ~(1u << RULES_YF_RD_DEDUCTION_FILED);
}
static void
rd_zero(rules_facts *f)
{
    set(Y(f), RULES_YF_RD_EXPENSE, 0);
}
static void
no_rd(rules_facts *f)
{
    Y(f)->has &= ~(1u << RULES_YF_RD_EXPENSE);
}
static void
no_rev(rules_facts *f)
{
    Y(f)->has &= ~(1u << RULES_YF_OPERATING_REVENUE);
}
static void
no_prev_rd(rules_facts *f)
{
    f->years[0].has = 0;
}
/* a missing fact that no value could make matter (POLICY.md §2) */
static void
rd0_no_rev(rules_facts *f)
{
    rd_zero(f);
    no_rev(f);
}
static void
rev0_no_rd(rules_facts *f)
{
    set(Y(f), RULES_YF_OPERATING_REVENUE, 0);
    no_rd(f);
}
static void
rd0_no_prev_rd(rules_facts *f)
{
    rd_zero(f);
    no_prev_rd(f);
}
static void
rd5_no_prev_rd(rules_facts *f)
{
    set(Y(f), RULES_YF_RD_EXPENSE, 5);
    no_prev_rd(f);
}
static void
no_rd_and_no_holder(rules_facts *f)
{
    no_rd(f);
    no_hnte(f);
}
static void
prev_rd(rules_facts *f, int64_t fen)
{
    set(&f->years[0], RULES_YF_RD_EXPENSE, fen);
}
/* 湖南: 2025 R&D is WAN(20000) (set by the row), 2024 varies */
static void
inc_5000w(rules_facts *f)
{
    prev_rd(f, WAN(15000));
}
static void
inc_neg(rules_facts *f)
{
    prev_rd(f, WAN(20000) + 1);
}
static void
inc_zero(rules_facts *f)
{
    prev_rd(f, WAN(20000));
}
static void
inc_9fen(rules_facts *f)
{
    prev_rd(f, WAN(20000) - 9);
}
static void
inc_10fen(rules_facts *f)
{
    prev_rd(f, WAN(20000) - 10);
}
static void
inc_19fen(rules_facts *f)
{
    prev_rd(f, WAN(20000) - 19);
}
static void
inc_cap(rules_facts *f)
{
    prev_rd(f, WAN(10000));
} /* +1亿 → 1000万 */
static void
inc_cap_1(rules_facts *f)
{
    prev_rd(f, WAN(10000) - 10);
} /* raw 1000万 + 1 fen */
static void
inc_cap_below(rules_facts *f)
{
    prev_rd(f, WAN(10000) + 10);
} /* 1000万 − 1 fen */
static void
inc_not_filed(rules_facts *f)
{
    inc_5000w(f);
    not_filed(f);
}
static void
inc_no_hnte(rules_facts *f)
{
    inc_5000w(f);
    no_hnte(f);
}
static void
inc_giant(rules_facts *f)
{
    inc_5000w(f);
    giant(f);
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
/* no  name                                               region    rd                 rev                 tweak            outcome              award            crit        passed missing gap */
{  1, "base: 1000万 @ 10% → 30万",                         NULL,     0,                 0,                  NULL,            "eligible",          WAN(30),         "band",      1, NULL, -1},
/* §9.3 rows */
{  2, "R 9,999,999 元 @ exactly 9% → 10万",                NULL,     YUAN(9999999),     11111110000LL,      NULL,            "eligible",          WAN(10),         "band",      1, NULL, -1},
{  3, "R 9,999,999 元 @ 9% − ε → 0",                      NULL,     YUAN(9999999),     11111110001LL,      NULL,            "ineligible",        0,               "band",      0, NULL, 1},
{  4, "R 1000万 @ exactly 7% → 30万",                      NULL,     WAN(1050),         WAN(15000),         NULL,            "eligible",          WAN(30),         "band",      1, NULL, -1},
{  5, "R 1000万 @ 6.99% → 0",                              NULL,     WAN(1000),         14306151645LL,      NULL,            "ineligible",        0,               "band",      0, NULL, -1},
{  6, "小巨人 at the 200万 band → 400万 (cap exactly)",     NULL,     WAN(10000),        WAN(100000),        giant,           "eligible",          WAN(400),        "tier",      1, NULL, -1},
{  7, "专精特新 at the 200万 band → 300万 (cap exactly)",   NULL,     WAN(10000),        WAN(100000),        sme,             "eligible",          WAN(300),        "tier",      1, NULL, -1},
/* band edges (amount), intensity comfortably met */
{ 10, "R 1000万 − 1 fen → 10万 band",                      NULL,     WAN(1000) - 1,     0,                  NULL,            "eligible",          WAN(10),         "band",      1, NULL, -1},
{ 11, "R 3000万 − 1 fen → 30万",                           NULL,     WAN(3000) - 1,     0,                  NULL,            "eligible",          WAN(30),         "band",      1, NULL, -1},
{ 12, "R 3000万 → 50万",                                   NULL,     WAN(3000),         0,                  NULL,            "eligible",          WAN(50),         "band",      1, NULL, -1},
{ 13, "R 6000万 − 1 fen → 50万",                           NULL,     WAN(6000) - 1,     0,                  NULL,            "eligible",          WAN(50),         "band",      1, NULL, -1},
{ 14, "R 6000万 → 100万",                                  NULL,     WAN(6000),         0,                  NULL,            "eligible",          WAN(100),        "band",      1, NULL, -1},
{ 15, "R 1亿 − 1 fen → 100万",                             NULL,     WAN(10000) - 1,    WAN(100000),        NULL,            "eligible",          WAN(100),        "band",      1, NULL, -1},
{ 16, "R 1亿 → 200万",                                     NULL,     WAN(10000),        WAN(100000),        NULL,            "eligible",          WAN(200),        "band",      1, NULL, -1},
{ 17, "R 0 @ 0% → no award",                               NULL,     0,                 0,                  rd_zero,         "ineligible",        0,               "intensity_min", 0, NULL, -1},
/* band intensities exactly on and one fen short */
{ 20, "3000万 band @ exactly 5% → 50万",                    NULL,     WAN(3000),         WAN(60000),         NULL,            "eligible",          WAN(50),         "band",      1, NULL, -1},
{ 21, "3000万 band @ 5% − ε → 0",                          NULL,     WAN(3000),         WAN(60000) + 1,     NULL,            "ineligible",        0,               "band",      0, NULL, 1},
{ 22, "6000万 band @ exactly 3% → 100万",                   NULL,     WAN(6000),         WAN(200000),        NULL,            "eligible",          WAN(100),        "band",      1, NULL, -1},
{ 23, "6000万 band @ 3% − ε: the 3% gate fails too",       NULL,     WAN(6000),         WAN(200000) + 1,    NULL,            "ineligible",        0,               "intensity_min", 0, NULL, 1},
{ 24, "1亿 band @ exactly 3% → 200万",                      NULL,     WAN(12000),        WAN(400000),        NULL,            "eligible",          WAN(200),        "band",      1, NULL, -1},
/* gates */
{ 30, "revenue exactly 2000万 passes",                     NULL,     WAN(200),          WAN(2000),          NULL,            "eligible",          WAN(10),         "revenue_min", 1, NULL, -1},
{ 31, "revenue 2000万 − 1 fen fails",                      NULL,     WAN(200),          WAN(2000) - 1,      NULL,            "ineligible",        0,               "revenue_min", 0, NULL, 1},
{ 32, "super-deduction not filed",                         NULL,     0,                 0,                  not_filed,       "ineligible",        0,               "deduction_filed", 0, NULL, -1},
{ 33, "no qualifying recognition",                         NULL,     0,                 0,                  no_hnte,         "ineligible",        0,               "holder",    0, NULL, -1},
{ 34, "高企 expired the day before as_of",                  NULL,     0,                 0,                  hnte_expired,    "ineligible",        0,               "holder",    0, NULL, -1},
{ 35, "省专精特新 without 高企 is a holder (×150%)",        NULL,     0,                 0,                  sme_without_hnte, "eligible",         WAN(45),         "tier",      1, NULL, -1},
{ 36, "科小 alone is not a holder",                         NULL,     0,                 0,                  tech_sme_only,   "ineligible",        0,               "holder",    0, NULL, -1},
/* tiers */
{ 40, "专精特新 at 10万 → 15万",                            NULL,     WAN(500),          WAN(5000),            sme,             "eligible",          WAN(15),         "tier",      1, NULL, -1},
{ 41, "小巨人 at 10万 → 20万",                              NULL,     WAN(500),          WAN(5000),            giant,           "eligible",          WAN(20),         "tier",      1, NULL, -1},
{ 42, "both tiers at 100万 → the larger, 200万",            NULL,     WAN(6000),         0,                  both_tiers,      "eligible",          WAN(200),        "tier",      1, NULL, -1},
{ 43, "expired 小巨人 gives no multiplier",                 NULL,     0,                 0,                  giant_expired,   "eligible",          WAN(30),         "tier",      1, NULL, -1},
{ 44, "tier on a failed band stays 0",                      NULL,     WAN(1000),         14306151645LL,      giant,           "ineligible",        0,               "band",      0, NULL, -1},
/* missing */
{ 50, "R&D missing",                                       NULL,     0,                 0,                  no_rd,           "insufficient_data", NUL,             "band",     -1, "years.2025.rd_expense_fen", -1},
{ 51, "revenue missing",                                   NULL,     0,                 0,                  no_rev,          "insufficient_data", NUL,             "revenue_min", -1, "years.2025.operating_revenue_fen", -1},
{ 52, "super-deduction fact missing",                      NULL,     0,                 0,                  no_filed_fact,   "insufficient_data", NUL,             "deduction_filed", -1, "years.2025.rd_deduction_filed", -1},
{ 53, "a failing gate beats missing data",                 NULL,     0,                 0,                  no_rd_and_no_holder, "ineligible",    0,               "holder",    0, "years.2025.rd_expense_fen", -1},
{ 54, "USCC mismatch: eligible → needs_review",            NULL,     0,                 0,                  uscc_mismatch,   "needs_review",      WAN(30),         "uscc_check", -1, NULL, -1},
{ 55, "R&D 0, revenue missing: 9% band fails whatever", NULL,     0,                 0,                  rd0_no_rev,      "ineligible",        0,               "band",      0, "years.2025.operating_revenue_fen", -1},
{ 56, "revenue 0, R&D missing: no band can pass",        NULL,     0,                 0,                  rev0_no_rd,      "ineligible",        0,               "band",      0, "years.2025.rd_expense_fen", -1},
{ 57, "R&D 0, revenue missing: the 3% gate fails too",   NULL,     0,                 0,                  rd0_no_rev,      "ineligible",        0,               "intensity_min", 0, "years.2025.operating_revenue_fen", -1},
/* 湖南 increment edition (region 430104) */
{ 60, "increment 5000万 → 500万",                           "430104", WAN(20000),        0,                  inc_5000w,       "eligible",          WAN(500),        "increment", 1, NULL, -1},
{ 61, "negative increment → 0",                            "430104", WAN(20000),        0,                  inc_neg,         "ineligible",        0,               "increment", 0, NULL, 11},
{ 62, "zero increment → 0; 10 fen more earns 1 fen",       "430104", WAN(20000),        0,                  inc_zero,        "ineligible",        0,               "increment", 0, NULL, 10},
{ 63, "increment 9 fen rounds down to 0",                  "430104", WAN(20000),        0,                  inc_9fen,        "ineligible",        0,               "increment", 0, NULL, 1},
{ 64, "increment 10 fen → 1 fen",                          "430104", WAN(20000),        0,                  inc_10fen,       "eligible",          1,               "increment", 1, NULL, -1},
{ 65, "increment 19 fen → 1 fen (round down)",             "430104", WAN(20000),        0,                  inc_19fen,       "eligible",          1,               "increment", 1, NULL, -1},
{ 66, "increment 1亿 → cap 1000万 exactly",                 "430104", WAN(20000),        0,                  inc_cap,         "eligible",          WAN(1000),       "increment", 1, NULL, -1},
{ 67, "raw 1000万 + 1 fen → capped",                        "430104", WAN(20000),        0,                  inc_cap_1,       "eligible",          WAN(1000),       "increment", 1, NULL, -1},
{ 68, "raw 1000万 − 1 fen → below the cap",                 "430104", WAN(20000),        0,                  inc_cap_below,   "eligible",          WAN(1000) - 1,   "increment", 1, NULL, -1},
{ 69, "super-deduction not filed",                         "430104", WAN(20000),        0,                  inc_not_filed,   "ineligible",        0,               "deduction_filed", 0, NULL, -1},
{ 70, "no holder gate in this edition",                    "430104", WAN(20000),        0,                  inc_no_hnte,     "eligible",          WAN(500),        "holder",   -2, NULL, -1},
{ 71, "no tier in this edition",                           "430104", WAN(20000),        0,                  inc_giant,       "eligible",          WAN(500),        NULL,       -2, NULL, -1},
{ 72, "previous year's R&D missing",                       "430104", WAN(20000),        0,                  no_prev_rd,      "insufficient_data", NUL,             "increment", -1, "years.2024.rd_expense_fen", -1},
{ 73, "R&D 0, last year's missing: no increment whatever", "430104", 0,             0,                  rd0_no_prev_rd,  "ineligible",        0,               "increment", 0, "years.2024.rd_expense_fen", 10},
{ 74, "R&D 5 fen, last year's missing: at most 0 fen",   "430104", 0,                 0,                  rd5_no_prev_rd,  "ineligible",        0,               "increment", 0, "years.2024.rd_expense_fen", 5},
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
    const rules_module *m = rules_module_find("rd_subsidy");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    static rules_facts f;
    static rules_verdict v, v2;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        T_ROW(r->no, r->name);
        base(&f, r);
        rules_ctx ctx = {D("2026-06-30"), r->region ? r->region : "440307"};
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
        CHECK_STR(rules_outcome_name(v.outcome), r->outcome);
        bool hunan = r->region != NULL;
        CHECK_STR(v.edition_id,
                  hunan ? "rd_subsidy/43-hunan-2021" : "rd_subsidy/440307-longgang-2022");
        CHECK(v.verified == !hunan);
        CHECK(!v.scored);
        if (r->award == NUL) {
            CHECK(!v.has_award);
        } else {
            CHECK(v.has_award);
            CHECK_INT(v.award_fen, r->award);
        }
        if (r->crit) {
            const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
            if (r->passed == -2) {
                CHECK(c == NULL); /* not part of this edition */
            } else {
                CHECK(c != NULL);
                if (c) {
                    CHECK_INT(c->passed, r->passed);
                    if (r->gap >= 0) {
                        CHECK(c->gap.set);
                        CHECK_INT(c->gap.amount, r->gap);
                    }
                }
            }
        }
        for (int k = 0; k < v.n_criteria; k++)
            CHECK(v.criteria[k].message_zh[0] != '\0');
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

    row plain = {0};
    T_ROW(100, "龙岗: none the day before 2022-11-04, the table on it");
    base(&f, &plain);
    rules_ctx c1 = {D("2022-11-03"), "440307"}, c2 = {D("2022-11-04"), "440307"};
    CHECK_INT(rules_evaluate(m, &set, &f, &c1, &v), RULES_ENOEDITION);
    CHECK_INT(rules_evaluate(m, &set, &f, &c2, &v), 0);
    CHECK_INT(v.fiscal_year, 2021);

    T_ROW(101, "region scope: 宝安 440306 and national have no edition");
    rules_ctx c3 = {D("2026-06-30"), "440306"}, c4 = {D("2026-06-30"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &c3, &v), RULES_ENOEDITION);
    CHECK_INT(rules_evaluate(m, &set, &f, &c4, &v), RULES_ENOEDITION);

    T_ROW(102, "湖南: none on 2020-12-31, the increment formula from 2021-01-01");
    rules_ctx c5 = {D("2020-12-31"), "430104"}, c6 = {D("2021-01-01"), "430104"};
    CHECK_INT(rules_evaluate(m, &set, &f, &c5, &v), RULES_ENOEDITION);
    CHECK_INT(rules_evaluate(m, &set, &f, &c6, &v), 0);
    CHECK_STR(v.edition_id, "rd_subsidy/43-hunan-2021");

    T_ROW(103, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(104, "monotonic: more R&D at fixed revenue never lowers the 龙岗 award");
    base(&f, &plain);
    f.years[1].v[RULES_YF_OPERATING_REVENUE] = WAN(200000);
    rules_ctx ctx = {D("2026-06-30"), "440307"};
    int64_t prev = 0;
    for (int64_t rd = 0; rd <= WAN(20000); rd += WAN(250)) {
        f.years[1].v[RULES_YF_RD_EXPENSE] = rd;
        rules_evaluate(m, &set, &f, &ctx, &v);
        int64_t a = v.has_award ? v.award_fen : 0;
        CHECK(a >= prev || v.outcome == RULES_INELIGIBLE);
        if (v.outcome == RULES_ELIGIBLE)
            prev = a;
    }
    T_DONE();
}
