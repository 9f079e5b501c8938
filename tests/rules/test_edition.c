/*
 * test_edition: edition selection by date and region (switch dates, region
 * override, longest prefix), overlap detection, and the edition JSON loader's
 * errors; plus loading the committed sql/editions.
 */
#include <stdlib.h>

#include "facts/editions.h"
#include "rules/module.h"
#include "t.h"

static rules_date
D(const char *s)
{
    rules_date d = RULES_DATE_NONE;
    rules_date_parse(s, strlen(s), &d);
    return d;
}

static void
add(rules_edition_set *set, const char *module, const char *id, const char *from, const char *to,
    const char *prefix)
{
    rules_edition *e = &set->items[set->n++];
    memset(e, 0, sizeof *e);
    snprintf(e->module, sizeof e->module, "%s", module);
    snprintf(e->edition_id, sizeof e->edition_id, "%s", id);
    e->effective_from = D(from);
    e->effective_to = to ? D(to) : RULES_DATE_NONE;
    snprintf(e->region_prefix, sizeof e->region_prefix, "%s", prefix);
}

static void
test_select(void)
{
    static rules_edition_set set;
    set.n = 0;
    add(&set, "m", "m/2022", "2022-06-01", "2026-03-31", "");
    add(&set, "m", "m/2026", "2026-04-01", NULL, "");
    add(&set, "m", "m/35-2024", "2024-01-01", NULL, "35");
    add(&set, "m", "m/3501-2025", "2025-01-01", "2025-12-31", "3501");
    add(&set, "other", "o/1", "2000-01-01", NULL, "");
    char err[256];
    T_ROW(0, "fixture has no overlap");
    CHECK_INT(rules_edition_set_check(&set, err, sizeof err), 0);

    static const struct {
        int no;
        const char *name, *date, *region, *expect;
    } rows[] = {
        {1, "before the first edition", "2022-05-31", "", NULL},
        {2, "first day of 2022 edition", "2022-06-01", "", "m/2022"},
        {3, "2026-03-31 → 63号", "2026-03-31", "110108", "m/2022"},
        {4, "2026-04-01 → 2号", "2026-04-01", "110108", "m/2026"},
        {5, "province prefix overrides national", "2026-04-01", "350100", "m/35-2024"},
        {6, "city prefix overrides province", "2025-06-30", "350102", "m/3501-2025"},
        {7, "city edition ended, province applies", "2026-01-01", "350102", "m/35-2024"},
        {8, "province edition not yet in force", "2023-12-31", "350102", "m/2022"},
        {9, "national only with empty region", "2025-06-30", "", "m/2022"},
        {10, "NULL region is national", "2025-06-30", NULL, "m/2022"},
        {11, "prefix must match from the start", "2025-06-30", "113501", "m/2022"},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, rows[i].name);
        const rules_edition *e = rules_edition_select(&set, "m", D(rows[i].date), rows[i].region);
        if (!rows[i].expect)
            CHECK(e == NULL);
        else
            CHECK_STR(e ? e->edition_id : NULL, rows[i].expect);
    }

    T_ROW(20, "overlap detected");
    add(&set, "m", "m/bad", "2026-03-31", NULL, "");
    CHECK_INT(rules_edition_set_check(&set, err, sizeof err), -1);
    CHECK(strstr(err, "overlap") != NULL);
    set.n--;
    T_ROW(21, "duplicate id detected");
    add(&set, "other", "m/2022", "1990-01-01", "1990-12-31", "");
    CHECK_INT(rules_edition_set_check(&set, err, sizeof err), -1);
    CHECK(strstr(err, "duplicate") != NULL);
}

static void
test_band(void)
{
    static rules_edition e;
    memset(&e, 0, sizeof e);
    e.p[0].n = 3;
    e.p[0].v[0] = rules_ratio_make(5, 100);
    e.p[0].v[1] = rules_ratio_make(3, 100);
    e.p[0].v[2] = rules_ratio_make(1, 100);
    static const struct {
        int no;
        rules_band_edge edge;
        int64_t n, d;
        int band;
    } rows[] = {
        {1, RULES_BAND_LOWER_INCLUSIVE, 5, 100, 0},
        {2, RULES_BAND_UPPER_INCLUSIVE, 5, 100, 1},
        {3, RULES_BAND_LOWER_INCLUSIVE, 4999, 100000, 1},
        {4, RULES_BAND_UPPER_INCLUSIVE, 5001, 100000, 0},
        {5, RULES_BAND_LOWER_INCLUSIVE, 1, 100, 2},
        {6, RULES_BAND_UPPER_INCLUSIVE, 1, 100, 3},
        {7, RULES_BAND_LOWER_INCLUSIVE, 0, 100, 3},
        {8, RULES_BAND_LOWER_INCLUSIVE, 1, 0, 3},
    };
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, "band edge");
        e.band_edge = rows[i].edge;
        CHECK_INT(rules_band_find(&e, 0, rules_ratio_make(rows[i].n, rows[i].d)), rows[i].band);
    }

    /* rules_band_points_open: bands 5% / 3% / 1% give 20 / 10 / 5 points */
    e.band_edge = RULES_BAND_LOWER_INCLUSIVE;
    e.p[1].n = 3;
    e.p[1].v[0] = rules_ratio_make(20, 1);
    e.p[1].v[1] = rules_ratio_make(10, 1);
    e.p[1].v[2] = rules_ratio_make(5, 1);
    static const struct {
        int no;
        bool hn;
        int64_t n;
        bool hd;
        int64_t d;
        int lo, hi;
    } open[] = {
        {10, true, 0, false, 0, 0, 0},    /* 0 over anything: 0% or undefined */
        {11, true, 1, false, 0, 0, 20},   /* 1 fen over a missing den: anything */
        {12, true, -5, false, 0, 0, 0},   /* a loss: below every positive edge */
        {13, false, 0, true, 0, 0, 0},    /* a known den of 0: undefined */
        {14, false, 0, true, 100, 0, 20}, /* a missing numerator: anything */
        {15, true, 3, true, 100, 10, 10}, /* both known: the band */
        {16, false, 0, false, 0, 0, 20},
    };
    for (size_t i = 0; i < sizeof open / sizeof open[0]; i++) {
        T_ROW(open[i].no, "band points with a side missing");
        int lo = -1, hi = -1;
        rules_band_points_open(&e, 0, 1, open[i].hn, open[i].n, open[i].hd, open[i].d, &lo, &hi);
        CHECK_INT(lo, open[i].lo);
        CHECK_INT(hi, open[i].hi);
    }
    T_ROW(17, "an edge of 0% makes 0 over a missing den score that band");
    e.p[0].v[2] = rules_ratio_make(0, 100);
    int lo = -1, hi = -1;
    rules_band_points_open(&e, 0, 1, true, 0, false, 0, &lo, &hi);
    CHECK_INT(lo, 0); /* undefined for a den of 0 */
    CHECK_INT(hi, 5);
    T_ROW(18, "a negative edge: a loss over a missing den is open");
    e.p[0].v[2] = rules_ratio_make(-10, 100);
    rules_band_points_open(&e, 0, 1, true, -5, false, 0, &lo, &hi);
    CHECK_INT(lo, 0);
    CHECK_INT(hi, 5);
}

static const char *
good_row(void)
{
    static char buf[4096];
    FILE *f = fopen(PEIYU_SRC "/sql/editions/tech_sme.json", "rb");
    size_t n = f ? fread(buf, 1, sizeof buf - 1, f) : 0;
    if (f)
        fclose(f);
    buf[n] = '\0';
    return buf;
}

static void
test_loader(void)
{
    static rules_edition_set set;
    char err[512];
    T_ROW(1, "committed editions load");
    CHECK_INT(facts_editions_load_dir(facts_editions_default_dir(), &set, err, sizeof err), 0);
    if (t_failures)
        fprintf(stderr, "%s\n", err);
    CHECK(set.n >= 1);
    const rules_module *m = rules_module_find("tech_sme");
    const rules_edition *e = rules_edition_select(&set, "tech_sme", 20000, "440300");
    CHECK(e != NULL);
    if (e && m) {
        int i = rules_module_param_index(m, "rd_sales_band_min");
        CHECK_INT(e->p[i].n, 5);
        CHECK_INT(e->p[i].v[0].num, 6);
        CHECK_INT(e->p[i].v[0].den, 100);
    }

    /* Each row mutates the committed row by a textual substitution. */
    static const struct {
        int no;
        const char *name, *from, *to, *err;
    } rows[] = {
        {2, "unknown parameter", "\"pass_score_min\"", "\"pass_score_minimum\"",
         "params.pass_score_minimum: unknown parameter"},
        {3, "real number for an integer", "\"employees_max\": 500", "\"employees_max\": 500.0",
         "params.employees_max: must be an integer"},
        {4, "bad percentage", "\"6%\"", "\"6\"", "params.rd_sales_band_min[0]"},
        {5, "bad enum", "\"national\"]", "\"nation\"]", "params.award_levels[0]"},
        {6, "bad band edge", "lower_inclusive", "lower", "band_edge"},
        {7, "unknown column", "\"verified\": true", "\"verified\": true, \"x\": 1",
         "x: unknown column"},
        {8, "band lengths differ", "[20, 16, 12, 8, 4]", "[20, 16, 12, 8]", "differ in length"},
        {9, "bad date", "2017-05-03", "2017-02-30", "effective_from"},
        {10, "top points disagree with the table", "[50, 40, 30, 20, 10]", "[45, 40, 30, 20, 10]",
         "rd_band_points: top band"},
        {11, "unregistered module", "\"module\": \"tech_sme\"", "\"module\": \"gazelle_x\"",
         "not a registered module"},
        {12, "to before from", "\"effective_to\": null", "\"effective_to\": \"2017-01-01\"",
         "effective_to: before"},
    };
    const char *base = good_row();
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++) {
        T_ROW(rows[i].no, rows[i].name);
        static char text[5000];
        const char *at = strstr(base, rows[i].from);
        CHECK(at != NULL);
        if (!at)
            continue;
        snprintf(text, sizeof text, "%.*s%s%s", (int)(at - base), base, rows[i].to,
                 at + strlen(rows[i].from));
        json_error_t je;
        json_t *j = json_loads(text, JSON_REJECT_DUPLICATES, &je);
        CHECK(j != NULL);
        set.n = 0;
        err[0] = '\0';
        CHECK_INT(facts_editions_from_json(j, "t.json", &set, err, sizeof err), -1);
        if (!strstr(err, rows[i].err)) {
            fprintf(stderr, "row %d: error \"%s\" lacks \"%s\"\n", rows[i].no, err, rows[i].err);
            t_failures++;
        }
        json_decref(j);
    }
}

int
main(void)
{
    test_select();
    test_band();
    test_loader();
    T_DONE();
}
