/*
 * applications_sql: the statements of lib/registry/applications.c (see
 * statements.h). Reads are scoped by caller_sees_application in SQL; every
 * change is one SQL function that moves the application through the
 * transition table and audits on the firm's stream in the same transaction
 * (sql/migrations/0009_applications.sql; submit's input and write as
 * 0016_submit_registry_facts.sql redefines them). Actor parameters, in this order
 * where present: actor_id, actor, role, caller_firm, prefixes, request_id.
 */
#ifndef PEIYU_REGISTRY_APPLICATIONS_SQL_H
#define PEIYU_REGISTRY_APPLICATIONS_SQL_H

#define APPLICATIONS_STATEMENTS(XX)                                                                \
    XX(APPLICATION_CREATE, 7,                                                                      \
       "SELECT status, body, version FROM application_create($1::bigint, $2, $3, $4::bigint, $5,"  \
       " $6, $7::jsonb)")                                                                          \
    XX(APPLICATION_GET, 5,                                                                         \
       "SELECT application_json(a)::text, a.version FROM application a WHERE a.id = $1::bigint"    \
       " AND caller_sees_application($2, $3::bigint, $4::text[], $5::bigint[], a)")                \
    XX(APPLICATION_SUBMIT_INPUT, 5,                                                                \
       "SELECT may_move, state, version, module, fiscal_year, region, relevant_date, open_now,"    \
       " window_text, facts_version, facts_doc, firm, recognitions"                                \
       " FROM application_submit_input($1, $2::bigint, $3::text[], $4::bigint, $5)")               \
    XX(APPLICATION_SUBMIT, 15,                                                                     \
       "SELECT body, version FROM application_submit($1::bigint, $2, $3, $4::bigint, $5::text[],"  \
       " $6, $7::bigint, $8, $9::int, $10::int, $11, $12::date, $13, $14::jsonb, $15::jsonb)")     \
    XX(APPLICATION_WITHDRAW, 9,                                                                    \
       "SELECT body, version FROM application_withdraw($1::bigint, $2, $3, $4::bigint,"            \
       " $5::text[], $6, $7::bigint, $8::int, $9)")

#endif
