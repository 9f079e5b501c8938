/*
 * config: peiyud's settings from defaults, PEIYU_* environment variables and
 * flags (flags win), declared once in a table that also prints --help.
 */
#ifndef PEIYU_PEIYUD_CONFIG_H
#define PEIYU_PEIYUD_CONFIG_H

#include <stdbool.h>
#include <stdio.h>

struct peiyud_config {
    char *listen; /* "127.0.0.1:8080" or "[::1]:8080" */
    char host[64];
    int port;
    char *database_url;
    int threads;
    int db_pool_size;
    int db_pipeline_depth;
    int db_max_waiting;
    int db_wait_timeout_ms;
    int db_query_timeout_ms;
    int db_connect_timeout_ms;
    int db_backoff_max_ms;
    int max_header_bytes;
    int max_body_bytes;
    int max_json_depth;
    int idle_timeout_s;
    int read_timeout_s;
    int max_connections;
    int shutdown_timeout_s;
    bool access_log;
    char *migrations_dir;
    char *editions_dir;
    char *audit_key_file;
    int audit_checkpoint_s;
};

enum config_result { CONFIG_OK, CONFIG_HELP, CONFIG_ERROR };

/*
 * Fill `c` from defaults, then `getenv`, then argv. On CONFIG_ERROR a message
 * naming the flag or variable is in err. Strings in `c` are owned by it;
 * free with config_free.
 */
enum config_result config_parse(struct peiyud_config *c, int argc, char **argv, char *err,
                                size_t errcap);
void config_free(struct peiyud_config *c);
void config_usage(FILE *out);

#endif
