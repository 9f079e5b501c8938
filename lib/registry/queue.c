/*
 * queue: GET /v1/queue, POST /v1/queue/claim, POST /v1/applications/{id}/release.
 *
 * The review queue of officers and approvers. Query parameters are checked
 * for shape here; the page itself, scoped by the caller's region prefixes
 * and programmes and ordered by due date, flagged first, submission time
 * and id, is one SQL function (queue_page). Claiming is one SQL function
 * (queue_claim) whose single SELECT … FOR UPDATE SKIP LOCKED hands each
 * item to exactly one officer across any number of peiyud instances;
 * release gives a claim back. Both move the application through the
 * transition table and audit in the same transaction
 * (sql/migrations/0012_queue.sql).
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *
caller_programs(const struct http_ctx *ctx)
{
    return ctx->principal.programs[0] ? ctx->principal.programs : "{}";
}

static bool
digits(const char *s, size_t min, size_t max)
{
    size_t n = strlen(s);
    return n >= min && n <= max && strspn(s, "0123456789") == n;
}

/* Digits only, min..max of them, from s; returns the end or NULL. */
static const char *
digit_run(const char *s, size_t min, size_t max)
{
    size_t n = strspn(s, "0123456789");
    return n >= min && n <= max ? s + n : NULL;
}

/* A next_cursor as queue_cursor() writes it: "YYYY-MM-DD.F.MICROS.ID". */
static bool
cursor_ok(const char *s)
{
    char date[11];
    if (strlen(s) < 16 || strlen(s) > 64)
        return false;
    memcpy(date, s, 10);
    date[10] = '\0';
    if (!json_fields_is_date(date) || s[10] != '.' || (s[11] != '0' && s[11] != '1') ||
        s[12] != '.')
        return false;
    s += 13;
    if (*s == '-')
        s++;
    s = digit_run(s, 1, 18);
    if (!s || *s != '.')
        return false;
    s = digit_run(s + 1, 1, 18);
    return s && *s == '\0';
}

static void
queue_listed(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

void
queue_list(struct http_ctx *ctx)
{
    const char *program = http_ctx_query(ctx, "program");
    const char *region = http_ctx_query(ctx, "region");
    const char *state = http_ctx_query(ctx, "state");
    const char *overdue = http_ctx_query(ctx, "overdue");
    const char *cursor = http_ctx_query(ctx, "cursor");
    const char *limit = http_ctx_query(ctx, "limit");
    if (program && (!digits(program, 1, 18) || program[0] == '0')) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "program",
                           "program is a programme id (a positive whole number)");
        return;
    }
    if (region && !digits(region, 2, 6)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "region",
                           "region is a prefix of 2 to 6 digits of a region code");
        return;
    }
    if (state && strcmp(state, "queued") && strcmp(state, "claimed") && strcmp(state, "returned") &&
        strcmp(state, "awaiting_second_approval")) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "state",
                           "state is queued, claimed, returned or awaiting_second_approval");
        return;
    }
    if (overdue && strcmp(overdue, "true") && strcmp(overdue, "false")) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "overdue", "overdue is true or false");
        return;
    }
    if (cursor && !cursor_ok(cursor)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "cursor",
                           "cursor is the next_cursor of the previous page");
        return;
    }
    char *end = NULL;
    long lim = limit ? strtol(limit, &end, 10) : 20;
    if (limit && (!limit[0] || *end || lim < 1 || lim > 100)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "limit", "limit is 1 to 100");
        return;
    }
    char lims[8];
    snprintf(lims, sizeof lims, "%ld", lim);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[10] = {a.role,  a.firm, a.prefixes, caller_programs(ctx), program, region, state,
                         overdue, cursor, lims};
    app_query(ctx, STMT_QUEUE_PAGE, 10, p, queue_listed);
}

static void
application_claimed(struct http_ctx *ctx, PGresult *res)
{
    app_reply_versioned(ctx, 200, res, 0, 1);
}

void
queue_claim(struct http_ctx *ctx)
{
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[6] = {a.id, a.login, a.role, a.prefixes, caller_programs(ctx), a.request_id};
    app_query(ctx, STMT_QUEUE_CLAIM, 6, p, application_claimed);
}

void
applications_release(struct http_ctx *ctx)
{
    char id[24];
    if (!app_id_param(ctx, "id", id))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {a.id, a.login, a.role, a.prefixes, caller_programs(ctx), a.request_id, id};
    app_query(ctx, STMT_APPLICATION_RELEASE, 7, p, application_claimed);
}
