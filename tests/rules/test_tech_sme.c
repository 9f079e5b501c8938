/*
 * test_tech_sme: boundary table for 科技型中小企业 (policy-sources.md §9.3
 * and every threshold of the 2017 edition on both sides and exactly on it),
 * direct routes, missing data, the USCC flag, edition absence, gaps, and
 * the verdict JSON round trip.
 *
 * Each row starts from a base firm (as_of 2026-06-30, fiscal year 2025:
 * 100 employees, 30 tech staff = 20 points; sales 1亿元, R&D 6% = 50 points;
 * cost 50,000,000 元; assets 50,000,000 元; no IP: score 70, eligible) and
 * applies its own changes.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/ladder.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define YUAN(x) ((int64_t)(x)*100)
#define KEEP    INT64_MIN       /* leave the base value */
#define DROP    (INT64_MIN + 1) /* remove the fact (missing) */

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
    int64_t emp, tech, sales, cost, rd, assets;
    tweak_fn tweak;
    const char *outcome; /* expected outcome */
    const char *route;   /* expected route, "null", or NULL = not checked */
    int score;           /* expected score_min, or -1 */
    const char *crit;    /* a criterion to check, or NULL */
    int points;          /* its points, or -1 */
    int passed;          /* 1, 0, -1 (null), or -2 not checked */
    const char *missing; /* a path expected in missing[], or NULL */
    int64_t gap;         /* expected gap amount of crit, or -1 */
} row;

static void
set_year(rules_year *y, int fld, int64_t v)
{
    if (v == KEEP)
        return;
    if (v == DROP) {
        y->has &= ~(1u << fld);
        return;
    }
    y->v[fld] = v;
    y->has |= 1u << fld;
}

static void
base(rules_facts *f, const row *r)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_RESIDENT_ENTERPRISE | 1u << RULES_FF_RESTRICTED_INDUSTRY |
                  1u << RULES_FF_REGION_CODE;
    f->firm.resident_enterprise = true;
    f->firm.restricted_industry = false;
    memcpy(f->firm.region_code, "440300", 7);
    f->n_years = 1;
    rules_year *y = &f->years[0];
    y->year = 2025;
    set_year(y, RULES_YF_EMPLOYEES, 100);
    set_year(y, RULES_YF_TECH_STAFF, 30);
    set_year(y, RULES_YF_SALES_REVENUE, YUAN(100000000));
    set_year(y, RULES_YF_COST_EXPENSE, YUAN(50000000));
    set_year(y, RULES_YF_RD_EXPENSE, YUAN(6000000));
    set_year(y, RULES_YF_TOTAL_ASSETS, YUAN(50000000));
    set_year(y, RULES_YF_EMPLOYEES, r->emp);
    set_year(y, RULES_YF_TECH_STAFF, r->tech);
    set_year(y, RULES_YF_SALES_REVENUE, r->sales);
    set_year(y, RULES_YF_COST_EXPENSE, r->cost);
    set_year(y, RULES_YF_RD_EXPENSE, r->rd);
    set_year(y, RULES_YF_TOTAL_ASSETS, r->assets);
    if (r->tweak)
        r->tweak(f);
}

/* ---- tweaks ---- */

static void
add_ip(rules_facts *f, rules_ip_class cls, const char *expires, bool disputed, bool main_product)
{
    rules_ip *ip = &f->ip[f->n_ip++];
    memset(ip, 0, sizeof *ip);
    ip->cls = cls;
    ip->granted_on = D("2020-01-01");
    ip->expires_on = expires ? D(expires) : RULES_DATE_NONE;
    ip->disputed = disputed;
    ip->main_product = main_product;
}
static void
ip_one_i(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, "2040-01-01", false, true);
}
static void
ip_four_ii(rules_facts *f)
{
    for (int i = 0; i < 4; i++)
        add_ip(f, RULES_IP_CLASS_II, NULL, false, true);
}
static void
ip_three_ii(rules_facts *f)
{
    for (int i = 0; i < 3; i++)
        add_ip(f, RULES_IP_CLASS_II, NULL, false, true);
}
static void
ip_two_ii(rules_facts *f)
{
    for (int i = 0; i < 2; i++)
        add_ip(f, RULES_IP_CLASS_II, NULL, false, true);
}
static void
ip_expired(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, "2026-06-29", false, true);
}
static void
ip_expires_today(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, "2026-06-30", false, true);
}
static void
ip_disputed(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, NULL, true, true);
}
static void
ip_not_main(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, NULL, false, false);
}
static void
ip_not_yet_granted(rules_facts *f)
{
    add_ip(f, RULES_IP_CLASS_I, NULL, false, true);
    f->ip[0].granted_on = D("2026-07-01");
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
hnte_expires_today(rules_facts *f)
{
    add_rec(f, RULES_REC_HIGH_TECH, "2023-06-30", "2026-06-30");
}
static void
hnte_expired(rules_facts *f)
{
    add_rec(f, RULES_REC_HIGH_TECH, "2023-06-29", "2026-06-29");
}
static void
hnte_future(rules_facts *f)
{
    add_rec(f, RULES_REC_HIGH_TECH, "2026-07-01", "2029-06-30");
}

static void
add_award(rules_facts *f, rules_award_level l, int year, int rank)
{
    f->awards[f->n_awards++] = (rules_award){l, year, rank};
}
static void
award_rank3(rules_facts *f)
{
    add_award(f, RULES_AWARD_NATIONAL, 2024, 3);
}
static void
award_rank4(rules_facts *f)
{
    add_award(f, RULES_AWARD_NATIONAL, 2024, 4);
}
static void
award_5y(rules_facts *f)
{
    add_award(f, RULES_AWARD_NATIONAL, 2021, 1);
}
static void
award_6y(rules_facts *f)
{
    add_award(f, RULES_AWARD_NATIONAL, 2020, 1);
}
static void
award_provincial(rules_facts *f)
{
    add_award(f, RULES_AWARD_PROVINCIAL, 2024, 1);
}

static void
add_inst(rules_facts *f, rules_inst_level l, const char *since)
{
    f->institutions[f->n_institutions++] = (rules_institution){l, D(since)};
}
static void
inst_provincial(rules_facts *f)
{
    add_inst(f, RULES_INST_PROVINCIAL, "2020-01-01");
}
static void
inst_city(rules_facts *f)
{
    add_inst(f, RULES_INST_CITY, "2020-01-01");
}
static void
inst_later(rules_facts *f)
{
    add_inst(f, RULES_INST_NATIONAL, "2026-07-01");
}

static void
add_std(rules_facts *f, rules_std_level l, rules_std_role role, int year)
{
    f->standards[f->n_standards++] = (rules_standard){l, role, year};
}
static void
std_led_national(rules_facts *f)
{
    add_std(f, RULES_STD_NATIONAL, RULES_ROLE_LEAD, 2023);
}
static void
std_participant(rules_facts *f)
{
    add_std(f, RULES_STD_NATIONAL, RULES_ROLE_PARTICIPANT, 2023);
}
static void
std_group(rules_facts *f)
{
    add_std(f, RULES_STD_GROUP, RULES_ROLE_LEAD, 2023);
}
static void
std_old(rules_facts *f)
{
    add_std(f, RULES_STD_INDUSTRY, RULES_ROLE_LEAD, 2020);
}

static void
add_comp(rules_facts *f, rules_compliance_kind k, const char *on, const char *cleared)
{
    f->compliance[f->n_compliance++] =
        (rules_compliance_event){k, D(on), cleared ? D(cleared) : RULES_DATE_NONE};
}
static void
comp_in_window(rules_facts *f)
{
    add_comp(f, RULES_COMP_MAJOR_SAFETY, "2025-01-01", NULL);
}
static void
comp_before(rules_facts *f)
{
    add_comp(f, RULES_COMP_MAJOR_SAFETY, "2024-12-31", NULL);
}
static void
comp_after(rules_facts *f)
{
    add_comp(f, RULES_COMP_MAJOR_QUALITY, "2026-07-01", NULL);
}
static void
comp_list_overlap(rules_facts *f)
{
    add_comp(f, RULES_COMP_ABNORMAL_LIST, "2023-01-01", "2025-01-01");
}
static void
comp_list_cleared(rules_facts *f)
{
    add_comp(f, RULES_COMP_ABNORMAL_LIST, "2023-01-01", "2024-12-31");
}
static void
comp_list_open(rules_facts *f)
{
    add_comp(f, RULES_COMP_SERIOUS_DISHONESTY_LIST, "2019-01-01", NULL);
}

static void
restricted(rules_facts *f)
{
    f->firm.restricted_industry = true;
}
static void
not_resident(rules_facts *f)
{
    f->firm.resident_enterprise = false;
}
static void
no_resident_fact(rules_facts *f)
{
    f->firm.has &= ~(1u << RULES_FF_RESIDENT_ENTERPRISE);
}
static void
no_year(rules_facts *f)
{
    f->years[0].year = 2024;
}
static void
uscc_mismatch(rules_facts *f)
{
    memcpy(f->firm.uscc, "91350100M0001TGQXM", 19);
    f->firm.has |= 1u << RULES_FF_USCC;
    f->firm.uscc_check_mismatch = true;
}
static void
hnte_and_restricted(rules_facts *f)
{
    hnte_expires_today(f);
    restricted(f);
}
static void
ip_i_and_score_low(rules_facts *f)
{
    ip_one_i(f);
}

/* clang-format off */
static const row rows[] = {
/* no  name                                         emp   tech  sales                cost              rd                  assets             tweak  outcome route score crit points passed missing gap */
{  1, "base firm: 20+50+0 = 70",                    KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              NULL, "eligible", "score", 70, "tech_staff_ratio", 20, 1, NULL, -1},
{  2, "employees 500 passes",                       500,  150,  KEEP,                KEEP,             KEEP,               KEEP,              NULL, "eligible", "score", 70, "employees", -1, 1, NULL, -1},
{  3, "employees 501 fails",                        501,  151,  KEEP,                KEEP,             KEEP,               KEEP,              NULL, "ineligible", "null", 70, "employees", -1, 0, NULL, 1},
{  4, "sales exactly 2亿 passes",                   KEEP, KEEP, 20000000000,         KEEP,             1200000000,         KEEP,              NULL, "eligible", "score", 70, "sales_revenue", -1, 1, NULL, -1},
{  5, "sales 2亿 + 1 fen fails",                    KEEP, KEEP, 20000000001,         KEEP,             1200000000,         KEEP,              NULL, "ineligible", "null", -1, "sales_revenue", -1, 0, NULL, 1},
{  6, "assets exactly 2亿 passes",                  KEEP, KEEP, KEEP,                KEEP,             KEEP,               20000000000,       NULL, "eligible", "score", 70, "total_assets", -1, 1, NULL, -1},
{  7, "assets 2亿 + 1 fen fails",                   KEEP, KEEP, KEEP,                KEEP,             KEEP,               20000000001,       NULL, "ineligible", "null", -1, "total_assets", -1, 0, NULL, 1},
{  8, "tech staff 10/100 → 4, non-zero",            KEEP, 10,   KEEP,                KEEP,             KEEP,               KEEP,              ip_one_i, "eligible", "score", 84, "tech_staff_ratio", 4, 1, NULL, 5},
{  9, "tech staff 9/100 → 0 fails with 80 elsewhere", KEEP, 9,  KEEP,                KEEP,             KEEP,               KEEP,              ip_one_i, "ineligible", "score", 80, "tech_staff_ratio", 0, 0, NULL, 1},
{ 10, "tech staff 30/100 → 20",                     KEEP, 30,   KEEP,                KEEP,             KEEP,               KEEP,              NULL, "eligible", "score", 70, "tech_staff_ratio", 20, 1, NULL, -1},
{ 11, "tech staff 2999/10000 → 16",                 10000, 2999, KEEP,               KEEP,             KEEP,               KEEP,              NULL, "ineligible", "null", -1, "tech_staff_ratio", 16, 1, NULL, 1},
{ 12, "tech staff 25/100 → 16",                     KEEP, 25,   KEEP,                KEEP,             KEEP,               KEEP,              NULL, "eligible", "score", 66, "tech_staff_ratio", 16, 1, NULL, 5},
{ 13, "tech staff 24/100 → 12",                     KEEP, 24,   KEEP,                KEEP,             KEEP,               KEEP,              NULL, "eligible", "score", 62, "tech_staff_ratio", 12, 1, NULL, 1},
{ 14, "tech staff 15/100 → 8",                      KEEP, 15,   KEEP,                KEEP,             KEEP,               KEEP,              NULL, "ineligible", "score", 58, "tech_staff_ratio", 8, 1, NULL, 5},
{ 15, "tech staff 14/100 → 4",                      KEEP, 14,   KEEP,                KEEP,             KEEP,               KEEP,              NULL, "ineligible", "score", 54, "tech_staff_ratio", 4, 1, NULL, 1},
{ 16, "tech staff 20/100 → 12",                     KEEP, 20,   KEEP,                KEEP,             KEEP,               KEEP,              NULL, "eligible", "score", 62, "tech_staff_ratio", 12, 1, NULL, 5},
{ 17, "employees 0: ratio undefined → 0",           0,    0,    KEEP,                KEEP,             KEEP,               KEEP,              NULL, "ineligible", "score", 50, "tech_staff_ratio", 0, 0, NULL, -1},
{ 20, "R&D/sales 6.00% → 50",                       KEEP, KEEP, KEEP,                YUAN(1000000000), 600000000,          KEEP,              NULL, "eligible", "score", 70, "rd_ratio", 50, 1, NULL, -1},
{ 21, "R&D/sales 5.99% → 40",                       KEEP, KEEP, KEEP,                YUAN(1000000000), 599000000,          KEEP,              NULL, "eligible", "score", 60, "rd_ratio", 40, 1, NULL, 1000000},
{ 22, "R&D/sales 6% − 1 fen → 40",                  KEEP, KEEP, KEEP,                YUAN(1000000000), 599999999,          KEEP,              NULL, "eligible", "score", 60, "rd_ratio", 40, 1, NULL, 1},
{ 23, "R&D/sales 2.00% → 10",                       KEEP, KEEP, KEEP,                YUAN(1000000000), 200000000,          KEEP,              NULL, "ineligible", "score", 30, "rd_ratio", 10, 1, NULL, 100000000},
{ 24, "R&D/sales 1.99% → 0",                        KEEP, KEEP, KEEP,                YUAN(1000000000), 199000000,          KEEP,              NULL, "ineligible", "score", 20, "rd_ratio", 0, 0, NULL, 1000000},
{ 25, "R&D/sales 3.20% → 20, gap to 4%",            KEEP, KEEP, KEEP,                YUAN(1000000000), 320000000,          KEEP,              NULL, "ineligible", "score", 40, "rd_ratio", 20, 1, NULL, 80000000},
{ 26, "R&D/cost 30% → 50",                          KEEP, KEEP, 20000000000,         1000000000,       300000000,          KEEP,              NULL, "eligible", "score", 70, "rd_ratio", 50, 1, NULL, -1},
{ 27, "R&D/cost 10% → 10",                          KEEP, KEEP, 20000000000,         3000000000,       300000000,          KEEP,              NULL, "ineligible", "score", 30, "rd_ratio", 10, 1, NULL, 150000000},
{ 28, "R&D/cost 9.99% → 0 (tie at 0: /sales, gap to 2%)", KEEP, KEEP, 20000000000, 3000000001,     300000000,          KEEP,              NULL, "ineligible", "score", 20, "rd_ratio", 0, 0, NULL, 100000000},
{ 29, "both: /cost 25% (40) beats /sales 4% (30)",  KEEP, KEEP, 10000000000,         1600000000,       400000000,          KEEP,              NULL, "eligible", "score", 60, "rd_ratio", 40, 1, NULL, 80000000},
{ 30, "both equal: tie goes to /sales",             KEEP, KEEP, 10000000000,         2000000000,       600000000,          KEEP,              NULL, "eligible", "score", 70, "rd_ratio", 50, 1, NULL, -1},
{ 31, "R&D over zero sales and cost → 0",           KEEP, KEEP, 0,                   0,                0,                  KEEP,              NULL, "ineligible", "score", 20, "rd_ratio", 0, 0, NULL, -1},
{ 40, "one Ⅰ类 → 30",                               KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_one_i, "eligible", "score", 100, "ip", 30, 1, NULL, -1},
{ 41, "four Ⅱ类 → 24",                              KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_four_ii, "eligible", "score", 94, "ip", 24, 1, NULL, -1},
{ 42, "three Ⅱ类 → 18",                             KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_three_ii, "eligible", "score", 88, "ip", 18, 1, NULL, -1},
{ 43, "two Ⅱ类 → 12",                               KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_two_ii, "eligible", "score", 82, "ip", 12, 1, NULL, -1},
{ 44, "expired Ⅰ类 not counted",                    KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_expired, "eligible", "score", 70, "ip", 0, 0, NULL, 1},
{ 45, "Ⅰ类 expiring on as_of counts",               KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_expires_today, "eligible", "score", 100, "ip", 30, 1, NULL, -1},
{ 46, "disputed Ⅰ类 not counted",                   KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_disputed, "eligible", "score", 70, "ip", 0, 0, NULL, -1},
{ 47, "Ⅰ类 not related to main product",           KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_not_main, "eligible", "score", 70, "ip", 0, 0, NULL, -1},
{ 48, "Ⅰ类 granted after as_of",                    KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              ip_not_yet_granted, "eligible", "score", 70, "ip", 0, 0, NULL, -1},
{ 50, "total exactly 60 (20+40) passes",            KEEP, 30,   KEEP,                YUAN(1000000000), 500000000,          KEEP,              NULL, "eligible", "score", 60, NULL, -1, -2, NULL, -1},
{ 51, "total 58 (16+30+12) fails (59 is unreachable: all points even)", KEEP, 25, KEEP, YUAN(1000000000), 400000000, KEEP,               ip_two_ii, "ineligible", "score", 58, NULL, -1, -2, NULL, -1},
{ 60, "高企 certificate expiring on as_of → direct", KEEP, KEEP, KEEP,               YUAN(1000000000), 100000000,          KEEP,              hnte_expires_today, "eligible", "direct", 20, "direct_hnte", -1, 1, NULL, -1},
{ 61, "高企 expired the day before → score route",  KEEP, KEEP, KEEP,               YUAN(1000000000), 100000000,          KEEP,              hnte_expired, "ineligible", "score", 20, "direct_hnte", -1, 0, NULL, -1},
{ 62, "高企 issued after as_of",                    KEEP, KEEP, KEEP,                YUAN(1000000000), 100000000,          KEEP,              hnte_future, "ineligible", "score", 20, "direct_hnte", -1, 0, NULL, -1},
{ 63, "national award ranked 3rd → direct",         KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              award_rank3, "eligible", "direct", 50, "direct_award", -1, 1, NULL, -1},
{ 64, "national award ranked 4th → no",             KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              award_rank4, "ineligible", "score", 50, "direct_award", -1, 0, NULL, -1},
{ 65, "award exactly five years before (2021)",    KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              award_5y, "eligible", "direct", 50, "direct_award", -1, 1, NULL, -1},
{ 66, "award six years before (2020) → no",        KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              award_6y, "ineligible", "score", 50, "direct_award", -1, 0, NULL, -1},
{ 67, "provincial award → no",                     KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              award_provincial, "ineligible", "score", 50, "direct_award", -1, 0, NULL, -1},
{ 68, "provincial R&D institution → direct",        KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              inst_provincial, "eligible", "direct", 50, "direct_institution", -1, 1, NULL, -1},
{ 69, "city R&D institution → no",                  KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              inst_city, "ineligible", "score", 50, "direct_institution", -1, 0, NULL, -1},
{ 70, "institution recognised after as_of → no",    KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              inst_later, "ineligible", "score", 50, "direct_institution", -1, 0, NULL, -1},
{ 71, "led a national standard in 2023 → direct",   KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              std_led_national, "eligible", "direct", 50, "direct_standard", -1, 1, NULL, -1},
{ 72, "participant only → no",                      KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              std_participant, "ineligible", "score", 50, "direct_standard", -1, 0, NULL, -1},
{ 73, "group standard → no",                        KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              std_group, "ineligible", "score", 50, "direct_standard", -1, 0, NULL, -1},
{ 74, "industry standard 2020 → outside window",    KEEP, 5,    KEEP,                KEEP,             KEEP,               KEEP,              std_old, "ineligible", "score", 50, "direct_standard", -1, 0, NULL, -1},
{ 75, "direct route does not override a failed gate", KEEP, KEEP, KEEP,             KEEP,             KEEP,               KEEP,              hnte_and_restricted, "ineligible", "null", 70, "not_restricted", -1, 0, NULL, -1},
{ 80, "major safety incident on 2025-01-01 fails",  KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              comp_in_window, "ineligible", "null", 70, "compliance", -1, 0, NULL, -1},
{ 81, "incident on 2024-12-31 is outside",          KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              comp_before, "eligible", "score", 70, "compliance", -1, 1, NULL, -1},
{ 82, "incident after as_of ignored",               KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              comp_after, "eligible", "score", 70, "compliance", -1, 1, NULL, -1},
{ 83, "abnormal list cleared 2025-01-01 fails",     KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              comp_list_overlap, "ineligible", "null", 70, "compliance", -1, 0, NULL, -1},
{ 84, "abnormal list cleared 2024-12-31 passes",    KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              comp_list_cleared, "eligible", "score", 70, "compliance", -1, 1, NULL, -1},
{ 85, "still on dishonesty list since 2019 fails",  KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              comp_list_open, "ineligible", "null", 70, "compliance", -1, 0, NULL, -1},
{ 86, "restricted industry fails",                  KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              restricted, "ineligible", "null", 70, "not_restricted", -1, 0, NULL, -1},
{ 87, "non-resident fails",                         KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              not_resident, "ineligible", "null", 70, "resident_enterprise", -1, 0, NULL, -1},
{ 90, "employees missing → insufficient_data",      DROP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              NULL, "insufficient_data", "null", 50, "employees", -1, -1, "years.2025.employees", -1},
{ 91, "no 2025 object at all",                      KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              no_year, "insufficient_data", "null", 0, NULL, -1, -2, "years.2025.sales_revenue_fen", -1},
{ 92, "resident fact missing",                      KEEP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              no_resident_fact, "insufficient_data", "null", 70, "resident_enterprise", -1, -1, "firm.resident_enterprise", -1},
{ 93, "a failed gate wins over missing data",       DROP, KEEP, KEEP,                KEEP,             KEEP,               KEEP,              restricted, "ineligible", "null", 50, NULL, -1, -2, "years.2025.employees", -1},
{ 94, "cost missing, /sales already passes",        KEEP, KEEP, KEEP,                DROP,             500000000,          KEEP,              NULL, "eligible", "score", 60, "rd_ratio", 40, 1, NULL, -1},
{ 95, "cost missing and could decide → insufficient", KEEP, KEEP, KEEP,              DROP,             200000000,          KEEP,              NULL, "insufficient_data", "score", 30, "rd_ratio", 10, 1, "years.2025.cost_expense_fen", -1},
{ 96, "cost missing but can't reach 60 anyway",     KEEP, 5,    KEEP,                DROP,             200000000,          KEEP,              NULL, "ineligible", "score", 10, NULL, -1, -2, NULL, -1},
{ 97, "R&D missing → range 20..100",                KEEP, KEEP, KEEP,                KEEP,             DROP,               KEEP,              ip_i_and_score_low, "insufficient_data", "score", 50, "rd_ratio", -1, -1, "years.2025.rd_expense_fen", -1},
/* a missing fact that no value could make matter (POLICY.md §2) */
{ 99, "employees missing, tech staff 0: staff points 0 whatever the head count", DROP, 0, KEEP, KEEP,  KEEP,               KEEP,              NULL, "ineligible", "score", 50, "tech_staff_ratio", 0, 0, "years.2025.employees", -1},
{100, "employees missing, score at most 20 < 60",      DROP, KEEP, KEEP,                KEEP,             100000000,          KEEP,              NULL, "ineligible", "score", 0, NULL, -1, -2, "years.2025.employees", -1},
{101, "R&D 0, sales and cost missing: 0 points",        KEEP, KEEP, DROP,                DROP,             0,                  KEEP,              NULL, "ineligible", "score", 20, "rd_ratio", 0, 0, "years.2025.sales_revenue_fen", -1},
{102, "R&D 0, cost missing: /cost scores 0 too",        KEEP, KEEP, KEEP,                DROP,             0,                  KEEP,              NULL, "ineligible", "score", 20, "rd_ratio", 0, 0, NULL, -1},
{103, "employees 0, tech staff missing: ratio undefined", 0,  DROP, KEEP,                KEEP,             KEEP,               KEEP,              NULL, "ineligible", "score", 50, "tech_staff_ratio", 0, 0, "years.2025.tech_staff", -1},
{104, "R&D missing, sales and cost 0: both ratios undefined", KEEP, KEEP, 0,             0,                DROP,               KEEP,              NULL, "ineligible", "score", 20, "rd_ratio", 0, 0, "years.2025.rd_expense_fen", -1},
{105, "sales missing: /sales could still score 50",  KEEP, KEEP, DROP,                KEEP,             100000000,          KEEP,              NULL, "insufficient_data", "null", 20, "rd_ratio", 0, 0, "years.2025.sales_revenue_fen", -1},
{ 98, "USCC mismatch: eligible becomes needs_review", KEEP, KEEP, KEEP,              KEEP,             KEEP,               KEEP,              uscc_mismatch, "needs_review", "score", 70, "uscc_check", -1, -1, NULL, -1},
};
/* clang-format on */

static const rules_criterion_result *
find(const rules_verdict *v, const char *id)
{
    return rules_verdict_find(v, id);
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
    const rules_module *m = rules_module_find("tech_sme");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    rules_ctx ctx = {D("2026-06-30"), "440300"};
    static rules_facts f;
    static rules_verdict v, v2;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        T_ROW(r->no, r->name);
        base(&f, r);
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
        CHECK_STR(rules_outcome_name(v.outcome), r->outcome);
        if (r->route) {
            const char *route = rules_route_name(v.route);
            CHECK_STR(route ? route : "null", r->route);
        }
        if (r->score >= 0)
            CHECK_INT(v.score_min, r->score);
        CHECK_INT(v.fiscal_year, 2025);
        CHECK_STR(v.edition, "国科发政〔2017〕115号");
        if (r->crit) {
            const rules_criterion_result *c = find(&v, r->crit);
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
            }
        }
        if (r->missing)
            CHECK(has_missing(&v, r->missing));
        if (v.outcome != RULES_INSUFFICIENT_DATA && !r->missing)
            CHECK_INT(v.n_missing, 0);
        /* determinism and the JSON round trip */
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    T_ROW(200, "R&D message records the chosen measure");
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        if (rows[i].no == 29) /* /cost chosen */
            base(&f, &rows[i]);
    rules_evaluate(m, &set, &f, &ctx, &v);
    const rules_criterion_result *c = find(&v, "rd_ratio");
    CHECK(c && strstr(c->message_zh, "成本费用") && strstr(c->threshold, "R&D/cost"));

    T_ROW(201, "no edition before 2017-05-03");
    rules_ctx early = {D("2017-05-02"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &early, &v), RULES_ENOEDITION);
    T_ROW(202, "edition's first day");
    rules_ctx first = {D("2017-05-03"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &first, &v), 0);
    CHECK_INT(v.fiscal_year, 2016);

    T_ROW(203, "citation composed from edition and article");
    rules_evaluate(m, &set, &f, &ctx, &v);
    char cite[256];
    rules_criterion_citation(&v, find(&v, "employees"), cite, sizeof cite);
    CHECK_STR(cite, "国科发政〔2017〕115号 第六条(二)");

    T_ROW(204, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);

    T_ROW(205, "ladder: tech_sme in force → micro_growth; next is absent until a module of "
               "small_to_high is registered");
    add_rec(&f, RULES_REC_TECH_SME, "2026-05-01", "2026-12-31");
    CHECK_INT(rules_stage_on(&f, D("2026-06-30")), RULES_STAGE_MICRO_GROWTH);
    CHECK_INT(rules_stage_on(&f, D("2027-01-01")), RULES_STAGE_SEED);
    rules_evaluate(m, &set, &f, &ctx, &v);
    CHECK_INT(rules_ladder_next(RULES_STAGE_SEED, &v, 1), 0);
    CHECK_INT(rules_ladder_next(RULES_STAGE_HIGH_TO_STRONG, &v, 1), -1);

    T_ROW(206, "monotonic: more R&D never lowers the score");
    base(&f, &rows[0]);
    int prev = -1;
    for (int64_t rd = 0; rd <= YUAN(8000000); rd += YUAN(50000)) {
        f.years[0].v[RULES_YF_RD_EXPENSE] = rd;
        rules_evaluate(m, &set, &f, &ctx, &v);
        CHECK(v.score_min >= prev);
        prev = v.score_min;
    }
    T_DONE();
}
