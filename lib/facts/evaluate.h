/*
 * evaluate: one module or all of them over a facts document, as the JSON of
 * POLICY.md §7. Shared by `peiyuctl eval` and `POST /v1/evaluate` so the two
 * can never disagree. Pure apart from jansson: no I/O.
 */
#ifndef PEIYU_FACTS_EVALUATE_H
#define PEIYU_FACTS_EVALUATE_H

#include <jansson.h>
#include <stddef.h>

#include "rules/date.h"
#include "rules/edition.h"
#include "rules/facts.h"

enum facts_eval_error {
    FACTS_EVAL_OK = 0,
    FACTS_EVAL_UNKNOWN_MODULE = -1, /* not a module id of POLICY.md §4 */
    FACTS_EVAL_NO_EDITION = -3,     /* no edition in force on the date for the region */
};

/* Receives a note about a module left out of an "all" evaluation. */
typedef void (*facts_eval_note_fn)(const char *note, void *arg);

/*
 * Evaluate `module` (an id, or "all") on `as_of` for `region` (NULL or "":
 * the firm's own region code, else national editions only). Returns a new
 * JSON reference: one verdict, or {"verdicts","stage","next"} for "all"; or
 * NULL with *error set and a message in err. `note` may be NULL.
 */
json_t *facts_evaluate(const rules_edition_set *set, const rules_facts *facts, const char *module,
                       rules_date as_of, const char *region, facts_eval_note_fn note,
                       void *note_arg, int *error, char *err, size_t errlen);

#endif
