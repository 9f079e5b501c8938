/*
 * calendar: PUT /v1/calendar/{date} (admins) and GET /v1/calendar?from=&to=.
 *
 * The calendar of working days that due dates are counted on: a row per
 * exception (a weekday holiday, a weekend day worked instead); dates
 * without a row follow Monday to Friday. Shapes are checked here; the
 * change and its audit event ('calendar.set' on the 'system' stream) are one
 * SQL function (calendar_set, sql/migrations/0012_queue.sql).
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "rules/date.h"

#include <stdlib.h>
#include <string.h>

/* The calendar's range of dates (work_calendar.day). */
static bool
calendar_date_ok(const char *s, rules_date *out)
{
    return s && json_fields_is_date(s) && strncmp(s, "2000", 4) >= 0 &&
           rules_date_parse(s, strlen(s), out) == 0;
}

static const struct json_field calendar_fields[] = {
    {"is_working_day", JF_BOOL, true, 0, 0, NULL, NULL, 0},
    {"note", JF_STRING, false, 0, 200, NULL, NULL, 0},
};

static void
calendar_set_done(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, atoi(PQgetvalue(res, 0, 0)), "application/json", PQgetvalue(res, 0, 1),
                     (size_t)PQgetlength(res, 0, 1));
}

void
calendar_put(struct http_ctx *ctx)
{
    const char *date = http_ctx_param(ctx, "date");
    rules_date d;
    if (!calendar_date_ok(date, &d)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "date",
                           "date is a calendar date YYYY-MM-DD from 2000-01-01 to 2199-12-31");
        return;
    }
    char field[64], detail[256];
    int rc = json_fields_check(ctx->body, calendar_fields,
                               sizeof calendar_fields / sizeof calendar_fields[0], ctx->role, field,
                               sizeof field, detail, sizeof detail);
    if (rc < 0) {
        http_reply_problem(ctx, rc, field, "%s", detail);
        return;
    }
    bool working = json_is_true(json_object_get(ctx->body, "is_working_day"));
    const char *note = json_string_value(json_object_get(ctx->body, "note"));
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[7] = {a.id, a.login, a.role, a.request_id, date, working ? "true" : "false",
                        note};
    app_query(ctx, STMT_CALENDAR_SET, 7, p, calendar_set_done);
}

static void
calendar_listed(struct http_ctx *ctx, PGresult *res)
{
    http_reply_bytes(ctx, 200, "application/json", PQgetvalue(res, 0, 0),
                     (size_t)PQgetlength(res, 0, 0));
}

#define CALENDAR_MAX_DAYS 366

void
calendar_get(struct http_ctx *ctx)
{
    const char *from = http_ctx_query(ctx, "from");
    const char *to = http_ctx_query(ctx, "to");
    rules_date f, t;
    if (!calendar_date_ok(from, &f)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "from",
                           "from is a calendar date YYYY-MM-DD from 2000-01-01 to 2199-12-31");
        return;
    }
    if (!calendar_date_ok(to, &t)) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "to",
                           "to is a calendar date YYYY-MM-DD from 2000-01-01 to 2199-12-31");
        return;
    }
    if (t < f || t - f >= CALENDAR_MAX_DAYS) {
        http_reply_problem(ctx, HTTP_E_INVALID_PARAMETER, "to",
                           "to is on or after from, and the range spans at most %d days",
                           CALENDAR_MAX_DAYS);
        return;
    }
    const char *p[2] = {from, to};
    app_query(ctx, STMT_CALENDAR_RANGE, 2, p, calendar_listed);
}
