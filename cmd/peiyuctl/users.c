/*
 * users: `peiyuctl user add|list|disable` and `peiyuctl token issue|revoke`.
 *
 *   user add --login L --role ROLE [--name N] [--firm ID] [--region P]...
 *            [--program ID]... [--password-stdin]
 *   user list
 *   user disable --login L
 *   token issue --login L [--days N] [--label T]   prints the token once
 *   token revoke --id N
 *
 * Tokens are 256 random bits; only their SHA-256 is stored.
 */
#include "auth/token.h"
#include "ctl.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_LIST 16

struct opts {
    const char *login, *role, *name, *firm, *days, *label, *id;
    const char *regions[MAX_LIST], *programs[MAX_LIST];
    int nregions, nprograms;
    int password_stdin;
};

static int
parse_opts(int argc, char **argv, int from, struct opts *o, const char *who)
{
    memset(o, 0, sizeof *o);
    for (int i = from; i < argc; i++) {
        const char *a = argv[i];
        if (!strcmp(a, "--password-stdin")) {
            o->password_stdin = 1;
            continue;
        }
        if (i + 1 >= argc) {
            fprintf(stderr, "peiyuctl %s: %s needs a value\n", who, a);
            return -1;
        }
        const char *v = argv[++i];
        if (!strcmp(a, "--login"))
            o->login = v;
        else if (!strcmp(a, "--role"))
            o->role = v;
        else if (!strcmp(a, "--name"))
            o->name = v;
        else if (!strcmp(a, "--firm"))
            o->firm = v;
        else if (!strcmp(a, "--days"))
            o->days = v;
        else if (!strcmp(a, "--label"))
            o->label = v;
        else if (!strcmp(a, "--id"))
            o->id = v;
        else if (!strcmp(a, "--region") && o->nregions < MAX_LIST)
            o->regions[o->nregions++] = v;
        else if (!strcmp(a, "--program") && o->nprograms < MAX_LIST)
            o->programs[o->nprograms++] = v;
        else {
            fprintf(stderr, "peiyuctl %s: unknown or repeated-too-often option %s\n", who, a);
            return -1;
        }
    }
    return 0;
}

/* "{a,b}" from a list of simple tokens (digits only, checked by SQL too). */
static void
array_literal(const char *const *items, int n, char *out, size_t cap)
{
    size_t o = (size_t)snprintf(out, cap, "{");
    for (int i = 0; i < n && o < cap; i++)
        o += (size_t)snprintf(out + o, cap - o, "%s%s", i ? "," : "", items[i]);
    if (o < cap)
        snprintf(out + o, cap - o, "}");
}

static int
run(PGconn *pg, const char *who, const char *sql, int n, const char *const *vals, PGresult **out)
{
    PGresult *r = PQexecParams(pg, sql, n, NULL, vals, NULL, NULL, 0);
    ExecStatusType st = PQresultStatus(r);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) {
        fprintf(stderr, "peiyuctl %s: %s", who, PQresultErrorMessage(r));
        PQclear(r);
        return -1;
    }
    if (out)
        *out = r;
    else
        PQclear(r);
    return 0;
}

static int
user_add(PGconn *pg, const struct opts *o)
{
    if (!o->login || !o->role) {
        fprintf(stderr, "peiyuctl user add: --login and --role are required\n");
        return 2;
    }
    char regions[512], programs[512], hash[160];
    array_literal(o->regions, o->nregions, regions, sizeof regions);
    array_literal(o->programs, o->nprograms, programs, sizeof programs);
    const char *pw_hash = NULL;
    if (o->password_stdin) {
        char pw[256];
        if (!fgets(pw, sizeof pw, stdin) || strlen(pw) < 2) {
            fprintf(stderr, "peiyuctl user add: no password on standard input\n");
            return 2;
        }
        pw[strcspn(pw, "\r\n")] = '\0';
        if (strlen(pw) < 10) {
            fprintf(stderr, "peiyuctl user add: a password has at least 10 characters\n");
            return 2;
        }
        if (auth_password_hash(pw, AUTH_PBKDF2_ITERATIONS, hash, sizeof hash) < 0)
            return 1;
        pw_hash = hash;
    }
    const char *vals[7] = {o->login, o->name ? o->name : "", o->role, o->firm, regions, programs,
                           pw_hash};
    PGresult *r;
    if (run(pg, "user add",
            "INSERT INTO app_user (login, display_name, role, firm_id, region_prefixes, programs,"
            " password_hash) VALUES ($1, $2, $3, $4::bigint, $5::text[], $6::bigint[], $7)"
            " RETURNING id",
            7, vals, &r) < 0)
        return 1;
    printf("user %s added with id %s\n", o->login, PQgetvalue(r, 0, 0));
    PQclear(r);
    return 0;
}

static int
user_list(PGconn *pg)
{
    PGresult *r;
    if (run(pg, "user list",
            "SELECT id, login, role, coalesce(firm_id::text, '-'), region_prefixes::text,"
            " programs::text, CASE WHEN disabled_at IS NULL THEN 'active' ELSE 'disabled' END"
            " FROM app_user ORDER BY id",
            0, NULL, &r) < 0)
        return 1;
    printf("%-5s %-20s %-9s %-6s %-16s %-10s %s\n", "id", "login", "role", "firm", "regions",
           "programs", "state");
    for (int i = 0; i < PQntuples(r); i++)
        printf("%-5s %-20s %-9s %-6s %-16s %-10s %s\n", PQgetvalue(r, i, 0), PQgetvalue(r, i, 1),
               PQgetvalue(r, i, 2), PQgetvalue(r, i, 3), PQgetvalue(r, i, 4), PQgetvalue(r, i, 5),
               PQgetvalue(r, i, 6));
    PQclear(r);
    return 0;
}

static int
user_disable(PGconn *pg, const struct opts *o)
{
    if (!o->login) {
        fprintf(stderr, "peiyuctl user disable: --login is required\n");
        return 2;
    }
    const char *vals[1] = {o->login};
    PGresult *r;
    if (run(pg, "user disable",
            "UPDATE app_user SET disabled_at = coalesce(disabled_at, now()) WHERE login = $1", 1,
            vals, &r) < 0)
        return 1;
    int n = atoi(PQcmdTuples(r));
    PQclear(r);
    if (!n) {
        fprintf(stderr, "peiyuctl user disable: no user %s\n", o->login);
        return 1;
    }
    printf("user %s disabled\n", o->login);
    return 0;
}

static int
token_issue(PGconn *pg, const struct opts *o)
{
    if (!o->login) {
        fprintf(stderr, "peiyuctl token issue: --login is required\n");
        return 2;
    }
    const char *days = o->days ? o->days : "90";
    char *end;
    long d = strtol(days, &end, 10);
    if (*end || d < 1 || d > 3650) {
        fprintf(stderr, "peiyuctl token issue: --days is 1 to 3650\n");
        return 2;
    }
    char token[AUTH_TOKEN_LEN + 1], hash[65];
    if (auth_token_new(token) < 0) {
        fprintf(stderr, "peiyuctl token issue: no randomness\n");
        return 1;
    }
    auth_sha256_hex(token, hash);
    const char *vals[4] = {o->login, hash, o->label ? o->label : "", days};
    PGresult *r;
    if (run(pg, "token issue",
            "INSERT INTO api_token (user_id, token_sha256, label, expires_at)"
            " SELECT id, $2, $3, now() + make_interval(days => $4::int) FROM app_user"
            " WHERE login = $1 AND disabled_at IS NULL RETURNING id, expires_at",
            4, vals, &r) < 0)
        return 1;
    if (PQntuples(r) != 1) {
        fprintf(stderr, "peiyuctl token issue: no active user %s\n", o->login);
        PQclear(r);
        return 1;
    }
    /* The token goes to stdout alone so scripts can capture it; details to stderr. */
    fprintf(stderr, "token %s for %s expires %s; it is shown only now\n", PQgetvalue(r, 0, 0),
            o->login, PQgetvalue(r, 0, 1));
    printf("%s\n", token);
    PQclear(r);
    return 0;
}

static int
token_revoke(PGconn *pg, const struct opts *o)
{
    if (!o->id) {
        fprintf(stderr, "peiyuctl token revoke: --id is required\n");
        return 2;
    }
    const char *vals[1] = {o->id};
    PGresult *r;
    if (run(pg, "token revoke",
            "UPDATE api_token SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1::bigint",
            1, vals, &r) < 0)
        return 1;
    int n = atoi(PQcmdTuples(r));
    PQclear(r);
    if (!n) {
        fprintf(stderr, "peiyuctl token revoke: no token %s\n", o->id);
        return 1;
    }
    printf("token %s revoked\n", o->id);
    return 0;
}

static int
dispatch(int argc, char **argv, const char *group)
{
    if (argc < 2) {
        fprintf(stderr, "usage: peiyuctl %s SUBCOMMAND [options] (see peiyuctl --help)\n", group);
        return 2;
    }
    char who[32];
    snprintf(who, sizeof who, "%s %s", group, argv[1]);
    struct opts o;
    if (parse_opts(argc, argv, 2, &o, who) < 0)
        return 2;
    int (*fn)(PGconn *, const struct opts *) = NULL;
    int list = 0;
    if (!strcmp(group, "user") && !strcmp(argv[1], "add"))
        fn = user_add;
    else if (!strcmp(group, "user") && !strcmp(argv[1], "disable"))
        fn = user_disable;
    else if (!strcmp(group, "user") && !strcmp(argv[1], "list"))
        list = 1;
    else if (!strcmp(group, "token") && !strcmp(argv[1], "issue"))
        fn = token_issue;
    else if (!strcmp(group, "token") && !strcmp(argv[1], "revoke"))
        fn = token_revoke;
    else {
        fprintf(stderr, "peiyuctl %s: unknown subcommand %s\n", group, argv[1]);
        return 2;
    }
    PGconn *pg = ctl_db_connect(who);
    if (!pg)
        return 1;
    int rc = list ? user_list(pg) : fn(pg, &o);
    PQfinish(pg);
    return rc;
}

int
ctl_user(int argc, char **argv)
{
    return dispatch(argc, argv, "user");
}

int
ctl_token(int argc, char **argv)
{
    return dispatch(argc, argv, "token");
}
