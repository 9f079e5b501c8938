/*
 * test_core: exact arithmetic, civil dates and USCC vectors (lib/rules
 * ratio.h, date.h, uscc.h). Tables with numbered rows.
 */
#include <stdint.h>

#include "rules/date.h"
#include "rules/ratio.h"
#include "rules/uscc.h"
#include "t.h"

static void
test_ratio(void)
{
    static const struct {
        int no;
        const char *name;
        int64_t an, ad, bn, bd;
        int cmp;
    } rows[] = {
        {1, "5% exactly", 5, 100, 5, 100, 0},
        {2, "equal different scale", 500000000, 10000000000, 5, 100, 0},
        {3, "one fen below 5%", 499999999, 10000000000, 5, 100, -1},
        {4, "one fen above", 500000001, 10000000000, 5, 100, 1},
        {5, "int64 extremes no overflow", INT64_MAX, INT64_MAX - 1, 1, 1, 1},
        {6, "int64 max over max", INT64_MAX, INT64_MAX, 1, 1, 0},
        {7, "negative", -1, 3, 0, 1, -1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, rows[i].name);
        CHECK_INT(rules_ratio_cmp(rules_ratio_make(rows[i].an, rows[i].ad),
                                  rules_ratio_make(rows[i].bn, rows[i].bd)),
                  rows[i].cmp);
    }
    T_ROW(8, "den 0 never passes");
    CHECK(!rules_ratio_ge(rules_ratio_make(1, 0), rules_ratio_make(0, 1)));
}

static void
test_growth(void)
{
    static const struct {
        int no;
        const char *name;
        int64_t base, end, rn, rd;
        int years;
        int expect;
    } rows[] = {
        {1, "1000万 → 1728万 is exactly 20% CAGR", 1000000000, 1728000000, 20, 100, 3, 1},
        {2, "17,279,999 元 fails", 1000000000, 1727999900, 20, 100, 3, 0},
        {3, "one fen below", 1000000000, 1727999999, 20, 100, 3, 0},
        {4, "30% over 2 years exact", 100, 169, 30, 100, 2, 1},
        {5, "2.5% 4 years", 10000000000000, 11038128906250, 25, 1000, 4, 1},
        {6, "2.5% 4 years minus one", 10000000000000, 11038128906249, 25, 1000, 4, 0},
        {7, "zero base never grows", 0, 100, 20, 100, 3, 0},
        {8, "negative rate", 100, 81, -10, 100, 2, 1},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, rows[i].name);
        bool ok;
        CHECK_INT(rules_growth_ge(rows[i].base, rows[i].end,
                                  rules_ratio_make(rows[i].rn, rows[i].rd), rows[i].years, &ok),
                  rows[i].expect);
        CHECK(ok);
    }
    T_ROW(9, "overflow reported");
    bool ok;
    rules_growth_ge(INT64_MAX, INT64_MAX, rules_ratio_make(INT64_MAX - 1, INT64_MAX), 8, &ok);
    CHECK(!ok);
}

static void
test_format(void)
{
    static const struct {
        int no;
        int64_t n, d;
        const char *pct, *pct_short;
    } rows[] = {
        {1, 30, 120, "25.00%", "25%"},
        {2, 2999, 10000, "29.99%", "29.99%"},
        {3, 599999999, 10000000000, "5.99%", "5.99999999%"},
        {4, 25, 1000, "2.50%", "2.5%"},
        {5, 1, 3, "33.33%", "33.33%"},
        {6, 0, 5, "0.00%", "0%"},
        {7, -1, 3, "-33.33%", "-33.33%"},
    };
    char buf[48];
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, rows[i].pct);
        rules_fmt_pct(buf, sizeof buf, rules_ratio_make(rows[i].n, rows[i].d));
        CHECK_STR(buf, rows[i].pct);
        if (rows[i].no != 3) {
            rules_fmt_pct_short(buf, sizeof buf, rules_ratio_make(rows[i].n, rows[i].d));
            CHECK_STR(buf, rows[i].pct_short);
        }
    }
    static const struct {
        int no;
        int64_t fen;
        const char *s;
    } yuan[] = {{10, 180000000, "1,800,000.00"},
                {11, 5, "0.05"},
                {12, -123456, "-1,234.56"},
                {13, 100000, "1,000.00"},
                {14, INT64_MIN, "-92,233,720,368,547,758.08"}};
    for (size_t i = 0; i < sizeof yuan / sizeof yuan[0]; i++) {
        T_ROW(yuan[i].no, yuan[i].s);
        rules_fmt_yuan(buf, sizeof buf, yuan[i].fen);
        CHECK_STR(buf, yuan[i].s);
    }
    int64_t x;
    T_ROW(20, "min_num 5% of 1亿");
    CHECK(rules_ratio_min_num(rules_ratio_make(5, 100), 10000000000, false, &x));
    CHECK_INT(x, 500000000);
    T_ROW(21, "min_num 10% of 95 persons rounds up");
    CHECK(rules_ratio_min_num(rules_ratio_make(10, 100), 95, false, &x));
    CHECK_INT(x, 10);
    T_ROW(22, "strict");
    CHECK(rules_ratio_min_num(rules_ratio_make(10, 100), 100, true, &x));
    CHECK_INT(x, 11);

    rules_ratio t3 = rules_ratio_make(3, 100);
    T_ROW(23, "ge_open: both known");
    CHECK_INT(rules_ratio_ge_open(true, 3, true, 100, t3), 1);
    CHECK_INT(rules_ratio_ge_open(true, 2, true, 100, t3), 0);
    T_ROW(24, "ge_open: a known denominator of 0 fails whatever the numerator");
    CHECK_INT(rules_ratio_ge_open(false, 0, true, 0, t3), 0);
    T_ROW(25, "ge_open: a numerator of 0 fails over any denominator");
    CHECK_INT(rules_ratio_ge_open(true, 0, false, 0, t3), 0);
    T_ROW(26, "ge_open: a positive numerator over a missing denominator is open");
    CHECK_INT(rules_ratio_ge_open(true, 1, false, 0, t3), -1);
    T_ROW(27, "ge_open: a missing numerator is open, unless the threshold is 0");
    CHECK_INT(rules_ratio_ge_open(false, 0, true, 100, t3), -1);
    CHECK_INT(rules_ratio_ge_open(false, 0, true, 100, rules_ratio_make(0, 100)), 1);
    CHECK_INT(rules_ratio_ge_open(false, 0, false, 0, t3), -1);
}

static rules_date
D(const char *s)
{
    rules_date d = RULES_DATE_NONE;
    if (rules_date_parse(s, strlen(s), &d) != 0)
        fprintf(stderr, "bad test date %s\n", s);
    return d;
}

static void
test_dates(void)
{
    static const struct {
        int no;
        const char *s;
        int ok;
    } parse[] = {
        {1, "2026-06-30", 1}, {2, "2024-02-29", 1},  {3, "2025-02-29", 0}, {4, "2100-02-29", 0},
        {5, "2000-02-29", 1}, {6, "2026-13-01", 0},  {7, "2026-6-30", 0},  {8, "1899-12-31", 0},
        {9, "2026-06-31", 0}, {10, "2026-06-3a", 0}, {11, "", 0},          {12, "2026-06-300", 0},
    };
    for (size_t i = 0; i < sizeof parse / sizeof parse[0]; i++) {
        T_ROW(parse[i].no, parse[i].s);
        rules_date d;
        CHECK_INT(rules_date_parse(parse[i].s, strlen(parse[i].s), &d) == 0, parse[i].ok);
        if (parse[i].ok) {
            char buf[11];
            CHECK_STR(rules_date_format(d, buf, sizeof buf), parse[i].s);
        }
    }
    T_ROW(20, "epoch");
    CHECK_INT(D("1970-01-01"), 0);
    T_ROW(21, "days between");
    CHECK_INT(rules_date_days_between(D("2025-06-30"), D("2026-06-30")), 365);
    CHECK_INT(rules_date_days_between(D("2023-06-30"), D("2024-06-30")), 366);

    static const struct {
        int no;
        const char *from;
        int months;
        const char *to;
    } add[] = {
        {30, "2024-01-31", 1, "2024-02-29"},   {31, "2025-01-31", 1, "2025-02-28"},
        {32, "2024-03-31", -1, "2024-02-29"},  {33, "2022-06-15", 24, "2024-06-15"},
        {34, "2024-02-29", 12, "2025-02-28"},  {35, "2025-12-31", 2, "2026-02-28"},
        {36, "2026-01-15", -13, "2024-12-15"},
    };
    char buf[11];
    for (size_t i = 0; i < sizeof add / sizeof add[0]; i++) {
        T_ROW(add[i].no, add[i].from);
        CHECK_STR(rules_date_format(rules_date_add_months(D(add[i].from), add[i].months), buf,
                                    sizeof buf),
                  add[i].to);
    }
    static const struct {
        int no;
        const char *a, *b;
        int years, months;
    } between[] = {
        {40, "2020-06-30", "2026-06-30", 6, 72},   {41, "2020-07-01", "2026-06-30", 5, 71},
        {42, "2024-02-29", "2025-02-28", 1, 12},   {43, "2024-02-29", "2025-02-27", 0, 11},
        {44, "2024-06-30", "2026-06-30", 2, 24},   {45, "2024-06-30", "2026-06-29", 1, 23},
        {46, "2026-06-30", "2024-06-30", -2, -24},
    };
    for (size_t i = 0; i < sizeof between / sizeof between[0]; i++) {
        T_ROW(between[i].no, between[i].a);
        CHECK_INT(rules_date_years_between(D(between[i].a), D(between[i].b)), between[i].years);
        CHECK_INT(rules_date_months_between(D(between[i].a), D(between[i].b)), between[i].months);
    }
}

static void
test_uscc(void)
{
    static const struct {
        int no;
        const char *code;
        rules_uscc_status st;
        char expected;
    } rows[] = {
        {1, "914403001922038216", RULES_USCC_OK, '6'},
        {2, "91440300708461136T", RULES_USCC_OK, 'T'},
        {3, "91110108551385082Q", RULES_USCC_OK, 'Q'},
        {4, "91310110666007217T", RULES_USCC_OK, 'T'},
        {5, "91350100M000100Y43", RULES_USCC_OK, '3'},
        {6, "9111010855138508R0", RULES_USCC_OK, '0'},
        {7, "91110108551385084Y", RULES_USCC_OK, 'Y'},
        {8, "9133010057462616XH", RULES_USCC_CHECK_MISMATCH, '9'},
        {9, "91110000800088421P", RULES_USCC_CHECK_MISMATCH, 'W'},
        {10, "91110108717809965C", RULES_USCC_CHECK_MISMATCH, 'J'},
        {11, "91350100M0001TGQXM", RULES_USCC_CHECK_MISMATCH, '1'},
        {12, "91350211M0000XUF46", RULES_USCC_CHECK_MISMATCH, 'R'},
        {13, "91350203M0001FUE2P", RULES_USCC_CHECK_MISMATCH, 'J'},
        {14, "9144030019220382I6", RULES_USCC_BAD_FORMAT, 0},
        {15, "9144030019220382O6", RULES_USCC_BAD_FORMAT, 0},
        {16, "9144030019220382S6", RULES_USCC_BAD_FORMAT, 0},
        {17, "9144030019220382V6", RULES_USCC_BAD_FORMAT, 0},
        {18, "9144030019220382Z6", RULES_USCC_BAD_FORMAT, 0},
        {19, "91440300192203821", RULES_USCC_BAD_FORMAT, 0},
        {20, "9144030019220382161", RULES_USCC_BAD_FORMAT, 0},
        {21, "91440300708461136t", RULES_USCC_BAD_FORMAT, 0},
        {22, "9144A3001922038216", RULES_USCC_BAD_FORMAT, 0},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, rows[i].code);
        char exp = 0;
        rules_uscc_status st = rules_uscc_check(rows[i].code, strlen(rows[i].code), &exp);
        CHECK_STR(rules_uscc_status_name(st), rules_uscc_status_name(rows[i].st));
        if (rows[i].expected)
            CHECK_INT(exp, rows[i].expected);
    }
    T_ROW(23, "embedded NUL");
    CHECK_INT(rules_uscc_check("91440300\0"
                               "922038216",
                               18, NULL),
              RULES_USCC_BAD_FORMAT);
}

int
main(void)
{
    test_ratio();
    test_growth();
    test_format();
    test_dates();
    test_uscc();
    T_DONE();
}
