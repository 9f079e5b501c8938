/*
 * ladder: stages from recognitions and the "next" choice; see ladder.h.
 */
#include "rules/ladder.h"

#include <string.h>

#include "rules/module.h"

static const char *const stage_names[RULES_STAGE__COUNT] = {"seed", "micro_growth", "small_to_high",
                                                            "high_to_strong"};

const char *
rules_stage_name(rules_stage s)
{
    return (s >= 0 && s < RULES_STAGE__COUNT) ? stage_names[s] : NULL;
}

int
rules_stage_parse(const char *s, rules_stage *out)
{
    for (int i = 0; i < RULES_STAGE__COUNT; i++)
        if (strcmp(s, stage_names[i]) == 0) {
            *out = (rules_stage)i;
            return 0;
        }
    return -1;
}

rules_stage
rules_stage_of_kind(rules_recognition_kind k)
{
    switch (k) {
    case RULES_REC_INCUBATOR_TENANT:
        return RULES_STAGE_SEED;
    case RULES_REC_TECH_SME:
    case RULES_REC_INNOVATIVE_SME:
        return RULES_STAGE_MICRO_GROWTH;
    case RULES_REC_HNTE_POOL:
    case RULES_REC_HIGH_TECH:
        return RULES_STAGE_SMALL_TO_HIGH;
    case RULES_REC_SPECIALIZED_SME:
    case RULES_REC_LITTLE_GIANT:
    case RULES_REC_GAZELLE:
        return RULES_STAGE_HIGH_TO_STRONG;
    default:
        return RULES_STAGE_NONE;
    }
}

bool
rules_recognition_in_force(const rules_recognition *r, rules_date d)
{
    if (r->issued_on == RULES_DATE_NONE || d < r->issued_on)
        return false;
    return r->expires_on == RULES_DATE_NONE || d <= r->expires_on;
}

rules_stage
rules_stage_on(const rules_facts *f, rules_date d)
{
    rules_stage best = RULES_STAGE_SEED;
    for (int i = 0; i < f->n_recognitions; i++) {
        const rules_recognition *r = &f->recognitions[i];
        rules_stage s = rules_stage_of_kind(r->kind);
        if (s > best && rules_recognition_in_force(r, d))
            best = s;
    }
    return best;
}

static int
outcome_rank(rules_outcome o)
{
    switch (o) {
    case RULES_ELIGIBLE:
        return 0;
    case RULES_NEEDS_REVIEW:
        return 1;
    case RULES_INSUFFICIENT_DATA:
        return 2;
    case RULES_INELIGIBLE:
        return 3;
    }
    return 3;
}

static int
failed_count(const rules_verdict *v)
{
    int n = 0;
    for (int i = 0; i < v->n_criteria; i++)
        if (v->criteria[i].passed == RULES_NO && v->criteria[i].def->kind != RULES_CRIT_DIRECT)
            n++;
    return n;
}

int
rules_ladder_next(rules_stage current, const rules_verdict *vs, int n)
{
    if (current < 0 || current + 1 >= RULES_STAGE__COUNT)
        return -1;
    int best = -1;
    for (int i = 0; i < n; i++) {
        const rules_verdict *v = &vs[i];
        if (!v->module || rules_stage_of_kind(v->module->recognition) != current + 1)
            continue;
        if (best < 0) {
            best = i;
            continue;
        }
        const rules_verdict *b = &vs[best];
        int dr = outcome_rank(v->outcome) - outcome_rank(b->outcome);
        int df = failed_count(v) - failed_count(b);
        int ds = (v->scored ? v->score_max : 0) - (b->scored ? b->score_max : 0);
        if (dr < 0 || (dr == 0 && (df < 0 || (df == 0 && ds > 0))))
            best = i;
    }
    return best;
}
