/*
 * test_recognition_award: the Fujian 小巨人 award (50万元) and the 福州 1:0.5
 * match (policy-sources.md §5.1 D): region override (3501 over 35), the
 * programme period's first day on both sides, first recognition versus
 * re-recognition, other kinds, a grant after as_of, edition selection,
 * determinism and the verdict JSON round trip.
 *
 * Base firm (福州 鼓楼 350102, as_of 2026-06-30): 小巨人 issued 2023-07-01 →
 * 50万 + 25万 = 75万元.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "facts/verdict_json.h"
#include "rules/module.h"
#include "t.h"
#include "verdict_checks.h"

#define WAN(x) ((int64_t)(x)*1000000)

static rules_date
D(const char *s)
{
    rules_date d = RULES_DATE_NONE;
    if (rules_date_parse(s, strlen(s), &d) != 0)
        abort();
    return d;
}

typedef void (*tweak_fn)(rules_facts *f);

typedef struct row {
    int no;
    const char *name;
    const char *region; /* NULL = 350102 */
    tweak_fn tweak;
    const char *outcome;
    int64_t award;
    const char *edition_id;
    const char *crit;
    int passed;
    int64_t gap;
} row;

static void
rec(rules_facts *f, rules_recognition_kind k, const char *from, const char *to)
{
    rules_recognition *r = &f->recognitions[f->n_recognitions++];
    memset(r, 0, sizeof *r);
    r->kind = k;
    r->issued_on = D(from);
    r->expires_on = to ? D(to) : RULES_DATE_NONE;
}

static void
base(rules_facts *f, const row *r)
{
    memset(f, 0, sizeof *f);
    f->firm.has = 1u << RULES_FF_REGION_CODE;
    memcpy(f->firm.region_code, r->region ? r->region : "350102", 7);
    rec(f, RULES_REC_LITTLE_GIANT, "2023-07-01", "2026-06-30");
    if (r->tweak)
        r->tweak(f);
}

static void
none(rules_facts *f)
{
    f->n_recognitions = 0;
}
static void
only_sme(rules_facts *f)
{
    none(f);
    rec(f, RULES_REC_SPECIALIZED_SME, "2023-07-01", "2026-06-30");
}
static void
period_start(rules_facts *f)
{
    f->recognitions[0].issued_on = D("2022-01-01");
}
static void
before_period(rules_facts *f)
{
    f->recognitions[0].issued_on = D("2021-12-31");
}
static void
after_asof(rules_facts *f)
{
    f->recognitions[0].issued_on = D("2026-07-01");
    f->recognitions[0].expires_on = D("2029-06-30");
}
static void
on_asof(rules_facts *f)
{
    f->recognitions[0].issued_on = D("2026-06-30");
}
static void
re_recognised(rules_facts *f)
{
    rec(f, RULES_REC_LITTLE_GIANT, "2019-07-01", "2022-06-30"); /* the 2023 one is not new */
}
static void
later_grant_after_asof(rules_facts *f)
{
    rec(f, RULES_REC_LITTLE_GIANT, "2026-07-01", "2029-06-30"); /* ignored: after as_of */
}
static void
expired(rules_facts *f)
{
    f->recognitions[0].expires_on = D("2025-01-01");
}
static void
uscc_mismatch(rules_facts *f)
{
    memcpy(f->firm.uscc, "91350100M0001TGQXM", 19);
    f->firm.has |= 1u << RULES_FF_USCC;
    f->firm.uscc_check_mismatch = true;
}

#define FZ "recognition_award/3501-fuzhou-2022-little-giant"
#define FJ "recognition_award/35-fujian-2022-little-giant"

/* clang-format off */
static const row rows[] = {
{  1, "福州: 50万 + 25万 = 75万",                   NULL,     NULL,                   "eligible",     WAN(75), FZ, "award",         1, -1},
{  2, "厦门 350203: province only, 50万",           "350203", NULL,                   "eligible",     WAN(50), FJ, "award",         1, -1},
{  3, "福州 prefix 3501 but county 350121",         "350121", NULL,                   "eligible",     WAN(75), FZ, "award",         1, -1},
{  4, "no recognition",                            NULL,     none,                   "ineligible",   0,       FZ, "holds",         0, -1},
{  5, "专精特新 is not 小巨人",                     NULL,     only_sme,               "ineligible",   0,       FZ, "holds",         0, -1},
{  6, "issued on the period's first day",          NULL,     period_start,           "eligible",     WAN(75), FZ, "in_period",     1, -1},
{  7, "issued the day before the period",          NULL,     before_period,          "ineligible",   0,       FZ, "in_period",     0, 1},
{  8, "issued after as_of: not yet held",          NULL,     after_asof,             "ineligible",   0,       FZ, "holds",         0, -1},
{  9, "issued on as_of",                           NULL,     on_asof,                "eligible",     WAN(75), FZ, "in_period",     1, -1},
{ 10, "re-recognition is not new",                 NULL,     re_recognised,          "ineligible",   0,       FZ, "first_of_kind", 0, -1},
{ 11, "a grant after as_of is ignored",            NULL,     later_grant_after_asof, "eligible",     WAN(75), FZ, "first_of_kind", 1, -1},
{ 12, "expired certificate: the grant still counts", NULL,   expired,                  "eligible",     WAN(75), FZ, "holds",         1, -1},
{ 13, "USCC mismatch: eligible → needs_review",    NULL,     uscc_mismatch,          "needs_review", WAN(75), FZ, "uscc_check",   -1, -1},
};
/* clang-format on */

int
main(void)
{
    static rules_edition_set set;
    char err[512];
    if (facts_editions_load_dir(facts_editions_default_dir(), &set, err, sizeof err) != 0) {
        fprintf(stderr, "editions: %s\n", err);
        return 1;
    }
    const rules_module *m = rules_module_find("recognition_award");
    T_ROW(0, "registered");
    CHECK(m != NULL);
    if (!m)
        T_DONE();
    static rules_facts f;
    static rules_verdict v, v2;
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        const row *r = &rows[i];
        T_ROW(r->no, r->name);
        base(&f, r);
        rules_ctx ctx = {D("2026-06-30"), r->region ? r->region : "350102"};
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v), 0);
        CHECK_STR(rules_outcome_name(v.outcome), r->outcome);
        CHECK_STR(v.edition_id, r->edition_id);
        CHECK(v.verified && !v.scored);
        CHECK(v.has_award);
        CHECK_INT(v.award_fen, r->award);
        CHECK_INT(v.n_missing, 0);
        const rules_criterion_result *c = rules_verdict_find(&v, r->crit);
        CHECK(c != NULL);
        if (c) {
            CHECK_INT(c->passed, r->passed);
            if (r->gap >= 0) {
                CHECK(c->gap.set);
                CHECK_INT(c->gap.amount, r->gap);
            }
        }
        for (int k = 0; k < v.n_criteria; k++)
            CHECK(v.criteria[k].message_zh[0] != '\0');
        CHECK_INT(rules_evaluate(m, &set, &f, &ctx, &v2), 0);
        json_t *a = facts_verdict_to_json(&v), *b = facts_verdict_to_json(&v2);
        CHECK(json_equal(a, b));
        json_decref(a);
        json_decref(b);
        roundtrip(&v);
    }

    row plain = {0};
    T_ROW(100, "outside Fujian there is no edition");
    base(&f, &plain);
    rules_ctx c1 = {D("2026-06-30"), "440307"}, c2 = {D("2026-06-30"), ""};
    CHECK_INT(rules_evaluate(m, &set, &f, &c1, &v), RULES_ENOEDITION);
    CHECK_INT(rules_evaluate(m, &set, &f, &c2, &v), RULES_ENOEDITION);

    T_ROW(101, "none on 2021-12-31; the 福州 edition from 2022-01-01");
    rules_ctx c3 = {D("2021-12-31"), "350102"}, c4 = {D("2022-01-01"), "350102"};
    CHECK_INT(rules_evaluate(m, &set, &f, &c3, &v), RULES_ENOEDITION);
    period_start(&f);
    CHECK_INT(rules_evaluate(m, &set, &f, &c4, &v), 0);
    CHECK_STR(v.edition_id, FZ);
    CHECK_INT(v.award_fen, WAN(75));

    T_ROW(102, "the award message names both levels");
    base(&f, &plain);
    rules_ctx c5 = {D("2026-06-30"), "350102"};
    rules_evaluate(m, &set, &f, &c5, &v);
    const rules_criterion_result *c = rules_verdict_find(&v, "award");
    CHECK(c && strstr(c->message_zh, "500,000.00") && strstr(c->message_zh, "250,000.00"));

    T_ROW(103, "every criterion parameter exists in the spec");
    for (int i = 0; i < m->n_criteria; i++)
        for (int k = 0; k < RULES_CRIT_MAXP && m->criteria[i].params[k]; k++)
            CHECK(rules_module_param_index(m, m->criteria[i].params[k]) >= 0);
    T_DONE();
}
