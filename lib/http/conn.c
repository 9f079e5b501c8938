/*
 * conn: client connections of one worker: counting them against the cap,
 * making room at the cap, closing those that send a request too slowly, and
 * linking each request to the connection it arrived on.
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
 *
 * The cap: each worker holds at most max_conns places (its share of
 * --max-connections). The listener stays enabled, so a new client never
 * waits in the kernel's backlog. At the cap the new connection takes the
 * place of the connection idle longest, if that one has been idle for
 * EVICT_IDLE_MS (RFC 9112 §9.6: an idle persistent connection may be closed
 * at any time; it gets a plain FIN, never part of a reply). A connection is
 * idle from its accept, or from the moment its last reply left the output
 * buffer, until the client sends a byte; idle connections sit on a list in
 * that order (evbuffer callbacks on the input and output buffers keep it), so
 * the choice is O(1). When none qualifies, every connection is in use: the
 * new one is accepted over the cap, its request is answered 503 `overloaded`
 * with Connection: close (server.c), and it gets OVERFLOW_READ_MS to send it.
 * Only while max_overflow such connections are open (a quarter of the share,
 * at least 8; server.c sets it and raises the open file limit to match) does
 * the listener pause.
 */
#include "http/context.h"
#include "http/strict.h"
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

#define SWEEP_MS         100
#define EVICT_IDLE_MS    1000 /* idle at least this long to be closed for a new client */
#define OVERFLOW_READ_MS 2000 /* an over-cap connection's time to send its request */

struct http_conn {
    struct http_worker *w;
    struct bufferevent *bev;         /* we hold one reference */
    int fd;                          /* -1 until seen */
    uint64_t deadline_ns;            /* a whole request must have arrived by then */
    uint64_t idle_since_ns;          /* while on the idle list */
    bool shut;                       /* we shut it down (deadline passed, or closed for room) */
    bool counted;                    /* holds one of the worker's max_conns places */
    bool overflow;                   /* accepted over the cap: answered 503, then closed */
    bool pending_input;              /* the client sent bytes not answered yet */
    bool idle;                       /* on the worker's idle list */
    struct http_ctx *ctx;            /* the request in flight, or NULL */
    struct http_conn *prev, *next;   /* every connection of the worker */
    struct http_conn *iprev, *inext; /* the idle list, idle longest first */
    struct http_strict strict;       /* strict.c: scans the raw request heads */
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

static void
idle_append(struct http_conn *c, uint64_t now)
{
    struct http_worker *w = c->w;
    c->idle = true;
    c->idle_since_ns = now;
    c->inext = NULL;
    c->iprev = w->idle_tail;
    if (w->idle_tail)
        w->idle_tail->inext = c;
    else
        w->idle_head = c;
    w->idle_tail = c;
}

static void
idle_unlink(struct http_conn *c)
{
    struct http_worker *w = c->w;
    if (!c->idle)
        return;
    if (c->iprev)
        c->iprev->inext = c->inext;
    else
        w->idle_head = c->inext;
    if (c->inext)
        c->inext->iprev = c->iprev;
    else
        w->idle_tail = c->iprev;
    c->idle = false;
    c->iprev = c->inext = NULL;
}

/* Bytes arrived: the connection is in use until they are answered. */
static void
conn_input_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
    struct http_conn *c = arg;
    if (info->n_added == 0)
        return;
    c->pending_input = true;
    idle_unlink(c);
}

/* The output buffer emptied: with no request pending, the connection is idle. */
static void
conn_output_cb(struct evbuffer *buf, const struct evbuffer_cb_info *info, void *arg)
{
    struct http_conn *c = arg;
    if (info->n_deleted == 0 || evbuffer_get_length(buf) > 0)
        return;
    if (c->counted && !c->ctx && !c->pending_input && !c->idle)
        idle_append(c, clock_mono_ns());
}

static void
conn_uncount(struct http_conn *c)
{
    if (!c->counted)
        return;
    c->counted = false;
    c->w->nconns--;
}

/* Shut the socket down both ways: evhttp reads EOF and lets go (the sweep then
 * closes it); the place is free at once. */
static void
conn_shut(struct http_conn *c)
{
    shutdown(c->fd, SHUT_RDWR);
    c->shut = true;
    idle_unlink(c);
    conn_uncount(c);
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
    idle_unlink(c);
    conn_uncount(c);
    if (c->overflow)
        w->noverflow--;
    evbuffer_remove_cb(bufferevent_get_input(c->bev), conn_input_cb, c);
    evbuffer_remove_cb(bufferevent_get_output(c->bev), conn_output_cb, c);
    http_strict_detach(&c->strict);
    bufferevent_decref(c->bev); /* the last reference: closes the socket */
    free(c);
    atomic_fetch_sub_explicit(&open_connections, 1, memory_order_relaxed);
    if (!w->stopping && w->noverflow < w->max_overflow)
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

/* At the cap, free a place by closing the connection idle longest, if it has
 * been idle EVICT_IDLE_MS. Each turn removes the head of the idle list, so
 * this costs O(1) per accept, amortized. True when a place is free. */
static bool
conn_make_room(struct http_worker *w, uint64_t now)
{
    while (w->nconns >= w->max_conns && w->idle_head) {
        struct http_conn *v = w->idle_head;
        if (conn_released(v)) { /* evhttp closed it already; the sweep has not yet */
            conn_forget(v);
            continue;
        }
        if (now - v->idle_since_ns < (uint64_t)EVICT_IDLE_MS * 1000000u)
            break; /* the others were idle for less still */
        conn_learn_fd(v);
        if (v->fd < 0 || evbuffer_get_length(bufferevent_get_input(v->bev)) > 0 ||
            evbuffer_get_length(bufferevent_get_output(v->bev)) > 0) {
            idle_unlink(v); /* not idle after all */
            continue;
        }
        conn_shut(v);
    }
    return w->nconns < w->max_conns;
}

struct bufferevent *
http_conn_make_bev(struct event_base *base, void *arg)
{
    struct http_worker *w = arg;
    uint64_t now = clock_mono_ns();
    struct http_conn *c = xcalloc(1, sizeof *c);
    c->w = w;
    c->fd = -1;
    c->bev = bufferevent_socket_new(base, -1, BEV_OPT_CLOSE_ON_FREE);
    bufferevent_incref(c->bev);
    http_strict_attach(&c->strict, c->bev);
    evbuffer_add_cb(bufferevent_get_input(c->bev), conn_input_cb, c);
    evbuffer_add_cb(bufferevent_get_output(c->bev), conn_output_cb, c);
    c->next = w->conns;
    if (w->conns)
        w->conns->prev = c;
    w->conns = c;
    atomic_fetch_add_explicit(&open_connections, 1, memory_order_relaxed);
    if (conn_make_room(w, now)) {
        c->counted = true;
        w->nconns++;
        c->deadline_ns = now + read_timeout_ns(w);
        idle_append(c, now); /* until its first byte */
    } else {
        c->overflow = true;
        w->noverflow++;
        uint64_t t = (uint64_t)OVERFLOW_READ_MS * 1000000u;
        c->deadline_ns = now + (t < read_timeout_ns(w) ? t : read_timeout_ns(w));
        if (w->noverflow >= w->max_overflow)
            listener_set_paused(w, true);
    }
    return c->bev;
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
        if (!c->ctx && !c->shut && now > c->deadline_ns && c->fd >= 0)
            conn_shut(c);
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
        /* anything after this request is the start of the next one */
        c->pending_input = evbuffer_get_length(bufferevent_get_input(c->bev)) > 0;
    }
}

bool
http_conn_overflow(const struct http_conn *c)
{
    return c && c->overflow;
}

void
http_conn_detach(struct http_conn *c)
{
    if (c->ctx)
        c->ctx->conn = NULL;
    c->ctx = NULL;
    c->deadline_ns = clock_mono_ns() + read_timeout_ns(c->w);
}

struct http_strict *
http_conn_strict(struct http_conn *c)
{
    return &c->strict;
}
