/*
 * gazelle: 瞪羚企业 (the leader tier; POLICY.md §4, policy-sources.md §6). A
 * local programme; the seeded default is the Liaoning 2022 round, a
 * consultancy table [S], so its edition is `verified: false`.
 *
 * Decision:
 *  gates  age ≤ age_max_years (as_of on or before the anniversary);
 *         R&D intensity over the last rd_window_years fiscal years (the
 *         operating ones for a younger firm) = Σ rd_expense / Σ operating
 *         revenue ≥ rd_intensity_min (科技活动投入 is read as rd_expense).
 *  any one of (kind "direct" in the table: alternatives, route "conditions"):
 *         scale by age: age ≤ scale_age_max_years[i] and last year's
 *           operating revenue ≥ scale_revenue_min_fen[i];
 *         revenue CAGR over revenue_cagr_years ≥ min, base year revenue
 *           > revenue_base_above_fen, and last year above the year before;
 *         employee CAGR likewise (base > employees_base_above);
 *         one equity round from a qualified investor with paid-in >
 *           vc_round_above_fen, dated from 1 Jan of (as_of year − vc_window_years).
 *  A CAGR is a true geometric rate, compared exactly:
 *  end·den^n ≥ base·(den + num)^n (rules_growth_ge).
 * A failed gate → ineligible; every alternative failing → ineligible, even
 * with gate facts missing; a missing gate fact → insufficient_data; then an
 * alternative that holds → eligible; none holds and one is undecided for
 * missing facts → insufficient_data. A criterion with facts missing is
 * decided when the known ones already decide it (POLICY.md §2): R&D
 * intensity short even at the least missing revenue; a CAGR route whose
 * known base, rate or last-year part fails.
 * The fiscal year is the year before as_of. Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/module.h"

typedef __int128 i128;

enum {
    P_AGE_MAX_YEARS,
    P_RD_WINDOW_YEARS,
    P_RD_INTENSITY_MIN,
    P_SCALE_AGE_MAX_YEARS,
    P_SCALE_REVENUE_MIN_FEN,
    P_REVENUE_CAGR_YEARS,
    P_REVENUE_CAGR_MIN,
    P_REVENUE_BASE_ABOVE_FEN,
    P_EMPLOYEES_CAGR_YEARS,
    P_EMPLOYEES_CAGR_MIN,
    P_EMPLOYEES_BASE_ABOVE,
    P_LAST_YEAR_GROWTH_REQUIRED,
    P_VC_ROUND_ABOVE_FEN,
    P_VC_WINDOW_YEARS,
    P_VC_QUALIFIED_ONLY,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_AGE_MAX_YEARS] = {"age_max_years", RULES_PT_INT, NULL, "注册成立不超过 N 年"},
    [P_RD_WINDOW_YEARS] = {"rd_window_years", RULES_PT_INT, NULL, "近四年平均科技活动投入"},
    [P_RD_INTENSITY_MIN] = {"rd_intensity_min", RULES_PT_RATIO, NULL,
                            "科技活动投入经费/营业收入 (含) at least"},
    [P_SCALE_AGE_MAX_YEARS] = {"scale_age_max_years", RULES_PT_INT_LIST, NULL,
                               "scale routes: age limits, ascending"},
    [P_SCALE_REVENUE_MIN_FEN] = {"scale_revenue_min_fen", RULES_PT_INT_LIST, NULL,
                                 "scale routes: last-year revenue (含) per age limit"},
    [P_REVENUE_CAGR_YEARS] = {"revenue_cagr_years", RULES_PT_INT, NULL, "revenue CAGR period"},
    [P_REVENUE_CAGR_MIN] = {"revenue_cagr_min", RULES_PT_RATIO, NULL, "revenue CAGR at least"},
    [P_REVENUE_BASE_ABOVE_FEN] = {"revenue_base_above_fen", RULES_PT_INT, NULL,
                                  "base-year revenue must exceed (超过)"},
    [P_EMPLOYEES_CAGR_YEARS] = {"employees_cagr_years", RULES_PT_INT, NULL, "employee CAGR period"},
    [P_EMPLOYEES_CAGR_MIN] = {"employees_cagr_min", RULES_PT_RATIO, NULL, "employee CAGR at least"},
    [P_EMPLOYEES_BASE_ABOVE] = {"employees_base_above", RULES_PT_INT, NULL,
                                "base-year employees must exceed"},
    [P_LAST_YEAR_GROWTH_REQUIRED] = {"last_year_growth_required", RULES_PT_BOOL, NULL,
                                     "growth routes also need last year above the year before"},
    [P_VC_ROUND_ABOVE_FEN] = {"vc_round_above_fen", RULES_PT_INT, NULL,
                              "single VC round paid-in must exceed"},
    [P_VC_WINDOW_YEARS] = {"vc_window_years", RULES_PT_INT, NULL,
                           "rounds dated from 1 Jan of (as_of year − N)"},
    [P_VC_QUALIFIED_ONLY] = {"vc_qualified_only", RULES_PT_BOOL, NULL,
                             "only rounds from qualified investors count"},
};

enum {
    C_AGE,
    C_RD_INTENSITY,
    C_SCALE_YOUNG,
    C_SCALE_MID,
    C_REVENUE_CAGR,
    C_EMPLOYEES_CAGR,
    C_VC_ROUND,
    C__COUNT
};

static const rules_criterion_def criteria[C__COUNT] = {
    [C_AGE] = {"age",
               "注册成立年限",
               "Years since registration",
               RULES_CRIT_GATE,
               {"age_max_years", NULL},
               0,
               "创新能力: 注册年限"},
    [C_RD_INTENSITY] = {"rd_intensity",
                        "近四年科技活动投入占营业收入比例",
                        "Four-year R&D over operating revenue",
                        RULES_CRIT_GATE,
                        {"rd_window_years", "rd_intensity_min", NULL},
                        0,
                        "创新能力"},
    [C_SCALE_YOUNG] = {"scale_young",
                       "成立年限较短且营业收入达到规模",
                       "Young firm with revenue at scale (first age band)",
                       RULES_CRIT_DIRECT,
                       {"scale_age_max_years", "scale_revenue_min_fen", NULL},
                       0,
                       "成长性: 规模"},
    [C_SCALE_MID] = {"scale_mid",
                     "成立年限中等且营业收入达到规模",
                     "Revenue at scale (second age band)",
                     RULES_CRIT_DIRECT,
                     {"scale_age_max_years", "scale_revenue_min_fen", NULL},
                     0,
                     "成长性: 规模"},
    [C_REVENUE_CAGR] = {"revenue_cagr",
                        "营业收入复合增长率",
                        "Revenue CAGR",
                        RULES_CRIT_DIRECT,
                        {"revenue_cagr_years", "revenue_cagr_min", "revenue_base_above_fen",
                         "last_year_growth_required", NULL},
                        0,
                        "成长性: 营业收入增长"},
    [C_EMPLOYEES_CAGR] = {"employees_cagr",
                          "从业人员复合增长率",
                          "Employee CAGR",
                          RULES_CRIT_DIRECT,
                          {"employees_cagr_years", "employees_cagr_min", "employees_base_above",
                           "last_year_growth_required", NULL},
                          0,
                          "成长性: 从业人员增长"},
    [C_VC_ROUND] = {"vc_round",
                    "单轮获得创业投资",
                    "A single venture round",
                    RULES_CRIT_DIRECT,
                    {"vc_round_above_fen", "vc_window_years", "vc_qualified_only", NULL},
                    0,
                    "成长性: 创业投资"},
};

/* Value k of list parameter p, or 0 when the list is shorter. */
static int64_t
pint_safe(const rules_edition *e, int p, int k)
{
    return k < e->p[p].n ? e->p[p].v[k].num : 0;
}

static void
gate_age(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_AGE);
    int64_t max = rules_param_int(e, P_AGE_MAX_YEARS);
    rules_crit_threshold(c, "≤ %lld years", (long long)max);
    if (!rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON)) {
        rules_verdict_missing(v, "firm.established_on");
        rules_crit_message(c, "缺少 firm.established_on");
        return;
    }
    int years = rules_date_years_between(f->firm.established_on, as_of);
    rules_date limit = rules_date_add_years(f->firm.established_on, (int)max);
    bool ok = as_of <= limit;
    rules_crit_value_int(c, years);
    c->passed = ok ? RULES_YES : RULES_NO;
    char d[11];
    rules_crit_message(c, "成立满 %d 年，%s 满 %lld 年%s", years,
                       rules_text_date(v->explained, limit, d, sizeof d), (long long)max,
                       ok ? "" : "，已超过年限");
    if (!ok)
        rules_crit_gap(c, "days", as_of - limit, "已超过 %lld 年上限 %d 天，不可申报",
                       (long long)max, as_of - limit);
}

static void
gate_rd(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_RD_INTENSITY);
    rules_ratio t = rules_param_ratio(e, P_RD_INTENSITY_MIN);
    char tp[16];
    rules_text_pct_short(v->explained, tp, sizeof tp, t);
    rules_crit_threshold(c, "≥ %s", tp);
    int last = v->fiscal_year, first = last - (int)rules_param_int(e, P_RD_WINDOW_YEARS) + 1;
    if (rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON) &&
        rules_date_year(f->firm.established_on) > first)
        first = rules_date_year(f->firm.established_on);
    i128 rd = 0, rev = 0; /* sums of the known values */
    bool have_rd = true, have_rev = true;
    for (int y = first; y <= last; y++) {
        const rules_year *yr = rules_facts_year(f, y);
        if (rules_year_has(yr, RULES_YF_RD_EXPENSE))
            rd += yr->v[RULES_YF_RD_EXPENSE];
        else {
            rules_verdict_missing_year(v, y, RULES_YF_RD_EXPENSE);
            have_rd = false;
        }
        if (rules_year_has(yr, RULES_YF_OPERATING_REVENUE))
            rev += yr->v[RULES_YF_OPERATING_REVENUE];
        else {
            rules_verdict_missing_year(v, y, RULES_YF_OPERATING_REVENUE);
            have_rev = false;
        }
    }
    if (!have_rd || !have_rev) {
        /* With all R&D known, the intensity is largest when the missing
         * revenue is least (0, or 1 fen when no revenue is known): if even
         * that falls short, it fails whatever the revenue (POLICY.md §2).
         * Only when the window is certain (established_on known). */
        i128 least = rev > 0 ? rev : 1;
        if (!have_rd || !rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON) ||
            rd * t.den >= (i128)t.num * least) {
            rules_crit_message(c, "缺少%d–%d年度研发费用或营业收入", first, last);
            return;
        }
        c->passed = RULES_NO;
        rules_crit_message(
            c, "缺少%d–%d年度部分营业收入；即使缺少的营业收入为 0，研发费用合计也不足 %s", first,
            last, tp);
        int64_t need;
        if (least <= INT64_MAX && rd <= INT64_MAX &&
            rules_ratio_min_num(t, (int64_t)least, false, &need) && need > rd) {
            char yy[40];
            rules_text_yuan(v->explained, yy, sizeof yy, need - (int64_t)rd);
            rules_crit_gap(c, "fen", need - (int64_t)rd,
                           "研发费用合计至少再增加 %s 元（按已知营业收入）", yy);
        }
        return;
    }
    bool ok = rev > 0 && rd * t.den >= (i128)t.num * rev;
    /* display: floor(10000·rd/rev) as a percentage */
    if (rev > 0) {
        i128 bp = rd * 10000 / rev;
        rules_crit_value_fmt(c, "%lld.%02lld%%", (long long)(bp / 100), (long long)(bp % 100));
    } else {
        rules_crit_value_fmt(c, "n/a");
    }
    if (rd <= INT64_MAX && rev <= INT64_MAX) {
        c->has_exact = true;
        c->exact = rules_ratio_make((int64_t)rd, (int64_t)rev);
    }
    c->passed = ok ? RULES_YES : RULES_NO;
    rules_crit_message(c, "%d–%d年研发费用合计占营业收入 %s%s", first, last, c->value,
                       ok ? "" : "，不足");
    if (!ok && rev > 0 && rev <= INT64_MAX) {
        int64_t least;
        if (rules_ratio_min_num(t, (int64_t)rev, false, &least) && least > rd) {
            char yy[40];
            rules_text_yuan(v->explained, yy, sizeof yy, least - (int64_t)rd);
            rules_crit_gap(c, "fen", least - (int64_t)rd, "研发费用合计再增加 %s 元可达 %s", yy,
                           tp);
        }
    }
}

static rules_tri
route_scale(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of,
            int crit, int band)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    int64_t age = pint_safe(e, P_SCALE_AGE_MAX_YEARS, band);
    int64_t min = pint_safe(e, P_SCALE_REVENUE_MIN_FEN, band);
    char my[40];
    rules_text_yuan(v->explained, my, sizeof my, min);
    rules_crit_threshold(c, "age ≤ %lld years and revenue ≥ %s 元", (long long)age, my);
    if (age <= 0) {
        rules_crit_message(c, "本版本无此规模档");
        c->passed = RULES_NO;
        return RULES_NO;
    }
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    bool he = rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON);
    bool hr = rules_year_has(y, RULES_YF_OPERATING_REVENUE);
    if (he && as_of > rules_date_add_years(f->firm.established_on, (int)age)) {
        rules_crit_message(c, "成立超过 %lld 年，不适用此规模档", (long long)age);
        c->passed = RULES_NO;
        return RULES_NO;
    }
    if (!hr) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_OPERATING_REVENUE);
        rules_crit_message(c, "缺少%d年度营业收入", v->fiscal_year);
        return RULES_UNKNOWN;
    }
    int64_t r = y->v[RULES_YF_OPERATING_REVENUE];
    rules_crit_value_yuan(c, r);
    bool ok = r >= min;
    if (!he) {
        rules_verdict_missing(v, "firm.established_on");
        rules_crit_message(c, "缺少 firm.established_on");
        if (ok)
            return RULES_UNKNOWN;
    }
    c->passed = ok ? RULES_YES : RULES_NO;
    char ry[40];
    rules_text_yuan(v->explained, ry, sizeof ry, r);
    rules_crit_message(c, "%d年度营业收入 %s 元%s %s 元", v->fiscal_year, ry,
                       ok ? "，达到" : "，低于", my);
    if (!ok) {
        rules_text_yuan(v->explained, ry, sizeof ry, min - r);
        rules_crit_gap(c, "fen", min - r, "营业收入再增加 %s 元", ry);
    }
    return c->passed;
}

/*
 * A CAGR route on fiscal-year field fld: base year fy − n, end year fy.
 * money: fen (gaps in fen) or head counts (gaps in persons).
 */
static rules_tri
route_cagr(rules_verdict *v, const rules_facts *f, int crit, int fld, int64_t n, rules_ratio rate,
           int64_t base_above, bool last_growth, bool money)
{
    rules_criterion_result *c = rules_verdict_add(v, crit);
    int end_y = v->fiscal_year, base_y = end_y - (int)n, prev_y = end_y - 1;
    char rp[16], ab[40];
    rules_text_pct_short(v->explained, rp, sizeof rp, rate);
    if (money)
        rules_text_yuan(v->explained, ab, sizeof ab, base_above);
    else
        rules_fmt(v, ab, sizeof ab, "%lld", (long long)base_above);
    const char *u = money ? " 元" : " 人";
    rules_crit_threshold(c, "CAGR %d–%d ≥ %s, base > %s%s%s", base_y, end_y, rp, ab, u,
                         last_growth ? ", last year up" : "");
    if (rules_firm_has(&f->firm, RULES_FF_ESTABLISHED_ON) &&
        rules_date_year(f->firm.established_on) > base_y) {
        c->passed = RULES_NO;
        rules_crit_message(c, "%d 年尚未成立，无基期数据", base_y);
        return RULES_NO;
    }
    const rules_year *yb = rules_facts_year(f, base_y), *ye = rules_facts_year(f, end_y),
                     *yp = rules_facts_year(f, prev_y);
    bool hb = rules_year_has(yb, (rules_year_field)fld),
         hn = rules_year_has(ye, (rules_year_field)fld),
         hp = !last_growth || rules_year_has(yp, (rules_year_field)fld);
    const rules_year *need[3] = {yb, ye, last_growth ? yp : ye};
    const int yrs[3] = {base_y, end_y, prev_y};
    for (int i = 0; i < 3; i++)
        if (!rules_year_has(need[i], (rules_year_field)fld))
            rules_verdict_missing_year(v, yrs[i], fld);
    int64_t b = hb ? yb->v[fld] : 0, en = hn ? ye->v[fld] : 0,
            pv = hp && last_growth ? yp->v[fld] : 0;
    /* each part of the test, as far as the known years decide it: a part that
     * fails fails the route whatever the missing years are (POLICY.md §2) */
    bool fits = true;
    rules_tri rate_t = RULES_UNKNOWN;
    if (hb && hn)
        rate_t =
            b > 0 && rules_growth_ge(b, en, rate, (int)n, &fits) && fits ? RULES_YES : RULES_NO;
    rules_tri base_t = !hb ? RULES_UNKNOWN : b > base_above ? RULES_YES : RULES_NO;
    rules_tri last_t = !last_growth  ? RULES_YES
                       : !(hn && hp) ? RULES_UNKNOWN
                       : en > pv     ? RULES_YES
                                     : RULES_NO;
    bool have = hb && hn && hp;
    if (!have && base_t != RULES_NO && rate_t != RULES_NO && last_t != RULES_NO) {
        rules_crit_message(c, "缺少%d–%d年度%s", base_y, end_y, money ? "营业收入" : "从业人数");
        return RULES_UNKNOWN;
    }
    bool ok_rate = rate_t == RULES_YES, ok_base = base_t == RULES_YES,
         ok_last = last_t == RULES_YES;
    bool ok = ok_rate && ok_base && ok_last;
    c->passed = ok ? RULES_YES : RULES_NO;
    if (hb && hn) /* value: end over base, the CAGR test being end/base ≥ (1 + rate)^n */
        rules_crit_value_pct(c, rules_ratio_make(en, b));
    if (have) {
        char bv[40], ev[40];
        if (money) {
            rules_text_yuan(v->explained, bv, sizeof bv, b);
            rules_text_yuan(v->explained, ev, sizeof ev, en);
        } else {
            rules_fmt(v, bv, sizeof bv, "%lld", (long long)b);
            rules_fmt(v, ev, sizeof ev, "%lld", (long long)en);
        }
        rules_crit_message(c, "%d年 %s%s → %d年 %s%s，增长%s%s%s%s", base_y, bv, u, end_y, ev, u,
                           ok_rate ? "达到复合 " : "未达复合 ", rp,
                           ok_base ? "" : "；基期未超过下限", ok_last ? "" : "；最近一年未增长");
    } else {
        rules_crit_message(c, "缺少%d–%d年度部分%s，但%s，无论缺少的数据如何均不满足", base_y,
                           end_y, money ? "营业收入" : "从业人数",
                           base_t == RULES_NO   ? "基期未超过下限"
                           : rate_t == RULES_NO ? "复合增长率未达到"
                                                : "最近一年未增长");
    }
    if (ok)
        return RULES_YES;
    if (base_t == RULES_NO) {
        int64_t x = base_above - b + 1;
        rules_crit_gap(c, money ? "fen" : "persons", x, "基期（%d年）须超过 %s%s", base_y, ab, u);
    } else if (rate_t == RULES_NO && fits) {
        /* least end with end·den^n ≥ base·(den + num)^n */
        i128 num = b, den = 1;
        for (int i = 0; i < n; i++) {
            num *= rate.den + rate.num;
            den *= rate.den;
        }
        i128 least = (num + den - 1) / den;
        if (least > en && least <= INT64_MAX) {
            int64_t x = (int64_t)(least - en);
            char xs[40];
            if (money)
                rules_text_yuan(v->explained, xs, sizeof xs, x);
            else
                rules_fmt(v, xs, sizeof xs, "%lld", (long long)x);
            rules_crit_gap(c, money ? "fen" : "persons", x, "%d年再增加 %s%s可达复合 %s", end_y, xs,
                           u, rp);
        }
    } else if (last_t == RULES_NO) {
        int64_t x = pv - en + 1;
        rules_crit_gap(c, money ? "fen" : "persons", x, "%d年须高于%d年", end_y, prev_y);
    }
    return RULES_NO;
}

static rules_tri
route_vc(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_VC_ROUND);
    int64_t above = rules_param_int(e, P_VC_ROUND_ABOVE_FEN);
    bool qualified = rules_param_bool(e, P_VC_QUALIFIED_ONLY);
    rules_date from = rules_date_from_ymd(
        rules_verdict_year_of(v, as_of) - (int)rules_param_int(e, P_VC_WINDOW_YEARS), 1, 1);
    char ay[40], d1[11], d2[11];
    rules_text_yuan(v->explained, ay, sizeof ay, above);
    rules_crit_threshold(c, "one round > %s 元 in %s..%s%s", ay,
                         rules_text_date(v->explained, from, d1, sizeof d1),
                         rules_text_date(v->explained, as_of, d2, sizeof d2),
                         qualified ? ", qualified investor" : "");
    int found = -1;
    int64_t best = 0;
    for (int i = 0; i < f->n_equity; i++) {
        const rules_equity_round *r = &f->equity[i];
        if (r->date < from || r->date > as_of || (qualified && !r->qualified_investor))
            continue;
        if (r->paid_in_fen > best)
            best = r->paid_in_fen;
        if (found < 0 && r->paid_in_fen > above)
            found = i;
    }
    rules_crit_value_yuan(c, best);
    c->passed = found >= 0 ? RULES_YES : RULES_NO;
    char by[40];
    rules_text_yuan(v->explained, by, sizeof by, best);
    if (found >= 0) {
        rules_crit_message(c, "单轮获得创业投资（equity_rounds[%d]）超过 %s 元", found, ay);
        return RULES_YES;
    }
    rules_crit_message(c, "期间单轮最高 %s 元，未超过 %s 元", by, ay);
    rules_crit_gap(c, "fen", above - best + 1, "单轮投资须超过 %s 元", ay);
    return RULES_NO;
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    gate_age(v, e, f, ctx->as_of);
    gate_rd(v, e, f);
    rules_tri alt[5];
    alt[0] = route_scale(v, e, f, ctx->as_of, C_SCALE_YOUNG, 0);
    alt[1] = route_scale(v, e, f, ctx->as_of, C_SCALE_MID, 1);
    bool last = rules_param_bool(e, P_LAST_YEAR_GROWTH_REQUIRED);
    alt[2] = route_cagr(v, f, C_REVENUE_CAGR, RULES_YF_OPERATING_REVENUE,
                        rules_param_int(e, P_REVENUE_CAGR_YEARS),
                        rules_param_ratio(e, P_REVENUE_CAGR_MIN),
                        rules_param_int(e, P_REVENUE_BASE_ABOVE_FEN), last, true);
    alt[3] = route_cagr(v, f, C_EMPLOYEES_CAGR, RULES_YF_EMPLOYEES,
                        rules_param_int(e, P_EMPLOYEES_CAGR_YEARS),
                        rules_param_ratio(e, P_EMPLOYEES_CAGR_MIN),
                        rules_param_int(e, P_EMPLOYEES_BASE_ABOVE), last, false);
    alt[4] = route_vc(v, e, f, ctx->as_of);

    bool gate_no = false, gate_unknown = false, any_yes = false, any_unknown = false;
    for (int i = 0; i < 2; i++) {
        gate_no |= v->criteria[i].passed == RULES_NO;
        gate_unknown |= v->criteria[i].passed == RULES_UNKNOWN;
    }
    for (int i = 0; i < 5; i++) {
        any_yes |= alt[i] == RULES_YES;
        any_unknown |= alt[i] == RULES_UNKNOWN;
    }
    if (gate_no || (!any_yes && !any_unknown)) {
        /* a failed gate, or every alternative fails whatever the missing
         * gate facts are (POLICY.md §2) */
        v->outcome = RULES_INELIGIBLE;
    } else if (gate_unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else if (any_yes) {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_CONDITIONS;
    } else {
        v->outcome = any_unknown ? RULES_INSUFFICIENT_DATA : RULES_INELIGIBLE;
    }
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const rules_param_value *a = &e->p[P_SCALE_AGE_MAX_YEARS], *r = &e->p[P_SCALE_REVENUE_MIN_FEN];
    if (a->n != r->n || a->n > 2) {
        snprintf(err, errlen,
                 "params.scale_age_max_years and scale_revenue_min_fen: equal length, "
                 "at most 2 (one criterion per band)");
        return -1;
    }
    const int cagr[] = {P_REVENUE_CAGR_YEARS, P_EMPLOYEES_CAGR_YEARS};
    for (size_t i = 0; i < 2; i++)
        if (rules_param_int(e, cagr[i]) < 1 || rules_param_int(e, cagr[i]) > 8) {
            snprintf(err, errlen, "params.%s: 1..8", params[cagr[i]].name);
            return -1;
        }
    const int rates[] = {P_REVENUE_CAGR_MIN, P_EMPLOYEES_CAGR_MIN};
    for (size_t i = 0; i < 2; i++) {
        rules_ratio q = rules_param_ratio(e, rates[i]);
        if (q.num < 0 || q.den > 10000 || q.num > 10000) {
            snprintf(err, errlen, "params.%s: a small non-negative rate", params[rates[i]].name);
            return -1;
        }
    }
    return 0;
}

const rules_module rules_gazelle_module = {
    .id = "gazelle",
    .name_zh = "瞪羚企业",
    .name_en = "Gazelle enterprise",
    .recognition = RULES_REC_GAZELLE,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
