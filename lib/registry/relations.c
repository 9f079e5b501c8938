/*
 * relations: POST /v1/officer-relations (an officer or approver declares a
 * relation to a firm: a conflict of interest that keeps it from claiming,
 * deciding or co-signing that firm's applications) and
 * GET /v1/officer-relations (the caller's own declarations).
 *
 * The declaration is one SQL function that checks the caller's role and the
 * firm's scope (404 outside it), refuses a second declaration for the same
 * firm (409) and audits on the firm's stream (sql/migrations/0013_decisions.sql).
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"

#include <stdio.h>
#include <string.h>

#define ID_MAX 999999999999999999LL

static bool
no_control(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s < 0x20 || *s == 0x7f)
            return false;
    return true;
}

static const struct json_field relation_fields[] = {
    {"firm_id", JF_INT, true, 1, ID_MAX, NULL, NULL, 0},
    {"nature", JF_STRING, true, 1, 200, no_control,
     "a sentence without control characters (e.g. 配偶任该企业财务负责人)", 0},
};

static void
relation_declared(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 201, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
relations_declare(struct http_ctx *ctx)
{
    char field[64], detail[256], firm[24];
    int rc = json_fields_check(ctx->body, relation_fields,
                               sizeof relation_fields / sizeof relation_fields[0], ctx->role, field,
                               sizeof field, detail, sizeof detail);
    if (rc < 0) {
        http_reply_problem(ctx, rc, field, "%s", detail);
        return;
    }
    snprintf(firm, sizeof firm, "%lld",
             (long long)json_integer_value(json_object_get(ctx->body, "firm_id")));
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {a.id,
                        a.login,
                        a.role,
                        a.prefixes,
                        a.request_id,
                        firm,
                        json_string_value(json_object_get(ctx->body, "nature"))};
    app_query(ctx, STMT_OFFICER_RELATION_DECLARE, 7, p, relation_declared);
}

static void
relations_listed(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
relations_list(struct http_ctx *ctx)
{
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[1] = {a.id};
    app_query(ctx, STMT_OFFICER_RELATION_LIST, 1, p, relations_listed);
}
