/*
 * uscc: 统一社会信用代码 validation (GB 32100-2015, POLICY.md §6).
 *
 * A bad format is an error the caller turns into a 400; a check-character
 * mismatch is a separate result the caller accepts but flags for an officer.
 * Codes are never corrected or case-folded here. Pure: libc only.
 */
#ifndef PEIYU_RULES_USCC_H
#define PEIYU_RULES_USCC_H

#include <stddef.h>

typedef enum rules_uscc_status {
    RULES_USCC_OK = 0,         /* format valid and check character matches */
    RULES_USCC_CHECK_MISMATCH, /* format valid, check character differs: flag */
    RULES_USCC_BAD_FORMAT,     /* wrong length, character set or digits: reject */
} rules_uscc_status;

/* Validate s[0..len). If expected is non-NULL and the format is valid, it
 * receives the computed check character. */
rules_uscc_status rules_uscc_check(const char *s, size_t len, char *expected);

/* "ok", "check_mismatch", "bad_format". */
const char *rules_uscc_status_name(rules_uscc_status st);

#endif
