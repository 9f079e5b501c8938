/*
 * log: see log.h.
 */
#include "core/log.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* Room kept for the closing "}\n" and a NUL. */
#define LOG_TAIL 3

static void
put(struct log_line *l, const char *s, size_t n)
{
    if (l->n + n > sizeof l->buf - LOG_TAIL) {
        l->n = sizeof l->buf; /* overflowed: log_end cuts back to the last field */
        return;
    }
    memcpy(l->buf + l->n, s, n);
    l->n += n;
}

static void
put_escaped(struct log_line *l, const char *s)
{
    put(l, "\"", 1);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        char esc[8];
        if (c == '"' || c == '\\') {
            esc[0] = '\\';
            esc[1] = (char)c;
            put(l, esc, 2);
        } else if (c < 0x20) {
            snprintf(esc, sizeof esc, "\\u%04x", c);
            put(l, esc, 6);
        } else {
            put(l, (const char *)&c, 1);
        }
    }
    put(l, "\"", 1);
}

static void
field_end(struct log_line *l)
{
    if (l->n <= sizeof l->buf - LOG_TAIL)
        l->mark = l->n;
    else
        l->n = l->mark; /* drop the field that did not fit */
}

static void
key(struct log_line *l, const char *k)
{
    put(l, ",", 1);
    put_escaped(l, k);
    put(l, ":", 1);
}

void
log_begin(struct log_line *l, const char *level, const char *msg)
{
    struct timespec now;
    clock_gettime(CLOCK_REALTIME, &now);
    struct tm tm;
    gmtime_r(&now.tv_sec, &tm);
    char ts[48];
    size_t n = strftime(ts, sizeof ts, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(ts + n, sizeof ts - n, ".%03ldZ", now.tv_nsec / 1000000);
    l->n = l->mark = 0;
    put(l, "{\"ts\":\"", 7);
    put(l, ts, strlen(ts));
    put(l, "\"", 1);
    field_end(l);
    key(l, "level");
    put_escaped(l, level);
    field_end(l);
    key(l, "msg");
    put_escaped(l, msg);
    field_end(l);
}

void
log_str(struct log_line *l, const char *k, const char *value)
{
    key(l, k);
    put_escaped(l, value ? value : "");
    field_end(l);
}

void
log_int(struct log_line *l, const char *k, long long value)
{
    char num[32];
    int n = snprintf(num, sizeof num, "%lld", value);
    key(l, k);
    put(l, num, (size_t)n);
    field_end(l);
}

void
log_num(struct log_line *l, const char *k, double value, int decimals)
{
    char num[64];
    int n = snprintf(num, sizeof num, "%.*f", decimals, value);
    key(l, k);
    put(l, num, (size_t)n);
    field_end(l);
}

const char *
log_end(struct log_line *l, size_t *len)
{
    if (l->n > sizeof l->buf - LOG_TAIL)
        l->n = l->mark;
    memcpy(l->buf + l->n, "}\n", 3);
    *len = l->n + 2;
    return l->buf;
}

void
log_emit(struct log_line *l)
{
    size_t n;
    const char *s = log_end(l, &n);
    ssize_t w = write(STDERR_FILENO, s, n);
    (void)w; /* nowhere to report a failed log write */
}
