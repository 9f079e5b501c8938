/*
 * migrate: `peiyuctl migrate [--status] [--dir DIR]`.
 */
#include "ctl.h"
#include "db.h"
#include "db/editions_seed.h"
#include "db/migrations.h"
#include "facts/editions.h"
#include "rules/ladder.h"

#include <stdio.h>
#include <string.h>

/* The recognition_kind table must be the C list (lib/rules/facts.h). */
static int
check_recognition_kinds(PGconn *pg, char *err, size_t errcap)
{
    char want[512];
    rules_recognition_kinds_text(want, sizeof want);
    PGresult *r = PQexec(pg, "SELECT recognition_kinds_text()");
    int rc = 0;
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errcap, "recognition kinds: %s", PQerrorMessage(pg));
        rc = -1;
    } else if (strcmp(PQgetvalue(r, 0, 0), want) != 0) {
        snprintf(err, errcap,
                 "the recognition_kind table (%s) differs from this build's list (%s): add the "
                 "kind to both",
                 PQgetvalue(r, 0, 0), want);
        rc = -1;
    }
    PQclear(r);
    return rc;
}

int
ctl_migrate(int argc, char **argv)
{
    int status_only = 0;
    const char *dir = migrations_default_dir();
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--status"))
            status_only = 1;
        else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
            dir = argv[++i];
        else {
            fprintf(stderr, "usage: peiyuctl migrate [--status] [--dir DIR]\n");
            return 2;
        }
    }
    char err[1024];
    struct migration_list l;
    if (migrations_load(dir, &l, err, sizeof err) < 0) {
        fprintf(stderr, "peiyuctl migrate: %s\n", err);
        return 2;
    }
    PGconn *pg = ctl_db_connect("migrate");
    if (!pg) {
        migrations_free(&l);
        return 1;
    }
    int rc;
    if (status_only) {
        rc = migrations_status(pg, &l) == 0 ? 0 : 1;
    } else {
        rc = migrations_apply(pg, &l, err, sizeof err) == 0 &&
                     check_recognition_kinds(pg, err, sizeof err) == 0
                 ? 0
                 : 1;
        /* Editions are reference data the schema needs: seed them with it. */
        int n = rc ? 0 : editions_seed(pg, facts_editions_default_dir(), err, sizeof err);
        if (n < 0)
            rc = 1;
        else if (!rc)
            printf("%d rule edition%s published\n", n, n == 1 ? "" : "s");
        if (rc)
            fprintf(stderr, "peiyuctl migrate: %s\n", err);
    }
    PQfinish(pg);
    migrations_free(&l);
    return rc;
}
