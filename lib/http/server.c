/*
 * server: worker threads, listening sockets, connection accounting, request
 * dispatch and the graceful drain (see server.h).
 *
 * Threading: the main thread binds the sockets, starts the workers and later
 * asks them to stop through an eventfd each. Everything else runs on the
 * worker's own loop; no lock is taken on the request path.
 */
#include "http/server.h"
#include "http/context.h"
#include "http/json_body.h"
#include "http/metrics.h"
#include "http/strict.h"
#include "http/worker.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <arpa/inet.h>
#include <errno.h>
#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <event2/listener.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/eventfd.h>
#include <sys/random.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <unistd.h>

struct http_server {
    struct http_server_config cfg;
    struct http_worker *workers;
    int nworkers;
};

const char *
http_worker_date(struct http_worker *w)
{
    time_t now = time(NULL);
    if (now != w->date_sec) {
        struct tm tm;
        gmtime_r(&now, &tm);
        strftime(w->date, sizeof w->date, "%a, %d %b %Y %H:%M:%S GMT", &tm);
        w->date_sec = now;
    }
    return w->date;
}

/* ---- dispatch ------------------------------------------------------------ */

static unsigned
method_bit(enum evhttp_cmd_type t)
{
    switch (t) {
    case EVHTTP_REQ_GET:
        return HTTP_GET;
    case EVHTTP_REQ_HEAD:
        return HTTP_HEAD;
    case EVHTTP_REQ_POST:
        return HTTP_POST;
    case EVHTTP_REQ_PUT:
        return HTTP_PUT;
    case EVHTTP_REQ_PATCH:
        return HTTP_PATCH;
    case EVHTTP_REQ_DELETE:
        return HTTP_DELETE;
    case EVHTTP_REQ_OPTIONS:
        return HTTP_OPTIONS;
    default:
        return 0;
    }
}

static bool
content_type_is_json(const char *ct)
{
    if (!ct)
        return false;
    size_t n = strlen("application/json");
    return strncasecmp(ct, "application/json", n) == 0 && (ct[n] == '\0' || ct[n] == ';');
}

/* Parse the JSON body of a ROUTE_JSON_BODY route; replies and returns false on error. */
static bool
read_json_body(struct http_ctx *ctx)
{
    /* the framing fields were checked before dispatch (strict.c) */
    struct evkeyvalq *ih = evhttp_request_get_input_headers(ctx->req);
    if (!content_type_is_json(evhttp_find_header(ih, "Content-Type"))) {
        http_reply_problem(ctx, HTTP_E_UNSUPPORTED_MEDIA_TYPE, NULL,
                           "send the body as Content-Type: application/json");
        return false;
    }
    struct evbuffer *in = evhttp_request_get_input_buffer(ctx->req);
    size_t len = evbuffer_get_length(in);
    if (len > ctx->worker->cfg->max_body_bytes) {
        http_reply_problem(ctx, HTTP_E_PAYLOAD_TOO_LARGE, NULL,
                           "the body has %zu bytes; the limit is %zu", len,
                           ctx->worker->cfg->max_body_bytes);
        return false;
    }
    const char *data = len ? (const char *)evbuffer_pullup(in, (ev_ssize_t)len) : "";
    char detail[256];
    int rc = json_body_parse(data, len, ctx->worker->cfg->max_json_depth, &ctx->body, detail,
                             sizeof detail);
    if (rc < 0) {
        http_reply_problem(ctx, rc, NULL, "%s", detail);
        return false;
    }
    return true;
}

static void
on_request(struct evhttp_request *req, void *arg)
{
    struct http_worker *w = arg;
    struct http_ctx *ctx = http_ctx_new(w, req);
    ctx->method = method_bit(evhttp_request_get_command(req));
    const struct evhttp_uri *uri = evhttp_request_get_evhttp_uri(req);
    ctx->path = uri ? evhttp_uri_get_path(uri) : NULL;
    if (http_conn_overflow(ctx->conn)) {
        http_reply_problem(ctx, HTTP_E_OVERLOADED, NULL,
                           "every connection the server may hold (--max-connections) is in use");
        return;
    }
    if (!http_strict_admit(ctx))
        return;
    int rc = router_match(w->cfg->routes, w->cfg->nroutes, ctx->method, ctx->path, &ctx->match);
    if (rc == -HTTP_E_METHOD_NOT_ALLOWED) {
        char allow[96];
        router_allow_header(ctx->match.allow, allow, sizeof allow);
        http_ctx_add_header(ctx, "Allow", allow);
        http_reply_problem(ctx, rc, NULL, "%s is not allowed here; allowed: %s",
                           http_method_name(ctx->method), allow);
        return;
    }
    if (rc < 0) {
        http_reply_problem(ctx, rc, NULL,
                           rc == -HTTP_E_NOT_FOUND ? "no route for this path"
                                                   : "malformed path segment");
        return;
    }
    ctx->route_index = ctx->match.route_index;
    if (w->cfg->authenticate && http_ctx_header(ctx, "Authorization")) {
        w->cfg->authenticate(ctx);
        return;
    }
    http_dispatch_authorized(ctx);
}

void
http_dispatch_authorized(struct http_ctx *ctx)
{
    const struct route *r = ctx->match.route;
    if (!(r->roles & ctx->role)) {
        if (ctx->role == ROLE_ANON)
            http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL, "send Authorization: Bearer");
        else
            http_reply_problem(ctx, HTTP_E_FORBIDDEN, NULL, "your role may not use %s %s",
                               http_method_name(r->method), r->pattern);
        return;
    }
    if ((r->flags & ROUTE_JSON_BODY) && !read_json_body(ctx))
        return;
    r->handler(ctx);
}

/* ---- drain --------------------------------------------------------------- */

static void
flush_log(struct http_worker *w)
{
    while (evbuffer_get_length(w->log) > 0)
        if (evbuffer_write(w->log, STDOUT_FILENO) < 0 && errno != EINTR && errno != EAGAIN)
            break;
}

static void
log_flush_cb(evutil_socket_t fd, short what, void *arg)
{
    flush_log(arg);
}

/* Runs from its own loop turn, never inside an evhttp callback. */
static void
worker_finish_cb(evutil_socket_t fd, short what, void *arg)
{
    struct http_worker *w = arg;
    if (w->drained)
        return;
    if (http_conns_writing(w)) { /* let the last replies reach their clients */
        struct timeval tv = {0, 10000};
        event_base_once(w->base, -1, EV_TIMEOUT, worker_finish_cb, w, &tv);
        return;
    }
    w->drained = true;
    evhttp_free(w->http); /* closes idle keep-alive connections */
    w->http = NULL;
    http_conns_stop(w);
    if (w->cfg->worker_fini)
        w->cfg->worker_fini(w->app);
    event_free(w->wake_ev);
    event_free(w->drain_deadline);
    event_free(w->log_flush);
    flush_log(w);
}

void
http_worker_request_done(struct http_worker *w)
{
    w->inflight--;
    if (w->stopping && w->inflight == 0) {
        struct timeval zero = {0, 0};
        event_base_once(w->base, -1, EV_TIMEOUT, worker_finish_cb, w, &zero);
    }
}

static void
drain_deadline_cb(evutil_socket_t fd, short what, void *arg)
{
    struct http_worker *w = arg;
    struct log_line l;
    log_begin(&l, "error", "drain deadline passed");
    log_int(&l, "worker", w->index);
    log_int(&l, "inflight", w->inflight);
    log_emit(&l);
    flush_log(w);
    event_base_loopbreak(w->base);
}

static void
wake_cb(evutil_socket_t fd, short what, void *arg)
{
    struct http_worker *w = arg;
    uint64_t v;
    if (read(fd, &v, sizeof v) < 0 && errno != EAGAIN)
        return;
    if (w->stopping)
        return;
    w->stopping = true;
    if (w->bound) {
        evhttp_del_accept_socket(w->http, w->bound); /* closes the listening socket */
        w->bound = NULL;
    }
    struct timeval tv = {w->cfg->shutdown_timeout_s, 0};
    evtimer_add(w->drain_deadline, &tv);
    if (w->cfg->worker_stopping)
        w->cfg->worker_stopping(w->app);
    if (w->inflight == 0) {
        struct timeval zero = {0, 0};
        event_base_once(w->base, -1, EV_TIMEOUT, worker_finish_cb, w, &zero);
    }
}

/* ---- threads ------------------------------------------------------------- */

static void *
worker_main(void *arg)
{
    struct http_worker *w = arg;
    event_base_dispatch(w->base);
    if (w->drained) {
        event_base_free(w->base);
        w->base = NULL;
    }
    return NULL;
}

static int
listen_socket(const char *host, int port)
{
    struct sockaddr_storage ss;
    socklen_t sl;
    memset(&ss, 0, sizeof ss);
    struct sockaddr_in *a4 = (struct sockaddr_in *)&ss;
    struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&ss;
    if (inet_pton(AF_INET, host, &a4->sin_addr) == 1) {
        a4->sin_family = AF_INET;
        a4->sin_port = htons((uint16_t)port);
        sl = sizeof *a4;
    } else if (inet_pton(AF_INET6, host, &a6->sin6_addr) == 1) {
        a6->sin6_family = AF_INET6;
        a6->sin6_port = htons((uint16_t)port);
        sl = sizeof *a6;
    } else {
        fprintf(stderr, "peiyud: listen address %s is not a numeric IP address\n", host);
        return -1;
    }
    int fd = socket(ss.ss_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    int one = 1;
    if (fd < 0 || setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one) < 0 ||
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one) < 0 ||
        bind(fd, (struct sockaddr *)&ss, sl) < 0 || listen(fd, 4096) < 0) {
        fprintf(stderr, "peiyud: cannot listen on %s:%d: %s\n", host, port, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return fd;
}

static bool
worker_setup(struct http_worker *w)
{
    const struct http_server_config *cfg = w->cfg;
    struct event_config *ec = event_config_new();
    event_config_set_flag(ec, EVENT_BASE_FLAG_NOLOCK);
    event_config_set_flag(ec, EVENT_BASE_FLAG_EPOLL_USE_CHANGELIST);
    w->base = event_base_new_with_config(ec);
    event_config_free(ec);
    if (!w->base)
        return false;
    w->http = evhttp_new(w->base);
    evhttp_set_max_headers_size(w->http, (ev_ssize_t)cfg->max_header_bytes);
    /* evhttp's own cap is a backstop at 4x ours: bodies between the two get our
     * problem+json 413, larger ones evhttp's plain 413 before they are read. */
    evhttp_set_max_body_size(w->http, (ev_ssize_t)(cfg->max_body_bytes * 4));
    evhttp_set_timeout(w->http, cfg->idle_timeout_s);
    evhttp_set_allowed_methods(w->http, EVHTTP_REQ_GET | EVHTTP_REQ_HEAD | EVHTTP_REQ_POST |
                                            EVHTTP_REQ_PUT | EVHTTP_REQ_PATCH | EVHTTP_REQ_DELETE |
                                            EVHTTP_REQ_OPTIONS);
    evhttp_set_default_content_type(w->http, "application/json");
    evhttp_set_bevcb(w->http, http_conn_make_bev, w);
    evhttp_set_gencb(w->http, on_request, w);
    w->bound = evhttp_accept_socket_with_handle(w->http, w->listen_fd);
    if (!w->bound)
        return false;
    w->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    w->wake_ev = event_new(w->base, w->wake_fd, EV_READ | EV_PERSIST, wake_cb, w);
    event_add(w->wake_ev, NULL);
    w->drain_deadline = evtimer_new(w->base, drain_deadline_cb, w);
    w->log = evbuffer_new();
    w->log_flush = event_new(w->base, -1, EV_PERSIST, log_flush_cb, w);
    struct timeval tv = {0, 200000};
    event_add(w->log_flush, &tv);
    http_conns_start(w);
    struct rlimit rl;
    getrlimit(RLIMIT_NOFILE, &rl);
    w->by_fd_cap = rl.rlim_cur > 1048576 ? 1048576 : (int)rl.rlim_cur;
    w->by_fd = xcalloc((size_t)w->by_fd_cap, sizeof *w->by_fd);
    uint32_t rnd = 0;
    if (getrandom(&rnd, sizeof rnd, 0) != sizeof rnd)
        rnd = (uint32_t)getpid();
    snprintf(w->reqid_prefix, sizeof w->reqid_prefix, "%08x", rnd);
    if (cfg->worker_init)
        w->app = cfg->worker_init(w->base, w->index, cfg->app_arg);
    return true;
}

/* Raise the soft limit on open files, up to the hard limit, to `need`: a cap
 * above it would end in accept() failing with EMFILE. */
static void
raise_file_limit(long need)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur >= (rlim_t)need)
        return;
    rl.rlim_cur =
        rl.rlim_max != RLIM_INFINITY && rl.rlim_max < (rlim_t)need ? rl.rlim_max : (rlim_t)need;
    if (setrlimit(RLIMIT_NOFILE, &rl) != 0 || rl.rlim_cur < (rlim_t)need)
        fprintf(stderr,
                "{\"level\":\"warn\",\"msg\":\"the open file limit is below what "
                "--max-connections needs\",\"limit\":%llu,\"need\":%ld}\n",
                (unsigned long long)rl.rlim_cur, need);
}

struct http_server *
http_server_start(const struct http_server_config *cfg)
{
    struct http_server *s = xcalloc(1, sizeof *s);
    s->cfg = *cfg;
    s->nworkers = cfg->threads;
    s->workers = xcalloc((size_t)s->nworkers, sizeof *s->workers);
    long per_worker = (cfg->max_connections + s->nworkers - 1) / s->nworkers;
    long overflow = per_worker / 4 > 8 ? per_worker / 4 : 8; /* see conn.c */
    /* per worker: its places, its over-cap connections, and 96 for its database
     * pool (64 at most), listening socket, eventfd and epoll descriptors */
    raise_file_limit(s->nworkers * (per_worker + overflow + 96) + 64);
    for (int i = 0; i < s->nworkers; i++) {
        struct http_worker *w = &s->workers[i];
        w->index = i;
        w->cfg = &s->cfg;
        w->max_conns = per_worker;
        w->max_overflow = overflow;
        w->wake_fd = -1;
        w->listen_fd = listen_socket(cfg->host, cfg->port);
        if (w->listen_fd < 0 || !worker_setup(w)) {
            fprintf(stderr, "peiyud: worker %d could not start\n", i);
            exit(1);
        }
    }
    for (int i = 0; i < s->nworkers; i++)
        pthread_create(&s->workers[i].thread, NULL, worker_main, &s->workers[i]);
    return s;
}

bool
http_server_stop(struct http_server *s)
{
    uint64_t one = 1;
    for (int i = 0; i < s->nworkers; i++)
        if (write(s->workers[i].wake_fd, &one, sizeof one) < 0)
            perror("peiyud: wake worker");
    bool all = true;
    for (int i = 0; i < s->nworkers; i++) {
        pthread_join(s->workers[i].thread, NULL);
        all = all && s->workers[i].drained;
    }
    if (!all)
        return false; /* requests were cut off; their memory goes with the process */
    for (int i = 0; i < s->nworkers; i++) {
        struct http_worker *w = &s->workers[i];
        close(w->wake_fd);
        evbuffer_free(w->log);
        free(w->by_fd);
    }
    free(s->workers);
    free(s);
    return true;
}
