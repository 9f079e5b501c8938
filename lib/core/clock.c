/*
 * clock: see clock.h.
 */
#include "core/clock.h"

#include <time.h>

uint64_t
clock_mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

int32_t
clock_today_shanghai(void)
{
    return (int32_t)((time(NULL) + 8 * 3600) / 86400);
}
