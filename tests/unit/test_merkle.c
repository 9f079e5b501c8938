/*
 * merkle: the Merkle root over stream heads (RFC 6962 MTH, leaves sorted by
 * stream bytewise), the chain hash, and Ed25519 checkpoint signatures
 * (lib/auth/merkle.h). Expected roots were computed independently with
 * Python's hashlib from the definition in merkle.h.
 */
#include "../rules/t.h"
#include "auth/merkle.h"

#include <stdlib.h>
#include <string.h>

static const struct audit_head_ref heads[] = {
    {"system", 3, "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"},
    {"firm:10", 1, "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb"},
    {"firm:2", 7, "cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc"},
    {"firm:1", 2, "dddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddddd"},
    {"firm:3", 5, "eeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeeee"},
};

static const struct {
    int no;
    size_t n; /* the first n heads */
    const char *root;
} roots[] = {
    {1, 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
    {2, 1, "2c3d99211e10559bdf33fc39b8c4008cab74b0dc5a63be117d688dc698cad855"},
    {3, 2, "ea4f37204050a608405083996d2dfc9b2a8deefac142339ace9ea6855510dd3a"},
    {4, 3, "3b9f6718f5f5b4fe0bc1387a4cc4b79f91cc414c89f1b064c50987130a94c15d"},
    {5, 4, "8cb5662092891d6f8163078597756ba00c9c055a242c393089e5d0c854b8ea46"},
    {6, 5, "156c1b62385c2fbeedfc8b0e6e519e47d3d7aa554d5df0ee5355b4347b35f03a"},
};

int
main(void)
{
    char out[65];
    for (size_t i = 0; i < sizeof roots / sizeof roots[0]; i++) {
        T_ROW(roots[i].no, "merkle root");
        CHECK_INT(audit_merkle_root(heads, roots[i].n, out), 0);
        CHECK_STR(out, roots[i].root);
    }

    T_ROW(7, "order of the input does not matter");
    struct audit_head_ref rev[5];
    for (int i = 0; i < 5; i++)
        rev[i] = heads[4 - i];
    audit_merkle_root(rev, 5, out);
    CHECK_STR(out, roots[5].root);

    T_ROW(8, "a stream named twice");
    struct audit_head_ref dup[2] = {heads[0], heads[0]};
    CHECK_INT(audit_merkle_root(dup, 2, out), -1);

    T_ROW(9, "one changed head changes the root");
    struct audit_head_ref ch[5];
    memcpy(ch, heads, sizeof ch);
    ch[2].seq = 8;
    audit_merkle_root(ch, 5, out);
    CHECK(strcmp(out, roots[5].root) != 0);

    T_ROW(10, "chain hash");
    audit_chain_hash(AUDIT_GENESIS_HASH, "{\"a\": 1}", 8, out);
    CHECK_STR(out, "9d27932a33fa894b472945299c9ee10151537e3db754278107054f135c9ac310");

    T_ROW(11, "sign and verify");
    EVP_PKEY *k = audit_key_generate(), *other = audit_key_generate();
    CHECK(k && other);
    char msg[160], sig[AUDIT_SIG_B64_LEN + 1], kid[65], why[512];
    size_t len = audit_checkpoint_message(5, roots[5].root, msg, sizeof msg);
    CHECK_INT(audit_sign(k, msg, len, sig), 0);
    CHECK_INT((int)strlen(sig), AUDIT_SIG_B64_LEN);
    CHECK_INT(audit_signature_ok(k, msg, len, sig), 1);
    CHECK_INT(audit_key_id(k, kid), 0);
    CHECK_INT(audit_checkpoint_check(k, heads, 5, 5, roots[5].root, sig, kid, why, sizeof why), 0);

    T_ROW(12, "a signature by another key");
    CHECK_INT(audit_signature_ok(other, msg, len, sig), 0);
    CHECK_INT(audit_checkpoint_check(other, heads, 5, 5, roots[5].root, sig, kid, why, sizeof why),
              1);

    T_ROW(13, "a forged signature");
    char forged[AUDIT_SIG_B64_LEN + 1];
    memcpy(forged, sig, sizeof forged);
    forged[10] = forged[10] == 'A' ? 'B' : 'A';
    CHECK_INT(audit_checkpoint_check(k, heads, 5, 5, roots[5].root, forged, kid, why, sizeof why),
              -1);
    CHECK(strstr(why, "signature") != NULL);
    CHECK_INT(audit_signature_ok(k, msg, len, "short=="), 0);

    T_ROW(14, "a root that does not match the heads");
    CHECK_INT(audit_checkpoint_check(k, heads, 4, 4, roots[5].root, sig, kid, why, sizeof why), -1);
    CHECK(strstr(why, "merkle_root") != NULL);

    T_ROW(15, "a wrong stream_count");
    CHECK_INT(audit_checkpoint_check(k, heads, 5, 6, roots[5].root, sig, kid, why, sizeof why), -1);

    T_ROW(16, "the public key as PEM");
    char *pem = audit_public_pem(k);
    CHECK(pem && strstr(pem, "BEGIN PUBLIC KEY"));
    free(pem);
    EVP_PKEY_free(k);
    EVP_PKEY_free(other);
    T_DONE();
}
