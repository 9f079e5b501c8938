/*
 * registry_facts: the registry is the authority over a facts document.
 * Before the engine judges a stored document — for the pathway
 * (lib/registry/pathway.c) and for a submission (applications.c, whose
 * merged document is the verdict's stored input snapshot) — its
 * recognitions[] is replaced by the recognition table's rows and firm.uscc,
 * firm.region_code and firm.established_on by the firm row. Whatever the
 * firm wrote there is ignored. This is the one place that does it.
 */
#ifndef PEIYU_REGISTRY_REGISTRY_FACTS_H
#define PEIYU_REGISTRY_REGISTRY_FACTS_H

#include <jansson.h>

/*
 * The registry's recognitions (recognition_json rows: kind, granted_on,
 * expires_on, certificate_number) as facts-document recognitions[] items
 * (kind, issued_on, expires_on, number when there is one), in the same
 * order. A new reference.
 */
json_t *registry_facts_recognitions(const json_t *recognition_rows);

/*
 * Merge the registry's truth into the facts document `doc` in place:
 * firm.uscc, firm.region_code and firm.established_on from firm_row (uscc,
 * region_code, registered_on; a missing or non-object "firm" is replaced by
 * an object), and recognitions[] = `recognitions`, facts-document items as
 * registry_facts_recognitions returns them (the reference is shared, not
 * stolen). Returns 0, or -1 when doc is not an object (left unchanged).
 */
int registry_facts_merge(json_t *doc, const json_t *firm_row, const json_t *recognitions);

#endif
