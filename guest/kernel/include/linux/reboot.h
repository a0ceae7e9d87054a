/* SPDX-License-Identifier: MIT */
#ifndef _LINUX_REBOOT_H
#define _LINUX_REBOOT_H
#include <linux/compiler.h>
void __noreturn machine_power_off(void);
void __noreturn machine_restart(void);
void __noreturn machine_halt_failure(void);
#endif
