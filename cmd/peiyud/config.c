/*
 * config: see config.h. One row per setting: flag, variable, kind, default,
 * bounds and help. Adding a setting is adding a row.
 */
#include "config.h"
#include "core/xalloc.h"
#include "db/migrations.h"
#include "facts/editions.h"

#include <errno.h>
#include <limits.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum kind { K_STR, K_INT, K_BOOL };

struct setting {
    const char *flag;
    const char *env;
    enum kind kind;
    size_t offset;
    const char *def; /* NULL: computed (see apply_computed_defaults) */
    long min, max;
    const char *help;
};

#define OFF(f) offsetof(struct peiyud_config, f)

static const struct setting settings[] = {
    {"--listen", "PEIYU_LISTEN", K_STR, OFF(listen), "127.0.0.1:8080", 0, 0,
     "address:port to serve HTTP on ([v6]:port for IPv6)"},
    {"--database-url", "PEIYU_DATABASE_URL", K_STR, OFF(database_url), "", 0, 0,
     "libpq connection URL of the service role (required)"},
    {"--threads", "PEIYU_THREADS", K_INT, OFF(threads), NULL, 1, 256,
     "worker threads, each with its own event loop (default: number of cores)"},
    {"--db-pool-size", "PEIYU_DB_POOL_SIZE", K_INT, OFF(db_pool_size), "4", 1, 64,
     "PostgreSQL connections per worker thread"},
    {"--db-pipeline-depth", "PEIYU_DB_PIPELINE_DEPTH", K_INT, OFF(db_pipeline_depth), "32", 1, 1024,
     "queries in flight per connection (libpq pipeline mode; 1: one at a time)"},
    {"--db-max-waiting", "PEIYU_DB_MAX_WAITING", K_INT, OFF(db_max_waiting), "1024", 0, 1000000,
     "queries that may wait for room on a connection per thread; beyond: 503"},
    {"--db-wait-timeout-ms", "PEIYU_DB_WAIT_TIMEOUT_MS", K_INT, OFF(db_wait_timeout_ms), "2000", 1,
     600000, "longest wait for a free connection before 503"},
    {"--db-query-timeout-ms", "PEIYU_DB_QUERY_TIMEOUT_MS", K_INT, OFF(db_query_timeout_ms), "5000",
     1, 600000, "statement_timeout of the service's connections"},
    {"--db-connect-timeout-ms", "PEIYU_DB_CONNECT_TIMEOUT_MS", K_INT, OFF(db_connect_timeout_ms),
     "3000", 1, 600000, "one connection attempt"},
    {"--db-backoff-max-ms", "PEIYU_DB_BACKOFF_MAX_MS", K_INT, OFF(db_backoff_max_ms), "2000", 10,
     600000, "ceiling of the reconnect backoff (starts at 100 ms, doubles)"},
    {"--max-header-bytes", "PEIYU_MAX_HEADER_BYTES", K_INT, OFF(max_header_bytes), "8192", 1024,
     1048576, "request line and headers together"},
    {"--max-body-bytes", "PEIYU_MAX_BODY_BYTES", K_INT, OFF(max_body_bytes), "262144", 1024,
     67108864, "JSON request body; larger gets 413"},
    {"--max-json-depth", "PEIYU_MAX_JSON_DEPTH", K_INT, OFF(max_json_depth), "32", 2, 1000,
     "nesting of a JSON body"},
    {"--idle-timeout", "PEIYU_IDLE_TIMEOUT_S", K_INT, OFF(idle_timeout_s), "10", 1, 3600,
     "seconds a connection may be silent"},
    {"--read-timeout", "PEIYU_READ_TIMEOUT_S", K_INT, OFF(read_timeout_s), "15", 1, 3600,
     "seconds to receive a whole request, from accept or the previous response"},
    {"--max-connections", "PEIYU_MAX_CONNECTIONS", K_INT, OFF(max_connections), "4096", 1, 1000000,
     "open client connections (shared evenly by the threads); at the cap the one idle longest "
     "makes room, or 503 when all are in use"},
    {"--shutdown-timeout", "PEIYU_SHUTDOWN_TIMEOUT_S", K_INT, OFF(shutdown_timeout_s), "10", 0,
     3600, "seconds to finish requests in flight on SIGTERM/SIGINT"},
    {"--access-log", "PEIYU_ACCESS_LOG", K_BOOL, OFF(access_log), "on", 0, 0,
     "JSON-lines access log on stdout (on/off)"},
    {"--migrations-dir", "PEIYU_MIGRATIONS_DIR", K_STR, OFF(migrations_dir), NULL, 0, 0,
     "migrations readiness compares with (default: the source tree's sql/migrations)"},
    {"--editions-dir", "PEIYU_EDITIONS_DIR", K_STR, OFF(editions_dir), NULL, 0, 0,
     "rule parameter editions (default: the source tree's sql/editions)"},
    {"--audit-key-file", "PEIYU_AUDIT_KEY_FILE", K_STR, OFF(audit_key_file), NULL, 0, 0,
     "Ed25519 private key (PEM, peiyuctl audit keygen) signing audit checkpoints;"
     " unset: checkpoints off, /v1/audit/key 404"},
    {"--audit-checkpoint-s", "PEIYU_AUDIT_CHECKPOINT_S", K_INT, OFF(audit_checkpoint_s), "300", 0,
     86400, "seconds between signed audit checkpoints (0: none; needs the key file)"},
};
#define NSETTINGS (sizeof settings / sizeof settings[0])

void
config_usage(FILE *out)
{
    fprintf(out, "usage: peiyud [--flag value ...]\n\n"
                 "Every flag can also be set by its environment variable; a flag wins.\n\n");
    for (size_t i = 0; i < NSETTINGS; i++) {
        const struct setting *s = &settings[i];
        fprintf(out, "  %-24s %-28s %s", s->flag, s->env, s->help);
        if (s->def && *s->def)
            fprintf(out, " [%s]", s->def);
        fputc('\n', out);
    }
    fprintf(out, "  %-24s %-28s %s\n", "-h, --help", "", "this text");
}

static int
set_value(struct peiyud_config *c, const struct setting *s, const char *v, const char *source,
          char *err, size_t errcap)
{
    char *base = (char *)c + s->offset;
    switch (s->kind) {
    case K_STR:
        free(*(char **)base);
        *(char **)base = xstrdup(v);
        return 0;
    case K_BOOL:
        if (!strcmp(v, "on") || !strcmp(v, "true") || !strcmp(v, "1") || !strcmp(v, "yes"))
            *(bool *)base = true;
        else if (!strcmp(v, "off") || !strcmp(v, "false") || !strcmp(v, "0") || !strcmp(v, "no"))
            *(bool *)base = false;
        else {
            snprintf(err, errcap, "%s=%s: expected on or off", source, v);
            return -1;
        }
        return 0;
    case K_INT: {
        char *end;
        errno = 0;
        long n = strtol(v, &end, 10);
        if (errno || end == v || *end || n < s->min || n > s->max) {
            snprintf(err, errcap, "%s=%s: expected a whole number from %ld to %ld", source, v,
                     s->min, s->max);
            return -1;
        }
        *(int *)base = (int)n;
        return 0;
    }
    }
    return -1;
}

/* "host:port" or "[v6]:port" with a numeric host. */
static int
parse_listen(struct peiyud_config *c, char *err, size_t errcap)
{
    const char *l = c->listen, *colon;
    size_t hl;
    if (l[0] == '[') {
        const char *rb = strchr(l, ']');
        if (!rb || rb[1] != ':')
            goto bad;
        hl = (size_t)(rb - l - 1);
        l++;
        colon = rb + 1;
    } else {
        colon = strrchr(l, ':');
        if (!colon)
            goto bad;
        hl = (size_t)(colon - l);
    }
    if (hl == 0 || hl >= sizeof c->host)
        goto bad;
    memcpy(c->host, l, hl);
    c->host[hl] = '\0';
    char *end;
    long port = strtol(colon + 1, &end, 10);
    if (*end || end == colon + 1 || port < 1 || port > 65535)
        goto bad;
    c->port = (int)port;
    return 0;
bad:
    snprintf(err, errcap, "--listen/PEIYU_LISTEN=%s: expected address:port, e.g. 127.0.0.1:8080",
             c->listen);
    return -1;
}

enum config_result
config_parse(struct peiyud_config *c, int argc, char **argv, char *err, size_t errcap)
{
    memset(c, 0, sizeof *c);
    char src[96];
    for (size_t i = 0; i < NSETTINGS; i++) {
        const struct setting *s = &settings[i];
        if (s->def && set_value(c, s, s->def, s->flag, err, errcap) < 0)
            return CONFIG_ERROR;
        const char *e = getenv(s->env);
        snprintf(src, sizeof src, "%s", s->env);
        if (e && *e && set_value(c, s, e, src, err, errcap) < 0)
            return CONFIG_ERROR;
    }
    for (int a = 1; a < argc; a++) {
        if (!strcmp(argv[a], "-h") || !strcmp(argv[a], "--help"))
            return CONFIG_HELP;
        const struct setting *s = NULL;
        const char *v = NULL;
        for (size_t i = 0; i < NSETTINGS && !s; i++) {
            size_t fl = strlen(settings[i].flag);
            if (!strcmp(argv[a], settings[i].flag))
                s = &settings[i];
            else if (!strncmp(argv[a], settings[i].flag, fl) && argv[a][fl] == '=')
                s = &settings[i], v = argv[a] + fl + 1;
        }
        if (!s) {
            snprintf(err, errcap, "unknown flag %s (see --help)", argv[a]);
            return CONFIG_ERROR;
        }
        if (!v) {
            if (a + 1 >= argc) {
                snprintf(err, errcap, "%s needs a value", s->flag);
                return CONFIG_ERROR;
            }
            v = argv[++a];
        }
        if (set_value(c, s, v, s->flag, err, errcap) < 0)
            return CONFIG_ERROR;
    }
    if (c->threads == 0) {
        long n = sysconf(_SC_NPROCESSORS_ONLN);
        c->threads = n < 1 ? 1 : n > 256 ? 256 : (int)n;
    }
    if (!c->migrations_dir)
        c->migrations_dir = xstrdup(migrations_default_dir());
    if (!c->editions_dir)
        c->editions_dir = xstrdup(facts_editions_default_dir());
    if (!c->database_url || !*c->database_url) {
        snprintf(err, errcap, "PEIYU_DATABASE_URL (or --database-url) is required");
        return CONFIG_ERROR;
    }
    if (c->read_timeout_s < c->idle_timeout_s) {
        snprintf(err, errcap, "--read-timeout (%d) must not be shorter than --idle-timeout (%d)",
                 c->read_timeout_s, c->idle_timeout_s);
        return CONFIG_ERROR;
    }
    return parse_listen(c, err, errcap) < 0 ? CONFIG_ERROR : CONFIG_OK;
}

void
config_free(struct peiyud_config *c)
{
    for (size_t i = 0; i < NSETTINGS; i++)
        if (settings[i].kind == K_STR) {
            char **p = (char **)((char *)c + settings[i].offset);
            free(*p);
            *p = NULL;
        }
}
