/*
 * server: the HTTP front of peiyud, one libevent loop per worker thread.
 *
 * Each worker owns an event_base (no locking, epoll changelist), an evhttp
 * bound to its own SO_REUSEPORT listening socket, and whatever per-loop state
 * the application creates through worker_init (peiyud: its PostgreSQL pool).
 * Nothing here blocks. Connections are counted per worker through a filter
 * bufferevent whose free callback is the one reliable "connection closed"
 * signal libevent 2.1 offers; a per-connection deadline closes clients that
 * drip a request slower than read_timeout (evhttp's own timeout is an
 * inactivity timeout only).
 */
#ifndef PEIYU_HTTP_SERVER_H
#define PEIYU_HTTP_SERVER_H

#include <stdbool.h>
#include <stddef.h>

#include "http/router.h"

struct event_base;
struct http_server;
struct http_ctx;

struct http_server_config {
    const char *host; /* numeric IPv4 or IPv6 address */
    int port;
    int threads;
    size_t max_header_bytes; /* whole header block */
    size_t max_body_bytes;   /* JSON bodies; larger gets 413 problem+json */
    size_t max_json_depth;
    int idle_timeout_s;     /* inactivity on a connection */
    int read_timeout_s;     /* a whole request must arrive within this after accept or the
                               previous response */
    int max_connections;    /* across workers; each worker takes its share */
    int shutdown_timeout_s; /* drain deadline on SIGTERM */
    bool access_log;        /* JSON lines on stdout */
    const struct route *routes;
    size_t nroutes;
    /* Per-loop application state: called on the worker's thread before it serves. */
    void *(*worker_init)(struct event_base *base, int index, void *arg);
    /* Called on the worker's thread when it begins to drain (after the listener
     * closed): end long-lived replies such as event streams. May be NULL. */
    void (*worker_stopping)(void *app);
    /* Called on the worker's thread once no request is in flight, after the listener closed. */
    void (*worker_fini)(void *app);
    void *app_arg;
    /*
     * Called on the worker thread for a matched request that carries an
     * Authorization header. It resolves the caller (ctx->role, ctx->principal)
     * and then calls http_dispatch_authorized(ctx), or replies itself (401).
     * NULL: every caller is anonymous.
     */
    void (*authenticate)(struct http_ctx *ctx);
};

/* Continue a request after authentication: role check, JSON body, handler. */
void http_dispatch_authorized(struct http_ctx *ctx);

/*
 * Bind the sockets and start the worker threads. Returns the server, or NULL
 * with a message on stderr (e.g. the port is taken). The config and the route
 * table must outlive the server.
 */
struct http_server *http_server_start(const struct http_server_config *cfg);

/*
 * Stop accepting, let in-flight requests finish (at most shutdown_timeout_s),
 * close connections and join the threads. Returns true when every worker
 * drained in time; false when the deadline cut requests off (their memory is
 * then left to process exit). Main thread.
 */
bool http_server_stop(struct http_server *s);

/* Connections open right now, all workers (for metrics). */
long http_server_connections(void);

#endif
