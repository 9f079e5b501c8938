/*
 * offload: see offload.h. One mutex and condition variable guard the job
 * queue; each loop has its own mutex-guarded completion list and eventfd.
 */
#include "http/offload.h"
#include "core/xalloc.h"

#include <errno.h>
#include <event2/event.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/eventfd.h>
#include <unistd.h>

struct job {
    struct offload_loop *loop;
    offload_work_fn work;
    offload_done_fn done;
    void *arg;
    struct job *next;
};

struct offload_loop {
    int efd;
    struct event *ev;
    pthread_mutex_t mu;
    struct job *done_head, *done_tail;
};

static struct {
    pthread_mutex_t mu;
    pthread_cond_t cv;
    struct job *head, *tail;
    bool stopping;
    pthread_t *threads;
    int nthreads;
} P = {.mu = PTHREAD_MUTEX_INITIALIZER, .cv = PTHREAD_COND_INITIALIZER};

static void *
pool_main(void *unused)
{
    for (;;) {
        pthread_mutex_lock(&P.mu);
        while (!P.head && !P.stopping)
            pthread_cond_wait(&P.cv, &P.mu);
        if (!P.head) {
            pthread_mutex_unlock(&P.mu);
            return NULL;
        }
        struct job *j = P.head;
        P.head = j->next;
        if (!P.head)
            P.tail = NULL;
        pthread_mutex_unlock(&P.mu);

        j->work(j->arg);

        struct offload_loop *l = j->loop;
        j->next = NULL;
        pthread_mutex_lock(&l->mu);
        if (l->done_tail)
            l->done_tail->next = j;
        else
            l->done_head = j;
        l->done_tail = j;
        pthread_mutex_unlock(&l->mu);
        uint64_t one = 1;
        while (write(l->efd, &one, sizeof one) < 0 && errno == EINTR)
            ;
    }
}

void
offload_start(int threads)
{
    P.nthreads = threads < 1 ? 1 : threads;
    P.threads = xcalloc((size_t)P.nthreads, sizeof *P.threads);
    for (int i = 0; i < P.nthreads; i++)
        pthread_create(&P.threads[i], NULL, pool_main, NULL);
}

void
offload_stop(void)
{
    pthread_mutex_lock(&P.mu);
    P.stopping = true;
    pthread_cond_broadcast(&P.cv);
    pthread_mutex_unlock(&P.mu);
    for (int i = 0; i < P.nthreads; i++)
        pthread_join(P.threads[i], NULL);
    free(P.threads);
    P.threads = NULL;
    P.nthreads = 0;
    P.stopping = false;
}

static void
loop_wake_cb(evutil_socket_t fd, short what, void *arg)
{
    struct offload_loop *l = arg;
    uint64_t n;
    if (read(fd, &n, sizeof n) < 0 && errno != EAGAIN)
        return;
    pthread_mutex_lock(&l->mu);
    struct job *j = l->done_head;
    l->done_head = l->done_tail = NULL;
    pthread_mutex_unlock(&l->mu);
    while (j) {
        struct job *next = j->next;
        j->done(j->arg);
        free(j);
        j = next;
    }
}

struct offload_loop *
offload_loop_new(struct event_base *base)
{
    struct offload_loop *l = xcalloc(1, sizeof *l);
    pthread_mutex_init(&l->mu, NULL);
    l->efd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    l->ev = event_new(base, l->efd, EV_READ | EV_PERSIST, loop_wake_cb, l);
    event_add(l->ev, NULL);
    return l;
}

void
offload_loop_free(struct offload_loop *l)
{
    if (!l)
        return;
    event_free(l->ev);
    close(l->efd);
    pthread_mutex_destroy(&l->mu);
    free(l);
}

void
offload_submit(struct offload_loop *l, offload_work_fn work, offload_done_fn done, void *arg)
{
    struct job *j = xcalloc(1, sizeof *j);
    j->loop = l;
    j->work = work;
    j->done = done;
    j->arg = arg;
    pthread_mutex_lock(&P.mu);
    if (P.tail)
        P.tail->next = j;
    else
        P.head = j;
    P.tail = j;
    pthread_cond_signal(&P.cv);
    pthread_mutex_unlock(&P.mu);
}
