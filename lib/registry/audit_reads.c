/*
 * audit_reads: GET /v1/audit/events and GET /v1/audit/events.csv — the
 * audit trail selected by filters (firm, entity, entity_id, actor, action,
 * from/to as RFC 3339, from inclusive, to exclusive), in audit_event.id
 * order, scoped in SQL by the caller (audit_events_select,
 * sql/migrations/0014_audit_reads.sql: admins everything, auditors the
 * streams of firms in their region prefixes and the events of programmes
 * that cover their regions).
 *
 * JSON: pages of `limit` (1..500, default 100) with next_cursor = the last
 * id shown. CSV: the same selection, streamed (http_stream_*): keyset pages
 * of CSV_PAGE rows, each fetched only after the previous page was written
 * out to the socket, so a slow client costs one page of memory, never the
 * table. A client that leaves mid-stream ends it at the next step (the page
 * in flight is dropped). A database error after the header was sent cannot
 * become a problem+json any more: it is logged and the stream ends.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "core/xalloc.h"

#include <event2/buffer.h>
#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define CSV_PAGE 500
#define NPARAMS  11

/* The filters as statement parameters (pointers into ctx or into this). */
struct audit_filter {
    const char *p[NPARAMS];
    char after[24];
    char limit[8];
};

static bool
all_of(const char *s, const char *set)
{
    return s[strspn(s, set)] == '\0';
}

#define LOWER  "abcdefghijklmnopqrstuvwxyz"
#define DIGITS "0123456789"

static bool
two_digits(const char *s, int max)
{
    return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' &&
           (s[0] - '0') * 10 + (s[1] - '0') <= max;
}

/* RFC 3339 date-time: YYYY-MM-DDTHH:MM:SS[.frac](Z|±HH:MM). The calendar date
 * and the value range are PostgreSQL's to check (a bad one is 400 there). */
static bool
rfc3339_ok(const char *s)
{
    size_t n = strlen(s);
    if (n < 20 || n > 40)
        return false;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return false;
    if (s[4] != '-' || !two_digits(s + 5, 12) || s[7] != '-' || !two_digits(s + 8, 31) ||
        (s[10] != 'T' && s[10] != 't') || !two_digits(s + 11, 23) || s[13] != ':' ||
        !two_digits(s + 14, 59) || s[16] != ':' || !two_digits(s + 17, 60))
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        size_t d = strspn(p + 1, DIGITS);
        if (d < 1 || d > 9)
            return false;
        p += 1 + d;
    }
    if ((*p == 'Z' || *p == 'z') && p[1] == '\0')
        return true;
    return (*p == '+' || *p == '-') && two_digits(p + 1, 23) && p[3] == ':' &&
           two_digits(p + 4, 59) && p[6] == '\0';
}

/* Read and check the query; replies 400 naming the parameter and returns false. */
static bool
filter_parse(struct http_ctx *ctx, struct audit_filter *f, bool paged)
{
    struct app_actor a;
    app_actor(ctx, &a);
    const char *firm = http_ctx_query(ctx, "firm");
    const char *entity = http_ctx_query(ctx, "entity");
    const char *entity_id = http_ctx_query(ctx, "entity_id");
    const char *actor = http_ctx_query(ctx, "actor");
    const char *action = http_ctx_query(ctx, "action");
    const char *from = http_ctx_query(ctx, "from");
    const char *to = http_ctx_query(ctx, "to");
    const char *cursor = http_ctx_query(ctx, "cursor");
    const char *limit = http_ctx_query(ctx, "limit");
    const char *bad = NULL, *why = NULL;
    if (firm && (!*firm || strlen(firm) > 18 || !all_of(firm, DIGITS) || firm[0] == '0'))
        bad = "firm", why = "firm is a firm id (a positive whole number)";
    else if (entity && (!*entity || strlen(entity) > 40 || !all_of(entity, LOWER "_")))
        bad = "entity", why = "entity is a name such as firm, application or firm_facts";
    else if (entity_id &&
             (!*entity_id || strlen(entity_id) > 64 || !all_of(entity_id, LOWER DIGITS ":._-")))
        bad = "entity_id", why = "entity_id has 1 to 64 characters of a-z 0-9 : . _ -";
    else if (actor &&
             (strlen(actor) < 2 || strlen(actor) > 64 || !all_of(actor, LOWER DIGITS "._-")))
        bad = "actor", why = "actor is a login";
    else if (action && (strlen(action) < 3 || strlen(action) > 64 || !all_of(action, LOWER "_.") ||
                        !strchr(action, '.') || strchr(action, '.') != strrchr(action, '.') ||
                        action[0] == '.' || action[strlen(action) - 1] == '.'))
        bad = "action", why = "action is entity.verb, e.g. firm.update";
    else if (from && !rfc3339_ok(from))
        bad = "from", why = "from is an RFC 3339 time, e.g. 2026-01-01T00:00:00%2B08:00";
    else if (to && !rfc3339_ok(to))
        bad = "to", why = "to is an RFC 3339 time, e.g. 2026-02-01T00:00:00Z";
    else if (paged && cursor && (!*cursor || strlen(cursor) > 18 || !all_of(cursor, DIGITS)))
        bad = "cursor", why = "cursor is the next_cursor of the previous page";
    if (bad) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, bad, "%s", why);
        return false;
    }
    long lim = 100;
    if (paged && limit) {
        char *end = NULL;
        lim = strtol(limit, &end, 10);
        if (!*limit || *end || lim < 1 || lim > 500) {
            http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "limit", "limit is 1 to 500");
            return false;
        }
    }
    if (!paged) {
        lim = CSV_PAGE;
        cursor = NULL;
    }
    snprintf(f->limit, sizeof f->limit, "%ld", lim);
    snprintf(f->after, sizeof f->after, "%s", cursor ? cursor : "0");
    const char *p[NPARAMS] = {a.role, a.prefixes, firm, entity,   entity_id, actor,
                              action, from,       to,   f->after, f->limit};
    memcpy(f->p, p, sizeof p);
    return true;
}

static void
events_listed(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
audit_events_list(struct http_ctx *ctx)
{
    struct audit_filter f;
    if (!filter_parse(ctx, &f, true))
        return;
    app_query(ctx, STMT_AUDIT_EVENTS_PAGE, NPARAMS, f.p, events_listed);
}

/* ---- CSV ------------------------------------------------------------------- */

static const char *const csv_columns =
    "id,stream,seq,at,actor_id,actor,action,entity,entity_id,before,after,reason,request_id,"
    "prev_hash,hash\r\n";
#define CSV_NCOLS 15

struct csv_export {
    struct http_ctx *ctx;
    struct audit_filter f;
    bool started;  /* status and header row sent */
    bool inflight; /* a page query is running */
    bool ending;   /* http_stream_end is scheduled */
};

/* One field, quoted as RFC 4180 requires (comma, quote, CR or LF inside). */
static void
csv_field(struct evbuffer *out, const char *s, size_t n)
{
    if (strcspn(s, ",\"\r\n") >= n) {
        evbuffer_add(out, s, n);
        return;
    }
    evbuffer_add(out, "\"", 1);
    for (const char *q; (q = memchr(s, '"', n)); n -= (size_t)(q + 1 - s), s = q + 1) {
        evbuffer_add(out, s, (size_t)(q + 1 - s));
        evbuffer_add(out, "\"", 1);
    }
    evbuffer_add(out, s, n);
    evbuffer_add(out, "\"", 1);
}

static void csv_fetch(struct csv_export *x);

static void
csv_end(struct csv_export *x)
{
    struct http_ctx *ctx = x->ctx;
    free(x);
    http_stream_end(ctx);
}

static void
csv_end_cb(evutil_socket_t fd, short what, void *arg)
{
    csv_end(arg);
}

/* The client left (from evhttp's connection teardown): end on a loop turn
 * of our own, unless the page in flight will see it when it returns. */
static void
csv_closed(struct http_ctx *ctx, void *arg)
{
    struct csv_export *x = arg;
    if (x->inflight || x->ending)
        return;
    x->ending = true;
    struct timeval zero = {0, 0};
    event_base_once(http_ctx_base(ctx), -1, EV_TIMEOUT, csv_end_cb, x, &zero);
}

static void
csv_drained(struct http_ctx *ctx, void *arg)
{
    csv_fetch(arg);
}

static void
csv_page(void *arg, PGresult *res, int err)
{
    struct csv_export *x = arg;
    struct http_ctx *ctx = x->ctx;
    x->inflight = false;
    bool ok = !err && PQresultStatus(res) == PGRES_TUPLES_OK;
    if (!x->started) {
        if (!ok) {
            free(x);
            if (err)
                http_reply_problem(ctx, err, NULL, NULL);
            else
                app_reply_sql_error(ctx, res);
            return;
        }
        x->started = true;
        http_ctx_add_header(ctx, "Content-Disposition",
                            "attachment; filename=\"audit-events.csv\"");
        http_stream_start(ctx, 200, "text/csv; charset=utf-8", csv_drained, csv_closed, x);
    }
    if (x->ending)
        return; /* csv_closed already scheduled the end */
    if (http_stream_closed(ctx)) {
        csv_end(x);
        return;
    }
    if (!ok) {
        snprintf(ctx->detail, sizeof ctx->detail, "CSV export cut short: %s",
                 err ? http_err_name(err) : PQresultErrorMessage(res));
        csv_end(x);
        return;
    }
    struct evbuffer *out = evbuffer_new();
    if (strcmp(x->f.after, "0") == 0)
        evbuffer_add(out, csv_columns, strlen(csv_columns));
    int n = PQntuples(res);
    for (int r = 0; r < n; r++) {
        for (int c = 0; c < CSV_NCOLS; c++) {
            if (c)
                evbuffer_add(out, ",", 1);
            if (!PQgetisnull(res, r, c))
                csv_field(out, PQgetvalue(res, r, c), (size_t)PQgetlength(res, r, c));
        }
        evbuffer_add(out, "\r\n", 2);
    }
    if (n > 0)
        snprintf(x->f.after, sizeof x->f.after, "%s", PQgetvalue(res, n - 1, 0));
    size_t len = evbuffer_get_length(out);
    int wrc = len ? http_stream_write(ctx, evbuffer_pullup(out, -1), len) : 0;
    evbuffer_free(out);
    if (wrc < 0 || n < CSV_PAGE || len == 0) {
        csv_end(x); /* the last page (or the client is gone): the end follows the data */
        return;
    }
    /* csv_drained fetches the next page once this one is written out */
}

static void
csv_fetch(struct csv_export *x)
{
    struct app_worker *w = http_ctx_app(x->ctx);
    x->inflight = true;
    int rc = db_pool_query(w->pool, STMT_AUDIT_EVENTS_ROWS, NPARAMS, x->f.p, csv_page, x);
    if (rc < 0)
        csv_page(x, NULL, rc);
}

void
audit_events_csv(struct http_ctx *ctx)
{
    struct csv_export *x = xcalloc(1, sizeof *x);
    x->ctx = ctx;
    if (!filter_parse(ctx, &x->f, false)) {
        free(x);
        return;
    }
    csv_fetch(x);
}
