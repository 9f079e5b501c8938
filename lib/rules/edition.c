/*
 * edition: selection and band lookup; see edition.h. Binding of JSON
 * parameters is done by the loader in lib/facts (module.h declares the
 * spec it binds against).
 */
#include "rules/edition.h"

#include <stdio.h>
#include <string.h>

const char *
rules_band_edge_name(rules_band_edge e)
{
    return e == RULES_BAND_UPPER_INCLUSIVE ? "upper_inclusive" : "lower_inclusive";
}

int
rules_band_edge_parse(const char *s, rules_band_edge *out)
{
    if (strcmp(s, "lower_inclusive") == 0)
        *out = RULES_BAND_LOWER_INCLUSIVE;
    else if (strcmp(s, "upper_inclusive") == 0)
        *out = RULES_BAND_UPPER_INCLUSIVE;
    else
        return -1;
    return 0;
}

static bool
in_force(const rules_edition *e, rules_date d)
{
    return d >= e->effective_from && (e->effective_to == RULES_DATE_NONE || d <= e->effective_to);
}

const rules_edition *
rules_edition_select(const rules_edition_set *set, const char *module, rules_date date,
                     const char *region)
{
    const rules_edition *best = NULL;
    size_t best_len = 0;
    if (!region)
        region = "";
    for (int i = 0; i < set->n; i++) {
        const rules_edition *e = &set->items[i];
        /* first byte before strcmp: most editions belong to other modules */
        if (e->module[0] != module[0] || !in_force(e, date) || strcmp(e->module, module) != 0)
            continue;
        size_t pl = strlen(e->region_prefix);
        if (strncmp(e->region_prefix, region, pl) != 0)
            continue;
        if (!best || pl > best_len) {
            best = e;
            best_len = pl;
        }
    }
    return best;
}

const rules_edition *
rules_edition_select_among(const rules_edition_set *set, const unsigned char *idx, int n,
                           rules_date date, const char *region)
{
    const rules_edition *best = NULL;
    size_t best_len = 0;
    if (!region)
        region = "";
    for (int i = 0; i < n; i++) {
        const rules_edition *e = &set->items[idx[i]];
        if (!in_force(e, date))
            continue;
        size_t pl = strlen(e->region_prefix);
        if (strncmp(e->region_prefix, region, pl) != 0)
            continue;
        if (!best || pl > best_len) {
            best = e;
            best_len = pl;
        }
    }
    return best;
}

int
rules_edition_set_check(const rules_edition_set *set, char *err, size_t errlen)
{
    for (int i = 0; i < set->n; i++) {
        const rules_edition *a = &set->items[i];
        for (int j = i + 1; j < set->n; j++) {
            const rules_edition *b = &set->items[j];
            if (strcmp(a->edition_id, b->edition_id) == 0) {
                snprintf(err, errlen, "duplicate edition_id %s", a->edition_id);
                return -1;
            }
            if (strcmp(a->module, b->module) != 0 ||
                strcmp(a->region_prefix, b->region_prefix) != 0)
                continue;
            bool a_before_b =
                a->effective_to != RULES_DATE_NONE && a->effective_to < b->effective_from;
            bool b_before_a =
                b->effective_to != RULES_DATE_NONE && b->effective_to < a->effective_from;
            if (!a_before_b && !b_before_a) {
                snprintf(err, errlen, "editions %s and %s of %s overlap in time for region \"%s\"",
                         a->edition_id, b->edition_id, a->module, a->region_prefix);
                return -1;
            }
        }
    }
    return 0;
}

bool
rules_param_has_enum(const rules_edition *e, int i, int idx)
{
    for (int k = 0; k < e->p[i].n; k++)
        if (e->p[i].v[k].num == idx)
            return true;
    return false;
}

int
rules_band_find(const rules_edition *e, int mins_param, rules_ratio value)
{
    const rules_param_value *mins = &e->p[mins_param];
    if (value.den <= 0)
        return mins->n;
    for (int k = 0; k < mins->n; k++) {
        bool in = e->band_edge == RULES_BAND_LOWER_INCLUSIVE ? rules_ratio_ge(value, mins->v[k])
                                                             : rules_ratio_gt(value, mins->v[k]);
        if (in)
            return k;
    }
    return mins->n;
}

static int
band_points_at(const rules_edition *e, int points_param, int k)
{
    return k < e->p[points_param].n ? (int)e->p[points_param].v[k].num : 0;
}

void
rules_band_points_open(const rules_edition *e, int mins_param, int points_param, bool has_num,
                       int64_t num, bool has_den, int64_t den, int *lo, int *hi)
{
    const rules_param_value *m = &e->p[mins_param];
    int n = m->n, kmin = 0, kmax = n - 1; /* bands reached with den ≥ 1 */
    if (has_den && (den <= 0 || has_num)) {
        *lo = *hi = band_points_at(e, points_param,
                                   rules_band_find(e, mins_param, rules_ratio_make(num, den)));
        return;
    }
    if (has_num && num == 0) {
        kmin = kmax = rules_band_find(e, mins_param, rules_ratio_make(0, 1));
    } else if (has_num) {
        /* den ≥ 1: the ratio runs from num/1 towards 0 (never reaching it);
         * just above 0 it is in the first band whose edge is ≤ 0, just below
         * 0 in the first whose edge is < 0 (or below every band) */
        int near0 = n;
        for (int k = 0; k < n && near0 == n; k++)
            if (num > 0 ? m->v[k].num <= 0 : m->v[k].num < 0)
                near0 = k;
        int far = rules_band_find(e, mins_param, rules_ratio_make(num, 1));
        kmin = num > 0 ? far : near0;
        kmax = num > 0 ? near0 : far;
    }
    *lo = *hi = band_points_at(e, points_param, n); /* den = 0, or below every band */
    for (int k = kmin; k <= kmax; k++) {
        int p = band_points_at(e, points_param, k);
        *lo = p < *lo ? p : *lo;
        *hi = p > *hi ? p : *hi;
    }
}
