/*
 * verdict_checks.h: checks every module test makes on a verdict (include
 * after t.h): a missing path is listed, and verdict → JSON → verdict → JSON
 * gives the same text.
 */
#ifndef PEIYU_TESTS_RULES_VERDICT_CHECKS_H
#define PEIYU_TESTS_RULES_VERDICT_CHECKS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "facts/verdict_json.h"
#include "rules/verdict.h"

static inline bool
has_missing(const rules_verdict *v, const char *p)
{
    for (int i = 0; i < v->n_missing; i++)
        if (strcmp(v->missing[i], p) == 0)
            return true;
    return false;
}

static inline void
roundtrip(const rules_verdict *v)
{
    json_t *a = facts_verdict_to_json(v);
    static rules_verdict back;
    char err[256];
    CHECK_INT(facts_verdict_from_json(a, &back, err, sizeof err), 0);
    json_t *b = facts_verdict_to_json(&back);
    char *sa = json_dumps(a, JSON_COMPACT), *sb = json_dumps(b, JSON_COMPACT);
    CHECK_STR(sb, sa);
    free(sa);
    free(sb);
    json_decref(a);
    json_decref(b);
}

#endif
