/* SPDX-License-Identifier: MIT */
/* Signal numbers (asm-generic/signal.h) and si_code values. */
#ifndef _UAPI_LINUX_SIGNAL_H
#define _UAPI_LINUX_SIGNAL_H

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGBUS		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGUSR1		10
#define SIGSEGV		11
#define SIGUSR2		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGCHLD		17
#define _NSIG		64

#define ILL_ILLOPC	1	/* illegal opcode */
#define SEGV_MAPERR	1	/* address not mapped */
#define SEGV_ACCERR	2	/* no permission for the mapped page */
#define BUS_ADRALN	1	/* misaligned address */
#define TRAP_BRKPT	1

#endif
