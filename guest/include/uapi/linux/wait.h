/* SPDX-License-Identifier: MIT */
#ifndef _UAPI_LINUX_WAIT_H
#define _UAPI_LINUX_WAIT_H

#define WNOHANG		0x00000001
#define WUNTRACED	0x00000002
#define __WNOTHREAD	0x20000000
#define __WALL		0x40000000	/* wait for any child */
#define __WCLONE	0x80000000	/* wait only for non-SIGCHLD children */

#endif
