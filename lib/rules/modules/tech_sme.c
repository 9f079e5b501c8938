/*
 * tech_sme: 科技型中小企业评价 (国科发政〔2017〕115号; POLICY.md §4,
 * policy-sources.md §1). The reference module: read it before writing another.
 *
 * Decision, in order:
 *  1. gates (第六条(一)–(四)): resident, employees ≤ max, sales ≤ max,
 *     assets ≤ max, not restricted, no compliance event in the window. A gate
 *     that fails → ineligible; a gate whose fact is missing → insufficient_data,
 *     unless no direct route holds and the pass rule fails even at score_max
 *     (then ineligible whatever the missing facts are, POLICY.md §2).
 *  2. direct routes (第八条): any one holds → eligible, route "direct"; the
 *     score is still reported.
 *  3. score (第七条): staff (20) + R&D (50, the better of /sales and /cost;
 *     a tie goes to /sales; the message records which) + IP (30). Pass:
 *     score ≥ pass_score_min and staff points > staff_points_above. Missing
 *     facts give a score range; the outcome is decided if the pass rule holds
 *     (or fails) across the whole range, else insufficient_data.
 * The fiscal year is the year before as_of (上年度). Every threshold is a
 * named parameter of the edition (sql/editions/tech_sme.json).
 * Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/module.h"

enum {
    P_EMPLOYEES_MAX,
    P_SALES_MAX_FEN,
    P_ASSETS_MAX_FEN,
    P_COMPLIANCE_WINDOW_YEARS,
    P_COMPLIANCE_EVENT_KINDS,
    P_COMPLIANCE_LIST_KINDS,
    P_STAFF_BAND_MIN,
    P_STAFF_BAND_POINTS,
    P_RD_SALES_BAND_MIN,
    P_RD_COST_BAND_MIN,
    P_RD_BAND_POINTS,
    P_IP_CLASS1_MIN_COUNT,
    P_IP_CLASS1_POINTS,
    P_IP_CLASS2_BAND_MIN,
    P_IP_CLASS2_BAND_POINTS,
    P_PASS_SCORE_MIN,
    P_STAFF_POINTS_ABOVE,
    P_HNTE_EXPIRY_DAY_VALID,
    P_AWARD_LEVELS,
    P_AWARD_MAX_RANK,
    P_AWARD_WINDOW_YEARS,
    P_INSTITUTION_LEVELS,
    P_STANDARD_LEVELS,
    P_STANDARD_WINDOW_YEARS,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_EMPLOYEES_MAX] = {"employees_max", RULES_PT_INT, NULL, "职工总数不超过 (第六条(二))"},
    [P_SALES_MAX_FEN] = {"sales_max_fen", RULES_PT_INT, NULL, "年销售收入不超过 (第六条(二))"},
    [P_ASSETS_MAX_FEN] = {"assets_max_fen", RULES_PT_INT, NULL, "资产总额不超过 (第六条(二))"},
    [P_COMPLIANCE_WINDOW_YEARS] = {"compliance_window_years", RULES_PT_INT, NULL,
                                   "上一年及当年: window starts 1 Jan of (as_of year − N)"},
    [P_COMPLIANCE_EVENT_KINDS] = {"compliance_event_kinds", RULES_PT_ENUM_LIST,
                                  rules_compliance_kind_names,
                                  "events that fail the gate when `on` is in the window"},
    [P_COMPLIANCE_LIST_KINDS] =
        {"compliance_list_kinds", RULES_PT_ENUM_LIST, rules_compliance_kind_names,
         "listings that fail the gate when listed at any time in the window"},
    [P_STAFF_BAND_MIN] = {"staff_band_min", RULES_PT_RATIO_LIST, NULL,
                          "科技人员/职工总数 band lower edges, descending"},
    [P_STAFF_BAND_POINTS] = {"staff_band_points", RULES_PT_INT_LIST, NULL, "points per band"},
    [P_RD_SALES_BAND_MIN] = {"rd_sales_band_min", RULES_PT_RATIO_LIST, NULL,
                             "研发费用/销售收入 band lower edges"},
    [P_RD_COST_BAND_MIN] = {"rd_cost_band_min", RULES_PT_RATIO_LIST, NULL,
                            "研发费用/成本费用支出 band lower edges"},
    [P_RD_BAND_POINTS] = {"rd_band_points", RULES_PT_INT_LIST, NULL, "points per R&D band"},
    [P_IP_CLASS1_MIN_COUNT] = {"ip_class1_min_count", RULES_PT_INT, NULL, "Ⅰ类 count for band A"},
    [P_IP_CLASS1_POINTS] = {"ip_class1_points", RULES_PT_INT, NULL, "points of band A"},
    [P_IP_CLASS2_BAND_MIN] = {"ip_class2_band_min", RULES_PT_INT_LIST, NULL,
                              "Ⅱ类 counts of bands B–E, descending"},
    [P_IP_CLASS2_BAND_POINTS] = {"ip_class2_band_points", RULES_PT_INT_LIST, NULL,
                                 "points of bands B–E"},
    [P_PASS_SCORE_MIN] = {"pass_score_min", RULES_PT_INT, NULL,
                          "综合评价所得分值不低于 (第六条(五))"},
    [P_STAFF_POINTS_ABOVE] = {"staff_points_above", RULES_PT_INT, NULL,
                              "科技人员指标得分不得为0分: staff points must exceed this"},
    [P_HNTE_EXPIRY_DAY_VALID] = {"hnte_expiry_day_valid", RULES_PT_BOOL, NULL,
                                 "a 高企 certificate is still valid on its expiry day"},
    [P_AWARD_LEVELS] = {"award_levels", RULES_PT_ENUM_LIST, rules_award_level_names,
                        "国家级科技奖励"},
    [P_AWARD_MAX_RANK] = {"award_max_rank", RULES_PT_INT, NULL, "排在前三名"},
    [P_AWARD_WINDOW_YEARS] = {"award_window_years", RULES_PT_INT, NULL,
                              "近五年内: award year ≥ as_of year − N"},
    [P_INSTITUTION_LEVELS] = {"institution_levels", RULES_PT_ENUM_LIST, rules_inst_level_names,
                              "省部级以上研发机构"},
    [P_STANDARD_LEVELS] = {"standard_levels", RULES_PT_ENUM_LIST, rules_std_level_names,
                           "国际标准、国家标准或行业标准"},
    [P_STANDARD_WINDOW_YEARS] = {"standard_window_years", RULES_PT_INT, NULL,
                                 "近五年内: standard year ≥ as_of year − N"},
};

enum {
    C_RESIDENT,
    C_EMPLOYEES,
    C_SALES,
    C_ASSETS,
    C_NOT_RESTRICTED,
    C_COMPLIANCE,
    C_TECH_STAFF,
    C_RD,
    C_IP,
    C_DIRECT_HNTE,
    C_DIRECT_AWARD,
    C_DIRECT_INSTITUTION,
    C_DIRECT_STANDARD,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_RESIDENT] = {"resident_enterprise",
                    "境内注册居民企业",
                    "Resident enterprise registered in China",
                    RULES_CRIT_GATE,
                    {NULL},
                    0,
                    "第六条(一)"},
    [C_EMPLOYEES] = {"employees",
                     "职工总数",
                     "Total employees",
                     RULES_CRIT_GATE,
                     {"employees_max", NULL},
                     0,
                     "第六条(二)"},
    [C_SALES] = {"sales_revenue",
                 "年销售收入",
                 "Annual sales revenue",
                 RULES_CRIT_GATE,
                 {"sales_max_fen", NULL},
                 0,
                 "第六条(二)"},
    [C_ASSETS] = {"total_assets",
                  "资产总额",
                  "Total assets",
                  RULES_CRIT_GATE,
                  {"assets_max_fen", NULL},
                  0,
                  "第六条(二)"},
    [C_NOT_RESTRICTED] = {"not_restricted",
                          "不属于禁止、限制和淘汰类",
                          "Not a prohibited, restricted or obsolete industry",
                          RULES_CRIT_GATE,
                          {NULL},
                          0,
                          "第六条(三)"},
    [C_COMPLIANCE] = {"compliance",
                      "上一年及当年无重大事故、失信及名录记录",
                      "No major incident or listing in the last and current year",
                      RULES_CRIT_GATE,
                      {"compliance_window_years", "compliance_event_kinds", "compliance_list_kinds",
                       NULL},
                      0,
                      "第六条(四)"},
    [C_TECH_STAFF] = {"tech_staff_ratio",
                      "科技人员指标",
                      "Technical staff ratio",
                      RULES_CRIT_SCORE,
                      {"staff_band_min", "staff_band_points", "staff_points_above", NULL},
                      20,
                      "第七条 附件1"},
    [C_RD] = {"rd_ratio",
              "研发投入指标",
              "R&D intensity (better of /sales and /cost)",
              RULES_CRIT_SCORE,
              {"rd_sales_band_min", "rd_cost_band_min", "rd_band_points", NULL},
              50,
              "第七条 附件1"},
    [C_IP] = {"ip",
              "科技成果指标",
              "Intellectual property",
              RULES_CRIT_SCORE,
              {"ip_class1_min_count", "ip_class1_points", "ip_class2_band_min",
               "ip_class2_band_points", NULL},
              30,
              "第七条 附件1"},
    [C_DIRECT_HNTE] = {"direct_hnte",
                       "拥有有效期内高新技术企业资格证书",
                       "Holds a valid high-tech enterprise certificate",
                       RULES_CRIT_DIRECT,
                       {"hnte_expiry_day_valid", NULL},
                       0,
                       "第八条(一)"},
    [C_DIRECT_AWARD] = {"direct_award",
                        "近五年内获国家级科技奖励并排名前三",
                        "National science award in five years, ranked in the top three",
                        RULES_CRIT_DIRECT,
                        {"award_levels", "award_max_rank", "award_window_years", NULL},
                        0,
                        "第八条(二)"},
    [C_DIRECT_INSTITUTION] = {"direct_institution",
                              "拥有经认定的省部级以上研发机构",
                              "Recognised provincial or national R&D institution",
                              RULES_CRIT_DIRECT,
                              {"institution_levels", NULL},
                              0,
                              "第八条(三)"},
    [C_DIRECT_STANDARD] = {"direct_standard",
                           "近五年内主导制定国际、国家或行业标准",
                           "Led an international, national or industry standard in five years",
                           RULES_CRIT_DIRECT,
                           {"standard_levels", "standard_window_years", NULL},
                           0,
                           "第八条(四)"},
};

/* ---- small helpers ---- */

static void
set_tri(rules_criterion_result *c, bool known, bool ok)
{
    c->passed = !known ? RULES_UNKNOWN : ok ? RULES_YES : RULES_NO;
}

/* Threshold text of band k of a ratio band table: "≥ 25% and < 30%". */
static void
band_threshold(rules_criterion_result *c, const rules_edition *e, int mins, int k,
               const char *prefix)
{
    if (!c->explain)
        return;
    const rules_param_value *m = &e->p[mins];
    bool lower = e->band_edge == RULES_BAND_LOWER_INCLUSIVE;
    char lo[24], hi[24];
    if (k >= m->n) {
        rules_text_pct_short(c->explain, lo, sizeof lo, m->v[m->n - 1]);
        rules_crit_threshold(c, "%s%s %s", prefix, lower ? "<" : "≤", lo);
        return;
    }
    rules_text_pct_short(c->explain, lo, sizeof lo, m->v[k]);
    if (k == 0) {
        rules_crit_threshold(c, "%s%s %s", prefix, lower ? "≥" : ">", lo);
        return;
    }
    rules_text_pct_short(c->explain, hi, sizeof hi, m->v[k - 1]);
    rules_crit_threshold(c, "%s%s %s and %s %s", prefix, lower ? "≥" : ">", lo, lower ? "<" : "≤",
                         hi);
}

static int
band_points(const rules_edition *e, int pts, int k)
{
    return k < e->p[pts].n ? (int)e->p[pts].v[k].num : 0;
}

/* Least numerator reaching band k-1 (the next band up) over den. */
static bool
next_band_num(const rules_edition *e, int mins, int k, int64_t den, int64_t *out)
{
    if (k == 0)
        return false;
    int target = k - 1;
    return rules_ratio_min_num(e->p[mins].v[target], den,
                               e->band_edge == RULES_BAND_UPPER_INCLUSIVE, out);
}

/* ---- gates ---- */

static void
gate_limit(rules_verdict *v, int crit, const rules_year *y, int fld, int64_t max, bool money,
           const char *unit_zh)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    char lim[40];
    if (money && rules_explaining(v))
        rules_text_yuan(v->explained, lim, sizeof lim, max);
    else
        rules_fmt(v, lim, sizeof lim, "%lld", (long long)max);
    rules_crit_threshold(c, "≤ %s%s", lim, unit_zh);
    if (!rules_year_has(y, (rules_year_field)fld)) {
        rules_verdict_missing_year(v, v->fiscal_year, fld);
        rules_crit_message(c, "缺少%d年度%s", v->fiscal_year, c->def->label_zh);
        return;
    }
    int64_t x = y->v[fld];
    if (money)
        rules_crit_value_yuan(c, x);
    else
        rules_crit_value_int(c, x);
    set_tri(c, true, x <= max);
    if (x <= max) {
        rules_crit_message(c, "%d年度%s %s%s，不超过 %s%s", v->fiscal_year, c->def->label_zh,
                           c->value, money ? "" : unit_zh, lim, unit_zh);
        return;
    }
    char over[40];
    if (money && rules_explaining(v))
        rules_text_yuan(v->explained, over, sizeof over, x - max);
    else
        rules_fmt(v, over, sizeof over, "%lld", (long long)(x - max));
    rules_crit_message(c, "%d年度%s %s%s，超过上限 %s%s", v->fiscal_year, c->def->label_zh,
                       c->value, money ? "" : unit_zh, lim, unit_zh);
    rules_crit_gap(c, money ? "fen" : "persons", x - max, "超出上限 %s%s", over, unit_zh);
}

static void
gate_bool(rules_verdict *v, int crit, const rules_facts *f, rules_firm_field fld, bool want)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    rules_crit_threshold(c, "%s", want ? "true" : "false");
    if (!rules_firm_has(&f->firm, fld)) {
        rules_verdict_missing(v, "firm.%s", rules_firm_field_names[fld]);
        rules_crit_message(c, "缺少 firm.%s", rules_firm_field_names[fld]);
        return;
    }
    bool x = fld == RULES_FF_RESIDENT_ENTERPRISE ? f->firm.resident_enterprise
                                                 : f->firm.restricted_industry;
    rules_crit_value_text(c, x ? "true" : "false");
    set_tri(c, true, x == want);
    rules_crit_message(c, "%s%s", x == want ? "符合：" : "不符合：", c->def->label_zh);
}

static void
gate_compliance(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_COMPLIANCE);
    int from_year =
        rules_verdict_year_of(v, as_of) - (int)rules_param_int(e, P_COMPLIANCE_WINDOW_YEARS);
    rules_date from = rules_date_from_ymd(from_year, 1, 1);
    char a[11], b[11];
    rules_crit_threshold(c, "no event in %s..%s", rules_text_date(v->explained, from, a, sizeof a),
                         rules_text_date(v->explained, as_of, b, sizeof b));
    int hits = 0, first = -1;
    for (int i = 0; i < f->n_compliance; i++) {
        const rules_compliance_event *ev = &f->compliance[i];
        bool hit = false;
        if (rules_param_has_enum(e, P_COMPLIANCE_EVENT_KINDS, (int)ev->kind))
            hit = ev->on >= from && ev->on <= as_of;
        else if (rules_param_has_enum(e, P_COMPLIANCE_LIST_KINDS, (int)ev->kind))
            hit = ev->on <= as_of && (ev->cleared_on == RULES_DATE_NONE || ev->cleared_on >= from);
        if (hit && hits++ == 0)
            first = i;
    }
    rules_crit_value_int(c, hits);
    set_tri(c, true, hits == 0);
    if (hits == 0) {
        rules_crit_message(c, "%s 至 %s 期间无不良记录", a, b);
    } else {
        char on[11];
        rules_crit_message(c, "%s 至 %s 期间有 %d 条不良记录（compliance[%d] %s，%s）", a, b, hits,
                           first, rules_compliance_kind_names[f->compliance[first].kind],
                           rules_text_date(v->explained, f->compliance[first].on, on, sizeof on));
    }
}

/* ---- direct routes ---- */

static void
direct_routes(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    int year = rules_verdict_year_of(v, as_of);
    rules_criterion_result *c = rules_verdict_add(v, C_DIRECT_HNTE);
    bool day_ok = rules_param_bool(e, P_HNTE_EXPIRY_DAY_VALID);
    int found = -1;
    for (int i = 0; i < f->n_recognitions && found < 0; i++) {
        const rules_recognition *r = &f->recognitions[i];
        if (r->kind != RULES_REC_HIGH_TECH || r->issued_on > as_of)
            continue;
        if (r->expires_on == RULES_DATE_NONE || as_of < r->expires_on ||
            (as_of == r->expires_on && day_ok))
            found = i;
    }
    rules_crit_threshold(c, "valid on as_of%s", day_ok ? " (expiry day counts)" : "");
    set_tri(c, true, found >= 0);
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    if (found >= 0)
        rules_crit_message(c, "拥有有效期内高新技术企业证书（recognitions[%d]）", found);
    else
        rules_crit_message(c, "无有效期内高新技术企业证书");

    c = rules_verdict_add(v, C_DIRECT_AWARD);
    int window = (int)rules_param_int(e, P_AWARD_WINDOW_YEARS);
    int max_rank = (int)rules_param_int(e, P_AWARD_MAX_RANK);
    found = -1;
    for (int i = 0; i < f->n_awards && found < 0; i++) {
        const rules_award *a = &f->awards[i];
        if (rules_param_has_enum(e, P_AWARD_LEVELS, (int)a->level) && a->rank >= 1 &&
            a->rank <= max_rank && a->year >= year - window && a->year <= year)
            found = i;
    }
    rules_crit_threshold(c, "year ≥ %d, rank ≤ %d", year - window, max_rank);
    set_tri(c, true, found >= 0);
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    if (found >= 0)
        rules_crit_message(c, "%d 年获国家级科技奖励，排名第 %d（awards[%d]）",
                           f->awards[found].year, f->awards[found].rank, found);
    else
        rules_crit_message(c, "%d 年以来无排名前 %d 的国家级科技奖励", year - window, max_rank);

    c = rules_verdict_add(v, C_DIRECT_INSTITUTION);
    found = -1;
    for (int i = 0; i < f->n_institutions && found < 0; i++) {
        const rules_institution *r = &f->institutions[i];
        if (rules_param_has_enum(e, P_INSTITUTION_LEVELS, (int)r->level) && r->since <= as_of)
            found = i;
    }
    rules_crit_threshold(c, "recognised on or before as_of");
    set_tri(c, true, found >= 0);
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    rules_crit_message(c, found >= 0 ? "拥有经认定的省部级以上研发机构" : "无省部级以上研发机构");

    c = rules_verdict_add(v, C_DIRECT_STANDARD);
    window = (int)rules_param_int(e, P_STANDARD_WINDOW_YEARS);
    found = -1;
    for (int i = 0; i < f->n_standards && found < 0; i++) {
        const rules_standard *s = &f->standards[i];
        if (s->role == RULES_ROLE_LEAD &&
            rules_param_has_enum(e, P_STANDARD_LEVELS, (int)s->level) && s->year >= year - window &&
            s->year <= year)
            found = i;
    }
    rules_crit_threshold(c, "led, year ≥ %d", year - window);
    set_tri(c, true, found >= 0);
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    if (found >= 0)
        rules_crit_message(c, "%d 年主导制定%s标准（standards[%d]）", f->standards[found].year,
                           rules_std_level_names[f->standards[found].level], found);
    else
        rules_crit_message(c, "%d 年以来未主导制定国际、国家或行业标准", year - window);
}

/* ---- score ---- */

typedef struct score_part {
    int min, max;
} score_part;

static score_part
score_staff(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_TECH_STAFF);
    int above = (int)rules_param_int(e, P_STAFF_POINTS_ABOVE);
    bool he = rules_year_has(y, RULES_YF_EMPLOYEES), ht = rules_year_has(y, RULES_YF_TECH_STAFF);
    if (!he || !ht) {
        if (!he)
            rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_EMPLOYEES);
        if (!ht)
            rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_TECH_STAFF);
        rules_crit_threshold(c, "points > %d", above);
        /* decided anyway when 0 tech staff (the ratio is 0 or undefined) or
         * no employees (undefined) leave one band (POLICY.md §2) */
        int lo, hi;
        rules_band_points_year(e, P_STAFF_BAND_MIN, P_STAFF_BAND_POINTS, y, RULES_YF_TECH_STAFF,
                               RULES_YF_EMPLOYEES, &lo, &hi);
        if (lo != hi) {
            rules_crit_message(c, "缺少%d年度职工总数或科技人员数", v->fiscal_year);
            return (score_part){0, c->max_points};
        }
        c->has_points = true;
        c->points = lo;
        set_tri(c, true, lo > above);
        rules_crit_message(c, "缺少%d年度%s，但%s，无论其多少科技人员指标均得 %d 分",
                           v->fiscal_year, ht ? "职工总数" : "科技人员数",
                           ht ? "科技人员为 0" : "职工总数为 0", lo);
        return (score_part){lo, lo};
    }
    int64_t t = y->v[RULES_YF_TECH_STAFF], n = y->v[RULES_YF_EMPLOYEES];
    rules_ratio r = rules_ratio_make(t, n);
    int k = rules_band_find(e, P_STAFF_BAND_MIN, r);
    int pts = band_points(e, P_STAFF_BAND_POINTS, k);
    rules_crit_value_pct(c, r);
    band_threshold(c, e, P_STAFF_BAND_MIN, k, "");
    c->has_points = true;
    c->points = pts;
    set_tri(c, true, pts > above);
    rules_crit_message(c, "科技人员 %lld 人 / 职工总数 %lld 人 = %s，得 %d 分%s", (long long)t,
                       (long long)n, c->value, pts,
                       pts > above ? "" : "（科技人员指标得分不得为0分）");
    int64_t need;
    if (n > 0 && next_band_num(e, P_STAFF_BAND_MIN, k, n, &need) && need > t) {
        char pct[24];
        rules_text_pct_short(v->explained, pct, sizeof pct, e->p[P_STAFF_BAND_MIN].v[k - 1]);
        rules_crit_gap(c, "persons", need - t,
                       "科技人员再增加 %lld 人（职工总数不变），占比可达 %s，得 %d 分",
                       (long long)(need - t), pct, band_points(e, P_STAFF_BAND_POINTS, k - 1));
    }
    return (score_part){pts, pts};
}

static score_part
score_rd(rules_verdict *v, const rules_edition *e, const rules_year *y, int *soft_fld)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD);
    int top = band_points(e, P_RD_BAND_POINTS, 0);
    if (!rules_year_has(y, RULES_YF_RD_EXPENSE)) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_RD_EXPENSE);
        bool hs = rules_year_has(y, RULES_YF_SALES_REVENUE),
             hc = rules_year_has(y, RULES_YF_COST_EXPENSE);
        int slo, shi, clo, chi;
        rules_band_points_open(e, P_RD_SALES_BAND_MIN, P_RD_BAND_POINTS, false, 0, hs,
                               hs ? y->v[RULES_YF_SALES_REVENUE] : 0, &slo, &shi);
        rules_band_points_open(e, P_RD_COST_BAND_MIN, P_RD_BAND_POINTS, false, 0, hc,
                               hc ? y->v[RULES_YF_COST_EXPENSE] : 0, &clo, &chi);
        if (slo == shi && clo == chi) {
            /* both ratios undefined whatever the R&D (POLICY.md §2) */
            int pts = slo > clo ? slo : clo;
            c->has_points = true;
            c->points = pts;
            set_tri(c, true, pts > 0);
            rules_crit_message(c,
                               "缺少%d年度研发费用总额，但销售收入与成本费用支出均为 0，得 %d 分",
                               v->fiscal_year, pts);
            return (score_part){pts, pts};
        }
        rules_crit_message(c, "缺少%d年度研发费用总额", v->fiscal_year);
        return (score_part){0, top};
    }
    int64_t rd = y->v[RULES_YF_RD_EXPENSE];
    bool hs = rules_year_has(y, RULES_YF_SALES_REVENUE),
         hc = rules_year_has(y, RULES_YF_COST_EXPENSE);
    int ks = 0, kc = 0, ps = -1, pc = -1;
    if (hs) {
        ks = rules_band_find(e, P_RD_SALES_BAND_MIN,
                             rules_ratio_make(rd, y->v[RULES_YF_SALES_REVENUE]));
        ps = band_points(e, P_RD_BAND_POINTS, ks);
    }
    if (hc) {
        kc = rules_band_find(e, P_RD_COST_BAND_MIN,
                             rules_ratio_make(rd, y->v[RULES_YF_COST_EXPENSE]));
        pc = band_points(e, P_RD_BAND_POINTS, kc);
    }
    /* the points a missing denominator leaves open: R&D of 0 scores the
     * same over any denominator (POLICY.md §2) */
    int slo = 0, shi = top, clo = 0, chi = top;
    if (!hs)
        rules_band_points_open(e, P_RD_SALES_BAND_MIN, P_RD_BAND_POINTS, true, rd, false, 0, &slo,
                               &shi);
    if (!hc)
        rules_band_points_open(e, P_RD_COST_BAND_MIN, P_RD_BAND_POINTS, true, rd, false, 0, &clo,
                               &chi);
    if (!hs && !hc) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_SALES_REVENUE);
        int lo = slo > clo ? slo : clo, hi = shi > chi ? shi : chi;
        if (lo != hi) {
            *soft_fld = RULES_YF_COST_EXPENSE;
            rules_crit_message(c, "缺少%d年度销售收入与成本费用支出总额", v->fiscal_year);
            return (score_part){0, top};
        }
        c->has_points = true;
        c->points = lo;
        set_tri(c, true, lo > 0);
        char yuan[40];
        rules_text_yuan(v->explained, yuan, sizeof yuan, rd);
        rules_crit_message(
            c, "缺少%d年度销售收入与成本费用支出总额，但研发费用 %s 元，无论其多少均得 %d 分",
            v->fiscal_year, yuan, lo);
        return (score_part){lo, lo};
    }
    bool by_sales = ps >= pc; /* tie → /sales */
    int mins = by_sales ? P_RD_SALES_BAND_MIN : P_RD_COST_BAND_MIN;
    int k = by_sales ? ks : kc;
    int64_t den = by_sales ? y->v[RULES_YF_SALES_REVENUE] : y->v[RULES_YF_COST_EXPENSE];
    int pts = by_sales ? ps : pc;
    rules_crit_value_pct(c, rules_ratio_make(rd, den));
    band_threshold(c, e, mins, k, by_sales ? "R&D/sales " : "R&D/cost ");
    c->has_points = true;
    c->points = pts;
    set_tri(c, true, pts > 0);
    char other[96] = "";
    if (hs && hc) {
        char pct[16];
        rules_text_pct(v->explained, pct, sizeof pct,
                       rules_ratio_make(rd, by_sales ? y->v[RULES_YF_COST_EXPENSE]
                                                     : y->v[RULES_YF_SALES_REVENUE]));
        rules_fmt(v, other, sizeof other, "；%s %s 得 %d 分",
                  by_sales ? "按成本费用" : "按销售收入", pct, by_sales ? pc : ps);
    }
    rules_crit_message(c, "按研发费用/%s计分：%s，得 %d 分%s",
                       by_sales ? "销售收入" : "成本费用支出总额", c->value, pts, other);
    int64_t need;
    if (den > 0 && next_band_num(e, mins, k, den, &need) && need > rd) {
        char yuan[40], pct[24];
        rules_text_yuan(v->explained, yuan, sizeof yuan, need - rd);
        rules_text_pct_short(v->explained, pct, sizeof pct, e->p[mins].v[k - 1]);
        rules_crit_gap(c, "fen", need - rd, "研发费用再增加 %s 元（%s不变），可达 %s，得 %d 分",
                       yuan, by_sales ? "销售收入" : "成本费用", pct,
                       band_points(e, P_RD_BAND_POINTS, k - 1));
    }
    int max = pts;
    if (!hc && chi > max) { /* the /cost measure is unknown and could score higher */
        max = chi;
        *soft_fld = RULES_YF_COST_EXPENSE;
    }
    if (!hs && shi > max) { /* likewise /sales */
        max = shi;
        *soft_fld = RULES_YF_SALES_REVENUE;
    }
    return (score_part){pts, max};
}

static score_part
score_ip(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP);
    int n1 = 0, n2 = 0;
    for (int i = 0; i < f->n_ip; i++) {
        const rules_ip *ip = &f->ip[i];
        bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
        bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
        if (!granted || !valid || ip->disputed || !ip->main_product)
            continue;
        if (ip->cls == RULES_IP_CLASS_I)
            n1++;
        else if (ip->cls == RULES_IP_CLASS_II)
            n2++;
    }
    int64_t min1 = rules_param_int(e, P_IP_CLASS1_MIN_COUNT);
    int p1 = n1 >= min1 ? (int)rules_param_int(e, P_IP_CLASS1_POINTS) : 0;
    const rules_param_value *m2 = &e->p[P_IP_CLASS2_BAND_MIN];
    int k2 = m2->n;
    for (int k = 0; k < m2->n; k++)
        if (n2 >= m2->v[k].num) {
            k2 = k;
            break;
        }
    int p2 = band_points(e, P_IP_CLASS2_BAND_POINTS, k2);
    int pts = p1 > p2 ? p1 : p2;
    rules_crit_value_fmt(c, "Ⅰ类 %d, Ⅱ类 %d", n1, n2);
    c->has_exact = true;
    c->exact = rules_ratio_make(pts == p1 && p1 > 0 ? n1 : n2, 1);
    rules_crit_threshold(c, "Ⅰ类 ≥ %lld: %lld; Ⅱ类 ≥ %lld: %lld", (long long)min1,
                         (long long)rules_param_int(e, P_IP_CLASS1_POINTS), (long long)m2->v[0].num,
                         (long long)e->p[P_IP_CLASS2_BAND_POINTS].v[0].num);
    c->has_points = true;
    c->points = pts;
    set_tri(c, true, pts > 0);
    rules_crit_message(c,
                       "有效期内、无争议、与主要产品相关的知识产权：Ⅰ类 %d 项，Ⅱ类 %d 项，得 %d 分",
                       n1, n2, pts);
    if (p1 == 0) {
        if (k2 > 0)
            rules_crit_gap(c, "items", m2->v[k2 - 1].num - n2,
                           "再获得 %lld 项Ⅱ类知识产权可得 %d 分，或 %lld 项Ⅰ类可得 %lld 分",
                           (long long)(m2->v[k2 - 1].num - n2),
                           band_points(e, P_IP_CLASS2_BAND_POINTS, k2 - 1), (long long)(min1 - n1),
                           (long long)rules_param_int(e, P_IP_CLASS1_POINTS));
        else
            rules_crit_gap(c, "items", min1 - n1, "再获得 %lld 项Ⅰ类知识产权可得 %lld 分",
                           (long long)(min1 - n1),
                           (long long)rules_param_int(e, P_IP_CLASS1_POINTS));
    }
    return (score_part){pts, pts};
}

/* ---- the module ---- */

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    const rules_year *y = rules_facts_year(f, v->fiscal_year);

    gate_bool(v, C_RESIDENT, f, RULES_FF_RESIDENT_ENTERPRISE, true);
    gate_limit(v, C_EMPLOYEES, y, RULES_YF_EMPLOYEES, rules_param_int(e, P_EMPLOYEES_MAX), false,
               " 人");
    gate_limit(v, C_SALES, y, RULES_YF_SALES_REVENUE, rules_param_int(e, P_SALES_MAX_FEN), true,
               " 元");
    gate_limit(v, C_ASSETS, y, RULES_YF_TOTAL_ASSETS, rules_param_int(e, P_ASSETS_MAX_FEN), true,
               " 元");
    gate_bool(v, C_NOT_RESTRICTED, f, RULES_FF_RESTRICTED_INDUSTRY, false);
    gate_compliance(v, e, f, ctx->as_of);

    int soft_fld = -1;
    score_part s = score_staff(v, e, y);
    score_part r = score_rd(v, e, y, &soft_fld);
    score_part p = score_ip(v, e, f, ctx->as_of);
    v->score_min = s.min + r.min + p.min;
    v->score_max = s.max + r.max + p.max;
    v->score_known = v->score_min == v->score_max;
    v->score = v->score_min;

    direct_routes(v, e, f, ctx->as_of);

    bool gate_no = false, gate_unknown = false, direct = false;
    for (int i = 0; i < v->n_criteria; i++) {
        const rules_criterion_result *c = &v->criteria[i];
        if (c->def->kind == RULES_CRIT_GATE) {
            gate_no |= c->passed == RULES_NO;
            gate_unknown |= c->passed == RULES_UNKNOWN;
        } else if (c->def->kind == RULES_CRIT_DIRECT) {
            direct |= c->passed == RULES_YES;
        }
    }
    int64_t pass_min = rules_param_int(e, P_PASS_SCORE_MIN);
    int64_t above = rules_param_int(e, P_STAFF_POINTS_ABOVE);
    bool hi = v->score_max >= pass_min && s.max > above;
    if (gate_no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (!direct && !hi) {
        /* the pass rule fails at the top of the range: ineligible whatever
         * the missing gate facts are (POLICY.md §2) */
        v->outcome = RULES_INELIGIBLE;
        v->route = RULES_ROUTE_SCORE;
    } else if (gate_unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else if (direct) {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_DIRECT;
    } else {
        v->route = RULES_ROUTE_SCORE;
        bool lo = v->score_min >= pass_min && s.min > above;
        v->outcome = lo ? RULES_ELIGIBLE : RULES_INSUFFICIENT_DATA;
        if (v->outcome == RULES_INSUFFICIENT_DATA && soft_fld >= 0)
            rules_verdict_missing_year(v, v->fiscal_year, soft_fld);
    }
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const struct {
        int a, b;
    } same[] = {{P_STAFF_BAND_MIN, P_STAFF_BAND_POINTS},
                {P_RD_SALES_BAND_MIN, P_RD_BAND_POINTS},
                {P_RD_COST_BAND_MIN, P_RD_BAND_POINTS},
                {P_IP_CLASS2_BAND_MIN, P_IP_CLASS2_BAND_POINTS}};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (e->p[same[i].a].n != e->p[same[i].b].n) {
            snprintf(err, errlen, "params.%s and params.%s differ in length",
                     params[same[i].a].name, params[same[i].b].name);
            return -1;
        }
    const struct {
        int pts, crit;
    } tops[] = {{P_STAFF_BAND_POINTS, C_TECH_STAFF}, {P_RD_BAND_POINTS, C_RD}};
    for (size_t i = 0; i < sizeof tops / sizeof tops[0]; i++)
        if (e->p[tops[i].pts].v[0].num != criteria[tops[i].crit].max_points) {
            snprintf(err, errlen, "params.%s: top band must give %d points (criteria table)",
                     params[tops[i].pts].name, criteria[tops[i].crit].max_points);
            return -1;
        }
    if (rules_param_int(e, P_IP_CLASS1_POINTS) != criteria[C_IP].max_points) {
        snprintf(err, errlen, "params.ip_class1_points: must be %d (criteria table)",
                 criteria[C_IP].max_points);
        return -1;
    }
    return 0;
}

const rules_module rules_tech_sme_module = {
    .id = "tech_sme",
    .name_zh = "科技型中小企业",
    .name_en = "Technology-based SME",
    .recognition = RULES_REC_TECH_SME,
    .scored = true,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
