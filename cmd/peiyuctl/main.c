/*
 * peiyuctl: the administrator's command line. Each sub-command lives in its
 * own file and returns the exit status (0 ok, 1 failed, 2 unusable input).
 */
#include "ctl.h"

#include <stdio.h>
#include <string.h>

static const struct {
    const char *name;
    int (*run)(int argc, char **argv);
    const char *help;
} commands[] = {
    {"migrate", ctl_migrate, "apply sql/migrations in order (--status: list applied/pending)"},
    {"demo", ctl_demo, "load the demo data of sql/demo (idempotent)"},
    {"user", ctl_user, "user add|list|disable: accounts, roles and scopes"},
    {"token", ctl_token, "token issue|revoke: bearer tokens (shown once, stored as SHA-256)"},
    {"eval", ctl_eval, "evaluate rule modules on a facts file (POLICY.md §7)"},
    {"audit", ctl_audit,
     "audit keygen|checkpoint|export|verify: signed checkpoints, tamper checks"},
};

static void
usage(FILE *out)
{
    fprintf(out, "usage: peiyuctl COMMAND [ARGS]\n\ncommands:\n");
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        fprintf(out, "  %-10s %s\n", commands[i].name, commands[i].help);
    fprintf(out, "\nDatabase commands connect with PEIYU_ADMIN_DATABASE_URL, else "
                 "PEIYU_DATABASE_URL.\n");
}

int
main(int argc, char **argv)
{
    if (argc < 2 || !strcmp(argv[1], "-h") || !strcmp(argv[1], "--help")) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(argv[1], commands[i].name))
            return commands[i].run(argc - 1, argv + 1);
    fprintf(stderr, "peiyuctl: unknown command %s\n", argv[1]);
    usage(stderr);
    return 2;
}
