/*
 * db: peiyuctl's blocking database connection (never used by peiyud).
 */
#ifndef PEIYU_CTL_DB_H
#define PEIYU_CTL_DB_H

#include <libpq-fe.h>

/* Connect with PEIYU_ADMIN_DATABASE_URL, else PEIYU_DATABASE_URL; NULL with a message. */
PGconn *ctl_db_connect(const char *who);

/* Run a script of several statements in one transaction; 0 or -1 with a message. */
int ctl_db_exec_script(PGconn *pg, const char *who, const char *name, const char *sql);

#endif
