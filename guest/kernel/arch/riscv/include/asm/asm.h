/* SPDX-License-Identifier: MIT */
/* Helpers for the assembly files (arch/riscv/include/asm/asm.h). */
#ifndef _ASM_RISCV_ASM_H
#define _ASM_RISCV_ASM_H

#define REG_L		ld
#define REG_S		sd
#define REG_SC		sc.d
#define SZREG		8
#define LGREG		3
#define RISCV_LGPTR	3

#define ENTRY(name)	.globl name; .type name, @function; .align 2; name:
#define ENDPROC(name)	.size name, . - name
#define END(name)	.size name, . - name

#endif
