/*
 * editions_seed: see editions_seed.h. PostgreSQL does the mapping with
 * jsonb_populate_recordset, so the JSON field names are the column names.
 */
#include "db/editions_seed.h"
#include "db/migrations.h"
#include "core/xalloc.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const SQL_INSERT =
    "WITH n AS (SELECT * FROM jsonb_populate_recordset(NULL::rule_edition, $1::jsonb))"
    " INSERT INTO rule_edition (module, edition_id, document, effective_from, effective_to,"
    "   region_prefix, band_edge, verified, params)"
    " SELECT module, edition_id, document, effective_from, effective_to, region_prefix,"
    "   band_edge, verified, params FROM n"
    " ON CONFLICT (module, edition_id) DO NOTHING";

static const char *const SQL_DIFFERENT =
    "SELECT coalesce(string_agg(e.module || ' ' || e.edition_id, ', '), '')"
    " FROM jsonb_populate_recordset(NULL::rule_edition, $1::jsonb) n"
    " JOIN rule_edition e USING (module, edition_id)"
    " WHERE (e.document, e.effective_from, e.effective_to, e.region_prefix, e.band_edge,"
    "        e.verified, e.params)"
    "   IS DISTINCT FROM"
    "       (n.document, n.effective_from, n.effective_to, n.region_prefix, n.band_edge,"
    "        n.verified, n.params)";

static int
seed_file(PGconn *pg, const char *path, const char *json, char *err, size_t errcap)
{
    const char *vals[1] = {json};
    PGresult *r = PQexecParams(pg, SQL_DIFFERENT, 1, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_TUPLES_OK) {
        snprintf(err, errcap, "%s: %s", path, PQresultErrorMessage(r));
        PQclear(r);
        return -1;
    }
    if (PQgetvalue(r, 0, 0)[0]) {
        snprintf(err, errcap,
                 "%s: published edition(s) %s differ from the file; editions are immutable, "
                 "add a new edition instead",
                 path, PQgetvalue(r, 0, 0));
        PQclear(r);
        return -1;
    }
    PQclear(r);
    r = PQexecParams(pg, SQL_INSERT, 1, NULL, vals, NULL, NULL, 0);
    if (PQresultStatus(r) != PGRES_COMMAND_OK) {
        snprintf(err, errcap, "%s: %s", path, PQresultErrorMessage(r));
        PQclear(r);
        return -1;
    }
    int n = atoi(PQcmdTuples(r));
    PQclear(r);
    return n;
}

int
editions_seed(PGconn *pg, const char *dir, char *err, size_t errcap)
{
    DIR *d = opendir(dir);
    if (!d) {
        snprintf(err, errcap, "cannot open %s: %s", dir, strerror(errno));
        return -1;
    }
    int total = 0;
    struct dirent *e;
    while ((e = readdir(d)) && total >= 0) {
        size_t nl = strlen(e->d_name);
        if (e->d_name[0] == '.' || nl < 6 || strcmp(e->d_name + nl - 5, ".json") != 0)
            continue;
        size_t plen = strlen(dir) + nl + 2;
        char *path = xmalloc(plen);
        snprintf(path, plen, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        char *buf = NULL;
        size_t len = 0;
        if (f) {
            fseek(f, 0, SEEK_END);
            long sz = ftell(f);
            fseek(f, 0, SEEK_SET);
            buf = xmalloc(sz > 0 ? (size_t)sz + 1 : 1);
            len = sz > 0 ? fread(buf, 1, (size_t)sz, f) : 0;
            buf[len] = '\0';
            fclose(f);
        }
        int n = buf ? seed_file(pg, path, buf, err, errcap) : -1;
        if (!buf)
            snprintf(err, errcap, "cannot read %s", path);
        total = n < 0 ? -1 : total + n;
        free(buf);
        free(path);
    }
    closedir(d);
    return total;
}
