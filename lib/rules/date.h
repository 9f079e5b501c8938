/*
 * date: civil (proleptic Gregorian) dates as day numbers.
 *
 * A rules_date is the count of days since 1970-01-01, so "days between" is a
 * subtraction and ordering is integer ordering. RULES_DATE_NONE marks an
 * absent date. Valid range: years 1900..2999. Pure: libc only, no I/O.
 */
#ifndef PEIYU_RULES_DATE_H
#define PEIYU_RULES_DATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef int32_t rules_date;

#define RULES_DATE_NONE     INT32_MIN
#define RULES_DATE_MIN_YEAR 1900
#define RULES_DATE_MAX_YEAR 2999

/* Day number of y-m-d (no validation; m 1..12, d 1..31). */
rules_date rules_date_from_ymd(int y, int m, int d);

/* Split a day number into y, m, d (any pointer may be NULL). */
void rules_date_ymd(rules_date t, int *y, int *m, int *d);

/* Year of a date. */
int rules_date_year(rules_date t);

/* Days in month m of year y. */
int rules_date_days_in_month(int y, int m);

/*
 * Parse exactly "YYYY-MM-DD" (len bytes, no NUL needed) with a real calendar
 * day in the valid range. Returns 0 and sets *out, or -1.
 */
int rules_date_parse(const char *s, size_t len, rules_date *out);

/* Write "YYYY-MM-DD" into buf (size ≥ 11). Returns buf. */
char *rules_date_format(rules_date t, char *buf, size_t size);

/* t plus n calendar months (n may be negative); the day is clamped to the
 * last day of the target month: 2024-01-31 + 1 month = 2024-02-29. */
rules_date rules_date_add_months(rules_date t, int n);

/* t plus n calendar years (clamped: 2024-02-29 + 1 year = 2025-02-28). */
rules_date rules_date_add_years(rules_date t, int n);

/* Whole years from a to b (b ≥ a): the largest k with add_years(a, k) ≤ b.
 * Negative when b < a (symmetric). */
int rules_date_years_between(rules_date a, rules_date b);

/* Whole months from a to b, same definition with add_months. */
int rules_date_months_between(rules_date a, rules_date b);

/* b − a in days. */
static inline int32_t
rules_date_days_between(rules_date a, rules_date b)
{
    return b - a;
}

#endif
