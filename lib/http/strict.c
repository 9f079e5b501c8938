/*
 * strict: the request-head scanner and the check before routing (see
 * strict.h). Runs on the worker thread that owns the connection.
 */
#include "http/strict.h"
#include "http/context.h"
#include "http/worker.h"

#include <event2/buffer.h>
#include <event2/bufferevent.h>
#include <event2/http.h>
#include <event2/http_struct.h>
#include <string.h>

enum {
    S_METHOD,  /* request line: the method */
    S_TARGET,  /* the request target */
    S_VERSION, /* HTTP/x.y */
    S_LINE,    /* start of a field line, or of the empty line ending the head */
    S_NAME,    /* field name */
    S_VALUE,   /* field value */
    S_CR,      /* a CR: the next byte must be LF (cr_state says what it ends) */
    S_DONE,    /* head complete, or a problem found: nothing more to scan */
};

enum { F_OTHER, F_CONTENT_LENGTH, F_TRANSFER_ENCODING, F_HOST };

/* Content-Length value: optional whitespace, digits, optional whitespace. */
enum { V_BEFORE, V_DIGITS, V_AFTER, V_BAD };

#define TOK_OVERFLOW 0xff

static bool
is_tchar(unsigned char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c && strchr("!#$%&'*+-.^_`|~", c) != NULL;
}

static unsigned char
lower(unsigned char c)
{
    return c >= 'A' && c <= 'Z' ? (unsigned char)(c + 'a' - 'A') : c;
}

static void
fail(struct http_strict *s, int err, const char *why)
{
    if (!s->err) {
        s->err = err;
        s->why = why;
    }
    s->state = S_DONE;
}

static void
bad(struct http_strict *s, const char *why)
{
    fail(s, -HTTP_E_BAD_REQUEST, why);
}

static void
tok_add(struct http_strict *s, unsigned char c)
{
    if (s->len == TOK_OVERFLOW)
        return;
    if (s->len >= sizeof s->tok)
        s->len = TOK_OVERFLOW;
    else
        s->tok[s->len++] = (char)c;
}

static bool
tok_is(const struct http_strict *s, const char *word)
{
    size_t n = strlen(word);
    return s->len == n && memcmp(s->tok, word, n) == 0;
}

static void
reset(struct http_strict *s)
{
    struct bufferevent *bev = s->bev;
    struct evbuffer_cb_entry *in_cb = s->in_cb;
    memset(s, 0, sizeof *s);
    s->bev = bev;
    s->in_cb = in_cb;
    s->state = S_METHOD;
}

static void
end_request_line(struct http_strict *s)
{
    const char *v = s->tok;
    if (s->len != 8 || memcmp(v, "HTTP/", 5) != 0 || v[5] < '0' || v[5] > '9' || v[6] != '.' ||
        v[7] < '0' || v[7] > '9') {
        bad(s, "the request line must be a method, a space, the target, a space and "
               "HTTP/<digit>.<digit>");
        return;
    }
    if (v[5] != '1' || (v[7] != '0' && v[7] != '1')) {
        fail(s, -HTTP_E_HTTP_VERSION_NOT_SUPPORTED, "only HTTP/1.0 and HTTP/1.1 are served");
        return;
    }
    s->http10 = v[7] == '0';
    s->state = S_LINE;
}

static void
begin_value(struct http_strict *s)
{
    if (tok_is(s, "content-length")) {
        s->field = F_CONTENT_LENGTH;
        s->cl_count += s->cl_count < 2;
    } else if (tok_is(s, "transfer-encoding")) {
        s->field = F_TRANSFER_ENCODING;
        s->te_count += s->te_count < 2;
    } else if (tok_is(s, "host")) {
        s->field = F_HOST;
        s->host_count += s->host_count < 2;
    } else {
        s->field = F_OTHER;
    }
    s->len = 0;
    s->value_state = V_BEFORE;
    s->state = S_VALUE;
}

static void
value_byte(struct http_strict *s, unsigned char c)
{
    bool ows = c == ' ' || c == '\t';
    if (s->field == F_CONTENT_LENGTH) {
        if (ows) {
            if (s->value_state == V_DIGITS)
                s->value_state = V_AFTER;
        } else if (c >= '0' && c <= '9' &&
                   (s->value_state == V_BEFORE || s->value_state == V_DIGITS)) {
            s->value_state = V_DIGITS;
            s->cl_nonzero = s->cl_nonzero || c != '0';
        } else {
            s->value_state = V_BAD;
        }
    } else if (s->field == F_TRANSFER_ENCODING) {
        if (!(ows && s->len == 0))
            tok_add(s, lower(c));
    }
}

static void
end_field_line(struct http_strict *s)
{
    if (s->field == F_CONTENT_LENGTH && s->value_state != V_DIGITS && s->value_state != V_AFTER) {
        bad(s, "Content-Length must be decimal digits");
        return;
    }
    if (s->field == F_TRANSFER_ENCODING) {
        while (s->len > 0 && s->len != TOK_OVERFLOW &&
               (s->tok[s->len - 1] == ' ' || s->tok[s->len - 1] == '\t'))
            s->len--;
        if (!tok_is(s, "chunked")) {
            bad(s, "the only Transfer-Encoding accepted is chunked");
            return;
        }
    }
    s->state = S_LINE;
}

/* The empty line: the framing fields taken together (RFC 9112 §3.2, §6). */
static void
end_head(struct http_strict *s)
{
    if (s->cl_count > 1)
        bad(s, "more than one Content-Length field");
    else if (s->te_count > 1)
        bad(s, "more than one Transfer-Encoding field");
    else if (s->cl_count && s->te_count)
        bad(s, "Content-Length together with Transfer-Encoding");
    else if (s->te_count && s->http10)
        bad(s, "Transfer-Encoding in an HTTP/1.0 request");
    else if (s->host_count > 1)
        bad(s, "more than one Host field");
    else if (s->host_count == 0 && !s->http10)
        bad(s, "an HTTP/1.1 request without Host");
    else if (s->head_method && (s->cl_nonzero || s->te_count))
        bad(s, "a HEAD request with a body");
    s->state = S_DONE;
}

static void
step(struct http_strict *s, unsigned char c)
{
    switch (s->state) {
    case S_METHOD:
        if (is_tchar(c)) {
            tok_add(s, c);
        } else if (c == ' ' && s->len > 0) {
            s->head_method = tok_is(s, "HEAD");
            s->len = 0;
            s->state = S_TARGET;
        } else {
            bad(s, "the request line must start with a method and one space");
        }
        break;
    case S_TARGET:
        if (c == ' ' && s->len > 0) {
            s->len = 0;
            s->state = S_VERSION;
        } else if (c > ' ' && c != 0x7f) {
            s->len = 1;
        } else {
            bad(s, "the request target must be one word of visible characters");
        }
        break;
    case S_VERSION:
        if (c == '\r') {
            s->cr_state = S_VERSION;
            s->state = S_CR;
        } else if (c == '\n') {
            end_request_line(s);
        } else if (c > ' ' && c != 0x7f) {
            tok_add(s, c);
        } else {
            bad(s, "the request line must end with the HTTP version");
        }
        break;
    case S_LINE:
        if (c == '\r') {
            s->cr_state = S_LINE;
            s->state = S_CR;
        } else if (c == '\n') {
            end_head(s);
        } else if (c == ' ' || c == '\t') {
            bad(s, "a field line starts with whitespace (obsolete line folding)");
        } else if (c == ':') {
            bad(s, "a field line with an empty name");
        } else if (is_tchar(c)) {
            s->len = 0;
            tok_add(s, lower(c));
            s->state = S_NAME;
        } else {
            bad(s, "a field name may hold only token characters");
        }
        break;
    case S_NAME:
        if (is_tchar(c))
            tok_add(s, lower(c));
        else if (c == ':')
            begin_value(s);
        else if (c == ' ' || c == '\t')
            bad(s, "whitespace between a field name and its colon");
        else if (c == '\r' || c == '\n')
            bad(s, "a field line without a colon");
        else
            bad(s, "a field name may hold only token characters");
        break;
    case S_VALUE:
        if (c == '\r') {
            s->cr_state = S_VALUE;
            s->state = S_CR;
        } else if (c == '\n') {
            end_field_line(s);
        } else if (c == '\t' || (c >= ' ' && c != 0x7f)) {
            value_byte(s, c);
        } else {
            bad(s, "a NUL or control character in a field value");
        }
        break;
    case S_CR:
        if (c != '\n')
            bad(s, "a CR not followed by LF");
        else if (s->cr_state == S_VERSION)
            end_request_line(s);
        else if (s->cr_state == S_VALUE)
            end_field_line(s);
        else
            end_head(s);
        break;
    default:
        break;
    }
}

/* Scan the input buffer from s->scanned to its end (or to the end of the head). */
static void
scan(struct http_strict *s, struct evbuffer *in)
{
    size_t len = evbuffer_get_length(in);
    while (s->state != S_DONE && s->scanned < len) {
        struct evbuffer_ptr p;
        struct evbuffer_iovec v[8];
        if (evbuffer_ptr_set(in, &p, s->scanned, EVBUFFER_PTR_SET) < 0)
            break;
        int n = evbuffer_peek(in, (ev_ssize_t)(len - s->scanned), &p, v, 8);
        if (n <= 0)
            break;
        if (n > 8)
            n = 8;
        for (int i = 0; i < n && s->state != S_DONE; i++) {
            const unsigned char *b = v[i].iov_base;
            size_t k = 0;
            while (k < v[i].iov_len && s->state != S_DONE)
                step(s, b[k++]);
            s->scanned += k;
        }
    }
}

/* Runs after every change to the connection's input buffer: evhttp's reads
 * from its front (deletions) and the socket's additions at its end. The
 * additions are scanned here, before evhttp's read callback sees them. */
static void
input_cb(struct evbuffer *in, const struct evbuffer_cb_info *info, void *arg)
{
    struct http_strict *s = arg;
    if (info->n_deleted > s->scanned) {
        if (s->state != S_DONE)
            bad(s, "the request head was read before it was checked");
        s->scanned = 0;
    } else {
        s->scanned -= info->n_deleted;
    }
    if (info->n_added)
        scan(s, in);
}

void
http_strict_attach(struct http_strict *s, struct bufferevent *bev)
{
    memset(s, 0, sizeof *s);
    s->bev = bev;
    s->state = S_METHOD;
    s->in_cb = evbuffer_add_cb(bufferevent_get_input(bev), input_cb, s);
}

void
http_strict_detach(struct http_strict *s)
{
    if (s->in_cb)
        evbuffer_remove_cb_entry(bufferevent_get_input(s->bev), s->in_cb);
    s->in_cb = NULL;
}

bool
http_strict_admit(struct http_ctx *ctx)
{
    struct evhttp_request *req = ctx->req;
    struct evkeyvalq *ih = evhttp_request_get_input_headers(req);
    struct http_strict *s = ctx->conn ? http_conn_strict(ctx->conn) : NULL;
    int err = -HTTP_E_BAD_REQUEST;
    const char *why = "the request's connection is unknown";
    if (s) {
        err = s->err;
        why = s->why;
        if (!err && s->state != S_DONE) {
            err = -HTTP_E_BAD_REQUEST;
            why = "the request head was not seen whole";
        }
        /* evhttp has read this request whole: the next one starts at the front */
        reset(s);
        scan(s, bufferevent_get_input(s->bev));
    }
    if (!err)
        return true;
    /* answer in a version the client can read (evhttp echoes the parsed one) */
    if (req->major != 1 || (req->minor != 0 && req->minor != 1)) {
        req->major = 1;
        req->minor = 1;
    }
    /* no "Connection: keep-alive" echoed to an HTTP/1.0 client beside our close */
    while (evhttp_remove_header(ih, "Connection") == 0)
        ;
    ctx->close = true;
    http_reply_problem(ctx, err, NULL, "%s", why);
    return false;
}
