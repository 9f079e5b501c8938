/*
 * sessions_sql: statements of lib/registry/sessions.c (0011_sessions.sql).
 */
#ifndef PEIYU_REGISTRY_SESSIONS_SQL_H
#define PEIYU_REGISTRY_SESSIONS_SQL_H

#define SESSIONS_STATEMENTS(XX)                                                                    \
    XX(SESSION_LOOKUP, 1,                                                                          \
       "SELECT id, coalesce(password_hash, ''),"                                                   \
       " session_wait_seconds(failed_logins, last_failed_at), disabled_at IS NOT NULL"             \
       " FROM app_user WHERE login = $1")                                                          \
    XX(SESSION_OPEN, 3, "SELECT session_open($1::bigint, $2, $3)")                                 \
    XX(SESSION_FAILED, 2, "SELECT session_failed($1::bigint, $2)")

#endif
