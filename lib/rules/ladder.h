/*
 * ladder: a firm's stage on a date and the next step (POLICY.md §5).
 * Pure: libc only, no allocation.
 */
#ifndef PEIYU_RULES_LADDER_H
#define PEIYU_RULES_LADDER_H

#include "rules/facts.h"
#include "rules/verdict.h"

typedef enum rules_stage {
    RULES_STAGE_SEED,
    RULES_STAGE_MICRO_GROWTH,
    RULES_STAGE_SMALL_TO_HIGH,
    RULES_STAGE_HIGH_TO_STRONG,
    RULES_STAGE__COUNT,
    RULES_STAGE_NONE = -1,
} rules_stage;

const char *rules_stage_name(rules_stage s); /* "seed", "micro_growth", … */
int rules_stage_parse(const char *s, rules_stage *out);

/*
 * "kind:stage,kind:stage,…" for every recognition kind in list order: the
 * form SQL's recognition_kinds_text() returns, so the database's
 * recognition_kind table can be checked against the C list. Returns the
 * length (truncated like snprintf when it is size or more).
 */
size_t rules_recognition_kinds_text(char *buf, size_t size);

/* Stage reached by a recognition kind (incubator_tenant → seed). */
rules_stage rules_stage_of_kind(rules_recognition_kind k);

/* Is recognition r in force on d (issued_on ≤ d ≤ expires_on; the expiry
 * day counts, as 届满 includes the day)? */
bool rules_recognition_in_force(const rules_recognition *r, rules_date d);

/* Highest stage of the recognitions in force on d (seed if none). */
rules_stage rules_stage_on(const rules_facts *f, rules_date d);

/*
 * Among verdicts vs[0..n) (one per module, e.g. from --module all), the index
 * of the module of stage `current + 1` closest to passing, or -1 (top stage,
 * or no module of that stage registered). Closeness: outcome eligible <
 * needs_review < insufficient_data < ineligible; then fewer failed criteria;
 * then higher score_max; then registry order.
 */
int rules_ladder_next(rules_stage current, const rules_verdict *vs, int n);

#endif
