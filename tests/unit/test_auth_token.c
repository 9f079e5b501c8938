/*
 * Tokens and password hashes: shape, uniqueness, hashing, verification.
 */
#include "../rules/t.h"
#include "auth/token.h"

#include <string.h>

int
main(void)
{
    char a[AUTH_TOKEN_LEN + 1], b[AUTH_TOKEN_LEN + 1];
    T_ROW(1, "new tokens are well formed and differ");
    CHECK_INT(auth_token_new(a), 0);
    CHECK_INT(auth_token_new(b), 0);
    CHECK(auth_token_well_formed(a));
    CHECK(strcmp(a, b) != 0);
    CHECK_INT(strlen(a), AUTH_TOKEN_LEN);

    static const struct {
        int no;
        const char *s;
        bool ok;
    } shapes[] = {
        {2, "pyt_", false},
        {3, "pyt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", true},
        {4, "pyt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false},
        {5, "pyt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=", false},
        {6, "xyz_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", false},
        {7, "pyt_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA ", false},
        {8, "", false},
    };
    for (size_t i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
        T_ROW(shapes[i].no, shapes[i].s);
        CHECK(auth_token_well_formed(shapes[i].s) == shapes[i].ok);
    }

    T_ROW(20, "sha256 of abc");
    char h[65];
    auth_sha256_hex("abc", h);
    CHECK_STR(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");

    T_ROW(30, "password hash and verify");
    char stored[160];
    CHECK_INT(auth_password_hash("correct horse battery", 1000, stored, sizeof stored), 0);
    CHECK(strncmp(stored, "pbkdf2-sha256$1000$", 19) == 0);
    CHECK(auth_password_verify("correct horse battery", stored));
    CHECK(!auth_password_verify("correct horse batterx", stored));
    CHECK(!auth_password_verify("", stored));
    T_ROW(31, "salted: two hashes of one password differ");
    char stored2[160];
    CHECK_INT(auth_password_hash("correct horse battery", 1000, stored2, sizeof stored2), 0);
    CHECK(strcmp(stored, stored2) != 0);
    T_ROW(32, "malformed stored values never verify");
    CHECK(!auth_password_verify("x", "pbkdf2-sha256$10$AAAA$AAAA"));
    CHECK(!auth_password_verify("x", "md5$whatever"));
    CHECK(!auth_password_verify("x", "pbkdf2-sha256$1000$!!!$AAAA"));
    CHECK(!auth_password_verify("x", ""));
    return t_failures ? 1 : 0;
}
