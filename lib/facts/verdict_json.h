/*
 * verdict_json: rules_verdict ⇄ the JSON of POLICY.md §7, and the
 * `--module all` envelope {"verdicts": [...], "stage": ..., "next": ...}.
 * Keys are emitted in the order of §7. The parse-back exists so a property
 * test can prove serialise → parse → serialise is the identity.
 * Returned json_t values are new references the caller json_decref()s.
 */
#ifndef PEIYU_FACTS_VERDICT_JSON_H
#define PEIYU_FACTS_VERDICT_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "rules/ladder.h"
#include "rules/verdict.h"

json_t *facts_verdict_to_json(const rules_verdict *v);

/* Parse a verdict object; the module and criteria must be registered.
 * 0, or -1 with err naming the path. */
int facts_verdict_from_json(const json_t *j, rules_verdict *v, char *err, size_t errlen);

/*
 * The "next" object for stage `current` given the verdicts of every module:
 * {"stage", "module", "outcome", "score_max", "lacking": [{"id", "message_zh",
 * "gap"}], "missing": [...]} or JSON null when there is no next step.
 */
json_t *facts_next_to_json(rules_stage current, const rules_verdict *vs, int n);

/* {"verdicts": [...], "stage": "...", "next": ...}. */
json_t *facts_all_to_json(const rules_verdict *vs, int n, rules_stage stage);

#endif
