/*
 * little_giant: 专精特新"小巨人"企业认定 (POLICY.md §4; policy-sources.md §3.3,
 * §3.5). All conditions, no score (verdict score fields are null). Two
 * schemes, chosen by the edition's `scheme` parameter:
 *
 *  2022 (工信部企业〔2022〕63号 附件3, until 2026-03-31): a valid
 *   专精特新中小企业 title; 专业化 (niche ≥ N years by the end of Y, main share
 *   ≥ min, two-year main revenue growth ≥ min); 精细化 (an information system
 *   in a core business, a management-system or product certification, debt
 *   ≤ max); 特色化 (domestic market share ≥ min, own brand); 创新能力: the
 *   general condition (R&D by revenue band AND an R&D institution AND ≥ N Ⅰ类
 *   IP in use) OR a direct condition (national award ranked ≤ N, or 创客中国
 *   rank ≤ N, in the window) → route "direct"; 产业链配套 and 主导产品所属领域
 *   judged by an officer.
 *  2026 (工信部企业〔2026〕2号, from 2026-04-01, all [S]): the title, niche,
 *   revenue ≥ min, main share, two-year operating revenue CAGR, debt, R&D
 *   (each year ≥ ratio, two-year sum ≥ min), ≥ N self-developed Ⅰ类 IP (waived
 *   by a national award ranked ≤ N), market share (or an officer-confirmed
 *   domestic top-3 rank), 六基 / key chain link, this year's 专精特新发展评价
 *   score.
 *
 * R&D by revenue band (2022): Y's operating revenue is placed in the bands
 * `rd_band_revenue_min` (descending; the edition's band_edge decides an exact
 * edge, lower_inclusive: 1亿 → the 1亿以上 band, 5000万 → the middle band);
 * band k requires R&D / operating revenue ≥ rd_band_ratio_min[k] in each of
 * the last rd_years years; below every band: qualified equity in the window
 * ≥ min AND R&D summed over rd_small_rd_years years ≥ min AND Y's R&D staff /
 * employees ≥ min. The 2026 scheme is one band from 0 with a two-year sum.
 *
 * Officer decisions follow specialized_sme: expert_scores["little_giant.<id>"]
 * with score > 0 = accepted, ≤ 0 = rejected; absent → the criterion is open
 * and the outcome needs_review. For digital_systems and certification a true
 * fact (digital_level ≥ min; quality.iso9001) passes without the officer; a
 * false one leaves the item to the officer (other systems and product
 * certifications count but are not facts). The officer's decision, when
 * recorded, always wins.
 *
 * Years: fiscal year Y = year before as_of; "近2年" = Y and Y−1; growth over
 * Y−2..Y. Niche years: whole years from niche_since to 1 January of as_of's
 * year (the end of Y counting). Award and contest windows: year ≥ as_of year
 * − N; equity window: [as_of − N years, as_of]. Growth arithmetic is exact
 * for revenues below 2^50 fen (about 11万亿元); larger values are scaled by a
 * common power of two first. A missing fact only matters if some value of it
 * could change the result (POLICY.md §2): a ratio gate fails on a known
 * denominator of 0 or a numerator of 0; a growth gate on a known zero base;
 * a CAGR does not read Y−1; known R&D years already reaching a sum pass it;
 * with Y's revenue missing the band is known when the lowest edge is 0, and
 * the R&D gate fails when no band (nor the small-firm test) can pass.
 * Pure: no allocation, no I/O.
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
static const char *const growth_basis_names[] = {"", "main_revenue", "operating_revenue", NULL};
enum { BASIS_MAIN = 1, BASIS_OPERATING = 2 };

enum {
    P_SCHEME,
    P_PREREQ_KINDS,
    P_NICHE_MIN_YEARS,
    P_REVENUE_MIN_FEN,
    P_MAIN_SHARE_MIN,
    P_GROWTH_BASIS,
    P_GROWTH_METHOD,
    P_GROWTH_MIN,
    P_DIGITAL_MIN_LEVEL,
    P_DEBT_MAX,
    P_MARKET_SHARE_MIN,
    P_MARKET_SHARE_SCOPES,
    P_MARKET_RANK_ALTERNATIVE,
    P_RD_BAND_REVENUE_MIN,
    P_RD_BAND_RATIO_MIN,
    P_RD_YEARS,
    P_RD_SUM_MIN_FEN,
    P_RD_SMALL_EQUITY_MIN_FEN,
    P_EQUITY_WINDOW_YEARS,
    P_RD_SMALL_RD_MIN_FEN,
    P_RD_SMALL_RD_YEARS,
    P_RD_SMALL_STAFF_MIN,
    P_INSTITUTION_LEVELS,
    P_IP_CLASS1_MIN_COUNT,
    P_IP_SELF_DEVELOPED_ONLY,
    P_IP_WAIVER_AWARD_MAX_RANK,
    P_AWARD_WINDOW_YEARS,
    P_DIRECT_AWARD_MAX_RANK,
    P_DIRECT_CONTEST_MAX_RANK,
    P_PLATFORM_SCORE_MIN,
    P_VALIDITY_YEARS,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_SCHEME] = {"scheme", RULES_PT_ENUM, scheme_names, "2022 (63号 附件3) or 2026 (2号)"},
    [P_PREREQ_KINDS] = {"prerequisite_kinds", RULES_PT_ENUM_LIST, rules_recognition_kind_names,
                        "recognition kinds that count as the 专精特新中小企业 title"},
    [P_NICHE_MIN_YEARS] = {"niche_min_years", RULES_PT_INT, NULL,
                           "截至上年末从事特定细分市场时间达到N年以上"},
    [P_REVENUE_MIN_FEN] = {"revenue_min_fen", RULES_PT_INT, NULL,
                           "2026 上年度营业收入不低于 (2022: unused, 0)"},
    [P_MAIN_SHARE_MIN] = {"main_share_min", RULES_PT_RATIO, NULL,
                          "主营业务收入总额占营业收入总额比重不低于"},
    [P_GROWTH_BASIS] = {"growth_basis", RULES_PT_ENUM, growth_basis_names,
                        "2022 主营业务收入; 2026 营业收入"},
    [P_GROWTH_METHOD] = {"growth_method", RULES_PT_ENUM, growth_method_names,
                         "2022 平均增长率 (arithmetic mean, UNVERIFIED); 2026 复合增长率"},
    [P_GROWTH_MIN] = {"growth_min", RULES_PT_RATIO, NULL, "近2年增长率不低于"},
    [P_DIGITAL_MIN_LEVEL] = {"digital_min_level", RULES_PT_INT, NULL,
                             "2022 精细化: digital_level that shows a core business on an "
                             "information system (lower: officer)"},
    [P_DEBT_MAX] = {"debt_max", RULES_PT_RATIO, NULL, "截至上年末资产负债率不高于"},
    [P_MARKET_SHARE_MIN] = {"market_share_min", RULES_PT_RATIO, NULL, "细分市场占有率达到…以上"},
    [P_MARKET_SHARE_SCOPES] = {"market_share_scopes", RULES_PT_ENUM_LIST, rules_share_scope_names,
                               "market scopes that count (2022: 全国 = domestic)"},
    [P_MARKET_RANK_ALTERNATIVE] = {"market_rank_alternative", RULES_PT_BOOL, NULL,
                                   "2026 或国内前三: an officer may accept the rank instead"},
    [P_RD_BAND_REVENUE_MIN] = {"rd_band_revenue_min", RULES_PT_INT_LIST, NULL,
                               "上年度营业收入 band edges, descending (2022: 1亿, 5000万)"},
    [P_RD_BAND_RATIO_MIN] = {"rd_band_ratio_min", RULES_PT_RATIO_LIST, NULL,
                             "研发费用/营业收入 of each band, each year (2022: 3%, 6%)"},
    [P_RD_YEARS] = {"rd_years", RULES_PT_INT, NULL, "近N年: years that must each pass"},
    [P_RD_SUM_MIN_FEN] = {"rd_sum_min_fen", RULES_PT_INT, NULL,
                          "2026 近两年研发费用合计不低于 (2022: 0)"},
    [P_RD_SMALL_EQUITY_MIN_FEN] = {"rd_small_equity_min_fen", RULES_PT_INT, NULL,
                                   "below the bands: 近2年新增股权融资（合格机构投资者实缴）以上"},
    [P_EQUITY_WINDOW_YEARS] = {"equity_window_years", RULES_PT_INT, NULL, "近N年 for equity"},
    [P_RD_SMALL_RD_MIN_FEN] = {"rd_small_rd_min_fen", RULES_PT_INT, NULL,
                               "below the bands: 研发费用总额…以上"},
    [P_RD_SMALL_RD_YEARS] = {"rd_small_rd_years", RULES_PT_INT, NULL,
                             "years summed for that R&D total (近2年 read as governing it)"},
    [P_RD_SMALL_STAFF_MIN] = {"rd_small_staff_min", RULES_PT_RATIO, NULL,
                              "below the bands: 研发人员占职工总数比重…以上"},
    [P_INSTITUTION_LEVELS] = {"institution_levels", RULES_PT_ENUM_LIST, rules_inst_level_names,
                              "2022 R&D institution levels that count (empty in spirit for "
                              "2026: see scheme)"},
    [P_IP_CLASS1_MIN_COUNT] = {"ip_class1_min_count", RULES_PT_INT, NULL,
                               "与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权 at least"},
    [P_IP_SELF_DEVELOPED_ONLY] = {"ip_self_developed_only", RULES_PT_BOOL, NULL,
                                  "2026: no transferred-in IP (self_developed only)"},
    [P_IP_WAIVER_AWARD_MAX_RANK] = {"ip_waiver_award_max_rank", RULES_PT_INT, NULL,
                                    "2026 IP waiver: national award rank ≤ N (0: none)"},
    [P_AWARD_WINDOW_YEARS] = {"award_window_years", RULES_PT_INT, NULL,
                              "近三年: awards and 创客中国 (year ≥ as_of year − N)"},
    [P_DIRECT_AWARD_MAX_RANK] = {"direct_award_max_rank", RULES_PT_INT, NULL,
                                 "2022 创新直通: 国家级科技奖励排名前三"},
    [P_DIRECT_CONTEST_MAX_RANK] = {"direct_contest_max_rank", RULES_PT_INT, NULL,
                                   "2022 创新直通: 创客中国 全国50强"},
    [P_PLATFORM_SCORE_MIN] = {"platform_score_min", RULES_PT_INT, NULL,
                              "2026 本年度专精特新发展评价得分不低于"},
    [P_VALIDITY_YEARS] = {"validity_years", RULES_PT_INT, NULL, "有效期 (years) [S]"},
};

enum {
    C_PREREQ,
    C_NICHE,
    C_REVENUE,
    C_MAIN_SHARE,
    C_GROWTH,
    C_DIGITAL,
    C_CERT,
    C_DEBT,
    C_MARKET,
    C_BRAND,
    C_RD,
    C_INSTITUTION,
    C_IP,
    C_CHAIN,
    C_DOMAIN,
    C_PLATFORM,
    C_DIRECT_AWARD,
    C_DIRECT_CONTEST,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_PREREQ] = {"prerequisite",
                  "持有有效期内专精特新中小企业称号",
                  "Holds a valid specialised SME title",
                  RULES_CRIT_GATE,
                  {"prerequisite_kinds", "validity_years", NULL},
                  0,
                  "第十一条"},
    [C_NICHE] = {"niche_years",
                 "截至上年末从事特定细分市场时间",
                 "Years in the market segment",
                 RULES_CRIT_GATE,
                 {"niche_min_years", NULL},
                 0,
                 "专业化"},
    [C_REVENUE] = {"revenue",
                   "上年度营业收入",
                   "Last year's operating revenue",
                   RULES_CRIT_GATE,
                   {"revenue_min_fen", NULL},
                   0,
                   "专业化"},
    [C_MAIN_SHARE] = {"main_share",
                      "主营业务收入总额占营业收入总额比重",
                      "Main-business share of operating revenue",
                      RULES_CRIT_GATE,
                      {"main_share_min", NULL},
                      0,
                      "专业化"},
    [C_GROWTH] = {"revenue_growth",
                  "近2年收入增长率",
                  "Two-year revenue growth",
                  RULES_CRIT_GATE,
                  {"growth_basis", "growth_method", "growth_min", NULL},
                  0,
                  "专业化"},
    [C_DIGITAL] = {"digital_systems",
                   "至少1项核心业务采用信息系统支撑",
                   "A core business runs on an information system",
                   RULES_CRIT_GATE,
                   {"digital_min_level", NULL},
                   0,
                   "精细化"},
    [C_CERT] = {"certification",
                "取得管理体系认证或发达国家和地区产品认证",
                "Management-system or developed-market product certification",
                RULES_CRIT_GATE,
                {NULL},
                0,
                "精细化"},
    [C_DEBT] = {"debt_ratio",
                "截至上年末资产负债率",
                "Debt-to-asset ratio at the end of last year",
                RULES_CRIT_GATE,
                {"debt_max", NULL},
                0,
                "精细化"},
    [C_MARKET] = {"market_share",
                  "主导产品细分市场占有率",
                  "Main product's market share",
                  RULES_CRIT_GATE,
                  {"market_share_min", "market_share_scopes", "market_rank_alternative", NULL},
                  0,
                  "特色化"},
    [C_BRAND] = {"own_brand",
                 "拥有直接面向市场并具有竞争优势的自主品牌",
                 "Own competitive brand",
                 RULES_CRIT_GATE,
                 {NULL},
                 0,
                 "特色化"},
    [C_RD] = {"rd_input",
              "研发费用投入（按营业收入分档）",
              "R&D by revenue band",
              RULES_CRIT_GATE,
              {"rd_band_revenue_min", "rd_band_ratio_min", "rd_years", "rd_sum_min_fen",
               "rd_small_equity_min_fen", NULL},
              0,
              "创新能力 一般性条件1"},
    [C_INSTITUTION] = {"rd_institution",
                       "自建或联合建立研发机构",
                       "Has an R&D institution",
                       RULES_CRIT_GATE,
                       {"institution_levels", NULL},
                       0,
                       "创新能力 一般性条件2"},
    [C_IP] = {"class1_ip",
              "与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权",
              "Class I IP on the main product, applied with benefit",
              RULES_CRIT_GATE,
              {"ip_class1_min_count", "ip_self_developed_only", "ip_waiver_award_max_rank",
               "award_window_years", NULL},
              0,
              "创新能力 一般性条件3"},
    [C_CHAIN] = {"chain_role",
                 "产业链配套：补短板、锻长板、填空白（审核员认定）",
                 "Key role in the industry chain (officer's decision)",
                 RULES_CRIT_GATE,
                 {NULL},
                 0,
                 "产业链配套"},
    [C_DOMAIN] = {"main_product_domain",
                  "主导产品所属重点领域（审核员认定）",
                  "Main product in a key domain (officer's decision)",
                  RULES_CRIT_GATE,
                  {NULL},
                  0,
                  "主导产品所属领域"},
    [C_PLATFORM] = {"platform_score",
                    "本年度专精特新发展评价得分",
                    "Development evaluation score",
                    RULES_CRIT_GATE,
                    {"platform_score_min", NULL},
                    0,
                    "附件2; 工信厅企业〔2024〕75号"},
    [C_DIRECT_AWARD] = {"direct_award",
                        "近三年获得国家级科技奖励并在获奖单位中排名前三",
                        "National science award ranked top 3 in three years",
                        RULES_CRIT_DIRECT,
                        {"direct_award_max_rank", "award_window_years", NULL},
                        0,
                        "创新能力 创新直通条件"},
    [C_DIRECT_CONTEST] = {"direct_contest",
                          "近三年进入创客中国全国50强企业组",
                          "创客中国 national top 50 in three years",
                          RULES_CRIT_DIRECT,
                          {"direct_contest_max_rank", "award_window_years", NULL},
                          0,
                          "创新能力 创新直通条件"},
};

/* ---- helpers ---- */

/* What left a criterion open: missing facts or an officer's decision. */
typedef struct open_state {
    bool data, expert;
} open_state;

static void
set_tri(rules_criterion_result *c, bool ok)
{
    c->passed = ok ? RULES_YES : RULES_NO;
}

static bool
need_year(rules_verdict *v, const rules_year *y, int year, int fld)
{
    if (rules_year_has(y, (rules_year_field)fld))
        return true;
    rules_verdict_missing_year(v, year, fld);
    return false;
}

static int64_t
sat_add(int64_t a, int64_t b)
{
    return a > INT64_MAX - b ? INT64_MAX : a + b;
}

static const rules_expert_score *
officer(const rules_verdict *v, const rules_facts *f, const rules_criterion_result *c)
{
    return rules_facts_expert(f, v->module->id, c->def->id);
}

static int64_t
equity_sum(const rules_facts *f, rules_date as_of, int years)
{
    rules_date from = rules_date_add_years(as_of, -years);
    int64_t sum = 0;
    for (int i = 0; i < f->n_equity; i++)
        if (f->equity[i].qualified_investor && f->equity[i].date >= from &&
            f->equity[i].date <= as_of && f->equity[i].paid_in_fen > 0)
            sum = sat_add(sum, f->equity[i].paid_in_fen);
    return sum;
}

/* Index of an award of `level` with rank ≤ max_rank in the window, or -1. */
static int
find_award(const rules_facts *f, rules_award_level level, int64_t max_rank, int from, int to)
{
    for (int i = 0; i < f->n_awards; i++) {
        const rules_award *a = &f->awards[i];
        if (a->level == level && a->rank >= 1 && a->rank <= max_rank && a->year >= from &&
            a->year <= to)
            return i;
    }
    return -1;
}

/* ---- gates ---- */

static void
gate_prereq(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_PREREQ);
    int found = -1;
    for (int i = 0; i < f->n_recognitions && found < 0; i++)
        if (rules_param_has_enum(e, P_PREREQ_KINDS, (int)f->recognitions[i].kind) &&
            rules_recognition_in_force(&f->recognitions[i], as_of))
            found = i;
    rules_crit_threshold(c, "in force on as_of (expiry day counts)");
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    set_tri(c, found >= 0);
    if (found >= 0) {
        rules_crit_message(c, "持有有效期内的%s称号（recognitions[%d]）；小巨人有效期 %lld 年",
                           rules_recognition_kind_names[f->recognitions[found].kind], found,
                           (long long)rules_param_int(e, P_VALIDITY_YEARS));
    } else {
        rules_crit_message(c, "未持有有效期内的专精特新中小企业称号");
        rules_crit_gap(c, "items", 1, "需先取得（或复核保持）专精特新中小企业称号");
    }
}

static void
gate_niche(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_NICHE);
    int64_t min = rules_param_int(e, P_NICHE_MIN_YEARS);
    rules_crit_threshold(c, "≥ %lld years by %d-12-31", (long long)min, v->fiscal_year);
    if (!rules_firm_has(&f->firm, RULES_FF_NICHE_SINCE)) {
        o->data = true;
        rules_verdict_missing(v, "firm.niche_since");
        rules_crit_message(c, "缺少 firm.niche_since（进入细分市场的日期）");
        return;
    }
    bool none = (f->firm.nulls >> RULES_FF_NICHE_SINCE) & 1u;
    rules_date ref = rules_date_from_ymd(v->fiscal_year + 1, 1, 1);
    int years = none ? 0 : rules_date_years_between(f->firm.niche_since, ref);
    if (years < 0)
        years = 0;
    rules_crit_value_int(c, years);
    set_tri(c, years >= min);
    rules_crit_message(c, "截至%d年末从事特定细分市场 %d 年，%s %lld 年", v->fiscal_year, years,
                       years >= min ? "达到" : "不足", (long long)min);
    if (years >= min)
        return;
    if (none) {
        rules_crit_gap(c, "years", min, "尚未进入特定细分市场，需满 %lld 年", (long long)min);
    } else {
        rules_date need = rules_date_add_years(f->firm.niche_since, (int)min);
        char d[11];
        rules_crit_gap(c, "days", rules_date_days_between(ref, need), "%s 满 %lld 年",
                       rules_text_date(v->explained, need - 1, d, sizeof d), (long long)min);
    }
}

static void
gate_revenue(rules_verdict *v, const rules_edition *e, const rules_year *y, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_REVENUE);
    int64_t min = rules_param_int(e, P_REVENUE_MIN_FEN);
    char lim[40];
    rules_text_yuan(v->explained, lim, sizeof lim, min);
    rules_crit_threshold(c, "≥ %s 元", lim);
    if (!need_year(v, y, v->fiscal_year, RULES_YF_OPERATING_REVENUE)) {
        o->data = true;
        rules_crit_message(c, "缺少%d年度营业收入", v->fiscal_year);
        return;
    }
    int64_t rev = y->v[RULES_YF_OPERATING_REVENUE];
    rules_crit_value_yuan(c, rev);
    set_tri(c, rev >= min);
    rules_crit_message(c, "%d年度营业收入 %s，%s %s 元", v->fiscal_year, c->value,
                       rev >= min ? "达到" : "不足", lim);
    if (rev < min) {
        char more[40];
        rules_text_yuan(v->explained, more, sizeof more, min - rev);
        rules_crit_gap(c, "fen", min - rev, "营业收入再增加 %s 元", more);
    }
}

/* num/den of year Y against t: at least (or, at_most, at most) t. */
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
        /* decided anyway when the known side fails it (POLICY.md §2): a
         * denominator of 0, or a numerator too small over any denominator */
        int r = hd && y->v[den_fld] <= 0 ? 0
                : at_most                ? -1
                                         : rules_ratio_ge_open(hn, hn ? y->v[num_fld] : 0, hd,
                                                hd ? y->v[den_fld] : 0, t);
        if (r != 0) {
            o->data = true;
            rules_crit_message(c, "缺少%d年度%s所需数据", v->fiscal_year, c->def->label_zh);
            return;
        }
        set_tri(c, false);
        rules_crit_message(c, "缺少%d年度%s所需数据，但已知数据已不符合 %s", v->fiscal_year,
                           c->def->label_zh, c->threshold);
        rules_crit_gap(c, "fen", 0, "%s",
                       hd ? (at_most ? "资产总额为 0，比例无法计算" : "营业收入为 0，比例无法计算")
                          : "主营业务收入为 0，无论营业收入多少均不达标");
        return;
    }
    int64_t num = y->v[num_fld], den = y->v[den_fld];
    rules_ratio r = rules_ratio_make(num, den);
    bool ok = den > 0 && (at_most ? !rules_ratio_gt(r, t) : rules_ratio_ge(r, t));
    if (den > 0)
        rules_crit_value_pct(c, r);
    else
        rules_crit_value_text(c, "n/a");
    set_tri(c, ok);
    rules_crit_message(c, "%d年度%s %s，%s %s", v->fiscal_year, c->def->label_zh, c->value,
                       ok ? "符合" : "不符合", c->threshold);
    if (ok)
        return;
    int64_t edge;
    if (den > 0 && rules_ratio_min_num(t, den, at_most, &edge)) {
        char yuan[40];
        int64_t amount = at_most ? num - (edge - 1) : edge - num;
        rules_text_yuan(v->explained, yuan, sizeof yuan, amount);
        rules_crit_gap(c, "fen", amount, "%s需%s %s 元（%s不变）",
                       at_most ? "负债" : "主营业务收入", at_most ? "减少" : "增加", yuan,
                       at_most ? "资产" : "营业收入");
    } else {
        rules_crit_gap(c, "fen", 0, "%s为 0，比例无法计算", at_most ? "资产总额" : "营业收入");
    }
}

/*
 * Growth over a0 → a1 → a2 against t: arithmetic mean of the two yearly
 * rates, or the two-year CAGR. Returns 1 / 0, or -1 when undefined (a base
 * of 0). Exact below 2^50 fen; larger inputs are scaled by a common shift.
 */
static int
growth_ok(int method, rules_ratio t, int64_t a0, int64_t a1, int64_t a2)
{
    const int64_t lim = (int64_t)1 << 50;
    while (a0 >= lim || a1 >= lim || a2 >= lim) {
        a0 >>= 1;
        a1 >>= 1;
        a2 >>= 1;
    }
    i128 tn = t.num, td = t.den, lhs, rhs;
    if (a0 <= 0 || (method == GROWTH_MEAN && a1 <= 0))
        return -1;
    if (method == GROWTH_MEAN) { /* ((a1−a0)a1 + (a2−a1)a0) / (2 a0 a1) ≥ tn/td */
        lhs = ((i128)(a1 - a0) * a1 + (i128)(a2 - a1) * a0) * td;
        rhs = 2 * (i128)a0 * a1 * tn;
    } else { /* a2/a0 ≥ ((td+tn)/td)^2 */
        lhs = (i128)a2 * td * td;
        rhs = (i128)a0 * (td + tn) * (td + tn);
    }
    return lhs >= rhs;
}

static void
gate_growth(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GROWTH);
    int method = (int)rules_param_int(e, P_GROWTH_METHOD);
    int fld = rules_param_int(e, P_GROWTH_BASIS) == BASIS_OPERATING ? RULES_YF_OPERATING_REVENUE
                                                                    : RULES_YF_MAIN_REVENUE;
    const char *what = fld == RULES_YF_MAIN_REVENUE ? "主营业务收入" : "营业收入";
    rules_ratio t = rules_param_ratio(e, P_GROWTH_MIN);
    char pct[16];
    rules_text_pct_short(v->explained, pct, sizeof pct, t);
    rules_crit_threshold(c, "%s ≥ %s", method == GROWTH_MEAN ? "mean of two yearly rates" : "CAGR",
                         pct);
    int Yr = v->fiscal_year;
    const rules_year *y[3] = {rules_facts_year(f, Yr - 2), rules_facts_year(f, Yr - 1),
                              rules_facts_year(f, Yr)};
    bool h = true, hy[3];
    for (int k = 0; k < 3; k++) /* a CAGR does not read Y−1 */
        h &= hy[k] = k == 1 && method != GROWTH_MEAN ? true : need_year(v, y[k], Yr - 2 + k, fld);
    int64_t a[3];
    for (int k = 0; k < 3; k++)
        a[k] = hy[k] && y[k] ? y[k]->v[fld] : 0;
    /* a base of 0 (for the mean also a middle year of 0) leaves the growth
     * undefined whatever the other years are (POLICY.md §2) */
    bool undefined = (hy[0] && a[0] <= 0) || (method == GROWTH_MEAN && hy[1] && a[1] <= 0);
    if (!h && !undefined) {
        o->data = true;
        rules_crit_message(c, "缺少%d–%d年度%s", Yr - 2, Yr, what);
        return;
    }
    int64_t a0 = a[0], a1 = a[1], a2 = a[2];
    int ok = undefined ? -1 : growth_ok(method, t, a0, a1, a2);
    if (ok < 0) {
        rules_crit_value_text(c, "n/a");
        set_tri(c, false);
        rules_crit_message(c, "%d年度（或%d年度）%s为 0，增长率无法计算", Yr - 2, Yr - 1, what);
        rules_crit_gap(c, "fen", 0, "需有连续三年的%s", what);
        return;
    }
    if (method == GROWTH_MEAN && a0 < ((int64_t)1 << 50) && a1 < ((int64_t)1 << 50) &&
        a2 < ((int64_t)1 << 50)) {
        i128 num = (i128)(a1 - a0) * a1 + (i128)(a2 - a1) * a0, den = (i128)2 * a0 * a1;
        long long bp = (long long)(num * 10000 / den); /* basis points, truncated */
        long long ab = bp < 0 ? -bp : bp;
        rules_crit_value_fmt(c, "%s%lld.%02lld%%", bp < 0 ? "-" : "", ab / 100, ab % 100);
    } else if (method == GROWTH_CAGR) {
        char x[24];
        rules_text_pct(v->explained, x, sizeof x, rules_ratio_make(a2, a0));
        rules_crit_value_fmt(c, "×%s", x);
    } else {
        rules_crit_value_text(c, "n/a");
    }
    set_tri(c, ok == 1);
    rules_crit_message(c, "%d–%d年%s%s %s，%s %s", Yr - 2, Yr, what,
                       method == GROWTH_MEAN ? "平均增长率" : "两年累计倍数", c->value,
                       ok ? "不低于" : "低于", pct);
    if (ok)
        return;
    /* least Y revenue that passes: doubling, then bisection */
    int64_t lo = a2 > 0 ? a2 : 0, hi = a2 > 0 ? a2 : 1;
    for (int i = 0; i < 64 && growth_ok(method, t, a0, a1, hi) != 1 && hi < INT64_MAX; i++)
        hi = hi > INT64_MAX / 2 ? INT64_MAX : hi * 2;
    if (growth_ok(method, t, a0, a1, hi) != 1) {
        rules_crit_gap(c, "fen", 0, "%d年度%s无法通过增长达到要求", Yr, what);
        return;
    }
    while (lo < hi) {
        int64_t mid = lo + (hi - lo) / 2;
        if (growth_ok(method, t, a0, a1, mid) == 1)
            hi = mid;
        else
            lo = mid + 1;
    }
    char yuan[40];
    rules_text_yuan(v->explained, yuan, sizeof yuan, lo - a2);
    rules_crit_gap(c, "fen", lo - a2, "%d年度%s再增加 %s 元可达到 %s", Yr, what, yuan, pct);
}

/* A criterion an officer settles, unless a fact already shows it holds.
 * fact: 1 holds, 0 does not show it, -1 missing (path already recorded),
 * -2 no fact is consulted. */
static void
gate_officer(rules_verdict *v, const rules_facts *f, int crit, int fact, const char *fact_zh,
             open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    rules_crit_threshold(c, "%s%s or expert_scores[\"%s.%s\"].score > 0", fact_zh ? fact_zh : "",
                         fact_zh ? "," : "", v->module->id, c->def->id);
    const rules_expert_score *x = officer(v, f, c);
    if (x) {
        rules_crit_value_int(c, x->score);
        set_tri(c, x->score > 0);
        rules_crit_message(c, "审核员（%s）认定：%s%s", x->by, x->score > 0 ? "符合" : "不符合",
                           c->def->label_zh);
        if (x->score <= 0)
            rules_crit_gap(c, "items", 1, "需提供%s的证明材料", c->def->label_zh);
        return;
    }
    if (fact == 1) {
        rules_crit_value_text(c, "true");
        set_tri(c, true);
        rules_crit_message(c, "%s，符合%s", fact_zh, c->def->label_zh);
        return;
    }
    if (fact == -1) {
        o->data = true;
        rules_crit_message(c, "缺少判断%s所需的事实，且无审核员认定", c->def->label_zh);
        return;
    }
    o->expert = true;
    if (fact == 0)
        rules_crit_value_text(c, "false");
    rules_crit_message(c, "%s需审核员认定（expert_scores[\"%s.%s\"]）", c->def->label_zh,
                       v->module->id, c->def->id);
}

static void
gate_market(rules_verdict *v, const rules_edition *e, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_MARKET);
    rules_ratio t = rules_param_ratio(e, P_MARKET_SHARE_MIN);
    bool alt = rules_param_bool(e, P_MARKET_RANK_ALTERNATIVE);
    char pct[16];
    rules_text_pct_short(v->explained, pct, sizeof pct, t);
    rules_crit_threshold(c, "≥ %s%s", pct, alt ? ", or a top-3 rank accepted by an officer" : "");
    const rules_expert_score *x = alt ? officer(v, f, c) : NULL;
    const rules_firm *fm = &f->firm;
    if (!rules_firm_has(fm, RULES_FF_MARKET_SHARE) && !x) {
        o->data = true;
        rules_verdict_missing(v, "firm.market_share");
        rules_crit_message(c, "缺少 firm.market_share（主导产品细分市场占有率）");
        return;
    }
    bool none =
        !rules_firm_has(fm, RULES_FF_MARKET_SHARE) || ((fm->nulls >> RULES_FF_MARKET_SHARE) & 1u);
    bool scope_ok =
        !none && rules_param_has_enum(e, P_MARKET_SHARE_SCOPES, (int)fm->market_share_scope);
    bool share_ok = scope_ok && fm->market_share.den > 0 && rules_ratio_ge(fm->market_share, t);
    if (!none && fm->market_share.den > 0)
        rules_crit_value_pct(c, fm->market_share);
    if (share_ok) {
        set_tri(c, true);
        rules_crit_message(c, "主导产品%s细分市场占有率 %s，达到 %s",
                           rules_share_scope_names[fm->market_share_scope], c->value, pct);
        return;
    }
    if (x) {
        set_tri(c, x->score > 0);
        rules_crit_message(c, "审核员（%s）认定细分市场排名%s", x->by,
                           x->score > 0 ? "国内前三" : "不符合要求");
        if (x->score <= 0)
            rules_crit_gap(c, "items", 1, "需提供细分市场占有率 %s 以上或国内前三的证明", pct);
        return;
    }
    if (alt) { /* the rank is no fact: an officer settles it */
        o->expert = true;
        rules_crit_message(c, "细分市场占有率未达 %s（或范围不计），是否国内前三需审核员认定", pct);
        return;
    }
    set_tri(c, false);
    if (none) {
        rules_crit_message(c, "无主导产品细分市场占有率，未达到 %s", pct);
        rules_crit_gap(c, "items", 1, "需取得全国细分市场占有率 %s 以上", pct);
    } else if (!scope_ok) {
        rules_crit_message(c, "市场占有率范围为 %s，本版标准只认可全国细分市场",
                           rules_share_scope_names[fm->market_share_scope]);
        rules_crit_gap(c, "items", 1, "需提供全国细分市场占有率 %s 以上的证明", pct);
    } else {
        int64_t need = 0;
        bool have = rules_ratio_min_num(t, fm->market_share.den, false, &need);
        rules_crit_message(c, "主导产品细分市场占有率 %s，未达到 %s", c->value, pct);
        /* in the facts' own units: the share's numerator (its own unit) */
        rules_crit_gap(c, "items", have ? need - fm->market_share.num : 0,
                       "占有率分子需再增加 %lld（分母 %lld 不变）",
                       (long long)(have ? need - fm->market_share.num : 0),
                       (long long)fm->market_share.den);
    }
}

static void
gate_brand(rules_verdict *v, const rules_facts *f, open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_BRAND);
    rules_crit_threshold(c, "true");
    if (!rules_firm_has(&f->firm, RULES_FF_OWN_BRAND)) {
        o->data = true;
        rules_verdict_missing(v, "firm.own_brand");
        rules_crit_message(c, "缺少 firm.own_brand");
        return;
    }
    rules_crit_value_text(c, f->firm.own_brand ? "true" : "false");
    set_tri(c, f->firm.own_brand);
    rules_crit_message(c, f->firm.own_brand ? "拥有自主品牌" : "没有自主品牌");
    if (!f->firm.own_brand)
        rules_crit_gap(c, "items", 1, "需拥有直接面向市场的自主品牌");
}

/* R&D of one year against a ratio of that year's operating revenue; the
 * shortfall in fen (0 = passes), or -1 when a fact is missing. */
static int64_t
rd_year_short(rules_verdict *v, const rules_facts *f, int year, rules_ratio t)
{
    const rules_year *y = rules_facts_year(f, year);
    bool h = need_year(v, y, year, RULES_YF_RD_EXPENSE);
    h &= need_year(v, y, year, RULES_YF_OPERATING_REVENUE);
    if (!h)
        return -1;
    int64_t rd = y->v[RULES_YF_RD_EXPENSE], need;
    if (!rules_ratio_min_num(t, y->v[RULES_YF_OPERATING_REVENUE], false, &need))
        return 0; /* overflow: cannot fail a firm on it */
    return rd >= need ? 0 : need - rd;
}

/* Sum of R&D over years Y−n+1..Y as far as known; *complete says whether
 * every year is (a missing year can only add to it). */
static int64_t
rd_sum(rules_verdict *v, const rules_facts *f, int n, bool *complete)
{
    int64_t s = 0;
    *complete = true;
    for (int k = 0; k < n; k++) {
        const rules_year *y = rules_facts_year(f, v->fiscal_year - k);
        if (need_year(v, y, v->fiscal_year - k, RULES_YF_RD_EXPENSE))
            s = sat_add(s, y->v[RULES_YF_RD_EXPENSE] > 0 ? y->v[RULES_YF_RD_EXPENSE] : 0);
        else
            *complete = false;
    }
    return s;
}

/* Fail c with a gap of `gap` fen: "<what_zh>需再增加 N 元". */
static void
rd_fail(rules_criterion_result *c, int64_t gap, const char *what_zh)
{
    char yuan[40];
    rules_text_yuan(c->explain, yuan, sizeof yuan, gap);
    set_tri(c, false);
    rules_crit_gap(c, "fen", gap, "%s需再增加 %s 元", what_zh, yuan);
}

/* Band 0..n−1: each year's ratio, plus the sum. */
static void
rd_banded(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_criterion_result *c,
          int k, open_state *o)
{
    rules_ratio t = e->p[P_RD_BAND_RATIO_MIN].v[k];
    int n = (int)rules_param_int(e, P_RD_YEARS);
    int64_t smin = rules_param_int(e, P_RD_SUM_MIN_FEN);
    char pct[16], lim[40];
    rules_text_pct_short(v->explained, pct, sizeof pct, t);
    rules_text_yuan(v->explained, lim, sizeof lim, smin);
    rules_crit_threshold(c, "each of %d years: R&D ≥ %s of operating revenue%s%s%s", n, pct,
                         smin > 0 ? "; sum ≥ " : "", smin > 0 ? lim : "", smin > 0 ? " 元" : "");
    bool known = true;
    int bad = 0;
    int64_t gap = 0;
    for (int j = 0; j < n; j++) {
        int year = v->fiscal_year - j;
        int64_t s = rd_year_short(v, f, year, t);
        if (s < 0)
            known = false;
        else if (s > 0 && !bad) {
            bad = year;
            gap = s;
        }
    }
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (rules_year_has(y, RULES_YF_RD_EXPENSE) && rules_year_has(y, RULES_YF_OPERATING_REVENUE))
        rules_crit_value_pct(
            c, rules_ratio_make(y->v[RULES_YF_RD_EXPENSE], y->v[RULES_YF_OPERATING_REVENUE]));
    if (bad) {
        char yr[32];
        rules_fmt(v, yr, sizeof yr, "%d年度研发费用", bad);
        rules_crit_message(c, "%d年度研发费用占营业收入比重低于 %s（近 %d 年均须不低于）", bad, pct,
                           n);
        rd_fail(c, gap, yr);
        return;
    }
    bool all = true;
    int64_t sum = smin > 0 ? rd_sum(v, f, n, &all) : 0;
    if (all && sum < smin) {
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, sum);
        rules_crit_message(c, "近 %d 年研发费用合计 %s 元，不足 %s 元", n, yuan, lim);
        rd_fail(c, smin - sum, "研发费用合计");
        return;
    }
    if (!known || sum < smin) {
        o->data = true;
        rules_crit_message(c, "缺少近 %d 年研发费用或营业收入", n);
        return;
    }
    set_tri(c, true);
    rules_crit_message(c, "近 %d 年研发费用占营业收入比重均不低于 %s%s", n, pct,
                       smin > 0 ? "，合计达到要求" : "");
}

/* Below every band: equity AND R&D total AND R&D staff share. */
static void
rd_small(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of,
         rules_criterion_result *c, open_state *o)
{
    int64_t emin = rules_param_int(e, P_RD_SMALL_EQUITY_MIN_FEN),
            rmin = rules_param_int(e, P_RD_SMALL_RD_MIN_FEN);
    int w = (int)rules_param_int(e, P_EQUITY_WINDOW_YEARS),
        n = (int)rules_param_int(e, P_RD_SMALL_RD_YEARS);
    rules_ratio st = rules_param_ratio(e, P_RD_SMALL_STAFF_MIN);
    char el[40], rl[40], sp[16];
    rules_text_yuan(v->explained, el, sizeof el, emin);
    rules_text_yuan(v->explained, rl, sizeof rl, rmin);
    rules_text_pct_short(v->explained, sp, sizeof sp, st);
    rules_crit_threshold(c, "equity in %d years ≥ %s 元, R&D of %d year(s) ≥ %s 元, R&D staff ≥ %s",
                         w, el, n, rl, sp);
    int64_t eq = equity_sum(f, as_of, w);
    rules_crit_value_yuan(c, eq);
    if (eq < emin) {
        rules_crit_message(
            c, "营业收入低于分档下限：近 %d 年合格机构投资者实缴股权融资 %s，不足 %s 元", w,
            c->value, el);
        rd_fail(c, emin - eq, "合格机构投资者实缴股权融资");
        return;
    }
    bool all;
    int64_t sum = rd_sum(v, f, n, &all); /* a missing year can only add */
    if (all && sum < rmin) {
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, sum);
        rules_crit_message(c, "营业收入低于分档下限：研发费用总额 %s 元，不足 %s 元", yuan, rl);
        rd_fail(c, rmin - sum, "研发费用总额");
        return;
    }
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    bool hs = need_year(v, y, v->fiscal_year, RULES_YF_RD_STAFF);
    bool he = need_year(v, y, v->fiscal_year, RULES_YF_EMPLOYEES), h = hs && he;
    int64_t rs = hs ? y->v[RULES_YF_RD_STAFF] : 0, emp = he ? y->v[RULES_YF_EMPLOYEES] : 0;
    if (rules_ratio_ge_open(hs, rs, he, emp, st) == 0) { /* fails whatever is missing */
        int64_t need;
        bool have = h && emp > 0 && rules_ratio_min_num(st, emp, false, &need);
        if (h)
            rules_crit_message(c, "营业收入低于分档下限：研发人员 %lld / 职工 %lld，低于 %s",
                               (long long)rs, (long long)emp, sp);
        else
            rules_crit_message(c, "营业收入低于分档下限：%s，研发人员占比无论如何低于 %s",
                               he ? "职工总数为 0" : "研发人员为 0", sp);
        set_tri(c, false);
        rules_crit_gap(c, "persons", have ? need - rs : 0,
                       "研发人员需再增加 %lld 人（职工总数不变）",
                       (long long)(have ? need - rs : 0));
        return;
    }
    if (!h || sum < rmin) {
        o->data = true;
        rules_crit_message(c, "营业收入低于分档下限：缺少研发费用或研发人员数据");
        return;
    }
    set_tri(c, true);
    rules_crit_message(
        c, "营业收入低于分档下限：股权融资 %s、研发费用 %s 元以上、研发人员占比 %s 以上均满足",
        c->value, rl, sp);
}

/*
 * With Y's operating revenue missing: whether the R&D gate fails whatever it
 * is (POLICY.md §2) — in every band Y's R&D is short of the band's ratio of
 * the least revenue in it, and the small-firm test (which reads no revenue)
 * fails too.
 */
static bool
rd_fails_in_every_band(rules_verdict *v, const rules_edition *e, const rules_facts *f,
                       rules_date as_of, const rules_criterion_result *c)
{
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (!rules_year_has(y, RULES_YF_RD_EXPENSE))
        return false;
    const rules_param_value *edges = &e->p[P_RD_BAND_REVENUE_MIN];
    int64_t up = e->band_edge == RULES_BAND_UPPER_INCLUSIVE; /* "> edge" */
    for (int k = 0; k < edges->n; k++) {
        int64_t need;
        if (!rules_ratio_min_num(e->p[P_RD_BAND_RATIO_MIN].v[k], edges->v[k].num + up, false,
                                 &need) ||
            y->v[RULES_YF_RD_EXPENSE] >= need)
            return false;
    }
    rules_criterion_result probe = *c;
    open_state scratch = {false, false};
    rd_small(v, e, f, as_of, &probe, &scratch);
    return probe.passed == RULES_NO;
}

static void
gate_rd(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of,
        open_state *o)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD);
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (!need_year(v, y, v->fiscal_year, RULES_YF_OPERATING_REVENUE)) {
        /* a lowest edge of 0 puts every revenue in band 0 */
        if (rules_band_find(e, P_RD_BAND_REVENUE_MIN, rules_ratio_make(0, 1)) == 0) {
            rd_banded(v, e, f, c, 0, o);
            return;
        }
        rules_crit_threshold(c, "by %d operating revenue band", v->fiscal_year);
        if (rd_fails_in_every_band(v, e, f, as_of, c)) {
            set_tri(c, false);
            rules_crit_message(c, "缺少%d年度营业收入，但无论落在哪一档，研发费用均不满足要求",
                               v->fiscal_year);
            rules_crit_gap(c, "fen", 0, "补齐%d年度营业收入后可计算研发费用差距", v->fiscal_year);
            return;
        }
        o->data = true;
        rules_crit_message(c, "缺少%d年度营业收入，无法确定研发费用分档", v->fiscal_year);
        return;
    }
    int k = rules_band_find(e, P_RD_BAND_REVENUE_MIN,
                            rules_ratio_make(y->v[RULES_YF_OPERATING_REVENUE], 1));
    if (k < e->p[P_RD_BAND_REVENUE_MIN].n)
        rd_banded(v, e, f, c, k, o);
    else
        rd_small(v, e, f, as_of, c, o);
}

static void
gate_institution(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_INSTITUTION);
    int found = -1;
    for (int i = 0; i < f->n_institutions && found < 0; i++)
        if (rules_param_has_enum(e, P_INSTITUTION_LEVELS, (int)f->institutions[i].level) &&
            f->institutions[i].since <= as_of)
            found = i;
    rules_crit_threshold(c, "≥ 1 established by as_of");
    rules_crit_value_text(c, found >= 0 ? rules_inst_level_names[f->institutions[found].level]
                                        : "none");
    set_tri(c, found >= 0);
    if (found >= 0) {
        rules_crit_message(c, "建有%s研发机构", c->value);
    } else {
        rules_crit_message(c, "未建立研发机构");
        rules_crit_gap(c, "items", 1, "需自建或与高等院校、科研机构联合建立 1 个研发机构");
    }
}

static void
gate_ip(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP);
    bool self_only = rules_param_bool(e, P_IP_SELF_DEVELOPED_ONLY);
    int n = 0;
    for (int i = 0; i < f->n_ip; i++) {
        const rules_ip *ip = &f->ip[i];
        bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
        bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
        if (granted && valid && !ip->disputed && ip->main_product && ip->cls == RULES_IP_CLASS_I &&
            ip->in_use_with_benefit && (!self_only || ip->self_developed))
            n++;
    }
    int64_t min = rules_param_int(e, P_IP_CLASS1_MIN_COUNT),
            wr = rules_param_int(e, P_IP_WAIVER_AWARD_MAX_RANK);
    int year = rules_verdict_year_of(v, as_of), w = (int)rules_param_int(e, P_AWARD_WINDOW_YEARS);
    bool waived = wr > 0 && find_award(f, RULES_AWARD_NATIONAL, wr, year - w, year) >= 0;
    rules_crit_value_int(c, n);
    if (wr > 0)
        rules_crit_threshold(c, "≥ %lld%s, or a national award ranked ≤ %lld since %d",
                             (long long)min, self_only ? " self-developed" : "", (long long)wr,
                             year - w);
    else
        rules_crit_threshold(c, "≥ %lld%s", (long long)min, self_only ? " self-developed" : "");
    set_tri(c, n >= min || waived);
    if (n >= min)
        rules_crit_message(c, "与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权 %d 项", n);
    else if (waived)
        rules_crit_message(c, "Ⅰ类知识产权 %d 项，因近三年国家级科技奖励排名前三免予要求", n);
    else {
        rules_crit_message(
            c, "与主导产品相关、实际应用并产生经济效益的Ⅰ类知识产权 %d 项，不足 %lld 项", n,
            (long long)min);
        rules_crit_gap(c, "items", min - n, "再取得 %lld 项实际应用的Ⅰ类知识产权",
                       (long long)(min - n));
    }
}

static void
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
        return;
    }
    int s = f->platform[found].score;
    rules_crit_value_int(c, s);
    set_tri(c, s >= min);
    rules_crit_message(c, "%d年度专精特新发展评价得分 %d，%s %lld 分", year, s,
                       s >= min ? "不低于" : "低于", (long long)min);
    if (s < min)
        rules_crit_gap(c, "points", min - s, "评价得分还差 %lld 分", (long long)(min - s));
}

/* 2022 创新直通条件; true when one holds. */
static bool
direct_2022(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    int year = rules_verdict_year_of(v, as_of), w = (int)rules_param_int(e, P_AWARD_WINDOW_YEARS);
    int64_t ar = rules_param_int(e, P_DIRECT_AWARD_MAX_RANK),
            cr = rules_param_int(e, P_DIRECT_CONTEST_MAX_RANK);

    rules_criterion_result *c = rules_verdict_add(v, C_DIRECT_AWARD);
    int a = find_award(f, RULES_AWARD_NATIONAL, ar, year - w, year);
    rules_crit_threshold(c, "national, year ≥ %d, rank ≤ %lld", year - w, (long long)ar);
    rules_crit_value_text(c, a >= 0 ? "true" : "false");
    set_tri(c, a >= 0);
    if (a >= 0)
        rules_crit_message(c, "近三年获国家级科技奖励且排名前三（awards[%d]）", a);
    else
        rules_crit_message(c, "近三年无排名前三的国家级科技奖励");

    c = rules_verdict_add(v, C_DIRECT_CONTEST);
    int k = -1;
    for (int i = 0; i < f->n_contests && k < 0; i++)
        if (f->contests[i].rank >= 1 && f->contests[i].rank <= cr &&
            f->contests[i].year >= year - w && f->contests[i].year <= year)
            k = i;
    rules_crit_threshold(c, "year ≥ %d, rank ≤ %lld", year - w, (long long)cr);
    rules_crit_value_text(c, k >= 0 ? "true" : "false");
    set_tri(c, k >= 0);
    if (k >= 0)
        rules_crit_message(c, "近三年进入创客中国全国50强（contests[%d]）", k);
    else
        rules_crit_message(c, "近三年未进入创客中国全国50强");
    return a >= 0 || k >= 0;
}

/* ---- the module ---- */

static void
finish(rules_verdict *v, const open_state *o, bool innovation_by_direct)
{
    bool no = false, unknown = false;
    for (int i = 0; i < v->n_criteria; i++) {
        const rules_criterion_result *c = &v->criteria[i];
        if (c->def->kind != RULES_CRIT_GATE)
            continue;
        bool innov = c->def == &criteria[C_RD] || c->def == &criteria[C_INSTITUTION] ||
                     c->def == &criteria[C_IP];
        if (innov && innovation_by_direct)
            continue; /* the direct condition replaces the general one */
        no |= c->passed == RULES_NO;
        unknown |= c->passed == RULES_UNKNOWN;
    }
    if (no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (unknown) {
        v->outcome = o->data ? RULES_INSUFFICIENT_DATA : RULES_NEEDS_REVIEW;
    } else {
        v->outcome = RULES_ELIGIBLE;
        v->route = innovation_by_direct ? RULES_ROUTE_DIRECT : RULES_ROUTE_CONDITIONS;
    }
}

static int
digital_fact(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    if (!rules_firm_has(&f->firm, RULES_FF_DIGITAL_LEVEL)) {
        rules_verdict_missing(v, "firm.digital_level");
        return -1;
    }
    return f->firm.digital_level >= rules_param_int(e, P_DIGITAL_MIN_LEVEL);
}

static int
cert_fact(rules_verdict *v, const rules_facts *f)
{
    if (!rules_firm_has(&f->firm, RULES_FF_QUALITY)) {
        rules_verdict_missing(v, "firm.quality");
        return -1;
    }
    return f->firm.quality.iso9001;
}

/* 2026: 六基 or a key link of the chain; facts may show it. */
static int
domain_fact_2026(rules_verdict *v, const rules_facts *f)
{
    bool hk = rules_firm_has(&f->firm, RULES_FF_KEY_CHAIN_LINK),
         hs = rules_firm_has(&f->firm, RULES_FF_SIX_FOUNDATIONS);
    if ((hk && f->firm.key_chain_link) || (hs && f->firm.six_foundations))
        return 1;
    if (hk && hs)
        return 0;
    if (!hk)
        rules_verdict_missing(v, "firm.key_chain_link");
    if (!hs)
        rules_verdict_missing(v, "firm.six_foundations");
    return -1;
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    open_state o = {false, false};
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    bool s26 = rules_param_int(e, P_SCHEME) == SCHEME_2026;

    gate_prereq(v, e, f, ctx->as_of);
    gate_niche(v, e, f, &o);
    if (s26)
        gate_revenue(v, e, y, &o);
    gate_ratio(v, C_MAIN_SHARE, y, RULES_YF_MAIN_REVENUE, RULES_YF_OPERATING_REVENUE,
               rules_param_ratio(e, P_MAIN_SHARE_MIN), false, &o);
    gate_growth(v, e, f, &o);
    if (!s26) {
        int d = digital_fact(v, e, f);
        char lvl[48];
        rules_fmt(v, lvl, sizeof lvl, "digital_level ≥ %lld",
                  (long long)rules_param_int(e, P_DIGITAL_MIN_LEVEL));
        gate_officer(v, f, C_DIGITAL, d, lvl, &o);
        gate_officer(v, f, C_CERT, cert_fact(v, f), "quality.iso9001", &o);
    }
    gate_ratio(v, C_DEBT, y, RULES_YF_TOTAL_LIABILITIES, RULES_YF_TOTAL_ASSETS,
               rules_param_ratio(e, P_DEBT_MAX), true, &o);
    gate_market(v, e, f, &o);
    if (!s26)
        gate_brand(v, f, &o);
    gate_rd(v, e, f, ctx->as_of, &o);
    if (!s26)
        gate_institution(v, e, f, ctx->as_of);
    gate_ip(v, e, f, ctx->as_of);
    if (s26) {
        gate_officer(v, f, C_DOMAIN, domain_fact_2026(v, f), "six_foundations or key_chain_link",
                     &o);
        gate_platform(v, e, f, ctx->as_of, &o);
        finish(v, &o, false);
        return;
    }
    gate_officer(v, f, C_CHAIN, -2, NULL, &o);
    gate_officer(v, f, C_DOMAIN, -2, NULL, &o);
    bool direct = direct_2022(v, e, f, ctx->as_of);
    bool general = true;
    for (int i = 0; i < v->n_criteria; i++) {
        const rules_criterion_def *d = v->criteria[i].def;
        if (d == &criteria[C_RD] || d == &criteria[C_INSTITUTION] || d == &criteria[C_IP])
            general &= v->criteria[i].passed == RULES_YES;
    }
    finish(v, &o, direct && !general);
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const rules_param_value *b = &e->p[P_RD_BAND_REVENUE_MIN], *r = &e->p[P_RD_BAND_RATIO_MIN];
    if (b->n != r->n) {
        snprintf(err, errlen, "params.rd_band_ratio_min: one ratio per rd_band_revenue_min edge");
        return -1;
    }
    for (int k = 1; k < b->n; k++)
        if (b->v[k].num >= b->v[k - 1].num) {
            snprintf(err, errlen, "params.rd_band_revenue_min: must be strictly descending");
            return -1;
        }
    if (rules_param_int(e, P_SCHEME) < 1 || rules_param_int(e, P_GROWTH_METHOD) < 1 ||
        rules_param_int(e, P_GROWTH_BASIS) < 1) {
        snprintf(err, errlen, "params.scheme, growth_method and growth_basis must be set");
        return -1;
    }
    /* growth arithmetic is bounded for revenues < 2^50 fen and den ≤ 10^6 */
    rules_ratio g = rules_param_ratio(e, P_GROWTH_MIN);
    if (g.den > 1000000 || g.num < 0 || g.num > g.den) {
        snprintf(err, errlen, "params.growth_min: between 0%% and 100%%, denominator ≤ 1000000");
        return -1;
    }
    int64_t years[] = {rules_param_int(e, P_RD_YEARS), rules_param_int(e, P_RD_SMALL_RD_YEARS)};
    for (size_t i = 0; i < sizeof years / sizeof years[0]; i++)
        if (years[i] < 1 || years[i] > 8) {
            snprintf(err, errlen, "params.rd_years and rd_small_rd_years: 1..8");
            return -1;
        }
    return 0;
}

const rules_module rules_little_giant_module = {
    .id = "little_giant",
    .name_zh = "专精特新\"小巨人\"企业",
    .name_en = "Little giant (specialised and innovative)",
    .recognition = RULES_REC_LITTLE_GIANT,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
