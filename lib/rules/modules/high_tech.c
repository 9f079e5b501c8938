/*
 * high_tech: 高新技术企业认定 (国科发火〔2016〕32号 + 工作指引 国科发火〔2016〕195号;
 * POLICY.md §4, policy-sources.md §2).
 *
 * Decision, in order:
 *  1. the conditions of 32号 第十一条 (plus 第二条 resident enterprise), each a
 *     gate: registered ≥ min days; core IP owned (Ⅱ类 used in an earlier
 *     application excluded); domain in the 《国家重点支持的高新技术领域》 (a
 *     path with fewer levels than required is flagged for an officer); tech
 *     staff ≥ 10% of last year's staff; R&D over the last three fiscal years
 *     (or the actual operating years) ≥ 5% / 4% / 3% of sales, the band chosen
 *     by last year's sales alone; domestic R&D ≥ 60% of R&D, same period;
 *     high-tech revenue ≥ 60% of total income last year; no major incident in
 *     the window before as_of.
 *  2. 创新能力评价 (第十一条(七), 195号): twelve sub-items, 100 points. The
 *     computable items (IP count, acquisition, standards, conversions, growth)
 *     give a band whose points an expert picks inside the band; the rest are
 *     expert-judged. Every item is a range [min, max] unless an
 *     `expert_scores["high_tech.<id>"]` inside the range settles it. The IP
 *     group is capped. Pass: total > pass_score_above (exactly 70 fails):
 *     min passes → eligible; max fails → ineligible; else needs_review (or
 *     insufficient_data when missing facts widen the range).
 *  3. Growth (企业成长性) is ½(Y2/Y1 + Y3/Y2) − 1, NOT a CAGR, compared
 *     exactly by integer arithmetic (see growth_cmp). Edge rules (§2.4):
 *     negative net assets count as 0; Y1 = 0 → Y3/Y2 − 1 (edition setting);
 *     Y2 = 0 → 0 points; a negative rate → 0 points; a firm with two
 *     operating years uses Y3/Y2 − 1, with one year 0 points.
 * "Operating years" are the window's fiscal years from the year of
 * establishment on (实际经营期不满三年的按实际经营时间计算). The fiscal year is
 * the year before as_of. Every threshold is a parameter of
 * sql/editions/high_tech.json. A missing fact only matters if some value of
 * it could change the result (POLICY.md §2): a ratio gate fails on a known
 * numerator or denominator of 0; a window ratio fails when even the least
 * missing denominators leave it short (the lowest band's ratio when the
 * band is unknown); the growth edge rules that give 0 points decide the item
 * with another year missing. Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/module.h"

typedef __int128 i128;
typedef unsigned __int128 u128;

static const char *const domain_root_names[] = {"",   "一", "二", "三", "四",
                                                "五", "六", "七", "八", NULL};
static const char *const first_zero_names[] = {"", "last_two_years", "zero_points", NULL};
enum { FIRST_ZERO_LAST_TWO = 1, FIRST_ZERO_ZERO_POINTS = 2 };

enum {
    P_REGISTERED_MIN_DAYS,
    P_CORE_IP_MIN_COUNT,
    P_IP_CLASS2_SINGLE_USE,
    P_DOMAIN_ROOTS,
    P_DOMAIN_MIN_LEVELS,
    P_TECH_STAFF_MIN,
    P_WINDOW_YEARS,
    P_RD_BAND_SALES_MAX_FEN,
    P_RD_BAND_RATIO_MIN,
    P_RD_DOMESTIC_MIN,
    P_HIGHTECH_REVENUE_MIN,
    P_INCIDENT_WINDOW_DAYS,
    P_INCIDENT_KINDS,
    P_PASS_SCORE_ABOVE,
    P_IP_GROUP_MAX,
    P_IP_ADVANCEMENT_MAX,
    P_IP_CORE_SUPPORT_MAX,
    P_IP_COUNT_CLASS1_MIN,
    P_IP_COUNT_CLASS1_POINTS,
    P_IP_COUNT_CLASS2_MIN,
    P_IP_COUNT_CLASS2_LO,
    P_IP_COUNT_CLASS2_HI,
    P_IP_ACQ_SELF_POINTS,
    P_IP_ACQ_OTHER_POINTS,
    P_IP_STANDARD_LEVELS,
    P_IP_STANDARD_POINTS,
    P_CONV_BAND_MIN,
    P_CONV_BAND_LO,
    P_CONV_BAND_HI,
    P_RD_MGMT_MAX,
    P_GROWTH_BAND_MIN,
    P_GROWTH_POSITIVE_ABOVE,
    P_GROWTH_BAND_LO,
    P_GROWTH_BAND_HI,
    P_GROWTH_FIRST_ZERO,
    P_VALIDITY_YEARS,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_REGISTERED_MIN_DAYS] = {"registered_min_days", RULES_PT_INT, NULL,
                               "注册成立365个日历天数以上 (32号 第十一条(一); 195号)"},
    [P_CORE_IP_MIN_COUNT] = {"core_ip_min_count", RULES_PT_INT, NULL,
                             "核心支持作用的知识产权 (第十一条(二)): at least this many"},
    [P_IP_CLASS2_SINGLE_USE] = {"ip_class2_single_use", RULES_PT_BOOL, NULL,
                                "按Ⅱ类评价的知识产权仅限使用一次: used_for_hnte Ⅱ类 not counted"},
    [P_DOMAIN_ROOTS] = {"domain_roots", RULES_PT_ENUM_LIST, domain_root_names,
                        "《国家重点支持的高新技术领域》 first-level fields (第十一条(三))"},
    [P_DOMAIN_MIN_LEVELS] = {"domain_min_levels", RULES_PT_INT, NULL,
                             "levels the domain path must name (most specific level)"},
    [P_TECH_STAFF_MIN] = {"tech_staff_min", RULES_PT_RATIO, NULL,
                          "科技人员占当年职工总数比例不低于 (第十一条(四))"},
    [P_WINDOW_YEARS] = {"window_years", RULES_PT_INT, NULL,
                        "近三个会计年度: R&D, conversions and growth window"},
    [P_RD_BAND_SALES_MAX_FEN] = {"rd_band_sales_max_fen", RULES_PT_INT_LIST, NULL,
                                 "last-year sales upper edges (含), ascending (第十一条(五))"},
    [P_RD_BAND_RATIO_MIN] = {"rd_band_ratio_min", RULES_PT_RATIO_LIST, NULL,
                             "R&D/sales minimum per sales band, one more than the edges"},
    [P_RD_DOMESTIC_MIN] = {"rd_domestic_min", RULES_PT_RATIO, NULL,
                           "境内研发费用占全部研发费用比例不低于 (第十一条(五))"},
    [P_HIGHTECH_REVENUE_MIN] = {"hightech_revenue_min", RULES_PT_RATIO, NULL,
                                "高新技术产品（服务）收入占同期总收入比例不低于 (第十一条(六))"},
    [P_INCIDENT_WINDOW_DAYS] = {"incident_window_days", RULES_PT_INT, NULL,
                                "申请认定前一年内: event on or after as_of − N days"},
    [P_INCIDENT_KINDS] = {"incident_kinds", RULES_PT_ENUM_LIST, rules_compliance_kind_names,
                          "重大安全、重大质量事故或严重环境违法行为 (第十一条(八))"},
    [P_PASS_SCORE_ABOVE] = {"pass_score_above", RULES_PT_INT, NULL,
                            "70分以上（不含70分）: total must exceed this"},
    [P_IP_GROUP_MAX] = {"ip_group_max", RULES_PT_INT, NULL, "加分后知识产权总分不超过"},
    [P_IP_ADVANCEMENT_MAX] = {"ip_advancement_max", RULES_PT_INT, NULL, "技术的先进程度 (expert)"},
    [P_IP_CORE_SUPPORT_MAX] = {"ip_core_support_max", RULES_PT_INT, NULL,
                               "对主要产品发挥核心支持作用 (expert)"},
    [P_IP_COUNT_CLASS1_MIN] = {"ip_count_class1_min", RULES_PT_INT, NULL, "Ⅰ类 count of band A"},
    [P_IP_COUNT_CLASS1_POINTS] = {"ip_count_class1_points", RULES_PT_INT_LIST, NULL,
                                  "band A points [lo, hi]"},
    [P_IP_COUNT_CLASS2_MIN] = {"ip_count_class2_min", RULES_PT_INT_LIST, NULL,
                               "Ⅱ类 counts of bands B–D, descending"},
    [P_IP_COUNT_CLASS2_LO] = {"ip_count_class2_lo", RULES_PT_INT_LIST, NULL, "bands B–D low"},
    [P_IP_COUNT_CLASS2_HI] = {"ip_count_class2_hi", RULES_PT_INT_LIST, NULL, "bands B–D high"},
    [P_IP_ACQ_SELF_POINTS] = {"ip_acq_self_points", RULES_PT_INT_LIST, NULL,
                              "获得方式 A 有自主研发 [lo, hi]"},
    [P_IP_ACQ_OTHER_POINTS] = {"ip_acq_other_points", RULES_PT_INT_LIST, NULL,
                               "获得方式 B 仅有受让、受赠和并购 [lo, hi]"},
    [P_IP_STANDARD_LEVELS] = {"ip_standard_levels", RULES_PT_ENUM_LIST, rules_std_level_names,
                              "参与编制国家标准、行业标准 (bonus)"},
    [P_IP_STANDARD_POINTS] = {"ip_standard_points", RULES_PT_INT_LIST, NULL, "bonus [lo, hi]"},
    [P_CONV_BAND_MIN] = {"conv_band_min", RULES_PT_INT_LIST, NULL,
                         "科技成果转化 annual average per band, descending"},
    [P_CONV_BAND_LO] = {"conv_band_lo", RULES_PT_INT_LIST, NULL, "band low points"},
    [P_CONV_BAND_HI] = {"conv_band_hi", RULES_PT_INT_LIST, NULL, "band high points"},
    [P_RD_MGMT_MAX] = {"rd_mgmt_max", RULES_PT_INT_LIST, NULL,
                       "研究开发组织管理水平 four expert items' maxima"},
    [P_GROWTH_BAND_MIN] = {"growth_band_min", RULES_PT_RATIO_LIST, NULL,
                           "成长性 rate lower edges (≥), descending"},
    [P_GROWTH_POSITIVE_ABOVE] = {"growth_positive_above", RULES_PT_RATIO, NULL,
                                 "last band: rate strictly above this (> 0)"},
    [P_GROWTH_BAND_LO] = {"growth_band_lo", RULES_PT_INT_LIST, NULL,
                          "band low points, one more than growth_band_min"},
    [P_GROWTH_BAND_HI] = {"growth_band_hi", RULES_PT_INT_LIST, NULL, "band high points"},
    [P_GROWTH_FIRST_ZERO] = {"growth_first_zero", RULES_PT_ENUM, first_zero_names,
                             "第一年末为0的，按后两年计算: last_two_years or zero_points"},
    [P_VALIDITY_YEARS] = {"validity_years", RULES_PT_INT, NULL,
                          "资格自颁发证书之日起有效期 (第九条)"},
};

enum {
    C_RESIDENT,
    C_REGISTERED,
    C_CORE_IP,
    C_DOMAIN,
    C_TECH_STAFF,
    C_RD_RATIO,
    C_RD_DOMESTIC,
    C_HIGHTECH_REVENUE,
    C_NO_INCIDENT,
    C_IP_ADVANCEMENT,
    C_IP_CORE_SUPPORT,
    C_IP_COUNT,
    C_IP_ACQUISITION,
    C_IP_STANDARDS,
    C_CONVERSION,
    C_RD_MGMT_SYSTEM,
    C_RD_MGMT_INSTITUTION,
    C_RD_MGMT_INCENTIVE,
    C_RD_MGMT_TALENT,
    C_GROWTH_NET_ASSETS,
    C_GROWTH_SALES,
    C_INNOVATION_SCORE,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_RESIDENT] = {"resident_enterprise",
                    "境内注册的居民企业",
                    "Resident enterprise registered in China",
                    RULES_CRIT_GATE,
                    {NULL},
                    0,
                    "第二条"},
    [C_REGISTERED] = {"registered_days",
                      "注册成立365个日历天数以上",
                      "Registered at least 365 calendar days",
                      RULES_CRIT_GATE,
                      {"registered_min_days", NULL},
                      0,
                      "第十一条(一)"},
    [C_CORE_IP] = {"core_ip",
                   "拥有对主要产品发挥核心支持作用的知识产权",
                   "Owns IP that is core to the main products",
                   RULES_CRIT_GATE,
                   {"core_ip_min_count", "ip_class2_single_use", NULL},
                   0,
                   "第十一条(二)"},
    [C_DOMAIN] = {"hnte_domain",
                  "核心技术属于国家重点支持的高新技术领域",
                  "Core technology in a state-supported high-tech field",
                  RULES_CRIT_GATE,
                  {"domain_roots", "domain_min_levels", NULL},
                  0,
                  "第十一条(三)"},
    [C_TECH_STAFF] = {"tech_staff_ratio",
                      "科技人员占职工总数比例",
                      "Technical staff share",
                      RULES_CRIT_GATE,
                      {"tech_staff_min", NULL},
                      0,
                      "第十一条(四)"},
    [C_RD_RATIO] = {"rd_ratio",
                    "近三年研究开发费用占销售收入比例",
                    "Three-year R&D over sales, band by last year's sales",
                    RULES_CRIT_GATE,
                    {"window_years", "rd_band_sales_max_fen", "rd_band_ratio_min", NULL},
                    0,
                    "第十一条(五)"},
    [C_RD_DOMESTIC] = {"rd_domestic_ratio",
                       "境内研究开发费用占比",
                       "Domestic share of R&D",
                       RULES_CRIT_GATE,
                       {"window_years", "rd_domestic_min", NULL},
                       0,
                       "第十一条(五)"},
    [C_HIGHTECH_REVENUE] = {"hightech_revenue_ratio",
                            "高新技术产品（服务）收入占总收入比例",
                            "High-tech revenue share of total income",
                            RULES_CRIT_GATE,
                            {"hightech_revenue_min", NULL},
                            0,
                            "第十一条(六)"},
    [C_NO_INCIDENT] = {"no_incident",
                       "申请前一年内无重大安全、质量事故或严重环境违法",
                       "No major safety, quality or environmental incident in the year before",
                       RULES_CRIT_GATE,
                       {"incident_window_days", "incident_kinds", NULL},
                       0,
                       "第十一条(八)"},
    [C_IP_ADVANCEMENT] = {"ip_advancement",
                          "技术的先进程度",
                          "Technical advancement (expert)",
                          RULES_CRIT_SCORE,
                          {"ip_advancement_max", "ip_group_max", NULL},
                          8,
                          "195号 创新能力评价 知识产权"},
    [C_IP_CORE_SUPPORT] = {"ip_core_support",
                           "对主要产品（服务）发挥核心支持作用",
                           "Core support to the main products (expert)",
                           RULES_CRIT_SCORE,
                           {"ip_core_support_max", "ip_group_max", NULL},
                           8,
                           "195号 创新能力评价 知识产权"},
    [C_IP_COUNT] = {"ip_count",
                    "知识产权数量",
                    "Number of IP rights",
                    RULES_CRIT_SCORE,
                    {"ip_count_class1_min", "ip_count_class1_points", "ip_count_class2_min",
                     "ip_count_class2_lo", "ip_count_class2_hi", NULL},
                    8,
                    "195号 创新能力评价 知识产权"},
    [C_IP_ACQUISITION] = {"ip_acquisition",
                          "知识产权获得方式",
                          "How the IP was acquired",
                          RULES_CRIT_SCORE,
                          {"ip_acq_self_points", "ip_acq_other_points", NULL},
                          6,
                          "195号 创新能力评价 知识产权"},
    [C_IP_STANDARDS] = {"ip_standards",
                        "参与编制国家标准、行业标准等（加分）",
                        "Took part in national or industry standards (bonus)",
                        RULES_CRIT_SCORE,
                        {"ip_standard_levels", "ip_standard_points", "ip_group_max", NULL},
                        2,
                        "195号 创新能力评价 知识产权"},
    [C_CONVERSION] = {"conversion",
                      "科技成果转化能力",
                      "Technology transfer (3-year annual average)",
                      RULES_CRIT_SCORE,
                      {"window_years", "conv_band_min", "conv_band_lo", "conv_band_hi", NULL},
                      30,
                      "195号 创新能力评价 科技成果转化能力"},
    [C_RD_MGMT_SYSTEM] = {"rd_mgmt_system",
                          "研发组织管理制度、研发投入核算体系、研发费用辅助账",
                          "R&D management rules and accounts (expert)",
                          RULES_CRIT_SCORE,
                          {"rd_mgmt_max", NULL},
                          6,
                          "195号 创新能力评价 研究开发组织管理水平"},
    [C_RD_MGMT_INSTITUTION] = {"rd_mgmt_institution",
                               "内部研发机构及产学研合作",
                               "Internal R&D institution and cooperation (expert)",
                               RULES_CRIT_SCORE,
                               {"rd_mgmt_max", NULL},
                               6,
                               "195号 创新能力评价 研究开发组织管理水平"},
    [C_RD_MGMT_INCENTIVE] = {"rd_mgmt_incentive",
                             "成果转化激励制度与开放式创新创业平台",
                             "Transfer incentives and open innovation platform (expert)",
                             RULES_CRIT_SCORE,
                             {"rd_mgmt_max", NULL},
                             4,
                             "195号 创新能力评价 研究开发组织管理水平"},
    [C_RD_MGMT_TALENT] = {"rd_mgmt_talent",
                          "人才培养、引进与绩效评价奖励制度",
                          "Training, recruiting and reward of talent (expert)",
                          RULES_CRIT_SCORE,
                          {"rd_mgmt_max", NULL},
                          4,
                          "195号 创新能力评价 研究开发组织管理水平"},
    [C_GROWTH_NET_ASSETS] = {"growth_net_assets",
                             "净资产增长率",
                             "Net asset growth ½(Y2/Y1+Y3/Y2)−1",
                             RULES_CRIT_SCORE,
                             {"growth_band_min", "growth_positive_above", "growth_band_lo",
                              "growth_band_hi", "growth_first_zero", NULL},
                             10,
                             "195号 创新能力评价 企业成长性"},
    [C_GROWTH_SALES] = {"growth_sales",
                        "销售收入增长率",
                        "Sales growth ½(Y2/Y1+Y3/Y2)−1",
                        RULES_CRIT_SCORE,
                        {"growth_band_min", "growth_positive_above", "growth_band_lo",
                         "growth_band_hi", "growth_first_zero", NULL},
                        10,
                        "195号 创新能力评价 企业成长性"},
    [C_INNOVATION_SCORE] = {"innovation_score",
                            "企业创新能力评价达到70分以上（不含70分）",
                            "Innovation score above 70 (70 fails)",
                            RULES_CRIT_GATE,
                            {"pass_score_above", "validity_years", NULL},
                            0,
                            "第十一条(七)"},
};

/* ---- small helpers ---- */

typedef struct part {
    int min, max;
    bool expert;  /* the range comes from expert judgement */
    bool missing; /* the range comes from missing facts */
} part;

typedef struct window {
    int first, last, n; /* operating fiscal years of the window */
} window;

static void
set_tri(rules_criterion_result *c, bool known, bool ok)
{
    c->passed = !known ? RULES_UNKNOWN : ok ? RULES_YES : RULES_NO;
}

static int64_t
pint(const rules_edition *e, int p, int k)
{
    return k < e->p[p].n ? e->p[p].v[k].num : 0;
}

/* Least x ≥ 0 with (a + x)·t.den ≥ t.num·(b + x·grow), grow 0 or 1: the
 * amount to add to a numerator (and to its denominator too when grow) to reach
 * t. Returns -1 when unreachable or too large. */
static int64_t
need_more(int64_t a, int64_t b, rules_ratio t, bool grow)
{
    i128 lhs = (i128)t.num * b - (i128)t.den * a;
    if (lhs <= 0)
        return 0;
    i128 div = grow ? (i128)t.den - t.num : (i128)t.den;
    if (div <= 0)
        return -1;
    i128 x = (lhs + div - 1) / div;
    return x > INT64_MAX ? -1 : (int64_t)x;
}

/* num/den ≥ t in 128 bits (num, den may exceed int64 as sums). */
static bool
ge128(i128 num, i128 den, rules_ratio t)
{
    if (den <= 0 || t.den <= 0)
        return false;
    return num * t.den >= (i128)t.num * den;
}

/* Percentage of num/den, two decimals, rounded down. */
static void
pct128(char *buf, size_t size, i128 num, i128 den)
{
    if (den <= 0) {
        snprintf(buf, size, "n/a");
        return;
    }
    i128 q = num * 10000 / den;
    if (num * 10000 % den != 0 && (num < 0) != (den < 0))
        q--;
    bool neg = q < 0;
    if (neg)
        q = -q;
    snprintf(buf, size, "%s%lld.%02lld%%", neg ? "-" : "", (long long)(q / 100),
             (long long)(q % 100));
}

static void
value_ratio128(rules_criterion_result *c, i128 num, i128 den)
{
    if (c->explain)
        pct128(c->value, sizeof c->value, num, den);
    if (num >= INT64_MIN && num <= INT64_MAX && den > 0 && den <= INT64_MAX) {
        c->has_exact = true;
        c->exact = rules_ratio_make((int64_t)num, (int64_t)den);
    }
}

static const rules_expert_score *
expert_find(const rules_facts *f, const char *module, const char *crit)
{
    return rules_facts_expert(f, module, crit);
}

/*
 * Finish a score criterion whose facts give the band [lo, hi]: an expert
 * score inside the band settles it; one outside is ignored and said so.
 * `why` is the computed part of the message.
 */
static part
score_band(rules_verdict *v, rules_criterion_result *c, const rules_facts *f, int lo, int hi,
           const char *why)
{
    const rules_expert_score *x = expert_find(f, v->module->id, c->def->id);
    part p = {lo, hi, lo != hi, false};
    const char *note = "";
    if (x && x->score >= lo && x->score <= hi) {
        p.min = p.max = x->score;
        p.expert = false;
    } else if (x) {
        note = "；专家评分超出区间，未采用";
    }
    if (p.min == p.max) {
        c->has_points = true;
        c->points = p.min;
    }
    c->passed = p.min > 0 ? RULES_YES : p.max == 0 ? RULES_NO : RULES_UNKNOWN;
    if (x && p.min == p.max && lo != hi)
        rules_crit_message(c, "%s；专家评分 %d 分（%s）", why, p.min, x->by);
    else if (lo == hi)
        rules_crit_message(c, "%s，得 %d 分", why, lo);
    else
        rules_crit_message(c, "%s，%d–%d 分待专家评定%s", why, lo, hi, note);
    return p;
}

static window
op_window(const rules_edition *e, const rules_facts *f, int fy)
{
    window w = {fy - (int)rules_param_int(e, P_WINDOW_YEARS) + 1, fy, 0};
    if (rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON)) {
        int ey = rules_date_year(f->firm.established_on);
        if (ey > w.first)
            w.first = ey;
    }
    w.n = w.last >= w.first ? w.last - w.first + 1 : 0;
    return w;
}

/* Σ field over the window; false (and missing paths recorded) if any is absent. */
static bool
window_sum(rules_verdict *v, const rules_facts *f, window w, int fld, i128 *sum)
{
    bool ok = true;
    *sum = 0;
    for (int y = w.first; y <= w.last; y++) {
        const rules_year *yr = rules_facts_year(f, y);
        if (!rules_year_has(yr, (rules_year_field)fld)) {
            rules_verdict_missing_year(v, y, fld);
            ok = false;
        } else {
            *sum += yr->v[fld];
        }
    }
    return ok;
}

/* ---- gates ---- */

static void
gate_resident(rules_verdict *v, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RESIDENT);
    rules_crit_threshold(c, "true");
    if (!rules_firm_has(&f->firm, RULES_FF_RESIDENT_ENTERPRISE)) {
        rules_verdict_missing(v, "firm.resident_enterprise");
        rules_crit_message(c, "缺少 firm.resident_enterprise");
        return;
    }
    bool x = f->firm.resident_enterprise;
    rules_crit_value_text(c, x ? "true" : "false");
    set_tri(c, true, x);
    rules_crit_message(c, x ? "境内注册的居民企业" : "不是境内注册的居民企业");
    if (!x)
        rules_crit_gap(c, "items", 1, "须为在中国境内注册的居民企业");
}

static void
gate_registered(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_REGISTERED);
    int64_t min = rules_param_int(e, P_REGISTERED_MIN_DAYS);
    rules_crit_threshold(c, "≥ %lld days", (long long)min);
    if (!rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON)) {
        rules_verdict_missing(v, "firm.established_on");
        rules_crit_message(c, "缺少 firm.established_on");
        return;
    }
    int64_t days = rules_date_days_between(f->firm.established_on, as_of);
    rules_crit_value_int(c, days);
    set_tri(c, true, days >= min);
    char d[11];
    rules_text_date(v->explained, f->firm.established_on, d, sizeof d);
    rules_crit_message(c, "%s 成立，至申请日 %lld 个日历天%s", d, (long long)days,
                       days >= min ? "" : "，不足");
    if (days < min)
        rules_crit_gap(c, "days", min - days, "还需 %lld 个日历天", (long long)(min - days));
}

/* IP counted for HNTE on as_of: granted, unexpired, undisputed, main product;
 * a Ⅱ类 already used in an earlier application is excluded when single use. */
static bool
ip_counts(const rules_edition *e, const rules_ip *ip, rules_date as_of, bool *reused)
{
    bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
    bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
    *reused = false;
    if (!granted || !valid || ip->disputed || !ip->main_product || ip->cls == RULES_IP_CLASS_NONE)
        return false;
    if (ip->cls == RULES_IP_CLASS_II && ip->used_for_hnte &&
        rules_param_bool(e, P_IP_CLASS2_SINGLE_USE)) {
        *reused = true;
        return false;
    }
    return true;
}

typedef struct ip_tally {
    int n1, n2, reused, self;
} ip_tally;

static ip_tally
ip_tally_of(const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    ip_tally t = {0, 0, 0, 0};
    for (int i = 0; i < f->n_ip; i++) {
        bool reused;
        if (!ip_counts(e, &f->ip[i], as_of, &reused)) {
            t.reused += reused;
            continue;
        }
        if (f->ip[i].cls == RULES_IP_CLASS_I)
            t.n1++;
        else
            t.n2++;
        t.self += f->ip[i].self_developed;
    }
    return t;
}

static void
gate_core_ip(rules_verdict *v, const rules_edition *e, ip_tally t)
{
    rules_criterion_result *c = rules_verdict_add(v, C_CORE_IP);
    int64_t min = rules_param_int(e, P_CORE_IP_MIN_COUNT);
    int n = t.n1 + t.n2;
    rules_crit_threshold(c, "≥ %lld valid, undisputed, main-product IP", (long long)min);
    rules_crit_value_int(c, n);
    set_tri(c, true, n >= min);
    if (t.reused)
        rules_crit_message(c, "有效知识产权 %d 项（Ⅰ类 %d，Ⅱ类 %d）；%d 项Ⅱ类已用于以往认定，不计",
                           n, t.n1, t.n2, t.reused);
    else
        rules_crit_message(c, "有效且与主要产品相关的知识产权 %d 项（Ⅰ类 %d，Ⅱ类 %d）", n, t.n1,
                           t.n2);
    if (n < min)
        rules_crit_gap(c, "items", min - n, "还需 %lld 项对主要产品发挥核心支持作用的知识产权",
                       (long long)(min - n));
}

/* Returns true when the officer must settle the domain (path too coarse). */
static bool
gate_domain(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DOMAIN);
    int64_t levels = rules_param_int(e, P_DOMAIN_MIN_LEVELS);
    rules_crit_threshold(c, "listed field, %lld levels", (long long)levels);
    if (!rules_firm_has(&f->firm, RULES_FF_HNTE_DOMAIN)) {
        rules_verdict_missing(v, "firm.hnte_domain");
        rules_crit_message(c, "缺少 firm.hnte_domain");
        return false;
    }
    if (f->firm.nulls >> RULES_FF_HNTE_DOMAIN & 1u) {
        rules_crit_value_text(c, "null");
        set_tri(c, true, false);
        rules_crit_message(c, "主要产品核心技术不属于国家重点支持的高新技术领域");
        rules_crit_gap(c, "items", 1, "须有 1 项核心技术属于《国家重点支持的高新技术领域》");
        return false;
    }
    const char *s = f->firm.hnte_domain;
    rules_crit_value_text(c, s);
    char root[RULES_SHORT_STR];
    size_t rl = strcspn(s, ".");
    memcpy(root, s, rl);
    root[rl] = '\0';
    int idx = rules_enum_find(domain_root_names, root);
    if (idx < 1 || !rules_param_has_enum(e, P_DOMAIN_ROOTS, idx)) {
        set_tri(c, true, false);
        rules_crit_message(c, "领域“%s”不在《国家重点支持的高新技术领域》之列", s);
        rules_crit_gap(c, "items", 1, "须有 1 项核心技术属于所列八大领域之一");
        return false;
    }
    int n = 1;
    for (const char *p = s; *p; p++)
        n += *p == '.';
    if (n < levels) {
        rules_crit_message(c, "领域“%s”只到第 %d 级，须由审核人员确认至第 %lld 级", s, n,
                           (long long)levels);
        return true; /* passed stays null: an officer decides */
    }
    set_tri(c, true, true);
    rules_crit_message(c, "核心技术属于“%s”", s);
    return false;
}

static void
gate_tech_staff(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_TECH_STAFF);
    rules_ratio t = rules_param_ratio(e, P_TECH_STAFF_MIN);
    char tp[16];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    rules_crit_threshold(c, "≥ %s", tp);
    bool he = rules_year_has(y, RULES_YF_EMPLOYEES), ht = rules_year_has(y, RULES_YF_TECH_STAFF);
    if (!he || !ht) {
        if (!he)
            rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_EMPLOYEES);
        if (!ht)
            rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_TECH_STAFF);
        if (rules_ratio_ge_open(ht, ht ? y->v[RULES_YF_TECH_STAFF] : 0, he,
                                he ? y->v[RULES_YF_EMPLOYEES] : 0, t) == 0) {
            /* no tech staff, or no staff at all: fails whatever is missing */
            set_tri(c, true, false);
            rules_crit_message(c, "%d年度%s，科技人员占比无论如何低于 %s", v->fiscal_year,
                               ht ? "科技人员为 0" : "职工总数为 0", tp);
            return;
        }
        rules_crit_message(c, "缺少%d年度职工总数或科技人员数", v->fiscal_year);
        return;
    }
    int64_t n = y->v[RULES_YF_EMPLOYEES], k = y->v[RULES_YF_TECH_STAFF];
    rules_ratio r = rules_ratio_make(k, n);
    bool ok = rules_ratio_ge(r, t);
    rules_crit_value_pct(c, r);
    set_tri(c, true, ok);
    rules_crit_message(c, "%d年度科技人员 %lld 人 / 职工总数 %lld 人 = %s%s", v->fiscal_year,
                       (long long)k, (long long)n, c->value, ok ? "" : "，低于下限");
    int64_t x = need_more(k, n, t, false);
    if (!ok && n > 0 && x > 0)
        rules_crit_gap(c, "persons", x, "科技人员再增加 %lld 人（职工总数不变）可达 %s",
                       (long long)x, tp);
}

/*
 * A window ratio num/den ≥ t whose denominator sums are partly missing: with
 * every numerator known, the ratio is largest when the missing denominators
 * are least (0, or 1 fen when none is known), so below t even then it fails
 * whatever they are (POLICY.md §2). Only when the window is certain
 * (established_on known). grow: raising the numerator raises the
 * denominator too (domestic R&D is part of all R&D). Fails c (gap on the
 * known denominators) and returns true, or returns false.
 */
static bool
window_short_anyway(rules_verdict *v, rules_criterion_result *c, const rules_facts *f, window w,
                    bool num_known, i128 num, i128 den_known, rules_ratio t, bool grow,
                    const char *den_zh, const char *num_zh)
{
    i128 least = den_known > 0 ? den_known : 1;
    if (!num_known || !rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON) || ge128(num, least, t))
        return false;
    char tp[16];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    set_tri(c, true, false);
    rules_crit_message(c, "缺少%d–%d年度部分%s；即使缺少的为 0，%s占比也低于 %s", w.first, w.last,
                       den_zh, num_zh, tp);
    if (num <= INT64_MAX && least <= INT64_MAX) {
        int64_t x = need_more((int64_t)num, (int64_t)least, t, grow);
        if (x > 0) {
            char y[40];
            rules_text_yuan(v->explained, y, sizeof y, x);
            rules_crit_gap(c, "fen", x, "%s至少再增加 %s 元（按已知%s）可达 %s", num_zh, y, den_zh,
                           tp);
        }
    }
    return true;
}

static void
gate_rd(rules_verdict *v, const rules_edition *e, const rules_facts *f, window w)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD_RATIO);
    const rules_year *last = rules_facts_year(f, w.last);
    i128 rd, sales;
    bool ok_rd = window_sum(v, f, w, RULES_YF_RD_EXPENSE, &rd);
    bool ok_s = window_sum(v, f, w, RULES_YF_SALES_REVENUE, &sales);
    if (!rules_year_has(last, RULES_YF_SALES_REVENUE)) {
        rules_crit_threshold(c, "band by %d sales", w.last);
        /* the band is unknown: short of the lowest band's ratio is short of all */
        const rules_param_value *ratios = &e->p[P_RD_BAND_RATIO_MIN];
        rules_ratio lowest = ratios->v[0];
        for (int k = 1; k < ratios->n; k++)
            if (rules_ratio_cmp(ratios->v[k], lowest) < 0)
                lowest = ratios->v[k];
        if (!window_short_anyway(v, c, f, w, ok_rd, rd, sales, lowest, false, "销售收入",
                                 "研发费用合计"))
            rules_crit_message(c, "缺少%d年度销售收入，无法确定适用比例", w.last);
        return;
    }
    int64_t s_last = last->v[RULES_YF_SALES_REVENUE];
    const rules_param_value *edges = &e->p[P_RD_BAND_SALES_MAX_FEN];
    int band = 0;
    while (band < edges->n && s_last > edges->v[band].num)
        band++;
    rules_ratio t = e->p[P_RD_BAND_RATIO_MIN].v[band];
    char tp[16], sy[40];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    rules_text_yuan(v->explained, sy, sizeof sy, s_last);
    rules_crit_threshold(c, "≥ %s (%d sales %s 元)", tp, w.last, sy);
    if (!ok_rd || !ok_s) {
        if (!window_short_anyway(v, c, f, w, ok_rd, rd, sales, t, false, "销售收入",
                                 "研发费用合计"))
            rules_crit_message(c, "缺少%d–%d年度研发费用或销售收入", w.first, w.last);
        return;
    }
    bool ok = w.n > 0 && ge128(rd, sales, t);
    value_ratio128(c, rd, sales);
    set_tri(c, true, ok);
    rules_crit_message(c, "%d–%d年研发费用合计占销售收入 %s（最近一年销售收入 %s 元，适用 %s）%s",
                       w.first, w.last, c->value, sy, tp, ok ? "" : "，不足");
    if (!ok && sales > 0 && sales <= INT64_MAX && rd <= INT64_MAX) {
        int64_t x = need_more((int64_t)rd, (int64_t)sales, t, false);
        char y[40];
        if (x > 0) {
            rules_text_yuan(v->explained, y, sizeof y, x);
            rules_crit_gap(c, "fen", x, "%d–%d年研发费用合计再增加 %s 元（销售收入不变）可达 %s",
                           w.first, w.last, y, tp);
        }
    }
}

static void
gate_rd_domestic(rules_verdict *v, const rules_edition *e, const rules_facts *f, window w)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD_DOMESTIC);
    rules_ratio t = rules_param_ratio(e, P_RD_DOMESTIC_MIN);
    char tp[16];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    rules_crit_threshold(c, "≥ %s", tp);
    i128 dom, rd;
    bool ok_d = window_sum(v, f, w, RULES_YF_RD_DOMESTIC, &dom);
    bool ok_r = window_sum(v, f, w, RULES_YF_RD_EXPENSE, &rd);
    if (!ok_d || !ok_r) {
        if (ok_r && rd <= 0) { /* no R&D at all: the share is undefined whatever */
            set_tri(c, true, false);
            rules_crit_message(c, "%d–%d年研发费用合计为 0，境内研发费用占比无法计算", w.first,
                               w.last);
            return;
        }
        if (!window_short_anyway(v, c, f, w, ok_d, dom, rd, t, true, "研发费用总额",
                                 "境内研发费用"))
            rules_crit_message(c, "缺少%d–%d年度境内研发费用或研发费用总额", w.first, w.last);
        return;
    }
    bool ok = ge128(dom, rd, t);
    value_ratio128(c, dom, rd);
    set_tri(c, true, ok);
    rules_crit_message(c, "%d–%d年境内研发费用占全部研发费用 %s%s", w.first, w.last, c->value,
                       ok ? "" : "，不足");
    if (!ok && rd > 0 && rd <= INT64_MAX) {
        int64_t x = need_more((int64_t)dom, (int64_t)rd, t, true);
        char y[40];
        if (x > 0) {
            rules_text_yuan(v->explained, y, sizeof y, x);
            rules_crit_gap(c, "fen", x, "境内研发费用再增加 %s 元可达 %s", y, tp);
        }
    }
}

static void
gate_hightech_revenue(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_HIGHTECH_REVENUE);
    rules_ratio t = rules_param_ratio(e, P_HIGHTECH_REVENUE_MIN);
    char tp[16];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    rules_crit_threshold(c, "≥ %s", tp);
    bool hh = rules_year_has(y, RULES_YF_HIGHTECH_REVENUE),
         ht = rules_year_has(y, RULES_YF_TOTAL_INCOME);
    if (!hh || !ht) {
        if (!hh)
            rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_HIGHTECH_REVENUE);
        if (!ht)
            rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_TOTAL_INCOME);
        if (rules_ratio_ge_open(hh, hh ? y->v[RULES_YF_HIGHTECH_REVENUE] : 0, ht,
                                ht ? y->v[RULES_YF_TOTAL_INCOME] : 0, t) == 0) {
            /* no high-tech revenue, or no income at all: fails whatever is missing */
            set_tri(c, true, false);
            rules_crit_message(c, "%d年度%s，高新技术产品（服务）收入占比无论如何低于 %s",
                               v->fiscal_year, hh ? "高新技术产品（服务）收入为 0" : "总收入为 0",
                               tp);
            rules_crit_gap(c, "fen", 0, "补齐%d年度%s后可计算差距", v->fiscal_year,
                           hh ? "总收入" : "高新技术产品（服务）收入");
            return;
        }
        rules_crit_message(c, "缺少%d年度高新技术产品收入或总收入", v->fiscal_year);
        return;
    }
    int64_t h = y->v[RULES_YF_HIGHTECH_REVENUE], tot = y->v[RULES_YF_TOTAL_INCOME];
    rules_ratio r = rules_ratio_make(h, tot);
    bool ok = rules_ratio_ge(r, t);
    rules_crit_value_pct(c, r);
    set_tri(c, true, ok);
    rules_crit_message(c, "%d年度高新技术产品（服务）收入占总收入 %s%s", v->fiscal_year, c->value,
                       ok ? "" : "，不足");
    int64_t x = need_more(h, tot, t, true);
    if (!ok && tot > 0 && x > 0) {
        char yy[40];
        rules_text_yuan(v->explained, yy, sizeof yy, x);
        rules_crit_gap(c, "fen", x, "高新技术产品（服务）收入再增加 %s 元可达 %s", yy, tp);
    }
}

static void
gate_incident(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_NO_INCIDENT);
    int64_t days = rules_param_int(e, P_INCIDENT_WINDOW_DAYS);
    rules_date from = as_of - (rules_date)days;
    char a[11], b[11];
    rules_text_date(v->explained, from, a, sizeof a);
    rules_text_date(v->explained, as_of, b, sizeof b);
    rules_crit_threshold(c, "no event in %s..%s", a, b);
    int hits = 0, first = -1;
    rules_date latest = RULES_DATE_NONE;
    for (int i = 0; i < f->n_compliance; i++) {
        const rules_compliance_event *ev = &f->compliance[i];
        if (!rules_param_has_enum(e, P_INCIDENT_KINDS, (int)ev->kind) || ev->on < from ||
            ev->on > as_of)
            continue;
        if (hits++ == 0)
            first = i;
        if (latest == RULES_DATE_NONE || ev->on > latest)
            latest = ev->on;
    }
    rules_crit_value_int(c, hits);
    set_tri(c, true, hits == 0);
    if (hits == 0) {
        rules_crit_message(c, "%s 至 %s 期间无重大安全、质量事故或严重环境违法记录", a, b);
        return;
    }
    char on[11];
    rules_crit_message(c, "%s 至 %s 期间有 %d 条记录（compliance[%d] %s，%s）", a, b, hits, first,
                       rules_compliance_kind_names[f->compliance[first].kind],
                       rules_text_date(v->explained, f->compliance[first].on, on, sizeof on));
    int64_t wait = (int64_t)latest + days + 1 - as_of;
    rules_date ok_on = latest + (rules_date)days + 1;
    rules_crit_gap(c, "days", wait, "最近一次记录满一年后（%s 起）方可申请",
                   rules_text_date(v->explained, ok_on, on, sizeof on));
}

/* ---- score ---- */

static part
score_expert(rules_verdict *v, const rules_facts *f, int crit, int max)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    c->max_points = criteria[crit].max_points;
    rules_crit_threshold(c, "0–%d (expert)", max);
    return score_band(v, c, f, 0, max, "专家评审项");
}

static part
score_ip_count(rules_verdict *v, const rules_edition *e, const rules_facts *f, ip_tally t)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP_COUNT);
    int64_t min1 = rules_param_int(e, P_IP_COUNT_CLASS1_MIN);
    const rules_param_value *m2 = &e->p[P_IP_COUNT_CLASS2_MIN];
    int lo = 0, hi = 0, k2 = m2->n;
    char band = 'A';
    if (t.n1 >= min1) {
        lo = (int)pint(e, P_IP_COUNT_CLASS1_POINTS, 0);
        hi = (int)pint(e, P_IP_COUNT_CLASS1_POINTS, 1);
    } else {
        for (int k = 0; k < m2->n; k++)
            if (t.n2 >= m2->v[k].num) {
                k2 = k;
                break;
            }
        band = (char)('B' + k2);
        lo = (int)pint(e, P_IP_COUNT_CLASS2_LO, k2);
        hi = (int)pint(e, P_IP_COUNT_CLASS2_HI, k2);
    }
    rules_crit_value_fmt(c, "Ⅰ类 %d, Ⅱ类 %d", t.n1, t.n2);
    c->has_exact = true;
    c->exact = rules_ratio_make(band == 'A' ? t.n1 : t.n2, 1);
    rules_crit_threshold(c, "Ⅰ类 ≥ %lld: %lld–%lld; Ⅱ类 ≥ %lld: %lld–%lld", (long long)min1,
                         (long long)pint(e, P_IP_COUNT_CLASS1_POINTS, 0),
                         (long long)pint(e, P_IP_COUNT_CLASS1_POINTS, 1), (long long)m2->v[0].num,
                         (long long)pint(e, P_IP_COUNT_CLASS2_LO, 0),
                         (long long)pint(e, P_IP_COUNT_CLASS2_HI, 0));
    char why[96];
    rules_fmt(v, why, sizeof why, "Ⅰ类 %d 项、Ⅱ类 %d 项，%c 档", t.n1, t.n2, band);
    part p = score_band(v, c, f, lo, hi, why);
    if (band != 'A') {
        if (k2 > 0)
            rules_crit_gap(c, "items", m2->v[k2 - 1].num - t.n2,
                           "再获得 %lld 项Ⅱ类可升一档，或 %lld 项Ⅰ类可达 A 档",
                           (long long)(m2->v[k2 - 1].num - t.n2), (long long)(min1 - t.n1));
        else
            rules_crit_gap(c, "items", min1 - t.n1, "再获得 %lld 项Ⅰ类知识产权可达 A 档",
                           (long long)(min1 - t.n1));
    }
    return p;
}

static part
score_ip_acquisition(rules_verdict *v, const rules_edition *e, const rules_facts *f, ip_tally t)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP_ACQUISITION);
    int n = t.n1 + t.n2;
    int pp = t.self > 0 ? P_IP_ACQ_SELF_POINTS : P_IP_ACQ_OTHER_POINTS;
    int lo = n ? (int)pint(e, pp, 0) : 0, hi = n ? (int)pint(e, pp, 1) : 0;
    rules_crit_value_int(c, t.self);
    rules_crit_threshold(
        c, "self-developed: %lld–%lld; acquired only: %lld–%lld",
        (long long)pint(e, P_IP_ACQ_SELF_POINTS, 0), (long long)pint(e, P_IP_ACQ_SELF_POINTS, 1),
        (long long)pint(e, P_IP_ACQ_OTHER_POINTS, 0), (long long)pint(e, P_IP_ACQ_OTHER_POINTS, 1));
    part p = score_band(v, c, f, lo, hi,
                        !n       ? "无可计知识产权"
                        : t.self ? "有自主研发的知识产权"
                                 : "仅有受让、受赠和并购等");
    if (n && !t.self)
        rules_crit_gap(c, "items", 1, "有 1 项自主研发的知识产权可达 %lld 分",
                       (long long)pint(e, P_IP_ACQ_SELF_POINTS, 1));
    return p;
}

static part
score_ip_standards(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP_STANDARDS);
    int year = rules_verdict_year_of(v, as_of), found = -1;
    for (int i = 0; i < f->n_standards && found < 0; i++)
        if (rules_param_has_enum(e, P_IP_STANDARD_LEVELS, (int)f->standards[i].level) &&
            f->standards[i].year <= year)
            found = i;
    int lo = found >= 0 ? (int)pint(e, P_IP_STANDARD_POINTS, 0) : 0;
    int hi = found >= 0 ? (int)pint(e, P_IP_STANDARD_POINTS, 1) : 0;
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    rules_crit_threshold(c, "took part: %lld–%lld (bonus, IP total ≤ %lld)",
                         (long long)pint(e, P_IP_STANDARD_POINTS, 0),
                         (long long)pint(e, P_IP_STANDARD_POINTS, 1),
                         (long long)rules_param_int(e, P_IP_GROUP_MAX));
    return score_band(v, c, f, lo, hi,
                      found >= 0 ? "参与编制国家或行业标准" : "未参与编制国家或行业标准");
}

static part
score_conversion(rules_verdict *v, const rules_edition *e, const rules_facts *f, window w)
{
    rules_criterion_result *c = rules_verdict_add(v, C_CONVERSION);
    int n = 0;
    for (int i = 0; i < f->n_conversions; i++)
        n += f->conversions[i].year >= w.first && f->conversions[i].year <= w.last;
    int years = w.n > 0 ? w.n : 1;
    const rules_param_value *m = &e->p[P_CONV_BAND_MIN];
    int k = m->n;
    for (int i = 0; i < m->n; i++)
        if ((int64_t)n >= m->v[i].num * years) {
            k = i;
            break;
        }
    int lo, hi;
    if (k < m->n) {
        lo = (int)pint(e, P_CONV_BAND_LO, k);
        hi = (int)pint(e, P_CONV_BAND_HI, k);
    } else {
        /* below the lowest band but not zero: the table is silent, so the
         * expert's range spans the lowest band and 0 */
        lo = 0;
        hi = n > 0 ? (int)pint(e, P_CONV_BAND_HI, m->n - 1) : 0;
    }
    rules_ratio avg = rules_ratio_make(n, years);
    char avgs[16]; /* n/years, two decimals, rounded down (n ≤ 32) */
    rules_fmt(v, avgs, sizeof avgs, "%d.%02d", n / years % 100, n * 100 / years % 100);
    rules_crit_value_fmt(c, "%d 项/%d 年 = %.8s 项/年", n % 100, years % 10, avgs);
    c->has_exact = true;
    c->exact = avg;
    rules_crit_threshold(c, "annual average ≥ %lld: %lld–%lld … ≥ %lld: %lld–%lld",
                         (long long)m->v[0].num, (long long)pint(e, P_CONV_BAND_LO, 0),
                         (long long)pint(e, P_CONV_BAND_HI, 0), (long long)m->v[m->n - 1].num,
                         (long long)pint(e, P_CONV_BAND_LO, m->n - 1),
                         (long long)pint(e, P_CONV_BAND_HI, m->n - 1));
    char why[96];
    rules_fmt(v, why, sizeof why, "%d–%d年科技成果转化 %d 项，年均 %s 项", w.first, w.last, n,
              avgs);
    part p = score_band(v, c, f, lo, hi, why);
    int up = k < m->n ? k - 1 : m->n - 1;
    if (up >= 0) {
        int64_t need = m->v[up].num * years - n;
        rules_crit_gap(c, "items", need, "再转化 %lld 项，年均可达 %lld 项（%lld–%lld 分）",
                       (long long)need, (long long)m->v[up].num,
                       (long long)pint(e, P_CONV_BAND_LO, up),
                       (long long)pint(e, P_CONV_BAND_HI, up));
    }
    return p;
}

/*
 * Growth. rate3 = ½(y2/y1 + y3/y2) − 1, rate2 = y3/y2 − 1 (y1, y2 > 0).
 * growth_cmp returns sign(rate − t) exactly for t = a/b (b > 0, a + b ≥ 0)
 * with y ≤ INT64_MAX: write y2 = q1·y1 + r1, y3 = q2·y2 + r2, so
 * y2/y1 + y3/y2 = q1 + q2 + S/P with S = r1·y2 + r2·y1 < 2P, P = y1·y2.
 * Then rate ≥ t ⇔ b·(q1 + q2) + b·S/P ≥ 2(a + b), all in unsigned 128 bits.
 */

static int
growth_cmp(int64_t y1, int64_t y2, int64_t y3, bool two_year, rules_ratio t)
{
    i128 a = t.num, b = t.den;
    if (two_year) { /* y3/y2 − 1 vs a/b ⇔ b·y3 vs (a + b)·y2 */
        i128 l = b * y3, r = (a + b) * y2;
        return l > r ? 1 : l < r ? -1 : 0;
    }
    u128 q1 = (u128)(y2 / y1), r1 = (u128)(y2 % y1), q2 = (u128)(y3 / y2), r2 = (u128)(y3 % y2);
    u128 P = (u128)y1 * (u128)y2, S = r1 * (u128)y2 + r2 * (u128)y1;
    i128 K = 2 * (a + b) - b * (i128)(q1 + q2); /* need b·S/P vs K */
    if (K < 0)
        return 1;
    if (K == 0)
        return S > 0 ? 1 : 0;
    if (K >= 2 * b)
        return -1;
    /* S vs K·P/b = K·(P div b) + K·(P mod b)/b */
    u128 uk = (u128)K, ub = (u128)b, pq = P / ub, pr = P % ub;
    u128 tf = uk * pq + (uk * pr) / ub, trem = (uk * pr) % ub;
    if (S > tf)
        return 1;
    if (S < tf)
        return -1;
    return trem == 0 ? 0 : -1;
}

/* floor(10000·rate) for display, exact (see growth_cmp). */
static i128
growth_bp(int64_t y1, int64_t y2, int64_t y3, bool two_year)
{
    if (two_year) {
        i128 n = (i128)y3 * 10000 - (i128)y2 * 10000;
        i128 q = n / y2;
        return (n % y2 != 0 && n < 0) ? q - 1 : q;
    }
    /* sum = floor(10000·(y2/y1 + y3/y2)): floor of each term plus the carry
     * of the remainders (e1/y1 + e2/y2 ≥ 1 ⇔ e1·y2 + e2·y1 ≥ y1·y2) */
    u128 a1 = (u128)y2 * 10000u, a2 = (u128)y3 * 10000u;
    u128 f1 = a1 / (u128)y1, e1 = a1 % (u128)y1, f2 = a2 / (u128)y2, e2 = a2 % (u128)y2;
    u128 sum = f1 + f2 + (e1 * (u128)y2 + e2 * (u128)y1 >= (u128)y1 * (u128)y2 ? 1u : 0u);
    /* floor(10000·rate) = floor(sum/2) − 10000 */
    return (i128)(sum / 2u) - 10000;
}

/* Basis points as a percentage with two decimals; any 128-bit value. */
static void
fmt_bp(char *buf, size_t size, i128 bp)
{
    bool neg = bp < 0;
    u128 a = neg ? (u128)0 - (u128)bp : (u128)bp;
    char digits[48];
    int n = 0;
    do {
        digits[n++] = (char)('0' + (int)(a % 10u));
        a /= 10u;
    } while (a > 0 || n < 3);
    size_t o = 0;
    if (neg && o + 1 < size)
        buf[o++] = '-';
    for (int i = n - 1; i >= 0 && o + 2 < size; i--) {
        buf[o++] = digits[i];
        if (i == 2)
            buf[o++] = '.';
    }
    if (o + 1 < size)
        buf[o++] = '%';
    buf[o] = '\0';
}

/* Least y3 reaching rate ≥ t (strict: > t), or -1 if out of range. */
static int64_t
growth_need_y3(int64_t y1, int64_t y2, bool two_year, rules_ratio t, bool strict)
{
    const int64_t lim = (int64_t)1 << 56;
    if (y1 > lim || y2 > lim || t.den > (1 << 20) || t.num > (1 << 20) || t.num < -(1 << 20))
        return -1;
    i128 num, den; /* y3 ≥ num/den */
    if (two_year) {
        num = (i128)(t.num + t.den) * y2;
        den = t.den;
    } else {
        num = 2 * (i128)(t.num + t.den) * y1 * y2 - (i128)t.den * y2 * y2;
        den = (i128)t.den * y1;
    }
    if (num < 0)
        return 0;
    i128 x = strict ? num / den + 1 : (num + den - 1) / den;
    return x > INT64_MAX ? -1 : (int64_t)x;
}

typedef struct growth_in {
    bool have[3];
    int64_t y[3];
} growth_in;

static part
score_growth(rules_verdict *v, const rules_edition *e, const rules_facts *f, window w, int crit)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    bool assets = crit == C_GROWTH_NET_ASSETS;
    const char *what = assets ? "净资产" : "销售收入";
    const rules_param_value *mins = &e->p[P_GROWTH_BAND_MIN];
    int nb = mins->n; /* bands 0..nb-1 by mins, nb = "> positive_above", nb+1 = 0 */
    int top = (int)pint(e, P_GROWTH_BAND_HI, 0);
    char t0[16], tpos[16];
    rules_text_pct_short(v->explained, t0, sizeof t0, mins->v[0]);
    rules_text_pct_short(v->explained, tpos, sizeof tpos,
                         rules_param_ratio(e, P_GROWTH_POSITIVE_ABOVE));
    rules_crit_threshold(c, "rate ≥ %s: %lld–%lld … > %s: %lld–%lld", t0,
                         (long long)pint(e, P_GROWTH_BAND_LO, 0), (long long)top, tpos,
                         (long long)pint(e, P_GROWTH_BAND_LO, nb),
                         (long long)pint(e, P_GROWTH_BAND_HI, nb));
    c->max_points = criteria[crit].max_points;

    /* the three years Y1..Y3 = fy−2..fy; years before establishment are absent */
    int fy = v->fiscal_year;
    growth_in g = {{false, false, false}, {0, 0, 0}};
    bool missing = false;
    int first_op = fy - 2 > w.first ? fy - 2 : w.first;
    for (int i = 0; i < 3; i++) {
        int year = fy - 2 + i;
        if (year < first_op)
            continue;
        const rules_year *y = rules_facts_year(f, year);
        if (assets) {
            bool ha = rules_year_has(y, RULES_YF_TOTAL_ASSETS);
            bool hl = rules_year_has(y, RULES_YF_TOTAL_LIABILITIES);
            if (!ha)
                rules_verdict_missing_year(v, year, RULES_YF_TOTAL_ASSETS);
            if (!hl)
                rules_verdict_missing_year(v, year, RULES_YF_TOTAL_LIABILITIES);
            if (ha && hl) {
                int64_t na = y->v[RULES_YF_TOTAL_ASSETS] - y->v[RULES_YF_TOTAL_LIABILITIES];
                g.y[i] = na > 0 ? na : 0; /* negative net assets count as 0 */
                g.have[i] = true;
            } else if (ha && y->v[RULES_YF_TOTAL_ASSETS] <= 0) {
                g.y[i] = 0; /* no assets: net assets 0 whatever is owed */
                g.have[i] = true;
            }
            missing |= !(ha && hl);
        } else {
            if (rules_year_has(y, RULES_YF_SALES_REVENUE)) {
                g.y[i] = y->v[RULES_YF_SALES_REVENUE];
                g.have[i] = true;
            } else {
                rules_verdict_missing_year(v, year, RULES_YF_SALES_REVENUE);
                missing = true;
            }
        }
    }
    int nyears = fy - first_op + 1;
    bool last_two = rules_param_int(e, P_GROWTH_FIRST_ZERO) == FIRST_ZERO_LAST_TWO;
    bool two = nyears == 2 || (nyears == 3 && g.have[0] && g.y[0] == 0 && last_two);
    /* the edge rules that give 0 points read at most one year: they decide
     * the item even when another year is missing (POLICY.md §2) */
    const char *zero_why = NULL;
    if (nyears < 2)
        zero_why = "经营不足两个会计年度，无法计算增长率";
    else if (g.have[1] && g.y[1] == 0)
        zero_why = "第二年末为0，按0分计算";
    else if (nyears == 3 && g.have[0] && g.y[0] == 0 && !two)
        zero_why = "第一年末为0，按0分计算";
    if (missing && !zero_why) {
        rules_crit_message(c, "缺少%d–%d年度%s", first_op, fy, what);
        c->passed = RULES_UNKNOWN;
        return (part){0, top, false, true};
    }
    char why[160];
    if (zero_why) {
        rules_crit_value_text(c, "n/a");
        rules_fmt(v, why, sizeof why, "%s：%s", what, zero_why);
        return score_band(v, c, f, 0, 0, why);
    }
    int64_t y1 = g.y[0], y2 = g.y[1], y3 = g.y[2];
    if (c->explain)
        fmt_bp(c->value, sizeof c->value, growth_bp(y1, y2, y3, two));
    int k = nb + 1;
    for (int i = 0; i < nb; i++)
        if (growth_cmp(y1, y2, y3, two, mins->v[i]) >= 0) {
            k = i;
            break;
        }
    if (k == nb + 1 &&
        growth_cmp(y1, y2, y3, two, rules_param_ratio(e, P_GROWTH_POSITIVE_ABOVE)) > 0)
        k = nb;
    int lo = k <= nb ? (int)pint(e, P_GROWTH_BAND_LO, k) : 0;
    int hi = k <= nb ? (int)pint(e, P_GROWTH_BAND_HI, k) : 0;
    if (two)
        rules_fmt(v, why, sizeof why, "%s增长率 %s（%s）", what, c->value,
                  nyears == 2 ? "经营两年，按实际经营时间" : "第一年末为0，按后两年计算");
    else
        rules_fmt(v, why, sizeof why, "%s增长率 ½(Y2/Y1+Y3/Y2)−1 = %s", what, c->value);
    part p = score_band(v, c, f, lo, hi, why);
    if (k > 0) {
        bool strict = k - 1 == nb;
        rules_ratio t = strict ? rules_param_ratio(e, P_GROWTH_POSITIVE_ABOVE) : mins->v[k - 1];
        int64_t need = growth_need_y3(y1, y2, two, t, strict);
        if (need > y3) {
            char yy[40], tp[16];
            rules_text_yuan(v->explained, yy, sizeof yy, need - y3);
            rules_text_pct_short(v->explained, tp, sizeof tp, t);
            rules_crit_gap(c, "fen", need - y3, "%d年末%s再增加 %s 元，增长率可%s %s", fy, what, yy,
                           strict ? "超过" : "达", tp);
        }
    }
    return p;
}

static void
innovation_result(rules_verdict *v, const rules_edition *e, int min, int max)
{
    rules_criterion_result *c = rules_verdict_add(v, C_INNOVATION_SCORE);
    int64_t above = rules_param_int(e, P_PASS_SCORE_ABOVE);
    rules_crit_threshold(c, "> %lld", (long long)above);
    if (min == max) {
        rules_crit_value_int(c, min);
    } else {
        rules_crit_value_fmt(c, "%d–%d", min, max);
    }
    bool pass = min > above, fail = max <= above;
    set_tri(c, pass || fail, pass);
    if (pass)
        rules_crit_message(c, "创新能力评价 %s 分，超过 %lld 分；认定后有效期 %lld 年", c->value,
                           (long long)above, (long long)rules_param_int(e, P_VALIDITY_YEARS));
    else if (fail)
        rules_crit_message(c, "创新能力评价最高 %d 分，未超过 %lld 分（恰为 %lld 分亦不符合）", max,
                           (long long)above, (long long)above);
    else
        rules_crit_message(c, "创新能力评价 %d–%d 分，是否超过 %lld 分取决于专家评分或缺失数据",
                           min, max, (long long)above);
    if (fail)
        rules_crit_gap(c, "points", above + 1 - max, "还需 %lld 分", (long long)(above + 1 - max));
}

/* ---- the module ---- */

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    window w = op_window(e, f, v->fiscal_year);
    ip_tally t = ip_tally_of(e, f, ctx->as_of);

    gate_resident(v, f);
    gate_registered(v, e, f, ctx->as_of);
    gate_core_ip(v, e, t);
    bool review = gate_domain(v, e, f);
    gate_tech_staff(v, e, y);
    gate_rd(v, e, f, w);
    gate_rd_domestic(v, e, f, w);
    gate_hightech_revenue(v, e, y);
    gate_incident(v, e, f, ctx->as_of);

    part ps[C_GROWTH_SALES - C_IP_ADVANCEMENT + 1];
    int np = 0;
    ps[np++] = score_expert(v, f, C_IP_ADVANCEMENT, (int)rules_param_int(e, P_IP_ADVANCEMENT_MAX));
    ps[np++] =
        score_expert(v, f, C_IP_CORE_SUPPORT, (int)rules_param_int(e, P_IP_CORE_SUPPORT_MAX));
    ps[np++] = score_ip_count(v, e, f, t);
    ps[np++] = score_ip_acquisition(v, e, f, t);
    ps[np++] = score_ip_standards(v, e, f, ctx->as_of);
    int ip_parts = np;
    ps[np++] = score_conversion(v, e, f, w);
    for (int i = 0; i < 4; i++)
        ps[np++] = score_expert(v, f, C_RD_MGMT_SYSTEM + i, (int)pint(e, P_RD_MGMT_MAX, i));
    ps[np++] = score_growth(v, e, f, w, C_GROWTH_NET_ASSETS);
    ps[np++] = score_growth(v, e, f, w, C_GROWTH_SALES);

    int cap = (int)rules_param_int(e, P_IP_GROUP_MAX);
    int ip_min = 0, ip_max = 0, min = 0, max = 0;
    bool missing = false;
    for (int i = 0; i < np; i++) {
        if (i < ip_parts) {
            ip_min += ps[i].min;
            ip_max += ps[i].max;
        } else {
            min += ps[i].min;
            max += ps[i].max;
        }
        missing |= ps[i].missing;
    }
    min += ip_min < cap ? ip_min : cap;
    max += ip_max < cap ? ip_max : cap;
    v->score_min = min;
    v->score_max = max;
    v->score_known = min == max;
    v->score = min;
    innovation_result(v, e, min, max);

    bool gate_no = false, gate_unknown = false;
    for (int i = 0; i < v->n_criteria; i++) {
        const rules_criterion_result *c = &v->criteria[i];
        if (c->def->kind != RULES_CRIT_GATE || c->def == &criteria[C_INNOVATION_SCORE] ||
            c->def == &criteria[C_DOMAIN])
            continue;
        gate_no |= c->passed == RULES_NO;
        gate_unknown |= c->passed == RULES_UNKNOWN;
    }
    const rules_criterion_result *dom = rules_verdict_find(v, criteria[C_DOMAIN].id);
    gate_no |= dom->passed == RULES_NO;
    gate_unknown |= dom->passed == RULES_UNKNOWN && !review;

    int64_t above = rules_param_int(e, P_PASS_SCORE_ABOVE);
    if (gate_no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (max <= above) {
        v->outcome = RULES_INELIGIBLE;
        v->route = RULES_ROUTE_SCORE;
    } else if (gate_unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else {
        v->route = RULES_ROUTE_SCORE;
        if (min > above)
            v->outcome = review ? RULES_NEEDS_REVIEW : RULES_ELIGIBLE;
        else
            v->outcome = missing ? RULES_INSUFFICIENT_DATA : RULES_NEEDS_REVIEW;
    }
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const struct {
        int a, b, extra;
    } len[] = {
        {P_RD_BAND_SALES_MAX_FEN, P_RD_BAND_RATIO_MIN, 1},
        {P_IP_COUNT_CLASS2_MIN, P_IP_COUNT_CLASS2_LO, 0},
        {P_IP_COUNT_CLASS2_MIN, P_IP_COUNT_CLASS2_HI, 0},
        {P_CONV_BAND_MIN, P_CONV_BAND_LO, 0},
        {P_CONV_BAND_MIN, P_CONV_BAND_HI, 0},
        {P_GROWTH_BAND_MIN, P_GROWTH_BAND_LO, 1},
        {P_GROWTH_BAND_MIN, P_GROWTH_BAND_HI, 1},
    };
    for (size_t i = 0; i < sizeof len / sizeof len[0]; i++)
        if (e->p[len[i].a].n + len[i].extra != e->p[len[i].b].n) {
            snprintf(err, errlen, "params.%s must have %s%s entries as params.%s",
                     params[len[i].b].name, len[i].extra ? "one more " : "as many ",
                     len[i].extra ? "than" : "", params[len[i].a].name);
            return -1;
        }
    const int pairs[] = {P_IP_COUNT_CLASS1_POINTS, P_IP_ACQ_SELF_POINTS, P_IP_ACQ_OTHER_POINTS,
                         P_IP_STANDARD_POINTS};
    for (size_t i = 0; i < sizeof pairs / sizeof pairs[0]; i++)
        if (e->p[pairs[i]].n != 2 || e->p[pairs[i]].v[0].num > e->p[pairs[i]].v[1].num) {
            snprintf(err, errlen, "params.%s must be [lo, hi]", params[pairs[i]].name);
            return -1;
        }
    const struct {
        int64_t got;
        int crit;
        const char *name;
    } tops[] = {
        {rules_param_int(e, P_IP_ADVANCEMENT_MAX), C_IP_ADVANCEMENT, "ip_advancement_max"},
        {rules_param_int(e, P_IP_CORE_SUPPORT_MAX), C_IP_CORE_SUPPORT, "ip_core_support_max"},
        {pint(e, P_IP_COUNT_CLASS1_POINTS, 1), C_IP_COUNT, "ip_count_class1_points"},
        {pint(e, P_IP_ACQ_SELF_POINTS, 1), C_IP_ACQUISITION, "ip_acq_self_points"},
        {pint(e, P_IP_STANDARD_POINTS, 1), C_IP_STANDARDS, "ip_standard_points"},
        {pint(e, P_CONV_BAND_HI, 0), C_CONVERSION, "conv_band_hi"},
        {pint(e, P_RD_MGMT_MAX, 0), C_RD_MGMT_SYSTEM, "rd_mgmt_max"},
        {pint(e, P_RD_MGMT_MAX, 1), C_RD_MGMT_INSTITUTION, "rd_mgmt_max"},
        {pint(e, P_RD_MGMT_MAX, 2), C_RD_MGMT_INCENTIVE, "rd_mgmt_max"},
        {pint(e, P_RD_MGMT_MAX, 3), C_RD_MGMT_TALENT, "rd_mgmt_max"},
        {pint(e, P_GROWTH_BAND_HI, 0), C_GROWTH_NET_ASSETS, "growth_band_hi"},
    };
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++)
        if (tops[i].got != criteria[tops[i].crit].max_points) {
            snprintf(err, errlen, "params.%s: top must be %d (criteria table)", tops[i].name,
                     criteria[tops[i].crit].max_points);
            return -1;
        }
    if (e->p[P_RD_MGMT_MAX].n != 4) {
        snprintf(err, errlen, "params.rd_mgmt_max: four items");
        return -1;
    }
    if (rules_param_int(e, P_WINDOW_YEARS) != 3) {
        snprintf(err, errlen, "params.window_years: the growth formula is defined on three years");
        return -1;
    }
    for (int i = 0; i < e->p[P_GROWTH_BAND_MIN].n; i++) {
        rules_ratio r = e->p[P_GROWTH_BAND_MIN].v[i];
        if (r.num < 0 || r.den <= 0 || r.num > (1 << 20) || r.den > (1 << 20)) {
            snprintf(err, errlen, "params.growth_band_min: non-negative, small terms");
            return -1;
        }
    }
    return 0;
}

const rules_module rules_high_tech_module = {
    .id = "high_tech",
    .name_zh = "高新技术企业",
    .name_en = "High and new technology enterprise",
    .recognition = RULES_REC_HIGH_TECH,
    .scored = true,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
