/*
 * firmgen: deterministic generator of synthetic firms (rules_facts) for the
 * rule-engine benchmark (bench/rules) and the property test
 * (tests/rules/test_properties.c), which includes this header from here.
 *
 * One firm is a pure function of a 64-bit seed: firmgen_firm(seed) always
 * yields the same facts, evaluation date and region, so a failing firm is
 * named by (seed, index) and reproduced alone. Facts are internally
 * consistent the way lib/facts/parse.c demands (tech_staff ≤ employees,
 * rd_domestic ≤ rd_expense, main ≤ operating revenue, hightech ≤ total
 * income, expiry after grant…), so every generated firm is one a JSON
 * document could also produce. A few facts are left out at random so the
 * missing-data paths run too. Revenue figures are multiples of 10,000 fen,
 * which lets the property test scale them exactly.
 *
 * Header-only (static inline), libc and lib/rules headers only; nothing here
 * allocates.
 */
#ifndef PEIYU_BENCH_FIRMGEN_H
#define PEIYU_BENCH_FIRMGEN_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "rules/date.h"
#include "rules/facts.h"
#include "rules/module.h"

/* ---- PRNG: splitmix64 (seeding) + xoshiro256** ---- */

typedef struct firmgen_rng {
    uint64_t s[4];
} firmgen_rng;

static inline uint64_t
firmgen_splitmix(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ull);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
    return z ^ (z >> 31);
}

static inline void
firmgen_seed(firmgen_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++)
        r->s[i] = firmgen_splitmix(&seed);
}

static inline uint64_t
firmgen_next(firmgen_rng *r)
{
    uint64_t *s = r->s;
    uint64_t x = s[1] * 5;
    uint64_t out = ((x << 7) | (x >> 57)) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = (s[3] << 45) | (s[3] >> 19);
    return out;
}

/* Uniform in [lo, hi] (inclusive); lo ≤ hi. */
static inline int64_t
firmgen_range(firmgen_rng *r, int64_t lo, int64_t hi)
{
    uint64_t span = (uint64_t)(hi - lo) + 1;
    return lo + (int64_t)(span ? firmgen_next(r) % span : firmgen_next(r));
}

/* True with probability pct/100. */
static inline bool
firmgen_chance(firmgen_rng *r, int pct)
{
    return (int)(firmgen_next(r) % 100) < pct;
}

/* Roughly log-uniform in [0, 10^digits): spreads values over magnitudes so
 * thresholds of every size are crossed. */
static inline int64_t
firmgen_logu(firmgen_rng *r, int digits)
{
    int d = (int)firmgen_range(r, 0, digits);
    int64_t hi = 1;
    for (int i = 0; i < d; i++)
        hi *= 10;
    return firmgen_range(r, 0, hi - 1);
}

/* ---- the generated case ---- */

#define FIRMGEN_REVENUE_UNIT 10000 /* revenue fields are multiples of this (fen) */

typedef struct firmgen_case {
    rules_date as_of;
    char region[7]; /* "" = national editions only */
} firmgen_case;

static const char *const firmgen_regions[] = {
    "440307", /* 深圳龙岗 */
    "440305", /* 深圳南山 */
    "350102", /* 福州鼓楼 */
    "350203", /* 厦门思明 */
    "210102", /* 沈阳和平 */
    "110108", /* 北京海淀 */
    "120116", /* 天津滨海 */
    "430104", /* 长沙岳麓 */
};
#define FIRMGEN_N_REGIONS ((int)(sizeof firmgen_regions / sizeof firmgen_regions[0]))

/* Evaluation dates: ordinary ones and the edition switch (2026-03-31/04-01). */
static const int firmgen_dates[][3] = {
    {2024, 6, 30}, {2025, 1, 1},  {2025, 6, 30},  {2025, 12, 31}, {2026, 3, 31},
    {2026, 4, 1},  {2026, 6, 30}, {2026, 12, 31}, {2027, 3, 15},
};
#define FIRMGEN_N_DATES ((int)(sizeof firmgen_dates / sizeof firmgen_dates[0]))

static inline rules_date
firmgen_date_between(firmgen_rng *r, rules_date a, rules_date b)
{
    return (rules_date)firmgen_range(r, a, b);
}

static inline void
firmgen_year_set(rules_year *y, int fld, int64_t v, firmgen_rng *r, int miss_pct)
{
    if (firmgen_chance(r, miss_pct))
        return;
    y->v[fld] = v;
    y->has |= 1u << fld;
}

static inline void
firmgen_years(firmgen_rng *r, rules_facts *f, int fy, int miss_pct, bool strong)
{
    int n = (int)firmgen_range(r, 1, 4);
    if (firmgen_chance(r, 3))
        n = 0;
    /* A base scale and a per-year growth factor in percent. */
    int64_t revenue = firmgen_logu(r, 7) * FIRMGEN_REVENUE_UNIT; /* up to 10^11 fen = 10亿元 */
    int64_t employees = firmgen_logu(r, 4);
    int intensity_pm = (int)firmgen_range(r, strong ? 50 : 0, 150); /* R&D per mille of revenue */
    for (int k = 0; k < n; k++) {
        rules_year *y = &f->years[f->n_years++];
        memset(y, 0, sizeof *y);
        y->year = fy - (n - 1) + k;
        if (k > 0) {
            int g = (int)firmgen_range(r, 60, 180);
            revenue = revenue / FIRMGEN_REVENUE_UNIT * g / 100 * FIRMGEN_REVENUE_UNIT;
            employees = employees * firmgen_range(r, 80, 150) / 100;
        }
        int64_t op = revenue;
        int64_t main_rev =
            op / FIRMGEN_REVENUE_UNIT * firmgen_range(r, 30, 100) / 100 * FIRMGEN_REVENUE_UNIT;
        int64_t total_income = op + firmgen_logu(r, 5) * FIRMGEN_REVENUE_UNIT;
        int64_t hightech = total_income / FIRMGEN_REVENUE_UNIT *
                           firmgen_range(r, strong ? 70 : 0, 100) / 100 * FIRMGEN_REVENUE_UNIT;
        int64_t rd = op / 1000 * (intensity_pm + firmgen_range(r, -5, 5) + 5);
        if (firmgen_chance(r, 5))
            rd = firmgen_logu(r, 10);
        int64_t rd_dom = rd / 100 * firmgen_range(r, strong ? 70 : 40, 100);
        int64_t assets = firmgen_logu(r, 11);
        firmgen_year_set(y, RULES_YF_EMPLOYEES, employees, r, miss_pct);
        firmgen_year_set(y, RULES_YF_TECH_STAFF,
                         employees * firmgen_range(r, strong ? 20 : 0, 100) / 100, r, miss_pct);
        firmgen_year_set(y, RULES_YF_RD_STAFF, employees * firmgen_range(r, 0, 100) / 100, r,
                         miss_pct);
        firmgen_year_set(y, RULES_YF_SALES_REVENUE, op, r, miss_pct);
        firmgen_year_set(y, RULES_YF_OPERATING_REVENUE, op, r, miss_pct);
        firmgen_year_set(y, RULES_YF_MAIN_REVENUE, main_rev, r, miss_pct);
        firmgen_year_set(y, RULES_YF_TOTAL_INCOME, total_income, r, miss_pct);
        firmgen_year_set(y, RULES_YF_HIGHTECH_REVENUE, hightech, r, miss_pct);
        firmgen_year_set(y, RULES_YF_COST_EXPENSE, op / 100 * firmgen_range(r, 50, 120) + rd, r,
                         miss_pct);
        firmgen_year_set(y, RULES_YF_RD_EXPENSE, rd, r, miss_pct);
        firmgen_year_set(y, RULES_YF_RD_DOMESTIC, rd_dom, r, miss_pct);
        firmgen_year_set(y, RULES_YF_TOTAL_ASSETS, assets, r, miss_pct);
        firmgen_year_set(y, RULES_YF_TOTAL_LIABILITIES, assets / 100 * firmgen_range(r, 0, 120), r,
                         miss_pct);
        firmgen_year_set(y, RULES_YF_NET_PROFIT, op / 100 * firmgen_range(r, -30, 30), r, miss_pct);
        firmgen_year_set(y, RULES_YF_RD_DEDUCTION_FILED, firmgen_chance(r, 70), r, miss_pct);
    }
}

/* One random IP item valid for the parser (expiry not before grant). */
static inline void
firmgen_ip(firmgen_rng *r, rules_ip *ip, rules_date as_of)
{
    memset(ip, 0, sizeof *ip);
    static const char *const kinds[] = {"invention_patent", "utility_model", "design_patent",
                                        "software_copyright", "ic_layout"};
    ip->cls = firmgen_chance(r, 40) ? RULES_IP_CLASS_I : RULES_IP_CLASS_II;
    snprintf(ip->kind, sizeof ip->kind, "%s", kinds[firmgen_range(r, 0, 4)]);
    ip->granted_on = firmgen_date_between(r, as_of - 3650, as_of + 200);
    ip->expires_on = firmgen_chance(r, 50) ? RULES_DATE_NONE
                                           : firmgen_date_between(r, ip->granted_on, as_of + 3650);
    ip->has = 1u << RULES_IPF_CLASS | 1u << RULES_IPF_KIND | 1u << RULES_IPF_GRANTED_ON;
    if (ip->expires_on != RULES_DATE_NONE)
        ip->has |= 1u << RULES_IPF_EXPIRES_ON;
    bool *flags[] = {&ip->self_developed, &ip->high_value,          &ip->disputed,
                     &ip->main_product,   &ip->in_use_with_benefit, &ip->used_for_hnte};
    static const int bits[] = {
        RULES_IPF_SELF_DEVELOPED, RULES_IPF_HIGH_VALUE,          RULES_IPF_DISPUTED,
        RULES_IPF_MAIN_PRODUCT,   RULES_IPF_IN_USE_WITH_BENEFIT, RULES_IPF_USED_FOR_HNTE};
    static const int pct[] = {70, 30, 5, 80, 60, 20};
    for (int i = 0; i < 6; i++)
        if (firmgen_chance(r, 90)) {
            ip->has |= 1u << bits[i];
            *flags[i] = firmgen_chance(r, pct[i]);
        }
}

static inline void
firmgen_firm_fields(firmgen_rng *r, rules_facts *f, rules_date as_of, int miss_pct)
{
    rules_firm *fm = &f->firm;
    static const char *const codes[] = {"914403001922038216", "91440300708461136T",
                                        "91110108551385082Q", "91350100M0001TGQXM"};
    int c = (int)firmgen_range(r, 0, 3);
    memcpy(fm->uscc, codes[c], 19);
    fm->uscc_check_mismatch = c == 3;
    fm->has |= 1u << RULES_FF_USCC;
    if (!firmgen_chance(r, miss_pct)) {
        fm->established_on = firmgen_date_between(r, as_of - 30 * 365, as_of - 1);
        if (firmgen_chance(r, 15))
            fm->established_on = firmgen_date_between(r, as_of - 800, as_of - 1);
        fm->has |= 1u << RULES_FF_ESTABLISHED_ON;
    }
    memcpy(fm->region_code, firmgen_regions[firmgen_range(r, 0, FIRMGEN_N_REGIONS - 1)], 7);
    fm->has |= 1u << RULES_FF_REGION_CODE;
#define FG_BOOL(fld, member, pct)                                                                  \
    if (!firmgen_chance(r, miss_pct)) {                                                            \
        fm->member = firmgen_chance(r, pct);                                                       \
        fm->has |= 1u << (fld);                                                                    \
    }
    FG_BOOL(RULES_FF_RESIDENT_ENTERPRISE, resident_enterprise, 95)
    FG_BOOL(RULES_FF_RESTRICTED_INDUSTRY, restricted_industry, 4)
    FG_BOOL(RULES_FF_OWN_BRAND, own_brand, 60)
    FG_BOOL(RULES_FF_KEY_CHAIN_LINK, key_chain_link, 30)
    FG_BOOL(RULES_FF_SIX_FOUNDATIONS, six_foundations, 30)
#undef FG_BOOL
    if (!firmgen_chance(r, miss_pct)) {
        memcpy(fm->industry_code, firmgen_chance(r, 50) ? "C3484" : "I6513", 6);
        fm->has |= 1u << RULES_FF_INDUSTRY_CODE;
    }
    /* nullable: missing / null / value */
    int k = (int)firmgen_range(r, 0, 9);
    if (k > 0) {
        fm->has |= 1u << RULES_FF_SEI_FIELD;
        if (k < 3)
            fm->nulls |= 1u << RULES_FF_SEI_FIELD;
        else
            fm->sei_field = (int)firmgen_range(r, 1, 9);
    }
    k = (int)firmgen_range(r, 0, 9);
    if (k > 0) {
        fm->has |= 1u << RULES_FF_HNTE_DOMAIN;
        if (k < 3)
            fm->nulls |= 1u << RULES_FF_HNTE_DOMAIN;
        else
            memcpy(fm->hnte_domain, "一.(一).1", sizeof "一.(一).1");
    }
    k = (int)firmgen_range(r, 0, 9);
    if (k > 0) {
        fm->has |= 1u << RULES_FF_NICHE_SINCE;
        if (k < 3)
            fm->nulls |= 1u << RULES_FF_NICHE_SINCE;
        else
            fm->niche_since = firmgen_date_between(r, as_of - 8 * 365, as_of);
    }
    k = (int)firmgen_range(r, 0, 9);
    if (k > 0) {
        fm->has |= 1u << RULES_FF_MARKET_SHARE;
        if (k < 3) {
            fm->nulls |= 1u << RULES_FF_MARKET_SHARE;
        } else {
            int64_t den = firmgen_range(r, 1, 1000);
            fm->market_share = rules_ratio_make(firmgen_range(r, 0, den), den);
            fm->market_share_scope =
                firmgen_chance(r, 80) ? RULES_SCOPE_DOMESTIC : RULES_SCOPE_INTERNATIONAL;
        }
    }
    if (!firmgen_chance(r, miss_pct)) {
        fm->digital_level = (int)firmgen_range(r, 0, 3);
        fm->has |= 1u << RULES_FF_DIGITAL_LEVEL;
    }
    if (!firmgen_chance(r, miss_pct)) {
        fm->quality.provincial_award = firmgen_chance(r, 20);
        fm->quality.iso9001 = firmgen_chance(r, 60);
        fm->quality.standards = firmgen_chance(r, 30);
        fm->has |= 1u << RULES_FF_QUALITY;
    }
}

/* The lists: recognitions, awards, institutions, standards, equity,
 * compliance, incubation, conversions, expert scores, contests, platform. */
static inline void
firmgen_lists(firmgen_rng *r, rules_facts *f, rules_date as_of, bool strong)
{
    int year = rules_date_year(as_of);
    int n = (int)firmgen_range(r, 0, 8);
    for (int i = 0; i < n; i++)
        firmgen_ip(r, &f->ip[f->n_ip++], as_of);
    if (strong) {
        rules_ip *ip = &f->ip[f->n_ip++];
        firmgen_ip(r, ip, as_of);
        ip->cls = RULES_IP_CLASS_I;
        ip->granted_on = as_of - 400;
        ip->expires_on = RULES_DATE_NONE;
        ip->has &= ~(1u << RULES_IPF_EXPIRES_ON);
        ip->has |= 1u << RULES_IPF_SELF_DEVELOPED | 1u << RULES_IPF_MAIN_PRODUCT |
                   1u << RULES_IPF_DISPUTED | 1u << RULES_IPF_IN_USE_WITH_BENEFIT;
        ip->self_developed = ip->main_product = ip->in_use_with_benefit = true;
        ip->disputed = false;
    }

    n = (int)firmgen_range(r, 0, 3);
    for (int i = 0; i < n; i++) {
        rules_recognition *x = &f->recognitions[f->n_recognitions++];
        memset(x, 0, sizeof *x);
        x->kind = (rules_recognition_kind)firmgen_range(r, 1, RULES_REC__COUNT - 1);
        x->issued_on = firmgen_date_between(r, as_of - 5 * 365, as_of + 60);
        x->expires_on = firmgen_chance(r, 10)
                            ? RULES_DATE_NONE
                            : rules_date_add_years(x->issued_on, (int)firmgen_range(r, 1, 3));
        snprintf(x->number, sizeof x->number, "GR%d%05d", year, (int)firmgen_range(r, 0, 99999));
    }
    n = (int)firmgen_range(r, 0, 2);
    for (int i = 0; i < n; i++)
        f->awards[f->n_awards++] =
            (rules_award){(rules_award_level)firmgen_range(r, 1, 2),
                          year - (int)firmgen_range(r, 0, 7), (int)firmgen_range(r, 1, 8)};
    n = (int)firmgen_range(r, 0, 2);
    for (int i = 0; i < n; i++)
        f->institutions[f->n_institutions++] =
            (rules_institution){(rules_inst_level)firmgen_range(r, 1, 4),
                                firmgen_date_between(r, as_of - 3000, as_of + 60)};
    n = (int)firmgen_range(r, 0, 2);
    for (int i = 0; i < n; i++)
        f->standards[f->n_standards++] = (rules_standard){(rules_std_level)firmgen_range(r, 1, 5),
                                                          (rules_std_role)firmgen_range(r, 1, 2),
                                                          year - (int)firmgen_range(r, 0, 7)};
    n = (int)firmgen_range(r, 0, 3);
    for (int i = 0; i < n; i++)
        f->equity[f->n_equity++] =
            (rules_equity_round){firmgen_date_between(r, as_of - 5 * 365, as_of + 30),
                                 firmgen_chance(r, 70), firmgen_logu(r, 11)};
    if (!strong && firmgen_chance(r, 15)) {
        rules_compliance_event *e = &f->compliance[f->n_compliance++];
        e->kind = (rules_compliance_kind)firmgen_range(r, 1, 6);
        e->on = firmgen_date_between(r, as_of - 4 * 365, as_of + 30);
        e->cleared_on =
            firmgen_chance(r, 50) ? RULES_DATE_NONE : firmgen_date_between(r, e->on, as_of + 365);
    }
    int k = (int)firmgen_range(r, 0, 9);
    if (k > 0) {
        f->has |= RULES_TF_INCUBATION;
        if (k < 6) {
            f->nulls |= RULES_TF_INCUBATION;
        } else {
            f->incubation.entry_on = firmgen_date_between(r, as_of - 6 * 365, as_of);
            f->incubation.domain = (rules_incubation_domain)firmgen_range(r, 1, 4);
            f->incubation.exit_on =
                firmgen_chance(r, 60) ? RULES_DATE_NONE
                                      : firmgen_date_between(r, f->incubation.entry_on, as_of + 30);
        }
    }
    n = (int)firmgen_range(r, strong ? 6 : 0, strong ? 18 : 6);
    for (int i = 0; i < n; i++) {
        rules_conversion *c = &f->conversions[f->n_conversions++];
        memset(c, 0, sizeof *c);
        c->year = year - (int)firmgen_range(r, 1, strong ? 3 : 4);
        memcpy(c->form, "license", sizeof "license");
    }
    /* Expert scores for criteria of registered modules ("<module>.<criterion>"):
     * a strong firm has good ones for every score criterion of one module. */
    k = (int)firmgen_range(r, 0, 9);
    if (strong && rules_module_count() > 0) {
        f->has |= RULES_TF_EXPERT_SCORES;
        const rules_module *m = rules_module_at((int)firmgen_range(r, 0, rules_module_count() - 1));
        if (firmgen_chance(r, 50) && rules_module_find("high_tech"))
            m = rules_module_find("high_tech"); /* the module with most expert items */
        for (int i = 0; i < m->n_criteria && f->n_expert < RULES_MAX_EXPERT; i++) {
            const rules_criterion_def *d = &m->criteria[i];
            if (d->kind != RULES_CRIT_SCORE || d->max_points <= 0)
                continue;
            rules_expert_score *x = &f->expert[f->n_expert++];
            memset(x, 0, sizeof *x);
            snprintf(x->key, sizeof x->key, "%s.%s", m->id, d->id);
            x->score = (int)firmgen_range(r, d->max_points / 2, d->max_points);
            memcpy(x->by, "expert", sizeof "expert");
        }
    } else if (k > 0) {
        f->has |= RULES_TF_EXPERT_SCORES;
        if (k < 4)
            f->nulls |= RULES_TF_EXPERT_SCORES;
        else
            for (int i = 0; i < 4 && rules_module_count() > 0; i++) {
                const rules_module *m =
                    rules_module_at((int)firmgen_range(r, 0, rules_module_count() - 1));
                const rules_criterion_def *d = &m->criteria[firmgen_range(r, 0, m->n_criteria - 1)];
                rules_expert_score *x = &f->expert[f->n_expert];
                memset(x, 0, sizeof *x);
                snprintf(x->key, sizeof x->key, "%s.%s", m->id, d->id);
                bool dup = false;
                for (int j = 0; j < f->n_expert; j++)
                    dup |= strcmp(f->expert[j].key, x->key) == 0;
                if (dup)
                    continue;
                x->score = (int)firmgen_range(r, 0, d->max_points > 0 ? d->max_points : 10);
                memcpy(x->by, "expert", sizeof "expert");
                f->n_expert++;
            }
    }
    n = (int)firmgen_range(r, 0, 1);
    for (int i = 0; i < n; i++)
        f->contests[f->n_contests++] =
            (rules_contest){year - (int)firmgen_range(r, 0, 4), (int)firmgen_range(r, 1, 600)};
    n = (int)firmgen_range(r, 0, 2);
    for (int i = 0; i < n; i++)
        f->platform[f->n_platform++] = (rules_platform_score){year - (int)firmgen_range(r, 0, 3),
                                                              (int)firmgen_range(r, 0, 100)};
}

/*
 * Fill *f and *c for the firm of `seed`. miss_pct is the chance (percent)
 * that each optional fact is left out. f is fully overwritten.
 */
static inline void
firmgen_firm(uint64_t seed, int miss_pct, rules_facts *f, firmgen_case *c)
{
    firmgen_rng r;
    firmgen_seed(&r, seed);
    memset(f, 0, sizeof *f);
    const int *d = firmgen_dates[firmgen_range(&r, 0, FIRMGEN_N_DATES - 1)];
    c->as_of = rules_date_from_ymd(d[0], d[1], d[2]);
    /* A quarter of the firms are "strong": R&D-intensive, technical staff,
     * high-tech revenue, a core Ⅰ类 IP, good expert scores, no incidents, so
     * the demanding modules (high_tech…) reach eligible too. */
    bool strong = firmgen_chance(&r, 25);
    firmgen_firm_fields(&r, f, c->as_of, miss_pct);
    if (strong) {
        rules_firm *fm = &f->firm;
        fm->has |= 1u << RULES_FF_HNTE_DOMAIN | 1u << RULES_FF_RESIDENT_ENTERPRISE |
                   1u << RULES_FF_RESTRICTED_INDUSTRY | 1u << RULES_FF_ESTABLISHED_ON;
        fm->nulls &= ~(1u << RULES_FF_HNTE_DOMAIN);
        memcpy(fm->hnte_domain, "一.(一).1", sizeof "一.(一).1");
        fm->resident_enterprise = true;
        fm->restricted_industry = false;
        fm->established_on = c->as_of - (rules_date)firmgen_range(&r, 3 * 365, 15 * 365);
    }
    firmgen_years(&r, f, rules_date_year(c->as_of) - 1, strong ? 0 : miss_pct, strong);
    firmgen_lists(&r, f, c->as_of, strong);
    if (firmgen_chance(&r, 10))
        c->region[0] = '\0';
    else
        memcpy(c->region, f->firm.region_code, 7);
}

/* Seed of firm `index` in the stream of `seed`. */
static inline uint64_t
firmgen_firm_seed(uint64_t seed, uint64_t index)
{
    uint64_t x = seed ^ (index * 0xd1b54a32d192ed03ull);
    return firmgen_splitmix(&x);
}

#endif
