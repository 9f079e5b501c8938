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
    static const rules_stage stage_of[RULES_REC__COUNT] = {[RULES_REC_NONE] = RULES_STAGE_NONE,
#define X(e, name, stage) [RULES_REC_##e] = RULES_STAGE_##stage,
                                                           RULES_RECOGNITION_KINDS(X)
#undef X
    };
    return (k >= 0 && k < RULES_REC__COUNT) ? stage_of[k] : RULES_STAGE_NONE;
}

size_t
rules_recognition_kinds_text(char *buf, size_t size)
{
    size_t n = 0;
    for (int k = 1; k < RULES_REC__COUNT; k++) {
        const char *parts[] = {k > 1 ? "," : "", rules_recognition_kind_names[k], ":",
                               rules_stage_name(rules_stage_of_kind((rules_recognition_kind)k))};
        for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
            for (const char *c = parts[i]; *c; c++, n++)
                if (n + 1 < size)
                    buf[n] = *c;
    }
    if (size)
        buf[n < size ? n : size - 1] = '\0';
    return n;
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
