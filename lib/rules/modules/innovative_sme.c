/*
 * innovative_sme: 创新型中小企业评价 (工信部企业〔2022〕63号 附件1; POLICY.md §4,
 * policy-sources.md §3.1). From 2026-04-01 工信部企业〔2026〕2号 第三十条 (as
 * reported, [S]) keeps this evaluation for the merged 科技和创新型中小企业 tier
 * until a merged standard is issued: same table, a second edition, unverified.
 *
 * Decision, in order:
 *  1. direct conditions (公告条件(二)): award in the window; a valid honour
 *     (高企 …); a 省部级以上 R&D institution; qualified paid-in equity in the
 *     window ≥ the minimum. Any one → eligible, route "direct"; the score is
 *     still reported.
 *  2. score: six indicators in three groups, 100 points. Pass: total ≥
 *     pass_score_min and each group ≥ its minimum (创新能力, 成长性, 专业化).
 *     Missing facts give a range; the pass rule is decided when it holds
 *     (or fails) across the whole range, else insufficient_data. An item
 *     whose known facts already fix its points is scored (POLICY.md §2):
 *     a numerator of 0 over a missing denominator, a known denominator of 0.
 * No gates: the annex has none (the 63号 general conditions are not in the
 * research file and are not enforced here).
 * The fiscal year is the year before as_of (上年度); growth compares it with
 * the year before it. Unmarked ranges follow the edition's band_edge.
 * Windows: an award counts when its year ≥ as_of year − N; an equity round
 * when its date is in [as_of − N years, as_of].
 * Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/ladder.h"
#include "rules/module.h"

enum {
    P_IP_MIN_COUNT,
    P_IP_BAND_POINTS,
    P_RD_BAND_MIN,
    P_RD_BAND_POINTS,
    P_GROWTH_BAND_MIN,
    P_GROWTH_BAND_POINTS,
    P_DEBT_BAND_MIN,
    P_DEBT_BAND_POINTS,
    P_DOMAIN_SEI_POINTS,
    P_DOMAIN_OTHER_POINTS,
    P_MAIN_SHARE_BAND_MIN,
    P_MAIN_SHARE_BAND_POINTS,
    P_PASS_SCORE_MIN,
    P_INNOVATION_MIN,
    P_GROWTH_GROUP_MIN,
    P_SPECIALISATION_MIN,
    P_AWARD_LEVELS,
    P_AWARD_WINDOW_YEARS,
    P_HONOUR_KINDS,
    P_INSTITUTION_LEVELS,
    P_EQUITY_MIN_FEN,
    P_EQUITY_WINDOW_YEARS,
    P_VALIDITY_YEARS,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_IP_MIN_COUNT] = {"ip_min_count", RULES_PT_INT, NULL, "知识产权 bands A–D: 1项以上"},
    [P_IP_BAND_POINTS] = {"ip_band_points", RULES_PT_INT_LIST, NULL,
                          "A Ⅰ类高价值, B 自主研发Ⅰ类, C Ⅰ类, D Ⅱ类 (附件1 指标1)"},
    [P_RD_BAND_MIN] = {"rd_band_min", RULES_PT_RATIO_LIST, NULL,
                       "研发费用/营业收入 band lower edges, descending (指标2)"},
    [P_RD_BAND_POINTS] = {"rd_band_points", RULES_PT_INT_LIST, NULL, "points per band"},
    [P_GROWTH_BAND_MIN] = {"growth_band_min", RULES_PT_RATIO_LIST, NULL,
                           "主营业务收入增长率 band lower edges (指标3)"},
    [P_GROWTH_BAND_POINTS] = {"growth_band_points", RULES_PT_INT_LIST, NULL, "points per band"},
    [P_DEBT_BAND_MIN] = {"debt_band_min", RULES_PT_RATIO_LIST, NULL,
                         "资产负债率 band lower edges, descending (指标4; worst band first)"},
    [P_DEBT_BAND_POINTS] = {"debt_band_points", RULES_PT_INT_LIST, NULL,
                            "points per debt band, plus one for below every edge"},
    [P_DOMAIN_SEI_POINTS] = {"domain_sei_points", RULES_PT_INT, NULL,
                             "属于《战略性新兴产业分类》 (指标5 A)"},
    [P_DOMAIN_OTHER_POINTS] = {"domain_other_points", RULES_PT_INT, NULL, "属于其他领域 (指标5 B)"},
    [P_MAIN_SHARE_BAND_MIN] = {"main_share_band_min", RULES_PT_RATIO_LIST, NULL,
                               "主营业务收入/营业收入 band lower edges (指标6)"},
    [P_MAIN_SHARE_BAND_POINTS] = {"main_share_band_points", RULES_PT_INT_LIST, NULL,
                                  "points per band"},
    [P_PASS_SCORE_MIN] = {"pass_score_min", RULES_PT_INT, NULL, "评价得分达到60分以上"},
    [P_INNOVATION_MIN] = {"innovation_min", RULES_PT_INT, NULL, "创新能力指标得分不低于"},
    [P_GROWTH_GROUP_MIN] = {"growth_group_min", RULES_PT_INT, NULL, "成长性指标得分不低于"},
    [P_SPECIALISATION_MIN] = {"specialisation_min", RULES_PT_INT, NULL, "专业化指标得分不低于"},
    [P_AWARD_LEVELS] = {"award_levels", RULES_PT_ENUM_LIST, rules_award_level_names,
                        "国家级、省级科技奖励"},
    [P_AWARD_WINDOW_YEARS] = {"award_window_years", RULES_PT_INT, NULL,
                              "近三年内: award year ≥ as_of year − N"},
    [P_HONOUR_KINDS] = {"honour_kinds", RULES_PT_ENUM_LIST, rules_recognition_kind_names,
                        "有效期内荣誉 (高新技术企业 …) among the recognition kinds"},
    [P_INSTITUTION_LEVELS] = {"institution_levels", RULES_PT_ENUM_LIST, rules_inst_level_names,
                              "省部级以上研发机构"},
    [P_EQUITY_MIN_FEN] = {"equity_min_fen", RULES_PT_INT, NULL,
                          "新增股权融资总额（合格机构投资者的实缴额）500万元以上"},
    [P_EQUITY_WINDOW_YEARS] = {"equity_window_years", RULES_PT_INT, NULL,
                               "近三年: rounds dated in [as_of − N years, as_of]"},
    [P_VALIDITY_YEARS] = {"validity_years", RULES_PT_INT, NULL, "有效期 (years) [S]"},
};

enum {
    C_IP,
    C_RD,
    C_GROWTH,
    C_DEBT,
    C_DOMAIN,
    C_MAIN_SHARE,
    C_GROUP_INNOVATION,
    C_GROUP_GROWTH,
    C_GROUP_SPECIALISATION,
    C_DIRECT_AWARD,
    C_DIRECT_HONOUR,
    C_DIRECT_INSTITUTION,
    C_DIRECT_EQUITY,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_IP] = {"ip",
              "与企业主导产品相关的有效知识产权数量",
              "Valid IP related to the main product",
              RULES_CRIT_SCORE,
              {"ip_min_count", "ip_band_points", NULL},
              20,
              "指标1"},
    [C_RD] = {"rd_ratio",
              "上年度研发费用总额占营业收入总额比重",
              "R&D / operating revenue",
              RULES_CRIT_SCORE,
              {"rd_band_min", "rd_band_points", NULL},
              20,
              "指标2"},
    [C_GROWTH] = {"main_revenue_growth",
                  "上年度主营业务收入增长率",
                  "Main-business revenue growth",
                  RULES_CRIT_SCORE,
                  {"growth_band_min", "growth_band_points", NULL},
                  20,
                  "指标3"},
    [C_DEBT] = {"debt_ratio",
                "上年度资产负债率",
                "Debt-to-asset ratio",
                RULES_CRIT_SCORE,
                {"debt_band_min", "debt_band_points", NULL},
                10,
                "指标4"},
    [C_DOMAIN] = {"main_product_domain",
                  "主导产品所属领域情况",
                  "Domain of the main product",
                  RULES_CRIT_SCORE,
                  {"domain_sei_points", "domain_other_points", NULL},
                  10,
                  "指标5"},
    [C_MAIN_SHARE] = {"main_revenue_share",
                      "上年度主营业务收入总额占营业收入总额比重",
                      "Main-business share of operating revenue",
                      RULES_CRIT_SCORE,
                      {"main_share_band_min", "main_share_band_points", NULL},
                      20,
                      "指标6"},
    [C_GROUP_INNOVATION] = {"group_innovation",
                            "创新能力指标得分",
                            "Innovation group score",
                            RULES_CRIT_SCORE,
                            {"innovation_min", NULL},
                            0,
                            "公告条件(一)"},
    [C_GROUP_GROWTH] = {"group_growth",
                        "成长性指标得分",
                        "Growth group score",
                        RULES_CRIT_SCORE,
                        {"growth_group_min", NULL},
                        0,
                        "公告条件(一)"},
    [C_GROUP_SPECIALISATION] = {"group_specialisation",
                                "专业化指标得分",
                                "Specialisation group score",
                                RULES_CRIT_SCORE,
                                {"specialisation_min", NULL},
                                0,
                                "公告条件(一)"},
    [C_DIRECT_AWARD] = {"direct_award",
                        "近三年内获得过国家级、省级科技奖励",
                        "National or provincial science award in three years",
                        RULES_CRIT_DIRECT,
                        {"award_levels", "award_window_years", NULL},
                        0,
                        "公告条件(二)1"},
    [C_DIRECT_HONOUR] = {"direct_honour",
                         "获得高新技术企业等荣誉（有效期内）",
                         "Holds a valid honour such as high-tech enterprise",
                         RULES_CRIT_DIRECT,
                         {"honour_kinds", NULL},
                         0,
                         "公告条件(二)2"},
    [C_DIRECT_INSTITUTION] = {"direct_institution",
                              "拥有经认定的省部级以上研发机构",
                              "Recognised provincial or national R&D institution",
                              RULES_CRIT_DIRECT,
                              {"institution_levels", NULL},
                              0,
                              "公告条件(二)3"},
    [C_DIRECT_EQUITY] = {"direct_equity",
                         "近三年新增股权融资总额（合格机构投资者的实缴额）500万元以上",
                         "Qualified paid-in equity in three years",
                         RULES_CRIT_DIRECT,
                         {"equity_min_fen", "equity_window_years", NULL},
                         0,
                         "公告条件(二)4"},
};

/* ---- small helpers ---- */

typedef struct score_part {
    int min, max;
} score_part;

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

/* Threshold text of band k of a ratio band table: "≥ 3% and < 5%". */
static void
band_threshold(rules_criterion_result *c, const rules_edition *e, int mins, int k)
{
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

/* Score a ratio num/den on the band table (mins, pts); sets value, threshold,
 * points, passed (earns points). Returns the band. */
static int
score_ratio(rules_criterion_result *c, const rules_edition *e, int mins, int pts, rules_ratio r)
{
    int k = rules_band_find(e, mins, r);
    rules_crit_value_pct(c, r);
    band_threshold(c, e, mins, k);
    c->has_points = true;
    c->points = band_points(e, pts, k);
    set_tri(c, true, c->points > 0);
    return k;
}

/* Least numerator over den reaching band k−1 (the next band up). */
static bool
next_band_num(const rules_edition *e, int mins, int k, int64_t den, int64_t *out)
{
    if (k == 0 || den <= 0)
        return false;
    return rules_ratio_min_num(e->p[mins].v[k - 1], den, e->band_edge == RULES_BAND_UPPER_INCLUSIVE,
                               out);
}

static bool
need_year(rules_verdict *v, const rules_year *y, int year, int fld)
{
    if (rules_year_has(y, (rules_year_field)fld))
        return true;
    rules_verdict_missing_year(v, year, fld);
    return false;
}

/*
 * A score criterion with a fact missing whose points are decided anyway
 * (POLICY.md §2: a missing fact only matters if some value of it could
 * change the result), e.g. R&D of 0 over a missing revenue. The gap names
 * what would have to change: the amount is unknown while the fact is.
 */
static score_part
decided_open(rules_verdict *v, rules_criterion_result *c, int pts, const char *why_zh)
{
    c->has_points = true;
    c->points = pts;
    set_tri(c, true, pts > 0);
    rules_crit_message(c, "%d年度%s，无论缺少的数据如何均得 %d 分", v->fiscal_year, why_zh, pts);
    if (pts < c->max_points)
        rules_crit_gap(c, "fen", 0, "%s；补齐缺少的数据后可计算差距", why_zh);
    return (score_part){pts, pts};
}

/* The points of num/den of year y on (mins, pts) when a fact is missing, if
 * the known ones decide them, else -1. */
static int
open_points(const rules_edition *e, const rules_year *y, int num_fld, int den_fld, int mins,
            int pts)
{
    int lo, hi;
    rules_band_points_year(e, mins, pts, y, num_fld, den_fld, &lo, &hi);
    return lo == hi ? lo : -1;
}

/* ---- score criteria ---- */

static score_part
score_ip(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP);
    /* counts per band: A high-value Ⅰ, B self-developed Ⅰ, C Ⅰ, D Ⅱ */
    int n[4] = {0, 0, 0, 0};
    for (int i = 0; i < f->n_ip; i++) {
        const rules_ip *ip = &f->ip[i];
        bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
        bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
        if (!granted || !valid || ip->disputed || !ip->main_product)
            continue;
        if (ip->cls == RULES_IP_CLASS_I) {
            n[2]++;
            if (ip->self_developed)
                n[1]++;
            if (ip->high_value)
                n[0]++;
        } else if (ip->cls == RULES_IP_CLASS_II) {
            n[3]++;
        }
    }
    int64_t min = rules_param_int(e, P_IP_MIN_COUNT);
    int k = 4;
    for (int b = 0; b < 4 && k == 4; b++)
        if (n[b] >= min)
            k = b;
    static const char *const band_zh[5] = {"Ⅰ类高价值", "自主研发Ⅰ类", "Ⅰ类", "Ⅱ类", "无"};
    int pts = band_points(e, P_IP_BAND_POINTS, k);
    char val[128];
    rules_fmt(v, val, sizeof val, "Ⅰ类 %d (高 %d, 自 %d), Ⅱ类 %d", n[2], n[0], n[1], n[3]);
    rules_crit_value_text(c, val);
    c->has_exact = true;
    c->exact = rules_ratio_make(k < 4 ? n[k] : 0, 1);
    rules_crit_threshold(c, "%s ≥ %lld", band_zh[k < 4 ? k : 3], (long long)min);
    c->has_points = true;
    c->points = pts;
    set_tri(c, true, pts > 0);
    rules_crit_message(c, "有效期内、无争议、与主导产品相关的知识产权：最高档为%s，得 %d 分",
                       band_zh[k], pts);
    if (k > 0) {
        int64_t more = min - n[k - 1];
        rules_crit_gap(c, "items", more, "再获得 %lld 项%s知识产权可得 %d 分", (long long)more,
                       band_zh[k - 1], band_points(e, P_IP_BAND_POINTS, k - 1));
    }
    return (score_part){pts, pts};
}

static score_part
score_rd(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD);
    bool ok = need_year(v, y, v->fiscal_year, RULES_YF_RD_EXPENSE);
    ok &= need_year(v, y, v->fiscal_year, RULES_YF_OPERATING_REVENUE);
    if (!ok) {
        int pts = open_points(e, y, RULES_YF_RD_EXPENSE, RULES_YF_OPERATING_REVENUE, P_RD_BAND_MIN,
                              P_RD_BAND_POINTS);
        if (pts >= 0)
            return decided_open(v, c, pts,
                                rules_year_has(y, RULES_YF_RD_EXPENSE)
                                    ? "研发费用为 0（营业收入缺少）"
                                    : "营业收入为 0，研发费用占比无法计算");
        rules_crit_message(c, "缺少%d年度研发费用或营业收入", v->fiscal_year);
        return (score_part){0, c->max_points};
    }
    int64_t rd = y->v[RULES_YF_RD_EXPENSE], rev = y->v[RULES_YF_OPERATING_REVENUE];
    int k = score_ratio(c, e, P_RD_BAND_MIN, P_RD_BAND_POINTS, rules_ratio_make(rd, rev));
    rules_crit_message(c, "%d年度研发费用/营业收入 = %s，得 %d 分", v->fiscal_year, c->value,
                       c->points);
    int64_t need;
    if (next_band_num(e, P_RD_BAND_MIN, k, rev, &need) && need > rd) {
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, need - rd);
        rules_crit_gap(c, "fen", need - rd, "研发费用再增加 %s 元（营业收入不变）可得 %d 分", yuan,
                       band_points(e, P_RD_BAND_POINTS, k - 1));
    }
    return (score_part){c->points, c->points};
}

static score_part
score_growth(rules_verdict *v, const rules_edition *e, const rules_year *y, const rules_year *y0)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GROWTH);
    bool ok = need_year(v, y, v->fiscal_year, RULES_YF_MAIN_REVENUE);
    ok &= need_year(v, y0, v->fiscal_year - 1, RULES_YF_MAIN_REVENUE);
    bool hb = rules_year_has(y0, RULES_YF_MAIN_REVENUE),
         hn = rules_year_has(y, RULES_YF_MAIN_REVENUE);
    if (!ok && !(hb && y0->v[RULES_YF_MAIN_REVENUE] <= 0)) {
        /* this year's 0 is a fall of 100% from any base (or undefined) */
        int pts = hn && y->v[RULES_YF_MAIN_REVENUE] == 0
                      ? band_points(e, P_GROWTH_BAND_POINTS,
                                    rules_band_find(e, P_GROWTH_BAND_MIN, rules_ratio_make(-1, 1)))
                      : -1;
        if (pts == 0)
            return decided_open(v, c, 0, "主营业务收入为 0（上年度缺少）");
        rules_crit_message(c, "缺少%d、%d年度主营业务收入", v->fiscal_year - 1, v->fiscal_year);
        return (score_part){0, c->max_points};
    }
    int64_t base = y0->v[RULES_YF_MAIN_REVENUE], end = hn ? y->v[RULES_YF_MAIN_REVENUE] : 0;
    if (base <= 0) { /* whatever this year's is */
        /* growth from nothing is undefined: no points (design choice) */
        rules_crit_value_text(c, "n/a");
        band_threshold(c, e, P_GROWTH_BAND_MIN, e->p[P_GROWTH_BAND_MIN].n);
        c->has_points = true;
        c->points = 0;
        set_tri(c, true, false);
        rules_crit_message(c, "%d年度主营业务收入为0，增长率无法计算，得 0 分", v->fiscal_year - 1);
        rules_crit_gap(c, "fen", 0, "增长率需以上年度主营业务收入为基数");
        return (score_part){0, 0};
    }
    int k = score_ratio(c, e, P_GROWTH_BAND_MIN, P_GROWTH_BAND_POINTS,
                        rules_ratio_make(end - base, base));
    rules_crit_message(c, "主营业务收入 %d年 → %d年 增长 %s，得 %d 分", v->fiscal_year - 1,
                       v->fiscal_year, c->value, c->points);
    int64_t need;
    if (next_band_num(e, P_GROWTH_BAND_MIN, k, base, &need) && base + need > end) {
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, base + need - end);
        rules_crit_gap(c, "fen", base + need - end, "%d年度主营业务收入再增加 %s 元可得 %d 分",
                       v->fiscal_year, yuan, band_points(e, P_GROWTH_BAND_POINTS, k - 1));
    }
    return (score_part){c->points, c->points};
}

static score_part
score_debt(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DEBT);
    bool ok = need_year(v, y, v->fiscal_year, RULES_YF_TOTAL_LIABILITIES);
    ok &= need_year(v, y, v->fiscal_year, RULES_YF_TOTAL_ASSETS);
    bool ha = rules_year_has(y, RULES_YF_TOTAL_ASSETS);
    if (!ok && !(ha && y->v[RULES_YF_TOTAL_ASSETS] <= 0)) {
        rules_crit_message(c, "缺少%d年度负债总额或资产总额", v->fiscal_year);
        return (score_part){0, c->max_points};
    }
    int64_t a = y->v[RULES_YF_TOTAL_ASSETS];
    int64_t l = ok ? y->v[RULES_YF_TOTAL_LIABILITIES] : 0; /* a ≤ 0 decides without it */
    const rules_param_value *m = &e->p[P_DEBT_BAND_MIN];
    bool lower = e->band_edge == RULES_BAND_LOWER_INCLUSIVE;
    char lo[24], hi[24];
    c->has_points = true;
    if (a <= 0) {
        rules_crit_value_text(c, "n/a");
        rules_text_pct_short(v->explained, lo, sizeof lo, m->v[m->n - 1]);
        rules_crit_threshold(c, "%s %s", lower ? "<" : "≤", lo);
        c->points = 0;
        set_tri(c, true, false);
        rules_crit_message(c, "%d年度资产总额为0，资产负债率无法计算，得 0 分", v->fiscal_year);
        rules_crit_gap(c, "fen", 0, "资产负债率需以资产总额为分母");
        return (score_part){0, 0};
    }
    rules_ratio r = rules_ratio_make(l, a);
    int k = rules_band_find(e, P_DEBT_BAND_MIN, r); /* 0 = worst band */
    rules_crit_value_pct(c, r);
    if (k >= m->n) {
        rules_text_pct_short(v->explained, lo, sizeof lo, m->v[m->n - 1]);
        rules_crit_threshold(c, "%s %s", lower ? "<" : "≤", lo);
    } else if (k == 0) {
        rules_text_pct_short(v->explained, lo, sizeof lo, m->v[0]);
        rules_crit_threshold(c, "%s %s", lower ? "≥" : ">", lo);
    } else {
        rules_text_pct_short(v->explained, lo, sizeof lo, m->v[k]);
        rules_text_pct_short(v->explained, hi, sizeof hi, m->v[k - 1]);
        rules_crit_threshold(c, "%s %s and %s %s", lower ? "≥" : ">", lo, lower ? "<" : "≤", hi);
    }
    c->points = band_points(e, P_DEBT_BAND_POINTS, k);
    set_tri(c, true, c->points > 0);
    rules_crit_message(c, "%d年末资产负债率 %s，得 %d 分", v->fiscal_year, c->value, c->points);
    if (k < m->n) {
        /* liabilities down to just below the edge of band k (assets unchanged) */
        int64_t edge;
        if (rules_ratio_min_num(m->v[k], a, !lower, &edge) && l > edge - 1) {
            char yuan[40];
            rules_text_yuan(v->explained, yuan, sizeof yuan, l - (edge - 1));
            rules_crit_gap(c, "fen", l - (edge - 1), "负债再减少 %s 元（资产不变）可得 %d 分", yuan,
                           band_points(e, P_DEBT_BAND_POINTS, k + 1));
        }
    }
    return (score_part){c->points, c->points};
}

static score_part
score_domain(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DOMAIN);
    int sei = (int)rules_param_int(e, P_DOMAIN_SEI_POINTS);
    int other = (int)rules_param_int(e, P_DOMAIN_OTHER_POINTS);
    rules_crit_threshold(c, "战略性新兴产业 %d; 其他 %d", sei, other);
    if (!rules_firm_has(&f->firm, RULES_FF_SEI_FIELD)) {
        rules_verdict_missing(v, "firm.sei_field");
        rules_crit_message(c, "缺少 firm.sei_field（主导产品所属战略性新兴产业领域，无则为 null）");
        return (score_part){other < sei ? other : sei, other > sei ? other : sei};
    }
    bool in_sei = !((f->firm.nulls >> RULES_FF_SEI_FIELD) & 1u);
    c->has_points = true;
    c->points = in_sei ? sei : other;
    set_tri(c, true, c->points > 0);
    if (in_sei) {
        rules_crit_value_int(c, f->firm.sei_field);
        rules_crit_message(c, "主导产品属于战略性新兴产业第 %d 类，得 %d 分", f->firm.sei_field,
                           sei);
    } else {
        rules_crit_value_text(c, "其他领域");
        rules_crit_message(c, "主导产品属于其他领域，得 %d 分", other);
    }
    return (score_part){c->points, c->points};
}

static score_part
score_main_share(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_MAIN_SHARE);
    bool ok = need_year(v, y, v->fiscal_year, RULES_YF_MAIN_REVENUE);
    ok &= need_year(v, y, v->fiscal_year, RULES_YF_OPERATING_REVENUE);
    if (!ok) {
        int pts = open_points(e, y, RULES_YF_MAIN_REVENUE, RULES_YF_OPERATING_REVENUE,
                              P_MAIN_SHARE_BAND_MIN, P_MAIN_SHARE_BAND_POINTS);
        if (pts >= 0)
            return decided_open(v, c, pts,
                                rules_year_has(y, RULES_YF_MAIN_REVENUE)
                                    ? "主营业务收入为 0（营业收入缺少）"
                                    : "营业收入为 0，主营业务收入占比无法计算");
        rules_crit_message(c, "缺少%d年度主营业务收入或营业收入", v->fiscal_year);
        return (score_part){0, c->max_points};
    }
    int64_t main = y->v[RULES_YF_MAIN_REVENUE], rev = y->v[RULES_YF_OPERATING_REVENUE];
    int k = score_ratio(c, e, P_MAIN_SHARE_BAND_MIN, P_MAIN_SHARE_BAND_POINTS,
                        rules_ratio_make(main, rev));
    rules_crit_message(c, "%d年度主营业务收入占营业收入 %s，得 %d 分", v->fiscal_year, c->value,
                       c->points);
    int64_t need;
    if (next_band_num(e, P_MAIN_SHARE_BAND_MIN, k, rev, &need) && need > main) {
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, need - main);
        rules_crit_gap(c, "fen", need - main, "主营业务收入再增加 %s 元（营业收入不变）可得 %d 分",
                       yuan, band_points(e, P_MAIN_SHARE_BAND_POINTS, k - 1));
    }
    return (score_part){c->points, c->points};
}

static void
group(rules_verdict *v, int crit, score_part s, int64_t min)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    rules_crit_threshold(c, "≥ %lld", (long long)min);
    if (s.min == s.max)
        rules_crit_value_int(c, s.min);
    else
        rules_crit_value_fmt(c, "%d..%d", s.min, s.max);
    bool lo = s.min >= min, hi = s.max >= min;
    set_tri(c, lo || !hi, lo);
    if (lo)
        rules_crit_message(c, "%s %s 分，不低于 %lld 分", c->def->label_zh, c->value,
                           (long long)min);
    else if (!hi)
        rules_crit_message(c, "%s %s 分，低于 %lld 分", c->def->label_zh, c->value, (long long)min);
    else
        rules_crit_message(c, "%s %s 分，取决于缺少的数据", c->def->label_zh, c->value);
    if (!hi)
        rules_crit_gap(c, "points", min - s.max, "%s还差 %lld 分", c->def->label_zh,
                       (long long)(min - s.max));
}

/* ---- direct conditions ---- */

static void
direct_value(rules_criterion_result *c, bool ok)
{
    set_tri(c, true, ok);
    rules_crit_value_text(c, ok ? "true" : "false");
}

static void
direct_routes(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    int year = rules_verdict_year_of(v, as_of);
    rules_criterion_result *c = rules_verdict_add(v, C_DIRECT_AWARD);
    int window = (int)rules_param_int(e, P_AWARD_WINDOW_YEARS);
    int found = -1;
    for (int i = 0; i < f->n_awards && found < 0; i++) {
        const rules_award *a = &f->awards[i];
        if (rules_param_has_enum(e, P_AWARD_LEVELS, (int)a->level) && a->year >= year - window &&
            a->year <= year)
            found = i;
    }
    rules_crit_threshold(c, "year ≥ %d", year - window);
    direct_value(c, found >= 0);
    if (found >= 0)
        rules_crit_message(c, "%d 年获%s科技奖励（awards[%d]）", f->awards[found].year,
                           f->awards[found].level == RULES_AWARD_NATIONAL ? "国家级" : "省级",
                           found);
    else
        rules_crit_message(c, "%d 年以来无国家级、省级科技奖励", year - window);

    c = rules_verdict_add(v, C_DIRECT_HONOUR);
    found = -1;
    for (int i = 0; i < f->n_recognitions && found < 0; i++) {
        const rules_recognition *r = &f->recognitions[i];
        if (rules_param_has_enum(e, P_HONOUR_KINDS, (int)r->kind) &&
            rules_recognition_in_force(r, as_of))
            found = i;
    }
    rules_crit_threshold(c, "valid on as_of (expiry day counts)");
    direct_value(c, found >= 0);
    if (found >= 0)
        rules_crit_message(c, "拥有有效期内的%s荣誉（recognitions[%d]）",
                           rules_recognition_kind_names[f->recognitions[found].kind], found);
    else
        rules_crit_message(c, "无有效期内的高新技术企业等荣誉");

    c = rules_verdict_add(v, C_DIRECT_INSTITUTION);
    found = -1;
    for (int i = 0; i < f->n_institutions && found < 0; i++) {
        const rules_institution *r = &f->institutions[i];
        if (rules_param_has_enum(e, P_INSTITUTION_LEVELS, (int)r->level) && r->since <= as_of)
            found = i;
    }
    rules_crit_threshold(c, "recognised on or before as_of");
    direct_value(c, found >= 0);
    rules_crit_message(c, found >= 0 ? "拥有经认定的省部级以上研发机构" : "无省部级以上研发机构");

    c = rules_verdict_add(v, C_DIRECT_EQUITY);
    int ew = (int)rules_param_int(e, P_EQUITY_WINDOW_YEARS);
    rules_date from = rules_date_add_years(as_of, -ew);
    int64_t sum = 0, min = rules_param_int(e, P_EQUITY_MIN_FEN);
    for (int i = 0; i < f->n_equity; i++) {
        const rules_equity_round *r = &f->equity[i];
        if (r->qualified_investor && r->date >= from && r->date <= as_of)
            sum += r->paid_in_fen;
    }
    char a[11], b[11], lim[40];
    rules_text_yuan(v->explained, lim, sizeof lim, min);
    rules_crit_threshold(c, "≥ %s 元 in %s..%s", lim,
                         rules_text_date(v->explained, from, a, sizeof a),
                         rules_text_date(v->explained, as_of, b, sizeof b));
    rules_crit_value_yuan(c, sum);
    set_tri(c, true, sum >= min);
    rules_crit_message(c, "%s 至 %s 合格机构投资者实缴股权融资 %s%s %s 元", a, b, c->value,
                       sum >= min ? "，达到" : "，未达到", lim);
    if (sum < min) {
        char more[40];
        rules_text_yuan(v->explained, more, sizeof more, min - sum);
        rules_crit_gap(c, "fen", min - sum, "再获得 %s 元合格机构投资者实缴股权融资", more);
    }
}

/* ---- the module ---- */

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    const rules_year *y0 = rules_facts_year(f, v->fiscal_year - 1);

    score_part ip = score_ip(v, e, f, ctx->as_of);
    score_part rd = score_rd(v, e, y);
    score_part gr = score_growth(v, e, y, y0);
    score_part dt = score_debt(v, e, y);
    score_part dm = score_domain(v, e, f);
    score_part ms = score_main_share(v, e, y);
    score_part innov = {ip.min + rd.min, ip.max + rd.max};
    score_part growth = {gr.min + dt.min, gr.max + dt.max};
    score_part spec = {dm.min + ms.min, dm.max + ms.max};
    int64_t imin = rules_param_int(e, P_INNOVATION_MIN),
            gmin = rules_param_int(e, P_GROWTH_GROUP_MIN),
            smin = rules_param_int(e, P_SPECIALISATION_MIN),
            pass = rules_param_int(e, P_PASS_SCORE_MIN);
    group(v, C_GROUP_INNOVATION, innov, imin);
    group(v, C_GROUP_GROWTH, growth, gmin);
    group(v, C_GROUP_SPECIALISATION, spec, smin);
    v->score_min = innov.min + growth.min + spec.min;
    v->score_max = innov.max + growth.max + spec.max;
    v->score_known = v->score_min == v->score_max;
    v->score = v->score_min;

    direct_routes(v, e, f, ctx->as_of);
    bool direct = false;
    for (int i = 0; i < v->n_criteria; i++)
        direct |=
            v->criteria[i].def->kind == RULES_CRIT_DIRECT && v->criteria[i].passed == RULES_YES;
    if (direct) {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_DIRECT;
        return;
    }
    v->route = RULES_ROUTE_SCORE;
    bool lo = v->score_min >= pass && innov.min >= imin && growth.min >= gmin && spec.min >= smin;
    bool hi = v->score_max >= pass && innov.max >= imin && growth.max >= gmin && spec.max >= smin;
    v->outcome = lo ? RULES_ELIGIBLE : !hi ? RULES_INELIGIBLE : RULES_INSUFFICIENT_DATA;
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const struct {
        int mins, pts, crit, extra;
    } bands[] = {{P_RD_BAND_MIN, P_RD_BAND_POINTS, C_RD, 0},
                 {P_GROWTH_BAND_MIN, P_GROWTH_BAND_POINTS, C_GROWTH, 0},
                 {P_DEBT_BAND_MIN, P_DEBT_BAND_POINTS, C_DEBT, 1},
                 {P_MAIN_SHARE_BAND_MIN, P_MAIN_SHARE_BAND_POINTS, C_MAIN_SHARE, 0}};
    for (size_t i = 0; i < sizeof bands / sizeof bands[0]; i++) {
        const rules_param_value *pts = &e->p[bands[i].pts];
        if (e->p[bands[i].mins].n + bands[i].extra != pts->n) {
            snprintf(err, errlen, "params.%s: needs %d value(s) more than params.%s",
                     params[bands[i].pts].name, bands[i].extra, params[bands[i].mins].name);
            return -1;
        }
        int top = 0;
        for (int k = 0; k < pts->n; k++)
            if (pts->v[k].num > top)
                top = (int)pts->v[k].num;
        if (top != criteria[bands[i].crit].max_points) {
            snprintf(err, errlen, "params.%s: best band must give %d points (criteria table)",
                     params[bands[i].pts].name, criteria[bands[i].crit].max_points);
            return -1;
        }
    }
    if (e->p[P_IP_BAND_POINTS].n != 4 ||
        e->p[P_IP_BAND_POINTS].v[0].num != criteria[C_IP].max_points) {
        snprintf(err, errlen, "params.ip_band_points: four bands, A giving %d points",
                 criteria[C_IP].max_points);
        return -1;
    }
    if (rules_param_int(e, P_DOMAIN_SEI_POINTS) != criteria[C_DOMAIN].max_points) {
        snprintf(err, errlen, "params.domain_sei_points: must be %d (criteria table)",
                 criteria[C_DOMAIN].max_points);
        return -1;
    }
    return 0;
}

const rules_module rules_innovative_sme_module = {
    .id = "innovative_sme",
    .name_zh = "创新型中小企业",
    .name_en = "Innovative SME",
    .recognition = RULES_REC_INNOVATIVE_SME,
    .scored = true,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
