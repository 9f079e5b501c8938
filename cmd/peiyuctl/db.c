/*
 * db: see db.h.
 */
#include "db.h"

#include <stdio.h>
#include <stdlib.h>

PGconn *
ctl_db_connect(const char *who)
{
    const char *url = getenv("PEIYU_ADMIN_DATABASE_URL");
    if (!url || !*url)
        url = getenv("PEIYU_DATABASE_URL");
    if (!url || !*url) {
        fprintf(stderr, "peiyuctl %s: set PEIYU_ADMIN_DATABASE_URL or PEIYU_DATABASE_URL\n", who);
        return NULL;
    }
    const char *keys[] = {"dbname", "application_name", "client_encoding", NULL};
    const char *vals[] = {url, "peiyuctl", "UTF8", NULL};
    PGconn *pg = PQconnectdbParams(keys, vals, 1);
    if (PQstatus(pg) != CONNECTION_OK) {
        fprintf(stderr, "peiyuctl %s: cannot connect: %s", who, PQerrorMessage(pg));
        PQfinish(pg);
        return NULL;
    }
    PGresult *r = PQexec(pg, "SET client_min_messages = warning");
    PQclear(r);
    return pg;
}

int
ctl_db_exec_script(PGconn *pg, const char *who, const char *name, const char *sql)
{
    PGresult *r = PQexec(pg, "BEGIN");
    PQclear(r);
    r = PQexec(pg, sql);
    if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK) {
        fprintf(stderr, "peiyuctl %s: %s: %s", who, name, PQresultErrorMessage(r));
        PQclear(r);
        r = PQexec(pg, "ROLLBACK");
        PQclear(r);
        return -1;
    }
    PQclear(r);
    r = PQexec(pg, "COMMIT");
    int ok = PQresultStatus(r) == PGRES_COMMAND_OK;
    PQclear(r);
    return ok ? 0 : -1;
}
