/*
 * audit_verify_sql: the statements of lib/registry/audit_verify.c (see
 * statements.h; SQL in sql/migrations/0015_checkpoints.sql).
 */
#ifndef PEIYU_REGISTRY_AUDIT_VERIFY_SQL_H
#define PEIYU_REGISTRY_AUDIT_VERIFY_SQL_H

#define AUDIT_VERIFY_STATEMENTS(XX)                                                                \
    XX(AUDIT_CHECKPOINT_HEADS, 0, "SELECT stream_count, heads FROM audit_checkpoint_heads()")      \
    XX(AUDIT_CHECKPOINT_INSERT, 6,                                                                 \
       "SELECT audit_checkpoint_insert($1::integer, $2::jsonb, $3, $4, $5, $6::integer)")          \
    XX(AUDIT_VERIFY, 0,                                                                            \
       "SELECT v.events_checked, v.streams, v.stream, v.seq, v.id, v.checkpoint_id, v.reason,"     \
       " (SELECT coalesce(json_agg(json_build_object('id', c.id, 'stream_count', c.stream_count,"  \
       "   'heads', c.heads, 'merkle_root', c.merkle_root, 'signature', c.signature,"              \
       "   'key_id', c.key_id) ORDER BY c.id), '[]')::text FROM audit_checkpoint c)"               \
       " FROM audit_verify_chains() v")

#endif
