/*
 * peiyuctl sub-commands. Each takes the arguments after its own name
 * (argv[0] is the sub-command) and returns the process exit status:
 * 0 success, 1 failure of the operation, 2 unusable input or usage.
 */
#ifndef PEIYU_CTL_H
#define PEIYU_CTL_H

int ctl_migrate(int argc, char **argv);
int ctl_demo(int argc, char **argv);
int ctl_eval(int argc, char **argv);
int ctl_user(int argc, char **argv);
int ctl_token(int argc, char **argv);
int ctl_audit(int argc, char **argv);

#endif
