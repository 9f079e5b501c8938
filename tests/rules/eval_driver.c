/*
 * eval_driver: test-only entry point that runs ctl_eval, so the eval
 * sub-command is tested before cmd/peiyuctl/main.c links it. Not peiyuctl.
 */
#include "peiyuctl/ctl.h"

int
main(int argc, char **argv)
{
    return ctl_eval(argc - 1, argv + 1);
}
