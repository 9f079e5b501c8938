/*
 * recognitions: POST /v1/firms/{id}/recognitions (admin import) and
 * GET /v1/firms/{id}/recognitions[?as_of=DATE].
 *
 * The body's shape is checked here against a declared field table (kind is
 * a recognition kind of POLICY.md §5, dates are civil dates, expires_on is
 * not before granted_on); the firm, the caller's right, certificate
 * uniqueness and the audit event are settled by one SQL function
 * (recognition_grant, sql/migrations/0010_recognitions.sql). The list is
 * scoped in SQL: a caller who may not see the firm gets 404. With as_of it
 * keeps the recognitions in force that day, granted_on through expires_on
 * inclusive, the convention of rules_recognition_in_force.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "rules/date.h"
#include "rules/facts.h"

#include <string.h>

static bool
kind_ok(const char *s)
{
    return rules_enum_find(rules_recognition_kind_names, s) >= 1;
}

/* The engine keeps 63 bytes of a certificate number; no control characters. */
static bool
number_ok(const char *s)
{
    for (const char *p = s; *p; p++)
        if ((unsigned char)*p < 0x20 || *p == 0x7f)
            return false;
    return strlen(s) <= 63;
}

static bool
source_ok(const char *s)
{
    return !strcmp(s, "import") || !strcmp(s, "manual");
}

static const struct json_field grant_fields[] = {
    {"kind", JF_STRING, true, 1, 32, kind_ok,
     "one of incubator_tenant, tech_sme, innovative_sme, hnte_pool, high_tech, specialized_sme,"
     " little_giant, gazelle",
     0},
    {"certificate_number", JF_STRING, false, 1, 63, number_ok,
     "at most 63 bytes, no control characters", 0},
    {"granted_on", JF_DATE, true, 0, 0, NULL, NULL, 0},
    {"expires_on", JF_DATE, true, 0, 0, NULL, NULL, 0},
    {"source", JF_STRING, false, 1, 16, source_ok,
     "import (the default) or manual; approvals record their own", 0},
};

static const char *
str(struct http_ctx *ctx, const char *name)
{
    return json_string_value(json_object_get(ctx->body, name));
}

static void
recognition_granted(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 201, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
recognitions_create(struct http_ctx *ctx)
{
    char id[24], field[64], detail[256];
    if (!app_id_param(ctx, "id", id))
        return;
    int rc =
        json_fields_check(ctx->body, grant_fields, sizeof grant_fields / sizeof grant_fields[0],
                          ctx->role, field, sizeof field, detail, sizeof detail);
    if (rc < 0) {
        http_reply_problem(ctx, rc, field, "%s", detail);
        return;
    }
    const char *granted = str(ctx, "granted_on"), *expires = str(ctx, "expires_on");
    if (strcmp(expires, granted) < 0) { /* YYYY-MM-DD orders as text */
        http_reply_problem(ctx, HTTP_E_INVALID_FIELD, "expires_on",
                           "expires_on %s is before granted_on %s", expires, granted);
        return;
    }
    const char *source = str(ctx, "source");
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[10] = {a.id,
                         a.login,
                         a.role,
                         a.request_id,
                         id,
                         str(ctx, "kind"),
                         str(ctx, "certificate_number"),
                         granted,
                         expires,
                         source ? source : "import"};
    app_query(ctx, STMT_RECOGNITION_GRANT, 10, p, recognition_granted);
}

static void
recognitions_listed(struct http_ctx *ctx, PGresult *res)
{
    if (PQntuples(res) != 1) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL, "no firm %s", http_ctx_param(ctx, "id"));
        return;
    }
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
recognitions_list(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    const char *as_of = http_ctx_query(ctx, "as_of");
    if (as_of && !json_fields_is_date(as_of)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "as_of", "as_of is a date YYYY-MM-DD");
        return;
    }
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[5] = {id, a.role, a.firm, a.prefixes, as_of};
    app_query(ctx, STMT_RECOGNITION_LIST, 5, p, recognitions_listed);
}
