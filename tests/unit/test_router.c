/*
 * Router: numbered cases of method and path against a small table.
 */
#include "../rules/t.h"
#include "core/errors.h"
#include "http/router.h"

#include <stddef.h>

static void
h_a(struct http_ctx *c)
{
    (void)c;
}

static const struct route table[] = {
    {HTTP_GET, "/healthz", h_a, ROLES_ANYONE, 0},
    {HTTP_GET, "/v1/regions", h_a, ROLES_ANYONE, 0},
    {HTTP_GET, "/v1/regions/{code}", h_a, ROLES_ANYONE, 0},
    {HTTP_PATCH, "/v1/firms/{id}", h_a, ROLE_FIRM, 0},
    {HTTP_GET, "/v1/firms/{id}", h_a, ROLE_FIRM, 0},
    {HTTP_PUT, "/v1/firms/{id}/facts/{year}", h_a, ROLE_FIRM, 0},
    {HTTP_POST, "/v1/evaluate", h_a, ROLES_ANYONE, ROUTE_JSON_BODY},
};

static const struct {
    int no;
    unsigned method;
    const char *path;
    int rc;
    int route; /* expected index when rc == 0 */
    const char *pname, *pval;
    const char *allow; /* expected Allow on 405 */
} cases[] = {
    {1, HTTP_GET, "/healthz", 0, 0, NULL, NULL, NULL},
    {2, HTTP_HEAD, "/healthz", 0, 0, NULL, NULL, NULL},
    {3, HTTP_GET, "/v1/regions", 0, 1, NULL, NULL, NULL},
    {4, HTTP_GET, "/v1/regions/410400", 0, 2, "code", "410400", NULL},
    {5, HTTP_GET, "/v1/regions/", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
    {6, HTTP_GET, "/v1/regions/410400/x", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
    {7, HTTP_DELETE, "/v1/regions/410400", -HTTP_E_METHOD_NOT_ALLOWED, 0, NULL, NULL, "GET, HEAD"},
    {8, HTTP_POST, "/healthz", -HTTP_E_METHOD_NOT_ALLOWED, 0, NULL, NULL, "GET, HEAD"},
    {9, HTTP_GET, "/v1/firms/17", 0, 4, "id", "17", NULL},
    {10, HTTP_PATCH, "/v1/firms/17", 0, 3, "id", "17", NULL},
    {11, HTTP_POST, "/v1/firms/17", -HTTP_E_METHOD_NOT_ALLOWED, 0, NULL, NULL, "GET, HEAD, PATCH"},
    {12, HTTP_PUT, "/v1/firms/9/facts/2025", 0, 5, "year", "2025", NULL},
    {13, HTTP_GET, "/v1/regions/41%30400", 0, 2, "code", "410400", NULL},
    {14, HTTP_GET, "/v1/regions/%zz", -HTTP_E_INVALID_PARAMETER, 0, NULL, NULL, NULL},
    {15, HTTP_GET, "/v1/regions/%4", -HTTP_E_INVALID_PARAMETER, 0, NULL, NULL, NULL},
    {16, HTTP_GET, "/v1/regions/a%00b", -HTTP_E_INVALID_PARAMETER, 0, NULL, NULL, NULL},
    {17, HTTP_GET, "", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
    {18, HTTP_GET, "healthz", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
    {19, HTTP_GET, "/healthz/", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
    {20, HTTP_GET, "//healthz", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
    {21, HTTP_POST, "/v1/evaluate", 0, 6, NULL, NULL, NULL},
    {22, HTTP_GET, "/v1/evaluate", -HTTP_E_METHOD_NOT_ALLOWED, 0, NULL, NULL, "POST"},
    {23, HTTP_GET, "/nope", -HTTP_E_NOT_FOUND, 0, NULL, NULL, NULL},
};

int
main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        T_ROW(cases[i].no, cases[i].path);
        struct route_match m;
        int rc =
            router_match(table, sizeof table / sizeof table[0], cases[i].method, cases[i].path, &m);
        CHECK_INT(rc, cases[i].rc);
        if (rc == 0) {
            CHECK_INT(m.route_index, cases[i].route);
            if (cases[i].pname)
                CHECK_STR(route_param(&m, cases[i].pname), cases[i].pval);
            CHECK(route_param(&m, "nonexistent") == NULL);
        }
        if (cases[i].allow) {
            char allow[64];
            router_allow_header(m.allow, allow, sizeof allow);
            CHECK_STR(allow, cases[i].allow);
        }
    }
    /* A segment longer than ROUTE_MAX_PARAM_LEN is refused, not truncated. */
    char longpath[ROUTE_MAX_PARAM_LEN + 32] = "/v1/regions/";
    memset(longpath + 12, '1', ROUTE_MAX_PARAM_LEN + 5);
    longpath[12 + ROUTE_MAX_PARAM_LEN + 5] = '\0';
    struct route_match m;
    T_ROW(100, "over-long segment");
    CHECK_INT(router_match(table, 7, HTTP_GET, longpath, &m), -HTTP_E_INVALID_PARAMETER);
    T_ROW(101, "method names");
    CHECK_STR(http_method_name(HTTP_PATCH), "PATCH");
    return t_failures ? 1 : 0;
}
