/*
 * verdict_checks.h: checks every module test makes on a verdict (include
 * after t.h): a missing path is listed, and (roundtrip, once per row)
 * verdict → JSON → verdict → JSON gives the same text, no text doubles a
 * unit ("… 元 元", a value already carrying its unit) and an
 * insufficient_data verdict lists what is missing (POLICY.md §2).
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
text_checks(const rules_verdict *v)
{
    for (int i = 0; i < v->n_criteria; i++) {
        const rules_criterion_result *c = &v->criteria[i];
        const char *texts[] = {c->value, c->threshold, c->message_zh, c->gap.text_zh};
        for (size_t k = 0; k < sizeof texts / sizeof texts[0]; k++)
            if (strstr(texts[k], "元 元") || strstr(texts[k], "元元")) {
                fprintf(stderr, "  %s: \"%s\"\n", c->def->id, texts[k]);
                CHECK(!"a unit is doubled");
            }
    }
    if (v->outcome == RULES_INSUFFICIENT_DATA)
        CHECK(v->n_missing > 0);
}

static inline void
roundtrip(const rules_verdict *v)
{
    text_checks(v);
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
