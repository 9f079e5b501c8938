/*
 * recognition_award: one-off award for a new recognition (一次性奖励;
 * POLICY.md §4, policy-sources.md §5.1 D, §5.2). Local editions, stacked by
 * level through the region prefix (the 福州 edition 3501 carries the
 * province's award and the city's match; the Fujian edition 35 the
 * province's alone).
 *
 * The recognition considered is the latest of the edition's
 * recognition_kind issued on or before as_of. Gates:
 *  - holds: there is one;
 *  - in_period: it was issued within the programme's period, which is the
 *    edition's own [effective_from, effective_to] (open end: up to as_of);
 *  - first_of_kind (when the edition says so): no recognition of the same
 *    kind was issued before it ("新认定"; a re-recognition is not new).
 * Award (never fails; reported as the last criterion): level 0 =
 * award_fen × level_ratios[0]; level k = level k−1 × level_ratios[k] (a
 * match "1:0.5" of the level above is 50%); the award is the sum. Each level
 * is rounded down to the fen, the sources naming no other rule.
 * Outcome: a gate fails → ineligible (award 0); else eligible, route
 * "conditions", award_fen set. No fact here can be missing: an absent
 * recognitions array is an empty list.
 * Pure: no allocation, no I/O.
 */
#include <stdio.h>
#include <string.h>

#include "rules/module.h"

enum { P_RECOGNITION_KIND, P_FIRST_OF_KIND, P_AWARD_FEN, P_LEVEL_RATIOS, P__COUNT };

static const rules_param_spec params[P__COUNT] = {
    [P_RECOGNITION_KIND] = {"recognition_kind", RULES_PT_ENUM, rules_recognition_kind_names,
                            "the recognition rewarded"},
    [P_FIRST_OF_KIND] = {"first_of_kind", RULES_PT_BOOL, NULL,
                         "新认定: only the first recognition of the kind is rewarded"},
    [P_AWARD_FEN] = {"award_fen", RULES_PT_INT, NULL, "the top level's award (e.g. 省级 50万元)"},
    [P_LEVEL_RATIOS] =
        {"level_ratios", RULES_PT_RATIO_LIST, NULL,
         "each level's amount as a share of the level above (level 0: of award_fen)"},
};

enum { C_HOLDS, C_IN_PERIOD, C_FIRST, C_AWARD, C__COUNT };

static const rules_criterion_def criteria[C__COUNT] = {
    [C_HOLDS] = {"holds",
                 "获得相应认定",
                 "Holds the recognition",
                 RULES_CRIT_GATE,
                 {"recognition_kind", NULL},
                 0,
                 "奖励对象"},
    [C_IN_PERIOD] = {"in_period",
                     "在政策期内获认定",
                     "Recognised within the programme's period",
                     RULES_CRIT_GATE,
                     {NULL},
                     0,
                     "奖励对象"},
    [C_FIRST] = {"first_of_kind",
                 "首次认定（新认定）",
                 "First recognition of its kind",
                 RULES_CRIT_GATE,
                 {"first_of_kind", NULL},
                 0,
                 "奖励对象"},
    [C_AWARD] = {"award",
                 "奖励金额（含配套）",
                 "Award with matching funds",
                 RULES_CRIT_GATE,
                 {"award_fen", "level_ratios", NULL},
                 0,
                 "奖励标准"},
};

static void
set_tri(rules_criterion_result *c, bool ok)
{
    c->passed = ok ? RULES_YES : RULES_NO;
}

/* floor(x · r), x ≥ 0, saturating. */
static int64_t
mul_floor(int64_t x, rules_ratio r)
{
    __int128 p = (__int128)x * r.num / r.den;
    return p > INT64_MAX ? INT64_MAX : (int64_t)p;
}

static int64_t
award(rules_verdict *v, const rules_edition *e)
{
    rules_criterion_result *c = rules_verdict_add(v, C_AWARD);
    const rules_param_value *lv = &e->p[P_LEVEL_RATIOS];
    int64_t level = rules_param_int(e, P_AWARD_FEN), total = 0;
    char msg[200] = "", y[40], pct[24];
    for (int k = 0; k < lv->n; k++) {
        level = mul_floor(level, lv->v[k]);
        total = total > INT64_MAX - level ? INT64_MAX : total + level;
        if (!rules_explaining(v))
            continue;
        rules_text_yuan(v->explained, y, sizeof y, level);
        rules_text_pct_short(v->explained, pct, sizeof pct, lv->v[k]);
        snprintf(msg + strlen(msg), sizeof msg - strlen(msg), "%s第%d级 %s 元（%s）",
                 k ? " + " : "", k + 1, y, pct);
    }
    rules_text_yuan(v->explained, y, sizeof y, rules_param_int(e, P_AWARD_FEN));
    rules_crit_threshold(c, "%s 元 stacked over %d level(s)", y, lv->n);
    rules_crit_value_yuan(c, total);
    set_tri(c, true);
    rules_crit_message(c, "%s = %s", msg, c->value);
    return total;
}

static void
evaluate(const rules_module *m, const rules_edition *e, const rules_facts *f, const rules_ctx *ctx,
         rules_verdict *v)
{
    (void)m;
    rules_recognition_kind kind = (rules_recognition_kind)rules_param_int(e, P_RECOGNITION_KIND);
    const char *kn = rules_recognition_kind_names[kind];
    int latest = -1;
    for (int i = 0; i < f->n_recognitions; i++) {
        const rules_recognition *r = &f->recognitions[i];
        if (r->kind == kind && r->issued_on != RULES_DATE_NONE && r->issued_on <= ctx->as_of &&
            (latest < 0 || r->issued_on > f->recognitions[latest].issued_on))
            latest = i;
    }
    rules_criterion_result *c = rules_verdict_add(v, C_HOLDS);
    rules_crit_threshold(c, "%s issued on or before as_of", kn);
    set_tri(c, latest >= 0);
    v->outcome = RULES_INELIGIBLE;
    v->has_award = true;
    v->award_fen = 0;
    if (latest < 0) {
        rules_crit_value_text(c, "none");
        rules_crit_message(c, "未获得 %s 认定", kn);
        return;
    }
    const rules_recognition *r = &f->recognitions[latest];
    char on[11];
    rules_text_date(v->explained, r->issued_on, on, sizeof on);
    rules_crit_value_text(c, on);
    rules_crit_message(c, "%s 获 %s 认定（recognitions[%d]）", on, kn, latest);

    c = rules_verdict_add(v, C_IN_PERIOD);
    rules_date to = e->effective_to == RULES_DATE_NONE || e->effective_to > ctx->as_of
                        ? ctx->as_of
                        : e->effective_to;
    char a[11], b[11];
    rules_text_date(v->explained, e->effective_from, a, sizeof a);
    rules_text_date(v->explained, to, b, sizeof b);
    rules_crit_threshold(c, "issued in %s..%s", a, b);
    rules_crit_value_text(c, on);
    bool in = r->issued_on >= e->effective_from && r->issued_on <= to;
    set_tri(c, in);
    rules_crit_message(c, in ? "%s 在政策期 %s 至 %s 内" : "%s 不在政策期 %s 至 %s 内", on, a, b);
    if (!in && r->issued_on < e->effective_from)
        rules_crit_gap(c, "days", rules_date_days_between(r->issued_on, e->effective_from),
                       "认定日早于政策期起始日 %d 天",
                       (int)rules_date_days_between(r->issued_on, e->effective_from));

    bool first = true;
    if (rules_param_bool(e, P_FIRST_OF_KIND)) {
        c = rules_verdict_add(v, C_FIRST);
        rules_crit_threshold(c, "no earlier %s", kn);
        int earlier = -1, count = 1; /* recognitions of the kind up to this one */
        for (int i = 0; i < f->n_recognitions; i++)
            if (i != latest && f->recognitions[i].kind == kind &&
                f->recognitions[i].issued_on < r->issued_on) {
                count++;
                if (earlier < 0)
                    earlier = i;
            }
        first = earlier < 0;
        set_tri(c, first);
        rules_crit_value_int(c, count);
        if (first) {
            rules_crit_message(c, "首次获得 %s 认定", kn);
        } else {
            char eo[11];
            rules_text_date(v->explained, f->recognitions[earlier].issued_on, eo, sizeof eo);
            rules_crit_message(c, "%s 已获 %s 认定（recognitions[%d]），本次不是新认定", eo, kn,
                               earlier);
        }
    }
    if (!in || !first)
        return;
    v->award_fen = award(v, e);
    v->outcome = RULES_ELIGIBLE;
    v->route = RULES_ROUTE_CONDITIONS;
}

const rules_module rules_recognition_award_module = {
    .id = "recognition_award",
    .name_zh = "认定一次性奖励",
    .name_en = "One-off award for a new recognition",
    .recognition = RULES_REC_NONE,
    .scored = false,
    .params = params,
    .n_params = P__COUNT,
    .criteria = criteria,
    .n_criteria = C__COUNT,
    .validate = NULL,
    .evaluate = evaluate,
};
