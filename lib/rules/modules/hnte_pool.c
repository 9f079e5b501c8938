/*
 * hnte_pool: 高企培育库 entry, the "小升高" step (POLICY.md §4). A local
 * programme: each city sets its own conditions, so the seeded national
 * edition is a default with every parameter `verified: false`, meant to be
 * overridden by a region-prefix edition.
 *
 * Default conditions, all required (route "conditions"):
 *  1. a recognition of an accepted kind (default tech_sme) in force on as_of;
 *  2. at least ip_min_count IP items of an accepted class, granted, unexpired
 *     and undisputed on as_of;
 *  3. last fiscal year's R&D / sales ≥ rd_sales_min;
 *  4. last fiscal year's tech staff / employees ≥ tech_staff_min.
 * A failed condition → ineligible; a missing fact → insufficient_data, unless
 * the known one already fails the condition (R&D or tech staff of 0, sales
 * or employees of 0: POLICY.md §2).
 * Entry is valid validity_years (stated in the message). The fiscal year is
 * the year before as_of. Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/module.h"

enum {
    P_RECOGNITION_KINDS,
    P_RECOGNITION_EXPIRY_DAY_VALID,
    P_IP_MIN_COUNT,
    P_IP_CLASSES,
    P_RD_SALES_MIN,
    P_TECH_STAFF_MIN,
    P_VALIDITY_YEARS,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_RECOGNITION_KINDS] =
        {"recognition_kinds", RULES_PT_ENUM_LIST, rules_recognition_kind_names,
         "recognitions that admit a firm (default: a valid 科技型中小企业 入库)"},
    [P_RECOGNITION_EXPIRY_DAY_VALID] = {"recognition_expiry_day_valid", RULES_PT_BOOL, NULL,
                                        "a recognition is still in force on its expiry day"},
    [P_IP_MIN_COUNT] = {"ip_min_count", RULES_PT_INT, NULL, "valid IP items required"},
    [P_IP_CLASSES] = {"ip_classes", RULES_PT_ENUM_LIST, rules_ip_class_names,
                      "IP classes that count (Ⅰ类, Ⅱ类)"},
    [P_RD_SALES_MIN] = {"rd_sales_min", RULES_PT_RATIO, NULL,
                        "last year's R&D / sales revenue, at least"},
    [P_TECH_STAFF_MIN] = {"tech_staff_min", RULES_PT_RATIO, NULL,
                          "last year's tech staff / employees, at least"},
    [P_VALIDITY_YEARS] = {"validity_years", RULES_PT_INT, NULL, "入库有效期 (years)"},
};

enum { C_RECOGNITION, C_IP, C_RD_RATIO, C_TECH_STAFF, C__COUNT };

static const rules_criterion_def criteria[C__COUNT] = {
    [C_RECOGNITION] = {"recognition",
                       "有效期内的科技型中小企业入库登记",
                       "Holds a recognition in force (default: tech_sme)",
                       RULES_CRIT_GATE,
                       {"recognition_kinds", "recognition_expiry_day_valid", "validity_years",
                        NULL},
                       0,
                       "入库条件 (local default)"},
    [C_IP] = {"valid_ip",
              "拥有有效知识产权",
              "Holds valid IP",
              RULES_CRIT_GATE,
              {"ip_min_count", "ip_classes", NULL},
              0,
              "入库条件 (local default)"},
    [C_RD_RATIO] = {"rd_ratio",
                    "上年度研发费用占销售收入比例",
                    "Last year's R&D over sales",
                    RULES_CRIT_GATE,
                    {"rd_sales_min", NULL},
                    0,
                    "入库条件 (local default)"},
    [C_TECH_STAFF] = {"tech_staff_ratio",
                      "上年度科技人员占职工总数比例",
                      "Last year's technical staff share",
                      RULES_CRIT_GATE,
                      {"tech_staff_min", NULL},
                      0,
                      "入库条件 (local default)"},
};

/* Least x with (a + x)/b ≥ t, b > 0 (a stays the numerator only). */
static int64_t
need_more(int64_t a, int64_t b, rules_ratio t)
{
    int64_t least;
    if (b <= 0 || !rules_ratio_min_num(t, b, false, &least))
        return -1;
    return least > a ? least - a : 0;
}

static void
gate_recognition(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RECOGNITION);
    bool day_ok = rules_param_bool(e, P_RECOGNITION_EXPIRY_DAY_VALID);
    int found = -1;
    for (int i = 0; i < f->n_recognitions && found < 0; i++) {
        const rules_recognition *r = &f->recognitions[i];
        if (!rules_param_has_enum(e, P_RECOGNITION_KINDS, (int)r->kind) || r->issued_on > as_of)
            continue;
        if (r->expires_on == RULES_DATE_NONE || as_of < r->expires_on ||
            (as_of == r->expires_on && day_ok))
            found = i;
    }
    char kinds[64] = "";
    const rules_param_value *k = &e->p[P_RECOGNITION_KINDS];
    for (int i = 0; rules_explaining(v) && i < k->n; i++) {
        size_t l = strlen(kinds);
        snprintf(kinds + l, sizeof kinds - l, "%s%s", i ? "/" : "",
                 rules_recognition_kind_names[k->v[i].num]);
    }
    rules_crit_threshold(c, "%s in force on as_of%s", kinds, day_ok ? " (expiry day counts)" : "");
    rules_crit_value_text(c, found >= 0 ? "true" : "false");
    c->passed = found >= 0 ? RULES_YES : RULES_NO;
    if (found >= 0) {
        rules_crit_message(c, "持有有效期内的 %s（recognitions[%d]）；入库有效期 %lld 年",
                           rules_recognition_kind_names[f->recognitions[found].kind], found,
                           (long long)rules_param_int(e, P_VALIDITY_YEARS));
    } else {
        rules_crit_message(c, "无有效期内的 %s 登记", kinds);
        rules_crit_gap(c, "items", 1, "须先取得有效期内的 %s 登记", kinds);
    }
}

static void
gate_ip(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_IP);
    int64_t min = rules_param_int(e, P_IP_MIN_COUNT);
    int n = 0;
    for (int i = 0; i < f->n_ip; i++) {
        const rules_ip *ip = &f->ip[i];
        bool granted = ip->granted_on == RULES_DATE_NONE || ip->granted_on <= as_of;
        bool valid = ip->expires_on == RULES_DATE_NONE || as_of <= ip->expires_on;
        n += granted && valid && !ip->disputed &&
             rules_param_has_enum(e, P_IP_CLASSES, (int)ip->cls);
    }
    rules_crit_threshold(c, "≥ %lld valid, undisputed", (long long)min);
    rules_crit_value_int(c, n);
    c->passed = n >= min ? RULES_YES : RULES_NO;
    rules_crit_message(c, "有效且无争议的知识产权 %d 项%s", n, n >= min ? "" : "，不足");
    if (n < min)
        rules_crit_gap(c, "items", min - n, "还需 %lld 项有效知识产权", (long long)(min - n));
}

/* A ratio gate on fiscal-year fields num/den of the fiscal year. */
static void
gate_ratio(rules_verdict *v, int crit, const rules_year *y, int num_fld, int den_fld, rules_ratio t,
           const char *unit, const char *what)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    char tp[16];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    rules_crit_threshold(c, "≥ %s", tp);
    bool hn = rules_year_has(y, (rules_year_field)num_fld);
    bool hd = rules_year_has(y, (rules_year_field)den_fld);
    if (!hn || !hd) {
        if (!hn)
            rules_verdict_missing_year(v, v->fiscal_year, num_fld);
        if (!hd)
            rules_verdict_missing_year(v, v->fiscal_year, den_fld);
        if (rules_ratio_ge_open(hn, hn ? y->v[num_fld] : 0, hd, hd ? y->v[den_fld] : 0, t) == 0) {
            /* a numerator of 0, or a denominator of 0: fails whatever is missing */
            if (hd)
                rules_crit_value_text(c, "n/a");
            c->passed = RULES_NO;
            rules_crit_message(c, "%d年度%s：缺少的数据无论多少均低于 %s", v->fiscal_year, what,
                               tp);
            return;
        }
        rules_crit_message(c, "缺少%d年度%s数据", v->fiscal_year, what);
        return;
    }
    int64_t a = y->v[num_fld], b = y->v[den_fld];
    rules_ratio r = rules_ratio_make(a, b);
    bool ok = rules_ratio_ge(r, t);
    rules_crit_value_pct(c, r);
    c->passed = ok ? RULES_YES : RULES_NO;
    rules_crit_message(c, "%d年度%s %s%s", v->fiscal_year, what, c->value, ok ? "" : "，不足");
    int64_t x = need_more(a, b, t);
    if (ok || x <= 0)
        return;
    if (strcmp(unit, "fen") == 0) {
        char yy[40];
        rules_text_yuan(v->explained, yy, sizeof yy, x);
        rules_crit_gap(c, unit, x, "研发费用再增加 %s 元（销售收入不变）可达 %s", yy, tp);
    } else {
        rules_crit_gap(c, unit, x, "科技人员再增加 %lld 人（职工总数不变）可达 %s", (long long)x,
                       tp);
    }
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    gate_recognition(v, e, f, ctx->as_of);
    gate_ip(v, e, f, ctx->as_of);
    gate_ratio(v, C_RD_RATIO, y, RULES_YF_RD_EXPENSE, RULES_YF_SALES_REVENUE,
               rules_param_ratio(e, P_RD_SALES_MIN), "fen", "研发费用占销售收入");
    gate_ratio(v, C_TECH_STAFF, y, RULES_YF_TECH_STAFF, RULES_YF_EMPLOYEES,
               rules_param_ratio(e, P_TECH_STAFF_MIN), "persons", "科技人员占职工总数");

    bool no = false, unknown = false;
    for (int i = 0; i < v->n_criteria; i++) {
        no |= v->criteria[i].passed == RULES_NO;
        unknown |= v->criteria[i].passed == RULES_UNKNOWN;
    }
    if (no) {
        v->outcome = RULES_INELIGIBLE;
    } else if (unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_CONDITIONS;
    }
}

const rules_module rules_hnte_pool_module = {
    .id = "hnte_pool",
    .name_zh = "高新技术企业培育库",
    .name_en = "High-tech enterprise cultivation pool",
    .recognition = RULES_REC_HNTE_POOL,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = NULL,
    .evaluate = evaluate,
};
