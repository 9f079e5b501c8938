/*
 * fuzz_facts: libFuzzer target over the facts parser and every registered
 * rule module (issue 3 item 10).
 *
 * Input bytes → facts_parse_text. A document that parses is evaluated by
 * every registered module on a few evaluation dates (ordinary ones and the
 * edition switch 2026-03-31 / 2026-04-01) and regions (the firm's own, the
 * national editions only, and two local prefixes); each verdict is turned
 * into JSON, parsed back, turned into JSON again and compared, and the
 * `--module all` envelope (stage and next step) is built. Everything is
 * freed: ASan/LSan/UBSan report any crash, leak or undefined behaviour.
 *
 * Built by tests/fuzz/build.sh with clang (not part of the meson build);
 * run by tests/fuzz/ci-suite. Editions come from $PEIYU_EDITIONS_DIR, else
 * the source tree's sql/editions compiled in by build.sh.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "facts/editions.h"
#include "facts/parse.h"
#include "facts/verdict_json.h"
#include "rules/ladder.h"
#include "rules/module.h"

#define FUZZ_MAX_MODULES 16

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static rules_edition_set fuzz_set;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char err[512];
    if (facts_editions_load_dir(facts_editions_default_dir(), &fuzz_set, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_facts: editions: %s\n", err);
        abort();
    }
    if (rules_module_count() > FUZZ_MAX_MODULES) {
        fprintf(stderr, "fuzz_facts: more than %d modules\n", FUZZ_MAX_MODULES);
        abort();
    }
    return 0;
}

/* verdict → JSON → verdict → JSON must be the identity; abort otherwise so
 * libFuzzer keeps the input. */
static void
roundtrip(const rules_verdict *v)
{
    static rules_verdict back;
    char err[256];
    json_t *a = facts_verdict_to_json(v);
    if (!a)
        abort();
    if (facts_verdict_from_json(a, &back, err, sizeof err) != 0) {
        fprintf(stderr, "fuzz_facts: %s: verdict does not parse back: %s\n", v->module->id, err);
        abort();
    }
    json_t *b = facts_verdict_to_json(&back);
    char *sa = json_dumps(a, JSON_COMPACT), *sb = json_dumps(b, JSON_COMPACT);
    if (!sa || !sb || strcmp(sa, sb) != 0) {
        fprintf(stderr, "fuzz_facts: %s: JSON round trip differs\n%s\n%s\n", v->module->id,
                sa ? sa : "(null)", sb ? sb : "(null)");
        abort();
    }
    free(sa);
    free(sb);
    json_decref(a);
    json_decref(b);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static rules_facts f;
    static rules_verdict vs[FUZZ_MAX_MODULES];
    char err[256];
    if (facts_parse_text((const char *)data, size, &f, err, sizeof err) != 0)
        return 0;

    static const int dates[][3] = {{2025, 6, 30}, {2026, 3, 31}, {2026, 4, 1}, {2027, 1, 1}};
    const char *regions[] = {f.firm.region_code, "", "440307", "350102"};
    int nm = rules_module_count();
    for (size_t di = 0; di < sizeof dates / sizeof dates[0]; di++) {
        rules_date as_of = rules_date_from_ymd(dates[di][0], dates[di][1], dates[di][2]);
        for (size_t ri = 0; ri < sizeof regions / sizeof regions[0]; ri++) {
            rules_ctx ctx = {as_of, regions[ri]};
            int n = 0;
            for (int mi = 0; mi < nm; mi++) {
                if (rules_evaluate(rules_module_at(mi), &fuzz_set, &f, &ctx, &vs[n]) != 0)
                    continue;
                roundtrip(&vs[n]);
                n++;
            }
            json_t *all = facts_all_to_json(vs, n, rules_stage_on(&f, as_of));
            char *s = json_dumps(all, JSON_COMPACT);
            if (!s)
                abort();
            free(s);
            json_decref(all);
        }
    }
    return 0;
}
