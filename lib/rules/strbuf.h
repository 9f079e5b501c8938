/*
 * strbuf: snprintf-compatible appends into a fixed buffer, for the hot
 * formatters (percentages, yuan, dates, missing paths) that every evaluation
 * runs. glibc's snprintf costs a few hundred instructions per call in stream
 * setup and format parsing; these are a few per character.
 *
 * Semantics are exactly snprintf's: at most size-1 characters are stored,
 * the result is NUL-terminated when size > 0, and rules_sb_end returns the
 * length the whole text would have had. Internal to lib/rules (static
 * inline, no symbols); the unit tests compare every formatter built on it
 * with the snprintf it replaces. Pure: libc only.
 */
#ifndef PEIYU_RULES_STRBUF_H
#define PEIYU_RULES_STRBUF_H

#include <stddef.h>
#include <string.h>

typedef struct rules_sb {
    char *buf;
    size_t size; /* capacity including the NUL */
    size_t len;  /* length of the full text (may exceed size - 1) */
} rules_sb;

static inline rules_sb
rules_sb_make(char *buf, size_t size)
{
    rules_sb sb = {buf, size, 0};
    return sb;
}

static inline void
rules_sb_putc(rules_sb *sb, char c)
{
    if (sb->len + 1 < sb->size)
        sb->buf[sb->len] = c;
    sb->len++;
}

static inline void
rules_sb_putn(rules_sb *sb, const char *s, size_t n)
{
    if (sb->len + 1 < sb->size) {
        size_t room = sb->size - 1 - sb->len;
        memcpy(sb->buf + sb->len, s, n < room ? n : room);
    }
    sb->len += n;
}

static inline void
rules_sb_puts(rules_sb *sb, const char *s)
{
    rules_sb_putn(sb, s, strlen(s));
}

/* %0*llu: at least `width` digits, zero-padded. */
static inline void
rules_sb_putu(rules_sb *sb, unsigned long long u, int width)
{
    char d[24];
    size_t i = sizeof d;
    do {
        d[--i] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    size_t w = width < 0 ? 0 : (size_t)width;
    while (i > 0 && sizeof d - i < w)
        d[--i] = '0';
    rules_sb_putn(sb, d + i, sizeof d - i);
}

/* %0*lld: the sign counts in the width, zeros go after it (as printf). */
static inline void
rules_sb_putd(rules_sb *sb, long long v, int width)
{
    if (v < 0) {
        rules_sb_putc(sb, '-');
        rules_sb_putu(sb, 0ull - (unsigned long long)v, width - 1);
    } else {
        rules_sb_putu(sb, (unsigned long long)v, width);
    }
}

static inline size_t
rules_sb_end(rules_sb *sb)
{
    if (sb->size)
        sb->buf[sb->len < sb->size ? sb->len : sb->size - 1] = '\0';
    return sb->len;
}

#endif
