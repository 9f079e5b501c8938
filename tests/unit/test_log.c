/*
 * The JSON log-line writer: fields in order, strings escaped, a line that
 * overflows its buffer cut at a field boundary and still a JSON object.
 */
#include "../rules/t.h"
#include "core/log.h"

#include <string.h>

int
main(void)
{
    struct log_line l;
    size_t n;
    const char *s;

    T_ROW(1, "fields in order, escaped");
    log_begin(&l, "warn", "database");
    log_str(&l, "detail", "a \"quoted\" \\ line\nwith\ttabs");
    log_int(&l, "worker", -3);
    log_num(&l, "duration_ms", 1.23456, 3);
    s = log_end(&l, &n);
    CHECK(n == strlen(s));
    CHECK(strncmp(s, "{\"ts\":\"", 7) == 0);
    CHECK(strstr(s,
                 "Z\",\"level\":\"warn\",\"msg\":\"database\",\"detail\":\"a \\\"quoted\\\" \\\\ "
                 "line\\u000awith\\u0009tabs\",\"worker\":-3,\"duration_ms\":1.235}\n") != NULL);

    T_ROW(2, "an oversized field is dropped, the line stays an object");
    char big[4000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    log_begin(&l, "info", "access");
    log_str(&l, "path", big);
    log_int(&l, "status", 200);
    s = log_end(&l, &n);
    CHECK(n < sizeof l.buf + 1);
    CHECK(strstr(s, "xxxx") == NULL);
    CHECK(strstr(s, ",\"status\":200}\n") != NULL);

    T_ROW(3, "NULL string is empty");
    log_begin(&l, "info", "m");
    log_str(&l, "k", NULL);
    s = log_end(&l, &n);
    CHECK(strstr(s, ",\"k\":\"\"}\n") != NULL);
    T_DONE();
}
