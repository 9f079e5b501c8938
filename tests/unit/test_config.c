/*
 * peiyud configuration: defaults, environment, flags (flags win) and the
 * message for each kind of bad value.
 */
#include "../rules/t.h"
#include "../../cmd/peiyud/config.h"

#include <stdlib.h>
#include <string.h>

static const struct {
    int no;
    const char *env_name, *env_value;
    const char *argv[4];
    enum config_result want;
    const char *err_has;
} cases[] = {
    {1, NULL, NULL, {NULL}, CONFIG_OK, NULL},
    {2, NULL, NULL, {"--threads", "3", NULL}, CONFIG_OK, NULL},
    {3, NULL, NULL, {"--threads", "0", NULL}, CONFIG_ERROR, "--threads=0"},
    {4, NULL, NULL, {"--threads=x", NULL}, CONFIG_ERROR, "whole number"},
    {5, "PEIYU_THREADS", "9999", {NULL}, CONFIG_ERROR, "PEIYU_THREADS=9999"},
    {6, "PEIYU_LISTEN", "nonsense", {NULL}, CONFIG_ERROR, "PEIYU_LISTEN=nonsense"},
    {7, NULL, NULL, {"--listen", "[::1]:9000", NULL}, CONFIG_OK, NULL},
    {8, NULL, NULL, {"--listen", "127.0.0.1:70000", NULL}, CONFIG_ERROR, "address:port"},
    {9, NULL, NULL, {"--bogus", NULL}, CONFIG_ERROR, "unknown flag --bogus"},
    {10, NULL, NULL, {"--threads", NULL}, CONFIG_ERROR, "needs a value"},
    {11, "PEIYU_ACCESS_LOG", "maybe", {NULL}, CONFIG_ERROR, "on or off"},
    {12, NULL, NULL, {"--help", NULL}, CONFIG_HELP, NULL},
    {13,
     NULL,
     NULL,
     {"--read-timeout", "2", "--idle-timeout", "5"},
     CONFIG_ERROR,
     "must not be shorter"},
    {14, "PEIYU_THREADS", "2", {"--threads", "5", NULL}, CONFIG_OK, NULL},
};

int
main(void)
{
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        T_ROW(cases[i].no, cases[i].argv[0] ? cases[i].argv[0] : "(defaults)");
        setenv("PEIYU_DATABASE_URL", "postgresql:///x", 1);
        if (cases[i].env_name)
            setenv(cases[i].env_name, cases[i].env_value, 1);
        char *argv[6] = {"peiyud"};
        int argc = 1;
        for (int k = 0; k < 4 && cases[i].argv[k]; k++)
            argv[argc++] = (char *)cases[i].argv[k];
        struct peiyud_config c;
        char err[256] = "";
        enum config_result r = config_parse(&c, argc, argv, err, sizeof err);
        CHECK_INT(r, cases[i].want);
        if (cases[i].err_has && !strstr(err, cases[i].err_has)) {
            fprintf(stderr, "row %d: error \"%s\" lacks \"%s\"\n", cases[i].no, err,
                    cases[i].err_has);
            t_failures++;
        }
        if (cases[i].no == 2 || cases[i].no == 14)
            CHECK_INT(c.threads, cases[i].no == 2 ? 3 : 5);
        if (cases[i].no == 1) {
            CHECK_STR(c.host, "127.0.0.1");
            CHECK_INT(c.port, 8080);
            CHECK(c.access_log);
        }
        if (cases[i].no == 7) {
            CHECK_STR(c.host, "::1");
            CHECK_INT(c.port, 9000);
        }
        config_free(&c);
        if (cases[i].env_name)
            unsetenv(cases[i].env_name);
    }
    T_ROW(50, "database URL required");
    unsetenv("PEIYU_DATABASE_URL");
    char *argv[] = {"peiyud"};
    struct peiyud_config c;
    char err[256];
    CHECK_INT(config_parse(&c, 1, argv, err, sizeof err), CONFIG_ERROR);
    CHECK(strstr(err, "PEIYU_DATABASE_URL") != NULL);
    config_free(&c);
    return t_failures ? 1 : 0;
}
