/*
 * listen: see listen.h. States: DOWN (waiting to retry) → CONNECTING →
 * LISTENING (the LISTEN command sent, then idle reading notifications).
 */
#include "db/listen.h"
#include "core/xalloc.h"

#include <event2/event.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum lstate { L_DOWN, L_CONNECTING, L_LISTENING };

struct db_listener {
    struct event_base *base;
    char *conninfo;
    char listen_sql[96];
    db_notify_fn on_notify;
    db_listen_state_fn on_state;
    void *arg;
    PGconn *pg;
    enum lstate state;
    bool up; /* LISTEN confirmed */
    struct event *ev;
    struct event *timer;
    int backoff_ms;
};

static void listener_start(struct db_listener *l);

static void
listener_down(struct db_listener *l)
{
    bool was_up = l->up;
    if (l->ev)
        event_free(l->ev);
    l->ev = NULL;
    PQfinish(l->pg);
    l->pg = NULL;
    l->state = L_DOWN;
    l->up = false;
    l->backoff_ms = l->backoff_ms ? l->backoff_ms * 2 : 100;
    if (l->backoff_ms > 2000)
        l->backoff_ms = 2000;
    struct timeval tv = {l->backoff_ms / 1000, (l->backoff_ms % 1000) * 1000};
    evtimer_add(l->timer, &tv);
    if (was_up && l->on_state)
        l->on_state(false, l->arg);
}

static void
listener_read_cb(evutil_socket_t fd, short what, void *arg)
{
    struct db_listener *l = arg;
    if (!PQconsumeInput(l->pg)) {
        listener_down(l);
        return;
    }
    while (!PQisBusy(l->pg)) {
        PGresult *r = PQgetResult(l->pg);
        if (!r)
            break;
        if (PQresultStatus(r) == PGRES_COMMAND_OK && !l->up) {
            l->up = true;
            l->backoff_ms = 0;
            if (l->on_state)
                l->on_state(true, l->arg);
        }
        PQclear(r);
    }
    PGnotify *n;
    while (l->pg && (n = PQnotifies(l->pg))) {
        l->on_notify(n->extra, l->arg);
        PQfreemem(n);
    }
    if (l->pg && PQstatus(l->pg) == CONNECTION_BAD)
        listener_down(l);
}

static void listener_connect_cb(evutil_socket_t fd, short what, void *arg);

static void
listener_wait(struct db_listener *l, PostgresPollingStatusType st)
{
    if (l->ev)
        event_free(l->ev);
    l->ev = event_new(l->base, PQsocket(l->pg), st == PGRES_POLLING_READING ? EV_READ : EV_WRITE,
                      listener_connect_cb, l);
    event_add(l->ev, NULL);
}

static void
listener_connect_cb(evutil_socket_t fd, short what, void *arg)
{
    struct db_listener *l = arg;
    PostgresPollingStatusType st = PQconnectPoll(l->pg);
    if (st == PGRES_POLLING_FAILED) {
        listener_down(l);
        return;
    }
    if (st != PGRES_POLLING_OK) {
        listener_wait(l, st);
        return;
    }
    event_free(l->ev);
    PQsetnonblocking(l->pg, 1);
    l->ev = event_new(l->base, PQsocket(l->pg), EV_READ | EV_PERSIST, listener_read_cb, l);
    event_add(l->ev, NULL);
    l->state = L_LISTENING;
    if (!PQsendQuery(l->pg, l->listen_sql) || PQflush(l->pg) < 0)
        listener_down(l);
}

static void
listener_timer_cb(evutil_socket_t fd, short what, void *arg)
{
    listener_start(arg);
}

static void
listener_start(struct db_listener *l)
{
    const char *keys[] = {"dbname", "application_name", NULL};
    const char *vals[] = {l->conninfo, "peiyud-listen", NULL};
    l->state = L_CONNECTING;
    l->pg = PQconnectStartParams(keys, vals, 1);
    if (!l->pg || PQstatus(l->pg) == CONNECTION_BAD) {
        listener_down(l);
        return;
    }
    listener_wait(l, PGRES_POLLING_WRITING);
}

struct db_listener *
db_listener_new(struct event_base *base, const char *conninfo, const char *channel,
                db_notify_fn on_notify, db_listen_state_fn on_state, void *arg)
{
    struct db_listener *l = xcalloc(1, sizeof *l);
    l->base = base;
    l->conninfo = xstrdup(conninfo);
    snprintf(l->listen_sql, sizeof l->listen_sql, "LISTEN %s", channel);
    l->on_notify = on_notify;
    l->on_state = on_state;
    l->arg = arg;
    l->timer = evtimer_new(base, listener_timer_cb, l);
    listener_start(l);
    return l;
}

bool
db_listener_up(const struct db_listener *l)
{
    return l->up;
}

void
db_listener_free(struct db_listener *l)
{
    if (!l)
        return;
    if (l->ev)
        event_free(l->ev);
    event_free(l->timer);
    PQfinish(l->pg);
    free(l->conninfo);
    free(l);
}
