/*
 * router: the route table as data, and matching a method and path to it.
 *
 * Pure: no libevent, no allocation. A route pattern is a path whose
 * segments are literals or `{name}` placeholders that match one non-empty
 * segment. Matching reports 404 when no pattern fits the path, and 405 with
 * the set of allowed methods when a pattern fits but not for this method.
 */
#ifndef PEIYU_HTTP_ROUTER_H
#define PEIYU_HTTP_ROUTER_H

#include <stddef.h>

struct http_ctx;
typedef void (*http_handler)(struct http_ctx *ctx);

enum http_method {
    HTTP_GET = 1u << 0,
    HTTP_HEAD = 1u << 1,
    HTTP_POST = 1u << 2,
    HTTP_PUT = 1u << 3,
    HTTP_PATCH = 1u << 4,
    HTTP_DELETE = 1u << 5,
    HTTP_OPTIONS = 1u << 6,
};

/* Roles a caller may hold; a route lists the ones it admits. */
enum http_role {
    ROLE_ANON = 1u << 0, /* no credentials: public routes */
    ROLE_FIRM = 1u << 1,
    ROLE_OFFICER = 1u << 2,
    ROLE_APPROVER = 1u << 3,
    ROLE_AUDITOR = 1u << 4,
    ROLE_ADMIN = 1u << 5,
};
#define ROLES_SIGNED_IN (ROLE_FIRM | ROLE_OFFICER | ROLE_APPROVER | ROLE_AUDITOR | ROLE_ADMIN)
#define ROLES_ANYONE    (ROLE_ANON | ROLES_SIGNED_IN)

enum route_flags {
    ROUTE_JSON_BODY = 1u << 0, /* body must be a JSON object; parsed before the handler */
    ROUTE_NO_LOG = 1u << 1,    /* keep out of the access log (e.g. /metrics scrapes) */
};

struct route {
    unsigned method;     /* one enum http_method bit */
    const char *pattern; /* "/v1/regions/{code}" */
    http_handler handler;
    unsigned roles; /* enum http_role bits admitted */
    unsigned flags; /* enum route_flags */
};

#define ROUTE_MAX_PARAMS    4
#define ROUTE_MAX_PARAM_LEN 256

struct route_match {
    const struct route *route;
    size_t route_index;
    unsigned allow; /* methods allowed for the path, filled on 405 */
    size_t nparams;
    struct {
        const char *name; /* points into route->pattern, not NUL-terminated */
        size_t name_len;
        char value[ROUTE_MAX_PARAM_LEN]; /* percent-decoded, NUL-terminated */
    } params[ROUTE_MAX_PARAMS];
};

/*
 * Match `path` (no query string) against `routes[0..n)`.
 * Returns 0 and fills `m` on a match; -HTTP_E_NOT_FOUND; -HTTP_E_METHOD_NOT_ALLOWED
 * with m->allow set; or -HTTP_E_INVALID_PARAMETER for a bad percent-escape or an
 * over-long segment. HEAD is served by GET routes.
 */
int router_match(const struct route *routes, size_t n, unsigned method, const char *path,
                 struct route_match *m);

/* The value of placeholder `name`, or NULL. */
const char *route_param(const struct route_match *m, const char *name);

/* "GET, HEAD, POST" for an allow mask; writes at most `cap` bytes. */
void router_allow_header(unsigned allow, char *buf, size_t cap);

/* "GET" etc. for one method bit. */
const char *http_method_name(unsigned method);

#endif
