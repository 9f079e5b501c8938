/*
 * recognitions_sql: the statements of lib/registry/recognitions.c and
 * lib/registry/pathway.c (see statements.h). Reads are scoped by
 * caller_sees_firm in SQL; the grant is one SQL function that audits in the
 * same transaction (sql/migrations/0010_recognitions.sql).
 */
#ifndef PEIYU_REGISTRY_RECOGNITIONS_SQL_H
#define PEIYU_REGISTRY_RECOGNITIONS_SQL_H

/* In force on $5: granted_on ≤ $5 ≤ expires_on, as rules_recognition_in_force. */
#define RECOGNITIONS_STATEMENTS(XX)                                                                \
    XX(RECOGNITION_GRANT, 10,                                                                      \
       "SELECT body FROM recognition_grant($1::bigint, $2, $3, $4, $5::bigint, $6, $7,"            \
       " $8::date, $9::date, $10, NULL)")                                                          \
    XX(RECOGNITION_LIST, 5,                                                                        \
       "SELECT json_build_object('as_of', $5::date, 'items', coalesce((SELECT"                     \
       "  json_agg(recognition_json(r) ORDER BY r.granted_on, r.id) FROM recognition r"            \
       "  WHERE r.firm_id = f.id AND ($5::date IS NULL"                                            \
       "   OR (r.granted_on <= $5::date AND $5::date <= r.expires_on))), '[]'))::text"             \
       " FROM firm f WHERE f.id = $1::bigint"                                                      \
       " AND caller_sees_firm($2, $3::bigint, $4::text[], f.id, f.region_code)")                   \
    XX(PATHWAY_INPUT, 5,                                                                           \
       "SELECT firm_pathway_input($1, $2::bigint, $3::text[], $4::bigint, $5::date)")

#endif
