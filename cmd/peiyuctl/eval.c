/*
 * peiyuctl eval: run the rule modules offline on a facts JSON file
 * (POLICY.md §7).
 *
 *   peiyuctl eval --module ID|all --facts FILE [--as-of YYYY-MM-DD]
 *                 [--region CODE] [--editions DIR]
 *
 * Prints one verdict (or, for `all`, {"verdicts", "stage", "next"}) as JSON
 * on stdout and returns 0 whatever the outcome; returns 2 with a one-line
 * message on stderr for unusable input (bad arguments, unreadable or invalid
 * facts, unknown or unimplemented module, no edition in force) and 1 when the
 * editions directory itself is broken. --as-of defaults to today in
 * Asia/Shanghai; --region to firm.region_code (else national editions only);
 * --editions to $PEIYU_EDITIONS_DIR, else the source tree's sql/editions.
 */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "core/clock.h"
#include "core/xalloc.h"
#include "ctl.h"
#include "facts/editions.h"
#include "facts/evaluate.h"
#include "facts/parse.h"
#include "facts/verdict_json.h"
#include "rules/ladder.h"
#include "rules/module.h"

#define EVAL_MAX_FACTS_BYTES (4u << 20)

static void
eval_usage(FILE *to)
{
    fputs("usage: peiyuctl eval --module ID|all --facts FILE [--as-of YYYY-MM-DD]\n"
          "                     [--region CODE] [--editions DIR]\n",
          to);
}

/* Read a whole file (at most EVAL_MAX_FACTS_BYTES). Caller frees. */
static char *
eval_read_file(const char *path, size_t *len, char *err, size_t errlen)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!f) {
        snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
        return NULL;
    }
    size_t cap = 65536, n = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (n == cap) {
            if (cap >= EVAL_MAX_FACTS_BYTES) {
                snprintf(err, errlen, "%s: larger than %u bytes", path, EVAL_MAX_FACTS_BYTES);
                free(buf);
                buf = NULL;
                break;
            }
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        size_t r = fread(buf + n, 1, cap - n, f);
        n += r;
        if (r == 0) {
            if (ferror(f)) {
                snprintf(err, errlen, "%s: read error", path);
                free(buf);
                buf = NULL;
            }
            break;
        }
    }
    if (f != stdin)
        fclose(f);
    *len = n;
    return buf;
}

static void
eval_note(const char *note, void *arg)
{
    fprintf(stderr, "peiyuctl eval: note: %s\n", note);
}

int
ctl_eval(int argc, char **argv)
{
    const char *module = NULL, *facts_path = NULL, *as_of_s = NULL, *region = NULL;
    const char *editions_dir = NULL;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **slot = strcmp(a, "--module") == 0     ? &module
                            : strcmp(a, "--facts") == 0    ? &facts_path
                            : strcmp(a, "--as-of") == 0    ? &as_of_s
                            : strcmp(a, "--region") == 0   ? &region
                            : strcmp(a, "--editions") == 0 ? &editions_dir
                                                           : NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            eval_usage(stdout);
            return 0;
        }
        if (!slot) {
            fprintf(stderr, "peiyuctl eval: unknown argument %s\n", a);
            eval_usage(stderr);
            return 2;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "peiyuctl eval: %s needs a value\n", a);
            return 2;
        }
        *slot = argv[++i];
    }
    if (!module || !facts_path) {
        fprintf(stderr, "peiyuctl eval: --module and --facts are required\n");
        eval_usage(stderr);
        return 2;
    }
    rules_date as_of = (rules_date)clock_today_shanghai();
    if (as_of_s && rules_date_parse(as_of_s, strlen(as_of_s), &as_of) != 0) {
        fprintf(stderr, "peiyuctl eval: --as-of %s: must be a date YYYY-MM-DD\n", as_of_s);
        return 2;
    }
    if (region && (strlen(region) != 6 || strspn(region, "0123456789") != 6)) {
        fprintf(stderr, "peiyuctl eval: --region %s: must be a 6-digit 行政区划代码\n", region);
        return 2;
    }

    int rc = 2;
    char err[512];
    char *text = NULL;
    rules_facts *facts = xcalloc(1, sizeof *facts);
    rules_edition_set *set = xcalloc(1, sizeof *set);
    json_t *out = NULL;

    size_t len = 0;
    text = eval_read_file(facts_path, &len, err, sizeof err);
    if (!text) {
        fprintf(stderr, "peiyuctl eval: %s\n", err);
        goto done;
    }
    if (facts_parse_text(text, len, facts, err, sizeof err) != 0) {
        fprintf(stderr, "peiyuctl eval: %s: %s\n", facts_path, err);
        goto done;
    }
    if (!editions_dir)
        editions_dir = facts_editions_default_dir();
    if (facts_editions_load_dir(editions_dir, set, err, sizeof err) != 0) {
        fprintf(stderr, "peiyuctl eval: editions: %s\n", err);
        rc = 1;
        goto done;
    }
    int error;
    out =
        facts_evaluate(set, facts, module, as_of, region, eval_note, NULL, &error, err, sizeof err);
    if (!out) {
        fprintf(stderr, "peiyuctl eval: %s\n", err);
        goto done;
    }
    char *s = json_dumps(out, JSON_INDENT(2));
    if (!s) {
        fprintf(stderr, "peiyuctl eval: cannot serialise the verdict\n");
        rc = 1;
        goto done;
    }
    fputs(s, stdout);
    fputc('\n', stdout);
    free(s);
    rc = fflush(stdout) == 0 ? 0 : 1;
done:
    json_decref(out);
    free(set);
    free(facts);
    free(text);
    return rc;
}
