/*
 * app: per-loop state for peiyud's handlers and the one helper that turns a
 * database outcome into a response when a handler does not want it.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "http/offload.h"
#include "core/xalloc.h"

#include <event2/buffer.h>
#include <stdlib.h>
#include <string.h>

void *
app_worker_init(struct event_base *base, int index, void *arg)
{
    const struct app_shared *shared = arg;
    struct app_worker *w = xcalloc(1, sizeof *w);
    w->shared = shared;
    w->pool = db_pool_new(base, &shared->pool, registry_statements, STMT__COUNT);
    w->offload = offload_loop_new(base);
    w->events = events_hub_new(w, base);
    return w;
}

void
app_worker_fini(void *app)
{
    struct app_worker *w = app;
    events_hub_free(w->events);
    db_pool_free(w->pool);
    offload_loop_free(w->offload);
    free(w);
}

void
app_worker_stopping(void *app)
{
    struct app_worker *w = app;
    events_hub_stop(w->events);
}

void
app_metrics_gauges(struct evbuffer *out, void *arg)
{
    struct db_pool_gauges g;
    db_pool_gauges(&g);
    evbuffer_add_printf(out,
                        "# HELP peiyu_db_pool_connections Database connections that are up.\n"
                        "# TYPE peiyu_db_pool_connections gauge\n"
                        "peiyu_db_pool_connections %ld\n"
                        "# HELP peiyu_db_pool_in_use Database connections running a query.\n"
                        "# TYPE peiyu_db_pool_in_use gauge\n"
                        "peiyu_db_pool_in_use %ld\n"
                        "# HELP peiyu_db_pool_waiting Queries waiting for a connection.\n"
                        "# TYPE peiyu_db_pool_waiting gauge\n"
                        "peiyu_db_pool_waiting %ld\n"
                        "# HELP peiyu_db_errors_total Database errors (lost connections, failed "
                        "connects, failed statements, timeouts).\n"
                        "# TYPE peiyu_db_errors_total counter\n"
                        "peiyu_db_errors_total %llu\n"
                        "# HELP peiyu_db_retries_total Queries sent again after a serialization "
                        "failure or deadlock rolled them back.\n"
                        "# TYPE peiyu_db_retries_total counter\n"
                        "peiyu_db_retries_total %llu\n",
                        g.connections_up, g.in_use, g.waiting, (unsigned long long)g.errors_total,
                        (unsigned long long)g.retries_total);
}

/* SQLSTATE → error. Class PY is ours: SQL functions raise PYnnn with the HTTP
 * status in the digits, the message as detail and COLUMN naming the field. */
static const struct {
    const char *state; /* prefix */
    int err;
} sql_errors[] = {
    {"PY400", HTTP_E_INVALID_FIELD}, {"PY401", HTTP_E_UNAUTHENTICATED},
    {"PY403", HTTP_E_FORBIDDEN},     {"PY404", HTTP_E_NOT_FOUND},
    {"PY409", HTTP_E_CONFLICT},      {"PY412", HTTP_E_PRECONDITION_FAILED},
    {"PY422", HTTP_E_UNPROCESSABLE}, {"PY428", HTTP_E_PRECONDITION_REQUIRED},
    {"23505", HTTP_E_CONFLICT},      /* unique_violation */
    {"23503", HTTP_E_INVALID_FIELD}, /* foreign_key_violation: names something absent */
    {"23514", HTTP_E_INVALID_FIELD}, /* check_violation */
    {"23502", HTTP_E_MISSING_FIELD}, /* not_null_violation */
    {"22", HTTP_E_INVALID_FIELD},    /* data exceptions: bad date, out of range */
    {"40001", HTTP_E_DB_CONFLICT},   /* serialization_failure, after the pool's retries */
    {"40P01", HTTP_E_DB_CONFLICT},   /* deadlock_detected, likewise */
    {"57P", HTTP_E_DB_UNAVAILABLE},  /* admin shutdown, cannot connect now */
    {"08", HTTP_E_DB_UNAVAILABLE},   /* connection exceptions */
    {"57014", HTTP_E_DB_TIMEOUT},    /* query_canceled (statement_timeout) */
};

void
app_reply_sql_error(struct http_ctx *ctx, const PGresult *res)
{
    const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
    const char *primary = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
    const char *column = PQresultErrorField(res, PG_DIAG_COLUMN_NAME);
    int err = HTTP_E_INTERNAL;
    for (size_t i = 0; state && i < sizeof sql_errors / sizeof sql_errors[0]; i++) {
        if (!strncmp(state, sql_errors[i].state, strlen(sql_errors[i].state))) {
            err = sql_errors[i].err;
            break;
        }
    }
    if (err == HTTP_E_INTERNAL || err == HTTP_E_DB_UNAVAILABLE || err == HTTP_E_DB_TIMEOUT ||
        err == HTTP_E_DB_CONFLICT) {
        /* The detail goes to the log; the client gets the title and request id only. */
        db_pool_count_error();
        snprintf(ctx->detail, sizeof ctx->detail, "SQLSTATE %s: %s", state ? state : "?",
                 primary ? primary : "");
        http_reply_problem(ctx, err, NULL, NULL);
        return;
    }
    http_reply_problem(ctx, err, column, "%s", primary ? primary : "");
}

void
app_actor(const struct http_ctx *ctx, struct app_actor *a)
{
    static const struct {
        unsigned bit;
        const char *name;
    } names[] = {{ROLE_FIRM, "firm"},
                 {ROLE_OFFICER, "officer"},
                 {ROLE_APPROVER, "approver"},
                 {ROLE_AUDITOR, "auditor"},
                 {ROLE_ADMIN, "admin"}};
    const struct http_principal *p = &ctx->principal;
    /* cppcheck-suppress ctuuninitvar ; a is the output, written here */
    snprintf(a->id, sizeof a->id, "%lld", p->user_id);
    snprintf(a->firm, sizeof a->firm, "%lld", p->firm_id);
    a->login = p->login[0] ? p->login : "anonymous";
    a->role = "anonymous";
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (ctx->role == names[i].bit)
            a->role = names[i].name;
    a->prefixes = p->region_prefixes[0] ? p->region_prefixes : "{}";
    a->request_id = ctx->request_id;
}

bool
app_id_param(struct http_ctx *ctx, const char *name, char out[24])
{
    const char *v = http_ctx_param(ctx, name);
    size_t n = v ? strlen(v) : 0;
    if (n == 0 || n > 18 || strspn(v, "0123456789") != n || v[0] == '0') {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, name, "%s is a positive whole number",
                           name);
        return false;
    }
    memcpy(out, v, n + 1);
    return true;
}

bool
app_if_match(struct http_ctx *ctx, int *version)
{
    const char *h = http_ctx_header(ctx, "If-Match");
    if (!h) {
        http_reply_problem(ctx, HTTP_E_PRECONDITION_REQUIRED, "If-Match",
                           "send If-Match with the ETag you read");
        return false;
    }
    if (!strncmp(h, "W/", 2))
        h += 2;
    char *end;
    long v = h[0] == '"' ? strtol(h + 1, &end, 10) : -1;
    if (v < 1 || v > 2000000000 || end[0] != '"' || end[1] != '\0') {
        http_reply_problem(ctx, HTTP_E_PRECONDITION_FAILED, "If-Match",
                           "If-Match is not a current ETag of this resource");
        return false;
    }
    *version = (int)v;
    return true;
}

void
app_reply_versioned(struct http_ctx *ctx, int status, const PGresult *res, int body_col,
                    int version_col)
{
    char etag[32];
    snprintf(etag, sizeof etag, "\"%s\"", PQgetvalue(res, 0, version_col));
    http_ctx_add_header(ctx, "ETag", etag);
    http_reply_bytes(ctx, status, "application/json", PQgetvalue(res, 0, body_col),
                     (size_t)PQgetlength(res, 0, body_col));
}

bool
app_body_ok(struct http_ctx *ctx, const struct json_field *fields, size_t n)
{
    char field[64], detail[256];
    int rc = json_fields_check(ctx->body, fields, n, ctx->role, field, sizeof field, detail,
                               sizeof detail);
    if (rc < 0) {
        http_reply_problem(ctx, rc, field, "%s", detail);
        return false;
    }
    return true;
}

void
app_reply_one(struct http_ctx *ctx, const PGresult *res, const char *noun)
{
    if (PQntuples(res) != 1) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no %s %s", noun,
                           http_ctx_param(ctx, "id"));
        return;
    }
    app_reply_versioned(ctx, 200, res, 0, 1);
}

struct app_pending {
    struct http_ctx *ctx;
    app_result_fn on_result;
};

static void
app_query_done(void *arg, PGresult *res, int err)
{
    struct app_pending *p = arg;
    struct http_ctx *ctx = p->ctx;
    app_result_fn fn = p->on_result;
    free(p);
    if (err) {
        http_reply_problem(ctx, err, NULL, NULL);
        return;
    }
    if (PQresultStatus(res) != PGRES_TUPLES_OK && PQresultStatus(res) != PGRES_COMMAND_OK) {
        app_reply_sql_error(ctx, res);
        return;
    }
    fn(ctx, res);
}

void
app_query(struct http_ctx *ctx, size_t stmt, int nparams, const char *const *values,
          app_result_fn on_result)
{
    struct app_worker *w = http_ctx_app(ctx);
    struct app_pending *p = xmalloc(sizeof *p);
    p->ctx = ctx;
    p->on_result = on_result;
    int rc = db_pool_query(w->pool, stmt, nparams, values, app_query_done, p);
    if (rc < 0) {
        free(p);
        http_reply_problem(ctx, rc, NULL, NULL);
    }
}
