/*
 * migrations: see migrations.h. Applying is blocking libpq by design: it runs
 * in peiyuctl, never inside peiyud's loops.
 */
#include "db/migrations.h"
#include "core/xalloc.h"

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <openssl/evp.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef PEIYU_SOURCE_DIR
#define PEIYU_SOURCE_DIR "."
#endif

const char *
migrations_default_dir(void)
{
    const char *env = getenv("PEIYU_MIGRATIONS_DIR");
    return env && *env ? env : PEIYU_SOURCE_DIR "/sql/migrations";
}

void
migrations_sha256_hex(const void *data, size_t len, char out[65])
{
    unsigned char md[32];
    unsigned int mdlen = 0;
    EVP_Digest(data, len, md, &mdlen, EVP_sha256(), NULL);
    for (unsigned i = 0; i < 32; i++)
        snprintf(out + 2 * i, 3, "%02x", md[i]);
}

/* NNNN_name.sql with NNNN four digits and name of [a-z0-9_]. */
static bool
valid_name(const char *f)
{
    size_t n = strlen(f);
    if (n < 10 || strcmp(f + n - 4, ".sql") != 0)
        return false;
    for (int i = 0; i < 4; i++)
        if (!isdigit((unsigned char)f[i]))
            return false;
    if (f[4] != '_')
        return false;
    for (size_t i = 5; i < n - 4; i++)
        if (!(islower((unsigned char)f[i]) || isdigit((unsigned char)f[i]) || f[i] == '_'))
            return false;
    return true;
}

static char *
read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, n = 0;
    char *buf = xmalloc(cap);
    size_t r;
    while ((r = fread(buf + n, 1, cap - n - 1, f)) > 0) {
        n += r;
        if (n + 1 >= cap)
            buf = xrealloc(buf, cap *= 2);
    }
    bool err = ferror(f);
    fclose(f);
    if (err) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

static int
cmp_migration(const void *a, const void *b)
{
    return strcmp(((const struct migration *)a)->name, ((const struct migration *)b)->name);
}

int
migrations_load(const char *dir, struct migration_list *out, char *err, size_t errcap)
{
    out->items = NULL;
    out->n = 0;
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errcap, "cannot open %s: %s", dir, strerror(errno));
        return -1;
    }
    size_t cap = 0;
    struct dirent *e;
    int rc = 0;
    while ((e = readdir(d))) {
        size_t nl = strlen(e->d_name);
        if (e->d_name[0] == '.' || nl < 4 || strcmp(e->d_name + nl - 4, ".sql") != 0)
            continue;
        if (!valid_name(e->d_name)) {
            snprintf(err, errcap, "%s/%s: migration files are named NNNN_name.sql", dir, e->d_name);
            rc = -1;
            break;
        }
        if (out->n == cap)
            out->items = xrealloc(out->items, (cap = cap ? cap * 2 : 16) * sizeof *out->items);
        struct migration *m = &out->items[out->n];
        size_t plen = strlen(dir) + strlen(e->d_name) + 2;
        m->path = xmalloc(plen);
        snprintf(m->path, plen, "%s/%s", dir, e->d_name);
        m->name = xstrndup(e->d_name, strlen(e->d_name) - 4);
        size_t len;
        m->sql = read_file(m->path, &len);
        out->n++;
        if (!m->sql) {
            snprintf(err, errcap, "cannot read %s", m->path);
            rc = -1;
            break;
        }
        migrations_sha256_hex(m->sql, len, m->sha256);
    }
    closedir(d);
    if (rc == 0) {
        qsort(out->items, out->n, sizeof *out->items, cmp_migration);
        for (size_t i = 1; i < out->n; i++) {
            if (strncmp(out->items[i].name, out->items[i - 1].name, 4) == 0) {
                snprintf(err, errcap, "two migrations share the number %.4s", out->items[i].name);
                rc = -1;
            }
        }
    }
    if (rc < 0)
        migrations_free(out);
    return rc;
}

void
migrations_free(struct migration_list *l)
{
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].name);
        free(l->items[i].path);
        free(l->items[i].sql);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}

static const char *const SQL_BOOTSTRAP =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    " name text PRIMARY KEY,"
    " checksum text NOT NULL CHECK (checksum ~ '^[0-9a-f]{64}$'),"
    " applied_at timestamptz NOT NULL DEFAULT now())";
static const char *const SQL_APPLIED = "SELECT name, checksum FROM schema_migrations ORDER BY name";
static const char *const SQL_RECORD =
    "INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)";

static bool
exec_ok(PGconn *pg, const char *sql, char *err, size_t errcap)
{
    PGresult *r = PQexec(pg, sql);
    bool ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
    if (!ok)
        snprintf(err, errcap, "%s", PQresultErrorMessage(r));
    PQclear(r);
    return ok;
}

static const struct migration *
find(const struct migration_list *l, const char *name)
{
    for (size_t i = 0; i < l->n; i++)
        if (strcmp(l->items[i].name, name) == 0)
            return &l->items[i];
    return NULL;
}

/* Check applied rows against the files; returns the applied result or NULL. */
static PGresult *
check_applied(PGconn *pg, const struct migration_list *l, char *err, size_t errcap)
{
    if (!exec_ok(pg, SQL_BOOTSTRAP, err, errcap))
        return NULL;
    PGresult *r = PQexec(pg, SQL_APPLIED);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errcap, "%s", PQresultErrorMessage(r));
        PQclear(r);
        return NULL;
    }
    for (int i = 0; i < PQntuples(r); i++) {
        const char *name = PQgetvalue(r, i, 0), *sum = PQgetvalue(r, i, 1);
        const struct migration *m = find(l, name);
        if (!m) {
            snprintf(err, errcap, "applied migration %s has no file any more; refusing to run",
                     name);
            PQclear(r);
            return NULL;
        }
        if (strcmp(m->sha256, sum) != 0) {
            snprintf(err, errcap,
                     "migration %s changed after it was applied (applied sha256 %s, file "
                     "%s); write a new migration instead; refusing to run",
                     name, sum, m->sha256);
            PQclear(r);
            return NULL;
        }
    }
    return r;
}

static bool
is_applied(PGresult *applied, const char *name)
{
    for (int i = 0; i < PQntuples(applied); i++)
        if (strcmp(PQgetvalue(applied, i, 0), name) == 0)
            return true;
    return false;
}

int
migrations_apply(PGconn *pg, const struct migration_list *l, char *err, size_t errcap)
{
    PGresult *applied = check_applied(pg, l, err, errcap);
    if (!applied)
        return -1;
    int count = 0, rc = 0;
    for (size_t i = 0; i < l->n && rc == 0; i++) {
        const struct migration *m = &l->items[i];
        if (is_applied(applied, m->name))
            continue;
        if (!exec_ok(pg, "BEGIN", err, errcap)) {
            rc = -1;
            break;
        }
        char e2[512];
        if (!exec_ok(pg, m->sql, e2, sizeof e2)) {
            snprintf(err, errcap, "%s: %s", m->name, e2);
            exec_ok(pg, "ROLLBACK", e2, sizeof e2);
            rc = -1;
            break;
        }
        const char *vals[2] = {m->name, m->sha256};
        PGresult *r = PQexecParams(pg, SQL_RECORD, 2, NULL, vals, NULL, NULL, 0);
        bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
        if (!ok)
            snprintf(err, errcap, "%s: recording it failed: %s", m->name, PQresultErrorMessage(r));
        PQclear(r);
        if (!ok || !exec_ok(pg, "COMMIT", err, errcap)) {
            exec_ok(pg, "ROLLBACK", e2, sizeof e2);
            rc = -1;
            break;
        }
        printf("applied %s\n", m->name);
        count++;
    }
    PQclear(applied);
    if (rc == 0)
        printf("%d migration%s applied; database is current\n", count, count == 1 ? "" : "s");
    return rc;
}

int
migrations_status(PGconn *pg, const struct migration_list *l)
{
    char err[1024];
    PGresult *applied = check_applied(pg, l, err, sizeof err);
    if (!applied) {
        fprintf(stderr, "peiyuctl: %s\n", err);
        return -1;
    }
    size_t pending = 0;
    for (size_t i = 0; i < l->n; i++) {
        bool a = is_applied(applied, l->items[i].name);
        pending += !a;
        printf("%-8s %s %.12s\n", a ? "applied" : "pending", l->items[i].name, l->items[i].sha256);
    }
    printf("%zu applied, %zu pending\n", l->n - pending, pending);
    PQclear(applied);
    return 0;
}
