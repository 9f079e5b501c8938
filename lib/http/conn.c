/*
 * conn: client connections of one worker: counting them against the cap,
 * closing those that send a request too slowly, and linking each request to
 * the connection it arrived on.
 *
 * libevent 2.1's evhttp offers no "connection closed" hook for connections
 * that never complete a request, and no connection cap. So the worker
 * creates each connection's bufferevent itself (evhttp_set_bevcb) and keeps
 * one extra reference on it. evhttp frees its connection as usual (it shuts
 * the socket down for writing, clears the bufferevent's callbacks and drops
 * its reference); a sweep every SWEEP_MS sees the cleared callbacks, drops
 * our reference — which closes the socket — and forgets the connection. The
 * same sweep shuts down connections whose request did not arrive within
 * read_timeout of the accept or of the previous response (a drip-feeding
 * client outlives evhttp's inactivity timeout otherwise).
 */
#include "http/context.h"
#include "http/worker.h"
#include "core/clock.h"
#include "core/xalloc.h"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/listener.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <sys/socket.h>

#define SWEEP_MS 100

struct http_conn {
    struct http_worker *w;
    struct bufferevent *bev; /* we hold one reference */
    int fd;                  /* -1 until seen */
    uint64_t deadline_ns;    /* a whole request must have arrived by then */
    bool shut;               /* we shut it down for overrunning the deadline */
    struct http_ctx *ctx;    /* the request in flight, or NULL */
    struct http_conn *prev, *next;
};

static _Atomic long open_connections;

long
http_server_connections(void)
{
    return atomic_load_explicit(&open_connections, memory_order_relaxed);
}

static void
listener_set_paused(struct http_worker *w, bool pause)
{
    if (!w->bound || w->listener_paused == pause)
        return;
    struct evconnlistener *l = evhttp_bound_socket_get_listener(w->bound);
    if (pause)
        evconnlistener_disable(l);
    else
        evconnlistener_enable(l);
    w->listener_paused = pause;
}

static uint64_t
read_timeout_ns(const struct http_worker *w)
{
    return (uint64_t)w->cfg->read_timeout_s * 1000000000u;
}

struct bufferevent *
http_conn_make_bev(struct event_base *base, void *arg)
{
    struct http_worker *w = arg;
    struct http_conn *c = xcalloc(1, sizeof *c);
    c->w = w;
    c->fd = -1;
    c->bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
    bufferevent_incref(c->bev);
    c->deadline_ns = clock_mono_ns() + read_timeout_ns(w);
    c->next = w->conns;
    if (w->conns)
        w->conns->prev = c;
    w->conns = c;
    w->nconns++;
    atomic_fetch_add_explicit(&open_connections, 1, memory_order_relaxed);
    if (w->nconns >= w->max_conns)
        listener_set_paused(w, true);
    return c->bev;
}

static void
conn_forget(struct http_conn *c)
{
    struct http_worker *w = c->w;
    if (c->ctx)
        c->ctx->conn = NULL;
    if (c->fd >= 0 && c->fd < w->by_fd_cap && w->by_fd[c->fd] == c)
        w->by_fd[c->fd] = NULL;
    if (c->prev)
        c->prev->next = c->next;
    else
        w->conns = c->next;
    if (c->next)
        c->next->prev = c->prev;
    bufferevent_decref(c->bev); /* the last reference: closes the socket */
    free(c);
    w->nconns--;
    atomic_fetch_sub_explicit(&open_connections, 1, memory_order_relaxed);
    if (!w->stopping && w->nconns < w->max_conns)
        listener_set_paused(w, false);
}

/* Has evhttp let go of this connection? It clears the callbacks when it does. */
static bool
conn_released(const struct http_conn *c)
{
    bufferevent_event_cb eventcb = NULL;
    bufferevent_getcb(c->bev, NULL, NULL, &eventcb, NULL);
    return eventcb == NULL;
}

static void
conn_learn_fd(struct http_conn *c)
{
    struct http_worker *w = c->w;
    if (c->fd >= 0)
        return;
    c->fd = bufferevent_getfd(c->bev);
    if (c->fd >= 0 && c->fd < w->by_fd_cap)
        w->by_fd[c->fd] = c;
}

static void
sweep_cb(evutil_socket_t fd_unused, short what, void *arg)
{
    struct http_worker *w = arg;
    uint64_t now = clock_mono_ns();
    struct http_conn *c = w->conns, *next;
    for (; c; c = next) {
        next = c->next;
        if (conn_released(c)) {
            conn_forget(c);
            continue;
        }
        conn_learn_fd(c);
        if (!c->ctx && !c->shut && now > c->deadline_ns && c->fd >= 0) {
            shutdown(c->fd, SHUT_RDWR); /* evhttp sees EOF and lets go */
            c->shut = true;
        }
    }
}

void
http_conns_start(struct http_worker *w)
{
    w->sweep = event_new(w->base, -1, EV_PERSIST, sweep_cb, w);
    struct timeval tv = {0, SWEEP_MS * 1000};
    event_add(w->sweep, &tv);
}

void
http_conns_stop(struct http_worker *w)
{
    event_free(w->sweep);
    w->sweep = NULL;
    while (w->conns)
        conn_forget(w->conns); /* evhttp_free released them all */
}

bool
http_conns_writing(struct http_worker *w)
{
    for (struct http_conn *c = w->conns; c; c = c->next)
        if (!conn_released(c) && evbuffer_get_length(bufferevent_get_output(c->bev)) > 0)
            return true;
    return false;
}

void
http_worker_request_begin(struct http_worker *w, struct http_ctx *ctx)
{
    struct evhttp_connection *evcon = evhttp_request_get_connection(ctx->req);
    ctx->conn = NULL;
    if (!evcon)
        return;
    struct bufferevent *bev = evhttp_connection_get_bufferevent(evcon);
    evutil_socket_t fd = bufferevent_getfd(bev);
    struct http_conn *c = NULL;
    if (fd >= 0 && fd < w->by_fd_cap && w->by_fd[fd] && w->by_fd[fd]->bev == bev) {
        c = w->by_fd[fd];
    } else {
        /* new connections are at the head of the list */
        for (struct http_conn *p = w->conns; p && !c; p = p->next)
            if (p->bev == bev)
                c = p;
        if (c)
            conn_learn_fd(c);
    }
    if (c) {
        c->ctx = ctx;
        ctx->conn = c;
    }
}

void
http_conn_detach(struct http_conn *c)
{
    if (c->ctx)
        c->ctx->conn = NULL;
    c->ctx = NULL;
    c->deadline_ns = clock_mono_ns() + read_timeout_ns(c->w);
}
