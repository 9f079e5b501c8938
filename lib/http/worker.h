/*
 * worker: internal to lib/http. The per-thread state shared by server.c
 * (loop, listener, connections, drain) and context.c (replies, access log).
 * Every field is touched only on the worker's own thread, except `wake_fd`.
 */
#ifndef PEIYU_HTTP_WORKER_H
#define PEIYU_HTTP_WORKER_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "http/server.h"

struct event;
struct evhttp;
struct evbuffer;
struct evhttp_bound_socket;
struct http_conn;
struct bufferevent;
struct http_ctx;
struct evhttp_request;

struct http_worker {
    int index;
    const struct http_server_config *cfg;
    struct event_base *base;
    struct evhttp *http;
    struct evhttp_bound_socket *bound;
    int listen_fd;
    void *app;
    pthread_t thread;
    int wake_fd; /* eventfd written by the main thread to start the drain */
    struct event *wake_ev;
    struct event *drain_deadline;
    struct event *log_flush;
    struct evbuffer *log;
    bool stopping;
    bool drained; /* true once the worker shut down with nothing in flight */
    bool listener_paused;
    long inflight;
    long nconns;             /* connections holding one of the max_conns places */
    long max_conns;          /* this worker's share of --max-connections */
    long noverflow;          /* connections accepted over the cap, to be answered 503 */
    long max_overflow;       /* the listener pauses while this many are open */
    struct http_conn *conns; /* every connection of this worker, newest first */
    struct http_conn *idle_head, *idle_tail; /* conn.c: idle connections, idle longest first */
    struct event *sweep;      /* conn.c: releases closed connections, enforces deadlines */
    struct http_conn **by_fd; /* fd -> connection, for fds this worker owns */
    int by_fd_cap;
    char reqid_prefix[16];
    uint64_t reqid_counter;
    time_t date_sec;
    char date[40];
};

/* Called by context.c after a request's reply was handed to evhttp. */
void http_worker_request_done(struct http_worker *w);
/* Called by context.c when a request starts: links ctx and the connection it
 * arrived on (both ways, so whichever ends first unlinks the other). */
void http_worker_request_begin(struct http_worker *w, struct http_ctx *ctx);
/* Detach a finished context from its connection and re-arm the read deadline
 * for the next request. */
void http_conn_detach(struct http_conn *c);
/* Was the connection accepted over the cap (its request gets 503 and Connection:
 * close)? False for NULL. */
bool http_conn_overflow(const struct http_conn *c);
/* conn.c: evhttp_set_bevcb callback, and the sweep's start and stop. */
struct bufferevent *http_conn_make_bev(struct event_base *base, void *arg);
void http_conns_start(struct http_worker *w);
void http_conns_stop(struct http_worker *w);
/* Does any connection still have a reply to write? */
bool http_conns_writing(struct http_worker *w);
/* conn.c: the connection's request-head scanner (strict.c). */
struct http_strict *http_conn_strict(struct http_conn *c);
/* Cached HTTP Date for this second. */
const char *http_worker_date(struct http_worker *w);

#endif
