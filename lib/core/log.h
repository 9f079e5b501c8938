/*
 * log: the one writer of JSON log lines. Every line peiyud and peiyuctl log
 * is one JSON object: {"ts":"2026-12-04T21:03:27.123Z","level":…,"msg":…,
 * then the fields added in order}. Strings are escaped (quotes, backslash,
 * control characters); a line longer than the buffer is cut at a field
 * boundary and still closed, so every line parses.
 *
 *   struct log_line l;
 *   log_begin(&l, "warn", "database");
 *   log_str(&l, "detail", PQerrorMessage(pg));
 *   log_emit(&l);                      // one write(2) to stderr
 *
 * Buffered sinks (the access log) take log_end()'s text instead.
 */
#ifndef PEIYU_CORE_LOG_H
#define PEIYU_CORE_LOG_H

#include <stddef.h>

struct log_line {
    char buf[2048];
    size_t n;
    size_t mark; /* end of the last complete field */
};

void log_begin(struct log_line *l, const char *level, const char *msg);
void log_str(struct log_line *l, const char *key, const char *value);
void log_int(struct log_line *l, const char *key, long long value);
/* A number with `decimals` digits after the point (durations in ms). */
void log_num(struct log_line *l, const char *key, double value, int decimals);
/* Close the object; returns the text (with its newline, NUL-terminated) and its length. */
const char *log_end(struct log_line *l, size_t *len);
/* log_end, then write the line to stderr in one call. */
void log_emit(struct log_line *l);

#endif
