/*
 * edition: dated, regional parameter sets for rule modules (POLICY.md §1).
 *
 * An edition is one row of rule_edition(module, edition_id, document,
 * effective_from, effective_to, region_prefix, band_edge, verified, params).
 * Its params are bound at load time to the module's parameter spec: after
 * rules_edition_bind, p[i] holds the value of the module's i-th parameter,
 * so rule code reads thresholds by enum index and never holds a literal.
 *
 * Parameter values are lists of up to RULES_PARAM_MAXV rationals: an
 * integer is n/1, a percentage "2.5%" is 25/1000, a bool is 0/1, an enum
 * value is its index in the spec's name table. Scalars have n == 1.
 *
 * Selection (rules_edition_select): among the editions of the module whose
 * [effective_from, effective_to] (both inclusive; to may be open) contains
 * the relevant date and whose region_prefix is a prefix of the firm's region
 * ("" = national), the longest prefix wins; never "the latest".
 * Pure: libc only, no allocation.
 */
#ifndef PEIYU_RULES_EDITION_H
#define PEIYU_RULES_EDITION_H

#include <stdbool.h>
#include <stddef.h>

#include "rules/date.h"
#include "rules/ratio.h"

#define RULES_MAX_PARAMS   48
#define RULES_PARAM_MAXV   8
#define RULES_MAX_EDITIONS 64

typedef enum rules_param_type {
    RULES_PT_INT,   /* integer (counts, fen, points, years) */
    RULES_PT_RATIO, /* "30%" or {"num":..,"den":..} */
    RULES_PT_BOOL,
    RULES_PT_ENUM,     /* one name of spec.names */
    RULES_PT_INT_LIST, /* 1..RULES_PARAM_MAXV values */
    RULES_PT_RATIO_LIST,
    RULES_PT_ENUM_LIST,
} rules_param_type;

typedef struct rules_param_spec {
    const char *name;
    rules_param_type type;
    const char *const *names; /* enum types: wire names, index 0 unused */
    const char *doc;          /* one line: meaning and citation */
} rules_param_spec;

typedef struct rules_param_value {
    int n;
    rules_ratio v[RULES_PARAM_MAXV];
} rules_param_value;

typedef enum rules_band_edge {
    RULES_BAND_LOWER_INCLUSIVE, /* [a, b): an exact edge lands in the higher band */
    RULES_BAND_UPPER_INCLUSIVE, /* (a, b]: an exact edge lands in the lower band */
} rules_band_edge;

typedef struct rules_edition {
    char module[32];
    char edition_id[64];
    char document[128];
    rules_date effective_from;
    rules_date effective_to; /* RULES_DATE_NONE: open */
    char region_prefix[8];   /* "" = national */
    rules_band_edge band_edge;
    bool verified;
    int n_params;
    rules_param_value p[RULES_MAX_PARAMS]; /* indexed by the module's spec after binding */
} rules_edition;

#define RULES_INDEX_MODULES 16

typedef struct rules_edition_set {
    int n;
    rules_edition items[RULES_MAX_EDITIONS];
    /* Module → editions index (rules_edition_set_index, which the loader
     * calls): for the i-th registered module, the positions of its editions
     * in items[], in set order. Used by the evaluator only while
     * index_n == n (a zeroed set, or one extended after indexing, is simply
     * scanned). */
    int index_n;
    bool indexed;
    unsigned char by_module_n[RULES_INDEX_MODULES];
    unsigned char by_module[RULES_INDEX_MODULES][RULES_MAX_EDITIONS];
} rules_edition_set;

/* "lower_inclusive" / "upper_inclusive"; parse returns -1 if unknown. */
const char *rules_band_edge_name(rules_band_edge e);
int rules_band_edge_parse(const char *s, rules_band_edge *out);

/*
 * Select the edition of `module` in force on `date` for `region` (6 digits,
 * or "" / NULL = national only). Returns NULL if none. If two editions tie
 * (same prefix length, both in force) the data is wrong; the first is
 * returned and rules_edition_set_check reports it at load time.
 */
const rules_edition *rules_edition_select(const rules_edition_set *set, const char *module,
                                          rules_date date, const char *region);

/*
 * Check a loaded set for overlaps: two editions of one module with the same
 * region_prefix whose periods intersect. Returns 0, or -1 with a message.
 */
int rules_edition_set_check(const rules_edition_set *set, char *err, size_t errlen);

/*
 * The choice of rules_edition_select among the editions at positions
 * idx[0..n) of set->items (all of one module): what the evaluator uses with
 * the set's module index.
 */
const rules_edition *rules_edition_select_among(const rules_edition_set *set,
                                                const unsigned char *idx, int n, rules_date date,
                                                const char *region);

/* Scalar value of parameter i as a ratio / integer / bool. */
static inline rules_ratio
rules_param_ratio(const rules_edition *e, int i)
{
    return e->p[i].v[0];
}

static inline int64_t
rules_param_int(const rules_edition *e, int i)
{
    return e->p[i].v[0].num;
}

static inline bool
rules_param_bool(const rules_edition *e, int i)
{
    return e->p[i].v[0].num != 0;
}

/* Whether enum value `idx` is a member of the enum-list parameter i. */
bool rules_param_has_enum(const rules_edition *e, int i, int idx);

/*
 * Place `value` in a band table: mins[] are the band lower edges in
 * descending order, points[] the points of each band (same length n). The
 * band edge rule of the edition decides where an exact edge falls. Returns
 * the band index (0 = highest), or n when below every band (0 points).
 */
int rules_band_find(const rules_edition *e, int mins_param, rules_ratio value);

/*
 * The points a band table (mins as above; band k gives points[k], 0 beyond
 * the list) can give num/den when either may be missing (has_* false): a
 * missing amount is any value ≥ 0, and den ≤ 0 leaves the ratio undefined
 * (band n, as rules_band_find). *lo == *hi when the known facts decide the
 * points (POLICY.md §2): both known; a known den ≤ 0; num = 0 (the ratio is 0
 * or undefined); num < 0 with no negative edge. Otherwise a range, perhaps
 * wider than the truth.
 */
void rules_band_points_open(const rules_edition *e, int mins_param, int points_param, bool has_num,
                            int64_t num, bool has_den, int64_t den, int *lo, int *hi);

#endif
