/*
 * context: everything one HTTP request owns, and the only ways to answer it.
 *
 * A context is created when evhttp hands us a request and freed in exactly
 * one place (after the reply is sent). It owns the parsed body, the parsed
 * query string and the detail of an error. Handlers run on the worker's loop;
 * they either reply before returning or start asynchronous work whose
 * callback replies later. Every http_reply_* call consumes the context:
 * do not touch it afterwards. If the client disconnects while a query runs,
 * the reply still happens (evhttp then discards it) and the context is freed
 * as usual: nothing leaks and no callback sees freed memory.
 */
#ifndef PEIYU_HTTP_CONTEXT_H
#define PEIYU_HTTP_CONTEXT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/errors.h"
#include "http/router.h"

struct evhttp_request;
struct evbuffer;
struct event_base;
struct http_worker;
struct http_conn;
struct evkeyvalq;
struct http_stream_state;

/* Who is calling, once authenticated (zeroed for anonymous callers). */
struct http_principal {
    long long user_id;
    long long firm_id; /* role firm: the one firm it acts for; else 0 */
    char login[72];
    /* PostgreSQL array literals, passed back to SQL as parameters for scoping */
    char region_prefixes[256]; /* e.g. "{4104,4101}" */
    char programs[256];        /* e.g. "{3,7}" or "{}" */
};

struct http_ctx {
    struct http_worker *worker;
    struct evhttp_request *req;
    struct http_conn *conn; /* NULL once the client is gone */
    unsigned method;
    const char *path; /* owned by the evhttp request */
    struct route_match match;
    size_t route_index; /* == nroutes when unmatched */
    unsigned role;      /* enum http_role of the caller */
    struct http_principal principal;
    json_t *body; /* parsed JSON body, or NULL */
    struct evkeyvalq *query;
    uint64_t start_ns;
    char request_id[80];
    char detail[512];  /* error detail for the problem body and the log */
    char field[128];   /* the field an error names, if any */
    char scratch[128]; /* handler-private state between steps; never sent or logged */
    struct http_stream_state *stream; /* set while a streamed reply is open */
    bool close;                       /* answer with Connection: close, then close */
};

/* Created by the server for each request (worker thread). */
struct http_ctx *http_ctx_new(struct http_worker *w, struct evhttp_request *req);

/* Path placeholder value ("code" for /v1/regions/{code}), or NULL. */
const char *http_ctx_param(const struct http_ctx *ctx, const char *name);
/* Query-string value (decoded), or NULL; a malformed query string reads as empty. */
const char *http_ctx_query(struct http_ctx *ctx, const char *name);
/* Request header, or NULL. */
const char *http_ctx_header(const struct http_ctx *ctx, const char *name);
/* Add a response header (before replying). */
void http_ctx_add_header(struct http_ctx *ctx, const char *name, const char *value);
/* The worker's application state (peiyud: its database pool). */
void *http_ctx_app(const struct http_ctx *ctx);
struct event_base *http_ctx_base(const struct http_ctx *ctx);
size_t http_ctx_max_json_depth(const struct http_ctx *ctx);
size_t http_ctx_max_body(const struct http_ctx *ctx);

/* Reply with a JSON value (reference stolen; NULL means an empty object). */
void http_reply_json(struct http_ctx *ctx, int status, json_t *body);
/* Reply with bytes of the given content type (copied). */
void http_reply_bytes(struct http_ctx *ctx, int status, const char *content_type, const void *data,
                      size_t len);
/* Reply with an evbuffer's contents (drained). */
void http_reply_buffer(struct http_ctx *ctx, int status, const char *content_type,
                       struct evbuffer *buf);
/*
 * Reply with problem+json for `err` (negative or positive HTTP_E_*). `field`
 * may be NULL; `fmt` (printf) gives the detail and may be NULL for none.
 */
void http_reply_problem(struct http_ctx *ctx, int err, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/*
 * Streamed replies (chunked transfer encoding: CSV exports, event streams).
 * http_stream_start sends the status and headers and keeps the context
 * alive; the producer writes chunks with http_stream_write and finishes with
 * http_stream_end, which logs the request and frees the context (the one
 * place it ends, as for the other replies). on_drain runs when everything
 * written so far has reached the socket (write the next page then, so a slow
 * client never makes peiyud hold more than one page); on_close runs once
 * when the client leaves (evhttp frees the connection: EOF, error, write
 * timeout) — possibly from inside http_stream_start — and after it writes
 * are dropped. The producer must still call http_stream_end exactly once,
 * when it no longer uses the context (e.g. when a query it started has
 * returned); not from inside on_close (defer it to its own loop turn).
 * Both callbacks run on the worker's loop. No http_reply_* after start.
 */
typedef void (*http_stream_fn)(struct http_ctx *ctx, void *arg);
void http_stream_start(struct http_ctx *ctx, int status, const char *content_type,
                       http_stream_fn on_drain, http_stream_fn on_close, void *arg);
/* Queue bytes as one chunk (copied); -1 (nothing queued) after close. */
int http_stream_write(struct http_ctx *ctx, const void *data, size_t len);
bool http_stream_closed(const struct http_ctx *ctx);
void http_stream_end(struct http_ctx *ctx);

/* Milliseconds a client should wait before retrying a 503 (Retry-After is in seconds: 1). */
#define HTTP_RETRY_AFTER_S "1"

#endif
