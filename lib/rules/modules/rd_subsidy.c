/*
 * rd_subsidy: local R&D subsidy (研发投入扶持 / 后补助) amounts (POLICY.md §4,
 * policy-sources.md §5.1 A–B, §5.2). Local editions; each names its formula
 * and which gates apply (`applies`), so one criteria table serves them all:
 *
 *  - gates (each only when listed in `applies`): holds one of holder_kinds
 *    in force on as_of; fiscal-year operating revenue ≥ revenue_min_fen;
 *    super-deduction filed for the fiscal year; R&D / operating revenue ≥
 *    intensity_min.
 *  - formula `banded` (深圳龙岗 2022): the fiscal year's R&D R falls in a band
 *    of band_rd_min_fen (descending lower edges; the edition's band_edge
 *    decides an exact edge: 龙岗 writes "1000万元(不含)以下", so
 *    lower_inclusive); the band's intensity R / operating revenue must reach
 *    band_intensity_min[k], else the award is 0 (no fall-back to a lower
 *    band); base award = band_award_fen[k].
 *  - formula `increment` (湖南 2021 [S]): base = rate × max(0, R_FY − R_FY−1),
 *    capped at increment_cap_fen.
 *  - `tier` (when listed): for every tier kind held on as_of the award is
 *    min(base × multiplier, cap); the largest applies, else the base. It
 *    never fails; it reports the multiplier and cap used.
 * Money is int64 fen; every product is exact (128-bit) and rounded down to
 * the fen, the sources naming no other rule.
 * Outcome: a gate fails → ineligible (award 0); a fact missing →
 * insufficient_data (award null), unless the known facts already fail the
 * criterion (R&D of 0 or revenue of 0 against an intensity, this year's R&D
 * too small for any increment: POLICY.md §2); the formula gives 0 →
 * ineligible (award 0);
 * else eligible, route "conditions", award_fen set. The fiscal year is the
 * year before as_of (上一年).
 * Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/ladder.h"
#include "rules/module.h"

enum { F_NONE, F_BANDED, F_INCREMENT };
static const char *const formula_names[] = {"", "banded", "increment", NULL};

enum { A_NONE, A_HOLDER, A_REVENUE_MIN, A_DEDUCTION_FILED, A_INTENSITY_MIN, A_TIER };
static const char *const applies_names[] = {
    "", "holder", "revenue_min", "deduction_filed", "intensity_min", "tier", NULL};

enum {
    P_FORMULA,
    P_APPLIES,
    P_HOLDER_KINDS,
    P_REVENUE_MIN_FEN,
    P_INTENSITY_MIN,
    P_BAND_RD_MIN_FEN,
    P_BAND_INTENSITY_MIN,
    P_BAND_AWARD_FEN,
    P_INCREMENT_RATE,
    P_INCREMENT_CAP_FEN,
    P_TIER_KINDS,
    P_TIER_MULTIPLIER,
    P_TIER_CAP_FEN,
    P__COUNT
};

static const rules_param_spec params[P__COUNT] = {
    [P_FORMULA] = {"formula", RULES_PT_ENUM, formula_names, "banded | increment"},
    [P_APPLIES] = {"applies", RULES_PT_ENUM_LIST, applies_names,
                   "gates and steps of this edition; parameters of unlisted ones are unused"},
    [P_HOLDER_KINDS] = {"holder_kinds", RULES_PT_ENUM_LIST, rules_recognition_kind_names,
                        "holder: any one of these recognitions in force on as_of"},
    [P_REVENUE_MIN_FEN] = {"revenue_min_fen", RULES_PT_INT, NULL,
                           "revenue_min: 上一年营业收入 ≥ (以上 includes the number)"},
    [P_INTENSITY_MIN] = {"intensity_min", RULES_PT_RATIO, NULL,
                         "intensity_min: 研发投入占营业收入 ≥"},
    [P_BAND_RD_MIN_FEN] = {"band_rd_min_fen", RULES_PT_INT_LIST, NULL,
                           "banded: R&D band lower edges, descending"},
    [P_BAND_INTENSITY_MIN] = {"band_intensity_min", RULES_PT_RATIO_LIST, NULL,
                              "banded: intensity each band requires"},
    [P_BAND_AWARD_FEN] = {"band_award_fen", RULES_PT_INT_LIST, NULL, "banded: award per band"},
    [P_INCREMENT_RATE] = {"increment_rate", RULES_PT_RATIO, NULL,
                          "increment: share of the year-on-year R&D increase"},
    [P_INCREMENT_CAP_FEN] = {"increment_cap_fen", RULES_PT_INT, NULL, "increment: 最高"},
    [P_TIER_KINDS] = {"tier_kinds", RULES_PT_ENUM_LIST, rules_recognition_kind_names,
                      "tier: recognitions that multiply the award"},
    [P_TIER_MULTIPLIER] = {"tier_multiplier", RULES_PT_RATIO_LIST, NULL, "tier: multiplier"},
    [P_TIER_CAP_FEN] = {"tier_cap_fen", RULES_PT_INT_LIST, NULL, "tier: 最高"},
};

enum { C_HOLDER, C_REVENUE, C_DEDUCTION, C_INTENSITY, C_BANDED, C_INCREMENT, C_TIER, C__COUNT };

static const rules_criterion_def criteria[C__COUNT] = {
    [C_HOLDER] = {"holder",
                  "持有规定的资质（高企、专精特新等）",
                  "Holds a qualifying recognition",
                  RULES_CRIT_GATE,
                  {"holder_kinds", NULL},
                  0,
                  "申报条件"},
    [C_REVENUE] = {"revenue_min",
                   "上一年营业收入",
                   "Last year's operating revenue",
                   RULES_CRIT_GATE,
                   {"revenue_min_fen", NULL},
                   0,
                   "申报条件"},
    [C_DEDUCTION] = {"deduction_filed",
                     "已办理研发费用加计扣除申报",
                     "R&D super-deduction filed for the year",
                     RULES_CRIT_GATE,
                     {NULL},
                     0,
                     "申报条件"},
    [C_INTENSITY] = {"intensity_min",
                     "研发投入占营业收入比例",
                     "R&D / operating revenue",
                     RULES_CRIT_GATE,
                     {"intensity_min", NULL},
                     0,
                     "申报条件"},
    [C_BANDED] = {"band",
                  "研发投入分档扶持",
                  "Banded award by R&D amount and intensity",
                  RULES_CRIT_GATE,
                  {"band_rd_min_fen", "band_intensity_min", "band_award_fen", NULL},
                  0,
                  "扶持标准"},
    [C_INCREMENT] = {"increment",
                     "研发投入增量奖补",
                     "Share of the year-on-year R&D increase",
                     RULES_CRIT_GATE,
                     {"increment_rate", "increment_cap_fen", NULL},
                     0,
                     "扶持标准"},
    [C_TIER] = {"tier",
                "专精特新、小巨人倍数及上限",
                "Tier multiplier and cap",
                RULES_CRIT_GATE,
                {"tier_kinds", "tier_multiplier", "tier_cap_fen", NULL},
                0,
                "扶持标准"},
};

static void
set_tri(rules_criterion_result *c, bool ok)
{
    c->passed = ok ? RULES_YES : RULES_NO;
}

/* floor(x · r), x ≥ 0, saturating at INT64_MAX. */
static int64_t
mul_floor(int64_t x, rules_ratio r)
{
    __int128 p = (__int128)x * r.num / r.den;
    return p > INT64_MAX ? INT64_MAX : (int64_t)p;
}

static bool
applies(const rules_edition *e, int a)
{
    return rules_param_has_enum(e, P_APPLIES, a);
}

/* The index of the first recognition of one of the kinds in list param `kinds`
 * in force on d, or -1. */
static int
held(const rules_edition *e, int kinds, const rules_facts *f, rules_date d,
     rules_recognition_kind want)
{
    for (int i = 0; i < f->n_recognitions; i++) {
        const rules_recognition *r = &f->recognitions[i];
        bool k =
            want != RULES_REC_NONE ? r->kind == want : rules_param_has_enum(e, kinds, (int)r->kind);
        if (k && rules_recognition_in_force(r, d))
            return i;
    }
    return -1;
}

static void
gate_holder(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of)
{
    rules_criterion_result *c = rules_verdict_add(v, C_HOLDER);
    const rules_param_value *k = &e->p[P_HOLDER_KINDS];
    char list[96] = "";
    for (int i = 0; rules_explaining(v) && i < k->n; i++)
        snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? " | " : "",
                 rules_recognition_kind_names[k->v[i].num]);
    rules_crit_threshold(c, "in force on as_of: %s", list);
    int i = held(e, P_HOLDER_KINDS, f, as_of, RULES_REC_NONE);
    set_tri(c, i >= 0);
    rules_crit_value_text(c,
                          i >= 0 ? rules_recognition_kind_names[f->recognitions[i].kind] : "none");
    if (i >= 0)
        rules_crit_message(c, "持有有效期内的 %s（recognitions[%d]）",
                           rules_recognition_kind_names[f->recognitions[i].kind], i);
    else
        rules_crit_message(c, "未持有有效期内的规定资质（%s）", list);
}

static void
gate_revenue(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_REVENUE);
    int64_t min = rules_param_int(e, P_REVENUE_MIN_FEN);
    char lim[40];
    rules_text_yuan(v->explained, lim, sizeof lim, min);
    rules_crit_threshold(c, "≥ %s 元", lim);
    if (!rules_year_has(y, RULES_YF_OPERATING_REVENUE)) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_OPERATING_REVENUE);
        rules_crit_message(c, "缺少%d年度营业收入", v->fiscal_year);
        return;
    }
    int64_t x = y->v[RULES_YF_OPERATING_REVENUE];
    rules_crit_value_yuan(c, x);
    set_tri(c, x >= min);
    rules_crit_message(c, "%d年度营业收入 %s，%s %s 元", v->fiscal_year, c->value,
                       x >= min ? "达到" : "低于", lim);
    if (x < min) {
        char need[40];
        rules_text_yuan(v->explained, need, sizeof need, min - x);
        rules_crit_gap(c, "fen", min - x, "营业收入还差 %s 元", need);
    }
}

static void
gate_deduction(rules_verdict *v, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_DEDUCTION);
    rules_crit_threshold(c, "true");
    if (!rules_year_has(y, RULES_YF_RD_DEDUCTION_FILED)) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_RD_DEDUCTION_FILED);
        rules_crit_message(c, "缺少%d年度研发费用加计扣除申报情况", v->fiscal_year);
        return;
    }
    bool ok = y->v[RULES_YF_RD_DEDUCTION_FILED] != 0;
    rules_crit_value_text(c, ok ? "true" : "false");
    set_tri(c, ok);
    rules_crit_message(c,
                       ok ? "%d年度已办理研发费用加计扣除申报" : "%d年度未办理研发费用加计扣除申报",
                       v->fiscal_year);
}

/* R&D over operating revenue against `min`; gap in fen of R&D. */
static void
intensity(rules_criterion_result *c, rules_ratio min, int64_t rd, int64_t rev, const char *what)
{
    char pct[24];
    rules_text_pct_short(c->explain, pct, sizeof pct, min);
    rules_ratio r = rules_ratio_make(rd, rev);
    rules_crit_value_pct(c, r);
    bool ok = rules_ratio_ge(r, min);
    set_tri(c, ok);
    rules_crit_message(c, "%s：研发投入/营业收入 %s，%s %s", what, c->value, ok ? "达到" : "低于",
                       pct);
    int64_t need;
    if (!ok && rev > 0 && rules_ratio_min_num(min, rev, false, &need) && need > rd) {
        char y[40];
        rules_text_yuan(c->explain, y, sizeof y, need - rd);
        rules_crit_gap(c, "fen", need - rd, "研发投入再增加 %s 元（营业收入不变）可达 %s", y, pct);
    }
}

static bool
have_rd_rev(rules_verdict *v, const rules_year *y, rules_criterion_result *c)
{
    bool ok = true;
    if (!rules_year_has(y, RULES_YF_RD_EXPENSE)) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_RD_EXPENSE);
        ok = false;
    }
    if (!rules_year_has(y, RULES_YF_OPERATING_REVENUE)) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_OPERATING_REVENUE);
        ok = false;
    }
    if (!ok)
        rules_crit_message(c, "缺少%d年度研发费用或营业收入", v->fiscal_year);
    return ok;
}

/* R&D or revenue missing: fail c when the known one already fails `min`
 * (R&D of 0, revenue of 0: POLICY.md §2); true when it did. */
static bool
intensity_open(rules_criterion_result *c, rules_ratio min, const rules_year *y, const char *what)
{
    bool hr = rules_year_has(y, RULES_YF_RD_EXPENSE),
         hv = rules_year_has(y, RULES_YF_OPERATING_REVENUE);
    if (rules_ratio_ge_open(hr, hr ? y->v[RULES_YF_RD_EXPENSE] : 0, hv,
                            hv ? y->v[RULES_YF_OPERATING_REVENUE] : 0, min) != 0)
        return false;
    char pct[24];
    rules_text_pct_short(c->explain, pct, sizeof pct, min);
    set_tri(c, false);
    rules_crit_message(c, "%s：%s，研发投入/营业收入无论如何低于 %s", what,
                       hr ? "研发投入为 0（营业收入缺少）" : "营业收入为 0", pct);
    return true;
}

static void
gate_intensity(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_INTENSITY);
    char pct[24];
    rules_text_pct_short(v->explained, pct, sizeof pct, rules_param_ratio(e, P_INTENSITY_MIN));
    rules_crit_threshold(c, "≥ %s", pct);
    if (have_rd_rev(v, y, c))
        intensity(c, rules_param_ratio(e, P_INTENSITY_MIN), y->v[RULES_YF_RD_EXPENSE],
                  y->v[RULES_YF_OPERATING_REVENUE], "申报条件");
    else
        intensity_open(c, rules_param_ratio(e, P_INTENSITY_MIN), y, "申报条件");
}

/* Banded base award, or -1 when undecided. */
static int64_t
formula_banded(rules_verdict *v, const rules_edition *e, const rules_year *y)
{
    rules_criterion_result *c = rules_verdict_add(v, C_BANDED);
    bool hr = rules_year_has(y, RULES_YF_RD_EXPENSE),
         hv = rules_year_has(y, RULES_YF_OPERATING_REVENUE);
    if (!have_rd_rev(v, y, c)) {
        /* revenue of 0 fails every band's intensity whatever the R&D; with
         * the R&D known its band is known (below: POLICY.md §2) */
        if (hv && y->v[RULES_YF_OPERATING_REVENUE] <= 0) {
            set_tri(c, false);
            rules_crit_message(c, "%d年度营业收入为 0，任何一档的研发投入强度均无法达到，不予扶持",
                               v->fiscal_year);
            return 0;
        }
        if (!hr)
            return -1;
    }
    int64_t rd = y->v[RULES_YF_RD_EXPENSE], rev = hv ? y->v[RULES_YF_OPERATING_REVENUE] : 0;
    const rules_param_value *mins = &e->p[P_BAND_RD_MIN_FEN];
    int k = rules_band_find(e, P_BAND_RD_MIN_FEN, rules_ratio_make(rd, 1));
    bool lower = e->band_edge == RULES_BAND_LOWER_INCLUSIVE;
    char lo[40], hi[40], rdy[40];
    rules_text_yuan(v->explained, rdy, sizeof rdy, rd);
    if (k >= mins->n) {
        rules_text_yuan(v->explained, lo, sizeof lo, mins->v[mins->n - 1].num);
        rules_crit_threshold(c, "R&D %s %s 元", lower ? "≥" : ">", lo);
        rules_crit_value_yuan(c, rd);
        set_tri(c, false);
        rules_crit_message(c, "%d年度研发投入 %s 元，低于最低档 %s 元", v->fiscal_year, rdy, lo);
        int64_t gap = mins->v[mins->n - 1].num - rd + (lower ? 0 : 1);
        char g[40];
        rules_text_yuan(v->explained, g, sizeof g, gap);
        rules_crit_gap(c, "fen", gap, "研发投入再增加 %s 元可进入最低档", g);
        return 0;
    }
    rules_ratio need = e->p[P_BAND_INTENSITY_MIN].v[k];
    char pct[24], award[40];
    rules_text_pct_short(v->explained, pct, sizeof pct, need);
    rules_text_yuan(v->explained, lo, sizeof lo, mins->v[k].num);
    rules_text_yuan(v->explained, award, sizeof award, e->p[P_BAND_AWARD_FEN].v[k].num);
    if (k == 0) {
        rules_crit_threshold(c, "R&D %s %s 元 and intensity ≥ %s → %s 元", lower ? "≥" : ">", lo,
                             pct, award);
    } else {
        rules_text_yuan(v->explained, hi, sizeof hi, mins->v[k - 1].num);
        rules_crit_threshold(c, "R&D %s %s and %s %s 元, intensity ≥ %s → %s 元", lower ? "≥" : ">",
                             lo, lower ? "<" : "≤", hi, pct, award);
    }
    char what[128];
    rules_fmt(v, what, sizeof what, "研发投入 %s 元所在档", rdy);
    if (!hv) /* the band's intensity needs the revenue, unless the R&D fails it anyway */
        return intensity_open(c, need, y, what) ? 0 : -1;
    intensity(c, need, rd, rev, what);
    if (c->passed != RULES_YES) {
        rules_crit_message(
            c, "%d年度研发投入 %s 元，所在档要求研发投入占营业收入 ≥ %s，实际 %s，不予扶持",
            v->fiscal_year, rdy, pct, c->value);
        return 0;
    }
    rules_crit_message(c, "%d年度研发投入 %s 元，占营业收入 %s（≥ %s），该档扶持 %s 元",
                       v->fiscal_year, rdy, c->value, pct, award);
    return e->p[P_BAND_AWARD_FEN].v[k].num;
}

/* Increment base award, or -1 when undecided. */
static int64_t
formula_increment(rules_verdict *v, const rules_edition *e, const rules_facts *f)
{
    rules_criterion_result *c = rules_verdict_add(v, C_INCREMENT);
    rules_ratio rate = rules_param_ratio(e, P_INCREMENT_RATE);
    int64_t cap = rules_param_int(e, P_INCREMENT_CAP_FEN);
    char pct[24], capy[40];
    rules_text_pct_short(v->explained, pct, sizeof pct, rate);
    rules_text_yuan(v->explained, capy, sizeof capy, cap);
    rules_crit_threshold(c, "%s × (R&D %d − R&D %d), ≤ %s 元", pct, v->fiscal_year,
                         v->fiscal_year - 1, capy);
    const rules_year *y1 = rules_facts_year(f, v->fiscal_year);
    const rules_year *y0 = rules_facts_year(f, v->fiscal_year - 1);
    bool ok = true;
    if (!rules_year_has(y1, RULES_YF_RD_EXPENSE)) {
        rules_verdict_missing_year(v, v->fiscal_year, RULES_YF_RD_EXPENSE);
        ok = false;
    }
    if (!rules_year_has(y0, RULES_YF_RD_EXPENSE)) {
        rules_verdict_missing_year(v, v->fiscal_year - 1, RULES_YF_RD_EXPENSE);
        ok = false;
    }
    if (!ok) {
        /* the best award the missing year allows (last year's R&D 0, or this
         * year's any amount): none at all decides it (POLICY.md §2) */
        bool h1 = rules_year_has(y1, RULES_YF_RD_EXPENSE);
        int64_t r1 = h1 ? y1->v[RULES_YF_RD_EXPENSE] : 0;
        int64_t best = !h1 ? (rate.num > 0 ? cap : 0) : r1 > 0 ? mul_floor(r1, rate) : 0;
        if (best > cap)
            best = cap;
        if (best > 0) {
            rules_crit_message(c, "缺少%d或%d年度研发费用", v->fiscal_year - 1, v->fiscal_year);
            return -1;
        }
        set_tri(c, false);
        rules_crit_message(c, "缺少%d或%d年度研发费用，但无论缺少的多少均无增量奖补",
                           v->fiscal_year - 1, v->fiscal_year);
        int64_t need_inc;
        if (h1 && rate.num > 0 && cap > 0 &&
            rules_ratio_min_num(rules_ratio_make(rate.den, rate.num), 1, false, &need_inc)) {
            char g[40];
            rules_text_yuan(v->explained, g, sizeof g, need_inc - r1);
            rules_crit_gap(c, "fen", need_inc - r1, "研发投入至少再增加 %s 元才有增量奖补", g);
        }
        return 0;
    }
    int64_t inc = y1->v[RULES_YF_RD_EXPENSE] - y0->v[RULES_YF_RD_EXPENSE];
    int64_t raw = inc > 0 ? mul_floor(inc, rate) : 0;
    int64_t award = raw < cap ? raw : cap;
    char incy[40], awy[40];
    rules_text_yuan(v->explained, incy, sizeof incy, inc);
    rules_text_yuan(v->explained, awy, sizeof awy, award);
    rules_crit_value_yuan(c, inc);
    set_tri(c, award > 0);
    if (award > 0) {
        rules_crit_message(c, "研发投入增量 %s 元 × %s = %s 元%s", incy, pct, awy,
                           raw > cap ? "（达到上限）" : "");
        return award;
    }
    rules_crit_message(c, "研发投入增量 %s 元，无增量奖补", incy);
    /* least increment whose award reaches 1 fen: inc·num ≥ den */
    int64_t need_inc;
    if (rate.num > 0 &&
        rules_ratio_min_num(rules_ratio_make(rate.den, rate.num), 1, false, &need_inc)) {
        int64_t gap = need_inc - inc;
        char g[40];
        rules_text_yuan(v->explained, g, sizeof g, gap);
        rules_crit_gap(c, "fen", gap, "研发投入再增加 %s 元才有增量奖补", g);
    }
    return 0;
}

static int64_t
tier(rules_verdict *v, const rules_edition *e, const rules_facts *f, rules_date as_of, int64_t base)
{
    rules_criterion_result *c = rules_verdict_add(v, C_TIER);
    const rules_param_value *kinds = &e->p[P_TIER_KINDS];
    int64_t best = base;
    int best_k = -1;
    for (int k = 0; k < kinds->n; k++) {
        if (held(e, P_TIER_KINDS, f, as_of, (rules_recognition_kind)kinds->v[k].num) < 0)
            continue;
        int64_t a = mul_floor(base, e->p[P_TIER_MULTIPLIER].v[k]);
        int64_t cap = e->p[P_TIER_CAP_FEN].v[k].num;
        if (a > cap)
            a = cap;
        if (best_k < 0 || a > best) {
            best = a;
            best_k = k;
        }
    }
    set_tri(c, true);
    char by[40], capy[40], out[40];
    rules_text_yuan(v->explained, by, sizeof by, base);
    rules_text_yuan(v->explained, out, sizeof out, best);
    if (best_k < 0) {
        rules_crit_threshold(c, "no tier held: 100%%");
        rules_crit_value_text(c, "none");
        rules_crit_message(c, "未持有倍数资质，按基础金额 %s 元", by);
        return base;
    }
    char pct[24];
    rules_text_pct_short(v->explained, pct, sizeof pct, e->p[P_TIER_MULTIPLIER].v[best_k]);
    rules_text_yuan(v->explained, capy, sizeof capy, e->p[P_TIER_CAP_FEN].v[best_k].num);
    const char *name = rules_recognition_kind_names[kinds->v[best_k].num];
    rules_crit_threshold(c, "%s: %s, ≤ %s 元", name, pct, capy);
    rules_crit_value_text(c, name);
    rules_crit_message(c, "持有 %s：%s 元 × %s，上限 %s 元，得 %s 元", name, by, pct, capy, out);
    return best;
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    const rules_year *y = rules_facts_year(f, v->fiscal_year);
    if (applies(e, A_HOLDER))
        gate_holder(v, e, f, ctx->as_of);
    if (applies(e, A_REVENUE_MIN))
        gate_revenue(v, e, y);
    if (applies(e, A_DEDUCTION_FILED))
        gate_deduction(v, y);
    if (applies(e, A_INTENSITY_MIN))
        gate_intensity(v, e, y);
    int64_t base = rules_param_int(e, P_FORMULA) == F_BANDED ? formula_banded(v, e, y)
                                                             : formula_increment(v, e, f);
    int64_t award = base;
    if (base > 0 && applies(e, A_TIER))
        award = tier(v, e, f, ctx->as_of, base);

    bool no = false, unknown = false;
    for (int i = 0; i < v->n_criteria; i++) {
        no |= v->criteria[i].passed == RULES_NO;
        unknown |= v->criteria[i].passed == RULES_UNKNOWN;
    }
    if (no) {
        v->outcome = RULES_INELIGIBLE;
        v->has_award = true;
        v->award_fen = 0;
    } else if (unknown) {
        v->outcome = RULES_INSUFFICIENT_DATA;
    } else {
        v->outcome = RULES_ELIGIBLE;
        v->route = RULES_ROUTE_CONDITIONS;
        v->has_award = true;
        v->award_fen = award;
    }
}

static int
validate(const rules_edition *e, char *err, size_t errlen)
{
    const struct {
        int a, b;
    } same[] = {{P_BAND_RD_MIN_FEN, P_BAND_INTENSITY_MIN},
                {P_BAND_RD_MIN_FEN, P_BAND_AWARD_FEN},
                {P_TIER_KINDS, P_TIER_MULTIPLIER},
                {P_TIER_KINDS, P_TIER_CAP_FEN}};
    for (size_t i = 0; i < sizeof same / sizeof same[0]; i++)
        if (e->p[same[i].a].n != e->p[same[i].b].n) {
            snprintf(err, errlen, "params.%s and params.%s differ in length",
                     params[same[i].a].name, params[same[i].b].name);
            return -1;
        }
    const rules_param_value *mins = &e->p[P_BAND_RD_MIN_FEN];
    for (int k = 1; k < mins->n; k++)
        if (mins->v[k].num >= mins->v[k - 1].num) {
            snprintf(err, errlen, "params.band_rd_min_fen must be strictly descending");
            return -1;
        }
    if (rules_param_int(e, P_FORMULA) == F_NONE) {
        snprintf(err, errlen, "params.formula: banded or increment");
        return -1;
    }
    return 0;
}

const rules_module rules_rd_subsidy_module = {
    .id = "rd_subsidy",
    .name_zh = "研发投入扶持",
    .name_en = "R&D subsidy",
    .recognition = RULES_REC_NONE,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = validate,
    .evaluate = evaluate,
};
