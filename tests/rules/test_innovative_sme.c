/*
 * test_innovative_sme: boundary table for 创新型中小企业 (63号 附件1;
 * policy-sources.md §3.1 and the 创新型 rows of §9.3): every band edge of the
 * six indicators just below and exactly on it, the group minimums, the
 * direct conditions and their windows, missing data, the edition switch at
 * 2026-03-31 / 2026-04-01, determinism and the verdict JSON round trip.
 *
 * Base firm (as_of 2025-06-30, fiscal year 2024): operating revenue 1亿元,
 * main revenue 9200万 (92% → 20) after 8000万 in 2023 (growth exactly 15%
 * → 20), R&D 500万 (exactly 5% → 20), debt 50% (→ 10), SEI field 1 (→ 10),
 * no IP: innovation 20, growth 30, specialisation 30 = 80, eligible.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)
#define WAN(x)  ((int64_t)(x)*1000000) /* 万元 in fen */

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
    const char *as_of; /* NULL: 2025-06-30 */
    const char *outcome;
    const char *route;        /* "score", "direct", "null", or NULL = not checked */
    int score_min, score_max; /* -1: not checked */
    const char *crit;         /* a criterion to check, or NULL */
    int points;               /* its points, or -1 */
    int passed;               /* 1, 0, -1 (null), -2 not checked */
    const char *missing;      /* a path expected in missing[], or NULL */
    int64_t gap;              /* expected gap amount of crit, or -1 */
} row;

static rules_year *
Y(rules_facts *f, int year)
{
    for (int i = 0; i < f->n_years; i++)
        if (f->years[i].year == year)
            return &f->years[i];
    abort();
}

static void
put(rules_year *y, int fld, int64_t v)
{
    y->v[fld] = v;
    y->has |= 1u << fld;
}

static void
drop(rules_year *y, int fld)
{
    y->has &= ~(1u << fld);
}

static int fy = 2024; /* fiscal year of the row under test */

static void
base(rules_facts *f, const row *r)
{
    memset(f, 0, sizeof *f);
    fy = rules_date_year(D(r->as_of ? r->as_of : "2025-06-30")) - 1;
    f->firm.has = 1u << RULES_FF_SEI_FIELD | 1u << RULES_FF_REGION_CODE;
    f->firm.sei_field = 1;
    memcpy(f->firm.region_code, "440300", 7);
    f->n_years = 2;
    f->years[0].year = fy - 1;
    f->years[1].year = fy;
    put(&f->years[0], RULES_YF_MAIN_REVENUE, WAN(8000));
    put(&f->years[0], RULES_YF_OPERATING_REVENUE, WAN(9000));
    rules_year *y = &f->years[1];
    put(y, RULES_YF_OPERATING_REVENUE, WAN(10000));
    put(y, RULES_YF_MAIN_REVENUE, WAN(9200));
    put(y, RULES_YF_RD_EXPENSE, WAN(500));
    put(y, RULES_YF_TOTAL_ASSETS, WAN(10000));
    put(y, RULES_YF_TOTAL_LIABILITIES, WAN(5000));
    if (r->tweak)
        r->tweak(f);
}

/* ---- tweaks ---- */

#define SET(name, year_off, fld, val)                                                              \
    static void name(rules_facts *f)                                                               \
    {                                                                                              \
        put(Y(f, fy + (year_off)), fld, val);                                                      \
    }
/* R&D / operating revenue 1亿 */
SET(rd_5, 0, RULES_YF_RD_EXPENSE, WAN(500))
SET(rd_5m, 0, RULES_YF_RD_EXPENSE, WAN(500) - 1)
SET(rd_3, 0, RULES_YF_RD_EXPENSE, WAN(300))
SET(rd_3m, 0, RULES_YF_RD_EXPENSE, WAN(300) - 1)
SET(rd_2, 0, RULES_YF_RD_EXPENSE, WAN(200))
SET(rd_2m, 0, RULES_YF_RD_EXPENSE, WAN(200) - 1)
SET(rd_1, 0, RULES_YF_RD_EXPENSE, WAN(100))
SET(rd_1m, 0, RULES_YF_RD_EXPENSE, WAN(100) - 1)
/* main revenue growth from 8000万 */
SET(g_15m, 0, RULES_YF_MAIN_REVENUE, WAN(9200) - 1)
SET(g_10, 0, RULES_YF_MAIN_REVENUE, WAN(8800))
SET(g_10m, 0, RULES_YF_MAIN_REVENUE, WAN(8800) - 1)
SET(g_5, 0, RULES_YF_MAIN_REVENUE, WAN(8400))
SET(g_5m, 0, RULES_YF_MAIN_REVENUE, WAN(8400) - 1)
SET(g_0, 0, RULES_YF_MAIN_REVENUE, WAN(8000))
SET(g_0m, 0, RULES_YF_MAIN_REVENUE, WAN(8000) - 1)
SET(g_base0, -1, RULES_YF_MAIN_REVENUE, 0)
/* debt over assets 1亿 */
SET(d_55, 0, RULES_YF_TOTAL_LIABILITIES, WAN(5500))
SET(d_55m, 0, RULES_YF_TOTAL_LIABILITIES, WAN(5500) - 1)
SET(d_75, 0, RULES_YF_TOTAL_LIABILITIES, WAN(7500))
SET(d_75m, 0, RULES_YF_TOTAL_LIABILITIES, WAN(7500) - 1)
SET(d_assets0, 0, RULES_YF_TOTAL_ASSETS, 0)

/* main share: the 2023 base is made tiny so growth stays in band A */
static void
share(rules_facts *f, int64_t main)
{
    put(Y(f, fy - 1), RULES_YF_MAIN_REVENUE, YUAN(1));
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, main);
}
static void
s_70(rules_facts *f)
{
    share(f, WAN(7000));
}
static void
s_70m(rules_facts *f)
{
    share(f, WAN(7000) - 1);
}
static void
s_60(rules_facts *f)
{
    share(f, WAN(6000));
}
static void
s_60m(rules_facts *f)
{
    share(f, WAN(6000) - 1);
}
static void
s_55(rules_facts *f)
{
    share(f, WAN(5500));
}
static void
s_55m(rules_facts *f)
{
    share(f, WAN(5500) - 1);
}
static void
s_50(rules_facts *f)
{
    share(f, WAN(5000));
}
static void
s_50m(rules_facts *f)
{
    share(f, WAN(5000) - 1);
}

static void
sei_null(rules_facts *f)
{
    f->firm.nulls |= 1u << RULES_FF_SEI_FIELD;
}
static void
sei_missing(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_SEI_FIELD);
}

static void
add_ip(rules_facts *f, rules_ip_class cls, bool hv, bool self, bool disputed, const char *expires)
{
    rules_ip *ip = &f->ip[f->n_ip++];
    memset(ip, 0, sizeof *ip);
    ip->cls = cls;
    ip->granted_on = D("2020-01-01");
    ip->expires_on = expires ? D(expires) : RULES_DATE_NONE;
    ip->high_value = hv;
    ip->self_developed = self;
    ip->disputed = disputed;
    ip->main_product = true;
}
static void
ip_hv(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, true, false, false, NULL);
}
static void
ip_self(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, false, true, false, NULL);
}
static void
ip_one(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, false, false, false, NULL);
}
static void
ip_two(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_II, false, false, false, NULL);
}
static void
ip_disputed(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, true, true, true, NULL);
}
static void
ip_expired(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, true, true, false, "2025-06-29");
}
static void
ip_expires_today(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, true, true, false, "2025-06-30");
}

/* group minimums */
static void
total60_exact(rules_facts *f) /* innovation 20, growth 10+5 = 15, spec 5+20 = 25 */
{
    g_10m(f);
    d_55(f);
    sei_null(f);
}
static void
innov15(rules_facts *f)
{
    rd_3(f);
} /* 15 + 30 + 30 = 75 */
static void
growth10(rules_facts *f) /* innovation 40, growth 5+5 = 10, spec 30 = 80 */
{
    ip_hv(f);
    g_5m(f);
    d_55(f);
}
static void
spec10(rules_facts *f) /* innovation 40, growth 30, spec 5+5 = 10 = 80 */
{
    ip_hv(f);
    put(Y(f, fy - 1), RULES_YF_MAIN_REVENUE, WAN(4000));
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(5000));
    sei_null(f);
}
static void
low(rules_facts *f) /* innovation 5 → fails the score */
{
    rd_1(f);
}

/* direct conditions (as_of 2025-06-30) */
static void
add_award(rules_facts *f, rules_award_level l, int year)
{
    f->awards[f->n_awards++] = (rules_award){l, year, 9};
}
static void
aw_prov_2022(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_PROVINCIAL, 2022);
}
static void
aw_nat_2021(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_NATIONAL, 2021);
}
static void
add_rec(rules_facts *f, rules_recognition_kind k, const char *from, const char *to)
{
    rules_recognition *r = &f->recognitions[f->n_recognitions++];
    memset(r, 0, sizeof *r);
    r->kind = k;
    r->issued_on = D(from);
    r->expires_on = to ? D(to) : RULES_DATE_NONE;
}
static void
hnte_today(rules_facts *f)
{
    low(f);
    add_rec(f, RULES_REC_HIGH_TECH, "2022-06-30", "2025-06-30");
}
static void
hnte_expired(rules_facts *f)
{
    low(f);
    add_rec(f, RULES_REC_HIGH_TECH, "2022-06-29", "2025-06-29");
}
static void
tech_sme_rec(rules_facts *f)
{
    low(f);
    add_rec(f, RULES_REC_TECH_SME, "2025-01-01", "2025-12-31");
}
static void
add_inst(rules_facts *f, rules_inst_level l)
{
    f->institutions[f->n_institutions++] = (rules_institution){l, D("2024-01-01")};
}
static void
inst_prov(rules_facts *f)
{
    low(f);
    add_inst(f, RULES_INST_PROVINCIAL);
}
static void
inst_city(rules_facts *f)
{
    low(f);
    add_inst(f, RULES_INST_CITY);
}
static void
add_eq(rules_facts *f, const char *on, bool q, int64_t fen)
{
    f->equity[f->n_equity++] = (rules_equity_round){D(on), q, fen};
}
static void
eq_500(rules_facts *f)
{
    low(f);
    add_eq(f, "2024-01-01", true, WAN(300));
    add_eq(f, "2025-06-30", true, WAN(200));
}
static void
eq_500m(rules_facts *f)
{
    low(f);
    add_eq(f, "2024-01-01", true, WAN(500) - 1);
}
static void
eq_unqualified(rules_facts *f)
{
    low(f);
    add_eq(f, "2024-01-01", false, WAN(900));
}
static void
eq_window_first(rules_facts *f)
{
    low(f);
    add_eq(f, "2022-06-30", true, WAN(500));
}
static void
eq_window_before(rules_facts *f)
{
    low(f);
    add_eq(f, "2022-06-29", true, WAN(500));
}
static void
eq_after(rules_facts *f)
{
    low(f);
    add_eq(f, "2025-07-01", true, WAN(500));
}

/* missing data */
static void
miss_rd(rules_facts *f)
{
    drop(Y(f, fy), RULES_YF_RD_EXPENSE);
}
static void
miss_prev_year(rules_facts *f)
{
    f->years[0] = f->years[1];
    f->n_years = 1;
}
static void
miss_rd_low(rules_facts *f)
{
    miss_rd(f);
    rd_1(f);
    drop(Y(f, fy), RULES_YF_RD_EXPENSE);
    g_0m(f);
}
static void
miss_debt_lowrd(rules_facts *f)
{
    rd_1(f);
    drop(Y(f, fy), RULES_YF_TOTAL_LIABILITIES);
}
/* a missing fact that no value could make matter (POLICY.md §2) */
static void
rd0_rev_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_RD_EXPENSE, 0);
    drop(Y(f, fy), RULES_YF_OPERATING_REVENUE);
}
static void
base0_main_missing(rules_facts *f)
{
    g_base0(f);
    drop(Y(f, fy), RULES_YF_MAIN_REVENUE);
}
static void
assets0_liab_missing(rules_facts *f)
{
    g_5m(f);
    d_assets0(f);
    drop(Y(f, fy), RULES_YF_TOTAL_LIABILITIES);
}
static void
main0_rev_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, 0);
    drop(Y(f, fy), RULES_YF_OPERATING_REVENUE);
}
static void
rev0_rd_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, 0);
    drop(Y(f, fy), RULES_YF_RD_EXPENSE);
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
/* no  name                                          tweak          as_of  outcome             route     min max  crit                   pts pass missing gap */
{  1, "base firm: 20 + 30 + 30 = 80",                NULL,          NULL, "eligible",          "score",   80, 80, "group_innovation",     -1,  1, NULL, -1},
/* R&D / operating revenue: 5%, 3%, 2%, 1% */
{ 10, "R&D exactly 5% → 20",                         rd_5,          NULL, "eligible",          "score",   80, 80, "rd_ratio",             20,  1, NULL, -1},
{ 11, "R&D 5% − 1 fen → 15; innovation 15 fails",    rd_5m,         NULL, "ineligible",        "score",   75, 75, "rd_ratio",             15,  1, NULL, 1},
{ 12, "R&D exactly 3% → 15",                         rd_3,          NULL, "ineligible",        "score",   75, 75, "rd_ratio",             15,  1, NULL, WAN(200)},
{ 13, "R&D 3% − 1 fen → 10",                         rd_3m,         NULL, "ineligible",        "score",   70, 70, "rd_ratio",             10,  1, NULL, 1},
{ 14, "R&D exactly 2% → 10",                         rd_2,          NULL, "ineligible",        "score",   70, 70, "rd_ratio",             10,  1, NULL, WAN(100)},
{ 15, "R&D 2% − 1 fen → 5",                          rd_2m,         NULL, "ineligible",        "score",   65, 65, "rd_ratio",              5,  1, NULL, 1},
{ 16, "R&D exactly 1% → 5",                          rd_1,          NULL, "ineligible",        "score",   65, 65, "rd_ratio",              5,  1, NULL, WAN(100)},
{ 17, "R&D 1% − 1 fen → 0",                          rd_1m,         NULL, "ineligible",        "score",   60, 60, "rd_ratio",              0,  0, NULL, 1},
/* main revenue growth: 15%, 10%, 5%, 0% */
{ 20, "growth exactly 15% → 20",                     NULL,          NULL, "eligible",          "score",   80, 80, "main_revenue_growth",  20,  1, NULL, -1},
{ 21, "growth 15% − 1 fen → 15",                     g_15m,         NULL, "eligible",          "score",   75, 75, "main_revenue_growth",  15,  1, NULL, 1},
{ 22, "growth exactly 10% → 15",                     g_10,          NULL, "eligible",          "score",   75, 75, "main_revenue_growth",  15,  1, NULL, WAN(400)},
{ 23, "growth 10% − 1 fen → 10",                     g_10m,         NULL, "eligible",          "score",   70, 70, "main_revenue_growth",  10,  1, NULL, 1},
{ 24, "growth exactly 5% → 10",                      g_5,           NULL, "eligible",          "score",   70, 70, "main_revenue_growth",  10,  1, NULL, -1},
{ 25, "growth 5% − 1 fen → 5 (growth group 15)",     g_5m,          NULL, "eligible",          "score",   65, 65, "main_revenue_growth",   5,  1, NULL, 1},
{ 26, "growth exactly 0% → 5",                       g_0,           NULL, "eligible",          "score",   65, 65, "main_revenue_growth",   5,  1, NULL, -1},
{ 27, "growth below 0% → 0 (growth group 10 fails)", g_0m,          NULL, "ineligible",        "score",   60, 60, "main_revenue_growth",   0,  0, NULL, 1},
{ 28, "base-year main revenue 0 → 0 points",         g_base0,       NULL, "ineligible",        "score",   60, 60, "main_revenue_growth",   0,  0, NULL, -1},
/* debt ratio: 55%, 75% (edge lands in the higher band) */
{ 30, "debt 55% − 1 fen → 10",                       d_55m,         NULL, "eligible",          "score",   80, 80, "debt_ratio",           10,  1, NULL, -1},
{ 31, "debt exactly 55% → 5",                        d_55,          NULL, "eligible",          "score",   75, 75, "debt_ratio",            5,  1, NULL, 1},
{ 32, "debt 75% − 1 fen → 5",                        d_75m,         NULL, "eligible",          "score",   75, 75, "debt_ratio",            5,  1, NULL, WAN(2000)},
{ 33, "debt exactly 75% → 0",                        d_75,          NULL, "eligible",          "score",   70, 70, "debt_ratio",            0,  0, NULL, 1},
{ 34, "assets 0 → debt ratio undefined, 0",          d_assets0,     NULL, "eligible",          "score",   70, 70, "debt_ratio",            0,  0, NULL, -1},
/* main-business share: 70%, 60%, 55%, 50% */
{ 40, "main share exactly 70% → 20",                 s_70,          NULL, "eligible",          "score",   80, 80, "main_revenue_share",   20,  1, NULL, -1},
{ 41, "main share 70% − 1 fen → 15",                 s_70m,         NULL, "eligible",          "score",   75, 75, "main_revenue_share",   15,  1, NULL, 1},
{ 42, "main share exactly 60% → 15",                 s_60,          NULL, "eligible",          "score",   75, 75, "main_revenue_share",   15,  1, NULL, WAN(1000)},
{ 43, "main share 60% − 1 fen → 10",                 s_60m,         NULL, "eligible",          "score",   70, 70, "main_revenue_share",   10,  1, NULL, 1},
{ 44, "main share exactly 55% → 10",                 s_55,          NULL, "eligible",          "score",   70, 70, "main_revenue_share",   10,  1, NULL, -1},
{ 45, "main share 55% − 1 fen → 5",                  s_55m,         NULL, "eligible",          "score",   65, 65, "main_revenue_share",    5,  1, NULL, 1},
{ 46, "main share exactly 50% → 5",                  s_50,          NULL, "eligible",          "score",   65, 65, "main_revenue_share",    5,  1, NULL, -1},
{ 47, "main share 50% − 1 fen → 0 (spec 10 fails)",  s_50m,         NULL, "ineligible",        "score",   60, 60, "main_revenue_share",    0,  0, NULL, 1},
/* domain */
{ 50, "SEI field → 10",                              NULL,          NULL, "eligible",          "score",   80, 80, "main_product_domain",  10,  1, NULL, -1},
{ 51, "not SEI (null) → 5",                          sei_null,      NULL, "eligible",          "score",   75, 75, "main_product_domain",   5,  1, NULL, -1},
{ 52, "sei_field missing → range 75..80",            sei_missing,   NULL, "eligible",          "score",   75, 80, "main_product_domain",  -1, -1, "firm.sei_field", -1},
/* IP */
{ 60, "high-value Ⅰ类 → 20",                         ip_hv,         NULL, "eligible",          "score",  100,100, "ip",                   20,  1, NULL, -1},
{ 61, "self-developed Ⅰ类 → 15",                     ip_self,       NULL, "eligible",          "score",   95, 95, "ip",                   15,  1, NULL, 1},
{ 62, "Ⅰ类 → 10",                                    ip_one,        NULL, "eligible",          "score",   90, 90, "ip",                   10,  1, NULL, 1},
{ 63, "Ⅱ类 → 5",                                     ip_two,        NULL, "eligible",          "score",   85, 85, "ip",                    5,  1, NULL, 1},
{ 64, "no IP → 0",                                   NULL,          NULL, "eligible",          "score",   80, 80, "ip",                    0,  0, NULL, 1},
{ 65, "disputed Ⅰ类 not counted",                    ip_disputed,   NULL, "eligible",          "score",   80, 80, "ip",                    0,  0, NULL, -1},
{ 66, "Ⅰ类 expired the day before not counted",      ip_expired,    NULL, "eligible",          "score",   80, 80, "ip",                    0,  0, NULL, -1},
{ 67, "Ⅰ类 expiring on as_of counts",                ip_expires_today, NULL, "eligible",       "score",  100,100, "ip",                   20,  1, NULL, -1},
/* group minimums (§9.3) */
{ 70, "total exactly 60 with 20/15/25 → pass",       total60_exact, NULL, "eligible",          "score",   60, 60, "group_growth",         -1,  1, NULL, -1},
{ 71, "innovation 15 with total 75 → fail",          innov15,       NULL, "ineligible",        "score",   75, 75, "group_innovation",     -1,  0, NULL, 5},
{ 72, "growth 10 with total 80 → fail",              growth10,      NULL, "ineligible",        "score",   80, 80, "group_growth",         -1,  0, NULL, 5},
{ 73, "specialisation 10 with total 80 → fail",      spec10,        NULL, "ineligible",        "score",   80, 80, "group_specialisation", -1,  0, NULL, 5},
/* direct conditions */
{ 80, "provincial award 2022 (year ≥ 2025 − 3)",     aw_prov_2022,  NULL, "eligible",          "direct",  65, 65, "direct_award",         -1,  1, NULL, -1},
{ 81, "national award 2021 → outside window",        aw_nat_2021,   NULL, "ineligible",        "score",   65, 65, "direct_award",         -1,  0, NULL, -1},
{ 82, "高企 expiring on as_of → direct",             hnte_today,    NULL, "eligible",          "direct",  65, 65, "direct_honour",        -1,  1, NULL, -1},
{ 83, "高企 expired the day before → no",            hnte_expired,  NULL, "ineligible",        "score",   65, 65, "direct_honour",        -1,  0, NULL, -1},
{ 84, "科技型中小企业 is not an honour here",         tech_sme_rec,  NULL, "ineligible",        "score",   65, 65, "direct_honour",        -1,  0, NULL, -1},
{ 85, "provincial R&D institution → direct",         inst_prov,     NULL, "eligible",          "direct",  65, 65, "direct_institution",   -1,  1, NULL, -1},
{ 86, "city R&D institution → no",                   inst_city,     NULL, "ineligible",        "score",   65, 65, "direct_institution",   -1,  0, NULL, -1},
{ 87, "equity exactly 500万 (two rounds) → direct",  eq_500,        NULL, "eligible",          "direct",  65, 65, "direct_equity",        -1,  1, NULL, -1},
{ 88, "equity 500万 − 1 fen → no",                   eq_500m,       NULL, "ineligible",        "score",   65, 65, "direct_equity",        -1,  0, NULL, 1},
{ 89, "non-qualified equity not counted",            eq_unqualified, NULL, "ineligible",       "score",   65, 65, "direct_equity",        -1,  0, NULL, WAN(500)},
{ 90, "round on as_of − 3 years counts",             eq_window_first, NULL, "eligible",        "direct",  65, 65, "direct_equity",        -1,  1, NULL, -1},
{ 91, "round a day earlier does not",                eq_window_before, NULL, "ineligible",     "score",   65, 65, "direct_equity",        -1,  0, NULL, WAN(500)},
{ 92, "round after as_of does not",                  eq_after,      NULL, "ineligible",        "score",   65, 65, "direct_equity",        -1,  0, NULL, WAN(500)},
/* missing data */
{100, "R&D missing → range 60..80, undecided",      miss_rd, NULL, "insufficient_data", "score", 60, 80, "rd_ratio",   -1, -1, "years.2024.rd_expense_fen", -1},
{101, "previous year missing → growth range",        miss_prev_year, NULL, "insufficient_data", "score",  60, 80, "main_revenue_growth",  -1, -1, "years.2023.main_revenue_fen", -1},
{102, "R&D missing and growth fails anyway",         miss_rd_low,   NULL, "ineligible",        "score",   40, 60, "group_growth",         -1,  0, "years.2024.rd_expense_fen", 5},
{103, "liabilities missing, innovation 5 fails",     miss_debt_lowrd, NULL, "ineligible",      "score",   55, 65, "debt_ratio",           -1, -1, "years.2024.total_liabilities_fen", -1},
/* a missing fact that no value could make matter (POLICY.md §2) */
{105, "R&D 0, revenue missing: 0 points whatever it is", rd0_rev_missing, NULL, "ineligible",        "score",   40, 60, "rd_ratio",              0,  0, "years.2024.operating_revenue_fen", -1},
{106, "base-year main revenue 0, this year's missing",  base0_main_missing, NULL, "ineligible",      "score",   40, 60, "main_revenue_growth",   0,  0, "years.2024.main_revenue_fen", -1},
{107, "assets 0, liabilities missing: debt 0 points",   assets0_liab_missing, NULL, "ineligible",    "score",   55, 55, "debt_ratio",            0,  0, "years.2024.total_liabilities_fen", -1},
{108, "main revenue 0, revenue missing: share 0",       main0_rev_missing, NULL, "ineligible",       "score",   20, 40, "main_revenue_share",    0,  0, "years.2024.operating_revenue_fen", -1},
{109, "revenue 0, R&D missing: ratio undefined, 0",     rev0_rd_missing, NULL, "ineligible",         "score",   40, 40, "rd_ratio",              0,  0, "years.2024.rd_expense_fen", -1},
{104, "USCC mismatch: eligible → needs_review",      uscc_mismatch, NULL, "needs_review",      "score",   80, 80, "uscc_check",           -1, -1, NULL, -1},
/* edition switch */
{110, "2026-03-31 → 63号 edition",                   NULL,   "2026-03-31", "eligible",         "score",   80, 80, NULL,                   -1, -2, NULL, -1},
{111, "2026-04-01 → 2号 edition (unverified)",       NULL,   "2026-04-01", "eligible",         "score",   80, 80, NULL,                   -1, -2, NULL, -1},
{112, "63号 edition's first day 2022-08-01",         NULL,   "2022-08-01", "eligible",         "score",   80, 80, NULL,                   -1, -2, NULL, -1},
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
    const rules_module *m = rules_module_find("innovative_sme");
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
        rules_ctx ctx = {D(r->as_of ? r->as_of : "2025-06-30"), "440300"};
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
        CHECK_STR(rules_outcome_name(v.outcome), r->outcome);
        if (r->route) {
            const char *route = rules_route_name(v.route);
            CHECK_STR(route ? route : "null", r->route);
        }
        if (r->score_min >= 0)
            CHECK_INT(v.score_min, r->score_min);
        if (r->score_max >= 0)
            CHECK_INT(v.score_max, r->score_max);
        CHECK_INT(v.fiscal_year, fy);
        bool new_ed = ctx.as_of >= D("2026-04-01");
        CHECK_STR(v.edition_id, new_ed ? "innovative_sme/2026-2" : "innovative_sme/2022-63");
        CHECK_INT(v.verified, !new_ed);
        if (r->crit) {
            const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
            CHECK(c != NULL);
            if (c) {
                if (r->points >= 0) {
                    CHECK(c->has_points);
                    CHECK_INT(c->points, r->points);
                }
                if (r->passed != -2)
                    CHECK_INT(c->passed, r->passed);
                if (r->gap >= 0) {
                    CHECK(c->gap.set);
                    CHECK_INT(c->gap.amount, r->gap);
                }
                CHECK(c->message_zh[0] != '\0');
            }
        }
        if (r->missing)
            CHECK(has_missing(&v, r->missing));
        /* every failed criterion carries a gap */
        for (int k = 0; k < v.n_criteria; k++)
            if (v.criteria[k].passed == RULES_NO && v.criteria[k].def->kind != RULES_CRIT_DIRECT &&
                r->no != 28 && r->no != 34 && r->no != 109)
                CHECK(v.criteria[k].gap.set);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    rules_ctx ctx = {D("2025-06-30"), "440300"};
    T_ROW(200, "no edition before 2022-08-01");
    rules_ctx early = {D("2022-07-31"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);

    T_ROW(201, "citation composed from edition and article");
    base(&f, &rows[0]);
    rules_evaluate(m, &set, &f, &ctx, &v);
    char cite[256];
    rules_criterion_citation(&v, rules_verdict_find(&v, "rd_ratio"), cite, sizeof cite);
    CHECK_STR(cite, "工信部企业〔2022〕63号 附件1 指标2");

    T_ROW(202, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(203, "monotonic: more R&D or more growth never lowers the score");
    int prev = -1;
    for (int64_t rd = 0; rd <= WAN(700); rd += WAN(25)) {
        put(&f.years[1], RULES_YF_RD_EXPENSE, rd);
        rules_evaluate(m, &set, &f, &ctx, &v);
        CHECK(v.score_min >= prev);
        prev = v.score_min;
    }
    prev = -1;
    for (int64_t mr = WAN(7000); mr <= WAN(10000); mr += WAN(50)) {
        put(&f.years[1], RULES_YF_MAIN_REVENUE, mr);
        rules_evaluate(m, &set, &f, &ctx, &v);
        CHECK(v.score_min >= prev);
        prev = v.score_min;
    }
    T_DONE();
}
