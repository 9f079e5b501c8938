/*
 * test_format: the snprintf-free formatters of lib/rules (rules_fmt_pct,
 * rules_fmt_pct_short, rules_fmt_yuan, rules_date_format, and the strbuf
 * they share) give exactly what the snprintf versions they replaced gave,
 * byte for byte and in return value, for every buffer size from 0 to 48.
 * The reference implementations below are those snprintf versions, kept
 * verbatim. Numbered rows: fixed edge cases, then a deterministic sweep.
 */
#include <limits.h>
#include <stdint.h>

#include "rules/date.h"
#include "rules/ratio.h"
#include "rules/strbuf.h"
#include "t.h"

typedef __int128 i128;

static size_t
ref_pct(char *buf, size_t size, rules_ratio r)
{
    if (r.den <= 0)
        return (size_t)snprintf(buf, size, "n/a");
    i128 h = (i128)r.num * 10000 / r.den;
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

static size_t
ref_pct_short(char *buf, size_t size, rules_ratio r)
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
    return ref_pct(buf, size, r);
}

static size_t
ref_yuan(char *buf, size_t size, int64_t fen)
{
    char digits[32];
    unsigned long long a = fen < 0 ? (unsigned long long)(-(fen + 1)) + 1 : (unsigned long long)fen;
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

static void
ref_date(rules_date t, char *buf, size_t size)
{
    int y, m, d;
    rules_date_ymd(t, &y, &m, &d);
    snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
}

/* Compare one formatter against its reference at every size 0..48. */
#define SAME_ALL_SIZES(call_new, call_ref)                                                         \
    do {                                                                                           \
        for (size_t sz = 0; sz <= 48; sz++) {                                                      \
            char a[64], b[64];                                                                     \
            memset(a, 'x', sizeof a);                                                              \
            memset(b, 'x', sizeof b);                                                              \
            size_t buf_size = sz;                                                                  \
            char *buf = a;                                                                         \
            size_t ra = (call_new);                                                                \
            buf = b;                                                                               \
            size_t rb = (call_ref);                                                                \
            CHECK_INT(ra, rb);                                                                     \
            if (memcmp(a, b, sizeof a) != 0) {                                                     \
                fprintf(stderr, "  size %zu: \"%.*s\" vs \"%.*s\"\n", sz, (int)sz, a, (int)sz, b); \
                t_failures++;                                                                      \
                break;                                                                             \
            }                                                                                      \
        }                                                                                          \
    } while (0)

static uint64_t rng = 0x666f726d6174ull; /* "format" */

static uint64_t
next(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return rng;
}

static void
check_ratio(rules_ratio r)
{
    SAME_ALL_SIZES(rules_fmt_pct(buf, buf_size, r), ref_pct(buf, buf_size, r));
    SAME_ALL_SIZES(rules_fmt_pct_short(buf, buf_size, r), ref_pct_short(buf, buf_size, r));
}

static void
check_yuan(int64_t fen)
{
    SAME_ALL_SIZES(rules_fmt_yuan(buf, buf_size, fen), ref_yuan(buf, buf_size, fen));
}

static void
check_date(rules_date t)
{
    SAME_ALL_SIZES((rules_date_format(t, buf, buf_size), (size_t)0),
                   (ref_date(t, buf, buf_size), (size_t)0));
}

int
main(void)
{
    static const rules_ratio ratios[] = {
        {0, 1},
        {1, 3},
        {2, 3},
        {-1, 3},
        {0, -1},
        {5, 0},
        {-1, 1000000},
        {25, 1000},
        {3, 100},
        {1, 40},
        {2999, 10000},
        {1, 7},
        {100, 1},
        {-100, 1},
        {123456789, 1},
        {1, 123456789},
        {INT64_MAX, 1},
        {INT64_MIN, 1},
        {INT64_MAX, INT64_MAX},
        {INT64_MIN, INT64_MAX},
        {1, INT64_MAX},
        {-7, 8},
        {7, 80000},
        {7, 800000},
    };
    T_ROW(1, "fixed ratios");
    for (size_t i = 0; i < sizeof ratios / sizeof ratios[0]; i++)
        check_ratio(ratios[i]);

    static const int64_t fens[] = {
        0,         1,          -1,        99,        100,           -100,      99999,       100000,
        123456789, -123456789, INT64_MAX, INT64_MIN, INT64_MIN + 1, 180000000, 100000000000};
    T_ROW(2, "fixed fen");
    for (size_t i = 0; i < sizeof fens / sizeof fens[0]; i++)
        check_yuan(fens[i]);

    T_ROW(3, "fixed dates");
    static const char *const dates[] = {"1970-01-01", "2000-02-29", "2026-03-31", "2026-04-01",
                                        "2099-12-31", "1999-12-31", "1980-03-01"};
    for (size_t i = 0; i < sizeof dates / sizeof dates[0]; i++) {
        rules_date t;
        CHECK_INT(rules_date_parse(dates[i], strlen(dates[i]), &t), 0);
        check_date(t);
        char buf[11];
        CHECK_STR(rules_date_format(t, buf, sizeof buf), dates[i]);
    }
    check_date(-800000); /* year < 0: the sign counts in %04d */
    check_date(-719468 - 365);
    check_date(3000000);

    T_ROW(4, "sweep: 20,000 ratios, amounts and dates");
    for (int i = 0; i < 20000 && t_failures < 20; i++) {
        int64_t num = (int64_t)(next() % 2000000001ull) - 1000000000;
        int64_t den = (int64_t)(next() % 1000000ull) + (i % 50 == 0 ? -1 : 1);
        if (i % 3 == 0)
            num %= 1000;
        if (i % 5 == 0)
            den = (int64_t[]){1, 4, 8, 16, 40, 100, 1000, 10000, 3, 7}[i % 10];
        check_ratio(rules_ratio_make(num, den));
        int64_t fen = (int64_t)(next() >> (next() % 64));
        check_yuan(i % 2 ? fen : -fen);
        check_date((rules_date)((int64_t)(next() % 4000000) - 1000000));
    }

    T_ROW(5, "strbuf widths and truncation");
    {
        char b[8];
        rules_sb sb = rules_sb_make(b, sizeof b);
        rules_sb_putd(&sb, -5, 4);
        rules_sb_puts(&sb, "abcdef");
        CHECK_INT(rules_sb_end(&sb), 10);
        CHECK_STR(b, "-005abc");
        rules_sb z = rules_sb_make(NULL, 0);
        rules_sb_putd(&z, LLONG_MIN, 0);
        CHECK_INT(rules_sb_end(&z), 20);
    }
    T_DONE();
}
