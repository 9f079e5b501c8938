/*
 * router: segment-by-segment matching of paths against the route table.
 * Pure (see router.h). Routes are few (tens), so a linear scan is simplest
 * and fast enough; the benchmark shows matching is not a visible cost.
 */
#include "http/router.h"
#include "core/errors.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

static int
hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Percent-decode seg[0..len) into out (cap bytes incl. NUL). */
static int
decode_segment(const char *seg, size_t len, char *out, size_t cap)
{
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        char c = seg[i];
        if (c == '%') {
            if (i + 2 >= len)
                return -HTTP_E_INVALID_PARAMETER;
            int hi = hexval(seg[i + 1]), lo = hexval(seg[i + 2]);
            if (hi < 0 || lo < 0)
                return -HTTP_E_INVALID_PARAMETER;
            c = (char)(hi * 16 + lo);
            if (c == '\0')
                return -HTTP_E_INVALID_PARAMETER;
            i += 2;
        }
        if (o + 1 >= cap)
            return -HTTP_E_INVALID_PARAMETER;
        out[o++] = c;
    }
    out[o] = '\0';
    return 0;
}

/* Does `pattern` fit `path`? Fills params when `m` is non-NULL. */
static int
match_pattern(const char *pattern, const char *path, struct route_match *m, bool *fits)
{
    const char *p = pattern, *s = path;
    size_t np = 0;
    *fits = false;
    while (*p && *s) {
        if (*p != '/' || *s != '/')
            return 0;
        p++, s++;
        const char *pe = strchr(p, '/'), *se = strchr(s, '/');
        size_t pl = pe ? (size_t)(pe - p) : strlen(p);
        size_t sl = se ? (size_t)(se - s) : strlen(s);
        if (pl >= 2 && p[0] == '{' && p[pl - 1] == '}') {
            if (sl == 0)
                return 0;
            if (m) {
                if (np >= ROUTE_MAX_PARAMS)
                    return -HTTP_E_INTERNAL;
                m->params[np].name = p + 1;
                m->params[np].name_len = pl - 2;
                int rc = decode_segment(s, sl, m->params[np].value, ROUTE_MAX_PARAM_LEN);
                if (rc < 0)
                    return rc;
            }
            np++;
        } else if (pl != sl || memcmp(p, s, pl) != 0) {
            return 0;
        }
        p += pl, s += sl;
    }
    if (*p || *s)
        return 0;
    if (m)
        m->nparams = np;
    *fits = true;
    return 0;
}

int
router_match(const struct route *routes, size_t n, unsigned method, const char *path,
             struct route_match *m)
{
    memset(m, 0, sizeof *m);
    if (!path || path[0] != '/')
        return -HTTP_E_NOT_FOUND;
    unsigned want = method == HTTP_HEAD ? (HTTP_GET | HTTP_HEAD) : method;
    unsigned allow = 0;
    for (size_t i = 0; i < n; i++) {
        bool fits;
        if (routes[i].method & want) {
            int rc = match_pattern(routes[i].pattern, path, m, &fits);
            if (rc < 0)
                return rc;
            if (fits) {
                m->route = &routes[i];
                m->route_index = i;
                return 0;
            }
        } else {
            (void)match_pattern(routes[i].pattern, path, NULL, &fits);
            if (fits)
                allow |= routes[i].method;
        }
    }
    if (!allow)
        return -HTTP_E_NOT_FOUND;
    if (allow & HTTP_GET)
        allow |= HTTP_HEAD;
    m->allow = allow;
    return -HTTP_E_METHOD_NOT_ALLOWED;
}

const char *
route_param(const struct route_match *m, const char *name)
{
    size_t len = strlen(name);
    for (size_t i = 0; i < m->nparams; i++)
        if (m->params[i].name_len == len && memcmp(m->params[i].name, name, len) == 0)
            return m->params[i].value;
    return NULL;
}

static const struct {
    unsigned bit;
    const char *name;
} method_names[] = {
    {HTTP_GET, "GET"},     {HTTP_HEAD, "HEAD"},     {HTTP_POST, "POST"},       {HTTP_PUT, "PUT"},
    {HTTP_PATCH, "PATCH"}, {HTTP_DELETE, "DELETE"}, {HTTP_OPTIONS, "OPTIONS"},
};

const char *
http_method_name(unsigned method)
{
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++)
        if (method_names[i].bit == method)
            return method_names[i].name;
    return "OTHER";
}

void
router_allow_header(unsigned allow, char *buf, size_t cap)
{
    size_t o = 0;
    if (cap == 0)
        return;
    buf[0] = '\0';
    for (size_t i = 0; i < sizeof method_names / sizeof method_names[0]; i++) {
        if (!(allow & method_names[i].bit))
            continue;
        size_t l = strlen(method_names[i].name) + (o ? 2 : 0);
        if (o + l + 1 > cap)
            break;
        o += (size_t)snprintf(buf + o, cap - o, o ? ", %s" : "%s", method_names[i].name);
    }
}
