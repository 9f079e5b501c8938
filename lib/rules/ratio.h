/*
 * ratio: exact rational arithmetic for rule decisions.
 *
 * Every threshold comparison in peiyu is done here, on int64 numerators and
 * denominators, by cross-multiplication in 128-bit integers. No floating
 * point is used anywhere. Pure: libc only, no allocation, no I/O.
 */
#ifndef PEIYU_RULES_RATIO_H
#define PEIYU_RULES_RATIO_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A rational num/den. den > 0 for a valid ratio; den == 0 means "undefined"
 * (e.g. R&D over zero sales) and every comparison against it is false. */
typedef struct rules_ratio {
    int64_t num;
    int64_t den;
} rules_ratio;

static inline rules_ratio
rules_ratio_make(int64_t num, int64_t den)
{
    rules_ratio r = {num, den};
    return r;
}

/* Return -1, 0, 1 as a <, =, > b. Both must have den > 0 (asserted). */
int rules_ratio_cmp(rules_ratio a, rules_ratio b);

/* a ≥ b, a > b; false when either denominator is 0. */
bool rules_ratio_ge(rules_ratio a, rules_ratio b);
bool rules_ratio_gt(rules_ratio a, rules_ratio b);

/*
 * num/den ≥ t when a side may be missing (has_num / has_den false). A
 * missing side may be any amount ≥ 0; den ≤ 0 leaves the ratio undefined,
 * which fails. Returns 1 when it holds whatever the missing side is, 0 when
 * it fails whatever it is (R&D 0 over a missing revenue, anything over a
 * known zero), and -1 when the missing side decides (POLICY.md §2: a missing
 * fact only matters if some value of it could change the result).
 */
int rules_ratio_ge_open(bool has_num, int64_t num, bool has_den, int64_t den, rules_ratio t);

/*
 * Smallest integer x with x/den ≥ t (strict: x/den > t), i.e. the least
 * numerator that reaches the threshold t for the given denominator. Used for
 * gaps ("how many more fen of R&D"). Returns false on overflow.
 */
bool rules_ratio_min_num(rules_ratio t, int64_t den, bool strict, int64_t *out);

/*
 * Growth test: is end/base ≥ (1 + rate)^years ? Exact: end·den^n ≥ base·(den+num)^n
 * in 128-bit with overflow checks. base must be > 0 (returns false otherwise);
 * years in 1..8. *ok is set false on overflow (the answer is then unusable).
 * Example: 3-year 20% is rules_growth_ge(base, end, {20,100}, 3) ⇔ 1000·end ≥ 1728·base.
 */
bool rules_growth_ge(int64_t base, int64_t end, rules_ratio rate, int years, bool *ok);

/*
 * Format num/den as a percentage with two decimals, truncated toward zero
 * (so a displayed value never appears to reach a threshold it misses):
 * 2999/10000 → "29.99%". den == 0 → "n/a". Returns the length written.
 */
size_t rules_fmt_pct(char *buf, size_t size, rules_ratio r);

/* Format a threshold ratio with as few decimals as exact: 30/100 → "30%",
 * 25/1000 → "2.5%". Falls back to two decimals, truncated. */
size_t rules_fmt_pct_short(char *buf, size_t size, rules_ratio r);

/* Format fen as yuan with thousands separators: 180000000 → "1,800,000.00". */
size_t rules_fmt_yuan(char *buf, size_t size, int64_t fen);

#endif
