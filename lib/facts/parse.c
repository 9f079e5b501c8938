/*
 * parse: facts JSON → rules_facts; see parse.h.
 *
 * Objects are read through field tables (name, type, offset, required,
 * nullable), so every object rejects unknown keys the same way and every
 * error carries its full path. Consistency checks run after the whole
 * document is read.
 */
#include "facts/parse.h"

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "rules/uscc.h"

typedef struct pctx {
    char *err;
    size_t errlen;
} pctx;

static int __attribute__((format(printf, 3, 4)))
fail(pctx *c, const char *path, const char *fmt, ...)
{
    int n = snprintf(c->err, c->errlen, "%s: ", path);
    if (n < 0 || (size_t)n >= c->errlen)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c->err + n, c->errlen - (size_t)n, fmt, ap);
    va_end(ap);
    return -1;
}

typedef enum ftype {
    F_BOOL,  /* bool */
    F_INT,   /* int, within [lo, hi] */
    F_I64,   /* int64_t (money fen), within [lo, hi] */
    F_DATE,  /* rules_date */
    F_STR,   /* char[size] */
    F_ENUM,  /* int-sized enum, names table */
    F_CUSTOM /* parsed by a callback */
} ftype;

struct field;
typedef int (*custom_fn)(pctx *c, const char *path, const json_t *v, void *base);

typedef struct field {
    const char *name;
    ftype type;
    size_t off;
    bool required;
    bool nullable;
    int64_t lo, hi;           /* F_INT, F_I64 */
    size_t size;              /* F_STR capacity including NUL */
    const char *const *names; /* F_ENUM */
    custom_fn fn;             /* F_CUSTOM */
} field;

#define FB(s, n, m, req)                                                                           \
    {                                                                                              \
        n, F_BOOL, offsetof(s, m), req, false, 0, 0, 0, NULL, NULL                                 \
    }
#define FI(s, n, m, req, lo, hi)                                                                   \
    {                                                                                              \
        n, F_INT, offsetof(s, m), req, false, lo, hi, 0, NULL, NULL                                \
    }
#define FI64(s, n, m, req, lo, hi)                                                                 \
    {                                                                                              \
        n, F_I64, offsetof(s, m), req, false, lo, hi, 0, NULL, NULL                                \
    }
#define FD(s, n, m, req, nul)                                                                      \
    {                                                                                              \
        n, F_DATE, offsetof(s, m), req, nul, 0, 0, 0, NULL, NULL                                   \
    }
#define FS(s, n, m, req, nul)                                                                      \
    {                                                                                              \
        n, F_STR, offsetof(s, m), req, nul, 0, 0, sizeof(((s *)0)->m), NULL, NULL                  \
    }
#define FE(s, n, m, req, tab)                                                                      \
    {                                                                                              \
        n, F_ENUM, offsetof(s, m), req, false, 0, 0, 0, tab, NULL                                  \
    }
#define FC(n, req, nul, fn)                                                                        \
    {                                                                                              \
        n, F_CUSTOM, 0, req, nul, 0, 0, 0, NULL, fn                                                \
    }

#define MONEY_MAX INT64_MAX

static void
join(char *out, size_t size, const char *path, const char *key)
{
    if (path[0])
        snprintf(out, size, "%s.%s", path, key);
    else
        snprintf(out, size, "%s", key);
}

static int
get_int64(pctx *c, const char *path, const json_t *v, int64_t lo, int64_t hi, int64_t *out)
{
    if (!json_is_integer(v))
        return fail(c, path,
                    json_is_real(v) ? "must be an integer, not a real number"
                                    : "must be an integer");
    json_int_t x = json_integer_value(v);
    if (x < lo || x > hi)
        return fail(c, path, "out of range [%lld, %lld]", (long long)lo, (long long)hi);
    *out = (int64_t)x;
    return 0;
}

static int
get_date(pctx *c, const char *path, const json_t *v, rules_date *out)
{
    if (!json_is_string(v) ||
        rules_date_parse(json_string_value(v), json_string_length(v), out) != 0)
        return fail(c, path, "must be a date YYYY-MM-DD");
    return 0;
}

/*
 * Read object v at path through fields[0..n) into base. Bit i of *has is set
 * for each present field i, of *nulls for each present-and-null one (either
 * may be NULL). Absent or null dates are set to RULES_DATE_NONE.
 */
static int
parse_object(pctx *c, const char *path, const json_t *v, const field *fields, int n, void *base,
             uint32_t *has, uint32_t *nulls)
{
    char p[160];
    if (!json_is_object(v))
        return fail(c, path[0] ? path : "(document)", "must be an object");
    const char *key;
    const json_t *val;
    json_object_foreach((json_t *)v, key, val)
    {
        int i = 0;
        while (i < n && strcmp(fields[i].name, key) != 0)
            i++;
        if (i == n) {
            join(p, sizeof p, path, key);
            return fail(c, p, "unknown field");
        }
    }
    for (int i = 0; i < n; i++) {
        const field *f = &fields[i];
        char *dst = (char *)base + f->off;
        join(p, sizeof p, path, f->name);
        val = json_object_get(v, f->name);
        if (f->type == F_DATE)
            *(rules_date *)dst = RULES_DATE_NONE;
        if (!val) {
            if (f->required)
                return fail(c, p, "required");
            continue;
        }
        if (has)
            *has |= 1u << i;
        if (json_is_null(val)) {
            if (!f->nullable)
                return fail(c, p, "must not be null");
            if (nulls)
                *nulls |= 1u << i;
            continue;
        }
        int64_t x = 0; /* set by get_int64 on success; GCC -O3 cannot see it */
        switch (f->type) {
        case F_BOOL:
            if (!json_is_boolean(val))
                return fail(c, p, "must be true or false");
            *(bool *)dst = json_is_true(val);
            break;
        case F_INT:
            if (get_int64(c, p, val, f->lo, f->hi, &x) != 0)
                return -1;
            *(int *)dst = (int)x;
            break;
        case F_I64:
            if (get_int64(c, p, val, f->lo, f->hi, &x) != 0)
                return -1;
            *(int64_t *)dst = x;
            break;
        case F_DATE:
            if (get_date(c, p, val, (rules_date *)dst) != 0)
                return -1;
            break;
        case F_STR:
            if (!json_is_string(val))
                return fail(c, p, "must be a string");
            if (json_string_length(val) == 0)
                return fail(c, p, "must not be empty");
            if (json_string_length(val) >= f->size ||
                strlen(json_string_value(val)) != json_string_length(val))
                return fail(c, p, "longer than %zu bytes", f->size - 1);
            memcpy(dst, json_string_value(val), json_string_length(val) + 1);
            break;
        case F_ENUM: {
            int k = json_is_string(val) ? rules_enum_find(f->names, json_string_value(val)) : -1;
            if (k < 0) {
                char list[160] = "";
                for (int j = 1; f->names[j]; j++) {
                    strncat(list, j > 1 ? ", " : "", sizeof list - strlen(list) - 1);
                    strncat(list, f->names[j], sizeof list - strlen(list) - 1);
                }
                return fail(c, p, "must be one of %s", list);
            }
            *(int *)dst = k;
            break;
        }
        case F_CUSTOM:
            if (f->fn(c, p, val, base) != 0)
                return -1;
            break;
        }
    }
    return 0;
}

/* Parse array v at path: up to cap items of elem_size each via fields. */
static int
parse_array(pctx *c, const char *path, const json_t *v, const field *fields, int nf, void *items,
            size_t elem_size, int cap, int *count, size_t has_off)
{
    if (!json_is_array(v))
        return fail(c, path, "must be an array");
    if (json_array_size(v) > (size_t)cap)
        return fail(c, path, "more than %d items", cap);
    *count = 0;
    size_t i;
    const json_t *it;
    json_array_foreach((json_t *)v, i, it)
    {
        char p[96];
        snprintf(p, sizeof p, "%s[%zu]", path, i);
        char *dst = (char *)items + i * elem_size;
        memset(dst, 0, elem_size);
        uint32_t has = 0;
        if (parse_object(c, p, it, fields, nf, dst, &has, NULL) != 0)
            return -1;
        if (has_off != (size_t)-1)
            *(uint32_t *)(dst + has_off) = has;
        (*count)++;
    }
    return 0;
}

/* ---- firm ---- */

static int
custom_uscc(pctx *c, const char *path, const json_t *v, void *base)
{
    rules_firm *fm = base;
    if (!json_is_string(v))
        return fail(c, path, "must be a string");
    const char *s = json_string_value(v);
    size_t n = json_string_length(v);
    char expected;
    rules_uscc_status st = rules_uscc_check(s, n, &expected);
    if (st == RULES_USCC_BAD_FORMAT)
        return fail(c, path,
                    "not a valid 统一社会信用代码 (18 characters of 0-9 and A-Y without I, O, "
                    "S, V, Z; positions 3-8 digits)");
    memcpy(fm->uscc, s, 18);
    fm->uscc[18] = '\0';
    fm->uscc_check_mismatch = st == RULES_USCC_CHECK_MISMATCH;
    return 0;
}

static int
custom_region(pctx *c, const char *path, const json_t *v, void *base)
{
    rules_firm *fm = base;
    const char *s = json_is_string(v) ? json_string_value(v) : NULL;
    if (!s || json_string_length(v) != 6 || strspn(s, "0123456789") != 6)
        return fail(c, path, "must be a 6-digit 行政区划代码");
    memcpy(fm->region_code, s, 7);
    return 0;
}

static int
custom_share(pctx *c, const char *path, const json_t *v, void *base)
{
    rules_firm *fm = base;
    struct share {
        int64_t num, den;
        int scope;
    } sh = {0, 0, 0};
    static const field fs[] = {
        FI64(struct share, "num", num, true, 0, MONEY_MAX),
        FI64(struct share, "den", den, true, 1, MONEY_MAX),
        FE(struct share, "scope", scope, true, rules_share_scope_names),
    };
    if (parse_object(c, path, v, fs, 3, &sh, NULL, NULL) != 0)
        return -1;
    if (sh.num > sh.den)
        return fail(c, path, "num greater than den");
    fm->market_share = rules_ratio_make(sh.num, sh.den);
    fm->market_share_scope = (rules_share_scope)sh.scope;
    return 0;
}

static int
custom_quality(pctx *c, const char *path, const json_t *v, void *base)
{
    rules_firm *fm = base;
    typedef struct q {
        bool provincial_award, iso9001, standards;
    } q;
    static const field fs[] = {
        FB(q, "provincial_award", provincial_award, true),
        FB(q, "iso9001", iso9001, true),
        FB(q, "standards", standards, true),
    };
    q x = {false, false, false};
    if (parse_object(c, path, v, fs, 3, &x, NULL, NULL) != 0)
        return -1;
    fm->quality.provincial_award = x.provincial_award;
    fm->quality.iso9001 = x.iso9001;
    fm->quality.standards = x.standards;
    return 0;
}

/* Order must match rules_firm_field (bit i = field i). */
static const field firm_fields[RULES_FF__COUNT] = {
    FC("uscc", false, false, custom_uscc),
    FD(rules_firm, "established_on", established_on, false, false),
    FC("region_code", false, false, custom_region),
    FB(rules_firm, "resident_enterprise", resident_enterprise, false),
    FS(rules_firm, "industry_code", industry_code, false, false),
    FB(rules_firm, "restricted_industry", restricted_industry, false),
    {"sei_field", F_INT, offsetof(rules_firm, sei_field), false, true, 1, 9, 0, NULL, NULL},
    FS(rules_firm, "hnte_domain", hnte_domain, false, true),
    FD(rules_firm, "niche_since", niche_since, false, true),
    FC("market_share", false, true, custom_share),
    FB(rules_firm, "own_brand", own_brand, false),
    FI(rules_firm, "digital_level", digital_level, false, 0, 3),
    FC("quality", false, false, custom_quality),
    FB(rules_firm, "key_chain_link", key_chain_link, false),
    FB(rules_firm, "six_foundations", six_foundations, false),
};

/* ---- arrays ---- */

/* Order must match RULES_IPF_* (bit i = field i). */
static const field ip_fields[] = {
    FE(rules_ip, "class", cls, true, rules_ip_class_names),
    FS(rules_ip, "kind", kind, false, false),
    FD(rules_ip, "granted_on", granted_on, false, false),
    FD(rules_ip, "expires_on", expires_on, false, true),
    FB(rules_ip, "self_developed", self_developed, false),
    FB(rules_ip, "high_value", high_value, false),
    FB(rules_ip, "disputed", disputed, false),
    FB(rules_ip, "main_product", main_product, false),
    FB(rules_ip, "in_use_with_benefit", in_use_with_benefit, false),
    FB(rules_ip, "used_for_hnte", used_for_hnte, false),
};

static const field recognition_fields[] = {
    FE(rules_recognition, "kind", kind, true, rules_recognition_kind_names),
    FD(rules_recognition, "issued_on", issued_on, true, false),
    FD(rules_recognition, "expires_on", expires_on, false, true),
    FS(rules_recognition, "number", number, false, true),
};

static const field award_fields[] = {
    FE(rules_award, "level", level, true, rules_award_level_names),
    FI(rules_award, "year", year, true, RULES_DATE_MIN_YEAR, RULES_DATE_MAX_YEAR),
    FI(rules_award, "rank", rank, true, 1, 1000),
};

static const field institution_fields[] = {
    FE(rules_institution, "level", level, true, rules_inst_level_names),
    FD(rules_institution, "since", since, true, false),
};

static const field standard_fields[] = {
    FE(rules_standard, "level", level, true, rules_std_level_names),
    FE(rules_standard, "role", role, true, rules_std_role_names),
    FI(rules_standard, "year", year, true, RULES_DATE_MIN_YEAR, RULES_DATE_MAX_YEAR),
};

static const field equity_fields[] = {
    FD(rules_equity_round, "date", date, true, false),
    FB(rules_equity_round, "qualified_investor", qualified_investor, true),
    FI64(rules_equity_round, "paid_in_fen", paid_in_fen, true, 0, MONEY_MAX),
};

static const field compliance_fields[] = {
    FE(rules_compliance_event, "kind", kind, true, rules_compliance_kind_names),
    FD(rules_compliance_event, "on", on, true, false),
    FD(rules_compliance_event, "cleared_on", cleared_on, false, true),
};

static const field incubation_fields[] = {
    FD(rules_incubation, "entry_on", entry_on, true, false),
    FE(rules_incubation, "domain", domain, true, rules_incubation_domain_names),
    FD(rules_incubation, "exit_on", exit_on, false, true),
};

static const field conversion_fields[] = {
    FI(rules_conversion, "year", year, true, RULES_DATE_MIN_YEAR, RULES_DATE_MAX_YEAR),
    FS(rules_conversion, "form", form, true, false),
};

static const field contest_fields[] = {
    FI(rules_contest, "year", year, true, RULES_DATE_MIN_YEAR, RULES_DATE_MAX_YEAR),
    FI(rules_contest, "rank", rank, true, 1, 100000),
};

static const field platform_fields[] = {
    FI(rules_platform_score, "year", year, true, RULES_DATE_MIN_YEAR, RULES_DATE_MAX_YEAR),
    FI(rules_platform_score, "score", score, true, 0, 1000),
};

static const field expert_fields[] = {
    FI(rules_expert_score, "score", score, true, -1000, 1000),
    FS(rules_expert_score, "by", by, true, false),
};

#define NF(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define ARR(path, json, fields, arr, cap, count, has_off)                                          \
    parse_array(c, path, json, fields, NF(fields), arr, sizeof((arr)[0]), cap, count, has_off)

/* ---- years ---- */

static int
parse_years(pctx *c, const json_t *v, rules_facts *f)
{
    if (!json_is_object(v))
        return fail(c, "years", "must be an object keyed by YYYY");
    if (json_object_size(v) > RULES_MAX_YEARS)
        return fail(c, "years", "more than %d years", RULES_MAX_YEARS);
    const char *key;
    const json_t *yv;
    json_object_foreach((json_t *)v, key, yv)
    {
        char p[96];
        snprintf(p, sizeof p, "years.%s", key);
        int year = 0;
        if (strlen(key) != 4 || strspn(key, "0123456789") != 4 ||
            (year = (key[0] - '0') * 1000 + (key[1] - '0') * 100 + (key[2] - '0') * 10 +
                    (key[3] - '0')) < RULES_DATE_MIN_YEAR ||
            year > RULES_DATE_MAX_YEAR)
            return fail(c, p, "key must be a year YYYY");
        if (!json_is_object(yv))
            return fail(c, p, "must be an object");
        rules_year y;
        memset(&y, 0, sizeof y);
        y.year = year;
        const char *fk;
        const json_t *fv;
        json_object_foreach((json_t *)yv, fk, fv)
        {
            char fp[128];
            snprintf(fp, sizeof fp, "%s.%s", p, fk);
            int i = 0;
            while (i < RULES_YF__COUNT && strcmp(rules_year_field_names[i], fk) != 0)
                i++;
            if (i == RULES_YF__COUNT)
                return fail(c, fp, "unknown field");
            if (json_is_null(fv))
                return fail(c, fp, "must not be null (omit a fact that is not known)");
            switch (rules_year_field_kinds[i]) {
            case RULES_FK_BOOL:
                if (!json_is_boolean(fv))
                    return fail(c, fp, "must be true or false");
                y.v[i] = json_is_true(fv);
                break;
            case RULES_FK_COUNT:
                if (get_int64(c, fp, fv, 0, 100000000, &y.v[i]) != 0)
                    return -1;
                break;
            case RULES_FK_FEN:
                if (get_int64(c, fp, fv, 0, MONEY_MAX, &y.v[i]) != 0)
                    return -1;
                break;
            case RULES_FK_FEN_SIGNED:
                if (get_int64(c, fp, fv, INT64_MIN + 1, MONEY_MAX, &y.v[i]) != 0)
                    return -1;
                break;
            }
            y.has |= 1u << i;
        }
        /* insert sorted */
        int at = f->n_years;
        while (at > 0 && f->years[at - 1].year > year) {
            f->years[at] = f->years[at - 1];
            at--;
        }
        f->years[at] = y;
        f->n_years++;
    }
    return 0;
}

static int
parse_expert(pctx *c, const json_t *v, rules_facts *f)
{
    if (!json_is_object(v))
        return fail(c, "expert_scores", "must be an object or null");
    if (json_object_size(v) > RULES_MAX_EXPERT)
        return fail(c, "expert_scores", "more than %d items", RULES_MAX_EXPERT);
    const char *key;
    const json_t *ev;
    json_object_foreach((json_t *)v, key, ev)
    {
        char p[128];
        snprintf(p, sizeof p, "expert_scores.%s", key);
        rules_expert_score *x = &f->expert[f->n_expert];
        memset(x, 0, sizeof *x);
        size_t kl = strlen(key);
        if (kl == 0 || kl >= sizeof x->key || !strchr(key, '.'))
            return fail(c, p, "key must be \"<module>.<criterion>\" (under 64 bytes)");
        memcpy(x->key, key, kl + 1);
        if (parse_object(c, p, ev, expert_fields, NF(expert_fields), x, NULL, NULL) != 0)
            return -1;
        f->n_expert++;
    }
    return 0;
}

/* ---- consistency (POLICY.md §3) ---- */

static int
check_le(pctx *c, const rules_year *y, int small, int big)
{
    if (rules_year_has(y, (rules_year_field)small) && rules_year_has(y, (rules_year_field)big) &&
        y->v[small] > y->v[big]) {
        char p[96];
        snprintf(p, sizeof p, "years.%d.%s", y->year, rules_year_field_names[small]);
        return fail(c, p, "greater than %s", rules_year_field_names[big]);
    }
    return 0;
}

static int
check_dates(pctx *c, const char *path, int i, rules_date a, rules_date b, const char *bname,
            const char *aname)
{
    if (a != RULES_DATE_NONE && b != RULES_DATE_NONE && b < a) {
        char p[96];
        snprintf(p, sizeof p, "%s[%d].%s", path, i, bname);
        return fail(c, p, "before %s", aname);
    }
    return 0;
}

static int
check_consistency(pctx *c, const rules_facts *f)
{
    static const int le[][2] = {
        {RULES_YF_TECH_STAFF, RULES_YF_EMPLOYEES},
        {RULES_YF_RD_STAFF, RULES_YF_EMPLOYEES},
        {RULES_YF_RD_DOMESTIC, RULES_YF_RD_EXPENSE},
        {RULES_YF_MAIN_REVENUE, RULES_YF_OPERATING_REVENUE},
        {RULES_YF_HIGHTECH_REVENUE, RULES_YF_TOTAL_INCOME},
    };
    for (int i = 0; i < f->n_years; i++)
        for (size_t k = 0; k < sizeof le / sizeof le[0]; k++)
            if (check_le(c, &f->years[i], le[k][0], le[k][1]) != 0)
                return -1;
    for (int i = 0; i < f->n_ip; i++)
        if (check_dates(c, "ip", i, f->ip[i].granted_on, f->ip[i].expires_on, "expires_on",
                        "granted_on") != 0)
            return -1;
    for (int i = 0; i < f->n_recognitions; i++)
        if (check_dates(c, "recognitions", i, f->recognitions[i].issued_on,
                        f->recognitions[i].expires_on, "expires_on", "issued_on") != 0)
            return -1;
    for (int i = 0; i < f->n_compliance; i++)
        if (check_dates(c, "compliance", i, f->compliance[i].on, f->compliance[i].cleared_on,
                        "cleared_on", "on") != 0)
            return -1;
    if ((f->has & RULES_TF_INCUBATION) && !(f->nulls & RULES_TF_INCUBATION) &&
        f->incubation.exit_on != RULES_DATE_NONE && f->incubation.exit_on < f->incubation.entry_on)
        return fail(c, "incubation.exit_on", "before entry_on");
    return 0;
}

/* ---- document ---- */

static int
parse_incubation(pctx *c, const char *path, const json_t *v, void *base)
{
    rules_facts *f = base;
    return parse_object(c, path, v, incubation_fields, NF(incubation_fields), &f->incubation, NULL,
                        NULL);
}

static int
parse_document(pctx *c, const json_t *root, rules_facts *f)
{
    static const char *const top[] = {
        "firm",       "years",           "ip",          "recognitions",
        "awards",     "rd_institutions", "standards",   "equity_rounds",
        "compliance", "incubation",      "conversions", "expert_scores",
        "contests",   "platform_scores", NULL,
    };
    if (!json_is_object(root))
        return fail(c, "(document)", "must be a JSON object");
    const char *key;
    const json_t *v;
    json_object_foreach((json_t *)root, key, v)
    {
        int i = 0;
        while (top[i] && strcmp(top[i], key) != 0)
            i++;
        if (!top[i])
            return fail(c, key, "unknown field");
    }
    if ((v = json_object_get(root, "firm")) &&
        parse_object(c, "firm", v, firm_fields, RULES_FF__COUNT, &f->firm, &f->firm.has,
                     &f->firm.nulls) != 0)
        return -1;
    if (!json_object_get(root, "firm")) {
        f->firm.established_on = RULES_DATE_NONE;
        f->firm.niche_since = RULES_DATE_NONE;
    }
    if ((v = json_object_get(root, "years")) && parse_years(c, v, f) != 0)
        return -1;
    if ((v = json_object_get(root, "ip")) &&
        ARR("ip", v, ip_fields, f->ip, RULES_MAX_IP, &f->n_ip, offsetof(rules_ip, has)) != 0)
        return -1;
    if ((v = json_object_get(root, "recognitions")) &&
        ARR("recognitions", v, recognition_fields, f->recognitions, RULES_MAX_RECOGNITIONS,
            &f->n_recognitions, (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "awards")) &&
        ARR("awards", v, award_fields, f->awards, RULES_MAX_AWARDS, &f->n_awards, (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "rd_institutions")) &&
        ARR("rd_institutions", v, institution_fields, f->institutions, RULES_MAX_INSTITUTIONS,
            &f->n_institutions, (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "standards")) &&
        ARR("standards", v, standard_fields, f->standards, RULES_MAX_STANDARDS, &f->n_standards,
            (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "equity_rounds")) &&
        ARR("equity_rounds", v, equity_fields, f->equity, RULES_MAX_EQUITY, &f->n_equity,
            (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "compliance")) &&
        ARR("compliance", v, compliance_fields, f->compliance, RULES_MAX_COMPLIANCE,
            &f->n_compliance, (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "incubation"))) {
        f->has |= RULES_TF_INCUBATION;
        if (json_is_null(v))
            f->nulls |= RULES_TF_INCUBATION;
        else if (parse_incubation(c, "incubation", v, f) != 0)
            return -1;
    }
    if ((v = json_object_get(root, "conversions")) &&
        ARR("conversions", v, conversion_fields, f->conversions, RULES_MAX_CONVERSIONS,
            &f->n_conversions, (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "expert_scores"))) {
        f->has |= RULES_TF_EXPERT_SCORES;
        if (json_is_null(v))
            f->nulls |= RULES_TF_EXPERT_SCORES;
        else if (parse_expert(c, v, f) != 0)
            return -1;
    }
    if ((v = json_object_get(root, "contests")) &&
        ARR("contests", v, contest_fields, f->contests, RULES_MAX_CONTESTS, &f->n_contests,
            (size_t)-1) != 0)
        return -1;
    if ((v = json_object_get(root, "platform_scores")) &&
        ARR("platform_scores", v, platform_fields, f->platform, RULES_MAX_PLATFORM, &f->n_platform,
            (size_t)-1) != 0)
        return -1;
    return check_consistency(c, f);
}

int
facts_parse_json(const json_t *root, rules_facts *out, char *err, size_t errlen)
{
    pctx c = {err, errlen};
    memset(out, 0, sizeof *out);
    out->incubation.entry_on = out->incubation.exit_on = RULES_DATE_NONE;
    return parse_document(&c, root, out);
}

int
facts_parse_text(const char *text, size_t len, rules_facts *out, char *err, size_t errlen)
{
    json_error_t je;
    json_t *root = json_loadb(text, len, JSON_REJECT_DUPLICATES, &je);
    if (!root) {
        snprintf(err, errlen, "(document): invalid JSON at line %d column %d: %s", je.line,
                 je.column, je.text);
        return -1;
    }
    int rc = facts_parse_json(root, out, err, errlen);
    json_decref(root);
    return rc;
}
