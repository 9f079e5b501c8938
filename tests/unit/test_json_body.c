/*
 * Request-body parsing: numbered inputs and the error each must give.
 */
#include "../rules/t.h"
#include "core/errors.h"
#include "http/json_body.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    int no;
    const char *body;
    int rc;
    const char *detail_has;
} cases[] = {
    {1, "{}", 0, NULL},
    {2, "{\"a\":1,\"b\":[1,2,{\"c\":null}]}", 0, NULL},
    {3, "{\"a\":1,\"a\":2}", -HTTP_E_DUPLICATE_KEY, "duplicate"},
    {4, "{\"x\":{\"a\":1,\"a\":1}}", -HTTP_E_DUPLICATE_KEY, "duplicate"},
    {5, "{\"a\":", -HTTP_E_MALFORMED_JSON, "line 1"},
    {6, "", -HTTP_E_MALFORMED_JSON, NULL},
    {7, "[1,2]", -HTTP_E_MALFORMED_JSON, "object"},
    {8, "\"text\"", -HTTP_E_MALFORMED_JSON, NULL},
    {9, "{} {}", -HTTP_E_MALFORMED_JSON, NULL},
    {10, "{\"a\":\"\\u0000\"}", -HTTP_E_MALFORMED_JSON, NULL},
    {11, "{\"a\":[[[[[[1]]]]]]}", -HTTP_E_JSON_TOO_DEEP, "nesting"},
    {12, "{\"a\":[[[[1]]]]}", 0, NULL},
    {13, "{\"a\":\"\xff\"}", -HTTP_E_MALFORMED_JSON, NULL},
    {14, "{\"n\":99999999999999999999999}", -HTTP_E_MALFORMED_JSON, NULL},
};

int
main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        T_ROW(cases[i].no, cases[i].body);
        json_t *out = (json_t *)1;
        char detail[256] = "";
        int rc =
            json_body_parse(cases[i].body, strlen(cases[i].body), 6, &out, detail, sizeof detail);
        CHECK_INT(rc, cases[i].rc);
        if (rc == 0)
            CHECK(json_is_object(out));
        else
            CHECK(out == NULL);
        if (cases[i].detail_has)
            CHECK(strstr(detail, cases[i].detail_has) != NULL);
        json_decref(out);
    }
    T_ROW(50, "depth");
    json_t *v = json_loads("{\"a\":[1,{\"b\":{}}]}", 0, NULL);
    CHECK_INT(json_depth(v), 4);
    json_decref(v);
    v = json_integer(1);
    CHECK_INT(json_depth(v), 0);
    json_decref(v);
    return t_failures ? 1 : 0;
}
