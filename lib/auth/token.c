/*
 * token: see token.h.
 */
#include "auth/token.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char b64url[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/* base64url without padding; out needs 4*ceil(n/3)+1 bytes. Returns length. */
static size_t
b64url_encode(const unsigned char *in, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i < n; i += 3) {
        unsigned v = (unsigned)in[i] << 16;
        if (i + 1 < n)
            v |= (unsigned)in[i + 1] << 8;
        if (i + 2 < n)
            v |= in[i + 2];
        out[o++] = b64url[(v >> 18) & 63];
        out[o++] = b64url[(v >> 12) & 63];
        if (i + 1 < n)
            out[o++] = b64url[(v >> 6) & 63];
        if (i + 2 < n)
            out[o++] = b64url[v & 63];
    }
    out[o] = '\0';
    return o;
}

static int
b64url_value(char c)
{
    const char *p = c ? strchr(b64url, c) : NULL;
    return p ? (int)(p - b64url) : -1;
}

/* Decode base64url without padding; returns length or -1. */
static long
b64url_decode(const char *in, unsigned char *out, size_t cap)
{
    size_t n = strlen(in), o = 0;
    unsigned acc = 0;
    int bits = 0;
    for (size_t i = 0; i < n; i++) {
        int v = b64url_value(in[i]);
        if (v < 0)
            return -1;
        acc = (acc << 6) | (unsigned)v;
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            if (o >= cap)
                return -1;
            out[o++] = (unsigned char)(acc >> bits);
        }
    }
    return (long)o;
}

int
auth_token_new(char out[AUTH_TOKEN_LEN + 1])
{
    unsigned char raw[32];
    if (RAND_bytes(raw, sizeof raw) != 1)
        return -1;
    memcpy(out, "pyt_", 4);
    b64url_encode(raw, sizeof raw, out + 4);
    OPENSSL_cleanse(raw, sizeof raw);
    return 0;
}

bool
auth_token_well_formed(const char *s)
{
    if (strncmp(s, "pyt_", 4) != 0 || strlen(s) != AUTH_TOKEN_LEN)
        return false;
    for (const char *p = s + 4; *p; p++)
        if (b64url_value(*p) < 0)
            return false;
    return true;
}

void
auth_sha256_hex(const char *s, char out[65])
{
    unsigned char md[32];
    unsigned int len = 0;
    EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

int
auth_password_hash(const char *password, int iterations, char *out, size_t cap)
{
    unsigned char salt[16], dk[32];
    char salt64[32], dk64[48];
    if (RAND_bytes(salt, sizeof salt) != 1)
        return -1;
    if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, sizeof salt, iterations,
                          EVP_sha256(), sizeof dk, dk) != 1)
        return -1;
    b64url_encode(salt, sizeof salt, salt64);
    b64url_encode(dk, sizeof dk, dk64);
    int n = snprintf(out, cap, "pbkdf2-sha256$%d$%s$%s", iterations, salt64, dk64);
    OPENSSL_cleanse(dk, sizeof dk);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

bool
auth_password_verify(const char *password, const char *stored)
{
    char copy[256];
    if (strlen(stored) >= sizeof copy || strncmp(stored, "pbkdf2-sha256$", 14) != 0)
        return false;
    strcpy(copy, stored + 14);
    char *iter_s = copy, *salt_s = strchr(iter_s, '$');
    if (!salt_s)
        return false;
    *salt_s++ = '\0';
    char *hash_s = strchr(salt_s, '$');
    if (!hash_s)
        return false;
    *hash_s++ = '\0';
    char *end;
    long iter = strtol(iter_s, &end, 10);
    unsigned char salt[64], want[64], got[64];
    long sl = b64url_decode(salt_s, salt, sizeof salt);
    long hl = b64url_decode(hash_s, want, sizeof want);
    if (*end || iter < 1000 || iter > 10000000 || sl < 8 || hl != 32)
        return false;
    if (PKCS5_PBKDF2_HMAC(password, (int)strlen(password), salt, (int)sl, (int)iter, EVP_sha256(),
                          32, got) != 1)
        return false;
    bool ok = CRYPTO_memcmp(got, want, 32) == 0;
    OPENSSL_cleanse(got, sizeof got);
    return ok;
}
