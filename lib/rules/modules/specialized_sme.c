/*
 * specialized_sme: 专精特新中小企业认定 (POLICY.md §4; policy-sources.md §3.2,
 * §3.5). Two schemes, chosen by the edition's `scheme` parameter:
 *
 *  2022 (工信部企业〔2022〕63号 附件2, until 2026-03-31):
 *   gates: niche ≥ N years; last-year R&D ≥ min and ≥ ratio of operating
 *   revenue; revenue ≥ min or qualified equity in the window ≥ min. Then a
 *   direct condition (award, two-year R&D average, equity, 创客中国) → eligible
 *   route "direct"; else the 13-indicator score (100 points) ≥ pass. The
 *   特色化 block (15) is the province's table: its items' maxima are the
 *   edition parameter `local_feature_item_points` (a regional edition
 *   overrides the national one) and each item is scored by an officer in
 *   expert_scores["specialized_sme.local_feature"] (one item) or
 *   ["specialized_sme.local_feature.<n>"] (n from 1). An absent item counts
 *   0..max: a range that only the officer settles → needs_review.
 *  2026 (工信部企业〔2026〕2号, from 2026-04-01, all [S]): conditions only —
 *   a valid 科技和创新型 title, niche, revenue or equity, main share, debt,
 *   R&D in each of the two years, Ⅰ类 IP (waivable), market position (officer:
 *   expert_scores["specialized_sme.market_position"] 1 = accepted, 0 = not)
 *   and this year's 专精特新发展评价 platform score, which is also the
 *   verdict's score.
 *
 * Every scheme reads only its own parameters; the other scheme's are kept at
 * neutral values in the edition file (see the doc string of each).
 * Years: fiscal year Y = year before as_of; "近2年" = Y and Y−1; growth over
 * Y−2..Y. Niche years are whole years from niche_since to the end of Y (the
 * last day counting: reference date 1 January of as_of's year). Award and
 * contest windows: year ≥ as_of year − N; equity windows: [as_of − N years,
 * as_of]. A missing fact only matters if some value of it could change the
 * result (POLICY.md §2): R&D under rd_min_fen fails whatever the revenue; a
 * ratio item with a numerator of 0 (a loss for the margin) or a known
 * denominator of 0 is scored; a CAGR does not read Y−1; one year's R&D of
 * twice rd_avg_min_fen makes the average; and when no direct condition can
 * hold and score_max < pass, the outcome is ineligible even with gate facts
 * missing. Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/ladder.h"
#include "rules/module.h"

typedef __int128 i128;

static const char *const scheme_names[] = {"", "2022", "2026", NULL};
enum { SCHEME_2022 = 1, SCHEME_2026 = 2 };
static const char *const growth_method_names[] = {"", "arithmetic_mean", "cagr", NULL};
enum { GROWTH_MEAN = 1, GROWTH_CAGR = 2 };

enum {
    P_SCHEME,
    P_PREREQ_REQUIRED,
    P_PREREQ_KINDS,
    P_NICHE_MIN_YEARS,
    P_RD_MIN_FEN,
    P_RD_RATIO_MIN,
    P_RD_YEARS,
    P_REVENUE_MIN_FEN,
    P_EQUITY_ALT_MIN_FEN,
    P_EQUITY_ALT_WINDOW_YEARS,
    /* 2022 score */
    P_MAIN_SHARE_BAND_MIN,
    P_MAIN_SHARE_BAND_POINTS,
    P_GROWTH_METHOD,
    P_GROWTH_BAND_MIN,
    P_GROWTH_BAND_POINTS,
    P_NICHE_YEARS_PER_POINT,
    P_NICHE_POINTS_MAX,
    P_DOMAIN_CHAIN_POINTS,
    P_DOMAIN_FOUNDATION_POINTS,
    P_DIGITAL_BAND_MIN,
    P_DIGITAL_BAND_POINTS,
    P_QUALITY_POINTS_PER_ITEM,
    P_QUALITY_POINTS_MAX,
    P_MARGIN_BAND_MIN,
    P_MARGIN_BAND_POINTS,
    P_DEBT_BAND_MIN,
    P_DEBT_BAND_POINTS,
    P_LOCAL_FEATURE_ITEM_POINTS,
    P_IP_BAND_POINTS,
    P_RD_AMOUNT_BAND_MIN,
    P_RD_RATIO_BAND_MIN,
    P_RD_INPUT_BAND_POINTS,
    P_RD_STAFF_BAND_MIN,
    P_RD_STAFF_BAND_POINTS,
    P_INSTITUTION_LEVEL_POINTS,
    P_PASS_SCORE_MIN,
    /* 2022 direct conditions */
    P_AWARD_PROVINCIAL_MAX_RANK,
    P_AWARD_NATIONAL_MAX_RANK,
    P_AWARD_WINDOW_YEARS,
    P_RD_AVG_MIN_FEN,
    P_EQUITY_DIRECT_MIN_FEN,
    P_CONTEST_MAX_RANK,
    /* 2026 conditions */
    P_MAIN_SHARE_MIN,
    P_DEBT_MAX,
    P_IP_CLASS1_MIN_COUNT,
    P_IP_WAIVER_AWARD_MAX_RANK,
    P_IP_WAIVER_INSTITUTION_LEVELS,
    P_PLATFORM_SCORE_MIN,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_SCHEME] = {"scheme", RULES_PT_ENUM, scheme_names, "2022 (63号 附件2) or 2026 (2号)"},
    [P_PREREQ_REQUIRED] = {"prerequisite_required", RULES_PT_BOOL, NULL,
                           "a valid lower-tier title is required (2026: 科技和创新型中小企业)"},
    [P_PREREQ_KINDS] = {"prerequisite_kinds", RULES_PT_ENUM_LIST, rules_recognition_kind_names,
                        "recognition kinds that count as the lower-tier title"},
    [P_NICHE_MIN_YEARS] = {"niche_min_years", RULES_PT_INT, NULL,
                           "从事特定细分市场时间达到N年以上"},
    [P_RD_MIN_FEN] = {"rd_min_fen", RULES_PT_INT, NULL, "研发费用总额不低于 (each year counted)"},
    [P_RD_RATIO_MIN] = {"rd_ratio_min", RULES_PT_RATIO, NULL, "研发费用占营业收入总额比重不低于"},
    [P_RD_YEARS] = {"rd_years", RULES_PT_INT, NULL, "years that must each pass (2022: 1; 2026: 2)"},
    [P_REVENUE_MIN_FEN] = {"revenue_min_fen", RULES_PT_INT, NULL, "上年度营业收入总额在…以上"},
    [P_EQUITY_ALT_MIN_FEN] = {"equity_alt_min_fen", RULES_PT_INT, NULL,
                              "or 新增股权融资（合格机构投资者的实缴额）达到…以上"},
    [P_EQUITY_ALT_WINDOW_YEARS] = {"equity_alt_window_years", RULES_PT_INT, NULL, "近N年"},
    [P_MAIN_SHARE_BAND_MIN] = {"main_share_band_min", RULES_PT_RATIO_LIST, NULL,
                               "2022 指标1 主营业务收入占比 band edges"},
    [P_MAIN_SHARE_BAND_POINTS] = {"main_share_band_points", RULES_PT_INT_LIST, NULL, "2022 指标1"},
    [P_GROWTH_METHOD] =
        {"growth_method", RULES_PT_ENUM, growth_method_names,
         "2022 指标2 平均增长率: arithmetic mean of two rates or CAGR (UNVERIFIED)"},
    [P_GROWTH_BAND_MIN] = {"growth_band_min", RULES_PT_RATIO_LIST, NULL, "2022 指标2 band edges"},
    [P_GROWTH_BAND_POINTS] = {"growth_band_points", RULES_PT_INT_LIST, NULL, "2022 指标2"},
    [P_NICHE_YEARS_PER_POINT] = {"niche_years_per_point", RULES_PT_INT, NULL,
                                 "2022 指标3 每满N年得1分"},
    [P_NICHE_POINTS_MAX] = {"niche_points_max", RULES_PT_INT, NULL, "2022 指标3 最高不超过"},
    [P_DOMAIN_CHAIN_POINTS] = {"domain_chain_points", RULES_PT_INT, NULL, "2022 指标4 A 补短板…"},
    [P_DOMAIN_FOUNDATION_POINTS] = {"domain_foundation_points", RULES_PT_INT, NULL,
                                    "2022 指标4 B 工业六基…"},
    [P_DIGITAL_BAND_MIN] = {"digital_band_min", RULES_PT_INT_LIST, NULL, "2022 指标5 levels"},
    [P_DIGITAL_BAND_POINTS] = {"digital_band_points", RULES_PT_INT_LIST, NULL, "2022 指标5"},
    [P_QUALITY_POINTS_PER_ITEM] = {"quality_points_per_item", RULES_PT_INT, NULL,
                                   "2022 指标6 每满足一项加"},
    [P_QUALITY_POINTS_MAX] = {"quality_points_max", RULES_PT_INT, NULL, "2022 指标6 最高不超过"},
    [P_MARGIN_BAND_MIN] = {"margin_band_min", RULES_PT_RATIO_LIST, NULL, "2022 指标7 净利润率"},
    [P_MARGIN_BAND_POINTS] = {"margin_band_points", RULES_PT_INT_LIST, NULL, "2022 指标7"},
    [P_DEBT_BAND_MIN] = {"debt_band_min", RULES_PT_RATIO_LIST, NULL,
                         "2022 指标8 资产负债率 edges, worst band first"},
    [P_DEBT_BAND_POINTS] = {"debt_band_points", RULES_PT_INT_LIST, NULL,
                            "2022 指标8, plus one for below every edge"},
    [P_LOCAL_FEATURE_ITEM_POINTS] = {"local_feature_item_points", RULES_PT_INT_LIST, NULL,
                                     "2022 指标9 特色化: the province's items' maxima"},
    [P_IP_BAND_POINTS] = {"ip_band_points", RULES_PT_INT_LIST, NULL,
                          "2022 指标10 A 高价值Ⅰ类, B 自主研发Ⅰ类, C Ⅰ类, D Ⅱ类 [S]"},
    [P_RD_AMOUNT_BAND_MIN] = {"rd_amount_band_min", RULES_PT_INT_LIST, NULL,
                              "2022 指标11 研发费用 amount edges [M]"},
    [P_RD_RATIO_BAND_MIN] = {"rd_ratio_band_min", RULES_PT_RATIO_LIST, NULL,
                             "2022 指标11 研发费用/营业收入 edges [M]"},
    [P_RD_INPUT_BAND_POINTS] = {"rd_input_band_points", RULES_PT_INT_LIST, NULL, "2022 指标11 [M]"},
    [P_RD_STAFF_BAND_MIN] = {"rd_staff_band_min", RULES_PT_RATIO_LIST, NULL, "2022 指标12 [M]"},
    [P_RD_STAFF_BAND_POINTS] = {"rd_staff_band_points", RULES_PT_INT_LIST, NULL, "2022 指标12 [M]"},
    [P_INSTITUTION_LEVEL_POINTS] = {"institution_level_points", RULES_PT_INT_LIST, NULL,
                                    "2022 指标13 national, provincial, city, below_city [M]"},
    [P_PASS_SCORE_MIN] = {"pass_score_min", RULES_PT_INT, NULL, "2022 评价得分达到60分以上"},
    [P_AWARD_PROVINCIAL_MAX_RANK] = {"award_provincial_max_rank", RULES_PT_INT, NULL,
                                     "2022 直通 省级科技奖励排名前三"},
    [P_AWARD_NATIONAL_MAX_RANK] = {"award_national_max_rank", RULES_PT_INT, NULL,
                                   "2022 直通 国家级科技奖励排名前五"},
    [P_AWARD_WINDOW_YEARS] = {"award_window_years", RULES_PT_INT, NULL,
                              "近三年: awards and 创客中国 (2022), the 2026 IP waiver"},
    [P_RD_AVG_MIN_FEN] = {"rd_avg_min_fen", RULES_PT_INT, NULL, "2022 直通 近两年研发费用总额均值"},
    [P_EQUITY_DIRECT_MIN_FEN] = {"equity_direct_min_fen", RULES_PT_INT, NULL,
                                 "2022 直通 近两年新增股权融资总额"},
    [P_CONTEST_MAX_RANK] = {"contest_max_rank", RULES_PT_INT, NULL, "2022 直通 创客中国 全国500强"},
    [P_MAIN_SHARE_MIN] = {"main_share_min", RULES_PT_RATIO, NULL, "2026 主营业务收入占比不低于"},
    [P_DEBT_MAX] = {"debt_max", RULES_PT_RATIO, NULL, "2026 上年末资产负债率不高于"},
    [P_IP_CLASS1_MIN_COUNT] = {"ip_class1_min_count", RULES_PT_INT, NULL,
                               "2026 Ⅰ类知识产权 applied with benefit, at least"},
    [P_IP_WAIVER_AWARD_MAX_RANK] = {"ip_waiver_award_max_rank", RULES_PT_INT, NULL,
                                    "2026 IP waiver: 省部级以上科技奖励排名前三"},
    [P_IP_WAIVER_INSTITUTION_LEVELS] = {"ip_waiver_institution_levels", RULES_PT_ENUM_LIST,
                                        rules_inst_level_names,
                                        "2026 IP waiver: 省部级以上研发机构"},
    [P_PLATFORM_SCORE_MIN] = {"platform_score_min", RULES_PT_INT, NULL,
                              "2026 本年度专精特新发展评价得分不低于"},
};

enum {
    C_PREREQ,
    C_NICHE,
    C_RD,
    C_REVENUE,
    C_MAIN_SHARE_GATE,
    C_DEBT_GATE,
    C_IP_GATE,
    C_MARKET,
    C_PLATFORM,
    C_MAIN_SHARE,
    C_GROWTH,
    C_NICHE_YEARS,
    C_DOMAIN,
    C_DIGITAL,
    C_QUALITY,
    C_MARGIN,
    C_DEBT,
    C_LOCAL,
    C_IP,
    C_RD_INPUT,
    C_RD_STAFF,
    C_INSTITUTION,
    C_DIRECT_AWARD,
    C_DIRECT_RD,
    C_DIRECT_EQUITY,
    C_DIRECT_CONTEST,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_PREREQ] = {"prerequisite",
                  "持有有效期内科技和创新型中小企业称号",
                  "Holds the lower-tier title",
                  RULES_CRIT_GATE,
                  {"prerequisite_required", "prerequisite_kinds", NULL},
                  0,
                  "第十条"},
    [C_NICHE] = {"niche_years",
                 "从事特定细分市场时间",
                 "Years in the market segment",
                 RULES_CRIT_GATE,
                 {"niche_min_years", NULL},
                 0,
                 "认定条件(一)"},
    [C_RD] = {"rd_input",
              "研发费用总额及占营业收入比重",
              "R&D amount and share of revenue",
              RULES_CRIT_GATE,
              {"rd_min_fen", "rd_ratio_min", "rd_years", NULL},
              0,
              "认定条件(二)"},
    [C_REVENUE] = {"revenue_or_equity",
                   "营业收入或新增股权融资",
                   "Revenue, or qualified equity raised",
                   RULES_CRIT_GATE,
                   {"revenue_min_fen", "equity_alt_min_fen", "equity_alt_window_years", NULL},
                   0,
                   "认定条件(三)"},
    [C_MAIN_SHARE_GATE] = {"main_share",
                           "主营业务收入占营业收入比重",
                           "Main-business share",
                           RULES_CRIT_GATE,
                           {"main_share_min", NULL},
                           0,
                           "附件1 专业化"},
    [C_DEBT_GATE] = {"debt_ratio",
                     "上年末资产负债率",
                     "Debt-to-asset ratio",
                     RULES_CRIT_GATE,
                     {"debt_max", NULL},
                     0,
                     "附件1 精细化"},
    [C_IP_GATE] = {"class1_ip",
                   "Ⅰ类知识产权（实际应用并产生经济效益）",
                   "Class I IP applied with economic benefit",
                   RULES_CRIT_GATE,
                   {"ip_class1_min_count", "ip_waiver_award_max_rank", "award_window_years",
                    "ip_waiver_institution_levels", NULL},
                   0,
                   "附件1 创新能力"},
    [C_MARKET] = {"market_position",
                  "主导产品细分市场占有率较为靠前（审核员认定）",
                  "Leading market position (officer's decision)",
                  RULES_CRIT_GATE,
                  {NULL},
                  0,
                  "附件1 特色化"},
    [C_PLATFORM] = {"platform_score",
                    "本年度专精特新发展评价得分",
                    "Development evaluation score",
                    RULES_CRIT_GATE,
                    {"platform_score_min", NULL},
                    0,
                    "附件1; 工信厅企业〔2024〕75号"},
    [C_MAIN_SHARE] = {"main_revenue_share",
                      "上年度主营业务收入总额占营业收入总额比重",
                      "Main-business share of operating revenue",
                      RULES_CRIT_SCORE,
                      {"main_share_band_min", "main_share_band_points", NULL},
                      5,
                      "评分 指标1"},
    [C_GROWTH] = {"main_revenue_growth",
                  "近2年主营业务收入平均增长率",
                  "Two-year main revenue growth",
                  RULES_CRIT_SCORE,
                  {"growth_method", "growth_band_min", "growth_band_points", NULL},
                  10,
                  "评分 指标2"},
    [C_NICHE_YEARS] = {"niche_years_score",
                       "从事特定细分市场年限",
                       "Years in the segment",
                       RULES_CRIT_SCORE,
                       {"niche_years_per_point", "niche_points_max", NULL},
                       5,
                       "评分 指标3"},
    [C_DOMAIN] = {"main_product_domain",
                  "主导产品所属领域情况",
                  "Domain of the main product",
                  RULES_CRIT_SCORE,
                  {"domain_chain_points", "domain_foundation_points", NULL},
                  5,
                  "评分 指标4"},
    [C_DIGITAL] = {"digital_level",
                   "数字化水平",
                   "Digitalisation level",
                   RULES_CRIT_SCORE,
                   {"digital_band_min", "digital_band_points", NULL},
                   5,
                   "评分 指标5"},
    [C_QUALITY] = {"quality",
                   "质量管理水平",
                   "Quality management",
                   RULES_CRIT_SCORE,
                   {"quality_points_per_item", "quality_points_max", NULL},
                   5,
                   "评分 指标6"},
    [C_MARGIN] = {"net_margin",
                  "上年度净利润率",
                  "Net profit margin",
                  RULES_CRIT_SCORE,
                  {"margin_band_min", "margin_band_points", NULL},
                  10,
                  "评分 指标7"},
    [C_DEBT] = {"debt_ratio_score",
                "上年度资产负债率",
                "Debt-to-asset ratio",
                RULES_CRIT_SCORE,
                {"debt_band_min", "debt_band_points", NULL},
                5,
                "评分 指标8"},
    [C_LOCAL] = {"local_feature",
                 "地方特色指标（省级设定，审核员评分）",
                 "Provincial feature items (officer-scored)",
                 RULES_CRIT_SCORE,
                 {"local_feature_item_points", NULL},
                 15,
                 "评分 指标9"},
    [C_IP] = {"ip",
              "与企业主导产品相关的有效知识产权数量",
              "Valid IP related to the main product",
              RULES_CRIT_SCORE,
              {"ip_band_points", NULL},
              10,
              "评分 指标10"},
    [C_RD_INPUT] = {"rd_input_score",
                    "上年度研发费用投入",
                    "R&D input (amount or share)",
                    RULES_CRIT_SCORE,
                    {"rd_amount_band_min", "rd_ratio_band_min", "rd_input_band_points", NULL},
                    10,
                    "评分 指标11"},
    [C_RD_STAFF] = {"rd_staff_ratio",
                    "上年度研发人员占比",
                    "R&D staff share",
                    RULES_CRIT_SCORE,
                    {"rd_staff_band_min", "rd_staff_band_points", NULL},
                    5,
                    "评分 指标12"},
    [C_INSTITUTION] = {"rd_institution",
                       "建立研发机构级别",
                       "Level of R&D institution",
                       RULES_CRIT_SCORE,
                       {"institution_level_points", NULL},
                       10,
                       "评分 指标13"},
    [C_DIRECT_AWARD] = {"direct_award",
                        "近三年省级科技奖励前三或国家级科技奖励前五",
                        "Provincial award top 3 or national award top 5 in three years",
                        RULES_CRIT_DIRECT,
                        {"award_provincial_max_rank", "award_national_max_rank",
                         "award_window_years", NULL},
                        0,
                        "认定条件(四)1"},
    [C_DIRECT_RD] = {"direct_rd_average",
                     "近两年研发费用总额均值1000万元以上",
                     "Two-year average R&D",
                     RULES_CRIT_DIRECT,
                     {"rd_avg_min_fen", NULL},
                     0,
                     "认定条件(四)2"},
    [C_DIRECT_EQUITY] = {"direct_equity",
                         "近两年新增股权融资总额6000万元以上",
                         "Qualified equity in two years",
                         RULES_CRIT_DIRECT,
                         {"equity_direct_min_fen", "equity_alt_window_years", NULL},
                         0,
                         "认定条件(四)3"},
    [C_DIRECT_CONTEST] = {"direct_contest",
                          "近三年进入创客中国全国500强",
                          "创客中国 national top 500",
                          RULES_CRIT_DIRECT,
                          {"contest_max_rank", "award_window_years", NULL},
                          0,
                          "认定条件(四)4"},
};

/* ---- helpers ---- */

typedef struct part {
    int min, max;
} part;

/* What left a result open: missing facts or an officer's judgement. */
typedef struct open_state {
    bool data, expert;
} open_state;

static void
set_tri(rules_criterion_result *c, bool known, bool ok)
{
    c->passed = !known ? RULES_UNKNOWN : ok ? RULES_YES : RULES_NO;
}

static int
band_points(const rules_edition *e, int pts, int k)
{
    return k < e->p[pts].n ? (int)e->p[pts].v[k].num : 0;
}

static bool
need_year(rules_verdict *v, const rules_year *y, int year, int fld)
{
    if (rules_year_has(y, (rules_year_field)fld))
        return true;
    rules_verdict_missing_year(v, year, fld);
    return false;
}

static bool
edge_in(const rules_edition *e, rules_ratio x, rules_ratio t)
{
    return e->band_edge == RULES_BAND_LOWER_INCLUSIVE ? rules_ratio_ge(x, t) : rules_ratio_gt(x, t);
}

static void
band_threshold(rules_criterion_result *c, const rules_edition *e, int mins, int k)
{
    if (!c->explain)
        return;
    const rules_param_value *m = &e->p[mins];
    bool lower = e->band_edge == RULES_BAND_LOWER_INCLUSIVE;
    char lo[24], hi[24];
    if (k >= m->n) {
        rules_text_pct_short(c->explain, lo, sizeof lo, m->v[m->n - 1]);
        rules_crit_threshold(c, "%s %s", lower ? "<" : "≤", lo);
        return;
    }
    rules_text_pct_short(c->explain, lo, sizeof lo, m->v[k]);
    if (k == 0) {
        rules_crit_threshold(c, "%s %s", lower ? "≥" : ">", lo);
        return;
    }
    rules_text_pct_short(c->explain, hi, sizeof hi, m->v[k - 1]);
    rules_crit_threshold(c, "%s %s and %s %s", lower ? "≥" : ">", lo, lower ? "<" : "≤", hi);
}

/* Ratio band score with value, threshold, points, passed and a gap in fen of
 * the numerator to the next band (denominator unchanged). */
static int
score_ratio(rules_criterion_result *c, const rules_edition *e, int mins, int pts, int64_t num,
            int64_t den, const char *what_zh)
{
    rules_ratio r = rules_ratio_make(num, den);
    int k = rules_band_find(e, mins, r);
    rules_crit_value_pct(c, r);
    band_threshold(c, e, mins, k);
    c->has_points = true;
    c->points = band_points(e, pts, k);
    set_tri(c, true, c->points > 0);
    int64_t need;
    if (k > 0 && den > 0 &&
        rules_ratio_min_num(e->p[mins].v[k - 1], den, e->band_edge == RULES_BAND_UPPER_INCLUSIVE,
                            &need) &&
        need > num) {
        char yuan[40];
        rules_text_yuan(c->explain, yuan, sizeof yuan, need - num);
        rules_crit_gap(c, "fen", need - num, "%s再增加 %s 元可得 %d 分", what_zh, yuan,
                       band_points(e, pts, k - 1));
    }
    return k;
}

/*
 * A score criterion with a fact missing whose points are decided anyway
 * (POLICY.md §2: a missing fact only matters if some value of it could
 * change the result), e.g. R&D staff of 0 over a missing head count. The gap
 * names what would have to change: the amount is unknown while the fact is.
 */
static part
decided_open(rules_verdict *v, rules_criterion_result *c, int pts, const char *what_zh)
{
    c->has_points = true;
    c->points = pts;
    set_tri(c, true, pts > 0);
    rules_crit_message(c, "%d年度%s缺少所需数据，但已知数据已决定得 %d 分", v->fiscal_year,
                       c->def->label_zh, pts);
    if (pts < c->max_points)
        rules_crit_gap(c, "fen", 0, "%s需提高；补齐缺少的数据后可计算差距", what_zh);
    return (part){pts, pts};
}

static int
years_in_niche(const rules_facts *f, int fiscal_year)
{
    rules_date ref = rules_date_from_ymd(fiscal_year + 1, 1, 1);
    int y = rules_date_years_between(f->firm.niche_since, ref);
    return y < 0 ? 0 : y;
}

static int64_t
equity_sum(const rules_facts *f, rules_date as_of, int years)
{
    rules_date from = rules_date_add_years(as_of, -years);
    int64_t sum = 0;
    for (int i = 0; i < f->n_equity; i++)
        if (f->equity[i].qualified_investor && f->equity[i].date >= from &&
            f->equity[i].date <= as_of)
            sum += f->equity[i].paid_in_fen;
    return sum;
}

static const rules_expert_score *
expert(const rules_facts *f, const char *key)
{
    for (int i = 0; i < f->n_expert; i++)
        if (strcmp(f->expert[i].key, key) == 0)
            return &f->expert[i];
    return NULL;
}

/* ---- gates shared by both schemes ---- */

static void
gate_prereq(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_PREREQ);
    int found = -1;
    for (int i = 0; i < f->n_recognitions && found < 0; i++)
        if (rules_param_has_enum(e, P_PREREQ_KINDS, (int)f->recognitions[i].kind) &&
            rules_recognition_in_force(&f->recognitions[i], as_of))
            found = i;
    rules_crit_threshold(c, "valid on as_of");
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    set_tri(c, true, found >= 0);
    if (found >= 0)
        rules_crit_message(c, "持有有效期内的%s称号（recognitions[%d]）",
                           rules_recognition_kind_names[f->recognitions[found].kind], found);
    else {
        rules_crit_message(c, "未持有有效期内的科技和创新型中小企业称号");
        rules_crit_gap(c, "items", 1, "需先取得科技和创新型中小企业称号");
    }
}

static void
gate_niche(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_NICHE);
    int64_t min = rules_param_int(e, P_NICHE_MIN_YEARS);
    rules_crit_threshold(c, "≥ %lld years by %d-12-31", (long long)min, v->fiscal_year);
    if (!rules_firm_has(&f->firm, RULES_FF_NICHE_SINCE)) {
        rules_verdict_missing(v, "firm.niche_since");
        rules_crit_message(c, "缺少 firm.niche_since（进入细分市场的日期）");
        return;
    }
    bool none = (f->firm.nulls >> RULES_FF_NICHE_SINCE) & 1u;
    int years = none ? 0 : years_in_niche(f, v->fiscal_year);
    rules_crit_value_int(c, years);
    set_tri(c, true, years >= min);
    rules_crit_message(c, "截至%d年末从事特定细分市场 %d 年，%s %lld 年", v->fiscal_year, years,
                       years >= min ? "达到" : "不足", (long long)min);
    if (years < min) {
        if (none) {
            rules_crit_gap(c, "years", min, "尚未进入特定细分市场，需满 %lld 年", (long long)min);
        } else {
            rules_date need = rules_date_add_years(f->firm.niche_since, (int)min);
            int32_t days =
                rules_date_days_between(rules_date_from_ymd(v->fiscal_year + 1, 1, 1), need);
            char d[11];
            rules_crit_gap(c, "days", days, "%s 满 %lld 年",
                           rules_text_date(v->explained, need - 1, d, sizeof d), (long long)min);
        }
    }
}

/* R&D ≥ min and ≥ ratio in each of the last rd_years years. */
static void
gate_rd(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD);
    int64_t min = rules_param_int(e, P_RD_MIN_FEN);
    rules_ratio t = rules_param_ratio(e, P_RD_RATIO_MIN);
    int n = (int)rules_param_int(e, P_RD_YEARS);
    char lim[40], pct[16];
    rules_text_yuan(v->explained, lim, sizeof lim, min);
    rules_text_pct_short(v->explained, pct, sizeof pct, t);
    rules_crit_threshold(c, "each of %d year(s): ≥ %s 元 and ≥ %s of operating revenue", n, lim,
                         pct);
    bool known = true, ok = true;
    int bad_year = 0;
    int64_t gap = 0;
    for (int k = 0; k < n; k++) {
        int year = v->fiscal_year - k;
        const rules_year *y = rules_facts_year(f, year);
        bool hr = need_year(v, y, year, RULES_YF_RD_EXPENSE);
        bool hv = need_year(v, y, year, RULES_YF_OPERATING_REVENUE);
        if (!hr || !hv) {
            known = false;
            /* below the amount floor fails whatever the revenue (POLICY.md §2) */
            if (hr && y->v[RULES_YF_RD_EXPENSE] < min) {
                ok = false;
                if (!bad_year) {
                    bad_year = year;
                    gap = min - y->v[RULES_YF_RD_EXPENSE];
                }
            }
            continue;
        }
        int64_t rd = y->v[RULES_YF_RD_EXPENSE], rev = y->v[RULES_YF_OPERATING_REVENUE];
        if (k == 0)
            rules_crit_value_pct(c, rules_ratio_make(rd, rev));
        int64_t need = min, by_ratio;
        if (rules_ratio_min_num(t, rev, false, &by_ratio) && by_ratio > need)
            need = by_ratio;
        if (rd < need) {
            ok = false;
            if (!bad_year) {
                bad_year = year;
                gap = need - rd;
            }
        }
    }
    if (!ok) {
        set_tri(c, true, false);
        char more[40];
        rules_text_yuan(v->explained, more, sizeof more, gap);
        rules_crit_message(c, "%d年度研发费用未达到 %s 元且占营业收入 %s", bad_year, lim, pct);
        rules_crit_gap(c, "fen", gap, "%d年度研发费用需再增加 %s 元", bad_year, more);
    } else if (!known) {
        o->data = true;
        rules_crit_message(c, "缺少研发费用或营业收入");
    } else {
        set_tri(c, true, true);
        rules_crit_message(c, "近 %d 年研发费用均不低于 %s 元且占营业收入不低于 %s", n, lim, pct);
    }
}

static void
gate_revenue(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of,
             open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_REVENUE);
    int64_t min = rules_param_int(e, P_REVENUE_MIN_FEN),
            emin = rules_param_int(e, P_EQUITY_ALT_MIN_FEN);
    int w = (int)rules_param_int(e, P_EQUITY_ALT_WINDOW_YEARS);
    int64_t eq = equity_sum(f, as_of, w);
    char lim[40], elim[40], eqs[40];
    rules_text_yuan(v->explained, lim, sizeof lim, min);
    rules_text_yuan(v->explained, elim, sizeof elim, emin);
    rules_text_yuan(v->explained, eqs, sizeof eqs, eq);
    rules_crit_threshold(c, "revenue ≥ %s 元, or equity in %d years ≥ %s 元", lim, w, elim);
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (eq >= emin) {
        rules_crit_value_yuan(c, eq);
        set_tri(c, true, true);
        rules_crit_message(c, "近 %d 年合格机构投资者实缴股权融资 %s 元，不低于 %s 元", w, eqs,
                           elim);
        return;
    }
    if (!need_year(v, y, v->fiscal_year, RULES_YF_OPERATING_REVENUE)) {
        o->data = true;
        rules_crit_message(c, "缺少%d年度营业收入；股权融资 %s 元不足 %s 元", v->fiscal_year, eqs,
                           elim);
        return;
    }
    int64_t rev = y->v[RULES_YF_OPERATING_REVENUE];
    rules_crit_value_yuan(c, rev);
    set_tri(c, true, rev >= min);
    rules_crit_message(c, "%d年度营业收入 %s，%s %s 元；股权融资 %s 元", v->fiscal_year, c->value,
                       rev >= min ? "达到" : "不足", lim, eqs);
    if (rev < min) {
        char more[40];
        rules_text_yuan(v->explained, more, sizeof more, min - rev);
        rules_crit_gap(c, "fen", min - rev, "营业收入再增加 %s 元，或股权融资再增加相应金额", more);
    }
}

/* ---- 2026 gates ---- */

static void
gate_ratio(rules_verdict *v, int crit, const rules_year *y, int num_fld, int den_fld, rules_ratio t,
           bool at_most, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    char pct[16];
    rules_text_pct_short(v->explained, pct, sizeof pct, t);
    rules_crit_threshold(c, "%s %s", at_most ? "≤" : "≥", pct);
    bool hn = need_year(v, y, v->fiscal_year, num_fld);
    bool hd = need_year(v, y, v->fiscal_year, den_fld);
    if (!hn || !hd) {
        /* decided anyway when the known side fails it: a denominator of 0,
         * or (at least) a numerator too small over any denominator */
        int r = hd && y->v[den_fld] <= 0 ? 0
                : at_most                ? -1
                                         : rules_ratio_ge_open(hn, hn ? y->v[num_fld] : 0, hd,
                                                hd ? y->v[den_fld] : 0, t);
        if (r == 0) {
            set_tri(c, true, false);
            rules_crit_message(c, "缺少%d年度%s所需数据，但已知数据已不符合 %s", v->fiscal_year,
                               c->def->label_zh, c->threshold);
            rules_crit_gap(c, "fen", 0, "%s需提高；补齐缺少的数据后可计算差距", c->def->label_zh);
            return;
        }
        o->data = true;
        rules_crit_message(c, "缺少%d年度%s所需数据", v->fiscal_year, c->def->label_zh);
        return;
    }
    int64_t num = y->v[num_fld], den = y->v[den_fld];
    rules_ratio r = rules_ratio_make(num, den);
    bool ok = den > 0 && (at_most ? !rules_ratio_gt(r, t) : rules_ratio_ge(r, t));
    rules_crit_value_pct(c, r);
    set_tri(c, true, ok);
    rules_crit_message(c, "%d年度%s %s，%s %s", v->fiscal_year, c->def->label_zh, c->value,
                       ok ? "符合" : "不符合", c->threshold);
    int64_t edge;
    if (!ok && den > 0 && rules_ratio_min_num(t, den, at_most, &edge)) {
        char yuan[40];
        int64_t amount = at_most ? num - (edge - 1) : edge - num;
        rules_text_yuan(v->explained, yuan, sizeof yuan, amount);
        rules_crit_gap(c, "fen", amount, "%s %s 元（分母不变）",
                       at_most ? "分子需减少" : "分子需增加", yuan);
    }
}

static void
gate_ip_2026(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP_GATE);
    int n = 0;
    for (int i = 0; i < f->n_ip; i++) {
        const rules_ip *ip = &f->ip[i];
        bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
        bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
        if (granted && valid && !ip->disputed && ip->main_product && ip->cls == RULES_IP_CLASS_I &&
            ip->in_use_with_benefit)
            n++;
    }
    int64_t min = rules_param_int(e, P_IP_CLASS1_MIN_COUNT);
    int year = rules_verdict_year_of(v, as_of), w = (int)rules_param_int(e, P_AWARD_WINDOW_YEARS);
    int64_t rank = rules_param_int(e, P_IP_WAIVER_AWARD_MAX_RANK);
    bool waived = false;
    for (int i = 0; i < f->n_awards && !waived; i++)
        waived = f->awards[i].level != RULES_AWARD_NONE && f->awards[i].rank >= 1 &&
                 f->awards[i].rank <= rank && f->awards[i].year >= year - w &&
                 f->awards[i].year <= year;
    for (int i = 0; i < f->n_institutions && !waived; i++)
        waived = rules_param_has_enum(e, P_IP_WAIVER_INSTITUTION_LEVELS,
                                      (int)f->institutions[i].level) &&
                 f->institutions[i].since <= as_of;
    rules_crit_value_int(c, n);
    rules_crit_threshold(c, "≥ %lld, or waived by an award or institution", (long long)min);
    set_tri(c, true, n >= min || waived);
    if (n >= min)
        rules_crit_message(c, "与主导产品相关、实际应用并产生效益的Ⅰ类知识产权 %d 项", n);
    else if (waived)
        rules_crit_message(
            c, "Ⅰ类知识产权 %d 项，因省部级以上科技奖励前三或省部级以上研发机构免予要求", n);
    else {
        rules_crit_message(c, "Ⅰ类知识产权 %d 项，不足 %lld 项", n, (long long)min);
        rules_crit_gap(c, "items", min - n, "再取得 %lld 项实际应用的Ⅰ类知识产权",
                       (long long)(min - n));
    }
}

static void
gate_market(rules_verdict *v, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_MARKET);
    rules_crit_threshold(c, "officer's decision (expert_scores.specialized_sme.market_position)");
    const rules_expert_score *x = expert(f, "specialized_sme.market_position");
    if (!x) {
        o->expert = true;
        rules_crit_message(c, "细分市场占有率是否较为靠前，需审核员认定");
        return;
    }
    rules_crit_value_int(c, x->score);
    set_tri(c, true, x->score > 0);
    rules_crit_message(c, "审核员（%s）认定细分市场地位%s", x->by,
                       x->score > 0 ? "较为靠前" : "不符合要求");
    if (x->score <= 0)
        rules_crit_gap(c, "items", 1, "需提供细分市场占有率较为靠前的证明");
}

static int
gate_platform(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of,
              open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_PLATFORM);
    int64_t min = rules_param_int(e, P_PLATFORM_SCORE_MIN);
    int year = rules_verdict_year_of(v, as_of);
    rules_crit_threshold(c, "%d score ≥ %lld", year, (long long)min);
    int found = -1;
    for (int i = 0; i < f->n_platform; i++)
        if (f->platform[i].year == year)
            found = i;
    if (found < 0) {
        o->data = true;
        rules_verdict_missing(v, "platform_scores[year=%d]", year);
        rules_crit_message(c, "缺少%d年度专精特新发展评价得分", year);
        return -1;
    }
    int s = f->platform[found].score;
    rules_crit_value_int(c, s);
    set_tri(c, true, s >= min);
    rules_crit_message(c, "%d年度专精特新发展评价得分 %d，%s %lld 分", year, s,
                       s >= min ? "不低于" : "低于", (long long)min);
    if (s < min)
        rules_crit_gap(c, "points", min - s, "评价得分还差 %lld 分", (long long)(min - s));
    return s;
}

/* ---- 2022 score ---- */

/* Band of two-year main revenue growth (a0 → a1 → a2); -1 when undefined. */
static int
growth_band(const rules_edition *e, i128 a0, i128 a1, i128 a2)
{
    const rules_param_value *m = &e->p[P_GROWTH_BAND_MIN];
    bool mean = rules_param_int(e, P_GROWTH_METHOD) == GROWTH_MEAN;
    if (a0 <= 0 || (mean && a1 <= 0))
        return -1;
    for (int k = 0; k < m->n; k++) {
        i128 tn = m->v[k].num, td = m->v[k].den, lhs, rhs;
        if (mean) { /* ((a1−a0)a1 + (a2−a1)a0) / (2 a0 a1) vs tn/td */
            lhs = ((a1 - a0) * a1 + (a2 - a1) * a0) * td;
            rhs = 2 * a0 * a1 * tn;
        } else { /* a2/a0 vs ((td+tn)/td)^2 */
            lhs = a2 * td * td;
            rhs = a0 * (td + tn) * (td + tn);
        }
        if (e->band_edge == RULES_BAND_LOWER_INCLUSIVE ? lhs >= rhs : lhs > rhs)
            return k;
    }
    return m->n;
}

static part
score_growth(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GROWTH);
    int Yr = v->fiscal_year;
    const rules_year *y[3] = {rules_facts_year(f, Yr - 2), rules_facts_year(f, Yr - 1),
                              rules_facts_year(f, Yr)};
    bool mean = rules_param_int(e, P_GROWTH_METHOD) == GROWTH_MEAN;
    bool h = true, hy[3];
    for (int k = 0; k < 3; k++) /* a CAGR does not read Y−1 */
        h &= hy[k] = k == 1 && !mean ? true : need_year(v, y[k], Yr - 2 + k, RULES_YF_MAIN_REVENUE);
    int64_t a[3];
    for (int k = 0; k < 3; k++)
        a[k] = hy[k] && y[k] ? y[k]->v[RULES_YF_MAIN_REVENUE] : 0;
    /* a base of 0 (or, for the mean, a middle year of 0) leaves the growth
     * undefined whatever the other years are (POLICY.md §2) */
    bool undefined = (hy[0] && a[0] <= 0) || (mean && hy[1] && a[1] <= 0);
    if (!h && !undefined) {
        o->data = true;
        rules_crit_message(c, "缺少%d–%d年度主营业务收入", Yr - 2, Yr);
        return (part){0, c->max_points};
    }
    int64_t a0 = a[0], a1 = a[1], a2 = a[2];
    int k = undefined ? -1 : growth_band(e, a0, a1, a2);
    c->has_points = true;
    if (k < 0) {
        rules_crit_value_text(c, "n/a");
        band_threshold(c, e, P_GROWTH_BAND_MIN, e->p[P_GROWTH_BAND_MIN].n);
        c->points = 0;
        set_tri(c, true, false);
        rules_crit_message(c, "基期主营业务收入为0，平均增长率无法计算，得 0 分");
        rules_crit_gap(c, "fen", 0, "需有连续三年的主营业务收入");
        return (part){0, 0};
    }
    /* display: basis points of the growth, truncated toward zero */
    i128 bp =
        mean ? (((i128)(a1 - a0) * a1 + (i128)(a2 - a1) * a0) * 10000) / ((i128)2 * a0 * a1) : -1;
    if (mean) {
        long long b = (long long)bp;
        rules_crit_value_fmt(c, "%s%lld.%02lld%%", b < 0 ? "-" : "", (b < 0 ? -b : b) / 100,
                             (b < 0 ? -b : b) % 100);
    } else {
        char pct[24];
        rules_text_pct(v->explained, pct, sizeof pct, rules_ratio_make(a2, a0));
        rules_crit_value_fmt(c, "×%s", pct);
    }
    band_threshold(c, e, P_GROWTH_BAND_MIN, k);
    c->points = band_points(e, P_GROWTH_BAND_POINTS, k);
    set_tri(c, true, c->points > 0);
    rules_crit_message(c, "%d–%d年主营业务收入%s %s，得 %d 分", Yr - 2, Yr,
                       mean ? "平均增长率" : "两年累计倍数", c->value, c->points);
    if (k > 0) { /* least Y revenue reaching band k−1: doubling, then bisection */
        int64_t lo = a2, hi = a2 > 0 ? a2 : 1;
        for (int i = 0; i < 40 && growth_band(e, a0, a1, hi) >= k; i++)
            hi = hi > INT64_MAX / 2 ? INT64_MAX : hi * 2;
        if (growth_band(e, a0, a1, hi) < k) {
            while (lo < hi) {
                int64_t mid = lo + (hi - lo) / 2;
                if (growth_band(e, a0, a1, mid) < k)
                    hi = mid;
                else
                    lo = mid + 1;
            }
            char yuan[40];
            rules_text_yuan(v->explained, yuan, sizeof yuan, lo - a2);
            rules_crit_gap(c, "fen", lo - a2, "%d年度主营业务收入再增加 %s 元可得 %d 分", Yr, yuan,
                           band_points(e, P_GROWTH_BAND_POINTS, k - 1));
        }
    }
    return (part){c->points, c->points};
}

static part
score_year_ratio(rules_verdict *v, const rules_edition *e, const rules_year *y, int crit,
                 int num_fld, int den_fld, int mins, int pts, const char *what_zh, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    bool h = need_year(v, y, v->fiscal_year, num_fld);
    h &= need_year(v, y, v->fiscal_year, den_fld);
    if (!h) {
        int lo, hi;
        rules_band_points_year(e, mins, pts, y, num_fld, den_fld, &lo, &hi);
        if (lo == hi) /* a numerator of 0 (or a loss), or a denominator of 0 */
            return decided_open(v, c, lo, what_zh);
        o->data = true;
        rules_crit_message(c, "缺少%d年度%s所需数据", v->fiscal_year, c->def->label_zh);
        return (part){0, c->max_points};
    }
    score_ratio(c, e, mins, pts, y->v[num_fld], y->v[den_fld], what_zh);
    rules_crit_message(c, "%d年度%s %s，得 %d 分", v->fiscal_year, c->def->label_zh, c->value,
                       c->points);
    return (part){c->points, c->points};
}

static part
score_debt(rules_verdict *v, const rules_edition *e, const rules_year *y, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DEBT);
    bool h = need_year(v, y, v->fiscal_year, RULES_YF_TOTAL_LIABILITIES);
    bool ha = need_year(v, y, v->fiscal_year, RULES_YF_TOTAL_ASSETS);
    /* assets of 0 put the firm in the worst band whatever it owes */
    if (!(h && ha) && !(ha && y->v[RULES_YF_TOTAL_ASSETS] <= 0)) {
        o->data = true;
        rules_crit_message(c, "缺少%d年度负债总额或资产总额", v->fiscal_year);
        return (part){0, c->max_points};
    }
    int64_t l = h ? y->v[RULES_YF_TOTAL_LIABILITIES] : 0, a = y->v[RULES_YF_TOTAL_ASSETS];
    const rules_param_value *m = &e->p[P_DEBT_BAND_MIN];
    bool lower = e->band_edge == RULES_BAND_LOWER_INCLUSIVE;
    c->has_points = true;
    int k = a > 0 ? rules_band_find(e, P_DEBT_BAND_MIN, rules_ratio_make(l, a)) : 0;
    if (a > 0)
        rules_crit_value_pct(c, rules_ratio_make(l, a));
    else
        rules_crit_value_text(c, "n/a");
    char edge_s[24];
    rules_text_pct_short(v->explained, edge_s, sizeof edge_s, m->v[k < m->n ? k : m->n - 1]);
    rules_crit_threshold(c, "%s %s", k < m->n ? (lower ? "≥" : ">") : (lower ? "<" : "≤"), edge_s);
    c->points = band_points(e, P_DEBT_BAND_POINTS, k);
    set_tri(c, true, c->points > 0);
    rules_crit_message(c, "%d年末资产负债率 %s，得 %d 分", v->fiscal_year, c->value, c->points);
    int64_t edge;
    if (k < m->n && a > 0 && rules_ratio_min_num(m->v[k], a, !lower, &edge) && l > edge - 1) {
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, l - (edge - 1));
        rules_crit_gap(c, "fen", l - (edge - 1), "负债再减少 %s 元（资产不变）可得 %d 分", yuan,
                       band_points(e, P_DEBT_BAND_POINTS, k + 1));
    } else if (a <= 0) {
        rules_crit_gap(c, "fen", 0, "资产总额为 0，资产负债率无法计算，按最低档计");
    }
    return (part){c->points, c->points};
}

static part
score_niche_years(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_NICHE_YEARS);
    int64_t per = rules_param_int(e, P_NICHE_YEARS_PER_POINT),
            max = rules_param_int(e, P_NICHE_POINTS_MAX);
    rules_crit_threshold(c, "1 point per %lld years, at most %lld", (long long)per, (long long)max);
    if (!rules_firm_has(&f->firm, RULES_FF_NICHE_SINCE)) {
        o->data = true;
        rules_crit_message(c, "缺少 firm.niche_since");
        return (part){0, c->max_points};
    }
    int years =
        (f->firm.nulls >> RULES_FF_NICHE_SINCE) & 1u ? 0 : years_in_niche(f, v->fiscal_year);
    int64_t pts = per > 0 ? years / per : 0;
    if (pts > max)
        pts = max;
    rules_crit_value_int(c, years);
    c->has_points = true;
    c->points = (int)pts;
    set_tri(c, true, pts > 0);
    rules_crit_message(c, "从事特定细分市场 %d 年，得 %lld 分", years, (long long)pts);
    if (pts < max)
        rules_crit_gap(c, "years", (pts + 1) * per - years, "再满 %lld 年可得 %lld 分",
                       (long long)((pts + 1) * per - years), (long long)(pts + 1));
    return (part){c->points, c->points};
}

static part
score_domain(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DOMAIN);
    int a = (int)rules_param_int(e, P_DOMAIN_CHAIN_POINTS),
        b = (int)rules_param_int(e, P_DOMAIN_FOUNDATION_POINTS);
    rules_crit_threshold(c, "补短板/锻长板/填空白 %d; 六基/老字号/龙头配套 %d", a, b);
    bool hk = rules_firm_has(&f->firm, RULES_FF_KEY_CHAIN_LINK),
         hs = rules_firm_has(&f->firm, RULES_FF_SIX_FOUNDATIONS);
    int min, max;
    if (hk && f->firm.key_chain_link) {
        min = max = a;
    } else {
        int lo = hs ? (f->firm.six_foundations ? b : 0) : 0, hi = hs ? lo : b;
        min = lo;
        max = hk ? hi : a;
    }
    if (!hk || (!hs && min != max)) {
        o->data = true;
        if (!hk)
            rules_verdict_missing(v, "firm.key_chain_link");
        if (!hs)
            rules_verdict_missing(v, "firm.six_foundations");
    }
    if (min != max) {
        rules_crit_message(c, "缺少主导产品所属领域情况，得 %d..%d 分", min, max);
        return (part){min, max};
    }
    c->has_points = true;
    c->points = min;
    rules_crit_value_int(c, min);
    set_tri(c, true, min > 0);
    rules_crit_message(c, "主导产品所属领域情况得 %d 分", min);
    if (min == 0)
        rules_crit_gap(c, "points", b, "主导产品属于工业六基等领域可得 %d 分", b);
    return (part){min, max};
}

static part
score_digital(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DIGITAL);
    const rules_param_value *m = &e->p[P_DIGITAL_BAND_MIN];
    rules_crit_threshold(c, "level ≥ %lld: %d", (long long)m->v[0].num,
                         band_points(e, P_DIGITAL_BAND_POINTS, 0));
    if (!rules_firm_has(&f->firm, RULES_FF_DIGITAL_LEVEL)) {
        o->data = true;
        rules_verdict_missing(v, "firm.digital_level");
        rules_crit_message(c, "缺少 firm.digital_level");
        return (part){0, c->max_points};
    }
    int lvl = f->firm.digital_level, k = m->n;
    for (int i = 0; i < m->n && k == m->n; i++)
        if (lvl >= m->v[i].num)
            k = i;
    rules_crit_value_int(c, lvl);
    c->has_points = true;
    c->points = band_points(e, P_DIGITAL_BAND_POINTS, k);
    set_tri(c, true, c->points > 0);
    rules_crit_message(c, "数字化水平 %d 级，得 %d 分", lvl, c->points);
    if (k > 0)
        rules_crit_gap(c, "items", m->v[k - 1].num - lvl, "数字化水平达到 %lld 级可得 %d 分",
                       (long long)m->v[k - 1].num, band_points(e, P_DIGITAL_BAND_POINTS, k - 1));
    return (part){c->points, c->points};
}

static part
score_quality(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_QUALITY);
    int64_t per = rules_param_int(e, P_QUALITY_POINTS_PER_ITEM),
            max = rules_param_int(e, P_QUALITY_POINTS_MAX);
    rules_crit_threshold(c, "%lld per item, at most %lld", (long long)per, (long long)max);
    bool hq = rules_firm_has(&f->firm, RULES_FF_QUALITY),
         hb = rules_firm_has(&f->firm, RULES_FF_OWN_BRAND);
    int known = 0, unknown = 0;
    if (hq)
        known +=
            f->firm.quality.provincial_award + f->firm.quality.iso9001 + f->firm.quality.standards;
    else
        unknown += 3;
    if (hb)
        known += f->firm.own_brand;
    else
        unknown += 1;
    int64_t lo = known * per, hi = (known + unknown) * per;
    lo = lo > max ? max : lo;
    hi = hi > max ? max : hi;
    if (!hq)
        rules_verdict_missing(v, "firm.quality");
    if (!hb)
        rules_verdict_missing(v, "firm.own_brand");
    if (lo != hi) {
        o->data = true;
        rules_crit_message(c, "缺少质量管理水平事项，得 %lld..%lld 分", (long long)lo,
                           (long long)hi);
        return (part){(int)lo, (int)hi};
    }
    rules_crit_value_int(c, known);
    c->has_points = true;
    c->points = (int)lo;
    set_tri(c, true, lo > 0);
    rules_crit_message(c, "满足质量管理事项 %d 项，得 %lld 分", known, (long long)lo);
    if (lo < max)
        rules_crit_gap(c, "items", 1, "再满足 1 项质量管理事项可得 %lld 分",
                       (long long)((known + 1) * per > max ? max : (known + 1) * per));
    return (part){(int)lo, (int)hi};
}

static part
score_local(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_LOCAL);
    const rules_param_value *items = &e->p[P_LOCAL_FEATURE_ITEM_POINTS];
    int lo = 0, hi = 0, open_items = 0;
    for (int i = 0; i < items->n; i++) {
        char key[64];
        if (items->n == 1)
            snprintf(key, sizeof key, "specialized_sme.local_feature");
        else
            snprintf(key, sizeof key, "specialized_sme.local_feature.%d", i + 1);
        const rules_expert_score *x = expert(f, key);
        int max = (int)items->v[i].num;
        if (!x) {
            hi += max;
            open_items++;
            continue;
        }
        int s = x->score < 0 ? 0 : x->score > max ? max : x->score;
        lo += s;
        hi += s;
    }
    rules_crit_threshold(c, "%d item(s), at most %d, scored by an officer", items->n,
                         c->max_points);
    if (open_items) {
        o->expert = true;
        rules_crit_value_fmt(c, "%d..%d", lo, hi);
        rules_crit_message(c, "地方特色指标 %d 项待审核员按本省标准评分，得分区间 %d..%d",
                           open_items, lo, hi);
        return (part){lo, hi};
    }
    rules_crit_value_int(c, lo);
    c->has_points = true;
    c->points = lo;
    set_tri(c, true, lo > 0);
    rules_crit_message(c, "审核员按本省特色化指标评分 %d 分", lo);
    if (lo < c->max_points)
        rules_crit_gap(c, "points", c->max_points - lo, "特色化指标距满分差 %d 分",
                       c->max_points - lo);
    return (part){lo, lo};
}

static part
score_ip(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP);
    int n[4] = {0, 0, 0, 0};
    for (int i = 0; i < f->n_ip; i++) {
        const rules_ip *ip = &f->ip[i];
        bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
        bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
        if (!granted || !valid || ip->disputed || !ip->main_product)
            continue;
        if (ip->cls == RULES_IP_CLASS_I) {
            n[2]++;
            n[1] += ip->self_developed;
            n[0] += ip->high_value;
        } else if (ip->cls == RULES_IP_CLASS_II) {
            n[3]++;
        }
    }
    int k = 4;
    for (int b = 0; b < 4 && k == 4; b++)
        if (n[b] >= 1)
            k = b;
    static const char *const band_zh[5] = {"Ⅰ类高价值", "自主研发Ⅰ类", "Ⅰ类", "Ⅱ类", "无"};
    char val[96];
    rules_fmt(v, val, sizeof val, "Ⅰ类 %d (高 %d, 自 %d), Ⅱ类 %d", n[2], n[0], n[1], n[3]);
    rules_crit_value_text(c, val);
    rules_crit_threshold(c, "%s ≥ 1", band_zh[k < 4 ? k : 3]);
    c->has_points = true;
    c->points = band_points(e, P_IP_BAND_POINTS, k);
    set_tri(c, true, c->points > 0);
    rules_crit_message(c, "与主导产品相关的有效知识产权最高档为%s，得 %d 分", band_zh[k],
                       c->points);
    if (k > 0)
        rules_crit_gap(c, "items", 1, "再获得 1 项%s知识产权可得 %d 分", band_zh[k - 1],
                       band_points(e, P_IP_BAND_POINTS, k - 1));
    return (part){c->points, c->points};
}

static part
score_rd_input(rules_verdict *v, const rules_edition *e, const rules_year *y, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD_INPUT);
    bool hr = need_year(v, y, v->fiscal_year, RULES_YF_RD_EXPENSE);
    bool h = need_year(v, y, v->fiscal_year, RULES_YF_OPERATING_REVENUE) && hr;
    const rules_param_value *am = &e->p[P_RD_AMOUNT_BAND_MIN];
    int64_t rd = hr ? y->v[RULES_YF_RD_EXPENSE] : 0;
    int ka = am->n;
    for (int k = 0; k < am->n && ka == am->n; k++)
        if (edge_in(e, rules_ratio_make(rd, 1), am->v[k]))
            ka = k;
    if (!h) {
        /* the better of amount and share: with the R&D known, decided when
         * the share's points over any revenue cannot beat the amount's */
        int lo = 0, hi = c->max_points;
        if (hr) {
            int pa = band_points(e, P_RD_INPUT_BAND_POINTS, ka);
            rules_band_points_year(e, P_RD_RATIO_BAND_MIN, P_RD_INPUT_BAND_POINTS, y,
                                   RULES_YF_RD_EXPENSE, RULES_YF_OPERATING_REVENUE, &lo, &hi);
            lo = lo > pa ? lo : pa;
            hi = hi > pa ? hi : pa;
        }
        if (lo == hi)
            return decided_open(v, c, lo, "研发费用");
        o->data = true;
        rules_crit_message(c, "缺少%d年度研发费用或营业收入", v->fiscal_year);
        return (part){0, c->max_points};
    }
    int64_t rev = y->v[RULES_YF_OPERATING_REVENUE];
    int kr = rules_band_find(e, P_RD_RATIO_BAND_MIN, rules_ratio_make(rd, rev));
    int k = ka < kr ? ka : kr;
    rules_crit_value_yuan(c, rd);
    char pct[24], lim[40];
    rules_text_pct(v->explained, pct, sizeof pct, rules_ratio_make(rd, rev));
    if (k < am->n) {
        char rp[24];
        rules_text_yuan(v->explained, lim, sizeof lim, am->v[k].num);
        rules_text_pct_short(v->explained, rp, sizeof rp, e->p[P_RD_RATIO_BAND_MIN].v[k]);
        rules_crit_threshold(c, "≥ %s 元 or ≥ %s", lim, rp);
    } else {
        rules_crit_threshold(c, "below every band");
    }
    c->has_points = true;
    c->points = band_points(e, P_RD_INPUT_BAND_POINTS, k);
    set_tri(c, true, c->points > 0);
    rules_crit_message(c, "%d年度研发费用 %s，占营业收入 %s，按%s计得 %d 分", v->fiscal_year,
                       c->value, pct, ka <= kr ? "金额" : "比重", c->points);
    if (k > 0) {
        int64_t need = am->v[k - 1].num + (e->band_edge == RULES_BAND_UPPER_INCLUSIVE), by_ratio;
        if (rev > 0 &&
            rules_ratio_min_num(e->p[P_RD_RATIO_BAND_MIN].v[k - 1], rev,
                                e->band_edge == RULES_BAND_UPPER_INCLUSIVE, &by_ratio) &&
            by_ratio < need)
            need = by_ratio;
        rules_text_yuan(v->explained, lim, sizeof lim, need - rd);
        rules_crit_gap(c, "fen", need - rd, "研发费用再增加 %s 元可得 %d 分", lim,
                       band_points(e, P_RD_INPUT_BAND_POINTS, k - 1));
    }
    return (part){c->points, c->points};
}

static part
score_institution(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_INSTITUTION);
    const rules_param_value *pts = &e->p[P_INSTITUTION_LEVEL_POINTS];
    int best = 0, lvl = 0;
    for (int i = 0; i < f->n_institutions; i++) {
        int l = (int)f->institutions[i].level;
        if (l >= 1 && l <= pts->n && f->institutions[i].since <= as_of &&
            pts->v[l - 1].num > best) {
            best = (int)pts->v[l - 1].num;
            lvl = l;
        }
    }
    rules_crit_value_text(c, lvl ? rules_inst_level_names[lvl] : "none");
    rules_crit_threshold(c, "national %lld, provincial %lld, city %lld, below city %lld",
                         (long long)pts->v[0].num, (long long)(pts->n > 1 ? pts->v[1].num : 0),
                         (long long)(pts->n > 2 ? pts->v[2].num : 0),
                         (long long)(pts->n > 3 ? pts->v[3].num : 0));
    c->has_points = true;
    c->points = best;
    set_tri(c, true, best > 0);
    rules_crit_message(c, lvl ? "建有%s研发机构，得 %d 分" : "%s未建立研发机构，得 %d 分",
                       lvl ? rules_inst_level_names[lvl] : "", best);
    if (best == 0)
        rules_crit_gap(c, "items", 1, "建立 1 个研发机构可得分");
    return (part){best, best};
}

/* ---- 2022 direct conditions ---- */

static void
direct_2022(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of,
            bool *any_yes, bool *any_unknown, bool *rd_open)
{
    int year = rules_verdict_year_of(v, as_of);
    rules_criterion_result *c = rules_verdict_add(v, C_DIRECT_AWARD);
    int w = (int)rules_param_int(e, P_AWARD_WINDOW_YEARS);
    int64_t pr = rules_param_int(e, P_AWARD_PROVINCIAL_MAX_RANK),
            nr = rules_param_int(e, P_AWARD_NATIONAL_MAX_RANK);
    int found = -1;
    for (int i = 0; i < f->n_awards && found < 0; i++) {
        const rules_award *a = &f->awards[i];
        int64_t max = a->level == RULES_AWARD_NATIONAL     ? nr
                      : a->level == RULES_AWARD_PROVINCIAL ? pr
                                                           : 0;
        if (a->rank >= 1 && a->rank <= max && a->year >= year - w && a->year <= year)
            found = i;
    }
    rules_crit_threshold(c, "year ≥ %d; provincial rank ≤ %lld or national rank ≤ %lld", year - w,
                         (long long)pr, (long long)nr);
    set_tri(c, true, found >= 0);
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    rules_crit_message(c, found >= 0 ? "近三年获省级科技奖励前三或国家级科技奖励前五"
                                     : "无符合条件的科技奖励");

    c = rules_verdict_add(v, C_DIRECT_RD);
    int64_t min = rules_param_int(e, P_RD_AVG_MIN_FEN);
    char lim[40];
    rules_text_yuan(v->explained, lim, sizeof lim, min);
    rules_crit_threshold(c, "average of %d and %d ≥ %s 元", v->fiscal_year - 1, v->fiscal_year,
                         lim);
    const rules_year *y1 = rules_facts_year(f, v->fiscal_year),
                     *y0 = rules_facts_year(f, v->fiscal_year - 1);
    bool h1 = rules_year_has(y1, RULES_YF_RD_EXPENSE), h0 = rules_year_has(y0, RULES_YF_RD_EXPENSE);
    if (h1 && h0) {
        int64_t sum = y1->v[RULES_YF_RD_EXPENSE] + y0->v[RULES_YF_RD_EXPENSE];
        c->has_exact = true;
        c->exact = rules_ratio_make(sum, 2);
        char avg[40];
        rules_text_yuan(v->explained, avg, sizeof avg, sum / 2);
        rules_crit_value_fmt(c, "%s", avg);
        set_tri(c, true, sum >= 2 * min);
        rules_crit_message(c, "近两年研发费用均值 %s 元", avg);
    } else if ((h1 && y1->v[RULES_YF_RD_EXPENSE] >= 2 * min) ||
               (h0 && y0->v[RULES_YF_RD_EXPENSE] >= 2 * min)) {
        /* one year alone makes the average, whatever the other (≥ 0) is */
        set_tri(c, true, true);
        rules_crit_message(c, "%d年度研发费用已达均值要求的两倍，另一年缺少亦满足",
                           h1 ? v->fiscal_year : v->fiscal_year - 1);
    } else {
        *rd_open = true;
        rules_crit_message(c, "缺少近两年研发费用，无法判断");
    }

    c = rules_verdict_add(v, C_DIRECT_EQUITY);
    int ew = (int)rules_param_int(e, P_EQUITY_ALT_WINDOW_YEARS);
    int64_t eq = equity_sum(f, as_of, ew), emin = rules_param_int(e, P_EQUITY_DIRECT_MIN_FEN);
    rules_text_yuan(v->explained, lim, sizeof lim, emin);
    rules_crit_threshold(c, "≥ %s 元 in %d years", lim, ew);
    rules_crit_value_yuan(c, eq);
    set_tri(c, true, eq >= emin);
    rules_crit_message(c, "近 %d 年合格机构投资者实缴股权融资 %s", ew, c->value);

    c = rules_verdict_add(v, C_DIRECT_CONTEST);
    int cw = w; /* 近三年, the same window as awards */
    int64_t cr = rules_param_int(e, P_CONTEST_MAX_RANK);
    found = -1;
    for (int i = 0; i < f->n_contests && found < 0; i++)
        if (f->contests[i].rank >= 1 && f->contests[i].rank <= cr &&
            f->contests[i].year >= year - cw && f->contests[i].year <= year)
            found = i;
    rules_crit_threshold(c, "year ≥ %d, rank ≤ %lld", year - cw, (long long)cr);
    set_tri(c, true, found >= 0);
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    rules_crit_message(c, found >= 0 ? "近三年进入创客中国全国500强"
                                     : "近三年未进入创客中国全国500强");

    for (int i = v->n_criteria - 4; i < v->n_criteria; i++) {
        *any_yes |= v->criteria[i].passed == RULES_YES;
        *any_unknown |= v->criteria[i].passed == RULES_UNKNOWN;
    }
}

/* ---- the module ---- */

static void
gates_outcome(const rules_verdict *v, bool *no, bool *unknown)
{
    *no = *unknown = false;
    for (int i = 0; i < v->n_criteria; i++)
        if (v->criteria[i].def->kind == RULES_CRIT_GATE) {
            *no |= v->criteria[i].passed == RULES_NO;
            *unknown |= v->criteria[i].passed == RULES_UNKNOWN;
        }
}

static void
evaluate_2022(const rules_edition *e, const rules_facts *f, rules_date as_of, rules_verdict *v)
{
    open_state gate_open = {false, false}, o = {false, false};
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (rules_param_bool(e, P_PREREQ_REQUIRED))
        gate_prereq(v, e, f, as_of);
    gate_niche(v, e, f);
    gate_rd(v, e, f, &gate_open);
    gate_revenue(v, e, f, as_of, &gate_open);

    part s[13];
    int n = 0;
    s[n++] =
        score_year_ratio(v, e, y, C_MAIN_SHARE, RULES_YF_MAIN_REVENUE, RULES_YF_OPERATING_REVENUE,
                         P_MAIN_SHARE_BAND_MIN, P_MAIN_SHARE_BAND_POINTS, "主营业务收入", &o);
    s[n++] = score_growth(v, e, f, &o);
    s[n++] = score_niche_years(v, e, f, &o);
    s[n++] = score_domain(v, e, f, &o);
    s[n++] = score_digital(v, e, f, &o);
    s[n++] = score_quality(v, e, f, &o);
    s[n++] = score_year_ratio(v, e, y, C_MARGIN, RULES_YF_NET_PROFIT, RULES_YF_OPERATING_REVENUE,
                              P_MARGIN_BAND_MIN, P_MARGIN_BAND_POINTS, "净利润", &o);
    s[n++] = score_debt(v, e, y, &o);
    s[n++] = score_local(v, e, f, &o);
    s[n++] = score_ip(v, e, f, as_of);
    s[n++] = score_rd_input(v, e, y, &o);
    s[n++] = score_year_ratio(v, e, y, C_RD_STAFF, RULES_YF_RD_STAFF, RULES_YF_EMPLOYEES,
                              P_RD_STAFF_BAND_MIN, P_RD_STAFF_BAND_POINTS, "研发人员（人）", &o);
    s[n++] = score_institution(v, e, f, as_of);
    v->score_min = v->score_max = 0;
    for (int i = 0; i < n; i++) {
        v->score_min += s[i].min;
        v->score_max += s[i].max;
    }
    v->score_known = v->score_min == v->score_max;
    v->score = v->score_min;

    bool direct = false, direct_unknown = false, rd_open = false;
    direct_2022(v, e, f, as_of, &direct, &direct_unknown, &rd_open);

    bool no, unknown;
    gates_outcome(v, &no, &unknown);
    int64_t pass = rules_param_int(e, P_PASS_SCORE_MIN);
    if (no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (!direct && !direct_unknown && v->score_max < pass) {
        /* no route can pass whatever the missing gate facts are (POLICY.md §2) */
        v->outcome = RULES_INELIGIBLE;
        v->route = RULES_ROUTE_SCORE;
    } else if (unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else if (direct) {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_DIRECT;
    } else {
        v->route = RULES_ROUTE_SCORE;
        if (v->score_min >= pass)
            v->outcome = RULES_ELIGIBLE;
        else if (v->score_max < pass)
            v->outcome = direct_unknown ? RULES_INSUFFICIENT_DATA : RULES_INELIGIBLE;
        else
            v->outcome = o.data ? RULES_INSUFFICIENT_DATA : RULES_NEEDS_REVIEW;
    }
    if (v->outcome == RULES_INSUFFICIENT_DATA && rd_open) {
        /* the two-year R&D direct condition is one of the open questions */
        const rules_year *y1 = rules_facts_year(f, v->fiscal_year),
                         *y0 = rules_facts_year(f, v->fiscal_year - 1);
        need_year(v, y1, v->fiscal_year, RULES_YF_RD_EXPENSE);
        need_year(v, y0, v->fiscal_year - 1, RULES_YF_RD_EXPENSE);
    }
}

static void
evaluate_2026(const rules_edition *e, const rules_facts *f, rules_date as_of, rules_verdict *v)
{
    open_state o = {false, false};
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (rules_param_bool(e, P_PREREQ_REQUIRED))
        gate_prereq(v, e, f, as_of);
    gate_niche(v, e, f);
    gate_revenue(v, e, f, as_of, &o);
    gate_ratio(v, C_MAIN_SHARE_GATE, y, RULES_YF_MAIN_REVENUE, RULES_YF_OPERATING_REVENUE,
               rules_param_ratio(e, P_MAIN_SHARE_MIN), false, &o);
    gate_ratio(v, C_DEBT_GATE, y, RULES_YF_TOTAL_LIABILITIES, RULES_YF_TOTAL_ASSETS,
               rules_param_ratio(e, P_DEBT_MAX), true, &o);
    gate_rd(v, e, f, &o);
    gate_ip_2026(v, e, f, as_of);
    gate_market(v, f, &o);
    int s = gate_platform(v, e, f, as_of, &o);
    /* the 2026 scheme's score is the platform's 专精特新发展评价 score */
    v->score_min = s >= 0 ? s : 0;
    v->score_max = s >= 0 ? s : 100;
    v->score_known = s >= 0;
    v->score = v->score_min;

    bool no, unknown;
    gates_outcome(v, &no, &unknown);
    if (no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (unknown) {
        v->outcome = o.data ? RULES_INSUFFICIENT_DATA : RULES_NEEDS_REVIEW;
    } else {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_CONDITIONS;
    }
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    if (rules_param_int(e, P_SCHEME) == SCHEME_2026)
        evaluate_2026(e, f, ctx->as_of, v);
    else
        evaluate_2022(e, f, ctx->as_of, v);
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const struct {
        int mins, pts, crit, extra;
    } bands[] = {{P_MAIN_SHARE_BAND_MIN, P_MAIN_SHARE_BAND_POINTS, C_MAIN_SHARE, 0},
                 {P_GROWTH_BAND_MIN, P_GROWTH_BAND_POINTS, C_GROWTH, 0},
                 {P_DIGITAL_BAND_MIN, P_DIGITAL_BAND_POINTS, C_DIGITAL, 0},
                 {P_MARGIN_BAND_MIN, P_MARGIN_BAND_POINTS, C_MARGIN, 0},
                 {P_DEBT_BAND_MIN, P_DEBT_BAND_POINTS, C_DEBT, 1},
                 {P_RD_AMOUNT_BAND_MIN, P_RD_INPUT_BAND_POINTS, C_RD_INPUT, 0},
                 {P_RD_RATIO_BAND_MIN, P_RD_INPUT_BAND_POINTS, C_RD_INPUT, 0},
                 {P_RD_STAFF_BAND_MIN, P_RD_STAFF_BAND_POINTS, C_RD_STAFF, 0}};
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        const rules_param_value *pts = &e->p[bands[i].pts];
        if (e->p[bands[i].mins].n + bands[i].extra != pts->n) {
            snprintf(err, errlen, "params.%s: length must be params.%s + %d",
                     params[bands[i].pts].name, params[bands[i].mins].name, bands[i].extra);
            return -1;
        }
        int64_t top = 0;
        for (int k = 0; k < pts->n; k++)
            top = pts->v[k].num > top ? pts->v[k].num : top;
        if (top != criteria[bands[i].crit].max_points) {
            snprintf(err, errlen, "params.%s: best band must give %d points (criteria table)",
                     params[bands[i].pts].name, criteria[bands[i].crit].max_points);
            return -1;
        }
    }
    int64_t local = 0;
    for (int k = 0; k < e->p[P_LOCAL_FEATURE_ITEM_POINTS].n; k++)
        local += e->p[P_LOCAL_FEATURE_ITEM_POINTS].v[k].num;
    if (local != criteria[C_LOCAL].max_points) {
        snprintf(err, errlen, "params.local_feature_item_points: must sum to %d",
                 criteria[C_LOCAL].max_points);
        return -1;
    }
    if (e->p[P_IP_BAND_POINTS].n != 4 || e->p[P_INSTITUTION_LEVEL_POINTS].n != 4) {
        snprintf(err, errlen,
                 "params.ip_band_points and institution_level_points: four values each");
        return -1;
    }
    if (rules_param_int(e, P_GROWTH_METHOD) < 1 || rules_param_int(e, P_SCHEME) < 1) {
        snprintf(err, errlen, "params.scheme and growth_method must be set");
        return -1;
    }
    return 0;
}

const rules_module rules_specialized_sme_module = {
    .id = "specialized_sme",
    .name_zh = "专精特新中小企业",
    .name_en = "Specialised, refined, distinctive and innovative SME",
    .recognition = RULES_REC_SPECIALIZED_SME,
    .scored = true,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
