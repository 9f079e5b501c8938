/*
 * date: civil-date arithmetic; see date.h. days_from_civil / civil_from_days
 * follow Howard Hinnant's public-domain algorithms.
 */
#include "rules/date.h"
#include "rules/strbuf.h"

#include <stdbool.h>
#include <stdio.h>

/*
 * Fast paths for years 1900..2999 (the valid range): day number of 1 January
 * and cumulative month starts from a table, the year by one estimate and one
 * correction; no division by a variable. Outside the range (or for a month
 * or day out of range) Hinnant's general formulas below.
 */
#define FAST_LO (-25567) /* 1900-01-01 */
#define FAST_HI 376199   /* 2999-12-31 */

static const int16_t month_start[2][13] = {
    {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365},
    {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366},
};

static inline bool
leap(int y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

/* Day number of y-01-01, y ≥ 1. */
static inline int32_t
jan1(int y)
{
    int a = y - 1;
    return 365 * (y - 1970) + a / 4 - a / 100 + a / 400 - 477;
}

/* Year of t, FAST_LO ≤ t ≤ FAST_HI. */
static inline int
fast_year(rules_date t)
{
    int y = 1970 + (int)(((int64_t)t * 400) / 146097);
    if (t < jan1(y))
        y--;
    else if (t >= jan1(y + 1))
        y++;
    return y;
}

static rules_date
from_ymd_general(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return (rules_date)(era * 146097 + doe - 719468);
}

rules_date
rules_date_from_ymd(int y, int m, int d)
{
    if (y >= RULES_DATE_MIN_YEAR && y <= RULES_DATE_MAX_YEAR && m >= 1 && m <= 12)
        return jan1(y) + month_start[leap(y)][m - 1] + d - 1;
    return from_ymd_general(y, m, d);
}

static void
ymd_general(rules_date t, int *y, int *m, int *d)
{
    int z = t + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int yy = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int dd = doy - (153 * mp + 2) / 5 + 1;
    int mm = mp < 10 ? mp + 3 : mp - 9;
    if (y)
        *y = yy + (mm <= 2);
    if (m)
        *m = mm;
    if (d)
        *d = dd;
}

void
rules_date_ymd(rules_date t, int *y, int *m, int *d)
{
    if (t < FAST_LO || t > FAST_HI) {
        ymd_general(t, y, m, d);
        return;
    }
    int yy = fast_year(t);
    int doy = t - jan1(yy);
    const int16_t *ms = month_start[leap(yy)];
    int mm = doy / 32; /* 0-based; at most one month short */
    if (doy >= ms[mm + 1])
        mm++;
    if (y)
        *y = yy;
    if (m)
        *m = mm + 1;
    if (d)
        *d = doy - ms[mm] + 1;
}

int
rules_date_year(rules_date t)
{
    if (t >= FAST_LO && t <= FAST_HI)
        return fast_year(t);
    int y;
    ymd_general(t, &y, NULL, NULL);
    return y;
}

int
rules_date_days_in_month(int y, int m)
{
    static const int dim[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
        return 29;
    return dim[m - 1];
}

static int
digits(const char *s, int n)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

int
rules_date_parse(const char *s, size_t len, rules_date *out)
{
    if (len != 10 || s[4] != '-' || s[7] != '-')
        return -1;
    int y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
    if (y < RULES_DATE_MIN_YEAR || y > RULES_DATE_MAX_YEAR || m < 1 || m > 12 || d < 1 ||
        d > rules_date_days_in_month(y, m))
        return -1;
    *out = rules_date_from_ymd(y, m, d);
    return 0;
}

char *
rules_date_format(rules_date t, char *buf, size_t size)
{
    int y, m, d;
    rules_date_ymd(t, &y, &m, &d);
    rules_sb sb = rules_sb_make(buf, size); /* "%04d-%02d-%02d" */
    rules_sb_putd(&sb, y, 4);
    rules_sb_putc(&sb, '-');
    rules_sb_putd(&sb, m, 2);
    rules_sb_putc(&sb, '-');
    rules_sb_putd(&sb, d, 2);
    rules_sb_end(&sb);
    return buf;
}

rules_date
rules_date_add_months(rules_date t, int n)
{
    int y, m, d;
    rules_date_ymd(t, &y, &m, &d);
    int idx = y * 12 + (m - 1) + n;
    int ny = idx >= 0 ? idx / 12 : (idx - 11) / 12;
    int nm = idx - ny * 12 + 1;
    int dim = rules_date_days_in_month(ny, nm);
    return rules_date_from_ymd(ny, nm, d > dim ? dim : d);
}

rules_date
rules_date_add_years(rules_date t, int n)
{
    return rules_date_add_months(t, 12 * n);
}

/*
 * Whole months / years from a to b (b ≥ a): the candidate k from the
 * calendar fields lands in b's month (year); add_months(a, k) there is a's
 * day clamped to that month, and if it passes b, k − 1 lands in an earlier
 * month and cannot. So one comparison replaces the search.
 */
int
rules_date_months_between(rules_date a, rules_date b)
{
    if (b < a)
        return -rules_date_months_between(b, a);
    int ya, ma, da, yb, mb, db;
    rules_date_ymd(a, &ya, &ma, &da);
    rules_date_ymd(b, &yb, &mb, &db);
    int k = (yb - ya) * 12 + (mb - ma);
    if (k > 0) {
        int dim = rules_date_days_in_month(yb, mb);
        if ((da > dim ? dim : da) > db)
            k--;
    }
    return k;
}

int
rules_date_years_between(rules_date a, rules_date b)
{
    if (b < a)
        return -rules_date_years_between(b, a);
    int ya, ma, da, yb, mb, db;
    rules_date_ymd(a, &ya, &ma, &da);
    rules_date_ymd(b, &yb, &mb, &db);
    int k = yb - ya;
    if (k > 0) {
        int dim = rules_date_days_in_month(yb, ma);
        int d = da > dim ? dim : da;
        if (ma > mb || (ma == mb && d > db))
            k--;
    }
    return k;
}
