/*
 * firms_sql: the statements of lib/registry/firms.c (see statements.h).
 * Every read is scoped by caller_sees_firm in SQL; writes are SQL functions
 * that audit in the same transaction (sql/migrations/0005_firms.sql).
 * Actor parameters, in this order where present: actor_id, actor, role,
 * caller_firm, prefixes, request_id.
 */
#ifndef PEIYU_REGISTRY_FIRMS_SQL_H
#define PEIYU_REGISTRY_FIRMS_SQL_H

#define FIRMS_STATEMENTS(XX)                                                                       \
    XX(FIRM_REGISTER, 10,                                                                          \
       "SELECT body, version FROM firm_register($1::bigint, $2, $3, $4, $5, $6::boolean, $7,"      \
       " $8::date, $9, $10)")                                                                      \
    XX(FIRM_GET, 4,                                                                                \
       "SELECT firm_json(f)::text, f.version FROM firm f WHERE f.id = $1::bigint"                  \
       " AND caller_sees_firm($2, $3::bigint, $4::text[], f.id, f.region_code)")                   \
    XX(FIRM_LIST, 7,                                                                               \
       "WITH page AS (SELECT f.* FROM firm f"                                                      \
       "  WHERE caller_sees_firm($1, $2::bigint, $3::text[], f.id, f.region_code)"                 \
       "    AND ($4::text IS NULL OR starts_with(f.region_code, $4))"                              \
       "    AND ($5::text IS NULL OR strpos(f.name, $5) > 0 OR starts_with(f.uscc, $5))"           \
       "    AND f.id > coalesce($6::bigint, 0)"                                                    \
       "  ORDER BY f.id LIMIT $7::int + 1),"                                                       \
       " shown AS (SELECT * FROM page ORDER BY id LIMIT $7::int)"                                  \
       " SELECT json_build_object("                                                                \
       "  'items', coalesce((SELECT json_agg(firm_json(s) ORDER BY s.id) FROM shown s), '[]'),"    \
       "  'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $7::int"                          \
       "                 THEN (SELECT max(id) FROM shown)::text END)::text")                       \
    XX(FIRM_UPDATE, 9,                                                                             \
       "SELECT body, version FROM firm_update($1::bigint, $2, $3, $4::bigint, $5::text[], $6,"     \
       " $7::bigint, $8::int, $9::jsonb)")

#endif
