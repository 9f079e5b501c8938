/*
 * app: what peiyud's handlers share. `app_shared` is built once at start-up
 * and read-only afterwards (any thread); `app_worker` belongs to one loop.
 */
#ifndef PEIYU_REGISTRY_APP_H
#define PEIYU_REGISTRY_APP_H

#include <stdbool.h>
#include <stddef.h>

#include "db/migrations.h"
#include "db/pool.h"
#include "http/router.h"
#include "rules/edition.h"

struct event_base;
struct evbuffer;
struct http_ctx;
struct offload_loop;
struct events_hub;

struct app_shared {
    struct db_pool_config pool;
    /* "0001_x:sha,0002_y:sha": what readiness expects schema_migrations to hold */
    char *expected_migrations;
    const rules_edition_set *editions;
    /* Audit checkpoints (audit_verify.c); audit_key NULL: checkpoints off, no /v1/audit/key. */
    struct evp_pkey_st *audit_key; /* Ed25519 private key, used read-only by every worker */
    char *audit_key_pem;           /* its public key, PEM */
    char audit_key_id[65];         /* hex SHA-256 of the DER public key */
    int audit_checkpoint_s;        /* seconds between checkpoints; 0: no timer */
};

struct app_worker {
    struct db_pool *pool;
    struct offload_loop *offload; /* slow CPU work (password hashing) */
    struct events_hub *events;    /* GET /v1/events subscribers (events.c) */
    const struct app_shared *shared;
    struct audit_checkpointer *checkpointer; /* worker 0 only, when checkpoints are on */
};

/* http_server_config hooks (worker thread). */
void *app_worker_init(struct event_base *base, int index, void *arg);
void app_worker_fini(void *app);

/* events.c: the per-loop hub of event-stream subscribers. */
struct events_hub *events_hub_new(struct app_worker *app, struct event_base *base);
void events_hub_stop(struct events_hub *h); /* the worker begins to drain */
void events_hub_free(struct events_hub *h);
void app_worker_stopping(void *app);

/* http_server_config.authenticate: bearer token → principal (auth.c). */
void app_authenticate(struct http_ctx *ctx);

/* The caller as SQL parameters (strings owned by the struct or the context). */
struct app_actor {
    char id[24];
    char firm[24];
    const char *login;
    const char *role; /* "firm", "officer", …, or "anonymous" */
    const char *prefixes;
    const char *request_id;
};
void app_actor(const struct http_ctx *ctx, struct app_actor *a);

/*
 * Path parameter `name` as a positive decimal id into out; on a malformed
 * value replies 400 (consuming ctx) and returns false.
 */
bool app_id_param(struct http_ctx *ctx, const char *name, char out[24]);

/*
 * The version in If-Match ("3" or W/"3"): returns true with *version set;
 * replies 428 when the header is missing, 412 when it is not a version of
 * ours (consuming ctx), and returns false.
 */
bool app_if_match(struct http_ctx *ctx, int *version);

/* Number of entries of a declared field table. */
#define APP_NFIELDS(a) (sizeof(a) / sizeof((a)[0]))

/*
 * Check the JSON body against a declared field table (lib/http/json_fields.h)
 * for the caller's role; on an error replies with the field named (consuming
 * ctx) and returns false.
 */
struct json_field;
bool app_body_ok(struct http_ctx *ctx, const struct json_field *fields, size_t n);

/* Reply 200 with row 0 (JSON column 0, version column 1 as ETag), or 404
 * "no <noun> <id>" when the scoped read found nothing. */
void app_reply_one(struct http_ctx *ctx, const PGresult *res, const char *noun);

/* Reply with a JSON text column and an ETag from a version column. */
void app_reply_versioned(struct http_ctx *ctx, int status, const PGresult *res, int body_col,
                         int version_col);

/* Answer a failed statement with the error its SQLSTATE maps to (consumes ctx). */
void app_reply_sql_error(struct http_ctx *ctx, const PGresult *res);

/* Pool gauges for /metrics. */
void app_metrics_gauges(struct evbuffer *out, void *arg);

/* The route table; api/openapi.yaml documents exactly these. */
extern const struct route registry_routes[];
extern const size_t registry_nroutes;

/* Handlers, one file per resource. */
void system_healthz(struct http_ctx *ctx);
void system_readyz(struct http_ctx *ctx);
void system_metrics(struct http_ctx *ctx);
void regions_get(struct http_ctx *ctx);
void regions_list(struct http_ctx *ctx);
void evaluate_post(struct http_ctx *ctx);
void sessions_create(struct http_ctx *ctx);
void events_stream(struct http_ctx *ctx);
void firms_create(struct http_ctx *ctx);
void firms_get(struct http_ctx *ctx);
void firms_list(struct http_ctx *ctx);
void firms_patch(struct http_ctx *ctx);
void recognitions_create(struct http_ctx *ctx);
void recognitions_list(struct http_ctx *ctx);
void pathway_get(struct http_ctx *ctx);
void programs_create(struct http_ctx *ctx);
void programs_list(struct http_ctx *ctx);
void programs_get(struct http_ctx *ctx);
void programs_patch(struct http_ctx *ctx);
void applications_create(struct http_ctx *ctx);
void applications_get(struct http_ctx *ctx);
void applications_submit(struct http_ctx *ctx);
void applications_resubmit(struct http_ctx *ctx);
void applications_withdraw(struct http_ctx *ctx);
void decisions_decide(struct http_ctx *ctx);
void decisions_second_approval(struct http_ctx *ctx);
void decisions_disburse(struct http_ctx *ctx);
void relations_declare(struct http_ctx *ctx);
void relations_list(struct http_ctx *ctx);
void queue_list(struct http_ctx *ctx);
void queue_claim(struct http_ctx *ctx);
void applications_release(struct http_ctx *ctx);
void calendar_put(struct http_ctx *ctx);
void calendar_get(struct http_ctx *ctx);
void firm_facts_put(struct http_ctx *ctx);
void firm_facts_get(struct http_ctx *ctx);
void firm_facts_versions(struct http_ctx *ctx);
void audit_events_list(struct http_ctx *ctx);
void audit_events_csv(struct http_ctx *ctx);
void firm_history_get(struct http_ctx *ctx);
void applications_replay(struct http_ctx *ctx);
void audit_key_get(struct http_ctx *ctx);
void audit_verify_get(struct http_ctx *ctx);

/*
 * Worker hooks that wrap app_worker_init/fini and, on worker 0 when a key
 * and an interval are configured, run the periodic checkpoint (audit_verify.c).
 */
void *audit_checkpoint_worker_init(struct event_base *base, int index, void *arg);
void audit_checkpoint_worker_fini(void *app);

/*
 * Run a statement for a handler: on a database result, `on_row` gets the
 * result when it is PGRES_TUPLES_OK; any other outcome (connection trouble,
 * SQL error) is answered with problem+json here. Consumes ctx either way.
 */
typedef void (*app_result_fn)(struct http_ctx *ctx, PGresult *res);
void app_query(struct http_ctx *ctx, size_t stmt, int nparams, const char *const *values,
               app_result_fn on_result);

#endif
