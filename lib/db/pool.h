/*
 * pool: non-blocking PostgreSQL connections owned by one event loop.
 *
 * Each worker loop has its own pool; nothing here is shared between threads
 * except the global gauges. Connections are opened with PQconnectStart /
 * PQconnectPoll driven by the loop, statements are prepared on a connection
 * the first time it runs them (so peiyud can start before migrations and a
 * missing table fails one request, not the pool), queries run with
 * PQsendQueryPrepared in pipeline mode (up to pipeline_depth per connection,
 * one Sync each) and results are read on the loop. When every connection
 * is full, queries wait in a bounded FIFO; a full FIFO is refused.
 * A lost connection fails its query, and the pool reconnects with
 * exponential backoff; service resumes by itself when PostgreSQL is back.
 */
#ifndef PEIYU_DB_POOL_H
#define PEIYU_DB_POOL_H

#include <libpq-fe.h>
#include <stddef.h>
#include <stdint.h>

struct event_base;
struct db_pool;

/* A named SQL statement, prepared per connection on first use. */
struct db_statement {
    const char *name;
    const char *sql;
    int nparams;
};

struct db_pool_config {
    const char *conninfo;   /* libpq URL or key=value string, from configuration only */
    int size;               /* connections */
    int pipeline_depth;     /* queries in flight per connection (libpq pipeline mode) */
    int max_waiting;        /* FIFO bound; more is refused with -HTTP_E_OVERLOADED */
    int wait_timeout_ms;    /* a query waiting longer for a connection is refused */
    int query_timeout_ms;   /* statement_timeout, and the client-side cap (+1 s) */
    int connect_timeout_ms; /* one connection attempt */
    int backoff_max_ms;     /* reconnect backoff ceiling */
};

/*
 * Called exactly once per accepted query, on the pool's loop. Either `err` is
 * 0 and `res` is the statement's result (which may be an error result: check
 * PQresultStatus), or `err` is -HTTP_E_DB_UNAVAILABLE, -HTTP_E_DB_TIMEOUT or
 * -HTTP_E_OVERLOADED and `res` is NULL. The pool clears `res` after the
 * callback returns; copy what you need.
 */
typedef void (*db_result_cb)(void *arg, PGresult *res, int err);

/*
 * Every query runs as its own implicit transaction, committed at its Sync;
 * an error that arrives after the statement's result (a failure at COMMIT)
 * replaces that result, so a write that did not happen is never reported as
 * done. A query whose transaction ended in a serialization failure or a
 * deadlock (SQLSTATE 40001, 40P01) was rolled back whole and is sent again,
 * up to DB_SERIALIZATION_ATTEMPTS sends in all; the callback gets the last
 * result (callers answer 503 database-conflict with Retry-After).
 */
#define DB_SERIALIZATION_ATTEMPTS 3

/* Create the pool and start connecting. The statement table must outlive it. */
struct db_pool *db_pool_new(struct event_base *base, const struct db_pool_config *cfg,
                            const struct db_statement *stmts, size_t nstmts);

/*
 * Free the pool. Only when no query is in flight or waiting (after the
 * worker drained); closes the connections.
 */
void db_pool_free(struct db_pool *p);

/*
 * Run statement `stmt` (index into the table) with text parameters (copied;
 * NULL for SQL NULL). Returns 0 and calls `cb` later exactly once; or returns
 * -HTTP_E_DB_UNAVAILABLE (no connection and the last attempt failed) or
 * -HTTP_E_OVERLOADED (FIFO full), and `cb` is never called. On 0 the callback
 * may already have run (a send that fails at once), so the caller must not
 * touch `arg` after a successful call.
 */
int db_pool_query(struct db_pool *p, size_t stmt, int nparams, const char *const *values,
                  db_result_cb cb, void *arg);

/* Process-wide gauges over all pools (any thread). */
struct db_pool_gauges {
    long connections_up;
    long in_use;
    long waiting;
    uint64_t errors_total;
    uint64_t retries_total; /* queries sent again after a serialization failure or deadlock */
};
void db_pool_gauges(struct db_pool_gauges *g);

/* Count a database error seen by a caller (a statement that failed on the
 * server's side: timeout, internal error), for peiyu_db_errors_total. */
void db_pool_count_error(void);

#endif
