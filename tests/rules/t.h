/*
 * t.h: the tiny assertion kit of the rule tests. A failing check prints the
 * file, line, the row number and name under test, and the values; the test
 * exits 1 at the end if anything failed.
 */
#ifndef PEIYU_TESTS_RULES_T_H
#define PEIYU_TESTS_RULES_T_H

#include <stdio.h>
#include <string.h>

static int t_failures;
static int t_row;
static const char *t_name = "";

#define T_ROW(no, name) (t_row = (no), t_name = (name))

#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: row %d (%s): CHECK(%s) failed\n", __FILE__, __LINE__, t_row,   \
                    t_name, #cond);                                                                \
            t_failures++;                                                                          \
        }                                                                                          \
    } while (0)

#define CHECK_INT(a, b)                                                                            \
    do {                                                                                           \
        long long a_ = (long long)(a), b_ = (long long)(b);                                        \
        if (a_ != b_) {                                                                            \
            fprintf(stderr, "%s:%d: row %d (%s): %s = %lld, expected %lld\n", __FILE__, __LINE__,  \
                    t_row, t_name, #a, a_, b_);                                                    \
            t_failures++;                                                                          \
        }                                                                                          \
    } while (0)

#define CHECK_STR(a, b)                                                                            \
    do {                                                                                           \
        const char *a_ = (a), *b_ = (b);                                                           \
        if (!a_ || !b_ || strcmp(a_, b_) != 0) {                                                   \
            fprintf(stderr, "%s:%d: row %d (%s): %s = \"%s\", expected \"%s\"\n", __FILE__,        \
                    __LINE__, t_row, t_name, #a, a_ ? a_ : "(null)", b_ ? b_ : "(null)");          \
            t_failures++;                                                                          \
        }                                                                                          \
    } while (0)

#define T_DONE()                                                                                   \
    do {                                                                                           \
        if (t_failures)                                                                            \
            fprintf(stderr, "%d check(s) failed\n", t_failures);                                   \
        return t_failures ? 1 : 0;                                                                 \
    } while (0)

#endif
