/* SPDX-License-Identifier: MIT */
#ifndef _SIGNAL_H
#define _SIGNAL_H
#include <sys/types.h>
#include <uapi/linux/signal.h>
int kill(pid_t pid, int sig);
#endif
