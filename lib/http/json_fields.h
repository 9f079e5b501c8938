/*
 * json_fields: request bodies checked against a declared field table.
 *
 * A route declares the fields its body may hold (name, type, bounds, who may
 * set it); json_fields_check rejects missing required fields, wrong types,
 * values out of bounds, fields the caller's role may not set and every field
 * not in the table (no mass assignment). Pure: jansson only.
 */
#ifndef PEIYU_HTTP_JSON_FIELDS_H
#define PEIYU_HTTP_JSON_FIELDS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

enum json_field_type {
    JF_STRING, /* min..max characters (UTF-8 code points) */
    JF_INT,    /* integer min..max; a real number is refused */
    JF_BOOL,
    JF_DATE,   /* "YYYY-MM-DD", a real calendar date */
    JF_OBJECT, /* any object; its content is checked elsewhere */
};

struct json_field {
    const char *name;
    enum json_field_type type;
    bool required;
    long long min, max;
    bool (*valid)(const char *s); /* extra check for strings, or NULL */
    const char *hint;             /* what a valid value looks like */
    unsigned roles;               /* enum http_role bits that may set it; 0 = anyone */
};

/*
 * Check obj against fields[0..n) for a caller of role `role`. Returns 0, or
 * -HTTP_E_MISSING_FIELD / -HTTP_E_INVALID_FIELD / -HTTP_E_UNKNOWN_FIELD /
 * -HTTP_E_FORBIDDEN with the field's name in `field` and a sentence in
 * `detail`.
 */
int json_fields_check(const json_t *obj, const struct json_field *fields, size_t n, unsigned role,
                      char *field, size_t field_cap, char *detail, size_t detail_cap);

/* Is s a valid civil date YYYY-MM-DD (1900..2199)? */
bool json_fields_is_date(const char *s);

#endif
