/*
 * statements: every SQL statement peiyud sends, as named constants in one
 * table. Each is prepared per connection on first use. Parameters only,
 * never SQL built from input.
 *
 * XX(NAME, nparams, sql)
 */
#ifndef PEIYU_REGISTRY_STATEMENTS_H
#define PEIYU_REGISTRY_STATEMENTS_H

#include <stddef.h>

#include "db/pool.h"
#include "registry/firms_sql.h"
#include "registry/queue_sql.h"
#include "registry/audit_verify_sql.h"
#include "registry/recognitions_sql.h"
#include "registry/sessions_sql.h"
#include "registry/events_sql.h"
#include "registry/programs_sql.h"
#include "registry/applications_sql.h"
#include "registry/decisions_sql.h"
#include "registry/relations_sql.h"
#include "registry/facts_sql.h"
#include "registry/audit_reads_sql.h"

#define REGION_JSON                                                                                \
    "json_build_object('code', code, 'name', name, 'level', level, 'parent', parent)"

#define REGISTRY_STATEMENTS(XX)                                                                    \
    XX(MIGRATIONS_APPLIED, 0,                                                                      \
       "SELECT coalesce(string_agg(name || ':' || checksum, ',' ORDER BY name), '')"               \
       " FROM schema_migrations")                                                                  \
    XX(RECOGNITION_KINDS, 0, "SELECT recognition_kinds_text()")                                    \
    XX(REGION_GET, 1, "SELECT " REGION_JSON "::text FROM region WHERE code = $1")                  \
    XX(REGION_CHILDREN, 1,                                                                         \
       "SELECT ($1::text IS NULL OR EXISTS (SELECT 1 FROM region WHERE code = $1)),"               \
       " json_build_object('items', coalesce(json_agg(" REGION_JSON " ORDER BY code),"             \
       " '[]'::json))::text"                                                                       \
       " FROM region WHERE parent IS NOT DISTINCT FROM $1")                                        \
    XX(AUTH_TOKEN, 1,                                                                              \
       "SELECT u.id, u.role, coalesce(u.firm_id, 0), u.login, u.region_prefixes::text,"            \
       " u.programs::text, t.revoked_at IS NOT NULL, t.expires_at <= now(),"                       \
       " u.disabled_at IS NOT NULL"                                                                \
       " FROM api_token t JOIN app_user u ON u.id = t.user_id WHERE t.token_sha256 = $1")          \
    PROGRAMS_STATEMENTS(XX)                                                                        \
    APPLICATIONS_STATEMENTS(XX)                                                                    \
    DECISIONS_STATEMENTS(XX)                                                                       \
    RELATIONS_STATEMENTS(XX)                                                                       \
    EVENTS_STATEMENTS(XX)                                                                          \
    SESSIONS_STATEMENTS(XX)                                                                        \
    RECOGNITIONS_STATEMENTS(XX)                                                                    \
    FIRMS_STATEMENTS(XX)                                                                           \
    QUEUE_STATEMENTS(XX)                                                                           \
    AUDIT_VERIFY_STATEMENTS(XX)                                                                    \
    FACTS_STATEMENTS(XX)                                                                           \
    AUDIT_READS_STATEMENTS(XX)

enum registry_stmt {
#define XX(name, n, sql) STMT_##name,
    REGISTRY_STATEMENTS(XX)
#undef XX
        STMT__COUNT
};

extern const struct db_statement registry_statements[STMT__COUNT];

#endif
