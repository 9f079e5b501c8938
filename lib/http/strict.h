/*
 * strict: RFC 9112 message framing and head syntax, enforced in one place
 * before dispatch.
 *
 * libevent 2.1's evhttp is lenient: it keeps repeated Content-Length and
 * Host fields and uses the first, takes "+2" for a length, keeps "Name :" as
 * a field named "Name ", cuts values at a NUL, ignores the body framing of a
 * HEAD, and reads the version with sscanf("%d"), so HTTP/4294967295.255 is
 * version -1.-1. A proxy in front of
 * peiyud may frame such a request differently, and bytes it took for a body
 * would run here as a request of their own.
 *
 * So every connection's raw input is scanned as it arrives, before evhttp
 * parses it: an evbuffer callback on the bufferevent's input buffer checks
 * the request line and every field line of each request head against the
 * RFC 9112 grammar, and the framing fields (Content-Length, Transfer-
 * Encoding, Host) when the head ends. A request evhttp dispatches is then
 * admitted by http_strict_admit, the one check before routing; a request
 * with a problem is answered 400 (505 for an HTTP version other than 1.0 or
 * 1.1) problem+json with `Connection: close`, and evhttp closes the
 * connection once that answer is written, so nothing that followed it on the
 * connection is ever parsed. evhttp may have read the body it believed in
 * first; that body is discarded with the request.
 *
 * Request boundaries: evhttp reads one request at a time and does not read
 * the next one's head before the current one is dispatched. So the scanner
 * starts at a connection's first byte, stops at the empty line that ends a
 * head, and starts again at the front of the input buffer when the request
 * is dispatched (http_strict_admit): the body, framed by evhttp, lies
 * between the two and is not scanned.
 *
 * HTTP/1.0 requests are served; Host is required in HTTP/1.1 only (RFC 9112
 * §3.2), and more than one Host is refused in any version.
 */
#ifndef PEIYU_HTTP_STRICT_H
#define PEIYU_HTTP_STRICT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct bufferevent;
struct evbuffer_cb_entry;
struct http_ctx;

/* Per-connection scanner state; lives in conn.c's struct http_conn. */
struct http_strict {
    struct bufferevent *bev;
    struct evbuffer_cb_entry *in_cb;
    size_t scanned;   /* bytes at the front of the input buffer already scanned */
    int err;          /* the first problem of this head (negative HTTP_E_*), or 0 */
    const char *why;  /* its detail */
    uint8_t state;    /* where in the head the next byte falls */
    uint8_t cr_state; /* the state a CR interrupted */
    uint8_t len;      /* bytes of the current token kept in tok */
    uint8_t field;    /* which framing field the current line is, if any */
    uint8_t cl_count, te_count, host_count;
    uint8_t value_state; /* Content-Length: before, in, after the digits */
    bool cl_nonzero, http10, head_method;
    char tok[20]; /* method, version, field name, Transfer-Encoding value (lower case) */
};

/* Start scanning a new connection's input (conn.c, when it makes the bufferevent). */
void http_strict_attach(struct http_strict *s, struct bufferevent *bev);
/* Stop (conn.c, before it drops the bufferevent). */
void http_strict_detach(struct http_strict *s);

/*
 * The check before routing. Returns true when the request may be
 * dispatched; otherwise it has answered the request (400 or 505
 * problem+json, Connection: close) and the context is gone.
 */
bool http_strict_admit(struct http_ctx *ctx);

#endif
