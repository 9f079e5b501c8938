/*
 * errors: the one list of errors peiyu reports to clients.
 *
 * Each row generates the enum value, the HTTP status, the stable
 * problem+json `type` (urn:peiyu:problem:<slug>) and the title. Add a row
 * here to add an error; never spell a status or a type anywhere else.
 * Functions across the project return 0 or a negative HTTP_E_* value; the
 * precise cause (field name, SQLSTATE) travels in the request context.
 * It lives in lib/core because every layer returns these codes (lib/db's
 * pool as much as lib/http), and lower layers must not include upper ones.
 */
#ifndef PEIYU_CORE_ERRORS_H
#define PEIYU_CORE_ERRORS_H

/* XX(NAME, status, slug, title) */
#define HTTP_ERRORS(XX)                                                                            \
    XX(BAD_REQUEST, 400, "bad-request", "The request is malformed")                                \
    XX(MALFORMED_JSON, 400, "malformed-json", "The body is not valid JSON")                        \
    XX(DUPLICATE_KEY, 400, "duplicate-key", "A JSON object repeats a key")                         \
    XX(JSON_TOO_DEEP, 400, "json-too-deep", "The JSON nesting is too deep")                        \
    XX(INVALID_FIELD, 400, "invalid-field", "A field has an invalid value")                        \
    XX(MISSING_FIELD, 400, "missing-field", "A required field is missing")                         \
    XX(UNKNOWN_FIELD, 400, "unknown-field", "The body has a field this endpoint does not accept")  \
    XX(INVALID_PARAMETER, 400, "invalid-parameter", "A path or query parameter is invalid")        \
    XX(UNAUTHENTICATED, 401, "unauthenticated", "Authentication is required")                      \
    XX(FORBIDDEN, 403, "forbidden", "The caller's role may not do this")                           \
    XX(NOT_FOUND, 404, "not-found", "No such resource")                                            \
    XX(METHOD_NOT_ALLOWED, 405, "method-not-allowed",                                              \
       "The method is not allowed on this resource")                                               \
    XX(CONFLICT, 409, "conflict", "The request conflicts with the current state")                  \
    XX(PRECONDITION_FAILED, 412, "precondition-failed", "The resource changed since it was read")  \
    XX(PAYLOAD_TOO_LARGE, 413, "payload-too-large", "The request body is too large")               \
    XX(UNSUPPORTED_MEDIA_TYPE, 415, "unsupported-media-type", "The body must be application/json") \
    XX(UNPROCESSABLE, 422, "unprocessable", "The request cannot be processed as sent")             \
    XX(PRECONDITION_REQUIRED, 428, "precondition-required", "This request needs If-Match")         \
    XX(TOO_MANY_REQUESTS, 429, "too-many-requests", "Too many attempts; wait before retrying")     \
    XX(INTERNAL, 500, "internal", "An internal error occurred")                                    \
    XX(DB_UNAVAILABLE, 503, "database-unavailable", "The database is unavailable")                 \
    XX(OVERLOADED, 503, "overloaded", "The service is at capacity; retry later")                   \
    XX(DB_CONFLICT, 503, "database-conflict", "Concurrent changes conflicted; retry the request")  \
    XX(NOT_READY, 503, "not-ready", "The service is not ready")                                    \
    XX(DB_TIMEOUT, 504, "database-timeout", "The database did not answer in time")                 \
    XX(HTTP_VERSION_NOT_SUPPORTED, 505, "http-version-not-supported",                              \
       "The HTTP version is not supported")

enum http_err {
    HTTP_OK = 0,
#define XX(name, status, slug, title) HTTP_E_##name,
    HTTP_ERRORS(XX)
#undef XX
        HTTP_E__COUNT
};

/*
 * Errors are returned negated (-HTTP_E_NOT_FOUND); these accessors take
 * either sign. An out-of-range code maps to INTERNAL.
 */
int http_err_status(int err);
const char *http_err_slug(int err);
const char *http_err_title(int err);
/* The full `type` URI, e.g. "urn:peiyu:problem:not-found". Static storage. */
const char *http_err_type(int err);
/* The enum name ("NOT_FOUND"), for logs and tests. */
const char *http_err_name(int err);

#endif
