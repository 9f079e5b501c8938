/*
 * test_specialized_sme: boundary table for 专精特新中小企业 (policy-sources.md
 * §3.2, §3.5 and the 专精特新 / 2026 rows of §9.3): the 2022 gates on both
 * sides of each threshold, score bands, the officer-scored 特色化 block as a
 * range (national one-item table; Sichuan's three-item regional edition),
 * direct conditions, missing data, the 2026 conditions and the edition
 * switch at 2026-03-31 / 2026-04-01; determinism and the JSON round trip.
 *
 * Base firm (fiscal year Y = as_of year − 1): main revenue 1亿 → 1.1亿 →
 * 1.21亿 (mean growth exactly 10% → 10), operating revenue of Y 1.5亿 (main
 * share 80.67% → 5), R&D of Y 600万 (4%; amount band A → 10), net profit
 * 10% → 10, debt 40% → 5, 20/100 R&D staff → 5, niche since 2015 (→ 5),
 * 补短板 → 5, digital level 3 → 5, ISO 9001 + own brand → 5, no IP, no
 * institution, 特色化 not yet scored: 65..80, eligible.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define WAN(x) ((int64_t)(x)*1000000) /* 万元 in fen */

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
    const char *as_of;        /* NULL: 2025-06-30 */
    const char *region;       /* NULL: 440300 */
    const char *outcome;      /* NULL: not checked */
    const char *route;        /* "score", "direct", "conditions", "null", or NULL */
    int score_min, score_max; /* -1: not checked */
    const char *crit;
    int points; /* -1: not checked */
    int passed; /* 1, 0, -1 (null), -2 not checked */
    const char *missing;
    int64_t gap; /* -1: not checked */
} row;

static int fy;

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
base(rules_facts *f, const row *r)
{
    memset(f, 0, sizeof *f);
    fy = rules_date_year(D(r->as_of ? r->as_of : "2025-06-30")) - 1;
    rules_firm *fm = &f->firm;
    fm->has = 1u << RULES_FF_NICHE_SINCE | 1u << RULES_FF_KEY_CHAIN_LINK |
              1u << RULES_FF_SIX_FOUNDATIONS | 1u << RULES_FF_DIGITAL_LEVEL |
              1u << RULES_FF_QUALITY | 1u << RULES_FF_OWN_BRAND;
    fm->niche_since = D("2015-01-01");
    fm->key_chain_link = true;
    fm->digital_level = 3;
    fm->quality.iso9001 = true;
    fm->own_brand = true;
    f->n_years = 3;
    static const int64_t main[3] = {10000, 11000, 12100}, opr[3] = {11000, 13000, 15000},
                         rd[3] = {400, 500, 600};
    for (int k = 0; k < 3; k++) {
        rules_year *y = &f->years[k];
        y->year = fy - 2 + k;
        put(y, RULES_YF_MAIN_REVENUE, WAN(main[k]));
        put(y, RULES_YF_OPERATING_REVENUE, WAN(opr[k]));
        put(y, RULES_YF_RD_EXPENSE, WAN(rd[k]));
    }
    rules_year *y = &f->years[2];
    put(y, RULES_YF_NET_PROFIT, WAN(1500));
    put(y, RULES_YF_TOTAL_ASSETS, WAN(10000));
    put(y, RULES_YF_TOTAL_LIABILITIES, WAN(4000));
    put(y, RULES_YF_EMPLOYEES, 100);
    put(y, RULES_YF_RD_STAFF, 20);
    if (r->tweak)
        r->tweak(f);
}

/* ---- tweaks ---- */

#define SET(name, off, fld, val)                                                                   \
    static void name(rules_facts *f)                                                               \
    {                                                                                              \
        put(Y(f, fy + (off)), fld, val);                                                           \
    }
#define NICHE(name, date)                                                                          \
    static void name(rules_facts *f)                                                               \
    {                                                                                              \
        f->firm.niche_since = D(date);                                                             \
    }

NICHE(niche_2y, "2023-01-01")
NICHE(niche_2y_short, "2023-01-02")
NICHE(niche_1y, "2024-01-01")
NICHE(niche_9y, "2016-01-01")
NICHE(niche_20y, "2005-01-01")
static void
niche_null(rules_facts *f)
{
    f->firm.nulls |= 1u << RULES_FF_NICHE_SINCE;
}
static void
niche_missing(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_NICHE_SINCE);
}

static void
rd_amount(rules_facts *f, int64_t rd)
{
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, WAN(2000));
    put(Y(f, fy), RULES_YF_RD_EXPENSE, rd);
}
static void
rd_100(rules_facts *f)
{
    rd_amount(f, WAN(100));
}
static void
rd_100m(rules_facts *f)
{
    rd_amount(f, WAN(100) - 1);
}
SET(rd_3pct, 0, RULES_YF_RD_EXPENSE, WAN(450))
SET(rd_3pct_m, 0, RULES_YF_RD_EXPENSE, WAN(450) - 1)

static void
revenue(rules_facts *f, int64_t rev)
{
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, rev);
}
static void
add_eq(rules_facts *f, const char *on, bool q, int64_t fen)
{
    f->equity[f->n_equity++] = (rules_equity_round){D(on), q, fen};
}
static void
rev_1000(rules_facts *f)
{
    revenue(f, WAN(1000));
}
static void
rev_low_eq(rules_facts *f)
{
    revenue(f, WAN(1000) - 100);
    add_eq(f, "2024-01-01", true, WAN(2000));
}
static void
rev_low_eq_unq(rules_facts *f)
{
    revenue(f, WAN(1000) - 100);
    add_eq(f, "2024-01-01", false, WAN(2000));
}
static void
rev_low_eq_m(rules_facts *f)
{
    revenue(f, WAN(1000) - 100);
    add_eq(f, "2024-01-01", true, WAN(2000) - 1);
}

static void
q_one(rules_facts *f)
{
    f->firm.own_brand = false;
}
static void
q_four(rules_facts *f)
{
    f->firm.quality.provincial_award = f->firm.quality.standards = true;
}
static void
q_missing(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_QUALITY);
}

static void
add_expert(rules_facts *f, const char *key, int score)
{
    rules_expert_score *x = &f->expert[f->n_expert++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    x->score = score;
    snprintf(x->by, sizeof x->by, "officer-7");
}
static void
local15(rules_facts *f)
{
    add_expert(f, "specialized_sme.local_feature", 15);
}
static void
local99(rules_facts *f)
{
    add_expert(f, "specialized_sme.local_feature", 99);
}
static void
mid(rules_facts *f) /* digital level 1 (0), one quality item (3): 58..73 */
{
    f->firm.digital_level = 1;
    q_one(f);
}
static void
mid_local2(rules_facts *f)
{
    mid(f);
    add_expert(f, "specialized_sme.local_feature", 2);
}
static void
mid_local1(rules_facts *f)
{
    mid(f);
    add_expert(f, "specialized_sme.local_feature", 1);
}
static void
sichuan_items(rules_facts *f)
{
    mid(f);
    add_expert(f, "specialized_sme.local_feature.1", 8);
    add_expert(f, "specialized_sme.local_feature.2", 0);
}
static void
sichuan_all(rules_facts *f)
{
    sichuan_items(f);
    add_expert(f, "specialized_sme.local_feature.3", 3);
}
static void
sichuan_national_key(rules_facts *f)
{
    mid_local2(f);
}

/* growth: Y−2 1亿 */
static void
growth(rules_facts *f, int64_t a1, int64_t a2)
{
    put(Y(f, fy - 1), RULES_YF_MAIN_REVENUE, a1);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, a2);
}
static void
g_8(rules_facts *f)
{
    growth(f, WAN(10800), WAN(11664));
}
static void
g_10m(rules_facts *f)
{
    growth(f, WAN(11000), WAN(12100) - 1);
}
static void
g_neg(rules_facts *f)
{
    growth(f, WAN(9000), WAN(9000));
}
static void
g_base0(rules_facts *f)
{
    put(Y(f, fy - 2), RULES_YF_MAIN_REVENUE, 0);
}
SET(m_2, 0, RULES_YF_NET_PROFIT, WAN(300))
SET(m_2m, 0, RULES_YF_NET_PROFIT, WAN(300) - 1)
SET(m_loss, 0, RULES_YF_NET_PROFIT, -WAN(100))
SET(d_50, 0, RULES_YF_TOTAL_LIABILITIES, WAN(5000))
SET(d_70, 0, RULES_YF_TOTAL_LIABILITIES, WAN(7000))
SET(s_5, 0, RULES_YF_RD_STAFF, 5)
SET(s_4, 0, RULES_YF_RD_STAFF, 4)

static void
add_inst(rules_facts *f, rules_inst_level l)
{
    f->institutions[f->n_institutions++] = (rules_institution){l, D("2020-01-01")};
}
static void
inst_prov(rules_facts *f)
{
    add_inst(f, RULES_INST_PROVINCIAL);
}
static void
inst_city(rules_facts *f)
{
    add_inst(f, RULES_INST_CITY);
}

static void
add_ip(rules_facts *f, bool hv, bool in_use)
{
    rules_ip *ip = &f->ip[f->n_ip++];
    memset(ip, 0, sizeof *ip);
    ip->cls = RULES_IP_CLASS_I;
    ip->granted_on = D("2020-01-01");
    ip->expires_on = RULES_DATE_NONE;
    ip->high_value = hv;
    ip->main_product = true;
    ip->in_use_with_benefit = in_use;
}
static void
ip_hv(rules_facts *f)
{
    add_ip(f, true, false);
}

/* direct conditions on a firm that fails the score (58 with local 0) */
static void
low(rules_facts *f)
{
    mid(f);
    add_expert(f, "specialized_sme.local_feature", 0);
}
static void
add_award(rules_facts *f, rules_award_level l, int year, int rank)
{
    f->awards[f->n_awards++] = (rules_award){l, year, rank};
}
static void
aw_p3(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_PROVINCIAL, 2022, 3);
}
static void
aw_p4(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_PROVINCIAL, 2022, 4);
}
static void
aw_n5(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_NATIONAL, 2023, 5);
}
static void
aw_n6(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_NATIONAL, 2023, 6);
}
static void
aw_old(rules_facts *f)
{
    low(f);
    add_award(f, RULES_AWARD_NATIONAL, 2021, 1);
}
static void
rdavg(rules_facts *f)
{
    low(f);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(1100));
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(900));
}
static void
rdavg_m(rules_facts *f)
{
    low(f);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(1100));
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(900) - 1);
}
static void
eq6000(rules_facts *f)
{
    low(f);
    add_eq(f, "2023-06-30", true, WAN(6000));
}
static void
eq6000_old(rules_facts *f)
{
    low(f);
    add_eq(f, "2023-06-29", true, WAN(6000));
}
static void
add_contest(rules_facts *f, int year, int rank)
{
    f->contests[f->n_contests++] = (rules_contest){year, rank};
}
static void
c500(rules_facts *f)
{
    low(f);
    add_contest(f, 2022, 500);
}
static void
c501(rules_facts *f)
{
    low(f);
    add_contest(f, 2022, 501);
}
static void
award_but_niche(rules_facts *f)
{
    aw_p3(f);
    niche_1y(f);
}

static void
miss_rd(rules_facts *f)
{
    Y(f, fy)->has &= ~(1u << RULES_YF_RD_EXPENSE);
}
static void
miss_y2(rules_facts *f)
{
    Y(f, fy - 2)->has &= ~(1u << RULES_YF_MAIN_REVENUE);
}
static void
uscc_mismatch(rules_facts *f)
{
    memcpy(f->firm.uscc, "91350100M0001TGQXM", 19);
    f->firm.has |= 1u << RULES_FF_USCC;
    f->firm.uscc_check_mismatch = true;
}

/* ---- 2026 (as_of 2026-06-30, Y = 2025) ---- */

static void
add_rec(rules_facts *f, rules_recognition_kind k, const char *from, const char *to)
{
    rules_recognition *r = &f->recognitions[f->n_recognitions++];
    memset(r, 0, sizeof *r);
    r->kind = k;
    r->issued_on = D(from);
    r->expires_on = D(to);
}
static void
platform(rules_facts *f, int year, int score)
{
    f->platform[f->n_platform++] = (rules_platform_score){year, score};
}
static void
ok26_no_platform(rules_facts *f)
{
    add_rec(f, RULES_REC_INNOVATIVE_SME, "2025-01-01", "2027-12-31");
    add_ip(f, false, true);
    add_expert(f, "specialized_sme.market_position", 1);
}
static void
ok26(rules_facts *f)
{
    ok26_no_platform(f);
    platform(f, 2026, 50);
}
static void
p49(rules_facts *f)
{
    ok26_no_platform(f);
    platform(f, 2026, 49);
}
static void
p_last_year(rules_facts *f)
{
    ok26_no_platform(f);
    platform(f, 2025, 90);
}
static void
no_market(rules_facts *f)
{
    ok26(f);
    f->n_expert = 0;
}
static void
market_no(rules_facts *f)
{
    ok26(f);
    f->expert[0].score = 0;
}
static void
prereq_expired(rules_facts *f)
{
    ok26(f);
    f->recognitions[0].expires_on = D("2026-06-29");
}
static void
prereq_tech(rules_facts *f)
{
    ok26(f);
    f->recognitions[0].kind = RULES_REC_TECH_SME;
}
static void
n26_3y(rules_facts *f)
{
    ok26(f);
    f->firm.niche_since = D("2023-01-01");
}
static void
n26_3y_short(rules_facts *f)
{
    ok26(f);
    f->firm.niche_since = D("2023-01-02");
}
static void
small26(rules_facts *f, int64_t rev, int64_t main)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, rev);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, main);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(100));
}
static void
r26_1500(rules_facts *f)
{
    small26(f, WAN(1500), WAN(1200));
}
static void
r26_1500m(rules_facts *f)
{
    small26(f, WAN(1500) - 1, WAN(1200));
}
static void
r26_share_m(rules_facts *f)
{
    small26(f, WAN(1500), WAN(1200) - 1);
}
static void
r26_small_eq(rules_facts *f)
{
    small26(f, WAN(1000), WAN(900));
    add_eq(f, "2025-01-01", true, WAN(2000));
}
static void
d26_80(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_TOTAL_LIABILITIES, WAN(8000));
}
static void
d26_80p(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_TOTAL_LIABILITIES, WAN(8000) + 1);
}
static void
rd26_prev_ratio(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(390) - 1);
}
static void
rd26_prev_amount(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy - 1), RULES_YF_OPERATING_REVENUE, WAN(1000));
    put(Y(f, fy - 1), RULES_YF_MAIN_REVENUE, WAN(900));
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(100) - 1);
}
static void
ip26_none(rules_facts *f)
{
    ok26(f);
    f->n_ip = 0;
}
static void
ip26_not_in_use(rules_facts *f)
{
    ok26(f);
    f->ip[0].in_use_with_benefit = false;
}
static void
ip26_waived(rules_facts *f)
{
    ip26_none(f);
    inst_prov(f);
}
static void
ip26_award(rules_facts *f)
{
    ip26_none(f);
    add_award(f, RULES_AWARD_PROVINCIAL, 2024, 3);
}

/* a missing fact that no value could make matter (POLICY.md §2) */
static void
drop_y(rules_facts *f, int off, int fld)
{
    Y(f, fy + off)->has &= ~(1u << fld);
}
static void
rd0_rev_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_RD_EXPENSE, 0);
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
}
static void
rd99_rev_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(100) - 1);
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
}
static void
rd200_rev_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(200));
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
}
static void
low_niche_missing(rules_facts *f)
{
    low(f);
    niche_missing(f);
}
static void
rdavg_one_year(rules_facts *f)
{
    low(f);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(2000));
    drop_y(f, -1, RULES_YF_RD_EXPENSE);
}
static void
rdavg_missing(rules_facts *f)
{
    low(f);
    drop_y(f, -1, RULES_YF_RD_EXPENSE);
}
static void
loss_rev_missing(rules_facts *f)
{
    m_loss(f);
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
}
static void
rd_staff0_emp_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_RD_STAFF, 0);
    drop_y(f, 0, RULES_YF_EMPLOYEES);
}
static void
base0_mid_missing(rules_facts *f)
{
    g_base0(f);
    drop_y(f, -1, RULES_YF_MAIN_REVENUE);
}
static void
assets0_liab_missing(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_TOTAL_ASSETS, 0);
    drop_y(f, 0, RULES_YF_TOTAL_LIABILITIES);
}
static void
main0_rev_missing26(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, 0);
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
}
static void
assets0_liab_missing26(rules_facts *f)
{
    ok26(f);
    assets0_liab_missing(f);
}
static void
rd0_rev_missing26(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, 0);
    drop_y(f, -1, RULES_YF_OPERATING_REVENUE);
}

/* clang-format off */
static const row rows[] = {
/* no  name                                         tweak           as_of         region    outcome             route        min max crit                   pts pass missing gap */
{  1, "base: 65..80, eligible at the minimum",      NULL,           NULL,         NULL,     "eligible",         "score",      65, 80, "local_feature",        -1, -1, NULL, -1},
/* niche gate and niche score (§9.3) */
{ 10, "niche exactly 2 years → pass; score 1",      niche_2y,       NULL,         NULL,     "eligible",         "score",      61, 76, "niche_years",          -1,  1, NULL, -1},
{ 11, "niche 2 years − 1 day → fail",               niche_2y_short, NULL,         NULL,     "ineligible",       "null",       -1, -1, "niche_years",          -1,  0, NULL, 1},
{ 12, "niche 1 year → score 0",                     niche_1y,       NULL,         NULL,     "ineligible",       "null",       -1, -1, "niche_years_score",     0,  0, NULL, 1},
{ 13, "niche 9 years → score 4",                    niche_9y,       NULL,         NULL,     "eligible",         "score",      64, 79, "niche_years_score",     4,  1, NULL, 1},
{ 14, "niche 10 years → score 5",                   NULL,           NULL,         NULL,     "eligible",         "score",      65, 80, "niche_years_score",     5,  1, NULL, -1},
{ 15, "niche 20 years → score 5 (capped)",          niche_20y,      NULL,         NULL,     "eligible",         "score",      65, 80, "niche_years_score",     5,  1, NULL, -1},
{ 16, "no niche (null) → fail",                     niche_null,     NULL,         NULL,     "ineligible",       "null",       -1, -1, "niche_years",          -1,  0, NULL, 2},
{ 17, "niche_since missing → insufficient",         niche_missing,  NULL,         NULL,     "insufficient_data","null",       -1, -1, "niche_years",          -1, -1, "firm.niche_since", -1},
/* R&D gate */
{ 20, "R&D exactly 100万 (5%) → pass",              rd_100,         NULL,         NULL,     "needs_review",     "score",      59, 74, "rd_input",             -1,  1, NULL, -1},
{ 21, "R&D 100万 − 1 fen → fail",                   rd_100m,        NULL,         NULL,     "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, NULL, 1},
{ 22, "R&D exactly 3% (450万 of 1.5亿) → pass",     rd_3pct,        NULL,         NULL,     "eligible",         "score",      63, 78, "rd_input",             -1,  1, NULL, -1},
{ 23, "R&D 3% − 1 fen → fail",                      rd_3pct_m,      NULL,         NULL,     "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, NULL, 1},
/* revenue or equity gate */
{ 30, "revenue exactly 1000万 → pass",              rev_1000,       NULL,         NULL,     "eligible",         "score",      65, 80, "revenue_or_equity",    -1,  1, NULL, -1},
{ 31, "9,999,999 元 + qualified equity 2000万",      rev_low_eq,     NULL,         NULL,     "eligible",         "score",      65, 80, "revenue_or_equity",    -1,  1, NULL, -1},
{ 32, "9,999,999 元 + non-qualified equity",        rev_low_eq_unq, NULL,         NULL,     "ineligible",       "null",       -1, -1, "revenue_or_equity",    -1,  0, NULL, 100},
{ 33, "9,999,999 元 + equity 2000万 − 1 fen",        rev_low_eq_m,   NULL,         NULL,     "ineligible",       "null",       -1, -1, "revenue_or_equity",    -1,  0, NULL, 100},
/* quality (§9.3: 1 → 3, 2 → 5) */
{ 40, "one quality item → 3",                       q_one,          NULL,         NULL,     "eligible",         "score",      63, 78, "quality",               3,  1, NULL, 1},
{ 41, "two quality items → 5",                      NULL,           NULL,         NULL,     "eligible",         "score",      65, 80, "quality",               5,  1, NULL, -1},
{ 42, "four quality items → 5 (capped)",            q_four,         NULL,         NULL,     "eligible",         "score",      65, 80, "quality",               5,  1, NULL, -1},
{ 43, "quality missing → range 3..5",               q_missing,      NULL,         NULL,     "eligible",         "score",      63, 80, "quality",              -1, -1, "firm.quality", -1},
/* 特色化 (expert-judged) */
{ 44, "officer scores 特色化 15 → 80",               local15,        NULL,         NULL,     "eligible",         "score",      80, 80, "local_feature",        15,  1, NULL, -1},
{ 45, "officer score above 15 is clamped",          local99,        NULL,         NULL,     "eligible",         "score",      80, 80, "local_feature",        15,  1, NULL, -1},
{ 46, "58..73: only the officer can settle",        mid,            NULL,         NULL,     "needs_review",     "score",      58, 73, "local_feature",        -1, -1, NULL, -1},
{ 47, "officer gives 2 → exactly 60 passes",        mid_local2,     NULL,         NULL,     "eligible",         "score",      60, 60, "local_feature",         2,  1, NULL, 13},
{ 48, "officer gives 1 → 59 fails",                 mid_local1,     NULL,         NULL,     "ineligible",       "score",      59, 59, NULL,                   -1, -2, NULL, -1},
{ 49, "Sichuan table: items 8 + 0, third open",     sichuan_items,  NULL,         "510100", "eligible",         "score",      66, 69, "local_feature",        -1, -1, NULL, -1},
{ 50, "Sichuan table: 8 + 0 + 3",                   sichuan_all,    NULL,         "510100", "eligible",         "score",      69, 69, "local_feature",        11,  1, NULL, 4},
{ 51, "Sichuan ignores the one-item national key",  sichuan_national_key, NULL,   "510100", "needs_review",     "score",      58, 73, "local_feature",        -1, -1, NULL, -1},
/* other score bands */
{ 55, "mean growth exactly 8% → 8 (share 77.76%: 3)", g_8,          NULL,         NULL,     "eligible",         "score",      61, 76, "main_revenue_growth",   8,  1, NULL, -1},
{ 56, "mean growth 10% − a hair → 8",               g_10m,          NULL,         NULL,     "eligible",         "score",      63, 78, "main_revenue_growth",   8,  1, NULL, 1},
{ 57, "negative growth → 0 (share 60%: 1)",         g_neg,          NULL,         NULL,     "needs_review",     "score",      51, 66, "main_revenue_growth",   0,  0, NULL, -1},
{ 58, "base year 0 → 0",                            g_base0,        NULL,         NULL,     "needs_review",         "score",      55, 70, "main_revenue_growth",   0,  0, NULL, -1},
{ 59, "net margin exactly 2% → 2",                  m_2,            NULL,         NULL,     "needs_review",         "score",      57, 72, "net_margin",            2,  1, NULL, WAN(300)},
{ 60, "net margin 2% − 1 fen → 0",                  m_2m,           NULL,         NULL,     "needs_review",     "score",      55, 70, "net_margin",            0,  0, NULL, 1},
{ 61, "net loss → 0",                               m_loss,         NULL,         NULL,     "needs_review",     "score",      55, 70, "net_margin",            0,  0, NULL, WAN(400)},
{ 62, "debt exactly 50% → 3",                       d_50,           NULL,         NULL,     "eligible",         "score",      63, 78, "debt_ratio_score",      3,  1, NULL, 1},
{ 63, "debt exactly 70% → 0",                       d_70,           NULL,         NULL,     "eligible",         "score",      60, 75, "debt_ratio_score",      0,  0, NULL, 1},
{ 64, "R&D staff exactly 5% → 1",                   s_5,            NULL,         NULL,     "eligible",         "score",      61, 76, "rd_staff_ratio",        1,  1, NULL, 5},
{ 65, "R&D staff 4% → 0",                           s_4,            NULL,         NULL,     "eligible",         "score",      60, 75, "rd_staff_ratio",        0,  0, NULL, 1},
{ 66, "provincial institution → 8",                 inst_prov,      NULL,         NULL,     "eligible",         "score",      73, 88, "rd_institution",        8,  1, NULL, -1},
{ 67, "city institution → 4",                       inst_city,      NULL,         NULL,     "eligible",         "score",      69, 84, "rd_institution",        4,  1, NULL, -1},
{ 68, "high-value Ⅰ类 → 10",                        ip_hv,          NULL,         NULL,     "eligible",         "score",      75, 90, "ip",                   10,  1, NULL, -1},
/* direct conditions (firm at 57) */
{ 70, "provincial award ranked 3rd → direct",       aw_p3,          NULL,         NULL,     "eligible",         "direct",     58, 58, "direct_award",         -1,  1, NULL, -1},
{ 71, "provincial award ranked 4th → no",           aw_p4,          NULL,         NULL,     "ineligible",       "score",      58, 58, "direct_award",         -1,  0, NULL, -1},
{ 72, "national award ranked 5th → direct",         aw_n5,          NULL,         NULL,     "eligible",         "direct",     58, 58, "direct_award",         -1,  1, NULL, -1},
{ 73, "national award ranked 6th → no",             aw_n6,          NULL,         NULL,     "ineligible",       "score",      58, 58, "direct_award",         -1,  0, NULL, -1},
{ 74, "award of 2021 outside 近三年",               aw_old,         NULL,         NULL,     "ineligible",       "score",      58, 58, "direct_award",         -1,  0, NULL, -1},
{ 75, "two-year R&D average exactly 1000万",        rdavg,          NULL,         NULL,     "eligible",         "direct",     -1, -1, "direct_rd_average",    -1,  1, NULL, -1},
{ 76, "two-year R&D average just below",            rdavg_m,        NULL,         NULL,     "ineligible",       "score",      -1, -1, "direct_rd_average",    -1,  0, NULL, -1},
{ 77, "equity 6000万 in two years → direct",        eq6000,         NULL,         NULL,     "eligible",         "direct",     58, 58, "direct_equity",        -1,  1, NULL, -1},
{ 78, "equity a day outside the window",            eq6000_old,     NULL,         NULL,     "ineligible",       "score",      58, 58, "direct_equity",        -1,  0, NULL, -1},
{ 79, "创客中国 rank 500 → direct",                  c500,           NULL,         NULL,     "eligible",         "direct",     58, 58, "direct_contest",       -1,  1, NULL, -1},
{ 80, "创客中国 rank 501 → no",                      c501,           NULL,         NULL,     "ineligible",       "score",      58, 58, "direct_contest",       -1,  0, NULL, -1},
{ 81, "direct does not override a failed gate",     award_but_niche, NULL,        NULL,     "ineligible",       "null",       -1, -1, "direct_award",         -1,  1, NULL, -1},
/* missing data */
{ 85, "R&D of Y missing → insufficient",            miss_rd,        NULL,         NULL,     "insufficient_data","null",       -1, -1, "rd_input",             -1, -1, "years.2024.rd_expense_fen", -1},
{ 86, "Y−2 main revenue missing → range",           miss_y2,        NULL,         NULL,     "insufficient_data","score",      55, 80, "main_revenue_growth",  -1, -1, "years.2022.main_revenue_fen", -1},
{ 87, "USCC mismatch: eligible → needs_review",     uscc_mismatch,  NULL,         NULL,     "needs_review",     "score",      65, 80, "uscc_check",           -1, -1, NULL, -1},
/* 2026 scheme (2号, unverified) */
{ 90, "2026: all conditions, platform 50",          ok26,           "2026-06-30", NULL,     "eligible",         "conditions", 50, 50, "platform_score",       -1,  1, NULL, -1},
{ 91, "2026: platform 49 → fail",                   p49,            "2026-06-30", NULL,     "ineligible",       "null",       49, 49, "platform_score",       -1,  0, NULL, 1},
{ 92, "2026: only last year's platform score",      p_last_year,    "2026-06-30", NULL,     "insufficient_data","null",        0,100, "platform_score",       -1, -1, "platform_scores[year=2026]", -1},
{ 93, "2026: market position awaits the officer",   no_market,      "2026-06-30", NULL,     "needs_review",     "null",       50, 50, "market_position",      -1, -1, NULL, -1},
{ 94, "2026: officer rejects market position",      market_no,      "2026-06-30", NULL,     "ineligible",       "null",       50, 50, "market_position",      -1,  0, NULL, 1},
{ 95, "2026: prerequisite expired the day before",  prereq_expired, "2026-06-30", NULL,     "ineligible",       "null",       -1, -1, "prerequisite",         -1,  0, NULL, -1},
{ 96, "2026: 科技型中小企业 counts as the title",    prereq_tech,    "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "prerequisite",         -1,  1, NULL, -1},
{ 97, "2026: niche exactly 3 years",                n26_3y,         "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "niche_years",          -1,  1, NULL, -1},
{ 98, "2026: niche 3 years − 1 day",                n26_3y_short,   "2026-06-30", NULL,     "ineligible",       "null",       -1, -1, "niche_years",          -1,  0, NULL, 1},
{ 99, "2026: revenue exactly 1500万, share 80%",    r26_1500,       "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "revenue_or_equity",    -1,  1, NULL, -1},
{100, "2026: revenue 1500万 − 1 fen",               r26_1500m,      "2026-06-30", NULL,     "ineligible",       "null",       -1, -1, "revenue_or_equity",    -1,  0, NULL, 1},
{101, "2026: main share 80% − 1 fen",               r26_share_m,    "2026-06-30", NULL,     "ineligible",       "null",       -1, -1, "main_share",           -1,  0, NULL, 1},
{102, "2026: 1000万 revenue + equity 2000万",       r26_small_eq,   "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "revenue_or_equity",    -1,  1, NULL, -1},
{103, "2026: debt exactly 80% passes",              d26_80,         "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "debt_ratio",           -1,  1, NULL, -1},
{104, "2026: debt 80% + 1 fen fails",               d26_80p,        "2026-06-30", NULL,     "ineligible",       "null",       -1, -1, "debt_ratio",           -1,  0, NULL, 1},
{105, "2026: Y−1 R&D 3% − 1 fen fails",             rd26_prev_ratio, "2026-06-30", NULL,    "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, NULL, 1},
{106, "2026: Y−1 R&D 100万 − 1 fen fails",          rd26_prev_amount, "2026-06-30", NULL,   "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, NULL, 1},
{107, "2026: no Ⅰ类 IP → fail",                     ip26_none,      "2026-06-30", NULL,     "ineligible",       "null",       -1, -1, "class1_ip",            -1,  0, NULL, 1},
{108, "2026: Ⅰ类 not in use → fail",                ip26_not_in_use, "2026-06-30", NULL,    "ineligible",       "null",       -1, -1, "class1_ip",            -1,  0, NULL, 1},
{109, "2026: IP waived by provincial institution",  ip26_waived,    "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "class1_ip",            -1,  1, NULL, -1},
{110, "2026: IP waived by provincial award 3rd",    ip26_award,     "2026-06-30", NULL,     "eligible",         "conditions", -1, -1, "class1_ip",            -1,  1, NULL, -1},
/* a missing fact that no value could make matter (POLICY.md §2) */
{130, "R&D 0, revenue missing: below 100万 whatever it is", rd0_rev_missing, NULL,     NULL,     "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, "years.2024.operating_revenue_fen", WAN(100)},
{131, "R&D 100万 − 1 fen, revenue missing: fails",  rd99_rev_missing, NULL,         NULL,     "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, "years.2024.operating_revenue_fen", 1},
{132, "R&D 200万, revenue missing: undecided",      rd200_rev_missing, NULL,        NULL,     "insufficient_data","null",       -1, -1, "rd_input",             -1, -1, "years.2024.operating_revenue_fen", -1},
{133, "niche missing, score ≤ 58, no direct → ineligible", low_niche_missing, NULL,  NULL,     "ineligible",       "score",      53, 58, "niche_years",          -1, -1, "firm.niche_since", -1},
{134, "Y−1 R&D missing, Y alone makes the average",  rdavg_one_year, NULL,          NULL,     "eligible",         "direct",     -1, -1, "direct_rd_average",    -1,  1, NULL, -1},
{142, "Y−1 R&D missing, score fails: the path is listed", rdavg_missing, NULL,     NULL,     "insufficient_data","score",      58, 58, "direct_rd_average",    -1, -1, "years.2023.rd_expense_fen", -1},
{135, "net loss, revenue missing: margin 0",        loss_rev_missing, NULL,         NULL,     "insufficient_data","null",       -1, -1, "net_margin",            0,  0, "years.2024.operating_revenue_fen", -1},
{136, "R&D staff 0, employees missing: 0 points",    rd_staff0_emp_missing, NULL,   NULL,     "eligible",         "score",      60, 75, "rd_staff_ratio",        0,  0, "years.2024.employees", -1},
{137, "Y−2 main revenue 0, Y−1 missing: growth 0",   base0_mid_missing, NULL,       NULL,     "needs_review",     "score",      55, 70, "main_revenue_growth",   0,  0, "years.2023.main_revenue_fen", -1},
{138, "assets 0, liabilities missing: worst debt band", assets0_liab_missing, NULL, NULL,     "eligible",         "score",      60, 75, "debt_ratio_score",      0,  0, "years.2024.total_liabilities_fen", -1},
{139, "2026: main revenue 0, revenue missing: share fails", main0_rev_missing26, "2026-06-30", NULL, "ineligible", "null",       -1, -1, "main_share",           -1,  0, "years.2025.operating_revenue_fen", -1},
{140, "2026: assets 0, liabilities missing: debt fails", assets0_liab_missing26, "2026-06-30", NULL, "ineligible", "null",       -1, -1, "debt_ratio",           -1,  0, "years.2025.total_liabilities_fen", -1},
{141, "2026: Y−1 R&D 0, its revenue missing: fails", rd0_rev_missing26, "2026-06-30", NULL,   "ineligible",       "null",       -1, -1, "rd_input",             -1,  0, "years.2024.operating_revenue_fen", WAN(100)},
/* edition switch (§9.3) */
{120, "2026-03-31 → 63号 (score route)",            ok26,           "2026-03-31", NULL,     "eligible",         "score",      71, 86, NULL,                   -1, -2, NULL, -1},
{121, "2026-04-01 → 2号 (conditions)",              ok26,           "2026-04-01", NULL,     "eligible",         "conditions", 50, 50, NULL,                   -1, -2, NULL, -1},
{122, "Sichuan 2026-03-31 → Sichuan table",         sichuan_items,  "2026-03-31", "510100", "eligible",         "score",      66, 69, NULL,                   -1, -2, NULL, -1},
{123, "Sichuan 2026-04-01 → national 2号",          ok26,           "2026-04-01", "510100", "eligible",         "conditions", 50, 50, NULL,                   -1, -2, NULL, -1},
};
/* clang-format on */

static const char *
expected_edition(rules_date as_of, const char *region)
{
    if (as_of >= D("2026-04-01"))
        return "specialized_sme/2026-2";
    return strncmp(region, "51", 2) == 0 ? "specialized_sme/2022-63-sichuan"
                                         : "specialized_sme/2022-63";
}

int
main(void)
{
    static rules_edition_set set;
    char err[512];
    if (facts_editions_load_dir(facts_editions_default_dir(), &set, err, sizeof err) != 0) {
        fprintf(stderr, "editions: %s\n", err);
        return 1;
    }
    const rules_module *m = rules_module_find("specialized_sme");
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
        rules_ctx ctx = {D(r->as_of ? r->as_of : "2025-06-30"), r->region ? r->region : "440300"};
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
        if (r->outcome)
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
        CHECK_STR(v.edition_id, expected_edition(ctx.as_of, ctx.region));
        CHECK_INT(v.verified, 0);
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
        for (int k = 0; k < v.n_criteria; k++)
            if (v.criteria[k].passed == RULES_NO && v.criteria[k].def->kind != RULES_CRIT_DIRECT)
                CHECK(v.criteria[k].gap.set);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    T_ROW(200, "no edition before 2022-08-01");
    rules_ctx early = {D("2022-07-31"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);

    T_ROW(201, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(202, "monotonic: more R&D never lowers the score");
    base(&f, &rows[0]);
    rules_ctx ctx = {D("2025-06-30"), "440300"};
    int prev = -1;
    for (int64_t rd = WAN(450); rd <= WAN(2000); rd += WAN(25)) {
        put(Y(&f, fy), RULES_YF_RD_EXPENSE, rd);
        rules_evaluate(m, &set, &f, &ctx, &v);
        CHECK(v.score_min >= prev);
        prev = v.score_min;
    }

    T_ROW(203, "growth_method cagr (a local copy): Y−1 main revenue is not read");
    {
        static rules_edition_set set2;
        set2 = set;
        const rules_edition *nat = rules_edition_select(&set, "specialized_sme", ctx.as_of, "");
        CHECK(nat != NULL);
        if (nat && set2.n < RULES_MAX_EDITIONS) {
            rules_edition *loc = &set2.items[set2.n++];
            *loc = *nat;
            snprintf(loc->edition_id, sizeof loc->edition_id, "specialized_sme/test-4403");
            snprintf(loc->region_prefix, sizeof loc->region_prefix, "4403");
            loc->p[rules_module_param_index(m, "growth_method")].v[0] = rules_ratio_make(2, 1);
            char e2[256];
            CHECK_INT(m->validate(loc, e2, sizeof e2), 0);
            base(&f, &rows[0]);
            Y(&f, fy - 1)->has &= ~(1u << RULES_YF_MAIN_REVENUE);
            rules_evaluate(m, &set2, &f, &ctx, &v);
            CHECK_STR(v.edition_id, "specialized_sme/test-4403");
            const rules_criterion_result *c = rules_verdict_find(&v, "main_revenue_growth");
            CHECK(c && c->has_points && c->points == 10 && c->passed == RULES_YES); /* ×1.21 */
            CHECK(!has_missing(&v, "years.2023.main_revenue_fen"));
            CHECK_STR(rules_outcome_name(v.outcome), "eligible");
        }
    }
    T_DONE();
}
