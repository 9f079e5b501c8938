/*
 * merkle: the cryptography of audit checkpoints, shared by peiyud and
 * peiyuctl so both compute exactly the same bytes (OpenSSL EVP only).
 *
 * Chain hash (sql/migrations/0004_audit.sql): an event's hash is
 *   hex(SHA-256(prev_hash_hex || canonical_text)), the first prev_hash being
 *   64 '0' characters.
 *
 * Merkle root over the stream heads (sql/migrations/0015_checkpoints.sql):
 *   - one leaf per stream head, ordered by stream name bytewise (C collation);
 *   - leaf data = stream ":" seq ":" hash  (seq in decimal, hash as 64
 *     lowercase hex characters), e.g. "firm:7:12:3f…";
 *   - the tree is RFC 6962 §2.1 (Certificate Transparency) MTH:
 *       MTH({})      = SHA-256("")
 *       MTH({d})     = SHA-256(0x00 || d)
 *       MTH(D[0:n])  = SHA-256(0x01 || MTH(D[0:k]) || MTH(D[k:n])),
 *                      k the largest power of two smaller than n;
 *   - the root is written as 64 lowercase hex characters.
 *
 * Signed message: the ASCII text
 *   "peiyu-audit-checkpoint/1\n" stream_count "\n" merkle_root_hex "\n"
 * signed with Ed25519 (EVP_DigestSign, no digest); the signature is stored
 * as standard base64 (88 characters). key_id = hex(SHA-256(DER
 * SubjectPublicKeyInfo)), i.e. `openssl pkey -pubin -outform DER | sha256sum`.
 *
 * Keys are PEM files: the private key (PKCS#8, `peiyuctl audit keygen`) for
 * signing, the public key (SubjectPublicKeyInfo) for verifying. Nothing here
 * keeps state; every function may be called from any thread.
 */
#ifndef PEIYU_AUTH_MERKLE_H
#define PEIYU_AUTH_MERKLE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <openssl/evp.h>

/* One stream head as a checkpoint names it. */
struct audit_head_ref {
    const char *stream;
    long long seq;
    const char *hash; /* 64 lowercase hex */
};

#define AUDIT_GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"
#define AUDIT_SIG_B64_LEN  88

/* hex(SHA-256(prev_hex || canonical)) into out. */
void audit_chain_hash(const char *prev_hex, const char *canonical, size_t canonical_len,
                      char out[65]);

/*
 * The Merkle root of the heads (any order: sorted here by stream, bytewise)
 * as hex into out. Returns 0, or -1 if two heads name the same stream.
 */
int audit_merkle_root(const struct audit_head_ref *heads, size_t n, char out[65]);

/* The signed message for a checkpoint into buf (cap ≥ 128); returns its length. */
size_t audit_checkpoint_message(long long stream_count, const char *root_hex, char *buf,
                                size_t cap);

/* Sign msg with an Ed25519 private key; base64 into out. Returns 0 or -1. */
int audit_sign(EVP_PKEY *key, const char *msg, size_t len, char out[AUDIT_SIG_B64_LEN + 1]);

/* Does the base64 signature verify over msg with key (private or public)? 1 yes, 0 no. */
int audit_signature_ok(EVP_PKEY *key, const char *msg, size_t len, const char *sig_b64);

/* hex(SHA-256(DER SubjectPublicKeyInfo)) of key into out. Returns 0 or -1. */
int audit_key_id(EVP_PKEY *key, char out[65]);

/* The public key as PEM (malloc'd, NUL-terminated), or NULL. */
char *audit_public_pem(EVP_PKEY *key);

/*
 * Load an Ed25519 key from a PEM file: a private key, or (public_ok) a
 * public key. Returns the key (free with EVP_PKEY_free) or NULL with a
 * message in err.
 */
EVP_PKEY *audit_key_load(const char *path, int public_ok, char *err, size_t errcap);

/* A fresh Ed25519 key pair, or NULL. */
EVP_PKEY *audit_key_generate(void);

/*
 * Check one checkpoint: recompute the Merkle root from heads (must equal
 * root_hex, and n must equal stream_count), then the signature with key if
 * key is not NULL. Returns 0 when intact, -1 with the reason in why when
 * broken, 1 when the root is right but key_id names another key (a rotated
 * key: the signature cannot be checked with this one; why says so).
 */
int audit_checkpoint_check(EVP_PKEY *key, const struct audit_head_ref *heads, size_t n,
                           long long stream_count, const char *root_hex, const char *sig_b64,
                           const char *key_id, char *why, size_t whycap);

/*
 * The heads of a checkpoint from its JSON array ([{"stream","seq","hash"}]):
 * *out is malloc'd (free it) and points into arr, which must outlive it.
 * Returns 0, or -1 with a reason in why when an element is malformed.
 */
int audit_heads_from_json(json_t *arr, struct audit_head_ref **out, size_t *n, char *why,
                          size_t whycap);

#endif
