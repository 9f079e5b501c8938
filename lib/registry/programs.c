/*
 * programs: POST /v1/programs, GET /v1/programs, GET /v1/programs/{id},
 * PATCH /v1/programs/{id} (admin-managed programmes, 申报项目).
 *
 * C checks the shape of bodies (declared field tables, the module is a
 * registered rule module, window bounds are dates or RFC 3339 timestamps
 * with an offset); scope, versions and the audit event on the 'system'
 * stream happen in one SQL function call (sql/migrations/0008_programs.sql).
 *
 * Windows: a bare date is a civil date in Asia/Shanghai; opens_at "D" opens
 * at 00:00 of D and closes_at "D" closes at the end of D (the window is
 * [opens_at, closes_at)). Answers show instants in +08:00.
 *
 * Listing: firms see the programmes open now whose region scope covers
 * their firm; officers, approvers and auditors the open programmes of their
 * scope, or all of them with ?all=1; admins see every programme.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "rules/module.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool
digits(const char *s, size_t n)
{
    return strspn(s, "0123456789") >= n;
}

/* "YYYY-MM-DD", or "YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)". */
static bool
window_bound_ok(const char *s)
{
    if (strlen(s) == 10)
        return json_fields_is_date(s);
    char date[11];
    if (strlen(s) < 20 || strlen(s) > 35)
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!json_fields_is_date(date) || (s[10] != 'T' && s[10] != 't') || !digits(s + 11, 2) ||
        s[13] != ':' || !digits(s + 14, 2) || s[16] != ':' || !digits(s + 17, 2))
        return false;
    if (atoi(s + 11) > 23 || atoi(s + 14) > 59 || atoi(s + 17) > 59)
        return false;
    const char *p = s + 19;
    if (*p == '.') {
        size_t n = strspn(p + 1, "0123456789");
        if (n < 1 || n > 6)
            return false;
        p += 1 + n;
    }
    if ((p[0] == 'Z' || p[0] == 'z') && !p[1])
        return true;
    return (p[0] == '+' || p[0] == '-') && digits(p + 1, 2) && p[3] == ':' && digits(p + 4, 2) &&
           !p[6] && atoi(p + 1) <= 14 && atoi(p + 4) <= 59;
}

static bool
module_ok(const char *s)
{
    return rules_module_find(s) != NULL;
}

static bool
region_prefix_ok(const char *s)
{
    return strlen(s) <= 6 && strspn(s, "0123456789") == strlen(s);
}

#define WINDOW_HINT "a date YYYY-MM-DD (Asia/Shanghai) or an RFC 3339 timestamp with an offset"
#define FEN_MAX     100000000000000LL /* 1 万亿元: far above any programme */

static const struct json_field program_create_fields[] = {
    {"name_zh", JF_STRING, true, 2, 128, NULL, NULL, 0},
    {"name_en", JF_STRING, true, 2, 128, NULL, NULL, 0},
    {"module", JF_STRING, true, 2, 40, module_ok, "a registered rule module id, e.g. tech_sme", 0},
    {"region_prefix", JF_STRING, true, 0, 6, region_prefix_ok,
     "0 to 6 digits of a region code (\"\" = everywhere)", 0},
    {"opens_at", JF_STRING, true, 10, 35, window_bound_ok, WINDOW_HINT, 0},
    {"closes_at", JF_STRING, true, 10, 35, window_bound_ok, WINDOW_HINT, 0},
    {"fiscal_year", JF_INT, true, 1990, 2100, NULL, NULL, 0},
    {"relevant_date", JF_DATE, false, 0, 0, NULL, NULL, 0},
    {"budget_fen", JF_INT, false, 0, FEN_MAX, NULL, NULL, 0},
    {"review_days", JF_INT, false, 1, 365, NULL, NULL, 0},
    {"four_eyes_fen", JF_INT, false, 0, FEN_MAX, NULL, NULL, 0},
};

static const struct json_field program_patch_fields[] = {
    {"name_zh", JF_STRING, false, 2, 128, NULL, NULL, 0},
    {"name_en", JF_STRING, false, 2, 128, NULL, NULL, 0},
    {"opens_at", JF_STRING, false, 10, 35, window_bound_ok, WINDOW_HINT, 0},
    {"closes_at", JF_STRING, false, 10, 35, window_bound_ok, WINDOW_HINT, 0},
    {"relevant_date", JF_DATE, false, 0, 0, NULL, NULL, 0},
    {"budget_fen", JF_INT, false, 0, FEN_MAX, NULL, NULL, 0},
    {"review_days", JF_INT, false, 1, 365, NULL, NULL, 0},
    {"four_eyes_fen", JF_INT, false, 0, FEN_MAX, NULL, NULL, 0},
};

static void
program_created(struct http_ctx *ctx, PGresult *res)
{
    json_t *b = json_loads(PQgetvalue(res, 0, 0), 0, NULL);
    char loc[64];
    snprintf(loc, sizeof loc, "/v1/programs/%lld",
             (long long)json_integer_value(json_object_get(b, "id")));
    json_decref(b);
    http_ctx_add_header(ctx, "Location", loc);
    app_reply_versioned(ctx, 201, res, 0, 1);
}

void
programs_create(struct http_ctx *ctx)
{
    if (!app_body_ok(ctx, program_create_fields, APP_NFIELDS(program_create_fields)))
        return;
    char *body = json_dumps(ctx->body, JSON_COMPACT);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {a.id, a.login, a.role, a.request_id, body};
    app_query(ctx, STMT_PROGRAM_CREATE, 5, p, program_created);
    free(body); /* the pool copied the parameters */
}

static const char *
caller_programs(const struct http_ctx *ctx)
{
    return ctx->principal.programs[0] ? ctx->principal.programs : "{}";
}

static void
program_got(struct http_ctx *ctx, PGresult *res)
{
    app_reply_one(ctx, res, "programme");
}

void
programs_get(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {id, a.role, a.firm, a.prefixes, caller_programs(ctx)};
    app_query(ctx, STMT_PROGRAM_GET, 5, p, program_got);
}

static void
programs_listed(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
programs_list(struct http_ctx *ctx)
{
    const char *all = http_ctx_query(ctx, "all");
    if (all && strcmp(all, "0") && strcmp(all, "1")) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "all",
                           "all is 1 (include programmes not open now) or 0");
        return;
    }
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {a.role, a.firm, a.prefixes, caller_programs(ctx),
                        all && !strcmp(all, "1") ? "true" : "false"};
    app_query(ctx, STMT_PROGRAM_LIST, 5, p, programs_listed);
}

static void
program_updated(struct http_ctx *ctx, PGresult *res)
{
    app_reply_versioned(ctx, 200, res, 0, 1);
}

void
programs_patch(struct http_ctx *ctx)
{
    char id[24];
    int version;
    if (!app_id_param(ctx, "id", id) || !app_if_match(ctx, &version) ||
        !app_body_ok(ctx, program_patch_fields, APP_NFIELDS(program_patch_fields)))
        return;
    char vs[16];
    snprintf(vs, sizeof vs, "%d", version);
    char *patch = json_dumps(ctx->body, JSON_COMPACT);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {a.id, a.login, a.role, a.request_id, id, vs, patch};
    app_query(ctx, STMT_PROGRAM_UPDATE, 7, p, program_updated);
    free(patch); /* the pool copied the parameters */
}
