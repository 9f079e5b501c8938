/*
 * editions_seed: copy the rule editions of sql/editions/<module>.json into the
 * rule_edition table (blocking; peiyuctl only). New editions are inserted;
 * an edition already published must be identical to its file, otherwise the
 * seeding refuses (editions are immutable: correct by adding a new one).
 */
#ifndef PEIYU_DB_EDITIONS_SEED_H
#define PEIYU_DB_EDITIONS_SEED_H

#include <libpq-fe.h>
#include <stddef.h>

/* Returns the number of editions inserted, or -1 with a message in err. */
int editions_seed(PGconn *pg, const char *dir, char *err, size_t errcap);

#endif
