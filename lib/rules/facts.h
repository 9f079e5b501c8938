/*
 * facts: the facts document of POLICY.md §3 as plain C structs.
 *
 * One rules_facts per firm, identical for every module. Fixed capacity, no
 * pointers, so a document can be copied with memcpy and evaluation never
 * allocates. Presence: every struct has a `has` bitmask (bit = field enum);
 * a clear bit means the fact is missing. Nullable facts (sei_field,
 * hnte_domain, niche_since, market_share, incubation, expert_scores) also
 * have a `nulls` bit: present-and-null means "the firm has none", which is a
 * known fact, unlike a missing one. An absent array means an empty list.
 *
 * Filled by lib/facts (from JSON) or, later, from the database. The enum
 * name tables here are the spelling used on the wire. Pure: libc only.
 */
#ifndef PEIYU_RULES_FACTS_H
#define PEIYU_RULES_FACTS_H

#include <stdbool.h>
#include <stdint.h>

#include "rules/date.h"
#include "rules/ratio.h"

/* Capacities (a document over a cap is rejected by the parser). */
#define RULES_MAX_YEARS        8
#define RULES_MAX_IP           64
#define RULES_MAX_RECOGNITIONS 32
#define RULES_MAX_AWARDS       32
#define RULES_MAX_INSTITUTIONS 16
#define RULES_MAX_STANDARDS    32
#define RULES_MAX_EQUITY       32
#define RULES_MAX_COMPLIANCE   32
#define RULES_MAX_CONVERSIONS  32
#define RULES_MAX_EXPERT       16
#define RULES_MAX_CONTESTS     16
#define RULES_MAX_PLATFORM     16
#define RULES_SHORT_STR        32 /* industry_code, hnte_domain, numbers, forms, `by` */

/* ---- enumerations (value 0 is always "unset") ---- */

#define RULES_ENUM_NAMES(name) extern const char *const name[]

typedef enum { RULES_IP_CLASS_NONE, RULES_IP_CLASS_I, RULES_IP_CLASS_II } rules_ip_class;
RULES_ENUM_NAMES(rules_ip_class_names); /* "", "I", "II" */

/*
 * Recognition kinds of POLICY.md §5, each with the ladder stage it puts a
 * firm on: the one list in C. The database mirrors it in the
 * recognition_kind table (migration 0023), which peiyud's readiness check
 * and `peiyuctl migrate` compare with this list. X(ENUM, "name", STAGE).
 */
#define RULES_RECOGNITION_KINDS(X)                                                                 \
    X(INCUBATOR_TENANT, "incubator_tenant", SEED)                                                  \
    X(TECH_SME, "tech_sme", MICRO_GROWTH)                                                          \
    X(INNOVATIVE_SME, "innovative_sme", MICRO_GROWTH)                                              \
    X(HNTE_POOL, "hnte_pool", SMALL_TO_HIGH)                                                       \
    X(HIGH_TECH, "high_tech", SMALL_TO_HIGH)                                                       \
    X(SPECIALIZED_SME, "specialized_sme", HIGH_TO_STRONG)                                          \
    X(LITTLE_GIANT, "little_giant", HIGH_TO_STRONG)                                                \
    X(GAZELLE, "gazelle", HIGH_TO_STRONG)
typedef enum {
    RULES_REC_NONE,
#define X(e, s, stage) RULES_REC_##e,
    RULES_RECOGNITION_KINDS(X)
#undef X
        RULES_REC__COUNT
} rules_recognition_kind;
RULES_ENUM_NAMES(rules_recognition_kind_names);

typedef enum { RULES_AWARD_NONE, RULES_AWARD_NATIONAL, RULES_AWARD_PROVINCIAL } rules_award_level;
RULES_ENUM_NAMES(rules_award_level_names);

typedef enum {
    RULES_INST_NONE,
    RULES_INST_NATIONAL,
    RULES_INST_PROVINCIAL,
    RULES_INST_CITY,
    RULES_INST_BELOW_CITY
} rules_inst_level;
RULES_ENUM_NAMES(rules_inst_level_names);

typedef enum {
    RULES_STD_NONE,
    RULES_STD_INTERNATIONAL,
    RULES_STD_NATIONAL,
    RULES_STD_INDUSTRY,
    RULES_STD_LOCAL,
    RULES_STD_GROUP
} rules_std_level;
RULES_ENUM_NAMES(rules_std_level_names);

typedef enum { RULES_ROLE_NONE, RULES_ROLE_LEAD, RULES_ROLE_PARTICIPANT } rules_std_role;
RULES_ENUM_NAMES(rules_std_role_names);

typedef enum {
    RULES_COMP_NONE,
    RULES_COMP_MAJOR_SAFETY,
    RULES_COMP_MAJOR_QUALITY,
    RULES_COMP_SERIOUS_ENVIRONMENTAL,
    RULES_COMP_RESEARCH_DISHONESTY,
    RULES_COMP_ABNORMAL_LIST,
    RULES_COMP_SERIOUS_DISHONESTY_LIST
} rules_compliance_kind;
RULES_ENUM_NAMES(rules_compliance_kind_names);

typedef enum {
    RULES_DOMAIN_NONE,
    RULES_DOMAIN_BIOMED,
    RULES_DOMAIN_AGRICULTURE,
    RULES_DOMAIN_IC,
    RULES_DOMAIN_OTHER
} rules_incubation_domain;
RULES_ENUM_NAMES(rules_incubation_domain_names);

typedef enum {
    RULES_SCOPE_NONE,
    RULES_SCOPE_DOMESTIC,
    RULES_SCOPE_INTERNATIONAL
} rules_share_scope;
RULES_ENUM_NAMES(rules_share_scope_names);

/* Look up a wire name in one of the tables above: index ≥ 1, or -1. */
int rules_enum_find(const char *const *names, const char *s);

/* ---- fiscal year ---- */

/* X(enum suffix, wire name, kind) with kind COUNT (head count ≥ 0), FEN (≥ 0),
 * FEN_SIGNED (may be negative), BOOL (0/1). */
#define RULES_YEAR_FIELDS(X)                                                                       \
    X(EMPLOYEES, "employees", COUNT)                                                               \
    X(TECH_STAFF, "tech_staff", COUNT)                                                             \
    X(RD_STAFF, "rd_staff", COUNT)                                                                 \
    X(SALES_REVENUE, "sales_revenue_fen", FEN)                                                     \
    X(OPERATING_REVENUE, "operating_revenue_fen", FEN)                                             \
    X(MAIN_REVENUE, "main_revenue_fen", FEN)                                                       \
    X(TOTAL_INCOME, "total_income_fen", FEN)                                                       \
    X(HIGHTECH_REVENUE, "hightech_revenue_fen", FEN)                                               \
    X(COST_EXPENSE, "cost_expense_fen", FEN)                                                       \
    X(RD_EXPENSE, "rd_expense_fen", FEN)                                                           \
    X(RD_DOMESTIC, "rd_domestic_fen", FEN)                                                         \
    X(TOTAL_ASSETS, "total_assets_fen", FEN)                                                       \
    X(TOTAL_LIABILITIES, "total_liabilities_fen", FEN)                                             \
    X(NET_PROFIT, "net_profit_fen", FEN_SIGNED)                                                    \
    X(RD_DEDUCTION_FILED, "rd_deduction_filed", BOOL)

typedef enum {
#define X(e, s, k) RULES_YF_##e,
    RULES_YEAR_FIELDS(X)
#undef X
        RULES_YF__COUNT
} rules_year_field;

typedef enum { RULES_FK_COUNT, RULES_FK_FEN, RULES_FK_FEN_SIGNED, RULES_FK_BOOL } rules_field_kind;

extern const char *const rules_year_field_names[RULES_YF__COUNT];
extern const rules_field_kind rules_year_field_kinds[RULES_YF__COUNT];

typedef struct rules_year {
    int year;
    uint32_t has; /* bit (1u << rules_year_field) */
    int64_t v[RULES_YF__COUNT];
} rules_year;

/* ---- firm ---- */

typedef enum {
    RULES_FF_USCC,
    RULES_FF_ESTABLISHED_ON,
    RULES_FF_REGION_CODE,
    RULES_FF_RESIDENT_ENTERPRISE,
    RULES_FF_INDUSTRY_CODE,
    RULES_FF_RESTRICTED_INDUSTRY,
    RULES_FF_SEI_FIELD,    /* nullable */
    RULES_FF_HNTE_DOMAIN,  /* nullable */
    RULES_FF_NICHE_SINCE,  /* nullable */
    RULES_FF_MARKET_SHARE, /* nullable */
    RULES_FF_OWN_BRAND,
    RULES_FF_DIGITAL_LEVEL,
    RULES_FF_QUALITY,
    RULES_FF_KEY_CHAIN_LINK,
    RULES_FF_SIX_FOUNDATIONS,
    RULES_FF__COUNT
} rules_firm_field;

extern const char *const rules_firm_field_names[RULES_FF__COUNT];

typedef struct rules_firm {
    uint32_t has;   /* bit (1u << rules_firm_field) */
    uint32_t nulls; /* present and JSON null (nullable fields only) */
    char uscc[19];
    bool uscc_check_mismatch; /* format valid, check character wrong: officer flag */
    rules_date established_on;
    char region_code[7];
    bool resident_enterprise;
    char industry_code[RULES_SHORT_STR];
    bool restricted_industry;
    int sei_field; /* 1..9 */
    char hnte_domain[RULES_SHORT_STR];
    rules_date niche_since;
    rules_ratio market_share;
    rules_share_scope market_share_scope;
    bool own_brand;
    int digital_level; /* 0..3 */
    struct {
        bool provincial_award, iso9001, standards;
    } quality; /* all three required when `quality` is present */
    bool key_chain_link;
    bool six_foundations;
} rules_firm;

/* ---- arrays ---- */

enum {
    RULES_IPF_CLASS,
    RULES_IPF_KIND,
    RULES_IPF_GRANTED_ON,
    RULES_IPF_EXPIRES_ON,
    RULES_IPF_SELF_DEVELOPED,
    RULES_IPF_HIGH_VALUE,
    RULES_IPF_DISPUTED,
    RULES_IPF_MAIN_PRODUCT,
    RULES_IPF_IN_USE_WITH_BENEFIT,
    RULES_IPF_USED_FOR_HNTE,
};
typedef struct rules_ip {
    uint32_t has; /* bit (1u << RULES_IPF_*); absent booleans read as false */
    rules_ip_class cls;
    char kind[RULES_SHORT_STR]; /* e.g. invention_patent, utility_model, software_copyright */
    rules_date granted_on, expires_on;
    bool self_developed, high_value, disputed, main_product, in_use_with_benefit, used_for_hnte;
} rules_ip;

typedef struct rules_recognition {
    rules_recognition_kind kind;
    rules_date issued_on;
    rules_date expires_on; /* RULES_DATE_NONE: open-ended */
    char number[RULES_SHORT_STR * 2];
} rules_recognition;

typedef struct rules_award {
    rules_award_level level;
    int year;
    int rank; /* rank among the winning units, 1 = first */
} rules_award;

typedef struct rules_institution {
    rules_inst_level level;
    rules_date since;
} rules_institution;

typedef struct rules_standard {
    rules_std_level level;
    rules_std_role role;
    int year;
} rules_standard;

typedef struct rules_equity_round {
    rules_date date;
    bool qualified_investor;
    int64_t paid_in_fen;
} rules_equity_round;

typedef struct rules_compliance_event {
    rules_compliance_kind kind;
    rules_date on;
    rules_date cleared_on; /* RULES_DATE_NONE: not cleared */
} rules_compliance_event;

typedef struct rules_incubation {
    rules_date entry_on;
    rules_incubation_domain domain;
    rules_date exit_on; /* RULES_DATE_NONE: still in */
} rules_incubation;

typedef struct rules_conversion {
    int year;
    char form[RULES_SHORT_STR];
} rules_conversion;

/* expert_scores: JSON object {"<module>.<criterion>": {"score": int, "by": str}}. */
typedef struct rules_expert_score {
    char key[64];
    int score;
    char by[RULES_SHORT_STR * 2];
} rules_expert_score;

typedef struct rules_contest {
    int year;
    int rank;
} rules_contest;

typedef struct rules_platform_score {
    int year;
    int score;
} rules_platform_score;

/* Top-level presence bits for the two nullable objects. */
enum { RULES_TF_INCUBATION = 1u << 0, RULES_TF_EXPERT_SCORES = 1u << 1 };

typedef struct rules_facts {
    /* Every count and presence word first, in one cache line: most modules
     * test several (mostly empty) arrays, and each count used to sit in its
     * own line before its array. Fields are read by name only; the order is
     * not part of any format. */
    int n_years; /* sorted by year, ascending, unique */
    int n_ip;
    int n_recognitions;
    int n_awards;
    int n_institutions;
    int n_standards;
    int n_equity;
    int n_compliance;
    int n_conversions;
    int n_expert;
    int n_contests;
    int n_platform;
    uint32_t has; /* RULES_TF_*: key present (value may be null) */
    uint32_t nulls;
    rules_firm firm;
    rules_incubation incubation;
    rules_year years[RULES_MAX_YEARS];
    rules_recognition recognitions[RULES_MAX_RECOGNITIONS];
    rules_ip ip[RULES_MAX_IP];
    rules_award awards[RULES_MAX_AWARDS];
    rules_institution institutions[RULES_MAX_INSTITUTIONS];
    rules_standard standards[RULES_MAX_STANDARDS];
    rules_equity_round equity[RULES_MAX_EQUITY];
    rules_compliance_event compliance[RULES_MAX_COMPLIANCE];
    rules_conversion conversions[RULES_MAX_CONVERSIONS];
    rules_expert_score expert[RULES_MAX_EXPERT];
    rules_contest contests[RULES_MAX_CONTESTS];
    rules_platform_score platform[RULES_MAX_PLATFORM];
} rules_facts;

/* The fiscal-year object for `year`, or NULL. */
const rules_year *rules_facts_year(const rules_facts *f, int year);

/* The same, inline: years are sorted ascending and unique, so when they are
 * consecutive (almost always) `year`'s object is at year - years[0].year;
 * otherwise (and for a year that is not there) the function's scan decides,
 * so the answer never depends on the order. */
static inline const rules_year *
rules_facts_year_fast_(const rules_facts *f, int year)
{
    int n = f->n_years;
    if (n == 0)
        return 0;
    unsigned i = (unsigned)(year - f->years[0].year);
    if (i < (unsigned)n && f->years[i].year == year)
        return &f->years[i];
    return (rules_facts_year)(f, year); /* not there, or years not consecutive */
}
#define rules_facts_year(f, year) rules_facts_year_fast_((f), (year))

static inline bool
rules_year_has(const rules_year *y, rules_year_field fld)
{
    return y && (y->has >> fld) & 1u;
}

static inline bool
rules_firm_has(const rules_firm *fm, rules_firm_field fld)
{
    return (fm->has >> fld) & 1u;
}

/* The expert score recorded under "<module>.<crit>", or NULL. Compares in
 * place (no key is formatted): officers' scores are looked up per criterion
 * on every evaluation, and most firms have none. */
const rules_expert_score *rules_facts_expert(const rules_facts *f, const char *module,
                                             const char *crit);

#endif
