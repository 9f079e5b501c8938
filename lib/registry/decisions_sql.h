/*
 * decisions_sql: the statements of lib/registry/decisions.c (see
 * statements.h). Each command is one SQL function that checks the caller
 * (role, scope, claim, conflicts of interest), the version and the award,
 * reserves or releases the budget, moves the application and audits on the
 * firm's stream in one transaction (sql/migrations/0013_decisions.sql). They
 * answer (status, body, version): status 403 = a refusal committed with its
 * audit event, body = why. Actor parameters, in this order: actor_id, actor,
 * role, prefixes, programs, request_id.
 */
#ifndef PEIYU_REGISTRY_DECISIONS_SQL_H
#define PEIYU_REGISTRY_DECISIONS_SQL_H

#define DECISIONS_STATEMENTS(XX)                                                                   \
    XX(APPLICATION_DECIDE, 12,                                                                     \
       "SELECT status, body, version FROM application_decide($1::bigint, $2, $3, $4::text[],"      \
       " $5::bigint[], $6, $7::bigint, $8::int, $9, $10, $11::bigint, $12)")                       \
    XX(APPLICATION_SECOND_DECIDE, 10,                                                              \
       "SELECT status, body, version FROM application_second_decide($1::bigint, $2, $3,"           \
       " $4::text[], $5::bigint[], $6, $7::bigint, $8::int, $9, $10)")                             \
    XX(APPLICATION_DISBURSE, 11,                                                                   \
       "SELECT status, body, version FROM application_disburse($1::bigint, $2, $3, $4::text[],"    \
       " $5::bigint[], $6, $7::bigint, $8::int, $9::date, $10, $11::bigint)")

#endif
