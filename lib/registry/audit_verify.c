/*
 * audit_verify: GET /v1/audit/key, GET /v1/audit/verify and peiyud's
 * periodic audit checkpoint (DESIGN.md "Audit", lib/auth/merkle.h).
 *
 * Verify: one statement (audit_verify_chains, sql/migrations/0015) checks
 * every chain, head and checkpointed head in SQL and returns the checkpoints;
 * their Merkle roots and Ed25519 signatures are checked here, on the loop
 * (microseconds each). Answers {ok, events_checked, streams,
 * checkpoints_checked, checkpoints_other_key, signatures_checked,
 * first_broken}. A checkpoint signed by another (rotated) key has its root
 * and heads checked but not its signature, and is counted in
 * checkpoints_other_key rather than failing the check.
 *
 * Checkpoint: on worker 0 only, when PEIYU_AUDIT_KEY_FILE is set and
 * PEIYU_AUDIT_CHECKPOINT_S > 0, a timer reads every head (one statement),
 * computes the root and signs it here, and stores it with one function call.
 * At most one checkpoint is in flight per process; across instances the SQL
 * function takes an advisory lock and skips when another checkpoint is
 * younger than half the interval or the root has not changed.
 */
#include "auth/merkle.h"
#include "registry/app.h"
#include "registry/statements.h"
#include "http/context.h"
#include "core/xalloc.h"

#include <event2/event.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- GET /v1/audit/key ---------------------------------------------------- */

void
audit_key_get(struct http_ctx *ctx)
{
    const struct app_worker *w = http_ctx_app(ctx);
    if (!w->shared->audit_key) {
        http_reply_problem(ctx, HTTP_E_NOT_FOUND, NULL,
                           "audit checkpoints are off: no signing key is configured");
        return;
    }
    http_reply_json(ctx, 200,
                    json_pack("{s:s, s:s, s:s}", "algorithm", "Ed25519", "key_id",
                              w->shared->audit_key_id, "public_key_pem", w->shared->audit_key_pem));
}

/* ---- GET /v1/audit/verify ------------------------------------------------- */

static json_t *
int_or_null(const PGresult *res, int col)
{
    return PQgetisnull(res, 0, col) ? json_null()
                                    : json_integer((json_int_t)atoll(PQgetvalue(res, 0, col)));
}

static void
audit_verified(struct http_ctx *ctx, PGresult *res)
{
    const struct app_worker *w = http_ctx_app(ctx);
    EVP_PKEY *key = w->shared->audit_key;
    json_t *first = json_null();
    if (!PQgetisnull(res, 0, 6))
        first = json_pack("{s:s, s:o, s:o, s:o, s:s}", "stream", PQgetvalue(res, 0, 2), "seq",
                          int_or_null(res, 3), "id", int_or_null(res, 4), "checkpoint_id",
                          int_or_null(res, 5), "reason", PQgetvalue(res, 0, 6));
    json_t *cks = json_loads(PQgetvalue(res, 0, 7), 0, NULL);
    size_t nck = json_array_size(cks), other_key = 0;
    for (size_t i = 0; i < nck && json_is_null(first); i++) {
        json_t *c = json_array_get(cks, i);
        struct audit_head_ref *refs = NULL;
        size_t n = 0;
        char why[512];
        json_int_t id = json_integer_value(json_object_get(c, "id"));
        int rc = audit_heads_from_json(json_object_get(c, "heads"), &refs, &n, why, sizeof why);
        if (rc == 0)
            rc = audit_checkpoint_check(
                key, refs, n, (long long)json_integer_value(json_object_get(c, "stream_count")),
                json_string_value(json_object_get(c, "merkle_root")),
                json_string_value(json_object_get(c, "signature")),
                json_string_value(json_object_get(c, "key_id")), why, sizeof why);
        other_key += rc == 1;
        if (rc < 0) {
            char reason[600];
            snprintf(reason, sizeof reason, "checkpoint %lld: %s", (long long)id, why);
            first = json_pack("{s:n, s:n, s:n, s:I, s:s}", "stream", "seq", "id", "checkpoint_id",
                              id, "reason", reason);
        }
        free(refs);
    }
    json_decref(cks);
    http_reply_json(ctx, 200,
                    json_pack("{s:b, s:o, s:o, s:I, s:I, s:b, s:o}", "ok", json_is_null(first),
                              "events_checked", int_or_null(res, 0), "streams", int_or_null(res, 1),
                              "checkpoints_checked", (json_int_t)nck, "checkpoints_other_key",
                              (json_int_t)other_key, "signatures_checked", key != NULL,
                              "first_broken", first));
}

void
audit_verify_get(struct http_ctx *ctx)
{
    app_query(ctx, STMT_AUDIT_VERIFY, 0, NULL, audit_verified);
}

/* ---- the periodic checkpoint (worker 0) ----------------------------------- */

struct audit_checkpointer {
    struct app_worker *w;
    struct event *timer;
    bool busy;     /* a checkpoint is in flight */
    bool stopping; /* the worker is finishing: start nothing new */
};

static void
log_line(const char *level, const char *msg, const char *detail)
{
    json_t *j = json_pack("{s:s, s:s, s:s?}", "level", level, "msg", msg, "detail", detail);
    char *s = json_dumps(j, JSON_COMPACT);
    fprintf(stderr, "%s\n", s);
    free(s);
    json_decref(j);
}

static const char *
db_failure(PGresult *res, int err)
{
    if (err)
        return "the database is unavailable";
    if (PQresultStatus(res) != PGRES_TUPLES_OK)
        return PQresultErrorMessage(res);
    return NULL;
}

static void
checkpoint_inserted(void *arg, PGresult *res, int err)
{
    struct audit_checkpointer *cp = arg;
    cp->busy = false;
    const char *fail = db_failure(res, err);
    if (fail)
        log_line("error", "audit checkpoint not stored", fail);
    else if (!PQgetisnull(res, 0, 0))
        log_line("info", "audit checkpoint stored", PQgetvalue(res, 0, 0));
}

static void
checkpoint_heads(void *arg, PGresult *res, int err)
{
    struct audit_checkpointer *cp = arg;
    const char *fail = db_failure(res, err);
    if (fail || cp->stopping) {
        cp->busy = false;
        if (fail)
            log_line("error", "audit checkpoint: cannot read the heads", fail);
        return;
    }
    const struct app_shared *sh = cp->w->shared;
    json_t *heads = json_loads(PQgetvalue(res, 0, 1), 0, NULL);
    struct audit_head_ref *refs = NULL;
    size_t n = 0;
    char why[256], root[65], sig[AUDIT_SIG_B64_LEN + 1], msg[160], count[24], min_s[16];
    if (audit_heads_from_json(heads, &refs, &n, why, sizeof why) < 0 ||
        audit_merkle_root(refs, n, root) < 0 ||
        audit_sign(sh->audit_key, msg,
                   audit_checkpoint_message((long long)n, root, msg, sizeof msg), sig) < 0) {
        log_line("error", "audit checkpoint: cannot compute or sign the root", NULL);
        cp->busy = false;
        goto done;
    }
    snprintf(count, sizeof count, "%zu", n);
    int half = sh->audit_checkpoint_s / 2;
    snprintf(min_s, sizeof min_s, "%d", half > 0 ? half : 1);
    const char *p[6] = {count, PQgetvalue(res, 0, 1), root, sig, sh->audit_key_id, min_s};
    if (db_pool_query(cp->w->pool, STMT_AUDIT_CHECKPOINT_INSERT, 6, p, checkpoint_inserted, cp) <
        0) {
        log_line("error", "audit checkpoint: the pool refused the insert", NULL);
        cp->busy = false;
    }
done:
    free(refs);
    json_decref(heads);
}

static void
checkpoint_tick(evutil_socket_t fd, short what, void *arg)
{
    struct audit_checkpointer *cp = arg;
    if (cp->busy || cp->stopping)
        return;
    cp->busy = true;
    if (db_pool_query(cp->w->pool, STMT_AUDIT_CHECKPOINT_HEADS, 0, NULL, checkpoint_heads, cp) < 0)
        cp->busy = false; /* the database is down; the next tick tries again */
}

void *
audit_checkpoint_worker_init(struct event_base *base, int index, void *arg)
{
    struct app_worker *w = app_worker_init(base, index, arg);
    const struct app_shared *sh = w->shared;
    if (index != 0 || !sh->audit_key || sh->audit_checkpoint_s <= 0)
        return w;
    struct audit_checkpointer *cp = xcalloc(1, sizeof *cp);
    cp->w = w;
    cp->timer = event_new(base, -1, EV_PERSIST, checkpoint_tick, cp);
    struct timeval tv = {sh->audit_checkpoint_s, 0};
    event_add(cp->timer, &tv);
    w->checkpointer = cp;
    return w;
}

void
audit_checkpoint_worker_fini(void *app)
{
    struct app_worker *w = app;
    struct audit_checkpointer *cp = w->checkpointer;
    if (cp) {
        cp->stopping = true;
        event_free(cp->timer);
    }
    app_worker_fini(w); /* a checkpoint in flight is failed here and starts nothing */
    free(cp);
}
