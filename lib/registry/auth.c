/*
 * auth: resolves the caller of a request from its bearer token.
 *
 * The token is checked for shape, hashed with SHA-256 and looked up by the
 * hash (one prepared statement); the stored secret is never compared in C.
 * Unknown, expired and revoked tokens and disabled users get 401; a token in
 * the query string is never read. On success the principal's role and
 * scopes are set on the context and the request continues.
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "auth/token.h"
#include "http/context.h"
#include "http/server.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    const char *name;
    unsigned role;
} roles[] = {
    {"firm", ROLE_FIRM},       {"officer", ROLE_OFFICER}, {"approver", ROLE_APPROVER},
    {"auditor", ROLE_AUDITOR}, {"admin", ROLE_ADMIN},
};

static void
auth_looked_up(struct http_ctx *ctx, PGresult *res)
{
    if (PQntuples(res) != 1) {
        http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL, "the token is not known");
        return;
    }
    const char *why = PQgetvalue(res, 0, 6)[0] == 't'   ? "the token was revoked"
                      : PQgetvalue(res, 0, 7)[0] == 't' ? "the token has expired"
                      : PQgetvalue(res, 0, 8)[0] == 't' ? "the user is disabled"
                                                        : NULL;
    if (why) {
        http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL, "%s", why);
        return;
    }
    const char *role = PQgetvalue(res, 0, 1);
    for (size_t i = 0; i < sizeof roles / sizeof roles[0]; i++)
        if (!strcmp(role, roles[i].name))
            ctx->role = roles[i].role;
    struct http_principal *p = &ctx->principal;
    p->user_id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
    p->firm_id = strtoll(PQgetvalue(res, 0, 2), NULL, 10);
    snprintf(p->login, sizeof p->login, "%s", PQgetvalue(res, 0, 3));
    snprintf(p->region_prefixes, sizeof p->region_prefixes, "%s", PQgetvalue(res, 0, 4));
    snprintf(p->programs, sizeof p->programs, "%s", PQgetvalue(res, 0, 5));
    if (ctx->role == ROLE_ANON) {
        http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL, "the user has no usable role");
        return;
    }
    http_dispatch_authorized(ctx);
}

void
app_authenticate(struct http_ctx *ctx)
{
    const char *h = http_ctx_header(ctx, "Authorization");
    if (strncmp(h, "Bearer ", 7) != 0 || !auth_token_well_formed(h + 7)) {
        http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL,
                           "send Authorization: Bearer pyt_… with a token from `peiyuctl token "
                           "issue`");
        return;
    }
    char hash[65];
    auth_sha256_hex(h + 7, hash);
    const char *params[1] = {hash};
    app_query(ctx, STMT_AUTH_TOKEN, 1, params, auth_looked_up);
}
