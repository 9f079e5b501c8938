/*
 * json_body: see json_body.h. jansson already caps depth at 2048; we cap far
 * lower because no document of ours nests more than a few levels.
 */
#include "http/json_body.h"
#include "core/errors.h"

#include <stdio.h>

size_t
json_depth(const json_t *v)
{
    size_t max = 0;
    if (json_is_object(v)) {
        const char *k;
        json_t *c;
        json_object_foreach((json_t *)v, k, c)
        {
            size_t d = json_depth(c);
            if (d > max)
                max = d;
        }
        return max + 1;
    }
    if (json_is_array(v)) {
        size_t i;
        json_t *c;
        json_array_foreach(v, i, c)
        {
            size_t d = json_depth(c);
            if (d > max)
                max = d;
        }
        return max + 1;
    }
    return 0;
}

int
json_body_parse(const char *buf, size_t len, size_t max_depth, json_t **out, char *detail,
                size_t detail_cap)
{
    json_error_t jerr;
    *out = NULL;
    json_t *root = json_loadb(buf, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        int err = json_error_code(&jerr) == json_error_duplicate_key ? -HTTP_E_DUPLICATE_KEY
                                                                     : -HTTP_E_MALFORMED_JSON;
        snprintf(detail, detail_cap, "line %d, column %d: %s", jerr.line, jerr.column, jerr.text);
        return err;
    }
    if (!json_is_object(root)) {
        json_decref(root);
        snprintf(detail, detail_cap, "the body must be a JSON object");
        return -HTTP_E_MALFORMED_JSON;
    }
    if (json_depth(root) > max_depth) {
        json_decref(root);
        snprintf(detail, detail_cap, "nesting deeper than %zu levels", max_depth);
        return -HTTP_E_JSON_TOO_DEEP;
    }
    *out = root;
    return 0;
}
