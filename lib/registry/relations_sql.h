/*
 * relations_sql: the statements of lib/registry/relations.c (see
 * statements.h). Declaring is one SQL function that checks the caller and
 * the firm's scope and audits on the firm's stream
 * (sql/migrations/0013_decisions.sql); the list is the caller's own
 * declarations only.
 */
#ifndef PEIYU_REGISTRY_RELATIONS_SQL_H
#define PEIYU_REGISTRY_RELATIONS_SQL_H

#define RELATIONS_STATEMENTS(XX)                                                                   \
    XX(OFFICER_RELATION_DECLARE, 7,                                                                \
       "SELECT body FROM officer_relation_declare($1::bigint, $2, $3, $4::text[], $5,"             \
       " $6::bigint, $7)")                                                                         \
    XX(OFFICER_RELATION_LIST, 1,                                                                   \
       "SELECT json_build_object('items', coalesce(json_agg(officer_relation_json(r)"              \
       " ORDER BY r.id), '[]'))::text FROM officer_relation r WHERE r.officer_id = $1::bigint")

#endif
