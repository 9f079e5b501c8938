/*
 * test_little_giant: boundary table for 专精特新"小巨人" (policy-sources.md
 * §3.3, §3.5 and the 小巨人 / 2026 rows of §9.3): every threshold of both
 * editions below, on and above it; the R&D revenue bands at their edges
 * (1亿 → 3%, 1亿 − 1 元 → 6%, 5000万 → 6%, 5000万 − 1 元 → equity + R&D +
 * staff); R&D in each of the two years; officer decisions (chain, domain,
 * digital systems, certification, 2026 market rank) as needs_review until
 * settled; the 2022 innovation direct conditions; missing data; the edition
 * switch at 2026-03-31 / 2026-04-01; no score (null) in every verdict;
 * determinism and the JSON round trip.
 *
 * Base firm, 2022 edition (as_of 2025-06-30, fiscal year Y = 2024): a valid
 * 专精特新 title; niche since 2015; main revenue 1亿 → 1.1亿 → 1.21亿 (mean
 * growth 10%); operating revenue 1.2亿 / 1.3亿 / 1.5亿 (main share 80.67%);
 * R&D 520万 (Y−1, 4%) and 600万 (Y, 4%); debt 40%; 20 of 100 staff in R&D;
 * digital level 2, ISO 9001, own brand; domestic share 15%; a provincial R&D
 * institution; two Ⅰ类 IP in use; officer accepted chain and domain. → eligible,
 * route "conditions".
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
    const char *as_of; /* NULL: 2025-06-30 */
    const char *outcome;
    const char *route; /* "direct", "conditions", "null", or NULL: not checked */
    const char *crit;
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
add_expert(rules_facts *f, const char *key, int score)
{
    for (int i = 0; i < f->n_expert; i++)
        if (strcmp(f->expert[i].key, key) == 0) {
            f->expert[i].score = score;
            return;
        }
    rules_expert_score *x = &f->expert[f->n_expert++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    x->score = score;
    snprintf(x->by, sizeof x->by, "officer-3");
}

static void
del_expert(rules_facts *f, const char *key)
{
    for (int i = 0; i < f->n_expert; i++)
        if (strcmp(f->expert[i].key, key) == 0)
            f->expert[i] = f->expert[--f->n_expert];
}

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
add_ip(rules_facts *f, bool self)
{
    rules_ip *ip = &f->ip[f->n_ip++];
    memset(ip, 0, sizeof *ip);
    ip->cls = RULES_IP_CLASS_I;
    ip->granted_on = D("2020-01-01");
    ip->expires_on = RULES_DATE_NONE;
    ip->main_product = true;
    ip->in_use_with_benefit = true;
    ip->self_developed = self;
}

static void
add_eq(rules_facts *f, const char *on, bool q, int64_t fen)
{
    f->equity[f->n_equity++] = (rules_equity_round){D(on), q, fen};
}

static void
add_award(rules_facts *f, rules_award_level l, int year, int rank)
{
    f->awards[f->n_awards++] = (rules_award){l, year, rank};
}

static void
share(rules_facts *f, int64_t num, int64_t den, rules_share_scope scope)
{
    f->firm.has |= 1u << RULES_FF_MARKET_SHARE;
    f->firm.market_share = rules_ratio_make(num, den);
    f->firm.market_share_scope = scope;
}

static void
base(rules_facts *f, const row *r)
{
    memset(f, 0, sizeof *f);
    fy = rules_date_year(D(r->as_of ? r->as_of : "2025-06-30")) - 1;
    rules_firm *fm = &f->firm;
    fm->has = 1u << RULES_FF_NICHE_SINCE | 1u << RULES_FF_DIGITAL_LEVEL | 1u << RULES_FF_QUALITY |
              1u << RULES_FF_OWN_BRAND | 1u << RULES_FF_KEY_CHAIN_LINK |
              1u << RULES_FF_SIX_FOUNDATIONS;
    fm->niche_since = D("2015-01-01");
    fm->digital_level = 2;
    fm->quality.iso9001 = true;
    fm->own_brand = true;
    share(f, 15, 100, RULES_SCOPE_DOMESTIC);
    add_rec(f, RULES_REC_SPECIALIZED_SME, "2023-01-01", "2025-12-31");
    f->n_years = 3;
    static const int64_t main[3] = {10000, 11000, 12100}, opr[3] = {12000, 13000, 15000},
                         rd[3] = {400, 520, 600};
    for (int k = 0; k < 3; k++) {
        rules_year *y = &f->years[k];
        y->year = fy - 2 + k;
        put(y, RULES_YF_MAIN_REVENUE, WAN(main[k]));
        put(y, RULES_YF_OPERATING_REVENUE, WAN(opr[k]));
        put(y, RULES_YF_RD_EXPENSE, WAN(rd[k]));
    }
    rules_year *y = &f->years[2];
    put(y, RULES_YF_TOTAL_ASSETS, WAN(10000));
    put(y, RULES_YF_TOTAL_LIABILITIES, WAN(4000));
    put(y, RULES_YF_EMPLOYEES, 100);
    put(y, RULES_YF_RD_STAFF, 20);
    f->institutions[f->n_institutions++] =
        (rules_institution){RULES_INST_PROVINCIAL, D("2020-01-01")};
    add_ip(f, false);
    add_ip(f, false);
    add_expert(f, "little_giant.chain_role", 1);
    add_expert(f, "little_giant.main_product_domain", 1);
    if (r->tweak)
        r->tweak(f);
}

/* ---- 2022 tweaks ---- */

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

static void
no_rec(rules_facts *f)
{
    f->n_recognitions = 0;
}
static void
rec_expired(rules_facts *f)
{
    f->recognitions[0].expires_on = D("2025-06-29");
}
static void
rec_last_day(rules_facts *f)
{
    f->recognitions[0].expires_on = D("2025-06-30");
}
static void
rec_innov(rules_facts *f)
{
    f->recognitions[0].kind = RULES_REC_INNOVATIVE_SME;
}
NICHE(niche_3y, "2022-01-01")
NICHE(niche_3y_short, "2022-01-02")
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

/* main share: main Y 1.26亿 (mean growth 12.27%) of 1.8亿 = 70% */
static void
share70(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(12600));
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, WAN(18000));
}
static void
share70m(rules_facts *f)
{
    share70(f);
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, WAN(18000) + 1);
}

/* growth: 1亿 → 1.05亿 → 1.1025亿 is exactly 5% a year */
static void
g5(rules_facts *f)
{
    put(Y(f, fy - 1), RULES_YF_MAIN_REVENUE, WAN(10500));
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(11025));
}
static void
g5m(rules_facts *f)
{
    g5(f);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(11025) - 1);
}
SET(g_base0, -2, RULES_YF_MAIN_REVENUE, 0)
static void
g_miss(rules_facts *f)
{
    Y(f, fy - 2)->has &= ~(1u << RULES_YF_MAIN_REVENUE);
}

SET(d70, 0, RULES_YF_TOTAL_LIABILITIES, WAN(7000))
SET(d70p, 0, RULES_YF_TOTAL_LIABILITIES, WAN(7000) + 1)
SET(d7001, 0, RULES_YF_TOTAL_LIABILITIES, WAN(7001))
static void
d_miss(rules_facts *f)
{
    Y(f, fy)->has &= ~(1u << RULES_YF_TOTAL_ASSETS);
}

/* R&D bands: revenue opr in Y, main 80% of it with growth 50%, R&D rd in Y;
 * Y−1's R&D at 6% of 1.3亿 so the 6% band can pass */
static void
band(rules_facts *f, int64_t opr, int64_t rd)
{
    int64_t m = opr / 5 * 4;
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, opr);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, m);
    put(Y(f, fy - 1), RULES_YF_MAIN_REVENUE, m / 2);
    put(Y(f, fy - 2), RULES_YF_MAIN_REVENUE, m / 2);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, rd);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(780));
}
#define YI WAN(10000)
static void
b1y_3(rules_facts *f)
{
    band(f, YI, WAN(300));
}
static void
b1y_3m(rules_facts *f)
{
    band(f, YI, WAN(300) - 1);
}
static void
b1ym_3(rules_facts *f)
{
    band(f, YI - 100, WAN(300));
}
static void
b1ym_6(rules_facts *f)
{
    band(f, YI - 100, 599999994);
}
static void
b1ym_6m(rules_facts *f)
{
    band(f, YI - 100, 599999993);
}
static void
b5k_6(rules_facts *f)
{
    band(f, WAN(5000), WAN(300));
}
static void
b5k_6m(rules_facts *f)
{
    band(f, WAN(5000), WAN(300) - 1);
}
static void
small(rules_facts *f)
{
    band(f, WAN(5000) - 100, WAN(1500));
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(1500));
    put(Y(f, fy), RULES_YF_RD_STAFF, 50);
    add_eq(f, "2024-01-15", true, WAN(5000));
    add_eq(f, "2023-07-01", true, WAN(3000));
}
static void
small_no_eq(rules_facts *f)
{
    small(f);
    f->n_equity = 0;
}
static void
small_eq_m(rules_facts *f)
{
    small(f);
    f->equity[1].paid_in_fen -= 1;
}
static void
small_eq_unq(rules_facts *f)
{
    small(f);
    f->equity[1].qualified_investor = false;
}
static void
small_eq_old(rules_facts *f)
{
    small(f);
    f->equity[1].date = D("2023-06-29");
}
static void
small_rd_m(rules_facts *f)
{
    small(f);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(1500) - 1);
}
static void
small_staff49(rules_facts *f)
{
    small(f);
    put(Y(f, fy), RULES_YF_RD_STAFF, 49);
}
static void
small_staff_miss(rules_facts *f)
{
    small(f);
    Y(f, fy)->has &= ~(1u << RULES_YF_RD_STAFF);
}
SET(rd_prev_299, -1, RULES_YF_RD_EXPENSE, 388700000) /* 388.7万 of 1.3亿 = 2.99% */
SET(rd_prev_3, -1, RULES_YF_RD_EXPENSE, WAN(390))
SET(rd_prev_3m, -1, RULES_YF_RD_EXPENSE, WAN(390) - 1)
static void
rd_prev_miss(rules_facts *f)
{
    Y(f, fy - 1)->has &= ~(1u << RULES_YF_RD_EXPENSE);
}
static void
opr_miss(rules_facts *f)
{
    Y(f, fy)->has &= ~(1u << RULES_YF_OPERATING_REVENUE);
}

static void
no_inst(rules_facts *f)
{
    f->n_institutions = 0;
}
static void
inst_below_city(rules_facts *f)
{
    f->institutions[0].level = RULES_INST_BELOW_CITY;
}
static void
inst_future(rules_facts *f)
{
    f->institutions[0].since = D("2025-07-01");
}

static void
ip_one(rules_facts *f)
{
    f->n_ip = 1;
}
static void
ip_not_in_use(rules_facts *f)
{
    f->ip[1].in_use_with_benefit = false;
}
static void
ip_expired(rules_facts *f)
{
    f->ip[1].expires_on = D("2025-06-29");
}
static void
ip_expires_today(rules_facts *f)
{
    f->ip[1].expires_on = D("2025-06-30");
}
static void
ip_disputed(rules_facts *f)
{
    f->ip[1].disputed = true;
}
static void
ip_other_product(rules_facts *f)
{
    f->ip[1].main_product = false;
}
static void
ip_class2(rules_facts *f)
{
    f->ip[1].cls = RULES_IP_CLASS_II;
}

/* 2022 创新直通: the general condition fails (no institution) */
static void
dir_n3(rules_facts *f)
{
    no_inst(f);
    add_award(f, RULES_AWARD_NATIONAL, 2023, 3);
}
static void
dir_n4(rules_facts *f)
{
    no_inst(f);
    add_award(f, RULES_AWARD_NATIONAL, 2023, 4);
}
static void
dir_p1(rules_facts *f)
{
    no_inst(f);
    add_award(f, RULES_AWARD_PROVINCIAL, 2023, 1);
}
static void
dir_2022(rules_facts *f)
{
    no_inst(f);
    add_award(f, RULES_AWARD_NATIONAL, 2022, 1);
}
static void
dir_2021(rules_facts *f)
{
    no_inst(f);
    add_award(f, RULES_AWARD_NATIONAL, 2021, 1);
}
static void
dir_c50(rules_facts *f)
{
    no_inst(f);
    f->contests[f->n_contests++] = (rules_contest){2024, 50};
}
static void
dir_c51(rules_facts *f)
{
    no_inst(f);
    f->contests[f->n_contests++] = (rules_contest){2024, 51};
}
static void
dir_rd_missing(rules_facts *f)
{
    dir_n3(f);
    rd_prev_miss(f);
}
static void
dir_but_debt(rules_facts *f)
{
    dir_n3(f);
    d7001(f);
}
static void
dir_and_general(rules_facts *f)
{
    add_award(f, RULES_AWARD_NATIONAL, 2023, 1);
}

static void
ms10(rules_facts *f)
{
    share(f, 10, 100, RULES_SCOPE_DOMESTIC);
}
static void
ms999(rules_facts *f)
{
    share(f, 999, 10000, RULES_SCOPE_DOMESTIC);
}
static void
ms_intl(rules_facts *f)
{
    share(f, 20, 100, RULES_SCOPE_INTERNATIONAL);
}
static void
ms_null(rules_facts *f)
{
    f->firm.nulls |= 1u << RULES_FF_MARKET_SHARE;
}
static void
ms_miss(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_MARKET_SHARE);
}
static void
no_brand(rules_facts *f)
{
    f->firm.own_brand = false;
}
static void
brand_miss(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_OWN_BRAND);
}

static void
dig0(rules_facts *f)
{
    f->firm.digital_level = 0;
}
static void
dig0_ok(rules_facts *f)
{
    dig0(f);
    add_expert(f, "little_giant.digital_systems", 1);
}
static void
dig0_no(rules_facts *f)
{
    dig0(f);
    add_expert(f, "little_giant.digital_systems", 0);
}
static void
dig1(rules_facts *f)
{
    f->firm.digital_level = 1;
}
static void
dig3_officer_no(rules_facts *f)
{
    f->firm.digital_level = 3;
    add_expert(f, "little_giant.digital_systems", 0);
}
static void
dig_miss(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_DIGITAL_LEVEL);
}
static void
dig_miss_ok(rules_facts *f)
{
    dig_miss(f);
    add_expert(f, "little_giant.digital_systems", 1);
}
static void
no_iso(rules_facts *f)
{
    f->firm.quality.iso9001 = false;
}
static void
no_iso_ok(rules_facts *f)
{
    no_iso(f);
    add_expert(f, "little_giant.certification", 2);
}
static void
no_chain(rules_facts *f)
{
    del_expert(f, "little_giant.chain_role");
}
static void
chain_no(rules_facts *f)
{
    add_expert(f, "little_giant.chain_role", 0);
}
static void
no_domain(rules_facts *f)
{
    del_expert(f, "little_giant.main_product_domain");
}
static void
domain_no(rules_facts *f)
{
    add_expert(f, "little_giant.main_product_domain", -1);
}
static void
review_and_missing(rules_facts *f)
{
    no_chain(f);
    ms_miss(f);
}
static void
review_and_fail(rules_facts *f)
{
    no_chain(f);
    d7001(f);
}
static void
uscc_mismatch(rules_facts *f)
{
    memcpy(f->firm.uscc, "91350100M0001TGQXM", 19);
    f->firm.has |= 1u << RULES_FF_USCC;
    f->firm.uscc_check_mismatch = true;
}

/* ---- 2026 (2号, as_of 2026-06-30, Y = 2025) ---- */

static void
ok26_no_platform(rules_facts *f)
{
    f->recognitions[0].expires_on = D("2027-12-31");
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(13500)); /* 90% of 1.5亿 */
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(600)); /* sum 1200万 */
    f->n_ip = 0;
    for (int i = 0; i < 4; i++)
        add_ip(f, true);
    f->firm.six_foundations = true;
    ms10(f);
}
static void
ok26(rules_facts *f)
{
    ok26_no_platform(f);
    f->platform[f->n_platform++] = (rules_platform_score){2026, 60};
}
static void
p59(rules_facts *f)
{
    ok26(f);
    f->platform[0].score = 59;
}
static void
p_last(rules_facts *f)
{
    ok26(f);
    f->platform[0].year = 2025;
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
rec26_none(rules_facts *f)
{
    ok26(f);
    f->recognitions[0].kind = RULES_REC_INNOVATIVE_SME;
}
static void
r26(rules_facts *f, int64_t opr)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, opr);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, opr / 10 * 9 + opr % 10); /* ≥ 90%, ≤ opr */
    put(Y(f, fy - 2), RULES_YF_OPERATING_REVENUE, opr / 2);
}
static void
r26_5000(rules_facts *f)
{
    r26(f, WAN(5000));
}
static void
r26_5000m(rules_facts *f)
{
    r26(f, WAN(5000) - 1);
}
static void
s26_90m(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(13500) - 1);
}
/* CAGR exactly 5%: 1.36亿 → 1.4994亿 (×441/400) */
static void
c26_5(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy - 2), RULES_YF_OPERATING_REVENUE, WAN(13600));
    put(Y(f, fy), RULES_YF_OPERATING_REVENUE, WAN(14994));
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, WAN(14994) / 10 * 9);
}
static void
c26_5m(rules_facts *f)
{
    c26_5(f);
    put(Y(f, fy - 2), RULES_YF_OPERATING_REVENUE, WAN(13600) + 1);
}
static void
d26_75(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_TOTAL_LIABILITIES, WAN(7500));
}
static void
d26_75p(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_TOTAL_LIABILITIES, WAN(7500) + 1);
}
static void
rd26_sum_m(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(600) - 1);
}
static void
rd26_prev_3m(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(390) - 1);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(900));
}
static void
ip26_three(rules_facts *f)
{
    ok26(f);
    f->n_ip = 3;
}
static void
ip26_transferred(rules_facts *f)
{
    ok26(f);
    f->ip[3].self_developed = false;
}
static void
ip26_waived(rules_facts *f)
{
    ip26_three(f);
    add_award(f, RULES_AWARD_NATIONAL, 2024, 3);
}
static void
ip26_prov(rules_facts *f)
{
    ip26_three(f);
    add_award(f, RULES_AWARD_PROVINCIAL, 2024, 1);
}
static void
ms26_low(rules_facts *f)
{
    ok26(f);
    ms999(f);
}
static void
ms26_rank_ok(rules_facts *f)
{
    ms26_low(f);
    add_expert(f, "little_giant.market_share", 1);
}
static void
ms26_rank_no(rules_facts *f)
{
    ms26_low(f);
    add_expert(f, "little_giant.market_share", 0);
}
static void
ms26_intl(rules_facts *f)
{
    ok26(f);
    share(f, 12, 100, RULES_SCOPE_INTERNATIONAL);
}
static void
dom26_none(rules_facts *f)
{
    ok26(f);
    f->firm.six_foundations = false;
    del_expert(f, "little_giant.main_product_domain");
}
static void
dom26_officer(rules_facts *f)
{
    dom26_none(f);
    add_expert(f, "little_giant.main_product_domain", 1);
}
static void
dom26_chain(rules_facts *f)
{
    dom26_none(f);
    f->firm.key_chain_link = true;
}
static void
dom26_miss(rules_facts *f)
{
    dom26_none(f);
    f->firm.has &= ~(1u << RULES_FF_SIX_FOUNDATIONS);
}
static void
no_inst26(rules_facts *f)
{
    ok26(f);
    no_inst(f);
    no_brand(f);
    dig0(f);
}

/* ---- a missing fact that no value could make matter (POLICY.md §2) ---- */

static void
drop_y(rules_facts *f, int off, int fld)
{
    Y(f, fy + off)->has &= ~(1u << fld);
}
static void
main0_opr_miss26(rules_facts *f)
{
    ok26(f);
    put(Y(f, fy), RULES_YF_MAIN_REVENUE, 0);
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
}
static void
assets0_liab_miss(rules_facts *f)
{
    put(Y(f, fy), RULES_YF_TOTAL_ASSETS, 0);
    drop_y(f, 0, RULES_YF_TOTAL_LIABILITIES);
}
static void
base0_mid_miss(rules_facts *f)
{
    put(Y(f, fy - 2), RULES_YF_MAIN_REVENUE, 0);
    drop_y(f, -1, RULES_YF_MAIN_REVENUE);
}
static void
cagr_mid_miss26(rules_facts *f)
{
    ok26(f);
    drop_y(f, -1, RULES_YF_OPERATING_REVENUE);
}
static void
small_staff0_emp_miss(rules_facts *f)
{
    small(f);
    put(Y(f, fy), RULES_YF_RD_STAFF, 0);
    drop_y(f, 0, RULES_YF_EMPLOYEES);
}
static void
small_rd_one_year(rules_facts *f)
{
    small(f);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(3000));
    drop_y(f, -1, RULES_YF_RD_EXPENSE);
}
static void
opr_miss_rd_low(rules_facts *f)
{
    opr_miss(f);
    put(Y(f, fy), RULES_YF_RD_EXPENSE, WAN(100));
}
static void
opr_miss_rd_sum_short26(rules_facts *f)
{
    ok26(f);
    drop_y(f, 0, RULES_YF_OPERATING_REVENUE);
    put(Y(f, fy - 1), RULES_YF_RD_EXPENSE, WAN(600) - 1);
}

/* clang-format off */
static const row rows[] = {
/* no  name                                              tweak             as_of         outcome             route         crit                  pass missing gap */
{  1, "base: all conditions → eligible",                  NULL,             NULL,         "eligible",         "conditions", "rd_input",            1, NULL, -1},
/* prerequisite (§3.4) */
{  2, "no 专精特新 title → ineligible",                   no_rec,           NULL,         "ineligible",       "null",       "prerequisite",        0, NULL, 1},
{  3, "title expired the day before",                    rec_expired,      NULL,         "ineligible",       "null",       "prerequisite",        0, NULL, 1},
{  4, "title expires on as_of (counts)",                 rec_last_day,     NULL,         "eligible",         "conditions", "prerequisite",        1, NULL, -1},
{  5, "创新型 title is not 专精特新",                     rec_innov,        NULL,         "ineligible",       "null",       "prerequisite",        0, NULL, 1},
/* niche ≥ 3 years by the end of Y */
{ 10, "niche exactly 3 years",                           niche_3y,         NULL,         "eligible",         "conditions", "niche_years",         1, NULL, -1},
{ 11, "niche 3 years − 1 day",                           niche_3y_short,   NULL,         "ineligible",       "null",       "niche_years",         0, NULL, 1},
{ 12, "no niche (null)",                                 niche_null,       NULL,         "ineligible",       "null",       "niche_years",         0, NULL, 3},
{ 13, "niche_since missing",                             niche_missing,    NULL,         "insufficient_data","null",       "niche_years",        -1, "firm.niche_since", -1},
/* main share ≥ 70% */
{ 20, "main share exactly 70%",                          share70,          NULL,         "eligible",         "conditions", "main_share",          1, NULL, -1},
{ 21, "main share just under 70%",                       share70m,         NULL,         "ineligible",       "null",       "main_share",          0, NULL, 1},
/* two-year main growth ≥ 5% (arithmetic mean) */
{ 25, "growth exactly 5% a year",                        g5,               NULL,         "eligible",         "conditions", "revenue_growth",      1, NULL, -1},
{ 26, "growth 5% − 1 fen",                               g5m,              NULL,         "ineligible",       "null",       "revenue_growth",      0, NULL, 1},
{ 27, "base year 0 → undefined, fails",                  g_base0,          NULL,         "ineligible",       "null",       "revenue_growth",      0, NULL, 0},
{ 28, "Y−2 main revenue missing",                        g_miss,           NULL,         "insufficient_data","null",       "revenue_growth",     -1, "years.2022.main_revenue_fen", -1},
/* debt ≤ 70% (§9.3) */
{ 30, "debt exactly 70% → pass",                         d70,              NULL,         "eligible",         "conditions", "debt_ratio",          1, NULL, -1},
{ 31, "debt 70% + 1 fen → fail",                         d70p,             NULL,         "ineligible",       "null",       "debt_ratio",          0, NULL, 1},
{ 32, "debt 70.01% → fail",                              d7001,            NULL,         "ineligible",       "null",       "debt_ratio",          0, NULL, WAN(1)},
{ 33, "assets missing",                                  d_miss,           NULL,         "insufficient_data","null",       "debt_ratio",         -1, "years.2024.total_assets_fen", -1},
/* R&D by revenue band (§9.3) */
{ 40, "revenue 1亿 → 3% test, exactly 3%",               b1y_3,            NULL,         "eligible",         "conditions", "rd_input",            1, NULL, -1},
{ 41, "revenue 1亿, 3% − 1 fen",                         b1y_3m,           NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 42, "revenue 1亿 − 1 元 → 6% test: 3% fails",          b1ym_3,           NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 299999994},
{ 43, "revenue 1亿 − 1 元, exactly 6%",                  b1ym_6,           NULL,         "eligible",         "conditions", "rd_input",            1, NULL, -1},
{ 44, "revenue 1亿 − 1 元, 6% − 1 fen",                  b1ym_6m,          NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 45, "revenue 5000万 → 6% test, exactly 6%",            b5k_6,            NULL,         "eligible",         "conditions", "rd_input",            1, NULL, -1},
{ 46, "revenue 5000万, 6% − 1 fen",                      b5k_6m,           NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 47, "revenue 5000万 − 1 元: equity 8000万, R&D 3000万, staff 50%", small, NULL,       "eligible",         "conditions", "rd_input",            1, NULL, -1},
{ 48, "small: no equity",                                small_no_eq,      NULL,         "ineligible",       "null",       "rd_input",            0, NULL, WAN(8000)},
{ 49, "small: equity 8000万 − 1 fen",                    small_eq_m,       NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 50, "small: a round from a non-qualified investor",    small_eq_unq,     NULL,         "ineligible",       "null",       "rd_input",            0, NULL, WAN(3000)},
{ 51, "small: a round a day outside 近2年",              small_eq_old,     NULL,         "ineligible",       "null",       "rd_input",            0, NULL, WAN(3000)},
{ 52, "small: two-year R&D 3000万 − 1 fen",              small_rd_m,       NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 53, "small: R&D staff 49%",                            small_staff49,    NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 54, "small: R&D staff missing",                        small_staff_miss, NULL,         "insufficient_data","null",       "rd_input",           -1, "years.2024.rd_staff", -1},
{ 55, "Y−1 R&D 2.99% → fail (each year)",                rd_prev_299,      NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1300000},
{ 56, "Y−1 R&D exactly 3%",                              rd_prev_3,        NULL,         "eligible",         "conditions", "rd_input",            1, NULL, -1},
{ 57, "Y−1 R&D 3% − 1 fen",                              rd_prev_3m,       NULL,         "ineligible",       "null",       "rd_input",            0, NULL, 1},
{ 58, "Y−1 R&D missing",                                 rd_prev_miss,     NULL,         "insufficient_data","null",       "rd_input",           -1, "years.2023.rd_expense_fen", -1},
{ 59, "Y revenue missing: no band",                      opr_miss,         NULL,         "insufficient_data","null",       "rd_input",           -1, "years.2024.operating_revenue_fen", -1},
/* R&D institution */
{ 60, "no R&D institution",                              no_inst,          NULL,         "ineligible",       "null",       "rd_institution",      0, NULL, 1},
{ 61, "an institution below city level counts",          inst_below_city,  NULL,         "eligible",         "conditions", "rd_institution",      1, NULL, -1},
{ 62, "institution established after as_of",             inst_future,      NULL,         "ineligible",       "null",       "rd_institution",      0, NULL, 1},
/* Ⅰ类 IP ≥ 2 (§9.3) */
{ 65, "exactly two Ⅰ类 → pass",                          NULL,             NULL,         "eligible",         "conditions", "class1_ip",           1, NULL, -1},
{ 66, "one Ⅰ类 → fail",                                  ip_one,           NULL,         "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{ 67, "one of two not in use with benefit",              ip_not_in_use,    NULL,         "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{ 68, "one of two expired the day before",               ip_expired,       NULL,         "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{ 69, "one of two expires on as_of (counts)",            ip_expires_today, NULL,         "eligible",         "conditions", "class1_ip",           1, NULL, -1},
{ 70, "one of two disputed",                             ip_disputed,      NULL,         "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{ 71, "one of two not on the main product",              ip_other_product, NULL,         "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{ 72, "one of two is Ⅱ类",                               ip_class2,        NULL,         "ineligible",       "null",       "class1_ip",           0, NULL, 1},
/* 创新直通条件 (general condition fails: no institution) */
{ 75, "national award ranked 3rd → direct",              dir_n3,           NULL,         "eligible",         "direct",     "direct_award",        1, NULL, -1},
{ 76, "national award ranked 4th → no",                  dir_n4,           NULL,         "ineligible",       "null",       "direct_award",        0, NULL, -1},
{ 77, "provincial award ranked 1st → no",                dir_p1,           NULL,         "ineligible",       "null",       "direct_award",        0, NULL, -1},
{ 78, "award of 2022 (as_of year − 3) counts",           dir_2022,         NULL,         "eligible",         "direct",     "direct_award",        1, NULL, -1},
{ 79, "award of 2021 is outside 近三年",                 dir_2021,         NULL,         "ineligible",       "null",       "direct_award",        0, NULL, -1},
{ 80, "创客中国 rank 50 → direct",                        dir_c50,          NULL,         "eligible",         "direct",     "direct_contest",      1, NULL, -1},
{ 81, "创客中国 rank 51 → no",                            dir_c51,          NULL,         "ineligible",       "null",       "direct_contest",      0, NULL, -1},
{ 82, "direct covers missing R&D data",                  dir_rd_missing,   NULL,         "eligible",         "direct",     "rd_input",           -1, "years.2023.rd_expense_fen", -1},
{ 83, "direct does not cover the debt gate",             dir_but_debt,     NULL,         "ineligible",       "null",       "debt_ratio",          0, NULL, WAN(1)},
{ 84, "general and direct both hold → conditions",       dir_and_general,  NULL,         "eligible",         "conditions", "direct_award",        1, NULL, -1},
/* 特色化 */
{ 85, "market share exactly 10% → pass",                 ms10,             NULL,         "eligible",         "conditions", "market_share",        1, NULL, -1},
{ 86, "market share 9.99% → fail",                       ms999,            NULL,         "ineligible",       "null",       "market_share",        0, NULL, 1},
{ 87, "international share does not count (全国)",       ms_intl,          NULL,         "ineligible",       "null",       "market_share",        0, NULL, 1},
{ 88, "no market share (null)",                          ms_null,          NULL,         "ineligible",       "null",       "market_share",        0, NULL, 1},
{ 89, "market share missing",                            ms_miss,          NULL,         "insufficient_data","null",       "market_share",       -1, "firm.market_share", -1},
{ 90, "no own brand",                                    no_brand,         NULL,         "ineligible",       "null",       "own_brand",           0, NULL, 1},
{ 91, "own brand missing",                               brand_miss,       NULL,         "insufficient_data","null",       "own_brand",          -1, "firm.own_brand", -1},
/* 精细化 and the officer's items */
{ 95, "digital level 0 → officer decides",               dig0,             NULL,         "needs_review",     "null",       "digital_systems",    -1, NULL, -1},
{ 96, "digital level 0, officer accepts",                dig0_ok,          NULL,         "eligible",         "conditions", "digital_systems",     1, NULL, -1},
{ 97, "digital level 0, officer rejects",                dig0_no,          NULL,         "ineligible",       "null",       "digital_systems",     0, NULL, 1},
{ 98, "digital level exactly 1 → pass",                  dig1,             NULL,         "eligible",         "conditions", "digital_systems",     1, NULL, -1},
{ 99, "officer's rejection wins over level 3",           dig3_officer_no,  NULL,         "ineligible",       "null",       "digital_systems",     0, NULL, 1},
{100, "digital level missing",                           dig_miss,         NULL,         "insufficient_data","null",       "digital_systems",    -1, "firm.digital_level", -1},
{101, "digital level missing, officer accepts",          dig_miss_ok,      NULL,         "eligible",         "conditions", "digital_systems",     1, NULL, -1},
{102, "no ISO 9001 → officer decides certification",     no_iso,           NULL,         "needs_review",     "null",       "certification",      -1, NULL, -1},
{103, "no ISO 9001, officer accepts another cert",       no_iso_ok,        NULL,         "eligible",         "conditions", "certification",       1, NULL, -1},
{104, "chain role not yet judged → needs_review",        no_chain,         NULL,         "needs_review",     "null",       "chain_role",         -1, NULL, -1},
{105, "officer: no chain role → ineligible",             chain_no,         NULL,         "ineligible",       "null",       "chain_role",          0, NULL, 1},
{106, "domain not yet judged → needs_review",            no_domain,        NULL,         "needs_review",     "null",       "main_product_domain",-1, NULL, -1},
{107, "officer: domain negative score → ineligible",     domain_no,        NULL,         "ineligible",       "null",       "main_product_domain", 0, NULL, 1},
{108, "officer open + data missing → insufficient",      review_and_missing, NULL,       "insufficient_data","null",       "chain_role",         -1, "firm.market_share", -1},
{109, "officer open + a failed gate → ineligible",       review_and_fail,  NULL,         "ineligible",       "null",       "chain_role",         -1, NULL, -1},
{110, "USCC mismatch: eligible → needs_review",          uscc_mismatch,    NULL,         "needs_review",     "conditions", "uscc_check",         -1, NULL, -1},
/* 2026 (2号, unverified) */
{120, "2026: all conditions",                            ok26,             "2026-06-30", "eligible",         "conditions", "platform_score",      1, NULL, -1},
{121, "2026: platform 59",                               p59,              "2026-06-30", "ineligible",       "null",       "platform_score",      0, NULL, 1},
{122, "2026: only last year's platform score",           p_last,           "2026-06-30", "insufficient_data","null",       "platform_score",     -1, "platform_scores[year=2026]", -1},
{123, "2026: niche exactly 3 years",                     n26_3y,           "2026-06-30", "eligible",         "conditions", "niche_years",         1, NULL, -1},
{124, "2026: niche 3 years − 1 day",                     n26_3y_short,     "2026-06-30", "ineligible",       "null",       "niche_years",         0, NULL, 1},
{125, "2026: no 专精特新 title",                          rec26_none,       "2026-06-30", "ineligible",       "null",       "prerequisite",        0, NULL, 1},
{126, "2026: revenue exactly 5000万",                    r26_5000,         "2026-06-30", "eligible",         "conditions", "revenue",             1, NULL, -1},
{127, "2026: revenue 5000万 − 1 fen",                    r26_5000m,        "2026-06-30", "ineligible",       "null",       "revenue",             0, NULL, 1},
{128, "2026: main share exactly 90% (base)",             ok26,             "2026-06-30", "eligible",         "conditions", "main_share",          1, NULL, -1},
{129, "2026: main share 90% − 1 fen",                    s26_90m,          "2026-06-30", "ineligible",       "null",       "main_share",          0, NULL, 1},
{130, "2026: revenue CAGR exactly 5%",                   c26_5,            "2026-06-30", "eligible",         "conditions", "revenue_growth",      1, NULL, -1},
{131, "2026: revenue CAGR just under 5%",                c26_5m,           "2026-06-30", "ineligible",       "null",       "revenue_growth",      0, NULL, 2},
{132, "2026: debt exactly 75%",                          d26_75,           "2026-06-30", "eligible",         "conditions", "debt_ratio",          1, NULL, -1},
{133, "2026: debt 75% + 1 fen",                          d26_75p,          "2026-06-30", "ineligible",       "null",       "debt_ratio",          0, NULL, 1},
{134, "2026: two-year R&D exactly 1200万 (base)",        ok26,             "2026-06-30", "eligible",         "conditions", "rd_input",            1, NULL, -1},
{135, "2026: two-year R&D 1200万 − 1 fen",               rd26_sum_m,       "2026-06-30", "ineligible",       "null",       "rd_input",            0, NULL, 1},
{136, "2026: Y−1 R&D 3% − 1 fen (sum met)",              rd26_prev_3m,     "2026-06-30", "ineligible",       "null",       "rd_input",            0, NULL, 1},
{137, "2026: four self-developed Ⅰ类 (base)",            ok26,             "2026-06-30", "eligible",         "conditions", "class1_ip",           1, NULL, -1},
{138, "2026: three Ⅰ类",                                 ip26_three,       "2026-06-30", "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{139, "2026: one of four transferred in",                ip26_transferred, "2026-06-30", "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{140, "2026: three Ⅰ类 + national award 3rd → waived",   ip26_waived,      "2026-06-30", "eligible",         "conditions", "class1_ip",           1, NULL, -1},
{141, "2026: provincial award does not waive",           ip26_prov,        "2026-06-30", "ineligible",       "null",       "class1_ip",           0, NULL, 1},
{142, "2026: share 9.99% → officer for the rank",        ms26_low,         "2026-06-30", "needs_review",     "null",       "market_share",       -1, NULL, -1},
{143, "2026: officer confirms top-3 rank",               ms26_rank_ok,     "2026-06-30", "eligible",         "conditions", "market_share",        1, NULL, -1},
{144, "2026: officer rejects the rank",                  ms26_rank_no,     "2026-06-30", "ineligible",       "null",       "market_share",        0, NULL, 1},
{145, "2026: international share 12% counts",            ms26_intl,        "2026-06-30", "eligible",         "conditions", "market_share",        1, NULL, -1},
{146, "2026: not 六基 nor key link → officer",           dom26_none,       "2026-06-30", "needs_review",     "null",       "main_product_domain",-1, NULL, -1},
{147, "2026: officer accepts the domain",                dom26_officer,    "2026-06-30", "eligible",         "conditions", "main_product_domain", 1, NULL, -1},
{148, "2026: key chain link fact suffices",              dom26_chain,      "2026-06-30", "eligible",         "conditions", "main_product_domain", 1, NULL, -1},
{149, "2026: six_foundations missing",                   dom26_miss,       "2026-06-30", "insufficient_data","null",       "main_product_domain",-1, "firm.six_foundations", -1},
{150, "2026: no institution/brand/digital needed",       no_inst26,        "2026-06-30", "eligible",         "conditions", NULL,                 -2, NULL, -1},
/* edition switch (§9.3) */
{160, "2026-03-31 → 63号",                               ok26,             "2026-03-31", "eligible",         "conditions", "own_brand",           1, NULL, -1},
{161, "2026-04-01 → 2号",                                ok26,             "2026-04-01", "eligible",         "conditions", "platform_score",      1, NULL, -1},
{162, "2026-04-01: 63号-only failure no longer applies", no_inst26,        "2026-04-01", "eligible",         "conditions", NULL,                 -2, NULL, -1},
{163, "2026-03-31: the same firm fails 63号",            no_inst26,        "2026-03-31", "ineligible",       "null",       "rd_institution",      0, NULL, 1},
/* a missing fact that no value could make matter (POLICY.md §2) */
{170, "2026: main revenue 0, revenue missing: share fails", main0_opr_miss26, "2026-06-30", "ineligible",  "null",       "main_share",          0, "years.2025.operating_revenue_fen", 0},
{171, "assets 0, liabilities missing: debt undefined, fails", assets0_liab_miss, NULL,     "ineligible",       "null",       "debt_ratio",          0, "years.2024.total_liabilities_fen", 0},
{172, "Y−2 main revenue 0, Y−1 missing: growth undefined", base0_mid_miss,  NULL,         "ineligible",       "null",       "revenue_growth",      0, "years.2023.main_revenue_fen", 0},
{173, "2026: the CAGR does not need Y−1",                cagr_mid_miss26,  "2026-06-30", "insufficient_data","null",       "revenue_growth",      1, "years.2024.operating_revenue_fen", -1},
{174, "small: R&D staff 0, employees missing: fails",    small_staff0_emp_miss, NULL,    "ineligible",       "null",       "rd_input",            0, "years.2024.employees", -1},
{175, "small: Y's R&D alone reaches 3000万, Y−1 missing", small_rd_one_year, NULL,       "eligible",         "conditions", "rd_input",            1, "years.2023.rd_expense_fen", -1},
{176, "Y revenue missing, no band can pass",             opr_miss_rd_low,  NULL,         "ineligible",       "null",       "rd_input",            0, "years.2024.operating_revenue_fen", -1},
{177, "2026: Y revenue missing, two-year sum short",     opr_miss_rd_sum_short26, "2026-06-30", "ineligible", "null",      "rd_input",            0, "years.2025.operating_revenue_fen", 1},
};
/* clang-format on */

/* roundtrip (verdict_checks.h), and no score in the JSON */
static void
roundtrip_unscored(const rules_verdict *v)
{
    roundtrip(v);
    json_t *a = facts_verdict_to_json(v);
    CHECK(json_is_null(json_object_get(a, "score")));
    CHECK(json_is_null(json_object_get(a, "score_min")));
    CHECK(json_is_null(json_object_get(a, "score_max")));
    json_decref(a);
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
    const rules_module *m = rules_module_find("little_giant");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    CHECK(!m->scored);
    CHECK(m->n_params <= RULES_MAX_PARAMS);
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
        CHECK(!v.scored);
        CHECK_INT(v.fiscal_year, fy);
        CHECK_STR(v.edition_id,
                  ctx.as_of >= D("2026-04-01") ? "little_giant/2026-2" : "little_giant/2022-63");
        CHECK_INT(v.verified, 0);
        if (r->crit) {
            const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
            CHECK(c != NULL);
            if (c) {
                if (r->passed != -2)
                    CHECK_INT(c->passed, r->passed);
                if (r->gap >= 0) {
                    CHECK(c->gap.set);
                    CHECK_INT(c->gap.amount, r->gap);
                }
                CHECK(c->message_zh[0] != '\0');
                CHECK(c->threshold[0] != '\0');
            }
        }
        if (r->missing)
            CHECK(has_missing(&v, r->missing));
        if (v.outcome == RULES_INSUFFICIENT_DATA)
            CHECK(v.n_missing > 0);
        for (int k = 0; k < v.n_criteria; k++)
            if (v.criteria[k].passed == RULES_NO && v.criteria[k].def->kind != RULES_CRIT_DIRECT)
                CHECK(v.criteria[k].gap.set);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip_unscored(&v);
    }

    T_ROW(200, "no edition before 2022-08-01");
    rules_ctx early = {D("2022-07-31"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);

    T_ROW(201, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(202, "huge revenues do not overflow the growth test");
    base(&f, &rows[0]);
    put(Y(&f, fy - 2), RULES_YF_MAIN_REVENUE, INT64_MAX / 2);
    put(Y(&f, fy - 1), RULES_YF_MAIN_REVENUE, INT64_MAX - 1);
    put(Y(&f, fy), RULES_YF_MAIN_REVENUE, INT64_MAX);
    put(Y(&f, fy), RULES_YF_OPERATING_REVENUE, INT64_MAX);
    rules_ctx ctx = {D("2025-06-30"), "440300"};
    CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
    const rules_criterion_result *g = rules_verdict_find(&v, "revenue_growth");
    CHECK(g && g->passed == RULES_YES);
    T_DONE();
}
