/*
 * firms: POST /v1/firms, GET /v1/firms/{id}, GET /v1/firms, PATCH /v1/firms/{id}.
 *
 * Validation of shape happens here (declared field tables, USCC format and
 * check character); scope, uniqueness, versions and the audit event happen
 * in one SQL function call (sql/migrations/0005_firms.sql). A firm account
 * registers its own firm once; fields only officials may set are refused on
 * a firm's request.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "rules/uscc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
region_code_ok(const char *s)
{
    return strlen(s) == 6 && strspn(s, "0123456789") == 6;
}

/* GB/T 4754-2017: a section letter and 2-4 digits, e.g. C3484. */
static bool
industry_code_ok(const char *s)
{
    size_t n = strlen(s);
    return n >= 3 && n <= 5 && s[0] >= 'A' && s[0] <= 'T' && strspn(s + 1, "0123456789") == n - 1;
}

static bool
uscc_shape_ok(const char *s)
{
    return rules_uscc_check(s, strlen(s), NULL) != RULES_USCC_BAD_FORMAT;
}

#define OFFICIALS (ROLE_OFFICER | ROLE_ADMIN)

static const struct json_field firm_create_fields[] = {
    {"uscc", JF_STRING, true, 18, 18, uscc_shape_ok,
     "18 characters of GB 32100-2015 (digits and A-Y without I, O, S, V, Z)", 0},
    {"name", JF_STRING, true, 2, 128, NULL, NULL, 0},
    {"registered_on", JF_DATE, true, 0, 0, NULL, NULL, 0},
    {"region_code", JF_STRING, true, 6, 6, region_code_ok, "six digits, e.g. 410402", 0},
    {"industry_code", JF_STRING, true, 3, 5, industry_code_ok, "GB/T 4754-2017, e.g. C3484", 0},
};

static const struct json_field firm_patch_fields[] = {
    {"name", JF_STRING, false, 2, 128, NULL, NULL, 0},
    {"region_code", JF_STRING, false, 6, 6, region_code_ok, "six digits, e.g. 410402", 0},
    {"industry_code", JF_STRING, false, 3, 5, industry_code_ok, "GB/T 4754-2017, e.g. C3484", 0},
    {"dishonest_listed", JF_BOOL, false, 0, 0, NULL, NULL, OFFICIALS},
};

static const char *
str(struct http_ctx *ctx, const char *name)
{
    return json_string_value(json_object_get(ctx->body, name));
}

static void
firm_created(struct http_ctx *ctx, PGresult *res)
{
    json_t *b = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
    char loc[64];
    snprintf(loc, sizeof loc, "/v1/firms/%lld",
             (long long)json_integer_value(json_object_get(b, "id")));
    json_decref(b);
    http_ctx_add_header(ctx, "Location", loc);
    app_reply_versioned(ctx, 201, res, 0, 1);
}

void
firms_create(struct http_ctx *ctx)
{
    if (!app_body_ok(ctx, firm_create_fields, APP_NFIELDS(firm_create_fields)))
        return;
    const char *uscc = str(ctx, "uscc");
    bool check_ok = rules_uscc_check(uscc, strlen(uscc), NULL) == RULES_USCC_OK;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[10] = {a.id,
                         a.login,
                         a.role,
                         a.request_id,
                         uscc,
                         check_ok ? "true" : "false",
                         str(ctx, "name"),
                         str(ctx, "registered_on"),
                         str(ctx, "region_code"),
                         str(ctx, "industry_code")};
    app_query(ctx, STMT_FIRM_REGISTER, 10, p, firm_created);
}

static void
firm_got(struct http_ctx *ctx, PGresult *res)
{
    app_reply_one(ctx, res, "firm");
}

void
firms_get(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[4] = {id, a.role, a.firm, a.prefixes};
    app_query(ctx, STMT_FIRM_GET, 4, p, firm_got);
}

static void
firms_listed(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
firms_list(struct http_ctx *ctx)
{
    const char *region = http_ctx_query(ctx, "region");
    const char *q = http_ctx_query(ctx, "q");
    const char *cursor = http_ctx_query(ctx, "cursor");
    const char *limit = http_ctx_query(ctx, "limit");
    size_t rl = region ? strlen(region) : 0;
    if (region && (rl < 2 || rl > 6 || strspn(region, "0123456789") != rl)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "region",
                           "region is a prefix of 2 to 6 digits of a region code");
        return;
    }
    if (q && (strlen(q) < 1 || strlen(q) > 64)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "q", "q has 1 to 64 bytes");
        return;
    }
    if (cursor &&
        (strlen(cursor) > 18 || strspn(cursor, "0123456789") != strlen(cursor) || !cursor[0])) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "cursor",
                           "cursor is the next_cursor of the previous page");
        return;
    }
    char *end = NULL;
    long lim = limit ? strtol(limit, &end, 10) : 20;
    if (limit && (*end || lim < 1 || lim > 100)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "limit", "limit is 1 to 100");
        return;
    }
    char lims[8];
    snprintf(lims, sizeof lims, "%ld", lim);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {a.role, a.firm, a.prefixes, region, q, cursor, lims};
    app_query(ctx, STMT_FIRM_LIST, 7, p, firms_listed);
}

static void
firm_updated(struct http_ctx *ctx, PGresult *res)
{
    app_reply_versioned(ctx, 200, res, 0, 1);
}

void
firms_patch(struct http_ctx *ctx)
{
    char id[24];
    int version;
    if (!app_id_param(ctx, "id", id) || !app_if_match(ctx, &version) ||
        !app_body_ok(ctx, firm_patch_fields, APP_NFIELDS(firm_patch_fields)))
        return;
    char vs[16];
    snprintf(vs, sizeof vs, "%d", version);
    char *patch = json_dumps(ctx->body, JSON_COMPACT);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[9] = {a.id, a.login, a.role, a.firm, a.prefixes, a.request_id, id, vs, patch};
    app_query(ctx, STMT_FIRM_UPDATE, 9, p, firm_updated);
    free(patch); /* the pool copied the parameters */
}
