/*
 * statements: the table generated from REGISTRY_STATEMENTS.
 */
#include "registry/statements.h"

const struct db_statement registry_statements[STMT__COUNT] = {
#define XX(name, n, sql) [STMT_##name] = {"peiyu_" #name, sql, n},
    REGISTRY_STATEMENTS(XX)
#undef XX
};
