/*
 * editions: load and bind edition rows; see editions.h.
 */
#include "facts/editions.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rules/module.h"

#ifndef PEIYU_EDITIONS_DIR_DEFAULT
#define PEIYU_EDITIONS_DIR_DEFAULT "sql/editions"
#endif

static int __attribute__((format(printf, 4, 5)))
efail(char *err, size_t errlen, const char *where, const char *fmt, ...)
{
    int n = snprintf(err, errlen, "%s: ", where);
    if (n < 0 || (size_t)n >= errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err + n, errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

/* "30%", "2.5%", "0.125%" → exact ratio; or {"num": n, "den": d}. */
static int
parse_ratio(const json_t *v, rules_ratio *out)
{
    if (json_is_object(v)) {
        const json_t *n = json_object_get(v, "num"), *d = json_object_get(v, "den");
        if (json_object_size(v) != 2 || !json_is_integer(n) || !json_is_integer(d) ||
            json_integer_value(d) <= 0)
            return -1;
        *out = rules_ratio_make(json_integer_value(n), json_integer_value(d));
        return 0;
    }
    if (!json_is_string(v))
        return -1;
    const char *s = json_string_value(v);
    size_t len = strlen(s);
    if (len < 2 || s[len - 1] != '%')
        return -1;
    int64_t num = 0, den = 100;
    bool dot = false;
    int digits = 0;
    for (size_t i = 0; i + 1 < len; i++) {
        if (s[i] == '.' && !dot && i > 0) {
            dot = true;
            continue;
        }
        if (s[i] < '0' || s[i] > '9' || ++digits > 15)
            return -1;
        num = num * 10 + (s[i] - '0');
        if (dot)
            den *= 10;
    }
    if (dot && s[len - 2] == '.')
        return -1;
    *out = rules_ratio_make(num, den);
    return 0;
}

static int
parse_scalar(const rules_param_spec *sp, const json_t *v, rules_ratio *out)
{
    switch (sp->type) {
    case RULES_PT_INT:
    case RULES_PT_INT_LIST:
        if (!json_is_integer(v))
            return -1;
        *out = rules_ratio_make(json_integer_value(v), 1);
        return 0;
    case RULES_PT_RATIO:
    case RULES_PT_RATIO_LIST:
        return parse_ratio(v, out);
    case RULES_PT_BOOL:
        if (!json_is_boolean(v))
            return -1;
        *out = rules_ratio_make(json_is_true(v), 1);
        return 0;
    case RULES_PT_ENUM:
    case RULES_PT_ENUM_LIST: {
        int k = json_is_string(v) ? rules_enum_find(sp->names, json_string_value(v)) : -1;
        if (k < 0)
            return -1;
        *out = rules_ratio_make(k, 1);
        return 0;
    }
    }
    return -1;
}

static const char *
type_hint(rules_param_type t)
{
    switch (t) {
    case RULES_PT_INT:
        return "an integer";
    case RULES_PT_RATIO:
        return "a percentage string like \"2.5%\" or {\"num\",\"den\"}";
    case RULES_PT_BOOL:
        return "true or false";
    case RULES_PT_ENUM:
        return "one of the allowed names";
    case RULES_PT_INT_LIST:
        return "a non-empty array of integers";
    case RULES_PT_RATIO_LIST:
        return "a non-empty array of percentages";
    case RULES_PT_ENUM_LIST:
        return "a non-empty array of allowed names";
    }
    return "?";
}

static int
bind_params(const rules_module *m, const json_t *params, rules_edition *e, const char *where,
            char *err, size_t errlen)
{
    if (!json_is_object(params))
        return efail(err, errlen, where, "params must be an object");
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)params, key, v)
    {
        if (rules_module_param_index(m, key) < 0)
            return efail(err, errlen, where, "params.%s: unknown parameter of %s", key, m->id);
    }
    if (m->n_params > RULES_MAX_PARAMS)
        return efail(err, errlen, where, "module %s has too many parameters", m->id);
    for (int i = 0; i < m->n_params; i++) {
        const rules_param_spec *sp = &m->params[i];
        v = json_object_get(params, sp->name);
        if (!v)
            return efail(err, errlen, where, "params.%s: required", sp->name);
        rules_param_value *pv = &e->p[i];
        memset(pv, 0, sizeof *pv);
        bool list = sp->type >= RULES_PT_INT_LIST;
        if (list) {
            size_t n = json_array_size(v);
            if (!json_is_array(v) || n == 0 || n > RULES_PARAM_MAXV)
                return efail(err, errlen, where, "params.%s: must be %s (at most %d)", sp->name,
                             type_hint(sp->type), RULES_PARAM_MAXV);
            for (size_t k = 0; k < n; k++)
                if (parse_scalar(sp, json_array_get(v, k), &pv->v[k]) != 0)
                    return efail(err, errlen, where, "params.%s[%zu]: must be %s", sp->name, k,
                                 type_hint(sp->type));
            pv->n = (int)n;
        } else {
            if (parse_scalar(sp, v, &pv->v[0]) != 0)
                return efail(err, errlen, where, "params.%s: must be %s", sp->name,
                             type_hint(sp->type));
            pv->n = 1;
        }
    }
    e->n_params = m->n_params;
    return 0;
}

static int
copy_str(const json_t *row, const char *key, char *dst, size_t size, bool empty_ok,
         const char *where, char *err, size_t errlen)
{
    const json_t *v = json_object_get(row, key);
    if (!json_is_string(v))
        return efail(err, errlen, where, "%s: must be a string", key);
    size_t n = json_string_length(v);
    if (n >= size || (!empty_ok && n == 0))
        return efail(err, errlen, where, "%s: %s", key, n ? "too long" : "must not be empty");
    memcpy(dst, json_string_value(v), n + 1);
    return 0;
}

static int
parse_row(const json_t *row, rules_edition *e, const char *where, char *err, size_t errlen)
{
    static const char *const cols[] = {
        "module",        "edition_id", "document", "effective_from", "effective_to",
        "region_prefix", "band_edge",  "verified", "params",         NULL};
    if (!json_is_object(row))
        return efail(err, errlen, where, "must be an object");
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)row, key, v)
    {
        int i = 0;
        while (cols[i] && strcmp(cols[i], key) != 0)
            i++;
        if (!cols[i])
            return efail(err, errlen, where, "%s: unknown column", key);
    }
    for (int i = 0; cols[i]; i++)
        if (!json_object_get(row, cols[i]))
            return efail(err, errlen, where, "%s: required", cols[i]);
    memset(e, 0, sizeof *e);
    if (copy_str(row, "module", e->module, sizeof e->module, false, where, err, errlen) != 0 ||
        copy_str(row, "edition_id", e->edition_id, sizeof e->edition_id, false, where, err,
                 errlen) != 0 ||
        copy_str(row, "document", e->document, sizeof e->document, false, where, err, errlen) !=
            0 ||
        copy_str(row, "region_prefix", e->region_prefix, sizeof e->region_prefix, true, where, err,
                 errlen) != 0)
        return -1;
    if (strspn(e->region_prefix, "0123456789") != strlen(e->region_prefix) ||
        strlen(e->region_prefix) > 6)
        return efail(err, errlen, where, "region_prefix: must be \"\" or up to 6 digits");
    const rules_module *m = rules_module_find(e->module);
    if (!m)
        return efail(err, errlen, where, "module: %s is not a registered module", e->module);
    v = json_object_get(row, "effective_from");
    if (!json_is_string(v) ||
        rules_date_parse(json_string_value(v), json_string_length(v), &e->effective_from) != 0)
        return efail(err, errlen, where, "effective_from: must be a date YYYY-MM-DD");
    v = json_object_get(row, "effective_to");
    e->effective_to = RULES_DATE_NONE;
    if (!json_is_null(v) &&
        (!json_is_string(v) ||
         rules_date_parse(json_string_value(v), json_string_length(v), &e->effective_to) != 0))
        return efail(err, errlen, where, "effective_to: must be a date YYYY-MM-DD or null");
    if (e->effective_to != RULES_DATE_NONE && e->effective_to < e->effective_from)
        return efail(err, errlen, where, "effective_to: before effective_from");
    v = json_object_get(row, "band_edge");
    if (!json_is_string(v) || rules_band_edge_parse(json_string_value(v), &e->band_edge) != 0)
        return efail(err, errlen, where, "band_edge: must be lower_inclusive or upper_inclusive");
    v = json_object_get(row, "verified");
    if (!json_is_boolean(v))
        return efail(err, errlen, where, "verified: must be true or false");
    e->verified = json_is_true(v);
    if (bind_params(m, json_object_get(row, "params"), e, where, err, errlen) != 0)
        return -1;
    if (m->validate) {
        char verr[192];
        if (m->validate(e, verr, sizeof verr) != 0)
            return efail(err, errlen, where, "%s", verr);
    }
    return 0;
}

int
facts_editions_from_json(const json_t *rows, const char *where, rules_edition_set *set, char *err,
                         size_t errlen)
{
    if (!json_is_array(rows))
        return efail(err, errlen, where, "must be a JSON array of edition rows");
    set->indexed = false; /* until the rows below are in */
    size_t i;
    const json_t *row;
    json_array_foreach((json_t *)rows, i, row)
    {
        char w[256];
        snprintf(w, sizeof w, "%s[%zu]", where, i);
        if (set->n >= RULES_MAX_EDITIONS)
            return efail(err, errlen, w, "more than %d editions in total", RULES_MAX_EDITIONS);
        if (parse_row(row, &set->items[set->n], w, err, errlen) != 0)
            return -1;
        set->n++;
    }
    rules_edition_set_index(set);
    return 0;
}

int
facts_editions_load_file(const char *path, rules_edition_set *set, char *err, size_t errlen)
{
    json_error_t je;
    json_t *rows = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
    if (!rows)
        return efail(err, errlen, path, "line %d: %s", je.line, je.text);
    int rc = facts_editions_from_json(rows, path, set, err, errlen);
    json_decref(rows);
    return rc;
}

int
facts_editions_load_dir(const char *dir, rules_edition_set *set, char *err, size_t errlen)
{
    set->n = 0;
    for (int i = 0; i < rules_module_count(); i++) {
        const rules_module *m = rules_module_at(i);
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.json", dir, m->id);
        int before = set->n;
        if (facts_editions_load_file(path, set, err, errlen) != 0)
            return -1;
        for (int k = before; k < set->n; k++)
            if (strcmp(set->items[k].module, m->id) != 0)
                return efail(err, errlen, path, "row for module %s in the file of %s",
                             set->items[k].module, m->id);
    }
    return rules_edition_set_check(set, err, errlen);
}

const char *
facts_editions_default_dir(void)
{
    const char *env = getenv("PEIYU_EDITIONS_DIR");
    return env && *env ? env : PEIYU_EDITIONS_DIR_DEFAULT;
}
