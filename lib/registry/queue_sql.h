/*
 * queue_sql: the statements of lib/registry/queue.c and calendar.c (see
 * statements.h). The queue page is scoped in SQL by the caller
 * (caller_sees_application: region prefixes and programmes); claim, release
 * and calendar changes are one SQL function each that audits in the same
 * transaction (sql/migrations/0012_queue.sql). Actor parameters, in this
 * order where present: actor_id, actor, role, prefixes, programs, request_id.
 */
#ifndef PEIYU_REGISTRY_QUEUE_SQL_H
#define PEIYU_REGISTRY_QUEUE_SQL_H

#define QUEUE_STATEMENTS(XX)                                                                       \
    XX(QUEUE_PAGE, 10,                                                                             \
       "SELECT queue_page($1, $2::bigint, $3::text[], $4::bigint[], $5::bigint, $6, $7,"           \
       " $8::boolean, $9, $10::int)")                                                              \
    XX(QUEUE_CLAIM, 6,                                                                             \
       "SELECT body, version FROM queue_claim($1::bigint, $2, $3, $4::text[], $5::bigint[], $6)")  \
    XX(APPLICATION_RELEASE, 7,                                                                     \
       "SELECT body, version FROM application_release($1::bigint, $2, $3, $4::text[],"             \
       " $5::bigint[], $6, $7::bigint)")                                                           \
    XX(CALENDAR_SET, 7,                                                                            \
       "SELECT status, body FROM calendar_set($1::bigint, $2, $3, $4, $5::date, $6::boolean,"      \
       " $7)")                                                                                     \
    XX(CALENDAR_RANGE, 2, "SELECT calendar_range($1::date, $2::date)")

#endif
