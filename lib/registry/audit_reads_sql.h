/*
 * audit_reads_sql: the statements of what auditors read (see statements.h):
 * lib/registry/audit_reads.c (the audit trail as JSON pages and as CSV),
 * history.c (a firm's standing on a past date) and replay.c (a stored
 * verdict re-evaluated). All reads, scoped in SQL by the caller
 * (sql/migrations/0014_audit_reads.sql, caller_sees_application).
 * Filter parameters of the audit selection, in this order: role, prefixes,
 * firm, entity, entity_id, actor, action, from, to, after (cursor), limit.
 */
#ifndef PEIYU_REGISTRY_AUDIT_READS_SQL_H
#define PEIYU_REGISTRY_AUDIT_READS_SQL_H

#define AUDIT_SELECT_ARGS                                                                          \
    "$1, $2::text[], $3::bigint, $4, $5, $6, $7, $8::timestamptz, $9::timestamptz, $10::bigint"

#define AUDIT_READS_STATEMENTS(XX)                                                                 \
    XX(AUDIT_EVENTS_PAGE, 11,                                                                      \
       "WITH page AS (SELECT * FROM audit_events_select(" AUDIT_SELECT_ARGS ", $11::int + 1)),"    \
       " shown AS (SELECT * FROM page ORDER BY id LIMIT $11::int)"                                 \
       " SELECT json_build_object("                                                                \
       "  'items', coalesce((SELECT json_agg(audit_event_json(s) ORDER BY s.id) FROM shown s),"    \
       "                    '[]'),"                                                                \
       "  'next_cursor', CASE WHEN (SELECT count(*) FROM page) > $11::int"                         \
       "                 THEN (SELECT max(id) FROM shown)::text END)::text")                       \
    XX(AUDIT_EVENTS_ROWS, 11,                                                                      \
       "SELECT id, stream, seq, audit_at_text(at), actor_id, actor, action, entity, entity_id,"    \
       " before::text, after::text, reason, request_id, prev_hash, hash"                           \
       " FROM audit_events_select(" AUDIT_SELECT_ARGS ", $11::int)")                               \
    XX(FIRM_HISTORY_INPUT, 5,                                                                      \
       "SELECT firm_history_input($1, $2::bigint, $3::text[], $4::bigint, $5::date)")              \
    XX(APPLICATION_REPLAY_INPUT, 5,                                                                \
       "SELECT a.id, v.id, v.module, v.edition_id, v.relevant_date, v.region,"                     \
       " v.input_snapshot::text, v.verdict::text, v.engine_version, v.facts_version,"              \
       " v.snapshot_sha256 = encode(sha256(convert_to(v.input_snapshot::text, 'UTF8')), 'hex')"    \
       " FROM application a LEFT JOIN LATERAL (SELECT * FROM application_verdict x"                \
       "  WHERE x.application_id = a.id ORDER BY x.id DESC LIMIT 1) v ON true"                     \
       " WHERE a.id = $1::bigint"                                                                  \
       " AND caller_sees_application($2, $3::bigint, $4::text[], $5::bigint[], a)")

#endif
