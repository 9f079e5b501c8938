/*
 * uscc: GB 32100-2015 check character; see uscc.h and policy-sources.md §7.1.
 */
#include "rules/uscc.h"

#include <string.h>

static const char uscc_charset[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/* W_i = 3^(i−1) mod 31 */
static const int uscc_weights[17] = {1,  3,  9,  27, 19, 26, 16, 17, 20,
                                     29, 25, 13, 8,  24, 10, 30, 28};

static int
uscc_value(char c)
{
    if (c == '\0')
        return -1;
    const char *p = strchr(uscc_charset, c);
    return p ? (int)(p - uscc_charset) : -1;
}

rules_uscc_status
rules_uscc_check(const char *s, size_t len, char *expected)
{
    if (len != 18)
        return RULES_USCC_BAD_FORMAT;
    int sum = 0;
    for (size_t i = 0; i < 18; i++) {
        int v = uscc_value(s[i]);
        if (v < 0 || (i >= 2 && i <= 7 && v > 9))
            return RULES_USCC_BAD_FORMAT;
        if (i < 17)
            sum += v * uscc_weights[i];
    }
    int c = 31 - sum % 31;
    if (c == 31)
        c = 0;
    if (expected)
        *expected = uscc_charset[c];
    return uscc_charset[c] == s[17] ? RULES_USCC_OK : RULES_USCC_CHECK_MISMATCH;
}

const char *
rules_uscc_status_name(rules_uscc_status st)
{
    switch (st) {
    case RULES_USCC_OK:
        return "ok";
    case RULES_USCC_CHECK_MISMATCH:
        return "check_mismatch";
    case RULES_USCC_BAD_FORMAT:
        return "bad_format";
    }
    return "bad_format";
}
