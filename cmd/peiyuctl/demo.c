/*
 * demo: `peiyuctl demo [--dir DIR] [--no-tokens]` loads sql/demo/NNNN_*.sql
 * files in name order, each in its own transaction. The scripts are
 * idempotent (ON CONFLICT DO NOTHING, NOT EXISTS guards), so running
 * deploy/up again keeps the data as it is.
 *
 * Then, for the demo users (logins starting with "demo-"):
 *   - those without a password get DEMO_PASSWORD (PBKDF2 through
 *     lib/auth/token.h), so POST /v1/sessions works for them; a password
 *     someone set since is kept;
 *   - each gets a fresh bearer token (DEMO_TOKEN_DAYS, label "demo"), and a
 *     table of login, role, scope and token goes to stdout, the messages to
 *     stderr. Tokens of earlier runs stay valid until they expire.
 * --no-tokens skips both (loads the data only).
 */
#include "auth/token.h"
#include "ctl.h"
#include "db.h"
#include "db/migrations.h"

#include <stdio.h>
#include <string.h>

#ifndef PEIYU_SOURCE_DIR
#define PEIYU_SOURCE_DIR "."
#endif

#define DEMO_PASSWORD   "peiyu-demo-2026"
#define DEMO_TOKEN_DAYS "30"

static PGresult *
demo_exec(PGconn *pg, const char *sql, int n, const char *const *vals)
{
    PGresult *r = PQexecParams(pg, sql, n, NULL, vals, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        fprintf(stderr, "peiyuctl demo: %s", PQresultErrorMessage(r));
        PQclear(r);
        return NULL;
    }
    return r;
}

/* Give demo users without a password the demo password. 0 or -1. */
static int
demo_passwords(PGconn *pg)
{
    PGresult *r = demo_exec(pg,
                            "SELECT login FROM app_user WHERE login LIKE 'demo-%'"
                            " AND password_hash IS NULL AND disabled_at IS NULL ORDER BY id",
                            0, NULL);
    if (!r)
        return -1;
    int rc = 0;
    for (int i = 0; i < PQntuples(r) && rc == 0; i++) {
        char hash[160];
        if (auth_password_hash(DEMO_PASSWORD, AUTH_PBKDF2_ITERATIONS, hash, sizeof hash) < 0) {
            fprintf(stderr, "peiyuctl demo: cannot hash a password\n");
            rc = -1;
            break;
        }
        const char *vals[2] = {PQgetvalue(r, i, 0), hash};
        PGresult *u = demo_exec(pg,
                                "UPDATE app_user SET password_hash = $2"
                                " WHERE login = $1 AND password_hash IS NULL",
                                2, vals);
        if (!u)
            rc = -1;
        PQclear(u);
    }
    if (rc == 0 && PQntuples(r) > 0)
        fprintf(stderr, "peiyuctl demo: %d demo users got the demo password\n", PQntuples(r));
    PQclear(r);
    return rc;
}

/* Issue a token for every active demo user and print the table. 0 or -1. */
static int
demo_tokens(PGconn *pg)
{
    PGresult *r = demo_exec(pg,
                            "SELECT u.login, u.role,"
                            " CASE WHEN u.role = 'firm' THEN coalesce('firm ' || f.id || ' ('"
                            "   || f.region_code || ')', 'no firm yet')"
                            "  WHEN u.role = 'admin' THEN 'all'"
                            "  ELSE array_to_string(u.region_prefixes, ',') END"
                            " FROM app_user u LEFT JOIN firm f ON f.id = u.firm_id"
                            " WHERE u.login LIKE 'demo-%' AND u.disabled_at IS NULL ORDER BY u.id",
                            0, NULL);
    if (!r)
        return -1;
    int rc = 0;
    printf("\n%-20s %-9s %-22s %s\n", "login", "role", "scope", "token");
    for (int i = 0; i < PQntuples(r); i++) {
        char token[AUTH_TOKEN_LEN + 1], hash[65];
        if (auth_token_new(token) < 0) {
            fprintf(stderr, "peiyuctl demo: no randomness\n");
            rc = -1;
            break;
        }
        auth_sha256_hex(token, hash);
        const char *vals[3] = {PQgetvalue(r, i, 0), hash, DEMO_TOKEN_DAYS};
        PGresult *t = demo_exec(pg,
                                "INSERT INTO api_token (user_id, token_sha256, label, expires_at)"
                                " SELECT id, $2, 'demo', now() + make_interval(days => $3::int)"
                                " FROM app_user WHERE login = $1",
                                3, vals);
        if (!t) {
            rc = -1;
            break;
        }
        PQclear(t);
        printf("%-20s %-9s %-22s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
               PQgetvalue(r, i, 2), token);
    }
    PQclear(r);
    if (rc == 0)
        printf("\ndemo tokens expire in " DEMO_TOKEN_DAYS
               " days; demo password (POST /v1/sessions):"
               " " DEMO_PASSWORD "\n\n");
    fflush(stdout);
    return rc;
}

int
ctl_demo(int argc, char **argv)
{
    const char *dir = PEIYU_SOURCE_DIR "/sql/demo";
    int tokens = 1;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dir") && i + 1 < argc)
            dir = argv[++i];
        else if (!strcmp(argv[i], "--no-tokens"))
            tokens = 0;
        else {
            fprintf(stderr, "usage: peiyuctl demo [--dir DIR] [--no-tokens]\n");
            return 2;
        }
    }
    char err[1024];
    struct migration_list files; /* same naming rule: NNNN_name.sql */
    if (migrations_load(dir, &files, err, sizeof err) < 0) {
        fprintf(stderr, "peiyuctl demo: %s\n", err);
        return 2;
    }
    PGconn *pg = ctl_db_connect("demo");
    int rc = pg ? 0 : 1;
    for (size_t i = 0; pg && i < files.n && rc == 0; i++) {
        if (ctl_db_exec_script(pg, "demo", files.items[i].name, files.items[i].sql) < 0)
            rc = 1;
        else
            fprintf(stderr, "loaded %s\n", files.items[i].name);
    }
    if (rc == 0 && tokens && (demo_passwords(pg) < 0 || demo_tokens(pg) < 0))
        rc = 1;
    PQfinish(pg);
    migrations_free(&files);
    return rc;
}
