/*
 * migrations: the list of migration files and their checksums.
 *
 * Files are sql/migrations/NNNN_name.sql, applied in name order. The checksum
 * is the SHA-256 of the file's bytes (hex). Used by peiyuctl (to apply) and
 * by peiyud (readiness: the database must have exactly these applied).
 * Blocking file I/O: call at start-up, never on a request path.
 */
#ifndef PEIYU_DB_MIGRATIONS_H
#define PEIYU_DB_MIGRATIONS_H

#include <libpq-fe.h>
#include <stddef.h>

struct migration {
    char *name; /* "0001_regions" (file name without .sql) */
    char *path;
    char *sql; /* file contents, NUL-terminated */
    char sha256[65];
};

struct migration_list {
    struct migration *items;
    size_t n;
};

/* The compiled-in default directory, overridden by PEIYU_MIGRATIONS_DIR. */
const char *migrations_default_dir(void);

/*
 * Load every NNNN_*.sql file of `dir`, sorted by name. Returns 0, or -1 with
 * a message in err (a bad file name, an unreadable file, a duplicate number).
 */
int migrations_load(const char *dir, struct migration_list *out, char *err, size_t errcap);
void migrations_free(struct migration_list *l);

/* SHA-256 of data as 64 lowercase hex digits plus NUL. */
void migrations_sha256_hex(const void *data, size_t len, char out[65]);

/*
 * Blocking, for peiyuctl: create schema_migrations if needed, then apply the
 * pending files in order, each in its own transaction with its row. Refuses
 * (returns -1 before applying anything) when an applied file's checksum
 * changed or an applied name is no longer on disk. Progress on stdout.
 */
int migrations_apply(PGconn *pg, const struct migration_list *l, char *err, size_t errcap);

/* Blocking, for peiyuctl: print applied and pending migrations. */
int migrations_status(PGconn *pg, const struct migration_list *l);

#endif
