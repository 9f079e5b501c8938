/*
 * json_body: strict parsing of request bodies with jansson.
 *
 * Duplicate keys are rejected (JSON_REJECT_DUPLICATES), the top level must be
 * an object, nesting is bounded, and NUL in strings is refused. No libevent.
 */
#ifndef PEIYU_HTTP_JSON_BODY_H
#define PEIYU_HTTP_JSON_BODY_H

#include <jansson.h>
#include <stddef.h>

/*
 * Parse buf[0..len). On success returns 0 and *out holds a new reference the
 * caller owns. On failure returns -HTTP_E_MALFORMED_JSON, -HTTP_E_DUPLICATE_KEY
 * or -HTTP_E_JSON_TOO_DEEP, *out is NULL, and `detail` says where and what
 * (e.g. "line 1, column 14: duplicate object key 'a'").
 */
int json_body_parse(const char *buf, size_t len, size_t max_depth, json_t **out, char *detail,
                    size_t detail_cap);

/* Depth of a JSON value: scalars 0, {} and [] 1, and so on. */
size_t json_depth(const json_t *v);

#endif
