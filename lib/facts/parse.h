/*
 * parse: the facts JSON document (POLICY.md §3) → rules_facts.
 *
 * Strict: duplicate keys, unknown fields, a real number where money (or any
 * integer) is expected, a bad date, a bad USCC format, an array over its cap
 * and internally inconsistent facts are all errors. The error text names the
 * path and the problem, e.g. "years.2025.rd_domestic_fen: greater than
 * rd_expense_fen"; callers turn it into a 400 or an exit status 2. A USCC
 * check-character mismatch is not an error: it sets
 * firm.uscc_check_mismatch for officer review.
 * Uses jansson; the structs it fills are pure (lib/rules/facts.h).
 */
#ifndef PEIYU_FACTS_PARSE_H
#define PEIYU_FACTS_PARSE_H

#include <jansson.h>
#include <stddef.h>

#include "rules/facts.h"

/* Parse text[0..len) into *out (fully overwritten). 0, or -1 with err set. */
int facts_parse_text(const char *text, size_t len, rules_facts *out, char *err, size_t errlen);

/* Same from an already loaded value (the caller loaded it with
 * JSON_REJECT_DUPLICATES). The caller keeps ownership of root. */
int facts_parse_json(const json_t *root, rules_facts *out, char *err, size_t errlen);

#endif
