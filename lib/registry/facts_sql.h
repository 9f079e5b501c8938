/*
 * facts_sql: the statements of lib/registry/facts.c (see statements.h).
 * Reads are scoped by caller_sees_firm in SQL, so a firm user asking for
 * another firm's facts gets no row (404); the write is facts_put()
 * (sql/migrations/0007_facts.sql), which audits in the same transaction.
 * Actor parameters, in this order where present: actor_id, actor, role,
 * caller_firm, prefixes, request_id.
 */
#ifndef PEIYU_REGISTRY_FACTS_SQL_H
#define PEIYU_REGISTRY_FACTS_SQL_H

#define FACTS_STATEMENTS(XX)                                                                       \
    XX(FACTS_PUT, 10,                                                                              \
       "SELECT body, version, created FROM facts_put($1::bigint, $2, $3, $4::bigint, $5::text[],"  \
       " $6, $7::bigint, $8::int, $9::int, $10::jsonb)")                                           \
    /* $6: a version, or NULL for the latest */                                                    \
    XX(FACTS_GET, 6,                                                                               \
       "SELECT firm_facts_json(ff, u.login)::text, ff.version FROM firm f"                         \
       " JOIN firm_facts ff ON ff.firm_id = f.id JOIN app_user u ON u.id = ff.created_by"          \
       " WHERE f.id = $1::bigint AND ff.fiscal_year = $2::int"                                     \
       " AND caller_sees_firm($3, $4::bigint, $5::text[], f.id, f.region_code)"                    \
       " AND ($6::int IS NULL OR ff.version = $6::int)"                                            \
       " ORDER BY ff.version DESC LIMIT 1")                                                        \
    /* $6: cursor (list versions below it), $7: page size; newest first */                         \
    XX(FACTS_VERSIONS, 7,                                                                          \
       "WITH f AS (SELECT id FROM firm WHERE id = $1::bigint"                                      \
       "  AND caller_sees_firm($3, $4::bigint, $5::text[], id, region_code)),"                     \
       " page AS (SELECT ff.version, ff.doc_sha256, ff.created_at, u.login FROM firm_facts ff"     \
       "  JOIN f ON ff.firm_id = f.id JOIN app_user u ON u.id = ff.created_by"                     \
       "  WHERE ff.fiscal_year = $2::int AND ff.version < coalesce($6::int, 2147483647)"           \
       "  ORDER BY ff.version DESC LIMIT $7::int + 1),"                                            \
       " shown AS (SELECT * FROM page ORDER BY version DESC LIMIT $7::int)"                        \
       " SELECT EXISTS (SELECT 1 FROM firm_facts ff JOIN f ON ff.firm_id = f.id"                   \
       "                WHERE ff.fiscal_year = $2::int),"                                          \
       " json_build_object("                                                                       \
       "  'items', coalesce((SELECT json_agg(json_build_object('version', s.version,"              \
       "    'doc_sha256', s.doc_sha256, 'created_by', s.login, 'created_at', s.created_at)"        \
       "    ORDER BY s.version DESC) FROM shown s), '[]'),"                                        \
       "  'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $7::int"                          \
       "                 THEN (SELECT min(version) FROM shown)::text END)::text")

#endif
