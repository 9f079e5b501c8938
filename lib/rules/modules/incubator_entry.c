/*
 * incubator_entry: 在孵企业 entry (国科发区〔2018〕300号 第九条(九); POLICY.md §4,
 * policy-sources.md §4.2). All conditions, no score.
 *
 * Decision, in order:
 *  1. the 科技型中小企业 gates ("应满足科技型中小企业相关要求", read as the
 *     hard preconditions of 国科发政〔2017〕115号 第六条(一)–(四)): resident,
 *     employees ≤ max, sales ≤ max, assets ≤ max, not restricted, no
 *     compliance event in the window. Their thresholds are parameters of this
 *     module's edition (a copy of the 115号 values), so an incubator edition
 *     can change without touching tech_sme.
 *  2. age at entry: entry date ≤ established_on + entry_age_max_months
 *     (calendar months, day clamped; the end day counts: "不超过24个月").
 *     The entry date is incubation.entry_on when recorded, else as_of (an
 *     applicant evaluated on its application date).
 *  3. registered and working on the incubator's site: an officer's fact, read
 *     from expert_scores["incubator_entry.on_site"] (score 1 = confirmed,
 *     0 = officer found it is not; anything else is not a confirmation).
 * A gate that fails → ineligible; a fact missing → insufficient_data; all
 * facts pass but the site is not confirmed → needs_review; else eligible,
 * route "conditions".
 * Fiscal year: the year before as_of (上年度). When the firm was established
 * after that year ended and the edition says new_firm_uses_current_year, the
 * size gates read years.{as_of year} instead (a firm under 24 months old
 * often has no closed fiscal year); the message says which year was used.
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
    P_NEW_FIRM_USES_CURRENT_YEAR,
    P_ENTRY_AGE_MAX_MONTHS,
    P_ON_SITE_CONFIRMED_SCORE,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_EMPLOYEES_MAX] = {"employees_max", RULES_PT_INT, NULL,
                         "职工总数不超过 (115号 第六条(二), via 300号 第九条(九))"},
    [P_SALES_MAX_FEN] = {"sales_max_fen", RULES_PT_INT, NULL,
                         "年销售收入不超过 (115号 第六条(二))"},
    [P_ASSETS_MAX_FEN] = {"assets_max_fen", RULES_PT_INT, NULL,
                          "资产总额不超过 (115号 第六条(二))"},
    [P_COMPLIANCE_WINDOW_YEARS] = {"compliance_window_years", RULES_PT_INT, NULL,
                                   "上一年及当年: window starts 1 Jan of (as_of year − N)"},
    [P_COMPLIANCE_EVENT_KINDS] = {"compliance_event_kinds", RULES_PT_ENUM_LIST,
                                  rules_compliance_kind_names,
                                  "events that fail the gate when `on` is in the window"},
    [P_COMPLIANCE_LIST_KINDS] =
        {"compliance_list_kinds", RULES_PT_ENUM_LIST, rules_compliance_kind_names,
         "listings that fail the gate when listed at any time in the window"},
    [P_NEW_FIRM_USES_CURRENT_YEAR] = {"new_firm_uses_current_year", RULES_PT_BOOL, NULL,
                                      "a firm established after the fiscal year ended is sized "
                                      "on years.{as_of year}"},
    [P_ENTRY_AGE_MAX_MONTHS] = {"entry_age_max_months", RULES_PT_INT, NULL,
                                "入驻时成立时间不超过 N 个月 (300号 第九条(九))"},
    [P_ON_SITE_CONFIRMED_SCORE] = {"on_site_confirmed_score", RULES_PT_INT, NULL,
                                   "expert_scores score meaning 'officer confirmed on site'"},
};

enum {
    C_RESIDENT,
    C_EMPLOYEES,
    C_SALES,
    C_ASSETS,
    C_NOT_RESTRICTED,
    C_COMPLIANCE,
    C_ENTRY_AGE,
    C_ON_SITE,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_RESIDENT] = {"resident_enterprise",
                    "境内注册居民企业",
                    "Resident enterprise registered in China",
                    RULES_CRIT_GATE,
                    {NULL},
                    0,
                    "第九条(九); 国科发政〔2017〕115号 第六条(一)"},
    [C_EMPLOYEES] = {"employees",
                     "职工总数",
                     "Total employees",
                     RULES_CRIT_GATE,
                     {"employees_max", "new_firm_uses_current_year", NULL},
                     0,
                     "第九条(九); 国科发政〔2017〕115号 第六条(二)"},
    [C_SALES] = {"sales_revenue",
                 "年销售收入",
                 "Annual sales revenue",
                 RULES_CRIT_GATE,
                 {"sales_max_fen", "new_firm_uses_current_year", NULL},
                 0,
                 "第九条(九); 国科发政〔2017〕115号 第六条(二)"},
    [C_ASSETS] = {"total_assets",
                  "资产总额",
                  "Total assets",
                  RULES_CRIT_GATE,
                  {"assets_max_fen", "new_firm_uses_current_year", NULL},
                  0,
                  "第九条(九); 国科发政〔2017〕115号 第六条(二)"},
    [C_NOT_RESTRICTED] = {"not_restricted",
                          "不属于禁止、限制和淘汰类",
                          "Not a prohibited, restricted or obsolete industry",
                          RULES_CRIT_GATE,
                          {NULL},
                          0,
                          "第九条(九); 国科发政〔2017〕115号 第六条(三)"},
    [C_COMPLIANCE] = {"compliance",
                      "上一年及当年无重大事故、失信及名录记录",
                      "No major incident or listing in the last and current year",
                      RULES_CRIT_GATE,
                      {"compliance_window_years", "compliance_event_kinds", "compliance_list_kinds",
                       NULL},
                      0,
                      "第九条(九); 国科发政〔2017〕115号 第六条(四)"},
    [C_ENTRY_AGE] = {"entry_age",
                     "入驻时成立时间不超过24个月",
                     "Firm age at entry within the limit",
                     RULES_CRIT_GATE,
                     {"entry_age_max_months", NULL},
                     0,
                     "第九条(九)"},
    [C_ON_SITE] = {"on_site",
                   "注册地和主要研发、办公场所在本孵化器场地内",
                   "Registered and working on the incubator's site (officer confirms)",
                   RULES_CRIT_GATE,
                   {"on_site_confirmed_score", NULL},
                   0,
                   "第九条(九)"},
};

static void
set_tri(rules_criterion_result *c, bool ok)
{
    c->passed = ok ? RULES_YES : RULES_NO;
}

/* The year whose object sizes the firm (see the header). */
static int
size_year(const rules_edition *e, const rules_facts *f, int fiscal_year)
{
    if (!rules_param_bool(e, P_NEW_FIRM_USES_CURRENT_YEAR) ||
        !rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON))
        return fiscal_year;
    if (f->firm.established_on > rules_date_from_ymd(fiscal_year, 12, 31))
        return fiscal_year + 1;
    return fiscal_year;
}

static void
gate_limit(rules_verdict *v, int crit, const rules_facts *f, int year, int fld, int64_t max,
           bool money)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    const rules_year *y = rules_facts_year(f, year);
    const char *unit = money ? " 元" : " 人";
    char lim[40];
    if (money && rules_explaining(v))
        rules_text_yuan(v->explained, lim, sizeof lim, max);
    else
        rules_fmt(v, lim, sizeof lim, "%lld", (long long)max);
    rules_crit_threshold(c, "≤ %s%s", lim, unit);
    if (!rules_year_has(y, (rules_year_field)fld)) {
        rules_verdict_missing_year(v, year, fld);
        rules_crit_message(c, "缺少%d年度%s", year, c->def->label_zh);
        return;
    }
    int64_t x = y->v[fld];
    if (money)
        rules_crit_value_yuan(c, x);
    else
        rules_crit_value_int(c, x);
    set_tri(c, x <= max);
    if (x <= max) {
        rules_crit_message(c, "%d年度%s %s%s，不超过 %s%s", year, c->def->label_zh, c->value,
                           money ? "" : unit, lim, unit);
        return;
    }
    char over[40];
    if (money && rules_explaining(v))
        rules_text_yuan(v->explained, over, sizeof over, x - max);
    else
        rules_fmt(v, over, sizeof over, "%lld", (long long)(x - max));
    rules_crit_message(c, "%d年度%s %s%s，超过上限 %s%s", year, c->def->label_zh, c->value,
                       money ? "" : unit, lim, unit);
    rules_crit_gap(c, money ? "fen" : "persons", x - max, "超出上限 %s%s", over, unit);
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
    set_tri(c, x == want);
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
    set_tri(c, hits == 0);
    if (hits == 0) {
        rules_crit_message(c, "%s 至 %s 期间无不良记录", a, b);
    } else {
        char on[11];
        rules_crit_message(c, "%s 至 %s 期间有 %d 条不良记录（compliance[%d] %s，%s）", a, b, hits,
                           first, rules_compliance_kind_names[f->compliance[first].kind],
                           rules_text_date(v->explained, f->compliance[first].on, on, sizeof on));
    }
}

/* "N 个月 D 天" from a to b (b ≥ a); exact value in days. */
static void
value_age(rules_criterion_result *c, rules_date a, rules_date b)
{
    int months = rules_date_months_between(a, b);
    int days = (int)rules_date_days_between(rules_date_add_months(a, months), b);
    rules_crit_value_fmt(c, "%d 个月 %d 天", months, days);
    c->has_exact = true;
    c->exact = rules_ratio_make(rules_date_days_between(a, b), 1);
}

static void
gate_entry_age(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_ENTRY_AGE);
    int max = (int)rules_param_int(e, P_ENTRY_AGE_MAX_MONTHS);
    rules_crit_threshold(c, "entry ≤ established_on + %d months", max);
    if (!rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON)) {
        rules_verdict_missing(v, "firm.established_on");
        rules_crit_message(c, "缺少 firm.established_on，无法计算入驻时成立时间");
        return;
    }
    bool recorded = (f->has & RULES_TF_INCUBATION) && !(f->nulls & RULES_TF_INCUBATION) &&
                    f->incubation.entry_on != RULES_DATE_NONE;
    rules_date entry = recorded ? f->incubation.entry_on : as_of;
    rules_date est = f->firm.established_on, limit = rules_date_add_months(est, max);
    char sd[11], ed[11], ld[11];
    rules_text_date(v->explained, est, sd, sizeof sd);
    rules_text_date(v->explained, entry, ed, sizeof ed);
    rules_text_date(v->explained, limit, ld, sizeof ld);
    rules_crit_threshold(c, "entry ≤ %s (%d months)", ld, max);
    if (entry >= est)
        value_age(c, est, entry);
    set_tri(c, entry <= limit);
    const char *which = recorded ? "入驻日" : "申请日（未记录入驻日）";
    if (entry <= limit) {
        rules_crit_message(c, "成立于 %s，%s %s，成立时间 %s，不超过 %d 个月", sd, which, ed,
                           c->value, max);
        return;
    }
    int32_t over = rules_date_days_between(limit, entry);
    rules_crit_message(c, "成立于 %s，%s %s，成立时间 %s，超过 %d 个月（最迟 %s 入驻）", sd, which,
                       ed, c->value, max, ld);
    rules_crit_gap(c, "days", over, "入驻时已超出 %d 个月期限 %d 天", max, (int)over);
}

/* The officer's confirmation, or NULL when none is recorded. */
static const rules_expert_score *
officer_fact(const rules_verdict *v, const rules_facts *f, const char *crit_id)
{
    return rules_facts_expert(f, v->module->id, crit_id);
}

/* Returns true when the site is not confirmed (needs an officer). */
static bool
gate_on_site(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_ON_SITE);
    int64_t yes = rules_param_int(e, P_ON_SITE_CONFIRMED_SCORE);
    rules_crit_threshold(c, "expert_scores[\"%s.%s\"].score = %lld (officer)", v->module->id,
                         c->def->id, (long long)yes);
    const rules_expert_score *x = officer_fact(v, f, c->def->id);
    if (!x) {
        rules_crit_message(c, "注册地和主要研发、办公场所是否在孵化器场地内，需审核员现场核实确认");
        return true;
    }
    rules_crit_value_int(c, x->score);
    if (x->score == yes) {
        set_tri(c, true);
        rules_crit_message(c, "审核员（%s）已确认注册地和主要研发、办公场所在本孵化器场地内",
                           x->by);
        return false;
    }
    if (x->score == 0) {
        set_tri(c, false);
        rules_crit_message(c, "审核员（%s）确认注册地或主要研发、办公场所不在本孵化器场地内",
                           x->by);
        return false;
    }
    rules_crit_message(c,
                       "审核记录的分值 %d 不是有效的确认（%lld = 确认，0 = 否），需审核员重新核实",
                       x->score, (long long)yes);
    return true;
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    int year = size_year(e, f, v->fiscal_year);

    gate_bool(v, C_RESIDENT, f, RULES_FF_RESIDENT_ENTERPRISE, true);
    gate_limit(v, C_EMPLOYEES, f, year, RULES_YF_EMPLOYEES, rules_param_int(e, P_EMPLOYEES_MAX),
               false);
    gate_limit(v, C_SALES, f, year, RULES_YF_SALES_REVENUE, rules_param_int(e, P_SALES_MAX_FEN),
               true);
    gate_limit(v, C_ASSETS, f, year, RULES_YF_TOTAL_ASSETS, rules_param_int(e, P_ASSETS_MAX_FEN),
               true);
    gate_bool(v, C_NOT_RESTRICTED, f, RULES_FF_RESTRICTED_INDUSTRY, false);
    gate_compliance(v, e, f, ctx->as_of);
    gate_entry_age(v, e, f, ctx->as_of);
    bool review = gate_on_site(v, e, f);

    bool no = false, unknown = false;
    for (int i = 0; i < v->n_criteria; i++) {
        no |= v->criteria[i].passed == RULES_NO;
        unknown |=
            v->criteria[i].passed == RULES_UNKNOWN && v->criteria[i].def != &criteria[C_ON_SITE];
    }
    if (no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else {
        v->outcome = review ? RULES_NEEDS_REVIEW : RULES_ELIGIBLE;
        v->route = RULES_ROUTE_CONDITIONS;
    }
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    if (rules_param_int(e, P_ENTRY_AGE_MAX_MONTHS) <= 0) {
        snprintf(err, errlen, "params.entry_age_max_months: must be positive");
        return -1;
    }
    if (rules_param_int(e, P_ON_SITE_CONFIRMED_SCORE) == 0) {
        snprintf(err, errlen, "params.on_site_confirmed_score: 0 is reserved for 'not on site'");
        return -1;
    }
    return 0;
}

const rules_module rules_incubator_entry_module = {
    .id = "incubator_entry",
    .name_zh = "在孵企业入驻",
    .name_en = "Incubator tenant entry",
    .recognition = RULES_REC_INCUBATOR_TENANT,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
