/*
 * metrics: counters and histograms for GET /metrics (Prometheus text).
 *
 * Workers update relaxed atomics; the scrape sums them. Sizes are fixed at
 * start-up from the route table, so recording never allocates. Gauges for
 * the database pool are read through a callback the application supplies.
 */
#ifndef PEIYU_HTTP_METRICS_H
#define PEIYU_HTTP_METRICS_H

#include <stddef.h>
#include <stdint.h>

struct evbuffer;
struct route;

/* Allocate the tables for `nroutes` routes (plus one "unmatched" row). Main thread, once. */
void metrics_init(const struct route *routes, size_t nroutes);
void metrics_fini(void);

/* Record one finished request; route_index == nroutes means unmatched. Any thread. */
void metrics_record(size_t route_index, int status, uint64_t duration_ns);

/* Application gauges appended to the scrape (e.g. pool in use / waiting). */
typedef void (*metrics_gauge_fn)(struct evbuffer *out, void *arg);
void metrics_set_gauges(metrics_gauge_fn fn, void *arg);

/* Write the whole scrape in Prometheus text exposition format 0.0.4. */
void metrics_render(struct evbuffer *out);

#endif
