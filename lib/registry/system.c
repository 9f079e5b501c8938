/*
 * system: liveness, readiness and metrics.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/metrics.h"
#include "rules/ladder.h"

#include <event2/buffer.h>
#include <string.h>

void
system_healthz(struct http_ctx *ctx)
{
    static const char body[] = "{\"status\":\"ok\"}";
    http_reply_bytes(ctx, 200, "application/json", body, sizeof body - 1);
}

/* Then the recognition_kind table must be this build's list of kinds. */
static void
readyz_kinds_done(void *arg, PGresult *res, int err)
{
    struct http_ctx *ctx = arg;
    if (err) {
        http_reply_problem(ctx, err, NULL, "readiness check could not reach the database");
        return;
    }
    char want[512];
    rules_recognition_kinds_text(want, sizeof want);
    if (PQresultStatus(res) != PGRES_TUPLES_OK || PQntuples(res) != 1 ||
        strcmp(PQgetvalue(res, 0, 0), want) != 0) {
        http_reply_problem(ctx, HTTP_E_NOT_READY, NULL,
                           "the database's recognition kinds differ from this build's");
        return;
    }
    static const char body[] = "{\"status\":\"ready\"}";
    http_reply_bytes(ctx, 200, "application/json", body, sizeof body - 1);
}

/* Readiness answers 503 for every database trouble, including a missing schema. */
static void
readyz_done(void *arg, PGresult *res, int err)
{
    struct http_ctx *ctx = arg;
    const struct app_worker *w = http_ctx_app(ctx);
    if (err) {
        http_reply_problem(ctx, err, NULL, "readiness check could not reach the database");
        return;
    }
    if (PQresultStatus(res) != PGRES_TUPLES_OK) {
        http_reply_problem(ctx, HTTP_E_NOT_READY, NULL, "the database has no migrations applied");
        return;
    }
    const char *applied = PQntuples(res) == 1 ? PQgetvalue(res, 0, 0) : "";
    if (strcmp(applied, w->shared->expected_migrations) != 0) {
        http_reply_problem(ctx, HTTP_E_NOT_READY, NULL,
                           "the database's migrations differ from this build's; run peiyuctl "
                           "migrate");
        return;
    }
    int rc = db_pool_query(w->pool, STMT_RECOGNITION_KINDS, 0, NULL, readyz_kinds_done, ctx);
    if (rc < 0)
        http_reply_problem(ctx, rc, NULL, "readiness check could not reach the database");
}

void
system_readyz(struct http_ctx *ctx)
{
    const struct app_worker *w = http_ctx_app(ctx);
    int rc = db_pool_query(w->pool, STMT_MIGRATIONS_APPLIED, 0, NULL, readyz_done, ctx);
    if (rc < 0)
        http_reply_problem(ctx, rc, NULL, "readiness check could not reach the database");
}

void
system_metrics(struct http_ctx *ctx)
{
    struct evbuffer *b = evbuffer_new();
    metrics_render(b);
    http_reply_buffer(ctx, 200, "text/plain; version=0.0.4; charset=utf-8", b);
    evbuffer_free(b);
}
