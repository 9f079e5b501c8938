/*
 * pool: see pool.h. Connections run in libpq pipeline mode: a query is sent
 * as [Prepare] Bind/Execute Sync the moment a connection has room (at most
 * pipeline_depth in flight each, least-loaded first), so many requests share a
 * connection without waiting for each other and PostgreSQL works through them
 * without a round trip each. Results come back in order; a query is complete
 * at its Sync. One Sync per query keeps each query its own transaction and its
 * errors its own. Every path that ends a query goes through query_complete,
 * which calls the callback exactly once.
 */
#include "db/pool.h"
#include "core/errors.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <event2/event.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum conn_state { C_DOWN, C_CONNECTING, C_UP };

struct db_query {
    size_t stmt;
    int nparams;
    char **values; /* one allocation: pointer array followed by the strings */
    db_result_cb cb;
    void *arg;
    uint64_t enqueued_ns;
    uint64_t started_ns;
    bool prepare_sent; /* a Prepare precedes it in the pipeline */
    bool prepare_done; /* its result has been read */
    int attempts;      /* sends so far (a serialization failure is sent again) */
    PGresult *res;     /* the statement's result, kept until the Sync */
    struct db_query *next;
};

struct db_conn {
    struct db_pool *pool;
    PGconn *pg;
    enum conn_state state;
    evutil_socket_t fd;
    struct event *rev;            /* read: one-shot while connecting, persistent after */
    struct event *wev;            /* write: one-shot, armed while output is pending */
    struct event *timer;          /* reconnect backoff or connect timeout */
    unsigned char *prepared;      /* per statement: a Prepare has been sent */
    struct db_query *head, *tail; /* in flight, oldest first */
    int ninflight;
    int backoff_ms;
};

struct db_pool {
    struct event_base *base;
    struct db_pool_config cfg;
    const struct db_statement *stmts;
    size_t nstmts;
    struct db_conn *conns;
    int up;
    bool down; /* no usable connection and the last attempt failed */
    uint64_t last_probe_ns;
    struct db_query *wait_head, *wait_tail;
    int waiting;
    struct event *tick;
};

static _Atomic long g_up, g_in_use, g_waiting;
static _Atomic uint64_t g_errors, g_retries;

void
db_pool_gauges(struct db_pool_gauges *g)
{
    g->connections_up = atomic_load_explicit(&g_up, memory_order_relaxed);
    g->in_use = atomic_load_explicit(&g_in_use, memory_order_relaxed);
    g->waiting = atomic_load_explicit(&g_waiting, memory_order_relaxed);
    g->errors_total = atomic_load_explicit(&g_errors, memory_order_relaxed);
    g->retries_total = atomic_load_explicit(&g_retries, memory_order_relaxed);
}

void
db_pool_count_error(void)
{
    atomic_fetch_add_explicit(&g_errors, 1, memory_order_relaxed);
}

static void
count_error(const char *what, PGconn *pg)
{
    atomic_fetch_add_explicit(&g_errors, 1, memory_order_relaxed);
    struct log_line l;
    log_begin(&l, "warn", "database");
    log_str(&l, "what", what);
    log_str(&l, "detail", pg ? PQerrorMessage(pg) : "");
    log_emit(&l);
}

static void
query_free(struct db_query *q)
{
    free(q->values);
    free(q);
}

static void
query_complete(struct db_query *q, PGresult *res, int err)
{
    q->cb(q->arg, res, err);
    PQclear(res);
    query_free(q);
}

static void conn_start(struct db_conn *c);
static void conn_send(struct db_conn *c, struct db_query *q);
static void pool_dispatch(struct db_pool *p);
static void conn_read_cb(evutil_socket_t fd, short what, void *arg);

static void
set_state(struct db_conn *c, enum conn_state s)
{
    struct db_pool *p = c->pool;
    bool was_up = c->state == C_UP, is_up = s == C_UP;
    if (was_up && !is_up) {
        p->up--;
        atomic_fetch_sub_explicit(&g_up, 1, memory_order_relaxed);
    } else if (!was_up && is_up) {
        p->up++;
        atomic_fetch_add_explicit(&g_up, 1, memory_order_relaxed);
    }
    c->state = s;
}

static struct db_query *
wait_pop(struct db_pool *p)
{
    struct db_query *q = p->wait_head;
    if (q) {
        p->wait_head = q->next;
        if (!p->wait_head)
            p->wait_tail = NULL;
        q->next = NULL;
        p->waiting--;
        atomic_fetch_sub_explicit(&g_waiting, 1, memory_order_relaxed);
    }
    return q;
}

/* No connection can serve: refuse everything that waits. */
static void
fail_waiters(struct db_pool *p, int err)
{
    struct db_query *q;
    while ((q = wait_pop(p)))
        query_complete(q, NULL, err);
}

static void
conn_schedule_reconnect(struct db_conn *c)
{
    struct db_pool *p = c->pool;
    c->backoff_ms = c->backoff_ms ? c->backoff_ms * 2 : 100;
    if (c->backoff_ms > p->cfg.backoff_max_ms)
        c->backoff_ms = p->cfg.backoff_max_ms;
    struct timeval tv = {c->backoff_ms / 1000, (c->backoff_ms % 1000) * 1000};
    evtimer_add(c->timer, &tv);
}

/* Pop the oldest query in flight. */
static struct db_query *
inflight_pop(struct db_conn *c)
{
    struct db_query *q = c->head;
    if (q) {
        c->head = q->next;
        if (!c->head)
            c->tail = NULL;
        q->next = NULL;
        c->ninflight--;
        atomic_fetch_sub_explicit(&g_in_use, 1, memory_order_relaxed);
    }
    return q;
}

/* Close the connection, fail every query in flight on it, and reconnect later. */
static void
conn_broken(struct db_conn *c, const char *why, int err)
{
    struct db_pool *p = c->pool;
    count_error(why, c->pg);
    struct db_query *failed = NULL, **tailp = &failed;
    struct db_query *q;
    while ((q = inflight_pop(c))) {
        *tailp = q;
        tailp = &q->next;
    }
    if (c->rev)
        event_free(c->rev);
    if (c->wev)
        event_free(c->wev);
    c->rev = c->wev = NULL;
    evtimer_del(c->timer);
    PQfinish(c->pg);
    c->pg = NULL;
    set_state(c, C_DOWN);
    conn_schedule_reconnect(c);
    while (failed) {
        q = failed;
        failed = q->next;
        PQclear(q->res);
        q->res = NULL;
        query_complete(q, NULL, err);
    }
    if (p->up == 0) {
        p->down = true;
        fail_waiters(p, -HTTP_E_DB_UNAVAILABLE);
    }
}

/* Arm the events for the socket after output: write only while data is pending. */
static void
conn_flush(struct db_conn *c)
{
    int rc = PQflush(c->pg);
    if (rc < 0) {
        conn_broken(c, "send failed", -HTTP_E_DB_UNAVAILABLE);
        return;
    }
    if (rc == 1)
        event_add(c->wev, NULL);
}

static void
conn_write_cb(evutil_socket_t fd, short what, void *arg)
{
    conn_flush(arg);
}

/* Append a query to the connection's pipeline: [Prepare] Bind/Execute Sync. */
static void
conn_send(struct db_conn *c, struct db_query *q)
{
    struct db_pool *p = c->pool;
    const struct db_statement *st = &p->stmts[q->stmt];
    q->prepare_sent = !c->prepared[q->stmt];
    q->prepare_done = false;
    q->attempts++;
    q->started_ns = clock_mono_ns();
    q->next = NULL;
    if (c->tail)
        c->tail->next = q;
    else
        c->head = q;
    c->tail = q;
    c->ninflight++;
    atomic_fetch_add_explicit(&g_in_use, 1, memory_order_relaxed);
    bool ok = true;
    if (q->prepare_sent) {
        ok = PQsendPrepare(c->pg, st->name, st->sql, st->nparams, NULL);
        c->prepared[q->stmt] = 1; /* later queries in this pipeline rely on it */
    }
    ok = ok && PQsendQueryPrepared(c->pg, st->name, q->nparams, (const char *const *)q->values,
                                   NULL, NULL, 0);
    ok = ok && PQpipelineSync(c->pg);
    if (!ok) {
        conn_broken(c, "send failed", -HTTP_E_DB_UNAVAILABLE);
        return;
    }
    conn_flush(c);
}

/* The least-loaded connection with room, or NULL. */
static struct db_conn *
pool_pick(struct db_pool *p)
{
    struct db_conn *best = NULL;
    for (int i = 0; i < p->cfg.size; i++) {
        struct db_conn *c = &p->conns[i];
        if (c->state == C_UP && c->ninflight < p->cfg.pipeline_depth &&
            (!best || c->ninflight < best->ninflight))
            best = c;
    }
    return best;
}

/* Hand waiting queries to connections with room. */
static void
pool_dispatch(struct db_pool *p)
{
    struct db_conn *c;
    while (p->wait_head && (c = pool_pick(p)))
        conn_send(c, wait_pop(p));
}

/* A serialization failure or deadlock: the transaction was rolled back whole. */
static bool
result_is_retryable(const PGresult *res)
{
    if (!res || PQresultStatus(res) != PGRES_FATAL_ERROR)
        return false;
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    return state && (!strcmp(state, "40001") || !strcmp(state, "40P01"));
}

/* One result of the oldest query in flight (NULLs between commands are skipped). */
static void
conn_result(struct db_conn *c, PGresult *r)
{
    struct db_query *q = c->head;
    ExecStatusType st = PQresultStatus(r);
    if (st == PGRES_PIPELINE_SYNC) { /* the query is complete */
        PQclear(r);
        q = inflight_pop(c);
        PGresult *res = q->res;
        q->res = NULL;
        if (result_is_retryable(res) && q->attempts < DB_SERIALIZATION_ATTEMPTS) {
            /* Each query is one implicit transaction, so a serialization
             * failure or a deadlock means none of it happened: sending it
             * again is safe for every statement. The callback sees only the
             * last attempt's result. */
            PQclear(res);
            atomic_fetch_add_explicit(&g_retries, 1, memory_order_relaxed);
            conn_send(c, q); /* c has room: q just left it */
            return;
        }
        query_complete(q, res, 0);
        return;
    }
    if (q->prepare_sent && !q->prepare_done) {
        q->prepare_done = true;
        if (st == PGRES_COMMAND_OK) {
            PQclear(r);
        } else {
            /* Preparing failed (e.g. the schema is not migrated yet): the caller
             * gets the error; the statement is prepared again next time. */
            c->prepared[q->stmt] = 0;
            atomic_fetch_add_explicit(&g_errors, 1, memory_order_relaxed);
            q->res = r;
        }
        return;
    }
    if (!q->res) {
        q->res = r;
    } else if (st == PGRES_FATAL_ERROR && PQresultStatus(q->res) != PGRES_FATAL_ERROR) {
        /* An error after the statement's result and before its Sync is the
         * implicit transaction failing at COMMIT (a deferred constraint, a
         * serialization failure): nothing was written, so the error wins. */
        PQclear(q->res);
        q->res = r;
    } else {
        PQclear(r); /* PGRES_PIPELINE_ABORTED after a failed Prepare, or extra results */
    }
}

static void
conn_read_cb(evutil_socket_t fd, short what, void *arg)
{
    struct db_conn *c = arg;
    struct db_pool *p = c->pool;
    if (!PQconsumeInput(c->pg)) {
        conn_broken(c, "connection lost", -HTTP_E_DB_UNAVAILABLE);
        return;
    }
    PGnotify *n;
    while ((n = PQnotifies(c->pg)))
        PQfreemem(n);
    int nulls = 0;
    while (c->state == C_UP && c->head && !PQisBusy(c->pg) && nulls < 2) {
        PGresult *r = PQgetResult(c->pg);
        if (!r) {
            nulls++; /* the end of one command's results */
            continue;
        }
        nulls = 0;
        conn_result(c, r); /* may run a callback that sends more */
    }
    if (c->state == C_UP && PQstatus(c->pg) == CONNECTION_BAD) {
        conn_broken(c, "connection lost", -HTTP_E_DB_UNAVAILABLE);
        return;
    }
    pool_dispatch(p);
}

/* ---- connecting ----------------------------------------------------------- */

static void conn_connect_cb(evutil_socket_t fd, short what, void *arg);

static void
conn_wait_connect(struct db_conn *c, PostgresPollingStatusType st)
{
    if (c->rev)
        event_free(c->rev);
    c->fd = PQsocket(c->pg); /* may change between attempts at several addresses */
    c->rev = event_new(c->pool->base, c->fd, st == PGRES_POLLING_READING ? EV_READ : EV_WRITE,
                       conn_connect_cb, c);
    event_add(c->rev, NULL);
}

static void conn_connect_failed(struct db_conn *c);

static void
conn_connected(struct db_conn *c)
{
    struct db_pool *p = c->pool;
    if (!PQenterPipelineMode(c->pg)) {
        conn_connect_failed(c);
        return;
    }
    evtimer_del(c->timer);
    event_free(c->rev);
    PQsetnonblocking(c->pg, 1);
    c->fd = PQsocket(c->pg);
    c->rev = event_new(p->base, c->fd, EV_READ | EV_PERSIST, conn_read_cb, c);
    c->wev = event_new(p->base, c->fd, EV_WRITE, conn_write_cb, c);
    event_add(c->rev, NULL);
    memset(c->prepared, 0, p->nstmts);
    c->backoff_ms = 0;
    p->down = false;
    set_state(c, C_UP);
    pool_dispatch(p);
}

static void
conn_connect_failed(struct db_conn *c)
{
    struct db_pool *p = c->pool;
    count_error("connect failed", c->pg);
    if (c->rev)
        event_free(c->rev);
    c->rev = NULL;
    PQfinish(c->pg);
    c->pg = NULL;
    set_state(c, C_DOWN);
    conn_schedule_reconnect(c);
    if (p->up == 0) {
        p->down = true;
        fail_waiters(p, -HTTP_E_DB_UNAVAILABLE);
    }
}

static void
conn_connect_cb(evutil_socket_t fd, short what, void *arg)
{
    struct db_conn *c = arg;
    PostgresPollingStatusType st = PQconnectPoll(c->pg);
    if (st == PGRES_POLLING_OK)
        conn_connected(c);
    else if (st == PGRES_POLLING_FAILED)
        conn_connect_failed(c);
    else
        conn_wait_connect(c, st);
}

/* The timer: reconnect after backoff, or give up a connect that takes too long. */
static void
conn_timer_cb(evutil_socket_t fd, short what, void *arg)
{
    struct db_conn *c = arg;
    if (c->state == C_DOWN)
        conn_start(c);
    else if (c->state == C_CONNECTING)
        conn_connect_failed(c);
}

static void
conn_start(struct db_conn *c)
{
    struct db_pool *p = c->pool;
    char opts[64];
    snprintf(opts, sizeof opts, "-c statement_timeout=%d", p->cfg.query_timeout_ms);
    const char *keys[] = {"dbname", "options", "application_name", "client_encoding", NULL};
    const char *vals[] = {p->cfg.conninfo, opts, "peiyud", "UTF8", NULL};
    set_state(c, C_CONNECTING);
    c->pg = PQconnectStartParams(keys, vals, 1);
    if (!c->pg || PQstatus(c->pg) == CONNECTION_BAD) {
        conn_connect_failed(c);
        return;
    }
    struct timeval tv = {p->cfg.connect_timeout_ms / 1000,
                         (p->cfg.connect_timeout_ms % 1000) * 1000};
    evtimer_add(c->timer, &tv);
    conn_wait_connect(c, PGRES_POLLING_WRITING);
}

/* ---- the pool --------------------------------------------------------------- */

/* Every 100 ms: refuse queries that waited too long, break connections whose
 * query overran (the server's statement_timeout should have fired first). */
static void
pool_tick_cb(evutil_socket_t fd, short what, void *arg)
{
    struct db_pool *p = arg;
    uint64_t now = clock_mono_ns();
    uint64_t wait_ns = (uint64_t)p->cfg.wait_timeout_ms * 1000000u;
    while (p->wait_head && now - p->wait_head->enqueued_ns > wait_ns)
        query_complete(wait_pop(p), NULL, -HTTP_E_OVERLOADED);
    uint64_t run_ns = ((uint64_t)p->cfg.query_timeout_ms + 1000u) * 1000000u;
    for (int i = 0; i < p->cfg.size; i++) {
        struct db_conn *c = &p->conns[i];
        if (c->state == C_UP && c->head && now - c->head->started_ns > run_ns)
            conn_broken(c, "query timed out", -HTTP_E_DB_TIMEOUT);
    }
}

struct db_pool *
db_pool_new(struct event_base *base, const struct db_pool_config *cfg,
            const struct db_statement *stmts, size_t nstmts)
{
    struct db_pool *p = xcalloc(1, sizeof *p);
    p->base = base;
    p->cfg = *cfg;
    p->stmts = stmts;
    p->nstmts = nstmts;
    p->conns = xcalloc((size_t)cfg->size, sizeof *p->conns);
    for (int i = 0; i < cfg->size; i++) {
        struct db_conn *c = &p->conns[i];
        c->pool = p;
        c->fd = -1;
        c->prepared = xcalloc(nstmts ? nstmts : 1, 1);
        c->timer = evtimer_new(base, conn_timer_cb, c);
        conn_start(c);
    }
    p->tick = event_new(base, -1, EV_PERSIST, pool_tick_cb, p);
    struct timeval tv = {0, 100000};
    event_add(p->tick, &tv);
    return p;
}

void
db_pool_free(struct db_pool *p)
{
    if (!p)
        return;
    fail_waiters(p, -HTTP_E_DB_UNAVAILABLE);
    for (int i = 0; i < p->cfg.size; i++) {
        struct db_conn *c = &p->conns[i];
        struct db_query *q;
        while ((q = inflight_pop(c))) {
            PQclear(q->res);
            q->res = NULL;
            query_complete(q, NULL, -HTTP_E_DB_UNAVAILABLE);
        }
        if (c->rev)
            event_free(c->rev);
        if (c->wev)
            event_free(c->wev);
        event_free(c->timer);
        set_state(c, C_DOWN);
        PQfinish(c->pg);
        free(c->prepared);
    }
    event_free(p->tick);
    free(p->conns);
    free(p);
}

/*
 * The pool is down and a query wants it: rather than wait out the backoff,
 * try to reconnect now (at most every 100 ms). A Unix-socket connect to a
 * stopped server fails at once, so an outage still answers 503 at once; the
 * first query after PostgreSQL is back waits for the connect and succeeds.
 */
static void
pool_probe(struct db_pool *p)
{
    uint64_t now = clock_mono_ns();
    if (now - p->last_probe_ns < 100000000u)
        return;
    p->last_probe_ns = now;
    bool connecting = false;
    for (int i = 0; i < p->cfg.size; i++) {
        struct db_conn *c = &p->conns[i];
        if (c->state == C_DOWN) {
            evtimer_del(c->timer);
            conn_start(c);
        }
        connecting = connecting || c->state == C_CONNECTING;
    }
    if (connecting)
        p->down = false; /* queue until the attempt decides; a failure fails the queue */
}

int
db_pool_query(struct db_pool *p, size_t stmt, int nparams, const char *const *values,
              db_result_cb cb, void *arg)
{
    if (stmt >= p->nstmts || nparams != p->stmts[stmt].nparams)
        abort(); /* a programming error: the statement table and the caller disagree */
    struct db_conn *idle = pool_pick(p);
    if (!idle && p->down)
        pool_probe(p);
    if (!idle && p->down)
        return -HTTP_E_DB_UNAVAILABLE;
    if (!idle && p->waiting >= p->cfg.max_waiting)
        return -HTTP_E_OVERLOADED;
    size_t bytes = (size_t)nparams * sizeof(char *);
    for (int i = 0; i < nparams; i++)
        bytes += values[i] ? strlen(values[i]) + 1 : 0;
    struct db_query *q = xcalloc(1, sizeof *q);
    q->stmt = stmt;
    q->nparams = nparams;
    q->values = xmalloc(bytes ? bytes : 1);
    char *str = (char *)(q->values + nparams);
    for (int i = 0; i < nparams; i++) {
        if (!values[i]) {
            q->values[i] = NULL;
            continue;
        }
        size_t n = strlen(values[i]) + 1;
        memcpy(str, values[i], n);
        q->values[i] = str;
        str += n;
    }
    q->cb = cb;
    q->arg = arg;
    q->enqueued_ns = clock_mono_ns();
    if (idle) {
        conn_send(idle, q);
        return 0;
    }
    if (p->wait_tail)
        p->wait_tail->next = q;
    else
        p->wait_head = q;
    p->wait_tail = q;
    p->waiting++;
    atomic_fetch_add_explicit(&g_waiting, 1, memory_order_relaxed);
    return 0;
}
