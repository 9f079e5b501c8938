/*
 * facts: wire-name tables and lookups for facts.h. Pure: libc only.
 */
#include "rules/facts.h"

#include <string.h>

const char *const rules_ip_class_names[] = {"", "I", "II", NULL};
const char *const rules_recognition_kind_names[] = {"",
#define X(e, s, stage) s,
                                                    RULES_RECOGNITION_KINDS(X)
#undef X
                                                        NULL};
const char *const rules_award_level_names[] = {"", "national", "provincial", NULL};
const char *const rules_inst_level_names[] = {"",     "national",   "provincial",
                                              "city", "below_city", NULL};
const char *const rules_std_level_names[] = {"",      "international", "national", "industry",
                                             "local", "group",         NULL};
const char *const rules_std_role_names[] = {"", "lead", "participant", NULL};
const char *const rules_compliance_kind_names[] = {"",
                                                   "major_safety",
                                                   "major_quality",
                                                   "serious_environmental",
                                                   "research_dishonesty",
                                                   "abnormal_list",
                                                   "serious_dishonesty_list",
                                                   NULL};
const char *const rules_incubation_domain_names[] = {"",   "biomed", "agriculture",
                                                     "ic", "other",  NULL};
const char *const rules_share_scope_names[] = {"", "domestic", "international", NULL};

const char *const rules_year_field_names[RULES_YF__COUNT] = {
#define X(e, s, k) s,
    RULES_YEAR_FIELDS(X)
#undef X
};

const rules_field_kind rules_year_field_kinds[RULES_YF__COUNT] = {
#define X(e, s, k) RULES_FK_##k,
    RULES_YEAR_FIELDS(X)
#undef X
};

const char *const rules_firm_field_names[RULES_FF__COUNT] = {
    "uscc",          "established_on",      "region_code",     "resident_enterprise",
    "industry_code", "restricted_industry", "sei_field",       "hnte_domain",
    "niche_since",   "market_share",        "own_brand",       "digital_level",
    "quality",       "key_chain_link",      "six_foundations",
};

int
rules_enum_find(const char *const *names, const char *s)
{
    for (int i = 1; names[i]; i++)
        if (strcmp(names[i], s) == 0)
            return i;
    return -1;
}

const rules_year *(rules_facts_year)(const rules_facts *f, int year)
{
    for (int i = 0; i < f->n_years; i++)
        if (f->years[i].year == year)
            return &f->years[i];
    return NULL;
}

const rules_expert_score *
rules_facts_expert(const rules_facts *f, const char *module, const char *crit)
{
    if (f->n_expert == 0)
        return NULL;
    size_t ml = strlen(module), cl = strlen(crit);
    if (ml + 1 + cl >= sizeof f->expert[0].key) /* snprintf would have truncated */
        return NULL;
    for (int i = 0; i < f->n_expert; i++) {
        const char *k = f->expert[i].key;
        /* first bytes and the dot before any call: most keys are other
         * modules' or other criteria's */
        if (k[0] != module[0] || k[ml] != '.' || k[ml + 1] != crit[0])
            continue;
        if (memcmp(k, module, ml) == 0 && strcmp(k + ml + 1, crit) == 0)
            return &f->expert[i];
    }
    return NULL;
}
