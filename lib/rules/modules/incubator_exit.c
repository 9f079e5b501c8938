/*
 * incubator_exit: 在孵企业 graduation (毕业) and tenure (孵化时限)
 * (国科发区〔2018〕300号; POLICY.md §4, policy-sources.md §4.2–§4.3).
 *
 * Reference date: as_of, or incubation.exit_on when the firm left before
 * as_of (the question is then "had it graduated when it left?"). The fiscal
 * year is the year before the reference date (v->fiscal_year is set to it).
 *
 * Decision, in order:
 *  1. tenant (gate): incubation is recorded and entry_on ≤ the reference
 *     date. null → ineligible (not a tenant); absent → insufficient_data.
 *  2. graduation, any one of (kind "direct"; [S], one copy):
 *     - holds a 高新技术企业 certificate in force on the reference date;
 *     - cumulative angel / VC investment (equity_rounds paid in on or before
 *       the reference date; only qualified investors when the edition says
 *       so) strictly over vc_total_over_fen ("超过500万元");
 *     - revenue: some run of revenue_years consecutive fiscal years (ending
 *       no later than the fiscal year) whose operating revenue totals
 *       strictly over revenue_total_over_fen ("连续2年营业收入累计超过1000万元").
 *       A year before the firm's establishment year counts as 0. A run whose
 *       known years already total over the line passes (a missing year can
 *       only add). When no run passes and the latest run has a missing year,
 *       the condition is undecided and its facts are listed as missing;
 *     - merged, acquired or listed: an officer's fact,
 *       expert_scores["incubator_exit.graduate_merged_listed"] = confirmed score;
 *       no record means no such event.
 *     Any one holds → eligible, route "direct".
 *  3. none holds: undecided condition → insufficient_data; else, when the
 *     tenure is over its limit → needs_review (the limit is "原则上": an
 *     officer settles exit or extension); else ineligible (not graduated).
 * Tenure (gate-kind criterion, always reported): entry_on to the reference
 * date against tenure_max_months, or tenure_extended_months for the domains
 * of tenure_extended_domains; calendar months with the day clamped, the end
 * day counts (48 months → within, 48 months + 1 day → over). With the domain
 * missing it is still decided when within the shortest limit or over the
 * longest (POLICY.md §2). It is a gate of
 * tenancy, not of graduation: a graduated firm that overstayed is still
 * eligible (graduated) and shows the failed tenure criterion.
 * Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/module.h"
#include "rules/strbuf.h"

enum {
    P_TENURE_MAX_MONTHS,
    P_TENURE_EXTENDED_MONTHS,
    P_TENURE_EXTENDED_DOMAINS,
    P_HNTE_EXPIRY_DAY_VALID,
    P_VC_TOTAL_OVER_FEN,
    P_VC_QUALIFIED_ONLY,
    P_REVENUE_YEARS,
    P_REVENUE_TOTAL_OVER_FEN,
    P_MERGED_CONFIRMED_SCORE,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_TENURE_MAX_MONTHS] = {"tenure_max_months", RULES_PT_INT, NULL,
                             "孵化时限原则上不超过 N 个月 (300号 第九条(九))"},
    [P_TENURE_EXTENDED_MONTHS] = {"tenure_extended_months", RULES_PT_INT, NULL,
                                  "生物医药、现代农业、集成电路: 不超过 N 个月 ([M] wording)"},
    [P_TENURE_EXTENDED_DOMAINS] = {"tenure_extended_domains", RULES_PT_ENUM_LIST,
                                   rules_incubation_domain_names, "domains with the longer limit"},
    [P_HNTE_EXPIRY_DAY_VALID] = {"hnte_expiry_day_valid", RULES_PT_BOOL, NULL,
                                 "a 高企 certificate is still held on its expiry day"},
    [P_VC_TOTAL_OVER_FEN] = {"vc_total_over_fen", RULES_PT_INT, NULL,
                             "累计获得天使投资或风险投资超过 (strictly greater)"},
    [P_VC_QUALIFIED_ONLY] = {"vc_qualified_only", RULES_PT_BOOL, NULL,
                             "count only rounds from qualified investors"},
    [P_REVENUE_YEARS] = {"revenue_years", RULES_PT_INT, NULL, "连续 N 年营业收入累计"},
    [P_REVENUE_TOTAL_OVER_FEN] = {"revenue_total_over_fen", RULES_PT_INT, NULL,
                                  "营业收入累计超过 (strictly greater)"},
    [P_MERGED_CONFIRMED_SCORE] = {"merged_confirmed_score", RULES_PT_INT, NULL,
                                  "expert_scores score meaning 'officer confirmed M&A or listing'"},
};

enum { C_TENANT, C_TENURE, C_GRAD_HNTE, C_GRAD_VC, C_GRAD_REVENUE, C_GRAD_MERGED, C__COUNT };

static const rules_criterion_def criteria[C__COUNT] = {
    [C_TENANT] = {"tenant",
                  "在孵企业",
                  "Incubator tenant on the reference date",
                  RULES_CRIT_GATE,
                  {NULL},
                  0,
                  "第九条(九)"},
    [C_TENURE] = {"tenure",
                  "孵化时限",
                  "Tenure within the incubation limit",
                  RULES_CRIT_GATE,
                  {"tenure_max_months", "tenure_extended_months", "tenure_extended_domains", NULL},
                  0,
                  "第九条(九)"},
    [C_GRAD_HNTE] = {"graduate_hnte",
                     "经国家备案通过的高新技术企业",
                     "Holds a high-tech enterprise certificate",
                     RULES_CRIT_DIRECT,
                     {"hnte_expiry_day_valid", NULL},
                     0,
                     "毕业条件(一)"},
    [C_GRAD_VC] = {"graduate_vc",
                   "累计获得天使投资或风险投资超过500万元",
                   "Cumulative angel or VC investment over the limit",
                   RULES_CRIT_DIRECT,
                   {"vc_total_over_fen", "vc_qualified_only", NULL},
                   0,
                   "毕业条件(二)"},
    [C_GRAD_REVENUE] = {"graduate_revenue",
                        "连续2年营业收入累计超过1000万元",
                        "Revenue over consecutive years totals over the limit",
                        RULES_CRIT_DIRECT,
                        {"revenue_years", "revenue_total_over_fen", NULL},
                        0,
                        "毕业条件(三)"},
    [C_GRAD_MERGED] = {"graduate_merged_listed",
                       "被兼并、收购或在国内外资本市场挂牌、上市",
                       "Merged, acquired or listed (officer confirms)",
                       RULES_CRIT_DIRECT,
                       {"merged_confirmed_score", NULL},
                       0,
                       "毕业条件(四)"},
};

static void
set_tri(rules_criterion_result *c, bool ok)
{
    c->passed = ok ? RULES_YES : RULES_NO;
}

static void
yes_no(rules_criterion_result *c, bool ok)
{
    set_tri(c, ok);
    rules_crit_value_text(c, ok ? "true" : "false");
}

/* "N 个月 D 天" from a to b (b ≥ a); exact value in days. */
static void
value_span(rules_criterion_result *c, rules_date a, rules_date b)
{
    int months = rules_date_months_between(a, b);
    int days = (int)rules_date_days_between(rules_date_add_months(a, months), b);
    rules_crit_value_fmt(c, "%d 个月 %d 天", months, days);
    c->has_exact = true;
    c->exact = rules_ratio_make(rules_date_days_between(a, b), 1);
}

static void
tenure(rules_verdict *v, const rules_edition *e, const rules_incubation *inc, rules_date ref)
{
    rules_criterion_result *c = rules_verdict_add(v, C_TENURE);
    if (inc->domain == RULES_DOMAIN_NONE) {
        rules_verdict_missing(v, "incubation.domain");
        /* decided anyway when within the shortest limit of any domain, or
         * over the longest (POLICY.md §2) */
        int lo = 0, hi = 0;
        for (int d = RULES_DOMAIN_BIOMED; d <= RULES_DOMAIN_OTHER; d++) {
            bool x = rules_param_has_enum(e, P_TENURE_EXTENDED_DOMAINS, d);
            int m = (int)rules_param_int(e, x ? P_TENURE_EXTENDED_MONTHS : P_TENURE_MAX_MONTHS);
            lo = d == RULES_DOMAIN_BIOMED || m < lo ? m : lo;
            hi = m > hi ? m : hi;
        }
        rules_date first = rules_date_add_months(inc->entry_on, lo),
                   last = rules_date_add_months(inc->entry_on, hi);
        char ld[11];
        rules_crit_threshold(c, "≤ %d or %d months by domain", lo, hi);
        if (ref > first && ref <= last) {
            rules_crit_message(c, "缺少 incubation.domain，无法确定孵化时限");
            return;
        }
        value_span(c, inc->entry_on, ref);
        set_tri(c, ref <= first);
        if (ref <= first) {
            rules_crit_message(c, "缺少 incubation.domain；已孵化 %s，未超过任一领域的时限 %d 个月",
                               c->value, lo);
            return;
        }
        int32_t over = rules_date_days_between(last, ref);
        rules_crit_message(
            c, "缺少 incubation.domain；已孵化 %s，超过任一领域的时限（最长 %d 个月，%s 届满）",
            c->value, hi, rules_text_date(v->explained, last, ld, sizeof ld));
        rules_crit_gap(c, "days", over, "已超出孵化时限 %d 天，需审核员决定出孵或延期", (int)over);
        return;
    }
    bool ext = rules_param_has_enum(e, P_TENURE_EXTENDED_DOMAINS, (int)inc->domain);
    int max = (int)rules_param_int(e, ext ? P_TENURE_EXTENDED_MONTHS : P_TENURE_MAX_MONTHS);
    rules_date limit = rules_date_add_months(inc->entry_on, max);
    char ed[11], ld[11], rd[11];
    rules_text_date(v->explained, inc->entry_on, ed, sizeof ed);
    rules_text_date(v->explained, limit, ld, sizeof ld);
    rules_text_date(v->explained, ref, rd, sizeof rd);
    rules_crit_threshold(c, "≤ %d months (until %s, %s)", max, ld,
                         rules_incubation_domain_names[inc->domain]);
    value_span(c, inc->entry_on, ref);
    set_tri(c, ref <= limit);
    if (ref <= limit) {
        rules_crit_message(c, "%s 入孵，至 %s 已孵化 %s，未超过 %d 个月时限（剩余 %d 天）", ed, rd,
                           c->value, max, (int)rules_date_days_between(ref, limit));
        return;
    }
    int32_t over = rules_date_days_between(limit, ref);
    rules_crit_message(c, "%s 入孵，至 %s 已孵化 %s，超过 %d 个月时限（%s 届满）", ed, rd, c->value,
                       max, ld);
    rules_crit_gap(c, "days", over, "已超出孵化时限 %d 天，需审核员决定出孵或延期", (int)over);
}

static void
grad_hnte(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date ref)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GRAD_HNTE);
    bool day_ok = rules_param_bool(e, P_HNTE_EXPIRY_DAY_VALID);
    int found = -1;
    for (int i = 0; i < f->n_recognitions && found < 0; i++) {
        const rules_recognition *r = &f->recognitions[i];
        if (r->kind != RULES_REC_HIGH_TECH || r->issued_on > ref)
            continue;
        if (r->expires_on == RULES_DATE_NONE || ref < r->expires_on ||
            (ref == r->expires_on && day_ok))
            found = i;
    }
    rules_crit_threshold(c, "high_tech in force%s", day_ok ? " (expiry day counts)" : "");
    yes_no(c, found >= 0);
    if (found >= 0)
        rules_crit_message(c, "持有有效期内高新技术企业证书（recognitions[%d]）", found);
    else
        rules_crit_message(c, "无有效期内高新技术企业证书");
}

static void
grad_vc(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date ref)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GRAD_VC);
    int64_t over = rules_param_int(e, P_VC_TOTAL_OVER_FEN);
    bool qualified_only = rules_param_bool(e, P_VC_QUALIFIED_ONLY);
    __int128 sum = 0;
    int n = 0;
    for (int i = 0; i < f->n_equity; i++) {
        const rules_equity_round *r = &f->equity[i];
        if (r->date > ref || (qualified_only && !r->qualified_investor))
            continue;
        sum += r->paid_in_fen;
        n++;
    }
    int64_t total = sum > INT64_MAX ? INT64_MAX : (int64_t)sum;
    char lim[40];
    rules_text_yuan(v->explained, lim, sizeof lim, over);
    rules_crit_threshold(c, "> %s 元%s", lim, qualified_only ? " (qualified investors)" : "");
    rules_crit_value_yuan(c, total);
    set_tri(c, total > over);
    rules_crit_message(c, "累计获得天使投资或风险投资 %s（%d 轮），%s %s 元", c->value, n,
                       total > over ? "超过" : "未超过", lim);
    if (total <= over) {
        char need[40];
        rules_text_yuan(v->explained, need, sizeof need, over - total + 1);
        rules_crit_gap(c, "fen", over - total + 1, "再获得 %s 元投资即超过 %s 元", need, lim);
    }
}

/* Operating revenue of `year` as known: 0 before the establishment year. */
static bool
revenue_of(const rules_facts *f, int year, int64_t *out)
{
    if (rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON) &&
        year < rules_date_year(f->firm.established_on)) {
        *out = 0;
        return true;
    }
    const rules_year *y = rules_facts_year(f, year);
    if (!rules_year_has(y, RULES_YF_OPERATING_REVENUE))
        return false;
    *out = y->v[RULES_YF_OPERATING_REVENUE];
    return true;
}

static void
grad_revenue(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GRAD_REVENUE);
    int n = (int)rules_param_int(e, P_REVENUE_YEARS);
    int64_t over = rules_param_int(e, P_REVENUE_TOTAL_OVER_FEN);
    int fy = v->fiscal_year;
    char lim[40];
    rules_text_yuan(v->explained, lim, sizeof lim, over);
    rules_crit_threshold(c, "%d consecutive years > %s 元", n, lim);
    /* Runs end at fy, fy-1, ... down to the first run that starts at the
     * earliest year with facts (earlier runs only add known zeros). */
    int lo = f->n_years > 0 ? f->years[0].year + n - 1 : fy;
    if (lo > fy)
        lo = fy;
    bool latest_known = false;
    int64_t latest_sum = 0;
    for (int end = fy; end >= lo; end--) {
        __int128 sum = 0; /* of the known years: a missing one can only add */
        bool known = true;
        for (int yr = end - n + 1; yr <= end; yr++) {
            int64_t x;
            if (revenue_of(f, yr, &x))
                sum += x;
            else
                known = false;
        }
        int64_t s = sum > INT64_MAX ? INT64_MAX : (int64_t)sum;
        if (end == fy) {
            latest_known = known;
            latest_sum = s;
        }
        if (s > over) { /* over already, whatever a missing year is (POLICY.md §2) */
            rules_crit_value_yuan(c, s);
            set_tri(c, true);
            rules_crit_message(c, "%d–%d 年营业收入累计%s %s，超过 %s 元", end - n + 1, end,
                               known ? "" : "（已知年度）", c->value, lim);
            return;
        }
    }
    if (!latest_known) {
        for (int yr = fy - n + 1; yr <= fy; yr++) {
            int64_t x;
            if (!revenue_of(f, yr, &x))
                rules_verdict_missing_year(v, yr, RULES_YF_OPERATING_REVENUE);
        }
        rules_crit_message(c, "缺少 %d–%d 年营业收入，无法判断连续%d年营业收入累计", fy - n + 1, fy,
                           n);
        return;
    }
    rules_crit_value_yuan(c, latest_sum);
    set_tri(c, false);
    rules_crit_message(c, "%d–%d 年营业收入累计 %s，未超过 %s 元", fy - n + 1, fy, c->value, lim);
    char need[40];
    rules_text_yuan(v->explained, need, sizeof need, over - latest_sum + 1);
    rules_crit_gap(c, "fen", over - latest_sum + 1, "%d–%d 年营业收入累计再增加 %s 元即超过 %s 元",
                   fy - n + 1, fy, need, lim);
}

static void
grad_merged(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_GRAD_MERGED);
    int64_t yes = rules_param_int(e, P_MERGED_CONFIRMED_SCORE);
    char key[64];
    rules_sb sb = rules_sb_make(key, sizeof key); /* "%s.%s" without snprintf */
    rules_sb_puts(&sb, v->module->id);
    rules_sb_putc(&sb, '.');
    rules_sb_puts(&sb, c->def->id);
    rules_sb_end(&sb);
    rules_crit_threshold(c, "expert_scores[\"%s\"].score = %lld (officer)", key, (long long)yes);
    const rules_expert_score *x = NULL;
    for (int i = 0; i < f->n_expert && !x; i++)
        if (strcmp(f->expert[i].key, key) == 0)
            x = &f->expert[i];
    bool ok = x && x->score == yes;
    yes_no(c, ok);
    if (ok)
        rules_crit_message(c, "审核员（%s）确认企业已被兼并、收购或挂牌、上市", x->by);
    else
        rules_crit_message(c, "无经审核员确认的兼并、收购或挂牌、上市记录");
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    const rules_incubation *inc = &f->incubation;
    rules_criterion_result *t = rules_verdict_add(v, C_TENANT);
    rules_crit_threshold(t, "incubation.entry_on ≤ reference date");
    if (!(f->has & RULES_TF_INCUBATION)) {
        rules_verdict_missing(v, "incubation");
        rules_crit_message(t, "缺少 incubation（入孵记录）");
        return; /* outcome stays insufficient_data */
    }
    if ((f->nulls & RULES_TF_INCUBATION) || inc->entry_on == RULES_DATE_NONE ||
        inc->entry_on > ctx->as_of) {
        yes_no(t, false);
        rules_crit_message(t, "企业不是在孵企业（无入孵记录或尚未入孵）");
        v->outcome = RULES_INELIGIBLE;
        return;
    }
    rules_date ref = ctx->as_of;
    if (inc->exit_on != RULES_DATE_NONE && inc->exit_on < ref)
        ref = inc->exit_on;
    v->fiscal_year = rules_date_year(ref) - 1;
    yes_no(t, true);
    char ed[11], rd[11];
    rules_text_date(v->explained, inc->entry_on, ed, sizeof ed);
    rules_text_date(v->explained, ref, rd, sizeof rd);
    if (ref < ctx->as_of)
        rules_crit_message(t, "%s 入孵，%s 出孵；按出孵日判断是否毕业", ed, rd);
    else
        rules_crit_message(t, "%s 入孵，至 %s 仍在孵", ed, rd);

    tenure(v, e, inc, ref);
    grad_hnte(v, e, f, ref);
    grad_vc(v, e, f, ref);
    grad_revenue(v, e, f);
    grad_merged(v, e, f);

    bool grad = false, undecided = false;
    for (int i = 0; i < v->n_criteria; i++)
        if (v->criteria[i].def->kind == RULES_CRIT_DIRECT) {
            grad |= v->criteria[i].passed == RULES_YES;
            undecided |= v->criteria[i].passed == RULES_UNKNOWN;
        }
    rules_tri stay = rules_verdict_find(v, criteria[C_TENURE].id)->passed;
    if (grad) {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_DIRECT;
    } else if (undecided || stay == RULES_UNKNOWN) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else {
        v->outcome = stay == RULES_NO ? RULES_NEEDS_REVIEW : RULES_INELIGIBLE;
    }
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    if (rules_param_int(e, P_TENURE_MAX_MONTHS) <= 0 ||
        rules_param_int(e, P_TENURE_EXTENDED_MONTHS) < rules_param_int(e, P_TENURE_MAX_MONTHS)) {
        snprintf(err, errlen, "params.tenure_extended_months must be ≥ tenure_max_months > 0");
        return -1;
    }
    if (rules_param_int(e, P_REVENUE_YEARS) < 1 || rules_param_int(e, P_REVENUE_YEARS) > 8) {
        snprintf(err, errlen, "params.revenue_years must be in 1..8");
        return -1;
    }
    return 0;
}

const rules_module rules_incubator_exit_module = {
    .id = "incubator_exit",
    .name_zh = "在孵企业毕业与孵化时限",
    .name_en = "Incubator graduation and tenure",
    .recognition = RULES_REC_NONE,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
