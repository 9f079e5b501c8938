/*
 * events_sql: statements of lib/registry/events.c (GET /v1/events).
 * Scoped in SQL like every read: $1 role, $2 caller firm, $3 prefixes.
 * Only application changes are streamed (actions application.*).
 */
#ifndef PEIYU_REGISTRY_EVENTS_SQL_H
#define PEIYU_REGISTRY_EVENTS_SQL_H

#define EVENTS_VISIBLE_FROM                                                                        \
    " FROM audit_event e"                                                                          \
    " LEFT JOIN firm f ON e.stream = 'firm:' || f.id"                                              \
    " WHERE e.action LIKE 'application.%'"                                                         \
    "   AND ($1 = 'admin' OR (f.id IS NOT NULL"                                                    \
    "        AND caller_sees_firm($1, $2::bigint, $3::text[], f.id, f.region_code)))"

#define EVENTS_ROW                                                                                 \
    "SELECT e.id, e.action, json_build_object('id', e.id, 'at', e.at, 'action', e.action,"         \
    " 'entity', e.entity, 'entity_id', e.entity_id, 'firm_id', f.id, 'actor', e.actor,"            \
    " 'state', e.after->>'state')::text"

#define EVENTS_STATEMENTS(XX)                                                                      \
    XX(EVENTS_SINCE, 5,                                                                            \
       EVENTS_ROW EVENTS_VISIBLE_FROM " AND e.id > $4::bigint ORDER BY e.id LIMIT $5::int")        \
    XX(EVENTS_BY_IDS, 4,                                                                           \
       EVENTS_ROW EVENTS_VISIBLE_FROM " AND e.id = ANY($4::bigint[]) ORDER BY e.id")

#endif
