/*
 * xalloc: the project's allocation-failure policy, decided once.
 *
 * Every allocation in peiyu goes through these wrappers. Running out of
 * memory is not a condition a request handler can recover from, so each
 * wrapper aborts with a message instead of returning NULL; call sites stay
 * free of NULL checks. Pure: no I/O beyond the abort message.
 */
#ifndef PEIYU_CORE_XALLOC_H
#define PEIYU_CORE_XALLOC_H

#include <stddef.h>

/* Return a block the caller owns and frees with free(); never NULL. */
void *xmalloc(size_t n);
void *xcalloc(size_t count, size_t size);
void *xrealloc(void *p, size_t n);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
