/*
 * offload: run slow CPU work (password hashing) off the event loops.
 *
 * A small pool of threads shared by the process takes jobs; when a job is
 * done its completion runs back on the loop that submitted it, woken through
 * that loop's eventfd. The loops never block and never take a lock longer
 * than a list push.
 */
#ifndef PEIYU_HTTP_OFFLOAD_H
#define PEIYU_HTTP_OFFLOAD_H

struct event_base;
struct offload_loop;

typedef void (*offload_work_fn)(void *arg); /* runs on a pool thread */
typedef void (*offload_done_fn)(void *arg); /* runs on the submitting loop */

/* Start the pool (main thread, once). */
void offload_start(int threads);
/* Stop the pool after the loops stopped (main thread). */
void offload_stop(void);

/* Per-loop endpoint for completions (worker thread). */
struct offload_loop *offload_loop_new(struct event_base *base);
/* Free it; only with no job outstanding. */
void offload_loop_free(struct offload_loop *l);

/* Queue work(arg) on the pool; done(arg) then runs on l's loop. Never fails. */
void offload_submit(struct offload_loop *l, offload_work_fn work, offload_done_fn done, void *arg);

#endif
