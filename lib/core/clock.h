/*
 * clock: the one monotonic clock and the one "today" of the project.
 */
#ifndef PEIYU_CORE_CLOCK_H
#define PEIYU_CORE_CLOCK_H

#include <stdint.h>

/* Nanoseconds of CLOCK_MONOTONIC: durations, deadlines, timeouts. */
uint64_t clock_mono_ns(void);

/*
 * Today in Asia/Shanghai (UTC+8 all year, no daylight saving) as days since
 * 1970-01-01: the civil date every "today" of a bureau means (a
 * rules_date, lib/rules/date.h).
 */
int32_t clock_today_shanghai(void);

#endif
