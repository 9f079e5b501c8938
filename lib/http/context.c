/*
 * context: request contexts, replies and the access log (see context.h).
 * All functions run on the worker thread that owns the request.
 */
#include "http/context.h"
#include "http/metrics.h"
#include "http/worker.h"
#include "core/clock.h"
#include "core/log.h"
#include "core/xalloc.h"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/event.h>
#include <event2/http.h>
#include <event2/keyvalq_struct.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* A client's X-Request-Id is kept when it is 1-64 chars of [A-Za-z0-9._:-]. */
static bool
request_id_acceptable(const char *s)
{
    size_t n = 0;
    for (; s[n]; n++) {
        char c = s[n];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '.' || c == '_' || c == ':' || c == '-'))
            return false;
        if (n >= 64)
            return false;
    }
    return n > 0;
}

struct http_ctx *
http_ctx_new(struct http_worker *w, struct evhttp_request *req)
{
    struct http_ctx *ctx = xcalloc(1, sizeof *ctx);
    ctx->worker = w;
    ctx->req = req;
    ctx->start_ns = clock_mono_ns();
    ctx->role = ROLE_ANON;
    ctx->route_index = w->cfg->nroutes;
    const char *rid = evhttp_find_header(evhttp_request_get_input_headers(req), "X-Request-Id");
    if (rid && request_id_acceptable(rid))
        snprintf(ctx->request_id, sizeof ctx->request_id, "%s", rid);
    else
        snprintf(ctx->request_id, sizeof ctx->request_id, "%s-%d-%llu", w->reqid_prefix, w->index,
                 (unsigned long long)++w->reqid_counter);
    http_worker_request_begin(w, ctx);
    w->inflight++;
    return ctx;
}

const char *
http_ctx_param(const struct http_ctx *ctx, const char *name)
{
    return route_param(&ctx->match, name);
}

const char *
http_ctx_query(struct http_ctx *ctx, const char *name)
{
    if (!ctx->query) {
        ctx->query = xcalloc(1, sizeof *ctx->query);
        ctx->query->tqh_first = NULL;
        ctx->query->tqh_last = &ctx->query->tqh_first;
        const char *q = evhttp_uri_get_query(evhttp_request_get_evhttp_uri(ctx->req));
        if (q && evhttp_parse_query_str(q, ctx->query) != 0) {
            evhttp_clear_headers(ctx->query);
            ctx->query->tqh_first = NULL;
            ctx->query->tqh_last = &ctx->query->tqh_first;
        }
    }
    return evhttp_find_header(ctx->query, name);
}

const char *
http_ctx_header(const struct http_ctx *ctx, const char *name)
{
    return evhttp_find_header(evhttp_request_get_input_headers(ctx->req), name);
}

void
http_ctx_add_header(struct http_ctx *ctx, const char *name, const char *value)
{
    evhttp_add_header(evhttp_request_get_output_headers(ctx->req), name, value);
}

void *
http_ctx_app(const struct http_ctx *ctx)
{
    return ctx->worker->app;
}

struct event_base *
http_ctx_base(const struct http_ctx *ctx)
{
    return ctx->worker->base;
}

size_t
http_ctx_max_json_depth(const struct http_ctx *ctx)
{
    return ctx->worker->cfg->max_json_depth;
}

size_t
http_ctx_max_body(const struct http_ctx *ctx)
{
    return ctx->worker->cfg->max_body_bytes;
}

static void
access_log(struct http_ctx *ctx, int status, uint64_t dur_ns)
{
    struct http_worker *w = ctx->worker;
    const struct route *r = ctx->match.route;
    if (!w->cfg->access_log || (r && (r->flags & ROUTE_NO_LOG)))
        return;
    struct log_line l;
    log_begin(&l, status >= 500 ? "error" : "info", "access");
    log_str(&l, "method", http_method_name(ctx->method));
    log_str(&l, "route", r ? r->pattern : "unmatched");
    log_str(&l, "path", ctx->path ? ctx->path : "");
    log_int(&l, "status", status);
    log_num(&l, "duration_ms", (double)dur_ns / 1e6, 3);
    log_str(&l, "request_id", ctx->request_id);
    if (status >= 500 && ctx->detail[0])
        log_str(&l, "detail", ctx->detail);
    size_t n;
    const char *line = log_end(&l, &n);
    evbuffer_add(w->log, line, n);
    if (evbuffer_get_length(w->log) > 64 * 1024)
        event_active(w->log_flush, EV_TIMEOUT, 0);
}

/* Reason phrases libevent 2.1 does not know (it would say "Client Error"). */
static const char *
reason_phrase(int status)
{
    switch (status) {
    case 422:
        return "Unprocessable Content";
    case 428:
        return "Precondition Required";
    case 429:
        return "Too Many Requests";
    default:
        return NULL; /* evhttp's own table */
    }
}

/* Headers every response carries. */
static void
ctx_add_common_headers(struct http_ctx *ctx, int status, const char *content_type)
{
    struct http_worker *w = ctx->worker;
    struct evkeyvalq *oh = evhttp_request_get_output_headers(ctx->req);
    evhttp_add_header(oh, "Content-Type", content_type);
    evhttp_add_header(oh, "X-Request-Id", ctx->request_id);
    evhttp_add_header(oh, "Date", http_worker_date(w));
    evhttp_add_header(oh, "Server", "peiyu");
    if (w->stopping || ctx->close || http_conn_overflow(ctx->conn))
        evhttp_add_header(oh, "Connection", "close");
    if (status == 503)
        evhttp_add_header(oh, "Retry-After", HTTP_RETRY_AFTER_S);
    if (status == 401)
        evhttp_add_header(oh, "WWW-Authenticate", "Bearer realm=\"peiyu\"");
}

/* Free what the context owns, and the context: the one place a context ends. */
static void
ctx_free(struct http_ctx *ctx)
{
    struct http_worker *w = ctx->worker;
    json_decref(ctx->body);
    memset(ctx->scratch, 0, sizeof ctx->scratch); /* may have held a secret */
    if (ctx->query) {
        evhttp_clear_headers(ctx->query);
        free(ctx->query);
    }
    free(ctx);
    http_worker_request_done(w);
}

/* Reply in one piece: headers, log and metrics, send, free. */
static void
ctx_finish(struct http_ctx *ctx, int status, const char *content_type, struct evbuffer *body)
{
    ctx_add_common_headers(ctx, status, content_type);
    /* log first: the request (and the path we log) may be freed by the send */
    uint64_t dur = clock_mono_ns() - ctx->start_ns;
    metrics_record(ctx->route_index, status, dur);
    access_log(ctx, status, dur);
    if (ctx->conn)
        http_conn_detach(ctx->conn);
    evhttp_send_reply(ctx->req, status, reason_phrase(status), body);
    ctx->req = NULL;
    ctx->path = NULL;
    ctx_free(ctx);
}

/* ---- streamed replies (see context.h) ---------------------------------------- */

struct http_stream_state {
    int status;
    bool closed; /* the client left: writes are dropped */
    http_stream_fn on_drain;
    http_stream_fn on_close;
    void *arg;
};

/* Tell the producer once that nothing more will be delivered. */
static void
stream_close(struct http_ctx *ctx)
{
    struct http_stream_state *st = ctx->stream;
    if (st->closed)
        return;
    st->closed = true;
    if (st->on_close)
        st->on_close(ctx, st->arg);
}

/* evhttp is freeing the connection; for EOF and timeouts it has detached our
 * request first, which stays ours to end (evhttp_send_reply_end frees it). */
static void
stream_conn_closed(struct evhttp_connection *evcon, void *arg)
{
    stream_close(arg);
}

static void
stream_drained(struct evhttp_connection *evcon, void *arg)
{
    struct http_ctx *ctx = arg;
    struct http_stream_state *st = ctx->stream;
    if (!st->closed && st->on_drain)
        st->on_drain(ctx, st->arg);
}

void
http_stream_start(struct http_ctx *ctx, int status, const char *content_type,
                  http_stream_fn on_drain, http_stream_fn on_close, void *arg)
{
    struct http_stream_state *st = xcalloc(1, sizeof *st);
    st->status = status;
    st->on_drain = on_drain;
    st->on_close = on_close;
    st->arg = arg;
    ctx->stream = st;
    ctx_add_common_headers(ctx, status, content_type);
    evhttp_add_header(evhttp_request_get_output_headers(ctx->req), "Cache-Control", "no-store");
    struct evhttp_connection *evcon = evhttp_request_get_connection(ctx->req);
    if (evcon)
        evhttp_connection_set_closecb(evcon, stream_conn_closed, ctx);
    evhttp_send_reply_start(ctx->req, status, reason_phrase(status));
    if (!evcon)
        stream_close(ctx);
}

int
http_stream_write(struct http_ctx *ctx, const void *data, size_t len)
{
    if (ctx->stream->closed || !evhttp_request_get_connection(ctx->req))
        return -1;
    struct evbuffer *b = evbuffer_new();
    evbuffer_add(b, data, len);
    evhttp_send_reply_chunk_with_cb(ctx->req, b, stream_drained, ctx);
    evbuffer_free(b);
    return 0;
}

bool
http_stream_closed(const struct http_ctx *ctx)
{
    return ctx->stream->closed;
}

void
http_stream_end(struct http_ctx *ctx)
{
    struct http_stream_state *st = ctx->stream;
    struct evhttp_connection *evcon = evhttp_request_get_connection(ctx->req);
    if (evcon)
        evhttp_connection_set_closecb(evcon, NULL, NULL);
    uint64_t dur = clock_mono_ns() - ctx->start_ns;
    metrics_record(ctx->route_index, st->status, dur);
    access_log(ctx, st->status, dur);
    if (ctx->conn)
        http_conn_detach(ctx->conn);
    evhttp_send_reply_end(ctx->req); /* frees the request if the client is gone */
    ctx->req = NULL;
    ctx->path = NULL;
    free(st);
    ctx->stream = NULL;
    ctx_free(ctx);
}

void
http_reply_buffer(struct http_ctx *ctx, int status, const char *content_type, struct evbuffer *buf)
{
    ctx_finish(ctx, status, content_type, buf);
}

void
http_reply_bytes(struct http_ctx *ctx, int status, const char *content_type, const void *data,
                 size_t len)
{
    struct evbuffer *b = evbuffer_new();
    evbuffer_add(b, data, len);
    ctx_finish(ctx, status, content_type, b);
    evbuffer_free(b);
}

void
http_reply_json(struct http_ctx *ctx, int status, json_t *body)
{
    if (!body)
        body = json_object();
    size_t need = json_dumpb(body, NULL, 0, JSON_COMPACT);
    struct evbuffer *b = evbuffer_new();
    struct evbuffer_iovec v;
    if (need && evbuffer_reserve_space(b, (ev_ssize_t)need, &v, 1) == 1) {
        json_dumpb(body, v.iov_base, need, JSON_COMPACT);
        v.iov_len = need;
        evbuffer_commit_space(b, &v, 1);
    }
    json_decref(body);
    ctx_finish(ctx, status, "application/json", b);
    evbuffer_free(b);
}

void
http_reply_problem(struct http_ctx *ctx, int err, const char *field, const char *fmt, ...)
{
    if (fmt) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(ctx->detail, sizeof ctx->detail, fmt, ap);
        va_end(ap);
    }
    if (field)
        snprintf(ctx->field, sizeof ctx->field, "%s", field);
    int status = http_err_status(err);
    json_t *p = json_pack("{s:s, s:s, s:i, s:s}", "type", http_err_type(err), "title",
                          http_err_title(err), "status", status, "request_id", ctx->request_id);
    if (ctx->detail[0])
        json_object_set_new(p, "detail", json_string(ctx->detail));
    if (ctx->field[0])
        json_object_set_new(p, "field", json_string(ctx->field));
    if (ctx->path)
        json_object_set_new(p, "instance", json_string(ctx->path));
    size_t need = json_dumpb(p, NULL, 0, JSON_COMPACT);
    char *buf = xmalloc(need);
    json_dumpb(p, buf, need, JSON_COMPACT);
    json_decref(p);
    struct evbuffer *b = evbuffer_new();
    evbuffer_add(b, buf, need);
    free(buf);
    ctx_finish(ctx, status, "application/problem+json", b);
    evbuffer_free(b);
}
