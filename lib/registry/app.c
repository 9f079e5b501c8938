/*
 * app: per-loop state for peiyud's handlers and the one helper that turns a
 * database outcome into a response when a handler does not want it.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
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
    return w;
}

void
app_worker_fini(void *app)
{
    struct app_worker *w = app;
    db_pool_free(w->pool);
    free(w);
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
                        "peiyu_db_errors_total %llu\n",
                        g.connections_up, g.in_use, g.waiting,
                        (unsigned long long)g.errors_total);
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
        const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
        /* 57P01..57P03 admin shutdown / cannot connect now; 08xxx connection errors */
        bool unavailable = state && (strncmp(state, "57P", 3) == 0 || strncmp(state, "08", 2) == 0);
        snprintf(ctx->detail, sizeof ctx->detail, "SQLSTATE %s: %s", state ? state : "?",
                 PQresultErrorMessage(res));
        size_t n = strlen(ctx->detail);
        while (n && (ctx->detail[n - 1] == '\n' || ctx->detail[n - 1] == ' '))
            ctx->detail[--n] = '\0';
        http_reply_problem(ctx, unavailable ? HTTP_E_DB_UNAVAILABLE : HTTP_E_INTERNAL, NULL, NULL);
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
