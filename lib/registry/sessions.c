/*
 * sessions: POST /v1/sessions {login, password} → a 12-hour bearer token.
 *
 * 1. one statement reads the account's hash and how long it must still wait
 *    after repeated failures (429 with Retry-After when it must);
 * 2. PBKDF2 runs on the offload pool, never on the loop; an unknown login
 *    is checked against a dummy hash so it costs the same time;
 * 3. one SQL function opens the session (resets the count, stores only the
 *    token's SHA-256, audits) or counts the failure (and audits it).
 */
#include "registry/app.h"
#include "registry/statements.h"
#include "auth/token.h"
#include "core/xalloc.h"
#include "http/context.h"
#include "http/json_fields.h"
#include "http/offload.h"

#include <openssl/crypto.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A well-formed hash no password matches in practice (same cost as a real one). */
static const char dummy_hash[] = "pbkdf2-sha256$210000$AAAAAAAAAAAAAAAAAAAAAA$"
                                 "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";

static const struct json_field session_fields[] = {
    {"login", JF_STRING, true, 2, 64, NULL, NULL, 0},
    {"password", JF_STRING, true, 1, 256, NULL, NULL, 0},
};

struct login_job {
    struct http_ctx *ctx;
    char user_id[24]; /* "" for an unknown login */
    char password[260];
    char *stored;
    bool disabled;
    bool ok;
};

static void
login_verify(void *arg) /* pool thread */
{
    struct login_job *j = arg;
    bool ok = auth_password_verify(j->password, j->stored[0] ? j->stored : dummy_hash);
    j->ok = ok && j->user_id[0] && j->stored[0] && !j->disabled;
    OPENSSL_cleanse(j->password, sizeof j->password);
}

static void
login_job_free(struct login_job *j)
{
    free(j->stored);
    free(j);
}

static void
session_opened(struct http_ctx *ctx, PGresult *res)
{
    /* the token waited in the context's private scratch between the two steps */
    json_t *body = json_pack("{s:s, s:s, s:s}", "token", ctx->scratch, "token_type", "Bearer",
                             "expires_at", PQgetvalue(res, 0, 0));
    OPENSSL_cleanse(ctx->scratch, sizeof ctx->scratch);
    http_ctx_add_header(ctx, "Cache-Control", "no-store");
    http_reply_json(ctx, 201, body);
}

static void
session_counted(struct http_ctx *ctx, PGresult *res)
{
    http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL, "the login or the password is wrong");
}

static void
login_done(void *arg) /* the loop again */
{
    struct login_job *j = arg;
    struct http_ctx *ctx = j->ctx;
    if (!j->ok) {
        if (!j->user_id[0]) {
            login_job_free(j);
            http_reply_problem(ctx, HTTP_E_UNAUTHENTICATED, NULL,
                               "the login or the password is wrong");
            return;
        }
        const char *p[2] = {j->user_id, ctx->request_id};
        app_query(ctx, STMT_SESSION_FAILED, 2, p, session_counted); /* copies p */
        login_job_free(j);
        return;
    }
    char token[AUTH_TOKEN_LEN + 1], hash[65];
    if (auth_token_new(token) < 0) {
        login_job_free(j);
        http_reply_problem(ctx, HTTP_E_INTERNAL, NULL, NULL);
        return;
    }
    auth_sha256_hex(token, hash);
    snprintf(ctx->scratch, sizeof ctx->scratch, "%s", token);
    OPENSSL_cleanse(token, sizeof token);
    const char *p[3] = {j->user_id, hash, ctx->request_id};
    app_query(ctx, STMT_SESSION_OPEN, 3, p, session_opened); /* copies p */
    login_job_free(j);
}

static void
session_looked_up(struct http_ctx *ctx, PGresult *res)
{
    struct login_job *j = xcalloc(1, sizeof *j);
    j->ctx = ctx;
    snprintf(j->password, sizeof j->password, "%s",
             json_string_value(json_object_get(ctx->body, "password")));
    if (PQntuples(res) == 1) {
        int wait = atoi(PQgetvalue(res, 0, 2));
        if (wait > 0) {
            char ra[16];
            snprintf(ra, sizeof ra, "%d", wait);
            http_ctx_add_header(ctx, "Retry-After", ra);
            OPENSSL_cleanse(j->password, sizeof j->password);
            free(j);
            http_reply_problem(ctx, HTTP_E_TOO_MANY_REQUESTS, NULL,
                               "too many failed attempts; try again in %d s", wait);
            return;
        }
        snprintf(j->user_id, sizeof j->user_id, "%s", PQgetvalue(res, 0, 0));
        j->stored = xstrdup(PQgetvalue(res, 0, 1));
        j->disabled = PQgetvalue(res, 0, 3)[0] == 't';
    } else {
        j->stored = xstrdup("");
    }
    struct app_worker *w = http_ctx_app(ctx);
    offload_submit(w->offload, login_verify, login_done, j);
}

void
sessions_create(struct http_ctx *ctx)
{
    if (!app_body_ok(ctx, session_fields, APP_NFIELDS(session_fields)))
        return;
    const char *p[1] = {json_string_value(json_object_get(ctx->body, "login"))};
    app_query(ctx, STMT_SESSION_LOOKUP, 1, p, session_looked_up);
}
