/*
 * evaluate: see evaluate.h.
 */
#include "facts/evaluate.h"
#include "facts/verdict_json.h"
#include "rules/ladder.h"
#include "rules/module.h"
#include "core/xalloc.h"

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

json_t *
facts_evaluate(const rules_edition_set *set, const rules_facts *facts, const char *module,
               rules_date as_of, const char *region, facts_eval_note_fn note, void *note_arg,
               int *error, char *err, size_t errlen)
{
    bool all = strcmp(module, "all") == 0;
    const rules_module *m = all ? NULL : rules_module_find(module);
    *error = FACTS_EVAL_OK;
    if (!all && !m) {
        *error = FACTS_EVAL_UNKNOWN_MODULE;
        snprintf(err, errlen, "module %s is unknown", module);
        return NULL;
    }
    if (!region || !*region)
        region = rules_firm_has(&facts->firm, RULES_FF_REGION_CODE) ? facts->firm.region_code : "";
    rules_ctx ctx = {as_of, region};
    char d[11];
    json_t *out = NULL;
    if (!all) {
        rules_verdict *v = xcalloc(1, sizeof *v);
        if (rules_evaluate(m, set, facts, &ctx, v) == 0) {
            out = facts_verdict_to_json(v);
        } else {
            *error = FACTS_EVAL_NO_EDITION;
            snprintf(err, errlen, "no edition of %s in force on %s for region \"%s\"", m->id,
                     rules_date_format(as_of, d, sizeof d), region);
        }
        free(v);
        return out;
    }
    int cap = rules_module_count();
    rules_verdict *vs = xcalloc((size_t)(cap > 0 ? cap : 1), sizeof *vs);
    int n = 0;
    for (int i = 0; i < cap; i++) {
        const rules_module *mi = rules_module_at(i);
        if (rules_evaluate(mi, set, facts, &ctx, &vs[n]) == 0) {
            n++;
        } else if (note) {
            char msg[160];
            snprintf(msg, sizeof msg, "no edition of %s in force on %s; omitted", mi->id,
                     rules_date_format(as_of, d, sizeof d));
            note(msg, note_arg);
        }
    }
    out = facts_all_to_json(vs, n, rules_stage_on(facts, as_of));
    free(vs);
    return out;
}
