/*
 * bench_rules: how fast the rule engine evaluates, and whether evaluation
 * touches the heap (issue 3 item 11; target ≥ 2,000,000 module evaluations
 * per second per core, zero allocations inside evaluation).
 *
 * Generates N firms (default 1,000,000; deterministic, tests/support/firmgen.h)
 * in batches, and evaluates every firm through every registered module in
 * this one process and thread. Only the evaluation loop is timed, with
 * CLOCK_PROCESS_CPUTIME_ID (CPU time of this single-threaded process, so the
 * figure is per core whatever else the machine runs); generation is not.
 * Allocations are counted by replacing malloc & co. in this executable
 * (glibc routes its own internal calls through the replacement too) and
 * counting only while the evaluation loop runs.
 *
 *   bench_rules [--firms N] [--seed S] [--batch B] [--mode both|decision|explain]
 *
 * Two modes, each timed on its own over the same firms: "decision"
 * (rules_evaluate_decision: outcome, route, scores, points, gaps' amounts,
 * missing paths, awards; no text) and "explain" (rules_evaluate: the full
 * verdict with every value, threshold, message and gap text, as peiyuctl
 * eval, the HTTP API and stored verdicts use it). Default: both.
 * Prints, per mode, the totals and a per-module line, and exits 1 if
 * evaluation allocated.
 * Run through bench/rules/run, which builds with --buildtype=release.
 */
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "facts/editions.h"
#include "firmgen.h"
#include "rules/module.h"

#define BENCH_MAX_MODULES 16

/* ---- allocation counter ---- */

static volatile int bench_counting;
static uint64_t bench_allocs, bench_alloc_bytes;

#ifndef BENCH_NO_MALLOC_COUNTER
extern void *__libc_malloc(size_t n);
extern void *__libc_calloc(size_t n, size_t size);
extern void *__libc_realloc(void *p, size_t n);
extern void *__libc_memalign(size_t align, size_t n);
extern void __libc_free(void *p);

static inline void
bench_count(size_t n)
{
    if (bench_counting) {
        bench_allocs++;
        bench_alloc_bytes += n;
    }
}

void *
malloc(size_t n)
{
    bench_count(n);
    return __libc_malloc(n);
}

void *
calloc(size_t n, size_t size)
{
    bench_count(n * size);
    return __libc_calloc(n, size);
}

void *
realloc(void *p, size_t n)
{
    bench_count(n);
    return __libc_realloc(p, n);
}

void
free(void *p)
{
    __libc_free(p);
}

void *
aligned_alloc(size_t align, size_t n)
{
    bench_count(n);
    return __libc_memalign(align, n);
}

int
posix_memalign(void **out, size_t align, size_t n)
{
    bench_count(n);
    void *p = __libc_memalign(align, n);
    if (!p)
        return 12; /* ENOMEM */
    *out = p;
    return 0;
}
#define BENCH_COUNTER_ON 1
#else
#define BENCH_COUNTER_ON 0
#endif

/* ---- timing ---- */

static uint64_t
cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static uint64_t
wall_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void
usage(void)
{
    fputs("usage: bench_rules [--firms N] [--seed S] [--batch B] [--mode both|decision|explain]\n",
          stderr);
    exit(2);
}

typedef struct mstat {
    uint64_t evals, no_edition, ns, outcome[4];
} mstat;

enum { MODE_DECISION, MODE_EXPLAIN, MODE__COUNT };
static const char *const mode_names[MODE__COUNT] = {"decision", "explain"};
static const char *const mode_docs[MODE__COUNT] = {
    "rules_evaluate_decision: no text",
    "rules_evaluate: every value, threshold, message, gap text"};

typedef struct mode_run {
    uint64_t ns, allocs, alloc_bytes;
    mstat ms[BENCH_MAX_MODULES];
} mode_run;

static void
report(int mode, const mode_run *r, long firms, uint64_t seed, int nm)
{
    uint64_t evals = 0, calls = 0;
    for (int mi = 0; mi < nm; mi++) {
        evals += r->ms[mi].evals;
        calls += r->ms[mi].evals + r->ms[mi].no_edition;
    }
    double secs = (double)r->ns / 1e9;
    printf("\n== mode %s (%s)\n", mode_names[mode], mode_docs[mode]);
    printf("firms: %ld (seed 0x%" PRIx64 "), modules: %d, evaluate calls: %" PRIu64 " (%" PRIu64
           " with an edition in force)\n",
           firms, seed, nm, calls, evals);
    printf("evaluation CPU time: %.3f s\n", secs);
    printf("module evaluations per second per core: %.0f (%.0f ns per evaluation)\n",
           secs > 0 ? (double)evals / secs : 0.0, evals ? (double)r->ns / (double)evals : 0.0);
    if (BENCH_COUNTER_ON)
        printf("heap allocations inside evaluation: %" PRIu64 " (%" PRIu64
               " bytes) = %.4f per evaluation\n",
               r->allocs, r->alloc_bytes, evals ? (double)r->allocs / (double)evals : 0.0);
    else
        printf("heap allocations inside evaluation: not measured (sanitizer build)\n");
    printf("%-18s %10s %10s %12s %9s  outcomes elig/inelig/review/insuff\n", "module", "evals",
           "no_edition", "evals/s", "ns/eval");
    for (int mi = 0; mi < nm; mi++) {
        const mstat *s = &r->ms[mi];
        double sec = (double)s->ns / 1e9;
        printf("%-18s %10" PRIu64 " %10" PRIu64 " %12.0f %9.0f  %" PRIu64 "/%" PRIu64 "/%" PRIu64
               "/%" PRIu64 "\n",
               rules_module_at(mi)->id, s->evals, s->no_edition,
               sec > 0 ? (double)s->evals / sec : 0.0,
               s->evals ? (double)s->ns / (double)s->evals : 0.0, s->outcome[0], s->outcome[1],
               s->outcome[2], s->outcome[3]);
    }
}

int
main(int argc, char **argv)
{
    long firms = 1000000, batch = 1024;
    uint64_t seed = 0x62656e6368ull; /* "bench" */
    bool run_mode[MODE__COUNT] = {true, true};
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (strcmp(argv[i], "--firms") == 0)
            firms = strtol(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--seed") == 0)
            seed = strtoull(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--batch") == 0)
            batch = strtol(argv[++i], NULL, 0);
        else if (strcmp(argv[i], "--mode") == 0) {
            const char *md = argv[++i];
            run_mode[MODE_DECISION] = strcmp(md, "both") == 0 || strcmp(md, "decision") == 0;
            run_mode[MODE_EXPLAIN] = strcmp(md, "both") == 0 || strcmp(md, "explain") == 0;
            if (!run_mode[MODE_DECISION] && !run_mode[MODE_EXPLAIN])
                usage();
        } else
            usage();
    }
    if (firms < 1 || batch < 1)
        usage();

    static rules_edition_set set;
    char err[512];
    if (facts_editions_load_dir(facts_editions_default_dir(), &set, err, sizeof err) != 0) {
        fprintf(stderr, "bench_rules: editions: %s\n", err);
        return 1;
    }
    int nm = rules_module_count();
    if (nm < 1 || nm > BENCH_MAX_MODULES) {
        fprintf(stderr, "bench_rules: %d modules registered\n", nm);
        return 1;
    }
    rules_facts *fs = calloc((size_t)batch, sizeof *fs);
    firmgen_case *cs = calloc((size_t)batch, sizeof *cs);
    static rules_verdict v;
    static mode_run runs[MODE__COUNT];
    if (!fs || !cs) {
        fputs("bench_rules: out of memory\n", stderr);
        return 1;
    }

    uint64_t gen_ns = 0, w0 = wall_ns();
    for (long base = 0; base < firms; base += batch) {
        long n = firms - base < batch ? firms - base : batch;
        uint64_t g0 = cpu_ns();
        for (long k = 0; k < n; k++)
            firmgen_firm(firmgen_firm_seed(seed, (uint64_t)(base + k)), 2, &fs[k], &cs[k]);
        gen_ns += cpu_ns() - g0;
        for (int mode = 0; mode < MODE__COUNT; mode++) {
            if (!run_mode[mode])
                continue;
            mode_run *r = &runs[mode];
            int (*eval)(const rules_module *, const rules_edition_set *, const rules_facts *,
                        const rules_ctx *, rules_verdict *) =
                mode == MODE_DECISION ? rules_evaluate_decision : rules_evaluate;
            uint64_t t0 = cpu_ns();
            for (int mi = 0; mi < nm; mi++) {
                const rules_module *m = rules_module_at(mi);
                mstat *s = &r->ms[mi];
                uint64_t m0 = cpu_ns();
                bench_allocs = bench_alloc_bytes = 0;
                bench_counting = 1;
                for (long k = 0; k < n; k++) {
                    rules_ctx ctx = {cs[k].as_of, cs[k].region};
                    if (eval(m, &set, &fs[k], &ctx, &v) != 0) {
                        s->no_edition++;
                        continue;
                    }
                    s->evals++;
                    s->outcome[v.outcome]++;
                }
                bench_counting = 0;
                r->allocs += bench_allocs;
                r->alloc_bytes += bench_alloc_bytes;
                s->ns += cpu_ns() - m0;
            }
            r->ns += cpu_ns() - t0;
        }
    }
    uint64_t wall = wall_ns() - w0;

    printf("generation CPU time: %.3f s, wall total %.3f s\n", (double)gen_ns / 1e9,
           (double)wall / 1e9);
    uint64_t allocs = 0;
    for (int mode = 0; mode < MODE__COUNT; mode++)
        if (run_mode[mode]) {
            report(mode, &runs[mode], firms, seed, nm);
            allocs += runs[mode].allocs;
        }
    if (run_mode[MODE_DECISION] && run_mode[MODE_EXPLAIN])
        for (int mi = 0; mi < nm; mi++)
            if (memcmp(runs[0].ms[mi].outcome, runs[1].ms[mi].outcome,
                       sizeof runs[0].ms[mi].outcome) != 0) {
                printf("MISMATCH: %s outcomes differ between the modes\n", rules_module_at(mi)->id);
                return 1;
            }
    free(fs);
    free(cs);
    return BENCH_COUNTER_ON && allocs ? 1 : 0;
}
