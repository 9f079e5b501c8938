/*
 * events: GET /v1/events, a Server-Sent Events stream of the application
 * changes the caller may see, fed by PostgreSQL LISTEN/NOTIFY.
 *
 * audit_append() notifies channel peiyu_audit with "<event id> <stream>" at
 * commit. Each worker keeps one listener connection (started with its first
 * subscriber) and a list of subscribers. A notification adds the id to every
 * subscriber's pending set; each subscriber then fetches exactly those ids
 * with ONE scoped statement at a time (so what it sees is decided in SQL,
 * and ids that commit out of order are not skipped) and writes them as
 * `id:` / `event:` / `data:` records. `Last-Event-ID` (or ?last_event_id=)
 * replays what came after that id first (up to EVENTS_BACKFILL events).
 *
 * Slow consumers never block the loop or other clients: a subscriber has at
 * most one chunk in flight and one query in flight; what arrives meanwhile
 * waits in its own buffer, and a subscriber whose backlog passes
 * EVENTS_MAX_BACKLOG bytes or ids is disconnected (it reconnects with
 * Last-Event-ID). A comment line every EVENTS_HEARTBEAT_S seconds keeps
 * proxies from timing out and reveals clients that left.
 *
 * Lifetime: a subscriber lives from events_stream to sub_end, the one place
 * it ends (http_stream_end) and is freed. Whatever wants it gone (the client
 * left, a write or statement failed, a backlog overflowed, the listener was
 * lost, the worker drains) calls sub_close, which stops further writes and
 * statements and arms sub_end only once no statement is in flight: while
 * one runs, its callback still owns a reference, and it calls sub_close
 * again when it returns. So sub_end is armed at most once, runs on a loop
 * turn of its own (never inside on_close, as http_stream_* asks), and
 * nothing refers to the subscriber after it.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "core/xalloc.h"
#include "db/listen.h"
#include "http/context.h"

#include <event2/buffer.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define EVENTS_BACKFILL    1000
#define EVENTS_MAX_BACKLOG (256 * 1024)
#define EVENTS_MAX_IDS     4096
#define EVENTS_HEARTBEAT_S 15

struct subscriber {
    struct events_hub *hub;
    struct http_ctx *ctx;
    struct app_actor actor; /* scope parameters, valid while ctx lives */
    long long last_id;
    long long *ids; /* notified ids not yet fetched */
    size_t nids, capids;
    struct evbuffer *backlog; /* formatted, not yet handed to the stream */
    struct event *end;        /* sub_end, activated once by sub_close */
    bool writing;             /* a chunk is in flight */
    bool querying;            /* a statement is in flight: its callback holds s */
    bool closing;             /* no more writes or statements */
    bool ending;              /* sub_end is activated */
    struct subscriber *prev, *next;
};

struct events_hub {
    struct app_worker *app;
    struct event_base *base;
    struct db_listener *listener;
    struct event *heartbeat;
    struct subscriber *subs;
    bool stopping;
};

struct events_hub *
events_hub_new(struct app_worker *app, struct event_base *base)
{
    struct events_hub *h = xcalloc(1, sizeof *h);
    h->app = app;
    h->base = base;
    return h;
}

void
events_hub_free(struct events_hub *h)
{
    if (!h)
        return;
    db_listener_free(h->listener);
    if (h->heartbeat)
        event_free(h->heartbeat);
    free(h);
}

static void sub_fetch(struct subscriber *s);

static void
sub_unlink(struct subscriber *s)
{
    struct events_hub *h = s->hub;
    if (s->prev)
        s->prev->next = s->next;
    else
        h->subs = s->next;
    if (s->next)
        s->next->prev = s->prev;
}

/* The one end of a subscriber (see the top of this file). */
static void
sub_end(evutil_socket_t fd, short what, void *arg)
{
    struct subscriber *s = arg;
    sub_unlink(s);
    http_stream_end(s->ctx);
    event_free(s->end);
    evbuffer_free(s->backlog);
    free(s->ids);
    free(s);
}

/* Stop writing and querying; end once no statement is in flight. Any number
 * of calls, from anywhere on the loop (on_close included). */
static void
sub_close(struct subscriber *s)
{
    s->closing = true;
    if (s->querying || s->ending)
        return; /* sub_fetched calls again when the statement returns */
    s->ending = true;
    event_active(s->end, EV_TIMEOUT, 0);
}

/* Hand the backlog to the stream when no chunk is in flight. */
static void
sub_flush(struct subscriber *s)
{
    if (s->writing || s->closing || evbuffer_get_length(s->backlog) == 0)
        return;
    size_t n = evbuffer_get_length(s->backlog);
    const char *data = (const char *)evbuffer_pullup(s->backlog, (ev_ssize_t)n);
    if (http_stream_write(s->ctx, data, n) < 0) {
        sub_close(s);
        return;
    }
    evbuffer_drain(s->backlog, n);
    s->writing = true;
}

static void
sub_drained(struct http_ctx *ctx, void *arg)
{
    struct subscriber *s = arg;
    s->writing = false;
    sub_flush(s);
}

static void
sub_closed(struct http_ctx *ctx, void *arg)
{
    sub_close(arg);
}

static void
sub_fetched(void *arg, PGresult *res, int err)
{
    struct subscriber *s = arg;
    s->querying = false;
    if (s->closing || err || PQresultStatus(res) != PGRES_TUPLES_OK) {
        sub_close(s); /* on an error the client reconnects with Last-Event-ID */
        return;
    }
    for (int i = 0; i < PQntuples(res); i++) {
        long long id = strtoll(PQgetvalue(res, i, 0), NULL, 10);
        if (id <= s->last_id && s->last_id)
            continue; /* already sent by the replay */
        evbuffer_add_printf(s->backlog, "id: %lld\nevent: %s\ndata: %s\n\n", id,
                            PQgetvalue(res, i, 1), PQgetvalue(res, i, 2));
        if (id > s->last_id)
            s->last_id = id;
    }
    if (evbuffer_get_length(s->backlog) > EVENTS_MAX_BACKLOG) {
        sub_close(s); /* too slow a reader: it resumes with Last-Event-ID */
        return;
    }
    sub_flush(s);
    sub_fetch(s);
}

/* Start the next statement for this subscriber, if there is work and none runs. */
static void
sub_fetch(struct subscriber *s)
{
    if (s->querying || s->closing || s->nids == 0)
        return;
    char *arr = xmalloc(s->nids * 21 + 3), *p = arr;
    *p++ = '{';
    for (size_t i = 0; i < s->nids; i++)
        p += sprintf(p, "%s%lld", i ? "," : "", s->ids[i]);
    *p++ = '}';
    *p = '\0';
    s->nids = 0;
    const char *params[4] = {s->actor.role, s->actor.firm, s->actor.prefixes, arr};
    s->querying = true;
    int rc = db_pool_query(s->hub->app->pool, STMT_EVENTS_BY_IDS, 4, params, sub_fetched, s);
    free(arr);
    if (rc < 0) {
        s->querying = false;
        sub_close(s);
    }
}

static void
hub_notify(const char *payload, void *arg)
{
    struct events_hub *h = arg;
    long long id = strtoll(payload, NULL, 10);
    if (id <= 0)
        return;
    for (struct subscriber *s = h->subs, *next; s; s = next) {
        next = s->next;
        if (s->closing)
            continue;
        if (s->nids == EVENTS_MAX_IDS) {
            sub_close(s);
            continue;
        }
        if (s->nids == s->capids)
            s->ids =
                xrealloc(s->ids, (s->capids = s->capids ? s->capids * 2 : 16) * sizeof *s->ids);
        s->ids[s->nids++] = id;
        sub_fetch(s);
    }
}

/* The listener lost its connection: notifications may be missed until it is
 * back, so subscribers are told to reconnect and resume with Last-Event-ID. */
static void
hub_listen_state(bool up, void *arg)
{
    struct events_hub *h = arg;
    if (up)
        return;
    for (struct subscriber *s = h->subs; s; s = s->next)
        sub_close(s);
}

static void
hub_heartbeat(evutil_socket_t fd, short what, void *arg)
{
    struct events_hub *h = arg;
    for (struct subscriber *s = h->subs; s; s = s->next) {
        if (s->closing)
            continue;
        evbuffer_add(s->backlog, ": keep-alive\n\n", 14);
        sub_flush(s);
    }
}

void
events_hub_stop(struct events_hub *h)
{
    if (!h)
        return;
    h->stopping = true;
    for (struct subscriber *s = h->subs; s; s = s->next)
        sub_close(s);
}

static void
sub_replayed(void *arg, PGresult *res, int err)
{
    sub_fetched(arg, res, err);
}

void
events_stream(struct http_ctx *ctx)
{
    struct app_worker *app = http_ctx_app(ctx);
    struct events_hub *h = app->events;
    const char *last = http_ctx_header(ctx, "Last-Event-ID");
    if (!last)
        last = http_ctx_query(ctx, "last_event_id");
    long long last_id = 0;
    if (last) {
        size_t n = strlen(last);
        if (n == 0 || n > 18 || strspn(last, "0123456789") != n) {
            http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "Last-Event-ID",
                               "Last-Event-ID is the id of an event you received");
            return;
        }
        last_id = strtoll(last, NULL, 10);
    }
    if (h->stopping) {
        http_reply_problem(ctx, HTTP_E_NOT_READY, NULL, "the server is stopping");
        return;
    }
    if (!h->listener) {
        h->listener = db_listener_new(h->base, app->shared->pool.conninfo, "peiyu_audit",
                                      hub_notify, hub_listen_state, h);
        h->heartbeat = event_new(h->base, -1, EV_PERSIST, hub_heartbeat, h);
        struct timeval tv = {EVENTS_HEARTBEAT_S, 0};
        event_add(h->heartbeat, &tv);
    }
    struct subscriber *s = xcalloc(1, sizeof *s);
    s->hub = h;
    s->ctx = ctx;
    s->end = event_new(h->base, -1, 0, sub_end, s);
    s->backlog = evbuffer_new();
    s->last_id = last_id;
    app_actor(ctx, &s->actor);
    s->next = h->subs;
    if (h->subs)
        h->subs->prev = s;
    h->subs = s;
    http_stream_start(ctx, 200, "text/event-stream", sub_drained, sub_closed, s);
    /* tell the client how soon to reconnect, and open the stream at once */
    evbuffer_add_printf(s->backlog, "retry: 2000\n: peiyu events for %s\n\n", s->actor.login);
    sub_flush(s);
    if (last && !s->closing) {
        char after[24], limit[8];
        snprintf(after, sizeof after, "%lld", last_id);
        snprintf(limit, sizeof limit, "%d", EVENTS_BACKFILL);
        const char *params[5] = {s->actor.role, s->actor.firm, s->actor.prefixes, after, limit};
        s->querying = true;
        if (db_pool_query(app->pool, STMT_EVENTS_SINCE, 5, params, sub_replayed, s) < 0) {
            s->querying = false;
            sub_close(s);
        }
    }
}
