/*
 * peiyud: the registry's HTTP service.
 *
 * Reads its configuration, loads what every request may need (the expected
 * migrations for readiness, the rule editions), starts one event loop per
 * worker thread and waits for SIGTERM or SIGINT; then it stops accepting,
 * lets requests in flight finish within the shutdown deadline, closes every
 * connection and exits 0.
 */
#include "config.h"
#include "auth/merkle.h"
#include "core/log.h"
#include "core/xalloc.h"
#include "db/migrations.h"
#include "facts/editions.h"
#include "http/metrics.h"
#include "http/offload.h"
#include "http/server.h"
#include "registry/app.h"

#include <jansson.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* "0001_a:sha,0002_b:sha", the form the readiness statement returns. */
static char *
expected_migrations(const struct migration_list *l)
{
    size_t cap = 1;
    for (size_t i = 0; i < l->n; i++)
        cap += strlen(l->items[i].name) + 66;
    char *s = xmalloc(cap), *p = s;
    *p = '\0';
    for (size_t i = 0; i < l->n; i++)
        p += sprintf(p, "%s%s:%s", i ? "," : "", l->items[i].name, l->items[i].sha256);
    return s;
}

int
main(int argc, char **argv)
{
    struct peiyud_config cfg;
    char err[512];
    switch (config_parse(&cfg, argc, argv, err, sizeof err)) {
    case CONFIG_HELP:
        config_usage(stdout);
        config_free(&cfg);
        return 0;
    case CONFIG_ERROR:
        fprintf(stderr, "peiyud: %s\n", err);
        config_free(&cfg);
        return 2;
    case CONFIG_OK:
        break;
    }
    json_object_seed(0); /* random hash seed, before any thread creates objects */
    signal(SIGPIPE, SIG_IGN);

    struct migration_list migrations;
    if (migrations_load(cfg.migrations_dir, &migrations, err, sizeof err) < 0) {
        fprintf(stderr, "peiyud: migrations: %s\n", err);
        config_free(&cfg);
        return 2;
    }
    rules_edition_set *editions = xcalloc(1, sizeof *editions);
    if (facts_editions_load_dir(cfg.editions_dir, editions, err, sizeof err) != 0) {
        fprintf(stderr, "peiyud: editions: %s\n", err);
        migrations_free(&migrations);
        free(editions);
        config_free(&cfg);
        return 2;
    }
    struct app_shared shared = {
        .pool =
            {
                .conninfo = cfg.database_url,
                .size = cfg.db_pool_size,
                .pipeline_depth = cfg.db_pipeline_depth,
                .max_waiting = cfg.db_max_waiting,
                .wait_timeout_ms = cfg.db_wait_timeout_ms,
                .query_timeout_ms = cfg.db_query_timeout_ms,
                .connect_timeout_ms = cfg.db_connect_timeout_ms,
                .backoff_max_ms = cfg.db_backoff_max_ms,
            },
        .expected_migrations = expected_migrations(&migrations),
        .editions = editions,
    };
    migrations_free(&migrations);
    if (cfg.audit_key_file && *cfg.audit_key_file) {
        shared.audit_key = audit_key_load(cfg.audit_key_file, 0, err, sizeof err);
        if (!shared.audit_key || !(shared.audit_key_pem = audit_public_pem(shared.audit_key)) ||
            audit_key_id(shared.audit_key, shared.audit_key_id) < 0) {
            fprintf(stderr, "peiyud: audit key: %s\n", shared.audit_key ? "unusable" : err);
            return 2;
        }
    }
    shared.audit_checkpoint_s = cfg.audit_checkpoint_s;

    struct http_server_config scfg = {
        .host = cfg.host,
        .port = cfg.port,
        .threads = cfg.threads,
        .max_header_bytes = (size_t)cfg.max_header_bytes,
        .max_body_bytes = (size_t)cfg.max_body_bytes,
        .max_json_depth = (size_t)cfg.max_json_depth,
        .idle_timeout_s = cfg.idle_timeout_s,
        .read_timeout_s = cfg.read_timeout_s,
        .max_connections = cfg.max_connections,
        .shutdown_timeout_s = cfg.shutdown_timeout_s,
        .access_log = cfg.access_log,
        .routes = registry_routes,
        .nroutes = registry_nroutes,
        .worker_init = audit_checkpoint_worker_init,
        .worker_stopping = app_worker_stopping,
        .worker_fini = audit_checkpoint_worker_fini,
        .app_arg = &shared,
        .authenticate = app_authenticate,
    };
    metrics_init(registry_routes, registry_nroutes);
    metrics_set_gauges(app_metrics_gauges, NULL);

    /* Signals go to this thread only: block them before the workers start. */
    sigset_t sigs;
    sigemptyset(&sigs);
    sigaddset(&sigs, SIGINT);
    sigaddset(&sigs, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &sigs, NULL);

    offload_start(1); /* password hashing; one thread keeps a login flood to one core */
    struct http_server *server = http_server_start(&scfg);
    if (!server)
        return 1;
    struct log_line l;
    log_begin(&l, "info", "peiyud listening");
    log_str(&l, "listen", cfg.listen);
    log_int(&l, "threads", cfg.threads);
    log_int(&l, "pid", (long long)getpid());
    log_emit(&l);
    int sig = 0;
    sigwait(&sigs, &sig);
    log_begin(&l, "info", "stopping");
    log_str(&l, "signal", sig == SIGTERM ? "SIGTERM" : "SIGINT");
    log_emit(&l);
    bool clean = http_server_stop(server);
    if (!clean) {
        log_begin(&l, "warn", "stopped after the drain deadline");
        log_emit(&l);
        fflush(stdout);
        _exit(0); /* requests were cut off; their memory goes with the process */
    }
    offload_stop();
    metrics_fini();
    free(shared.expected_migrations);
    EVP_PKEY_free(shared.audit_key);
    free(shared.audit_key_pem);
    free(editions);
    config_free(&cfg);
    log_begin(&l, "info", "stopped");
    log_emit(&l);
    return 0;
}
