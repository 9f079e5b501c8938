/*
 * ratio: exact comparisons and display formatting; see ratio.h.
 * Uses __int128 for every product so int64 × int64 never overflows.
 */
#include "rules/ratio.h"

#include <assert.h>
#include <stdio.h>

#include "rules/strbuf.h"

typedef __int128 i128;

int
rules_ratio_cmp(rules_ratio a, rules_ratio b)
{
    assert(a.den > 0 && b.den > 0);
    i128 l = (i128)a.num * b.den;
    i128 r = (i128)b.num * a.den;
    return (l > r) - (l < r);
}

bool
rules_ratio_ge(rules_ratio a, rules_ratio b)
{
    if (a.den <= 0 || b.den <= 0)
        return false;
    return rules_ratio_cmp(a, b) >= 0;
}

bool
rules_ratio_gt(rules_ratio a, rules_ratio b)
{
    if (a.den <= 0 || b.den <= 0)
        return false;
    return rules_ratio_cmp(a, b) > 0;
}

int
rules_ratio_ge_open(bool has_num, int64_t num, bool has_den, int64_t den, rules_ratio t)
{
    if (has_den && den <= 0)
        return 0;
    if (has_num && has_den)
        return rules_ratio_ge(rules_ratio_make(num, den), t);
    if (has_num) /* the ratio is largest for den = 1; den = 0 always fails */
        return rules_ratio_ge(rules_ratio_make(num, 1), t) ? -1 : 0;
    if (has_den) /* the ratio is least for num = 0 */
        return rules_ratio_ge(rules_ratio_make(0, den), t) ? 1 : -1;
    return -1;
}

bool
rules_ratio_min_num(rules_ratio t, int64_t den, bool strict, int64_t *out)
{
    if (t.den <= 0 || den < 0)
        return false;
    /* x ≥ t.num·den / t.den  → x = ceil(p / q); strict → floor(p / q) + 1 */
    i128 p = (i128)t.num * den;
    i128 q = t.den;
    i128 fl = p / q;
    if (p % q != 0 && p < 0)
        fl -= 1;
    i128 x;
    if (strict)
        x = fl + 1;
    else
        x = (p % q == 0) ? fl : fl + 1;
    if (x > INT64_MAX || x < INT64_MIN)
        return false;
    *out = (int64_t)x;
    return true;
}

static bool
mul_checked(i128 a, i128 b, i128 *out)
{
    return !__builtin_mul_overflow(a, b, out);
}

bool
rules_growth_ge(int64_t base, int64_t end, rules_ratio rate, int years, bool *ok)
{
    *ok = true;
    if (rate.den <= 0 || years < 1 || years > 8) {
        *ok = false;
        return false;
    }
    if (base <= 0)
        return false;
    i128 l = end, r = base;
    i128 up = (i128)rate.den + rate.num;
    for (int i = 0; i < years; i++) {
        if (!mul_checked(l, rate.den, &l) || !mul_checked(r, up, &r)) {
            *ok = false;
            return false;
        }
    }
    return l >= r;
}

size_t
rules_fmt_pct(char *buf, size_t size, rules_ratio r)
{
    rules_sb sb = rules_sb_make(buf, size);
    if (r.den <= 0) {
        rules_sb_puts(&sb, "n/a");
        return rules_sb_end(&sb);
    }
    i128 h = (i128)r.num * 10000 / r.den; /* hundredths of a percent, truncated */
    if (h < 0) {
        rules_sb_putc(&sb, '-');
        h = -h;
    } else if (h == 0 && r.num < 0) {
        rules_sb_putc(&sb, '-');
    }
    /* "%s%lld.%02lld%%", the casts kept as they were */
    rules_sb_putd(&sb, (long long)(h / 100), 1);
    rules_sb_putc(&sb, '.');
    rules_sb_putd(&sb, (long long)(h % 100), 2);
    rules_sb_putc(&sb, '%');
    return rules_sb_end(&sb);
}

size_t
rules_fmt_pct_short(char *buf, size_t size, rules_ratio r)
{
    if (r.den <= 0)
        return rules_fmt_pct(buf, size, r); /* "n/a" */
    i128 scale = 100;
    for (int dec = 0; dec <= 4; dec++, scale *= 10) {
        i128 p = (i128)r.num * scale;
        if (p % r.den != 0)
            continue;
        i128 v = p / r.den;
        rules_sb sb = rules_sb_make(buf, size);
        if (v < 0) {
            rules_sb_putc(&sb, '-');
            v = -v;
        }
        i128 div = scale / 100;
        /* "%s%lld%%" or "%s%lld.%0*lld%%" */
        rules_sb_putd(&sb, (long long)(v / div), 1);
        if (dec > 0) {
            rules_sb_putc(&sb, '.');
            rules_sb_putd(&sb, (long long)(v % div), dec);
        }
        rules_sb_putc(&sb, '%');
        return rules_sb_end(&sb);
    }
    return rules_fmt_pct(buf, size, r);
}

size_t
rules_fmt_yuan(char *buf, size_t size, int64_t fen)
{
    unsigned long long a = fen < 0 ? (unsigned long long)(-(fen + 1)) + 1 : (unsigned long long)fen;
    unsigned long long yuan = a / 100, cents = a % 100;
    char digits[24];
    int n = 0;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + yuan % 10);
        yuan /= 10;
    } while (yuan);
    const char *d = digits + sizeof digits - n;
    rules_sb sb = rules_sb_make(buf, size);
    if (fen < 0)
        rules_sb_putc(&sb, '-');
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            rules_sb_putc(&sb, ',');
        rules_sb_putc(&sb, d[i]);
    }
    rules_sb_putc(&sb, '.');
    rules_sb_putu(&sb, cents, 2);
    return rules_sb_end(&sb);
}
