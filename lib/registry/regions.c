/*
 * regions: 行政区划代码, read-only. GET /v1/regions?parent=CODE lists the
 * children of a region (provinces without parent); GET /v1/regions/{code}
 * returns one. PostgreSQL renders the JSON, so the handler copies bytes.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"

#include <string.h>

/* A region code is exactly six ASCII digits. */
static bool
region_code_valid(const char *s)
{
    return s && strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

static void
region_got(struct http_ctx *ctx, PGresult *res)
{
    if (PQntuples(res) == 0) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, "code", "no region has code %s",
                           http_ctx_param(ctx, "code"));
        return;
    }
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
regions_get(struct http_ctx *ctx)
{
    const char *code = http_ctx_param(ctx, "code");
    if (!region_code_valid(code)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "code",
                           "a region code is six digits (行政区划代码), e.g. 410400");
        return;
    }
    const char *params[1] = {code};
    app_query(ctx, STMT_REGION_GET, 1, params, region_got);
}

static void
regions_listed(struct http_ctx *ctx, PGresult *res)
{
    if (strcmp(PQgetvalue(res, 0, 0), "t") != 0) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, "parent", "no region has code %s",
                           http_ctx_query(ctx, "parent"));
        return;
    }
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 1),
                     (size_t)PQgetlength(res, 0, 1));
}

void
regions_list(struct http_ctx *ctx)
{
    const char *parent = http_ctx_query(ctx, "parent");
    if (parent && !region_code_valid(parent)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "parent",
                           "parent is a six-digit region code, e.g. 410000");
        return;
    }
    const char *params[1] = {parent};
    app_query(ctx, STMT_REGION_CHILDREN, 1, params, regions_listed);
}
