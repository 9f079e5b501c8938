/*
 * token: bearer tokens and password hashes, through OpenSSL.
 *
 * A token is "pyt_" followed by 43 base64url characters (256 random bits from
 * RAND_bytes). Only its SHA-256 is stored; a request's token is hashed and
 * looked up by the hash, so no comparison ever runs over a stored secret.
 * Passwords are PBKDF2-HMAC-SHA256 with a per-user salt, stored as
 * "pbkdf2-sha256$ITER$SALT$HASH" (base64url); verification compares with
 * CRYPTO_memcmp. Hashing a password costs tens of milliseconds on purpose:
 * never call it on an event loop.
 */
#ifndef PEIYU_AUTH_TOKEN_H
#define PEIYU_AUTH_TOKEN_H

#include <stdbool.h>
#include <stddef.h>

#define AUTH_TOKEN_LEN         47 /* "pyt_" + 43 */
#define AUTH_PBKDF2_ITERATIONS 210000

/* A new token into out (AUTH_TOKEN_LEN + 1 bytes). Returns 0, or -1 if the RNG failed. */
int auth_token_new(char out[AUTH_TOKEN_LEN + 1]);

/* Is s shaped like a token (prefix, length, alphabet)? */
bool auth_token_well_formed(const char *s);

/* SHA-256 of s as 64 lowercase hex digits. */
void auth_sha256_hex(const char *s, char out[65]);

/* Hash a password into out (at least 128 bytes). Returns 0 or -1. */
int auth_password_hash(const char *password, int iterations, char *out, size_t cap);

/* Does password match the stored hash? False for a malformed stored value. */
bool auth_password_verify(const char *password, const char *stored);

#endif
