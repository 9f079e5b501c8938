/*
 * verdict_digest: a fingerprint of every explained verdict the engine gives
 * over generated firms, so a refactoring of lib/rules can show its verdicts
 * are byte-identical before and after (issue 8 item 13).
 *
 *   verdict_digest [--firms N] [--seed S]
 *
 * For firm i of the deterministic stream (tests/support/firmgen.h, the
 * generator of the property tests and bench/rules) and every registered
 * module, the explained verdict (rules_evaluate) is rendered as the JSON the
 * API stores (facts_verdict_to_json, keys in POLICY.md §7 order, compact)
 * and fed to SHA-256 per module. Prints one line per module,
 * "<module> <verdicts> <sha256>", then "all <verdicts> <sha256 of the lines>".
 * The test rules_verdict_digest compares 20,000 firms with
 * tests/rules/verdict_digest.expected; `bench/rules/digest` runs a million.
 * When a change is meant to alter verdicts, regenerate the file and say why
 * in the commit.
 */
#include <inttypes.h>
#include <jansson.h>
#include <openssl/evp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "firmgen.h"
#include "rules/module.h"

#define DIGEST_MAX_MODULES 32

static void
hex(const unsigned char *d, unsigned n, char *out)
{
    for (unsigned i = 0; i < n; i++)
        sprintf(out + 2 * i, "%02x", d[i]);
}

int
main(int argc, char **argv)
{
    long firms = 20000;
    uint64_t seed = 0x7665726469637473ull; /* "verdicts" */
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--firms") && i + 1 < argc)
            firms = strtol(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--seed") && i + 1 < argc)
            seed = strtoull(argv[++i], NULL, 0);
        else {
            fputs("usage: verdict_digest [--firms N] [--seed S]\n", stderr);
            return 2;
        }
    }
    static rules_edition_set set;
    char err[512];
    if (facts_editions_load_dir(facts_editions_default_dir(), &set, err, sizeof err) != 0) {
        fprintf(stderr, "editions: %s\n", err);
        return 1;
    }
    int nm = rules_module_count();
    if (nm > DIGEST_MAX_MODULES)
        return 1;
    EVP_MD_CTX *md[DIGEST_MAX_MODULES];
    long count[DIGEST_MAX_MODULES] = {0};
    for (int m = 0; m < nm; m++) {
        md[m] = EVP_MD_CTX_new();
        EVP_DigestInit_ex(md[m], EVP_sha256(), NULL);
    }
    static rules_facts f;
    static rules_verdict v;
    for (long i = 0; i < firms; i++) {
        firmgen_case c;
        firmgen_firm(firmgen_firm_seed(seed, (uint64_t)i), 20, &f, &c);
        rules_ctx ctx = {c.as_of, c.region};
        for (int m = 0; m < nm; m++) {
            memset(&v, 0, sizeof v);
            if (rules_evaluate(rules_module_at(m), &set, &f, &ctx, &v) != 0) {
                EVP_DigestUpdate(md[m], "no-edition\n", 11);
                continue;
            }
            json_t *j = facts_verdict_to_json(&v);
            char *s = json_dumps(j, JSON_COMPACT | JSON_PRESERVE_ORDER);
            EVP_DigestUpdate(md[m], s, strlen(s));
            EVP_DigestUpdate(md[m], "\n", 1);
            free(s);
            json_decref(j);
            count[m]++;
        }
    }
    EVP_MD_CTX *all = EVP_MD_CTX_new();
    EVP_DigestInit_ex(all, EVP_sha256(), NULL);
    long total = 0;
    for (int m = 0; m < nm; m++) {
        unsigned char d[EVP_MAX_MD_SIZE];
        unsigned n = 0;
        char h[2 * EVP_MAX_MD_SIZE + 1], line[256];
        EVP_DigestFinal_ex(md[m], d, &n);
        EVP_MD_CTX_free(md[m]);
        hex(d, n, h);
        int len = snprintf(line, sizeof line, "%s %ld %s\n", rules_module_at(m)->id, count[m], h);
        fputs(line, stdout);
        EVP_DigestUpdate(all, line, (size_t)len);
        total += count[m];
    }
    unsigned char d[EVP_MAX_MD_SIZE];
    unsigned n = 0;
    char h[2 * EVP_MAX_MD_SIZE + 1];
    EVP_DigestFinal_ex(all, d, &n);
    EVP_MD_CTX_free(all);
    hex(d, n, h);
    printf("all %ld %s\n", total, h);
    return 0;
}
