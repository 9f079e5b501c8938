/*
 * listen: one non-blocking PostgreSQL connection per loop that LISTENs on a
 * channel and hands each NOTIFY to a callback on that loop.
 *
 * It connects with PQconnectStart/PQconnectPoll like the pool, reconnects
 * with backoff when the server goes away, and reports each (re)connection so
 * the caller can catch up from the database on what it may have missed
 * (notifications are not queued for a listener that was not connected).
 */
#ifndef PEIYU_DB_LISTEN_H
#define PEIYU_DB_LISTEN_H

#include <stdbool.h>

struct event_base;
struct db_listener;

typedef void (*db_notify_fn)(const char *payload, void *arg);
/* up: the LISTEN is in place (after a connect or reconnect); false: lost. */
typedef void (*db_listen_state_fn)(bool up, void *arg);

/*
 * Start listening on `channel` (a fixed identifier from our code, never
 * from input). Callbacks run on `base`'s loop until db_listener_free.
 */
struct db_listener *db_listener_new(struct event_base *base, const char *conninfo,
                                    const char *channel, db_notify_fn on_notify,
                                    db_listen_state_fn on_state, void *arg);
void db_listener_free(struct db_listener *l);
bool db_listener_up(const struct db_listener *l);

#endif
