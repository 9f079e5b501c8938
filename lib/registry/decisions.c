/*
 * decisions: POST /v1/applications/{id}/decision (the officer holding the
 * claim approves, rejects or returns, with a reason and If-Match),
 * POST /v1/applications/{id}/second-approval (an approver's second
 * signature on awards at or above the programme's four-eyes threshold) and
 * POST /v1/applications/{id}/disbursement (the payment of the award).
 *
 * C checks the body's shape against the field tables; everything else (the
 * claim, conflicts of interest, the award against the computed amount, the
 * budget, the transition) is decided by one SQL function per command in one
 * transaction that audits (sql/migrations/0013_decisions.sql). A refusal of
 * a conflicted user comes back as status 403 with the reason: it is
 * committed with its audit event, so it is answered here, not raised.
 *
 * If-Match: required for a decision (428 without); optional for the second
 * signature and the payment (checked when sent: 412 when stale).
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "http/json_fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ID_MAX  999999999999999999LL
#define FEN_MAX 999999999999999999LL

static bool
is_decision(const char *s)
{
    return !strcmp(s, "approve") || !strcmp(s, "reject") || !strcmp(s, "return");
}

static bool
is_second_decision(const char *s)
{
    return !strcmp(s, "approve") || !strcmp(s, "reject");
}

/* A voucher number: at most 63 bytes, no control characters. */
static bool
is_voucher(const char *s)
{
    size_t n = strlen(s);
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return false;
    return n >= 1 && n <= 63;
}

static const struct json_field decision_fields[] = {
    {"decision", JF_STRING, true, 1, 16, is_decision, "approve, reject or return", 0},
    {"reason", JF_STRING, true, 1, 2000, NULL, NULL, 0},
    {"award_fen", JF_INT, false, 0, FEN_MAX, NULL, NULL, 0},
    {"award_reason", JF_STRING, false, 1, 2000, NULL, NULL, 0},
};

static const struct json_field second_approval_fields[] = {
    {"decision", JF_STRING, true, 1, 16, is_second_decision, "approve or reject", 0},
    {"reason", JF_STRING, true, 1, 2000, NULL, NULL, 0},
};

static const struct json_field disbursement_fields[] = {
    {"paid_on", JF_DATE, true, 0, 0, NULL, NULL, 0},
    {"voucher_number", JF_STRING, true, 1, 63, is_voucher,
     "at most 63 bytes without control characters", 0},
    {"amount_fen", JF_INT, true, 1, FEN_MAX, NULL, NULL, 0},
};

static const char *
str(struct http_ctx *ctx, const char *name)
{
    return json_string_value(json_object_get(ctx->body, name));
}

/* An optional integer field as text in buf, or NULL when absent. */
static const char *
int_text(struct http_ctx *ctx, const char *name, char buf[24])
{
    json_t *v = json_object_get(ctx->body, name);
    if (!v)
        return NULL;
    snprintf(buf, 24, "%lld", (long long)json_integer_value(v));
    return buf;
}

/*
 * The optional If-Match as text in buf (NULL when not sent); false after
 * replying 412 to a malformed one.
 */
static bool
optional_if_match(struct http_ctx *ctx, char buf[16], const char **out)
{
    int version;
    *out = NULL;
    if (!http_ctx_header(ctx, "If-Match"))
        return true;
    if (!app_if_match(ctx, &version))
        return false;
    snprintf(buf, 16, "%d", version);
    *out = buf;
    return true;
}

static void
decided(struct http_ctx *ctx, PGresult *res)
{
    int status = atoi(PQgetvalue(res, 0, 0));
    if (status == 403) {
        http_reply_problem(ctx, HTTP_E_FORBIDDEN, NULL, "%s", PQgetvalue(res, 0, 1));
        return;
    }
    app_reply_versioned(ctx, status, res, 1, 2);
}

static const char *
programs(const struct http_ctx *ctx)
{
    return ctx->principal.programs[0] ? ctx->principal.programs : "{}";
}

void
decisions_decide(struct http_ctx *ctx)
{
    char id[24], vs[16], award[24];
    int version;
    if (!app_id_param(ctx, "id", id) || !app_if_match(ctx, &version) ||
        !app_body_ok(ctx, decision_fields, APP_NFIELDS(decision_fields)))
        return;
    snprintf(vs, sizeof vs, "%d", version);
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[12] = {a.id,
                         a.login,
                         a.role,
                         a.prefixes,
                         programs(ctx),
                         a.request_id,
                         id,
                         vs,
                         str(ctx, "decision"),
                         str(ctx, "reason"),
                         int_text(ctx, "award_fen", award),
                         str(ctx, "award_reason")};
    app_query(ctx, STMT_APPLICATION_DECIDE, 12, p, decided);
}

void
decisions_second_approval(struct http_ctx *ctx)
{
    char id[24], vs[16];
    const char *if_match;
    if (!app_id_param(ctx, "id", id) || !optional_if_match(ctx, vs, &if_match) ||
        !app_body_ok(ctx, second_approval_fields, APP_NFIELDS(second_approval_fields)))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[10] = {a.id,         a.login, a.role,   a.prefixes,           programs(ctx),
                         a.request_id, id,      if_match, str(ctx, "decision"), str(ctx, "reason")};
    app_query(ctx, STMT_APPLICATION_SECOND_DECIDE, 10, p, decided);
}

void
decisions_disburse(struct http_ctx *ctx)
{
    char id[24], vs[16], amount[24];
    const char *if_match;
    if (!app_id_param(ctx, "id", id) || !optional_if_match(ctx, vs, &if_match) ||
        !app_body_ok(ctx, disbursement_fields, APP_NFIELDS(disbursement_fields)))
        return;
    struct app_actor a;
    app_actor(ctx, &a);
    const char *p[11] = {a.id,
                         a.login,
                         a.role,
                         a.prefixes,
                         programs(ctx),
                         a.request_id,
                         id,
                         if_match,
                         str(ctx, "paid_on"),
                         str(ctx, "voucher_number"),
                         int_text(ctx, "amount_fen", amount)};
    app_query(ctx, STMT_APPLICATION_DISBURSE, 11, p, decided);
}
