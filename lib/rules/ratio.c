/*
 * ratio: exact comparisons and display formatting; see ratio.h.
 * Uses __int128 for every product so int64 × int64 never overflows.
 */
#include "rules/ratio.h"

#include <assert.h>
#include <stdio.h>

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
    if (r.den <= 0)
        return (size_t)snprintf(buf, size, "n/a");
    i128 h = (i128)r.num * 10000 / r.den; /* hundredths of a percent, truncated */
    const char *sign = "";
    if (h < 0) {
        sign = "-";
        h = -h;
    } else if (h == 0 && r.num < 0) {
        sign = "-";
    }
    long long ip = (long long)(h / 100), fp = (long long)(h % 100);
    return (size_t)snprintf(buf, size, "%s%lld.%02lld%%", sign, ip, fp);
}

size_t
rules_fmt_pct_short(char *buf, size_t size, rules_ratio r)
{
    if (r.den <= 0)
        return (size_t)snprintf(buf, size, "n/a");
    for (int dec = 0; dec <= 4; dec++) {
        i128 scale = 100;
        for (int i = 0; i < dec; i++)
            scale *= 10;
        i128 p = (i128)r.num * scale;
        if (p % r.den != 0)
            continue;
        i128 v = p / r.den;
        const char *sign = v < 0 ? "-" : "";
        if (v < 0)
            v = -v;
        i128 div = scale / 100;
        long long ip = (long long)(v / div), fp = (long long)(v % div);
        if (dec == 0)
            return (size_t)snprintf(buf, size, "%s%lld%%", sign, ip);
        return (size_t)snprintf(buf, size, "%s%lld.%0*lld%%", sign, ip, dec, fp);
    }
    return rules_fmt_pct(buf, size, r);
}

size_t
rules_fmt_yuan(char *buf, size_t size, int64_t fen)
{
    char digits[32];
    unsigned long long a =
        fen < 0 ? (unsigned long long)(-(fen + 1)) + 1 : (unsigned long long)fen;
    unsigned long long yuan = a / 100, cents = a % 100;
    int n = snprintf(digits, sizeof digits, "%llu", yuan);
    char out[48];
    size_t o = 0;
    if (fen < 0)
        out[o++] = '-';
    for (int i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o] = '\0';
    return (size_t)snprintf(buf, size, "%s.%02llu", out, cents);
}
