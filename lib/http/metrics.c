/*
 * metrics: see metrics.h. Statuses are kept per route in a small fixed list
 * of codes this service can produce plus an "other" slot, so a scrape names
 * real codes without a hash table on the hot path.
 */
#include "http/metrics.h"
#include "http/router.h"
#include "core/xalloc.h"

#include <event2/buffer.h>
#include <stdatomic.h>
#include <stdlib.h>

static const int tracked_status[] = {200, 201, 204, 304, 400, 401, 403, 404, 405, 409,
                                     412, 413, 415, 422, 428, 429, 500, 503, 504};
#define NSTATUS (sizeof tracked_status / sizeof tracked_status[0] + 1) /* + other */

/* Latency buckets in microseconds (upper bounds, le=). */
static const uint64_t bucket_us[] = {250,   500,    1000,   2500,   5000,    10000,  25000,
                                     50000, 100000, 250000, 500000, 1000000, 2500000};
#define NBUCKET (sizeof bucket_us / sizeof bucket_us[0] + 1) /* + Inf */

struct route_stats {
    _Atomic uint64_t by_status[NSTATUS];
    _Atomic uint64_t bucket[NBUCKET];
    _Atomic uint64_t sum_us;
    _Atomic uint64_t count;
};

static struct {
    const struct route *routes;
    size_t nroutes;
    struct route_stats *stats; /* nroutes + 1 rows */
    metrics_gauge_fn gauges;
    void *gauges_arg;
} M;

void
metrics_init(const struct route *routes, size_t nroutes)
{
    M.routes = routes;
    M.nroutes = nroutes;
    M.stats = xcalloc(nroutes + 1, sizeof *M.stats);
}

void
metrics_fini(void)
{
    free(M.stats);
    M.stats = NULL;
}

static size_t
status_slot(int status)
{
    for (size_t i = 0; i < NSTATUS - 1; i++)
        if (tracked_status[i] == status)
            return i;
    return NSTATUS - 1;
}

void
metrics_record(size_t route_index, int status, uint64_t duration_ns)
{
    if (!M.stats)
        return;
    if (route_index > M.nroutes)
        route_index = M.nroutes;
    struct route_stats *s = &M.stats[route_index];
    uint64_t us = duration_ns / 1000;
    size_t b = 0;
    while (b < NBUCKET - 1 && us > bucket_us[b])
        b++;
    atomic_fetch_add_explicit(&s->by_status[status_slot(status)], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->bucket[b], 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->sum_us, us, memory_order_relaxed);
    atomic_fetch_add_explicit(&s->count, 1, memory_order_relaxed);
}

void
metrics_set_gauges(metrics_gauge_fn fn, void *arg)
{
    M.gauges = fn;
    M.gauges_arg = arg;
}

static void
route_label(size_t i, const char **method, const char **path)
{
    if (i < M.nroutes) {
        *method = http_method_name(M.routes[i].method);
        *path = M.routes[i].pattern;
    } else {
        *method = "any";
        *path = "unmatched";
    }
}

void
metrics_render(struct evbuffer *out)
{
    evbuffer_add_printf(out, "# HELP peiyu_http_requests_total HTTP requests by route and status.\n"
                             "# TYPE peiyu_http_requests_total counter\n");
    for (size_t i = 0; i <= M.nroutes; i++) {
        const char *method, *path;
        route_label(i, &method, &path);
        for (size_t k = 0; k < NSTATUS; k++) {
            uint64_t v = atomic_load_explicit(&M.stats[i].by_status[k], memory_order_relaxed);
            if (!v)
                continue;
            if (k < NSTATUS - 1)
                evbuffer_add_printf(out,
                                    "peiyu_http_requests_total{method=\"%s\",route=\"%s\","
                                    "status=\"%d\"} %llu\n",
                                    method, path, tracked_status[k], (unsigned long long)v);
            else
                evbuffer_add_printf(out,
                                    "peiyu_http_requests_total{method=\"%s\",route=\"%s\","
                                    "status=\"other\"} %llu\n",
                                    method, path, (unsigned long long)v);
        }
    }
    evbuffer_add_printf(out, "# HELP peiyu_http_request_duration_seconds Time from request "
                             "dispatch to response, by route.\n"
                             "# TYPE peiyu_http_request_duration_seconds histogram\n");
    for (size_t i = 0; i <= M.nroutes; i++) {
        const char *method, *path;
        route_label(i, &method, &path);
        uint64_t count = atomic_load_explicit(&M.stats[i].count, memory_order_relaxed);
        if (!count)
            continue;
        uint64_t cum = 0;
        for (size_t b = 0; b < NBUCKET; b++) {
            cum += atomic_load_explicit(&M.stats[i].bucket[b], memory_order_relaxed);
            if (b < NBUCKET - 1)
                evbuffer_add_printf(out,
                                    "peiyu_http_request_duration_seconds_bucket{method=\"%s\","
                                    "route=\"%s\",le=\"%g\"} %llu\n",
                                    method, path, (double)bucket_us[b] / 1e6,
                                    (unsigned long long)cum);
            else
                evbuffer_add_printf(out,
                                    "peiyu_http_request_duration_seconds_bucket{method=\"%s\","
                                    "route=\"%s\",le=\"+Inf\"} %llu\n",
                                    method, path, (unsigned long long)cum);
        }
        evbuffer_add_printf(
            out, "peiyu_http_request_duration_seconds_sum{method=\"%s\",route=\"%s\"} %.6f\n",
            method, path,
            (double)atomic_load_explicit(&M.stats[i].sum_us, memory_order_relaxed) / 1e6);
        evbuffer_add_printf(
            out, "peiyu_http_request_duration_seconds_count{method=\"%s\",route=\"%s\"} %llu\n",
            method, path, (unsigned long long)count);
    }
    if (M.gauges)
        M.gauges(out, M.gauges_arg);
}
