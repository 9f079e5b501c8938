/*
 * test_high_tech: boundary table for 高新技术企业认定 (policy-sources.md §2 and
 * every 高企 row of its §9.3): each condition below / on / above its
 * threshold, the R&D band switch at 5000万 and 2亿, the innovation score at 70
 * (fails) and 71, expert ranges, the non-CAGR growth formula and its edge
 * rules, IP counting, missing data, the USCC flag, edition dates, a region
 * override (an in-memory copy of the edition), determinism and the verdict
 * JSON round trip for every row.
 *
 * Base firm (as_of 2026-06-30, fiscal year 2025, window 2023–2025):
 * established 2015-01-01; 100 staff, 20 tech; sales 6000万 / 8000万 / 1亿 (band
 * 4%), R&D 300万 / 400万 / 500万 (5.00%), all domestic; high-tech revenue
 * 8000万 of 1亿 total income; net assets 3000万 / 4000万 / 5000万; one
 * self-developed Ⅰ类 patent; 6 conversions in the window; every judged item
 * settled by an expert: IP 7 + 7 + 8 + 5 + 0 = 27, conversion 12, management
 * 5 + 5 + 4 + 4 = 18, growth 8 + 8 (both rates 29.16%, band 7–8) → 73, eligible.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)
#define WAN(x)  YUAN((int64_t)(x)*10000)
#define NOCHK   (-1)
#define NUL     (-3) /* points expected JSON null */

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
    const char *route;   /* "null", or NULL = not checked */
    int smin, smax;      /* score range, or -1 */
    const char *crit;    /* a criterion to check, or NULL */
    int passed;          /* 1, 0, -1 (null), -2 not checked */
    int points;          /* points, NUL for null, NOCHK */
    const char *value;   /* expected display value, or NULL */
    const char *missing; /* a path expected in missing[], or NULL */
    int64_t gap;         /* expected gap amount, or -1 */
} row;

/* ---- base firm ---- */

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
drop(rules_facts *f, int year, int fld)
{
    yr(f, year)->has &= ~(1u << fld);
}

static void
set_expert(rules_facts *f, const char *crit, int score)
{
    char key[64];
    snprintf(key, sizeof key, "high_tech.%s", crit);
    for (int i = 0; i < f->n_expert; i++)
        if (strcmp(f->expert[i].key, key) == 0) {
            f->expert[i].score = score;
            return;
        }
    rules_expert_score *x = &f->expert[f->n_expert++];
    memset(x, 0, sizeof *x);
    snprintf(x->key, sizeof x->key, "%s", key);
    x->score = score;
    snprintf(x->by, sizeof x->by, "expert");
    f->has |= RULES_TF_EXPERT_SCORES;
}

static void
clear_expert(rules_facts *f, const char *crit)
{
    char key[64];
    snprintf(key, sizeof key, "high_tech.%s", crit);
    for (int i = 0; i < f->n_expert; i++)
        if (strcmp(f->expert[i].key, key) == 0) {
            f->expert[i] = f->expert[--f->n_expert];
            return;
        }
}

static rules_ip *
add_ip(rules_facts *f, rules_ip_class cls, bool self)
{
    rules_ip *ip = &f->ip[f->n_ip++];
    memset(ip, 0, sizeof *ip);
    ip->cls = cls;
    ip->granted_on = D("2020-01-01");
    ip->expires_on = RULES_DATE_NONE;
    ip->main_product = true;
    ip->self_developed = self;
    return ip;
}

static void
add_conversions(rules_facts *f, int year, int n)
{
    for (int i = 0; i < n; i++) {
        rules_conversion *c = &f->conversions[f->n_conversions++];
        memset(c, 0, sizeof *c);
        c->year = year;
        snprintf(c->form, sizeof c->form, "self");
    }
}

static void
base(rules_facts *f)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_RESIDENT_ENTERPRISE | 1u << RULES_FF_ESTABLISHED_ON |
                  1u << RULES_FF_HNTE_DOMAIN | 1u << RULES_FF_REGION_CODE;
    f->firm.resident_enterprise = true;
    f->firm.established_on = D("2015-01-01");
    snprintf(f->firm.hnte_domain, sizeof f->firm.hnte_domain, "一.(一).1");
    memcpy(f->firm.region_code, "440305", 7);
    const int64_t sales[3] = {WAN(6000), WAN(8000), WAN(10000)};
    const int64_t rd[3] = {WAN(300), WAN(400), WAN(500)};
    const int64_t na[3] = {WAN(3000), WAN(4000), WAN(5000)};
    f->n_years = 3;
    for (int i = 0; i < 3; i++) {
        f->years[i].year = 2023 + i;
        put(f, 2023 + i, RULES_YF_EMPLOYEES, 100);
        put(f, 2023 + i, RULES_YF_TECH_STAFF, 20);
        put(f, 2023 + i, RULES_YF_SALES_REVENUE, sales[i]);
        put(f, 2023 + i, RULES_YF_RD_EXPENSE, rd[i]);
        put(f, 2023 + i, RULES_YF_RD_DOMESTIC, rd[i]);
        put(f, 2023 + i, RULES_YF_TOTAL_ASSETS, na[i] + WAN(2000));
        put(f, 2023 + i, RULES_YF_TOTAL_LIABILITIES, WAN(2000));
    }
    put(f, 2025, RULES_YF_HIGHTECH_REVENUE, WAN(8000));
    put(f, 2025, RULES_YF_TOTAL_INCOME, WAN(10000));
    add_ip(f, RULES_IP_CLASS_I, true);
    add_conversions(f, 2023, 2);
    add_conversions(f, 2024, 2);
    add_conversions(f, 2025, 2);
    set_expert(f, "ip_advancement", 7);
    set_expert(f, "ip_core_support", 7);
    set_expert(f, "ip_count", 8);
    set_expert(f, "ip_acquisition", 5);
    set_expert(f, "conversion", 12);
    set_expert(f, "rd_mgmt_system", 5);
    set_expert(f, "rd_mgmt_institution", 5);
    set_expert(f, "rd_mgmt_incentive", 4);
    set_expert(f, "rd_mgmt_talent", 4);
    set_expert(f, "growth_net_assets", 8);
    set_expert(f, "growth_sales", 8);
}

/* ---- tweaks ---- */

static void
sales3(rules_facts *f, int64_t a, int64_t b, int64_t c)
{
    put(f, 2023, RULES_YF_SALES_REVENUE, a);
    put(f, 2024, RULES_YF_SALES_REVENUE, b);
    put(f, 2025, RULES_YF_SALES_REVENUE, c);
}

static void
rd3(rules_facts *f, int64_t a, int64_t b, int64_t c)
{
    put(f, 2023, RULES_YF_RD_EXPENSE, a);
    put(f, 2024, RULES_YF_RD_EXPENSE, b);
    put(f, 2025, RULES_YF_RD_EXPENSE, c);
    put(f, 2023, RULES_YF_RD_DOMESTIC, a);
    put(f, 2024, RULES_YF_RD_DOMESTIC, b);
    put(f, 2025, RULES_YF_RD_DOMESTIC, c);
}

static void
na3(rules_facts *f, int64_t a, int64_t b, int64_t c)
{
    put(f, 2023, RULES_YF_TOTAL_ASSETS, WAN(10000));
    put(f, 2024, RULES_YF_TOTAL_ASSETS, WAN(10000));
    put(f, 2025, RULES_YF_TOTAL_ASSETS, WAN(10000));
    put(f, 2023, RULES_YF_TOTAL_LIABILITIES, WAN(10000) - a);
    put(f, 2024, RULES_YF_TOTAL_LIABILITIES, WAN(10000) - b);
    put(f, 2025, RULES_YF_TOTAL_LIABILITIES, WAN(10000) - c);
}

static void
established(rules_facts *f, const char *d)
{
    f->firm.established_on = D(d);
}

/* registration */
static void
est_364(rules_facts *f)
{
    established(f, "2025-07-01");
}
static void
est_365(rules_facts *f)
{
    established(f, "2025-06-30");
}
static void
est_366(rules_facts *f)
{
    established(f, "2025-06-29");
}
static void
est_missing(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_ESTABLISHED_ON);
}
static void
not_resident(rules_facts *f)
{
    f->firm.resident_enterprise = false;
}

/* R&D bands: equal sales in the three years, R&D spread evenly */
static void
rd_case(rules_facts *f, int64_t s_last, int64_t s_other, int64_t rd_total)
{
    sales3(f, s_other, s_other, s_last);
    rd3(f, rd_total / 3, rd_total / 3, rd_total - 2 * (rd_total / 3));
}
/* last 5000万 exactly: 5% of 1.5亿 = 750万 */
static void
rd_5000w_on(rules_facts *f)
{
    rd_case(f, WAN(5000), WAN(5000), WAN(750));
}
static void
rd_5000w_below(rules_facts *f)
{
    rd_case(f, WAN(5000), WAN(5000), WAN(750) - 1);
}
static void
rd_5000w_above(rules_facts *f)
{
    rd_case(f, WAN(5000), WAN(5000), WAN(750) + 1);
}
/* last 5000万 + 1 fen → 4%: Σ = 1.5亿 + 1 fen, 4% = 600万 + 0.04 fen */
static void
rd_5000w1_pass(rules_facts *f)
{
    rd_case(f, WAN(5000) + 1, WAN(5000), WAN(600) + 1);
}
static void
rd_5000w1_fail(rules_facts *f)
{
    rd_case(f, WAN(5000) + 1, WAN(5000), WAN(600));
}
/* last 2亿 exactly → 4%: Σ 6亿, 4% = 2400万 */
static void
rd_2y_on(rules_facts *f)
{
    rd_case(f, WAN(20000), WAN(20000), WAN(2400));
}
static void
rd_2y_below(rules_facts *f)
{
    rd_case(f, WAN(20000), WAN(20000), WAN(2400) - 1);
}
/* last 2亿 + 1 fen → 3%: Σ 6亿 + 1 fen, 3% = 1800万 + 0.03 fen */
static void
rd_2y1_pass(rules_facts *f)
{
    rd_case(f, WAN(20000) + 1, WAN(20000), WAN(1800) + 1);
}
static void
rd_2y1_fail(rules_facts *f)
{
    rd_case(f, WAN(20000) + 1, WAN(20000), WAN(1800));
}
static void
rd_3pct_on(rules_facts *f)
{
    rd_case(f, WAN(30000), WAN(30000), WAN(2700));
}
/* domestic share: R&D Σ 1200万, 60% = 720万 */
static void
dom_share(rules_facts *f, int64_t dom_total)
{
    put(f, 2023, RULES_YF_RD_DOMESTIC, WAN(300));
    put(f, 2024, RULES_YF_RD_DOMESTIC, WAN(400));
    put(f, 2025, RULES_YF_RD_DOMESTIC, dom_total - WAN(700));
}
static void
dom_60(rules_facts *f)
{
    dom_share(f, WAN(720));
}
static void
dom_60_minus(rules_facts *f)
{
    dom_share(f, WAN(720) - 1);
}
static void
dom_5999(rules_facts *f)
{
    dom_share(f, YUAN(7198800));
}
static void
dom_2023_missing(rules_facts *f)
{
    drop(f, 2023, RULES_YF_RD_DOMESTIC);
}

/* staff */
static void
staff_10(rules_facts *f)
{
    put(f, 2025, RULES_YF_TECH_STAFF, 10);
}
static void
staff_9(rules_facts *f)
{
    put(f, 2025, RULES_YF_TECH_STAFF, 9);
}
static void
staff_1000_99(rules_facts *f)
{
    put(f, 2025, RULES_YF_EMPLOYEES, 1000);
    put(f, 2025, RULES_YF_TECH_STAFF, 99);
}
static void
staff_zero(rules_facts *f)
{
    put(f, 2025, RULES_YF_EMPLOYEES, 0);
    put(f, 2025, RULES_YF_TECH_STAFF, 0);
}
static void
staff_missing(rules_facts *f)
{
    drop(f, 2025, RULES_YF_EMPLOYEES);
}

/* high-tech revenue */
static void
ht_60(rules_facts *f)
{
    put(f, 2025, RULES_YF_HIGHTECH_REVENUE, WAN(6000));
}
static void
ht_60_minus(rules_facts *f)
{
    put(f, 2025, RULES_YF_HIGHTECH_REVENUE, WAN(6000) - 1);
}
static void
ht_missing(rules_facts *f)
{
    drop(f, 2025, RULES_YF_TOTAL_INCOME);
}

/* incidents */
static void
incident(rules_facts *f, rules_compliance_kind k, const char *on)
{
    f->compliance[f->n_compliance++] = (rules_compliance_event){k, D(on), RULES_DATE_NONE};
}
static void
inc_365(rules_facts *f)
{
    incident(f, RULES_COMP_MAJOR_SAFETY, "2025-06-30");
}
static void
inc_366(rules_facts *f)
{
    incident(f, RULES_COMP_MAJOR_QUALITY, "2025-06-29");
}
static void
inc_today(rules_facts *f)
{
    incident(f, RULES_COMP_SERIOUS_ENVIRONMENTAL, "2026-06-30");
}
static void
inc_after(rules_facts *f)
{
    incident(f, RULES_COMP_MAJOR_SAFETY, "2026-07-01");
}
static void
inc_other_kind(rules_facts *f)
{
    incident(f, RULES_COMP_ABNORMAL_LIST, "2026-01-01");
}

/* domain */
static void
dom_null(rules_facts *f)
{
    f->firm.nulls |= 1u << RULES_FF_HNTE_DOMAIN;
    f->firm.hnte_domain[0] = '\0';
}
static void
dom_missing(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_HNTE_DOMAIN);
}
static void
dom_unknown_root(rules_facts *f)
{
    snprintf(f->firm.hnte_domain, sizeof f->firm.hnte_domain, "九.(一).1");
}
static void
dom_coarse(rules_facts *f)
{
    snprintf(f->firm.hnte_domain, sizeof f->firm.hnte_domain, "八.(二)");
}

/* innovation score */
static void
score_70(rules_facts *f)
{
    set_expert(f, "ip_advancement", 4);
}
static void
score_71(rules_facts *f)
{
    set_expert(f, "ip_advancement", 5);
}
static void
no_experts(rules_facts *f)
{
    f->n_expert = 0;
}
static void
no_experts_poor(rules_facts *f)
{
    f->n_expert = 0;
    f->n_conversions = 0;
    sales3(f, WAN(10000), WAN(9000), WAN(8000));
    na3(f, WAN(3000), WAN(2000), WAN(1000));
}
static void
talent_open(rules_facts *f)
{
    set_expert(f, "ip_advancement", 8);
    clear_expert(f, "rd_mgmt_talent");
}
static void
talent_open_71(rules_facts *f)
{
    set_expert(f, "ip_advancement", 8);
    set_expert(f, "ip_core_support", 8);
    clear_expert(f, "rd_mgmt_talent");
}
static void
expert_out_of_band(rules_facts *f)
{
    set_expert(f, "ip_count", 5);
}
static void
expert_over_max(rules_facts *f)
{
    set_expert(f, "rd_mgmt_system", 7);
}
static void
ip_cap(rules_facts *f)
{
    set_expert(f, "ip_advancement", 8);
    set_expert(f, "ip_core_support", 8);
    set_expert(f, "ip_acquisition", 6);
    set_expert(f, "ip_standards", 2);
    f->standards[f->n_standards++] =
        (rules_standard){RULES_STD_NATIONAL, RULES_ROLE_PARTICIPANT, 2022};
}
static void
std_group(rules_facts *f)
{
    f->standards[f->n_standards++] = (rules_standard){RULES_STD_GROUP, RULES_ROLE_LEAD, 2022};
}

/* IP */
static void
only_ii(rules_facts *f, int n, bool used)
{
    f->n_ip = 0;
    for (int i = 0; i < n; i++)
        add_ip(f, RULES_IP_CLASS_II, true)->used_for_hnte = used;
    clear_expert(f, "ip_count");
}
static void
ii_used(rules_facts *f)
{
    only_ii(f, 1, true);
}
static void
ii_fresh(rules_facts *f)
{
    only_ii(f, 1, false);
}
static void
ii_5(rules_facts *f)
{
    only_ii(f, 5, false);
}
static void
ii_4(rules_facts *f)
{
    only_ii(f, 4, false);
}
static void
ii_3(rules_facts *f)
{
    only_ii(f, 3, false);
}
static void
ii_2(rules_facts *f)
{
    only_ii(f, 2, false);
}
static void
i_used_counts(rules_facts *f)
{
    f->ip[0].used_for_hnte = true;
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
ip_not_main(rules_facts *f)
{
    f->ip[0].main_product = false;
}
static void
ip_transferred(rules_facts *f)
{
    f->ip[0].self_developed = false;
    clear_expert(f, "ip_acquisition");
}

/* conversions */
static void
conv(rules_facts *f, int n)
{
    f->n_conversions = 0;
    add_conversions(f, 2024, n);
    clear_expert(f, "conversion");
}
static void
conv_15(rules_facts *f)
{
    conv(f, 15);
}
static void
conv_14(rules_facts *f)
{
    conv(f, 14);
}
static void
conv_12(rules_facts *f)
{
    conv(f, 12);
}
static void
conv_6(rules_facts *f)
{
    conv(f, 6);
}
static void
conv_3(rules_facts *f)
{
    conv(f, 3);
}
static void
conv_2(rules_facts *f)
{
    conv(f, 2);
}
static void
conv_0(rules_facts *f)
{
    conv(f, 0);
}
static void
conv_outside(rules_facts *f)
{
    conv(f, 0);
    add_conversions(f, 2022, 15);
    add_conversions(f, 2026, 15);
}

/* growth (sales; expert for growth_sales cleared so the band shows) */
static void
gs(rules_facts *f, int64_t a, int64_t b, int64_t c)
{
    sales3(f, a, b, c);
    clear_expert(f, "growth_sales");
}
static void
g_100_100_170(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(17000));
}
static void
g_3499(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(17000) - 1);
}
static void
g_25(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(15000));
}
static void
g_15(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(13000));
}
static void
g_5(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(11000));
}
static void
g_5_minus(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(11000) - 1);
}
static void
g_0(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(10000));
}
static void
g_0_plus(rules_facts *f)
{
    gs(f, WAN(10000), WAN(10000), WAN(10000) + 1);
}
static void
g_negative(rules_facts *f)
{
    gs(f, WAN(10000), WAN(9000), WAN(8000));
}
static void
g_y1_zero(rules_facts *f)
{
    gs(f, 0, WAN(10000), WAN(15000));
}
static void
g_y2_zero(rules_facts *f)
{
    gs(f, WAN(10000), 0, WAN(15000));
}
static void
g_mixed(rules_facts *f)
{
    gs(f, WAN(10000), WAN(20000), WAN(15000));
}
static void
na_first_negative(rules_facts *f)
{
    na3(f, -WAN(1000), WAN(2000), WAN(3500));
    clear_expert(f, "growth_net_assets");
}
static void
na_last_negative(rules_facts *f)
{
    na3(f, WAN(3000), WAN(4000), -WAN(500));
    clear_expert(f, "growth_net_assets");
}
static void
na_missing(rules_facts *f)
{
    drop(f, 2024, RULES_YF_TOTAL_LIABILITIES);
}
static void
two_years(rules_facts *f)
{
    established(f, "2024-03-01");
    drop(f, 2023, RULES_YF_RD_DOMESTIC); /* before establishment: never read */
    drop(f, 2023, RULES_YF_SALES_REVENUE);
    clear_expert(f, "growth_sales");
    clear_expert(f, "growth_net_assets");
    clear_expert(f, "conversion");
}
static void
two_years_conv(rules_facts *f)
{
    two_years(f);
    f->n_conversions = 0;
    add_conversions(f, 2024, 5);
    add_conversions(f, 2025, 5);
}
static void
no_2023(rules_facts *f)
{
    f->years[0].year = 2019; /* the 2023 object is absent */
}

/* a missing fact that no value could make matter (POLICY.md §2) */
static void
staff0_emp_missing(rules_facts *f)
{
    put(f, 2025, RULES_YF_TECH_STAFF, 0);
    drop(f, 2025, RULES_YF_EMPLOYEES);
}
static void
ht0_total_missing(rules_facts *f)
{
    put(f, 2025, RULES_YF_HIGHTECH_REVENUE, 0);
    drop(f, 2025, RULES_YF_TOTAL_INCOME);
}
static void
rd0_sales2023_missing(rules_facts *f)
{
    rd3(f, 0, 0, 0);
    drop(f, 2023, RULES_YF_SALES_REVENUE);
}
static void
rd_tiny_last_sales_missing(rules_facts *f)
{
    rd3(f, WAN(10), WAN(10), WAN(10));
    drop(f, 2025, RULES_YF_SALES_REVENUE);
}
static void
dom0_rd2023_missing(rules_facts *f)
{
    for (int y = 2023; y <= 2025; y++)
        put(f, y, RULES_YF_RD_DOMESTIC, 0);
    drop(f, 2023, RULES_YF_RD_EXPENSE);
}
static void
one_year_sales_missing(rules_facts *f)
{
    established(f, "2025-01-01");
    drop(f, 2025, RULES_YF_SALES_REVENUE);
}
static void
y2_zero_y3_missing(rules_facts *f)
{
    put(f, 2024, RULES_YF_SALES_REVENUE, 0);
    drop(f, 2025, RULES_YF_SALES_REVENUE);
}
static void
na_y2_assets0_liab_missing(rules_facts *f)
{
    put(f, 2024, RULES_YF_TOTAL_ASSETS, 0);
    drop(f, 2024, RULES_YF_TOTAL_LIABILITIES);
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
/* no  name                                             tweak              outcome              route    smin smax crit                    passed points value  missing gap */
{  1, "base firm: 73, eligible",                        NULL,              "eligible",          "score", 73, 73, "innovation_score",        1, NOCHK, "73", NULL, -1},
{  2, "non-resident fails",                             not_resident,      "ineligible",        "null",  73, 73, "resident_enterprise",     0, NOCHK, NULL, NULL, 1},
/* 第十一条(一): 365 calendar days */
{ 10, "364 days registered fails",                      est_364,           "ineligible",        "null",  -1, -1, "registered_days",         0, NOCHK, "364", NULL, 1},
{ 11, "365 days registered passes the gate",            est_365,           NULL,                NULL,    -1, -1, "registered_days",         1, NOCHK, "365", NULL, -1},
{ 12, "366 days registered passes the gate",            est_366,           NULL,                NULL,    -1, -1, "registered_days",         1, NOCHK, "366", NULL, -1},
{ 13, "established_on missing",                         est_missing,       "insufficient_data", "null",  73, 73, "registered_days",        -1, NOCHK, NULL, "firm.established_on", -1},
/* 第十一条(五): band by last year's sales, ratio over three years */
{ 20, "last sales 5000万: 5% band, exactly 5% passes",   rd_5000w_on,       NULL,                NULL,    -1, -1, "rd_ratio",                1, NOCHK, "5.00%", NULL, -1},
{ 21, "last sales 5000万: 5% − 1 fen fails",            rd_5000w_below,    "ineligible",        "null",  -1, -1, "rd_ratio",                0, NOCHK, "4.99%", NULL, 1},
{ 22, "last sales 5000万: 5% + 1 fen passes",           rd_5000w_above,    NULL,                NULL,    -1, -1, "rd_ratio",                1, NOCHK, "5.00%", NULL, -1},
{ 23, "last sales 5000万 + 1 fen: 4% band passes",      rd_5000w1_pass,    NULL,                NULL,    -1, -1, "rd_ratio",                1, NOCHK, "4.00%", NULL, -1},
{ 24, "last sales 5000万 + 1 fen: under 4% fails",      rd_5000w1_fail,    "ineligible",        "null",  -1, -1, "rd_ratio",                0, NOCHK, "3.99%", NULL, 1},
{ 25, "last sales 2亿: 4% band, exactly 4% passes",     rd_2y_on,          NULL,                NULL,    -1, -1, "rd_ratio",                1, NOCHK, "4.00%", NULL, -1},
{ 26, "last sales 2亿: 4% − 1 fen fails",               rd_2y_below,       "ineligible",        "null",  -1, -1, "rd_ratio",                0, NOCHK, "3.99%", NULL, 1},
{ 27, "last sales 2亿 + 1 fen: 3% band passes",         rd_2y1_pass,       NULL,                NULL,    -1, -1, "rd_ratio",                1, NOCHK, "3.00%", NULL, -1},
{ 28, "last sales 2亿 + 1 fen: under 3% fails",         rd_2y1_fail,       "ineligible",        "null",  -1, -1, "rd_ratio",                0, NOCHK, "2.99%", NULL, 1},
{ 29, "last sales 3亿: exactly 3% passes",              rd_3pct_on,        NULL,                NULL,    -1, -1, "rd_ratio",                1, NOCHK, "3.00%", NULL, -1},
{ 30, "domestic exactly 60% passes",                    dom_60,            "eligible",          "score", 73, 73, "rd_domestic_ratio",       1, NOCHK, "60.00%", NULL, -1},
{ 31, "domestic 60% − 1 fen fails (gap grows both)",    dom_60_minus,      "ineligible",        "null",  73, 73, "rd_domestic_ratio",       0, NOCHK, "59.99%", NULL, 3},
{ 32, "domestic 59.99% fails",                          dom_5999,          "ineligible",        "null",  73, 73, "rd_domestic_ratio",       0, NOCHK, "59.99%", NULL, 300000},
{ 33, "domestic R&D of 2023 missing",                   dom_2023_missing,  "insufficient_data", "null",  73, 73, "rd_domestic_ratio",      -1, NOCHK, NULL, "years.2023.rd_domestic_fen", -1},
{ 34, "no 2023 object: R&D and growth need it",         no_2023,           "insufficient_data", "null",  57, 77, "rd_ratio",               -1, NOCHK, NULL, "years.2023.sales_revenue_fen", -1},
/* 第十一条(四): staff */
{ 40, "tech staff exactly 10% passes",                  staff_10,          "eligible",          "score", 73, 73, "tech_staff_ratio",        1, NOCHK, "10.00%", NULL, -1},
{ 41, "tech staff 9% fails, gap 1 person",              staff_9,           "ineligible",        "null",  73, 73, "tech_staff_ratio",        0, NOCHK, "9.00%", NULL, 1},
{ 42, "tech staff 99/1000 fails",                       staff_1000_99,     "ineligible",        "null",  73, 73, "tech_staff_ratio",        0, NOCHK, "9.90%", NULL, 1},
{ 43, "no staff: ratio undefined fails",                staff_zero,        "ineligible",        "null",  73, 73, "tech_staff_ratio",        0, NOCHK, "n/a", NULL, -1},
{ 44, "employees missing",                              staff_missing,     "insufficient_data", "null",  73, 73, "tech_staff_ratio",       -1, NOCHK, NULL, "years.2025.employees", -1},
/* 第十一条(六) */
{ 50, "high-tech revenue exactly 60% passes",           ht_60,             "eligible",          "score", 73, 73, "hightech_revenue_ratio",  1, NOCHK, "60.00%", NULL, -1},
{ 51, "high-tech revenue 60% − 1 fen fails",            ht_60_minus,       "ineligible",        "null",  73, 73, "hightech_revenue_ratio",  0, NOCHK, "59.99%", NULL, 3},
{ 52, "total income missing",                           ht_missing,        "insufficient_data", "null",  73, 73, "hightech_revenue_ratio", -1, NOCHK, NULL, "years.2025.total_income_fen", -1},
/* 第十一条(八) */
{ 60, "incident 365 days before as_of fails",           inc_365,           "ineligible",        "null",  73, 73, "no_incident",             0, NOCHK, "1", NULL, 1},
{ 61, "incident 366 days before passes",                inc_366,           "eligible",          "score", 73, 73, "no_incident",             1, NOCHK, "0", NULL, -1},
{ 62, "incident on as_of fails",                        inc_today,         "ineligible",        "null",  73, 73, "no_incident",             0, NOCHK, "1", NULL, 366},
{ 63, "incident after as_of ignored",                   inc_after,         "eligible",          "score", 73, 73, "no_incident",             1, NOCHK, "0", NULL, -1},
{ 64, "abnormal list is not an incident here",          inc_other_kind,    "eligible",          "score", 73, 73, "no_incident",             1, NOCHK, "0", NULL, -1},
/* 第十一条(三) */
{ 70, "domain null fails",                              dom_null,          "ineligible",        "null",  73, 73, "hnte_domain",             0, NOCHK, "null", NULL, 1},
{ 71, "domain missing",                                 dom_missing,       "insufficient_data", "null",  73, 73, "hnte_domain",            -1, NOCHK, NULL, "firm.hnte_domain", -1},
{ 72, "domain outside the eight fields fails",          dom_unknown_root,  "ineligible",        "null",  73, 73, "hnte_domain",             0, NOCHK, NULL, NULL, 1},
{ 73, "domain only two levels → officer review",        dom_coarse,        "needs_review",      "score", 73, 73, "hnte_domain",            -1, NOCHK, "八.(二)", NULL, -1},
/* 第十一条(七): score > 70 */
{ 80, "innovation score exactly 70 fails",              score_70,          "ineligible",        "score", 70, 70, "innovation_score",        0, NOCHK, "70", NULL, 1},
{ 81, "innovation score 71 passes",                     score_71,          "eligible",          "score", 71, 71, "innovation_score",        1, NOCHK, "71", NULL, -1},
{ 82, "no expert scores: range 29–78 → needs_review",   no_experts,        "needs_review",      "score", 29, 78, "innovation_score",       -1, NOCHK, "29–78", NULL, -1},
{ 83, "no experts, poor facts: max 50 → ineligible",    no_experts_poor,   "ineligible",        "score", 8, 50, "innovation_score",         0, NOCHK, "8–50", NULL, 21},
{ 84, "one open item 0–4 at 70..74 → needs_review",     talent_open,       "needs_review",      "score", 70, 74, "rd_mgmt_talent",         -1, NUL, NULL, NULL, -1},
{ 85, "one open item 0–4 at 71..75 → eligible",         talent_open_71,    "eligible",          "score", 71, 75, "rd_mgmt_talent",         -1, NUL, NULL, NULL, -1},
{ 86, "expert score outside its band is ignored",       expert_out_of_band,"eligible",          "score", 72, 73, "ip_count",               1, NUL, NULL, NULL, -1},
{ 87, "expert score over the item max is ignored",      expert_over_max,   "needs_review",      "score", 68, 74, "rd_mgmt_system",         -1, NUL, NULL, NULL, -1},
{ 88, "IP group capped at 30 (8+8+8+6+2 = 32)",         ip_cap,            "eligible",          "score", 76, 76, "ip_standards",            1, 2, "true", NULL, -1},
{ 89, "group standard gives no bonus",                  std_group,         "eligible",          "score", 73, 73, "ip_standards",            0, 0, "false", NULL, -1},
{ 90, "USCC mismatch: eligible → needs_review",         uscc_mismatch,     "needs_review",      "score", 73, 73, "uscc_check",             -1, NOCHK, NULL, NULL, -1},
/* IP */
{100, "Ⅱ类 already used for an HNTE: not counted",     ii_used,           "ineligible",        "null",  -1, -1, "core_ip",                 0, NOCHK, "0", NULL, 1},
{101, "fresh Ⅱ类 counts: band D 1–2",                  ii_fresh,          "ineligible",        "score", 66, 67, "core_ip",                 1, NOCHK, "1", NULL, -1},
{102, "five Ⅱ类: band B 5–6",                           ii_5,              "needs_review",      "score", 70, 71, "ip_count",            1, NUL, "Ⅰ类 0, Ⅱ类 5", NULL, -1},
{103, "four Ⅱ类: band C 3–4",                           ii_4,              "ineligible",        "score", 68, 69, "ip_count",                1, NUL, NULL, NULL, 1},
{104, "three Ⅱ类: band C 3–4",                          ii_3,              "ineligible",        "score", 68, 69, "ip_count",                1, NUL, NULL, NULL, 2},
{105, "two Ⅱ类: band D 1–2",                            ii_2,              "ineligible",        "score", 66, 67, "ip_count",                1, NUL, NULL, NULL, 1},
{106, "Ⅰ类 used before still counts",                  i_used_counts,     "eligible",          "score", 73, 73, "core_ip",                 1, NOCHK, "1", NULL, -1},
{107, "expired IP not counted",                         ip_expired,        "ineligible",        "null",  -1, -1, "core_ip",                 0, NOCHK, "0", NULL, 1},
{108, "IP expiring on as_of counts",                    ip_expires_today,  "eligible",          "score", 73, 73, "core_ip",                 1, NOCHK, "1", NULL, -1},
{109, "disputed IP not counted",                        ip_disputed,       "ineligible",        "null",  -1, -1, "core_ip",                 0, NOCHK, "0", NULL, 1},
{110, "IP unrelated to the main product not counted",   ip_not_main,       "ineligible",        "null",  -1, -1, "core_ip",                 0, NOCHK, "0", NULL, 1},
{111, "transferred IP only: acquisition 1–3",           ip_transferred,    "needs_review",      "score", 69, 71, "ip_acquisition",          1, NUL, "0", NULL, 1},
/* conversions: annual average over the window */
{120, "15 in 3 years = 5/yr: band A 25–30",             conv_15,           "eligible",          "score", 86, 91, "conversion",              1, NUL, "15 项/3 年 = 5.00 项/年", NULL, -1},
{121, "14 in 3 years = 4.66/yr: band B 19–24",          conv_14,           "eligible",          "score", 80, 85, "conversion",              1, NUL, "14 项/3 年 = 4.66 项/年", NULL, 1},
{122, "12 in 3 years = 4/yr: band B",                   conv_12,           "eligible",          "score", 80, 85, "conversion",              1, NUL, NULL, NULL, 3},
{123, "6 in 3 years = 2/yr: band D 7–12",               conv_6,            "needs_review",      "score", 68, 73, "conversion",              1, NUL, NULL, NULL, 3},
{124, "3 in 3 years = 1/yr: band E 1–6",                conv_3,            "ineligible",        "score", 62, 67, "conversion",              1, NUL, NULL, NULL, 3},
{125, "2 in 3 years: below E, range 0–6",               conv_2,            "ineligible",        "score", 61, 67, "conversion",             -1, NUL, NULL, NULL, 1},
{126, "none: 0",                                        conv_0,            "ineligible",        "score", 61, 61, "conversion",              0, 0, NULL, NULL, 3},
{127, "conversions outside the window not counted",     conv_outside,      "ineligible",        "score", 61, 61, "conversion",              0, 0, NULL, NULL, -1},
/* growth: ½(Y2/Y1 + Y3/Y2) − 1, not a CAGR (sales expert cleared: 65 + band) */
{130, "(100, 100, 170) → 35% band A (CAGR would be B)", g_100_100_170,     NULL,                NULL,    74, 75, "growth_sales",            1, NUL, "35.00%", NULL, -1},
{131, "(100, 100, 170 − 1 fen) → band B",               g_3499,            NULL,                NULL,    72, 73, "growth_sales",            1, NUL, "34.99%", NULL, 1},
{132, "25% exactly → band B",                           g_25,              NULL,                NULL,    72, 73, "growth_sales",            1, NUL, "25.00%", NULL, -1},
{133, "15% exactly → band C",                           g_15,              NULL,                NULL,    70, 71, "growth_sales",            1, NUL, "15.00%", NULL, -1},
{134, "5% exactly → band D",                            g_5,               NULL,                NULL,    68, 69, "growth_sales",            1, NUL, "5.00%", NULL, -1},
{135, "5% − 1 fen → band E (> 0)",                      g_5_minus,         NULL,                NULL,    66, 67, "growth_sales",            1, NUL, "4.99%", NULL, 1},
{136, "0% exactly → 0 points",                          g_0,               NULL,                NULL,    65, 65, "growth_sales",            0, 0, "0.00%", NULL, 1},
{137, "0% + 1 fen → band E",                            g_0_plus,          NULL,                NULL,    66, 67, "growth_sales",            1, NUL, "0.00%", NULL, -1},
{138, "negative growth → 0 points",                     g_negative,        NULL,                NULL,    65, 65, "growth_sales",            0, 0, "-10.56%", NULL, -1},
{139, "first year 0 → Y3/Y2 − 1 = 50%",                 g_y1_zero,         NULL,                NULL,    74, 75, "growth_sales",            1, NUL, "50.00%", NULL, -1},
{140, "second year 0 → 0 points",                       g_y2_zero,         NULL,                NULL,    65, 65, "growth_sales",            0, 0, "n/a", NULL, -1},
{141, "(100, 200, 150): ½(2 + 0.75) − 1 = 37.5%",       g_mixed,           NULL,                NULL,    74, 75, "growth_sales",            1, NUL, "37.50%", NULL, -1},
{142, "negative first net assets count as 0 → Y3/Y2",   na_first_negative, "eligible",          "score", 74, 75, "growth_net_assets",       1, NUL, "75.00%", NULL, -1},
{143, "negative last net assets count as 0 → 0 points", na_last_negative,  "ineligible",        "score", 65, 65, "growth_net_assets",       0, 0, "-33.34%", NULL, 2666666667},
{144, "net assets missing → range, insufficient",       na_missing,        "insufficient_data", "score", 65, 75, "growth_net_assets",      -1, NUL, NULL, "years.2024.total_liabilities_fen", -1},
{145, "two operating years: R&D and growth over 2024–25", two_years,       NULL,                NULL,    -1, -1, "growth_sales",            1, NUL, "25.00%", NULL, -1},
{146, "two operating years: conversions averaged on 2", two_years_conv,    NULL,                NULL,    -1, -1, "conversion",              1, NUL, "10 项/2 年 = 5.00 项/年", NULL, -1},
/* a missing fact that no value could make matter (POLICY.md §2) */
{150, "tech staff 0, employees missing: fails whatever",  staff0_emp_missing, "ineligible",      "null",  73, 73, "tech_staff_ratio",        0, NOCHK, NULL, "years.2025.employees", -1},
{151, "high-tech revenue 0, total income missing: fails", ht0_total_missing, "ineligible",       "null",  73, 73, "hightech_revenue_ratio",  0, NOCHK, NULL, "years.2025.total_income_fen", 0},
{152, "R&D 0 every year, 2023 sales missing: fails",    rd0_sales2023_missing, "ineligible",     "null",  -1, -1, "rd_ratio",                0, NOCHK, NULL, "years.2023.sales_revenue_fen", WAN(720)},
{153, "R&D 0.21% of known sales, 2025 sales missing",   rd_tiny_last_sales_missing, "ineligible", "null", -1, -1, "rd_ratio",                0, NOCHK, NULL, "years.2025.sales_revenue_fen", WAN(390)},
{154, "domestic R&D 0, 2023 R&D missing: fails",        dom0_rd2023_missing, "ineligible",       "null",  -1, -1, "rd_domestic_ratio",       0, NOCHK, NULL, "years.2023.rd_expense_fen", WAN(1350)},
{155, "one operating year: growth 0 even with sales missing", one_year_sales_missing, "ineligible", "score", -1, -1, "growth_sales", 0, 0, NULL, "years.2025.sales_revenue_fen", -1},
{156, "second year's sales 0, third missing: 0 points", y2_zero_y3_missing, "ineligible",         "score", 65, 65, "growth_sales",            0, 0, NULL, "years.2025.sales_revenue_fen", -1},
{157, "2024 assets 0, liabilities missing: net assets 0", na_y2_assets0_liab_missing, "ineligible", "score", 65, 65, "growth_net_assets",   0, 0, NULL, "years.2024.total_liabilities_fen", -1},
};
/* clang-format on */

static void
check_row(const rules_module *m, const rules_edition_set *set, const rules_ctx *ctx, const row *r)
{
    static rules_facts f;
    static rules_verdict v, v2;
    T_ROW(r->no, r->name);
    base(&f);
    if (r->tweak)
        r->tweak(&f);
    CHECK_INT(rules_evaluate(m, set, &f, ctx, &v), 0);
    if (r->outcome)
        CHECK_STR(rules_outcome_name(v.outcome), r->outcome);
    if (r->route) {
        const char *route = rules_route_name(v.route);
        CHECK_STR(route ? route : "null", r->route);
    }
    if (r->smin >= 0)
        CHECK_INT(v.score_min, r->smin);
    if (r->smax >= 0)
        CHECK_INT(v.score_max, r->smax);
    CHECK_INT(v.fiscal_year, 2025);
    CHECK(!v.verified);
    if (r->crit) {
        const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
        CHECK(c != NULL);
        if (c) {
            if (r->passed != -2)
                CHECK_INT(c->passed, r->passed);
            if (r->points == NUL)
                CHECK(!c->has_points);
            else if (r->points != NOCHK) {
                CHECK(c->has_points);
                CHECK_INT(c->points, r->points);
            }
            if (r->value)
                CHECK_STR(c->value, r->value);
            if (r->gap >= 0) {
                CHECK(c->gap.set);
                CHECK_INT(c->gap.amount, r->gap);
            }
            if (c->passed == RULES_NO && c->def->kind == RULES_CRIT_GATE &&
                strcmp(c->def->id, "tech_staff_ratio") != 0)
                CHECK(c->gap.set); /* every failed gate says what it lacks */
        }
    }
    if (r->missing)
        CHECK(has_missing(&v, r->missing));
    if (v.outcome == RULES_ELIGIBLE || v.outcome == RULES_NEEDS_REVIEW)
        CHECK_INT(v.n_missing, 0);
    /* determinism and the JSON round trip */
    CHECK_INT(rules_evaluate(m, set, &f, ctx, &v2), 0);
    json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
    CHECK(json_equal(a, b));
    json_decref(a);
    json_decref(b);
    roundtrip(&v);
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
    const rules_module *m = rules_module_find("high_tech");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    rules_ctx ctx = {D("2026-06-30"), "440305"};
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        check_row(m, &set, &ctx, &rows[i]);

    static rules_facts f;
    static rules_verdict v;

    T_ROW(200, "R&D band threshold text names the band");
    base(&f);
    rd_2y1_pass(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    const rules_criterion_result *c = rules_verdict_find(&v, "rd_ratio");
    CHECK(c && strncmp(c->threshold, "≥ 3%", strlen("≥ 3%")) == 0);

    T_ROW(201, "two operating years: R&D ratio over 2024–2025 only");
    base(&f);
    two_years(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    c = rules_verdict_find(&v, "rd_ratio");
    /* 900万 / 1.8亿 = 5% */
    CHECK(c && c->passed == RULES_YES && c->exact.num == WAN(900) && c->exact.den == WAN(18000));
    CHECK_INT(v.n_missing, 0);

    T_ROW(202, "no edition before 2016-01-01; first day in force");
    rules_ctx early = {D("2015-12-31"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);
    rules_ctx first = {D("2016-01-01"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &first, &v), 0);
    CHECK_INT(v.fiscal_year, 2015);

    T_ROW(203, "citation composed from edition and article");
    base(&f);
    rules_evaluate(m, &set, &f, &ctx, &v);
    char cite[256];
    rules_criterion_citation(&v, rules_verdict_find(&v, "registered_days"), cite, sizeof cite);
    CHECK_STR(cite, "国科发火〔2016〕32号、国科发火〔2016〕195号 第十一条(一)");

    T_ROW(204, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(205, "region override: a local copy with growth_first_zero = zero_points");
    {
        static rules_edition_set set2;
        set2 = set;
        const rules_edition *nat = rules_edition_select(&set, "high_tech", ctx.as_of, "");
        CHECK(nat != NULL);
        if (nat && set2.n < RULES_MAX_EDITIONS) {
            rules_edition *loc = &set2.items[set2.n++];
            *loc = *nat;
            snprintf(loc->edition_id, sizeof loc->edition_id, "high_tech/test-4403");
            snprintf(loc->region_prefix, sizeof loc->region_prefix, "4403");
            int pi = rules_module_param_index(m, "growth_first_zero");
            CHECK(pi >= 0);
            if (pi >= 0)
                loc->p[pi].v[0] = rules_ratio_make(2, 1); /* zero_points */
            char e2[256];
            CHECK_INT(m->validate(loc, e2, sizeof e2), 0);
            base(&f);
            g_y1_zero(&f);
            rules_evaluate(m, &set2, &f, &ctx, &v);
            CHECK_STR(v.edition_id, "high_tech/test-4403");
            c = rules_verdict_find(&v, "growth_sales");
            CHECK(c && c->has_points && c->points == 0);
            rules_ctx other = {ctx.as_of, "110108"};
            rules_evaluate(m, &set2, &f, &other, &v);
            CHECK_STR(v.edition_id, "high_tech/2016-32-195");
            c = rules_verdict_find(&v, "growth_sales");
            CHECK(c && !c->has_points && c->passed == RULES_YES);
        }
    }

    T_ROW(206, "validate rejects a band table of the wrong length");
    {
        static rules_edition bad;
        bad = *rules_edition_select(&set, "high_tech", ctx.as_of, "");
        bad.p[rules_module_param_index(m, "rd_band_ratio_min")].n = 2;
        char e2[256];
        CHECK(m->validate(&bad, e2, sizeof e2) != 0);
    }

    T_ROW(207, "growth is exact for huge figures (no overflow)");
    base(&f);
    sales3(&f, INT64_MAX / 2, INT64_MAX / 2, INT64_MAX / 2 + INT64_MAX / 4);
    clear_expert(&f, "growth_sales");
    rules_evaluate(m, &set, &f, &ctx, &v);
    c = rules_verdict_find(&v, "growth_sales");
    CHECK(c && c->passed == RULES_YES && strcmp(c->value, "24.99%") == 0);
    sales3(&f, 3, INT64_MAX, INT64_MAX);
    rules_evaluate(m, &set, &f, &ctx, &v);
    c = rules_verdict_find(&v, "growth_sales");
    CHECK(c && c->passed == RULES_YES);

    T_ROW(208, "monotonic: more conversions never lower the score");
    int prev_min = -1, prev_max = -1;
    for (int n = 0; n <= 20; n++) {
        base(&f);
        conv(&f, n);
        rules_evaluate(m, &set, &f, &ctx, &v);
        CHECK(v.score_min >= prev_min && v.score_max >= prev_max);
        prev_min = v.score_min;
        prev_max = v.score_max;
    }

    T_ROW(209, "monotonic: a higher last-year sales never lowers the sales growth range");
    prev_min = prev_max = -1;
    for (int64_t s3 = WAN(5000); s3 <= WAN(20000); s3 += WAN(250)) {
        base(&f);
        gs(&f, WAN(10000), WAN(10000), s3);
        rules_evaluate(m, &set, &f, &ctx, &v);
        CHECK(v.score_min >= prev_min && v.score_max >= prev_max);
        prev_min = v.score_min;
        prev_max = v.score_max;
    }
    T_DONE();
}
