/*
 * programs_sql: the statements of lib/registry/programs.c (see statements.h).
 * Reads are scoped by caller_sees_program in SQL; writes are SQL functions
 * that audit on the 'system' stream in the same transaction
 * (sql/migrations/0008_programs.sql).
 */
#ifndef PEIYU_REGISTRY_PROGRAMS_SQL_H
#define PEIYU_REGISTRY_PROGRAMS_SQL_H

#define PROGRAMS_STATEMENTS(XX)                                                                    \
    XX(PROGRAM_CREATE, 5,                                                                          \
       "SELECT body, version FROM program_create($1::bigint, $2, $3, $4, $5::jsonb)")              \
    XX(PROGRAM_GET, 5,                                                                             \
       "SELECT program_json(p)::text, p.version FROM program p WHERE p.id = $1::bigint"            \
       " AND caller_sees_program($2, $3::bigint, $4::text[], $5::bigint[], p)")                    \
    XX(PROGRAM_LIST, 5,                                                                            \
       "SELECT json_build_object('items', coalesce(json_agg(program_json(p)"                       \
       "  ORDER BY p.closes_at, p.id), '[]'))::text FROM program p"                                \
       " WHERE caller_sees_program($1, $2::bigint, $3::text[], $4::bigint[], p)"                   \
       "  AND ($1 = 'admin' OR ($5::boolean AND $1 <> 'firm')"                                     \
       "       OR (now() >= p.opens_at AND now() < p.closes_at))")                                 \
    XX(PROGRAM_UPDATE, 7,                                                                          \
       "SELECT body, version FROM program_update($1::bigint, $2, $3, $4, $5::bigint, $6::int,"     \
       " $7::jsonb)")

#endif
