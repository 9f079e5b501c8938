/*
 * json_fields: see json_fields.h.
 */
#include "http/json_fields.h"
#include "core/errors.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

bool
json_fields_is_date(const char *s)
{
    int y, m, d;
    char tail;
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-' ||
        sscanf(s, "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3)
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || y > 2199 || m < 1 || m > 12 || d < 1)
        return false;
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= mdays[m - 1] + (m == 2 && leap);
}

static size_t
utf8_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

static const char *
type_name(enum json_field_type t)
{
    switch (t) {
    case JF_STRING:
        return "a string";
    case JF_INT:
        return "an integer";
    case JF_BOOL:
        return "true or false";
    case JF_DATE:
        return "a date YYYY-MM-DD";
    case JF_OBJECT:
        return "an object";
    }
    return "?";
}

static int fail(int err, const char *name, char *field, size_t fcap, char *detail, size_t dcap,
                const char *fmt, ...) __attribute__((format(printf, 7, 8)));

static int
fail(int err, const char *name, char *field, size_t fcap, char *detail, size_t dcap,
     const char *fmt, ...)
{
    snprintf(field, fcap, "%s", name);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(detail, dcap, fmt, ap);
    va_end(ap);
    return err;
}

int
json_fields_check(const json_t *obj, const struct json_field *fields, size_t n, unsigned role,
                  char *field, size_t fcap, char *detail, size_t dcap)
{
    const char *key;
    json_t *v;
    json_object_foreach((json_t *)obj, key, v)
    {
        const struct json_field *f = NULL;
        for (size_t i = 0; i < n && !f; i++)
            if (!strcmp(fields[i].name, key))
                f = &fields[i];
        if (!f)
            return fail(-HTTP_E_UNKNOWN_FIELD, key, field, fcap, detail, dcap,
                        "%s is not a field this endpoint accepts", key);
        if (f->roles && !(f->roles & role))
            return fail(-HTTP_E_FORBIDDEN, key, field, fcap, detail, dcap,
                        "%s may be set only by officials", key);
    }
    for (size_t i = 0; i < n; i++) {
        const struct json_field *f = &fields[i];
        char bounds[96];
        v = json_object_get(obj, f->name);
        if (!v) {
            if (f->required)
                return fail(-HTTP_E_MISSING_FIELD, f->name, field, fcap, detail, dcap,
                            "%s is required", f->name);
            continue;
        }
        bool type_ok = (f->type == JF_STRING || f->type == JF_DATE) ? json_is_string(v)
                       : f->type == JF_INT                          ? json_is_integer(v)
                       : f->type == JF_BOOL                         ? json_is_boolean(v)
                                                                    : json_is_object(v);
        if (!type_ok)
            return fail(-HTTP_E_INVALID_FIELD, f->name, field, fcap, detail, dcap, "%s must be %s",
                        f->name, type_name(f->type));
        if (f->type == JF_DATE && !json_fields_is_date(json_string_value(v)))
            return fail(-HTTP_E_INVALID_FIELD, f->name, field, fcap, detail, dcap,
                        "%s must be a calendar date YYYY-MM-DD", f->name);
        if (f->type == JF_STRING) {
            const char *s = json_string_value(v);
            size_t len = utf8_chars(s);
            if ((f->min && len < (size_t)f->min) || (f->max && len > (size_t)f->max)) {
                snprintf(bounds, sizeof bounds, "%lld to %lld", f->min, f->max);
                return fail(-HTTP_E_INVALID_FIELD, f->name, field, fcap, detail, dcap,
                            "%s must have %s characters", f->name, bounds);
            }
            if (f->valid && !f->valid(s))
                return fail(-HTTP_E_INVALID_FIELD, f->name, field, fcap, detail, dcap,
                            "%s is not valid: %s", f->name, f->hint ? f->hint : "see the API");
        }
        if (f->type == JF_INT) {
            long long x = json_integer_value(v);
            if (x < f->min || x > f->max) {
                snprintf(bounds, sizeof bounds, "%lld to %lld", f->min, f->max);
                return fail(-HTTP_E_INVALID_FIELD, f->name, field, fcap, detail, dcap,
                            "%s must be from %s", f->name, bounds);
            }
        }
    }
    return 0;
}
