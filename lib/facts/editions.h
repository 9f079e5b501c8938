/*
 * editions: edition JSON (sql/editions/<module>.json) → rules_edition_set.
 *
 * A file is a JSON array of rows, each exactly one row of the table
 * rule_edition(module, edition_id, document, effective_from, effective_to,
 * region_prefix, band_edge, verified, params jsonb). Loading binds params to
 * the module's spec (every parameter required, unknown ones rejected, values
 * typed by the spec), runs the module's validate hook and checks the set for
 * overlapping periods. Errors name file, row and field.
 * Uses jansson and stdio; the result is a pure struct (lib/rules/edition.h).
 */
#ifndef PEIYU_FACTS_EDITIONS_H
#define PEIYU_FACTS_EDITIONS_H

#include <jansson.h>
#include <stddef.h>

#include "rules/edition.h"

/* Append the rows of `rows` (a JSON array) to set; `where` prefixes errors. */
int facts_editions_from_json(const json_t *rows, const char *where, rules_edition_set *set,
                             char *err, size_t errlen);

/* Append the rows of one file. 0, or -1 with err. */
int facts_editions_load_file(const char *path, rules_edition_set *set, char *err, size_t errlen);

/* Reset set and load <dir>/<id>.json for every registered module, then check
 * the set. 0, or -1 with err. */
int facts_editions_load_dir(const char *dir, rules_edition_set *set, char *err, size_t errlen);

/* The default editions directory: $PEIYU_EDITIONS_DIR if set, else the
 * source tree's sql/editions (compiled in by meson). */
const char *facts_editions_default_dir(void);

#endif
