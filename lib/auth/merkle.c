/*
 * merkle: see merkle.h for the exact definitions (chain hash, RFC 6962 root
 * over stream heads, signed message, key id). OpenSSL EVP only; no state.
 */
#include "auth/merkle.h"

#include <openssl/pem.h>
#include <openssl/x509.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void
to_hex(const unsigned char *b, size_t n, char *out)
{
    static const char digits[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        out[2 * i] = digits[b[i] >> 4];
        out[2 * i + 1] = digits[b[i] & 15];
    }
    out[2 * n] = '\0';
}

void
audit_chain_hash(const char *prev_hex, const char *canonical, size_t canonical_len, char out[65])
{
    unsigned char md[32];
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    EVP_DigestUpdate(c, prev_hex, strlen(prev_hex));
    EVP_DigestUpdate(c, canonical, canonical_len);
    EVP_DigestFinal_ex(c, md, NULL);
    EVP_MD_CTX_free(c);
    to_hex(md, 32, out);
}

static void
leaf_hash(const struct audit_head_ref *h, unsigned char out[32])
{
    char seq[24];
    snprintf(seq, sizeof seq, "%lld", h->seq);
    static const unsigned char zero = 0x00;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    EVP_DigestUpdate(c, &zero, 1);
    EVP_DigestUpdate(c, h->stream, strlen(h->stream));
    EVP_DigestUpdate(c, ":", 1);
    EVP_DigestUpdate(c, seq, strlen(seq));
    EVP_DigestUpdate(c, ":", 1);
    EVP_DigestUpdate(c, h->hash, strlen(h->hash));
    EVP_DigestFinal_ex(c, out, NULL);
    EVP_MD_CTX_free(c);
}

/* RFC 6962 MTH over leaf hashes l[0..n), n ≥ 1. */
static void
mth(const unsigned char (*l)[32], size_t n, unsigned char out[32])
{
    if (n == 1) {
        memcpy(out, l[0], 32);
        return;
    }
    size_t k = 1;
    while (k * 2 < n)
        k *= 2;
    unsigned char left[32], right[32];
    mth(l, k, left);
    mth(l + k, n - k, right);
    static const unsigned char one = 0x01;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    EVP_DigestInit_ex(c, EVP_sha256(), NULL);
    EVP_DigestUpdate(c, &one, 1);
    EVP_DigestUpdate(c, left, 32);
    EVP_DigestUpdate(c, right, 32);
    EVP_DigestFinal_ex(c, out, NULL);
    EVP_MD_CTX_free(c);
}

static int
by_stream(const void *a, const void *b)
{
    const struct audit_head_ref *const *x = a, *const *y = b;
    return strcmp((*x)->stream, (*y)->stream);
}

int
audit_merkle_root(const struct audit_head_ref *heads, size_t n, char out[65])
{
    unsigned char root[32];
    if (n == 0) {
        EVP_Digest("", 0, root, NULL, EVP_sha256(), NULL);
        to_hex(root, 32, out);
        return 0;
    }
    const struct audit_head_ref **order = malloc(n * sizeof *order);
    unsigned char(*leaves)[32] = malloc(n * sizeof *leaves);
    if (!order || !leaves) {
        free(order);
        free(leaves);
        return -1;
    }
    for (size_t i = 0; i < n; i++)
        order[i] = &heads[i];
    qsort(order, n, sizeof *order, by_stream);
    int rc = 0;
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && !strcmp(order[i - 1]->stream, order[i]->stream))
            rc = -1;
        leaf_hash(order[i], leaves[i]);
    }
    if (rc == 0) {
        mth((const unsigned char(*)[32])leaves, n, root);
        to_hex(root, 32, out);
    }
    free(order);
    free(leaves);
    return rc;
}

size_t
audit_checkpoint_message(long long stream_count, const char *root_hex, char *buf, size_t cap)
{
    int n = snprintf(buf, cap, "peiyu-audit-checkpoint/1\n%lld\n%s\n", stream_count, root_hex);
    return n < 0 ? 0 : (size_t)n < cap ? (size_t)n : cap - 1;
}

int
audit_sign(EVP_PKEY *key, const char *msg, size_t len, char out[AUDIT_SIG_B64_LEN + 1])
{
    unsigned char sig[64];
    size_t siglen = sizeof sig;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c && EVP_DigestSignInit(c, NULL, NULL, NULL, key) == 1 &&
             EVP_DigestSign(c, sig, &siglen, (const unsigned char *)msg, len) == 1 && siglen == 64;
    EVP_MD_CTX_free(c);
    if (!ok)
        return -1;
    EVP_EncodeBlock((unsigned char *)out, sig, 64);
    return 0;
}

int
audit_signature_ok(EVP_PKEY *key, const char *msg, size_t len, const char *sig_b64)
{
    unsigned char sig[66]; /* 88 base64 characters decode to 66 bytes, 2 of them padding */
    if (!sig_b64 || strlen(sig_b64) != AUDIT_SIG_B64_LEN ||
        strcmp(sig_b64 + AUDIT_SIG_B64_LEN - 2, "==") != 0 ||
        EVP_DecodeBlock(sig, (const unsigned char *)sig_b64, AUDIT_SIG_B64_LEN) != 66)
        return 0;
    EVP_MD_CTX *c = EVP_MD_CTX_new();
    int ok = c && EVP_DigestVerifyInit(c, NULL, NULL, NULL, key) == 1 &&
             EVP_DigestVerify(c, sig, 64, (const unsigned char *)msg, len) == 1;
    EVP_MD_CTX_free(c);
    return ok;
}

int
audit_key_id(EVP_PKEY *key, char out[65])
{
    unsigned char *der = NULL;
    int n = i2d_PUBKEY(key, &der);
    if (n <= 0)
        return -1;
    unsigned char md[32];
    EVP_Digest(der, (size_t)n, md, NULL, EVP_sha256(), NULL);
    OPENSSL_free(der);
    to_hex(md, 32, out);
    return 0;
}

char *
audit_public_pem(EVP_PKEY *key)
{
    BIO *b = BIO_new(BIO_s_mem());
    char *out = NULL;
    if (b && PEM_write_bio_PUBKEY(b, key) == 1) {
        char *data;
        long n = BIO_get_mem_data(b, &data);
        out = malloc((size_t)n + 1);
        if (out) {
            memcpy(out, data, (size_t)n);
            out[n] = '\0';
        }
    }
    BIO_free(b);
    return out;
}

EVP_PKEY *
audit_key_load(const char *path, int public_ok, char *err, size_t errcap)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        snprintf(err, errcap, "%s: cannot open", path);
        return NULL;
    }
    EVP_PKEY *k = PEM_read_PrivateKey(f, NULL, NULL, NULL);
    if (!k && public_ok) {
        rewind(f);
        k = PEM_read_PUBKEY(f, NULL, NULL, NULL);
    }
    fclose(f);
    if (!k) {
        snprintf(err, errcap, "%s: not a PEM %s key", path,
                 public_ok ? "Ed25519" : "Ed25519 private");
        return NULL;
    }
    if (EVP_PKEY_get_id(k) != EVP_PKEY_ED25519) {
        snprintf(err, errcap, "%s: the key is not Ed25519", path);
        EVP_PKEY_free(k);
        return NULL;
    }
    return k;
}

EVP_PKEY *
audit_key_generate(void)
{
    EVP_PKEY *k = NULL;
    EVP_PKEY_CTX *c = EVP_PKEY_CTX_new_id(EVP_PKEY_ED25519, NULL);
    if (c && EVP_PKEY_keygen_init(c) == 1 && EVP_PKEY_keygen(c, &k) == 1) {
        EVP_PKEY_CTX_free(c);
        return k;
    }
    EVP_PKEY_CTX_free(c);
    return NULL;
}

int
audit_checkpoint_check(EVP_PKEY *key, const struct audit_head_ref *heads, size_t n,
                       long long stream_count, const char *root_hex, const char *sig_b64,
                       const char *key_id, char *why, size_t whycap)
{
    char root[65], kid[65];
    if ((long long)n != stream_count) {
        snprintf(why, whycap, "stream_count is %lld but %zu heads are named", stream_count, n);
        return -1;
    }
    if (audit_merkle_root(heads, n, root) < 0) {
        snprintf(why, whycap, "a stream is named twice among the heads");
        return -1;
    }
    if (!root_hex || strcmp(root, root_hex) != 0) {
        snprintf(why, whycap, "merkle_root %.64s does not match the heads (recomputed %s)",
                 root_hex ? root_hex : "(none)", root);
        return -1;
    }
    if (!key)
        return 0;
    if (audit_key_id(key, kid) < 0)
        return -1;
    if (!key_id || strcmp(kid, key_id) != 0) {
        snprintf(why, whycap, "signed by key %.64s, not the audit key %s",
                 key_id ? key_id : "(none)", kid);
        return 1;
    }
    char msg[160];
    size_t len = audit_checkpoint_message(stream_count, root_hex, msg, sizeof msg);
    if (!audit_signature_ok(key, msg, len, sig_b64)) {
        snprintf(why, whycap, "the signature does not verify with the audit key");
        return -1;
    }
    return 0;
}

int
audit_heads_from_json(json_t *arr, struct audit_head_ref **out, size_t *n, char *why, size_t whycap)
{
    *out = NULL;
    *n = 0;
    if (!json_is_array(arr)) {
        snprintf(why, whycap, "heads is not an array");
        return -1;
    }
    size_t len = json_array_size(arr);
    struct audit_head_ref *h = calloc(len ? len : 1, sizeof *h);
    if (!h)
        return -1;
    for (size_t i = 0; i < len; i++) {
        json_t *e = json_array_get(arr, i);
        const char *stream = json_string_value(json_object_get(e, "stream"));
        const char *hash = json_string_value(json_object_get(e, "hash"));
        json_t *seq = json_object_get(e, "seq");
        if (!stream || !hash || strlen(hash) != 64 || !json_is_integer(seq)) {
            snprintf(why, whycap, "head %zu is not {stream, seq, hash}", i);
            free(h);
            return -1;
        }
        h[i].stream = stream;
        h[i].seq = (long long)json_integer_value(seq);
        h[i].hash = hash;
    }
    *out = h;
    *n = len;
    return 0;
}
