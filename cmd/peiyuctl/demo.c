/*
 * demo: `peiyuctl demo [--dir DIR]` loads sql/demo/NNNN_*.sql files in name order, each
 * in its own transaction. The scripts are idempotent (ON CONFLICT DO
 * NOTHING), so running deploy/up again keeps the data as it is.
 */
#include "ctl.h"
#include "db.h"
#include "db/migrations.h"

#include <stdio.h>
#include <string.h>

#ifndef PEIYU_SOURCE_DIR
#define PEIYU_SOURCE_DIR "."
#endif

int
ctl_demo(int argc, char **argv)
{
    const char *dir = PEIYU_SOURCE_DIR "/sql/demo";
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--dir") && i + 1 < argc)
            dir = argv[++i];
        else {
            fprintf(stderr, "usage: peiyuctl demo [--dir DIR]\n");
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
            printf("loaded %s\n", files.items[i].name);
    }
    PQfinish(pg);
    migrations_free(&files);
    return rc;
}
