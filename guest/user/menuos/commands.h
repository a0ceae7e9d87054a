/* SPDX-License-Identifier: MIT */
#ifndef COMMANDS_H
#define COMMANDS_H

/* cmd_fork.c */
int ForkProcess(int argc, char *argv[]);
int ForkPuzzle(int argc, char *argv[]);
int VforkDemo(int argc, char *argv[]);
int ForkLimit(int argc, char *argv[]);
int CowDemo(int argc, char *argv[]);
int Exec(int argc, char *argv[]);
/* cmd_thread.c */
int ThreadDemo(int argc, char *argv[]);
int CloneCheck(int argc, char *argv[]);
int PreemptDemo(int argc, char *argv[]);
/* cmd_sys.c */
int Quit(int argc, char *argv[]);
int Ps(int argc, char *argv[]);
int MemInfo(int argc, char *argv[]);
int CrashNull(int argc, char *argv[]);
int CrashIllegal(int argc, char *argv[]);
int CrashKernel(int argc, char *argv[]);
long free_pages(void);
/* cmd_bench.c */
int Bench(int argc, char *argv[]);

#endif
