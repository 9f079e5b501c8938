/*
 * The error table: every row has a status, a unique slug and type, a title;
 * out-of-range codes map to INTERNAL; sign does not matter.
 */
#include "../rules/t.h"
#include "core/errors.h"

#include <string.h>

int
main(void)
{
    for (int e = 1; e < HTTP_E__COUNT; e++) {
        T_ROW(e, http_err_name(e));
        int st = http_err_status(e);
        CHECK(st >= 400 && st <= 599);
        CHECK_INT(http_err_status(-e), st);
        CHECK(strncmp(http_err_type(e), "urn:peiyu:problem:", 18) == 0);
        CHECK_STR(http_err_type(e) + 18, http_err_slug(e));
        CHECK(strlen(http_err_title(e)) > 0);
        for (const char *s = http_err_slug(e); *s; s++)
            CHECK((*s >= 'a' && *s <= 'z') || *s == '-');
        for (int f = e + 1; f < HTTP_E__COUNT; f++)
            CHECK(strcmp(http_err_slug(e), http_err_slug(f)) != 0);
    }
    T_ROW(100, "specific rows");
    CHECK_INT(http_err_status(-HTTP_E_NOT_FOUND), 404);
    CHECK_INT(http_err_status(HTTP_E_METHOD_NOT_ALLOWED), 405);
    CHECK_INT(http_err_status(HTTP_E_PAYLOAD_TOO_LARGE), 413);
    CHECK_INT(http_err_status(HTTP_E_DB_UNAVAILABLE), 503);
    CHECK_STR(http_err_type(HTTP_E_DUPLICATE_KEY), "urn:peiyu:problem:duplicate-key");
    T_ROW(101, "out of range");
    CHECK_INT(http_err_status(HTTP_E__COUNT + 5), 500);
    CHECK_INT(http_err_status(0), 500);
    CHECK_STR(http_err_name(-9999), "INTERNAL");
    return t_failures ? 1 : 0;
}
