/*
 * common.h -- shared runtime for the rvlab bare-metal test programs.
 *
 * Included (through the C preprocessor) at the top of every test/asm/*.S.
 * It provides:
 *   - _start (M-mode entry): sets sp, mscratch/sscratch (trap stacks), mtvec,
 *     clears .bss, opens PMP entry 0 to all of memory (tolerating a trap if the
 *     hart has no PMP), clears the trap record and jumps to `main` with a0/a1
 *     (hartid, DTB) preserved.  `main` must end with PASS or FAIL(n); if it
 *     returns, the test fails with code 254.
 *   - UART output macros (poll LSR.THRE before every byte): PUTS("str"),
 *     PUTC('c'), PRINT_HEX(reg)  (16 hex digits + '\n').
 *   - PASS: prints "PASS\n", writes 0x5555 to the SiFive test finisher.
 *     FAIL(n): prints "FAIL <n>\n", exits with (n<<16)|0x3333.
 *   - CHECK(reg, imm64, n): prints "<n>: <16 hex digits of reg>\n" and fails
 *     with FAIL(n) (after printing the expected value) if reg != imm64.
 *     CHECK_ADDR(reg, label, n) compares with the address of a label,
 *     CHECK_MEM(symbol, imm64, n) compares the doubleword stored at symbol.
 *   - A default M-mode trap handler (_trap_m) and S-mode trap handler (_trap_s)
 *     that record cause/epc/tval/status in trap_* (s_trap_*) and
 *       * for an exception: if trap_resume (s_trap_resume) is non-zero, return
 *         to that address in M-mode (S-mode) and clear it; otherwise skip the
 *         faulting instruction (2 or 4 bytes, read at epc) and return to the
 *         trapping mode;
 *       * for an interrupt: clear the corresponding mie (sie) bit and return
 *         (so every interrupt is taken exactly once unless re-enabled).
 *     The causes of the first 8 traps since CLEAR_TRAP are kept in
 *     trap_log[] (s_trap_log[]), e.g. to check interrupt priorities.
 *     EXPECT_TRAP(cause, tval, n) checks that exactly one trap was recorded
 *     since the last CLEAR_TRAP, with that cause and tval, then clears it.
 *     EXPECT_NO_TRAP(n) checks that none was.  The S-mode variants are
 *     EXPECT_STRAP / EXPECT_NO_STRAP / CLEAR_STRAP.
 *   - Privilege switching: ENTER_MODE(PRV_S) (PRV_U, PRV_M) continues at the
 *     next instruction in that mode (clobbers t0); BACK_TO_M (from S or U;
 *     "ecall" with a7 = MAGIC_TO_M) continues at the next instruction in
 *     M-mode, without touching the trap record (preserves registers; a7 is
 *     saved on the stack).  A plain ecall must not have a7 = MAGIC_*.  BACK_TO_S does
 *     the same from U to S when ecall-from-U is delegated (medeleg bit 8).
 *
 * All print/check macros preserve every register (they use the stack, so sp
 * must be valid and the register argument must not be sp).  Test numbers
 * should be 1..255 when possible (the exit code is n, or 255 if n > 255).
 * Numeric labels 9900-9999 are reserved for these macros.
 */
#ifndef RVLAB_COMMON_H
#define RVLAB_COMMON_H

/* ---- board ---- */
#define DRAM_BASE       0x80000000
#define UART_BASE       0x10000000
#define UART_THR        0
#define UART_RBR        0
#define UART_DLL        0
#define UART_IER        1
#define UART_DLM        1
#define UART_IIR        2
#define UART_FCR        2
#define UART_LCR        3
#define UART_MCR        4
#define UART_LSR        5
#define UART_MSR        6
#define UART_SCR        7
#define UART_LSR_THRE   0x20
#define FINISHER_BASE   0x100000
#define FINISHER_PASS   0x5555
#define FINISHER_FAIL   0x3333
#define CLINT_BASE      0x2000000
#define CLINT_MSIP      (CLINT_BASE + 0x0)
#define CLINT_MTIMECMP  (CLINT_BASE + 0x4000)
#define CLINT_MTIME     (CLINT_BASE + 0xBFF8)
#define PLIC_BASE       0xc000000

/* ---- privilege levels ---- */
#define PRV_U 0
#define PRV_S 1
#define PRV_M 3

/* ---- mstatus ---- */
#define MSTATUS_SIE   0x2
#define MSTATUS_MIE   0x8
#define MSTATUS_SPIE  0x20
#define MSTATUS_UBE   0x40
#define MSTATUS_MPIE  0x80
#define MSTATUS_SPP   0x100
#define MSTATUS_MPP   0x1800
#define MSTATUS_FS    0x6000
#define MSTATUS_XS    0x18000
#define MSTATUS_MPRV  0x20000
#define MSTATUS_SUM   0x40000
#define MSTATUS_MXR   0x80000
#define MSTATUS_TVM   0x100000
#define MSTATUS_TW    0x200000
#define MSTATUS_TSR   0x400000
#define MSTATUS_UXL   0x300000000
#define MSTATUS_SXL   0xC00000000
#define MSTATUS_SD    0x8000000000000000

/* ---- interrupts (bit numbers = cause codes) ---- */
#define IRQ_S_SOFT   1
#define IRQ_M_SOFT   3
#define IRQ_S_TIMER  5
#define IRQ_M_TIMER  7
#define IRQ_S_EXT    9
#define IRQ_M_EXT    11
#define MIP_SSIP (1 << IRQ_S_SOFT)
#define MIP_MSIP (1 << IRQ_M_SOFT)
#define MIP_STIP (1 << IRQ_S_TIMER)
#define MIP_MTIP (1 << IRQ_M_TIMER)
#define MIP_SEIP (1 << IRQ_S_EXT)
#define MIP_MEIP (1 << IRQ_M_EXT)
#define CAUSE_INTR   0x8000000000000000

/* ---- exception causes ---- */
#define CAUSE_MISALIGNED_FETCH  0
#define CAUSE_FETCH_ACCESS      1
#define CAUSE_ILLEGAL_INSN      2
#define CAUSE_BREAKPOINT        3
#define CAUSE_MISALIGNED_LOAD   4
#define CAUSE_LOAD_ACCESS       5
#define CAUSE_MISALIGNED_STORE  6
#define CAUSE_STORE_ACCESS      7
#define CAUSE_ECALL_U           8
#define CAUSE_ECALL_S           9
#define CAUSE_ECALL_M           11
#define CAUSE_FETCH_PAGE_FAULT  12
#define CAUSE_LOAD_PAGE_FAULT   13
#define CAUSE_STORE_PAGE_FAULT  15

/* ---- satp / Sv39 PTE ---- */
#define SATP_MODE_SV39  (8 << 60)
#define SATP_MODE_SV48  (9 << 60)
#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_G 0x20
#define PTE_A 0x40
#define PTE_D 0x80

/* ---- misc ---- */
#define MENVCFG_STCE  0x8000000000000000
#define MAGIC_TO_M    0x7e57000d
#define MAGIC_TO_S    0x7e57000e

/* ===================================================================== */
/* Output macros (preserve all registers; need a valid sp)                */
/* ===================================================================== */

#define PUTS(s_)                                                         \
    .pushsection .rodata.str, "a", @progbits;                       \
9990: .asciz s_;                                                        \
    .popsection;                                                         \
    addi sp, sp, -16; sd a0, 0(sp); sd ra, 8(sp);                        \
    la a0, 9990b; call _puts;                                            \
    ld ra, 8(sp); ld a0, 0(sp); addi sp, sp, 16

#define PUTC(ch)                                                         \
    addi sp, sp, -16; sd a0, 0(sp); sd ra, 8(sp);                        \
    li a0, ch; call _putc;                                               \
    ld ra, 8(sp); ld a0, 0(sp); addi sp, sp, 16

/* Print a register as 16 hex digits followed by '\n'. */
#define PRINT_HEX(reg)                                                   \
    addi sp, sp, -16; sd a0, 0(sp); sd ra, 8(sp);                        \
    mv a0, reg; call _puthex_nl;                                         \
    ld ra, 8(sp); ld a0, 0(sp); addi sp, sp, 16

/* ===================================================================== */
/* PASS / FAIL                                                           */
/* ===================================================================== */

#define PASS  j _pass

#define FAIL(n)                                                          \
    li a0, n; j _fail

/* ===================================================================== */
/* Checks (preserve all registers)                                        */
/* ===================================================================== */

#define CHECK(reg, imm, n)                                               \
    addi sp, sp, -32; sd a0, 0(sp); sd a1, 8(sp); sd a2, 16(sp);         \
    sd ra, 24(sp);                                                       \
    mv a0, reg; li a1, imm; li a2, n; call _check;                       \
    ld ra, 24(sp); ld a2, 16(sp); ld a1, 8(sp); ld a0, 0(sp);            \
    addi sp, sp, 32

#define CHECK_ADDR(reg, label, n)                                        \
    addi sp, sp, -32; sd a0, 0(sp); sd a1, 8(sp); sd a2, 16(sp);         \
    sd ra, 24(sp);                                                       \
    mv a0, reg; la a1, label; li a2, n; call _check;                     \
    ld ra, 24(sp); ld a2, 16(sp); ld a1, 8(sp); ld a0, 0(sp);            \
    addi sp, sp, 32

/* Compare the doubleword stored at `sym` with imm. */
#define CHECK_MEM(sym, imm, n)                                           \
    addi sp, sp, -32; sd a0, 0(sp); sd a1, 8(sp); sd a2, 16(sp);         \
    sd ra, 24(sp);                                                       \
    la a0, sym; ld a0, 0(a0); li a1, imm; li a2, n; call _check;         \
    ld ra, 24(sp); ld a2, 16(sp); ld a1, 8(sp); ld a0, 0(sp);            \
    addi sp, sp, 32

/* Compare the doubleword stored at `sym` with the address of `label`. */
#define CHECK_MEM_ADDR(sym, label, n)                                    \
    addi sp, sp, -32; sd a0, 0(sp); sd a1, 8(sp); sd a2, 16(sp);         \
    sd ra, 24(sp);                                                       \
    la a0, sym; ld a0, 0(a0); la a1, label; li a2, n; call _check;       \
    ld ra, 24(sp); ld a2, 16(sp); ld a1, 8(sp); ld a0, 0(sp);            \
    addi sp, sp, 32

/* ===================================================================== */
/* Trap record helpers                                                    */
/* ===================================================================== */

#define CLEAR_TRAP                                                       \
    addi sp, sp, -16; sd ra, 0(sp); call _clear_trap;                    \
    ld ra, 0(sp); addi sp, sp, 16

#define CLEAR_STRAP                                                      \
    addi sp, sp, -16; sd ra, 0(sp); call _clear_strap;                   \
    ld ra, 0(sp); addi sp, sp, 16

/* Exactly one M-mode trap since CLEAR_TRAP, with this cause and tval. */
#define EXPECT_TRAP(cause, tval, n)                                      \
    CHECK_MEM(trap_count, 1, n);                                         \
    CHECK_MEM(trap_cause, cause, n);                                     \
    CHECK_MEM(trap_tval, tval, n);                                       \
    CLEAR_TRAP

/* Exactly one trap: illegal instruction at `label`, with mtval = the 32-bit
 * instruction word stored at `label`. */
#define EXPECT_ILLEGAL_AT(label, n)                                      \
    CHECK_MEM(trap_count, 1, n);                                         \
    CHECK_MEM(trap_cause, CAUSE_ILLEGAL_INSN, n);                        \
    CHECK_MEM_ADDR(trap_epc, label, n);                                  \
    addi sp, sp, -32; sd a0, 0(sp); sd a1, 8(sp); sd a2, 16(sp);         \
    sd ra, 24(sp);                                                       \
    la a0, trap_tval; ld a0, 0(a0); la a1, label; lwu a1, 0(a1);         \
    li a2, n; call _check;                                               \
    ld ra, 24(sp); ld a2, 16(sp); ld a1, 8(sp); ld a0, 0(sp);            \
    addi sp, sp, 32;                                                     \
    CLEAR_TRAP

/* Execute one 32-bit instruction that must raise illegal instruction
 * (mcause 2, mepc = it, mtval = its encoding); the handler skips it. */
#define TEST_ILLEGAL(n, insn...)                                         \
    CLEAR_TRAP;                                                          \
9008: insn;                                                              \
    EXPECT_ILLEGAL_AT(9008b, n)

/* Execute instructions that must not trap. */
#define TEST_NO_TRAP(n, insn...)                                         \
    CLEAR_TRAP;                                                          \
    insn;                                                                \
    EXPECT_NO_TRAP(n)

/* Same, only checking the cause (tval not printed nor compared). */
#define EXPECT_TRAP_CAUSE(cause, n)                                      \
    CHECK_MEM(trap_count, 1, n);                                         \
    CHECK_MEM(trap_cause, cause, n);                                     \
    CLEAR_TRAP

#define EXPECT_NO_TRAP(n)                                                \
    CHECK_MEM(trap_count, 0, n)

#define EXPECT_STRAP(cause, tval, n)                                     \
    CHECK_MEM(s_trap_count, 1, n);                                       \
    CHECK_MEM(s_trap_cause, cause, n);                                   \
    CHECK_MEM(s_trap_tval, tval, n);                                     \
    CLEAR_STRAP

#define EXPECT_NO_STRAP(n)                                               \
    CHECK_MEM(s_trap_count, 0, n)

/* Resume address for the next exception: the default handler returns there
 * in M-mode (SET_SRESUME: in S-mode, from _trap_s). Preserves registers. */
#define SET_RESUME(label)                                                \
    addi sp, sp, -16; sd t0, 0(sp); sd t1, 8(sp);                        \
    la t0, label; la t1, trap_resume; sd t0, 0(t1);                      \
    ld t1, 8(sp); ld t0, 0(sp); addi sp, sp, 16

#define SET_SRESUME(label)                                               \
    addi sp, sp, -16; sd t0, 0(sp); sd t1, 8(sp);                        \
    la t0, label; la t1, s_trap_resume; sd t0, 0(t1);                    \
    ld t1, 8(sp); ld t0, 0(sp); addi sp, sp, 16

/* ===================================================================== */
/* Privilege switching                                                    */
/* ===================================================================== */

/* From M-mode: continue at the next instruction in `mode`. Clobbers t0.
 * MPIE is cleared first, so mstatus.MIE = 0 afterwards (M-mode interrupts
 * enabled in mie are still taken in S/U, as always).  BACK_TO_M and a
 * trap_resume return to M-mode with MIE = 0 too. */
#define ENTER_MODE(mode)                                                 \
    li t0, MSTATUS_MPP | MSTATUS_MPIE; csrc mstatus, t0;                 \
    li t0, ((mode) << 11); csrs mstatus, t0;                             \
    la t0, 9980f; csrw mepc, t0;                                         \
    mret;                                                                \
9980:

/* From S-mode or U-mode: continue at the next instruction in M-mode.
 * Preserves all registers (a7 is saved on the stack, which must be at the
 * same address in both modes, i.e. identity-mapped if paging is on). */
#define BACK_TO_M                                                        \
    addi sp, sp, -16; sd a7, 0(sp); li a7, MAGIC_TO_M; ecall;            \
    ld a7, 0(sp); addi sp, sp, 16

/* From U-mode (ecall-from-U delegated to S): continue in S-mode. */
#define BACK_TO_S                                                        \
    addi sp, sp, -16; sd a7, 0(sp); li a7, MAGIC_TO_S; ecall;            \
    ld a7, 0(sp); addi sp, sp, 16

/* Spin until the previous store/print is out; busy-wait loop helper. */
#define DELAY(count)                                                     \
    addi sp, sp, -16; sd t0, 0(sp); li t0, count;                        \
9970: addi t0, t0, -1; bnez t0, 9970b;                                   \
    ld t0, 0(sp); addi sp, sp, 16

/* ===================================================================== */
/* Runtime code                                                           */
/* ===================================================================== */

    /* Name the object after the test source (otherwise the linker records
     * the compiler's random temporary object name, breaking reproducibility). */
    .file __BASE_FILE__
    /* No linker relaxation: the code layout is exactly what was assembled
     * (rvc.S relies on it for its maximum-offset branches). */
    .option norelax

    .section .text.init, "ax", @progbits
    .globl _start
_start:
    la sp, _stack_top
    /* Save the boot arguments (a0 = hartid, a1 = DTB). */
    la t0, boot_hartid
    sd a0, 0(t0)
    sd a1, 8(t0)
    la t0, _trap_stack_top
    csrw mscratch, t0
    la t0, _trap_m
    csrw mtvec, t0
    /* Clear .bss. */
    la t0, __bss_start
    la t1, __bss_end
9960:
    bgeu t0, t1, 9961f
    sd zero, 0(t0)
    addi t0, t0, 8
    j 9960b
9961:
    /* PMP entry 0: NAPOT over the whole address space, RWX, so that S/U
     * mode may access memory (QEMU also refuses an mret to S/U while no PMP
     * entry is configured).  Harmless if the hart has no PMP: the default
     * handler skips the illegal instruction. */
    li t0, -1
    csrw pmpaddr0, t0
    li t0, 0x1f
    csrw pmpcfg0, t0
    /* No machine timer interrupt pending at start (QEMU resets mtimecmp
     * to 0, which makes MTIP pending as soon as time runs), no MSIP. */
    li t0, CLINT_MTIMECMP
    li t1, -1
    sd t1, 0(t0)
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    /* The S-mode trap stack. */
    la t0, _s_trap_stack_top
    csrw sscratch, t0
    call _clear_trap
    call _clear_strap
    la t0, boot_hartid
    ld a0, 0(t0)
    ld a1, 8(t0)
    call main
    li a0, 254
    j _fail

    .section .text.lib, "ax", @progbits

/* _putc: a0 = byte. Preserves all registers. */
    .globl _putc
_putc:
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    li t0, UART_BASE
9950:
    lbu t1, UART_LSR(t0)
    andi t1, t1, UART_LSR_THRE
    beqz t1, 9950b
    sb a0, UART_THR(t0)
    ld t1, 8(sp)
    ld t0, 0(sp)
    addi sp, sp, 16
    ret

/* _puts: a0 = NUL-terminated string. Preserves all registers. */
    .globl _puts
_puts:
    addi sp, sp, -32
    sd ra, 0(sp)
    sd a0, 8(sp)
    sd t0, 16(sp)
    mv t0, a0
9951:
    lbu a0, 0(t0)
    beqz a0, 9952f
    call _putc
    addi t0, t0, 1
    j 9951b
9952:
    ld t0, 16(sp)
    ld a0, 8(sp)
    ld ra, 0(sp)
    addi sp, sp, 32
    ret

/* _puthex: a0 = value, printed as 16 hex digits. Preserves all registers. */
    .globl _puthex
_puthex:
    addi sp, sp, -48
    sd ra, 0(sp)
    sd a0, 8(sp)
    sd t0, 16(sp)
    sd t1, 24(sp)
    sd t2, 32(sp)
    mv t0, a0
    li t1, 60
9953:
    srl a0, t0, t1
    andi a0, a0, 15
    li t2, 10
    bltu a0, t2, 9954f
    addi a0, a0, 'a' - '0' - 10
9954:
    addi a0, a0, '0'
    call _putc
    addi t1, t1, -4
    bgez t1, 9953b
    ld t2, 32(sp)
    ld t1, 24(sp)
    ld t0, 16(sp)
    ld a0, 8(sp)
    ld ra, 0(sp)
    addi sp, sp, 48
    ret

    .globl _puthex_nl
_puthex_nl:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a0, 8(sp)
    call _puthex
    li a0, '\n'
    call _putc
    ld a0, 8(sp)
    ld ra, 0(sp)
    addi sp, sp, 16
    ret

/* _putdec: a0 = unsigned value, printed in decimal. Preserves all registers. */
    .globl _putdec
_putdec:
    addi sp, sp, -64
    sd ra, 0(sp)
    sd a0, 8(sp)
    sd t0, 16(sp)
    sd t1, 24(sp)
    mv t0, a0
    addi t1, sp, 63
    sb zero, 0(t1)
9955:
    addi t1, t1, -1
    li a0, 10
    remu a0, t0, a0
    addi a0, a0, '0'
    sb a0, 0(t1)
    li a0, 10
    divu t0, t0, a0
    bnez t0, 9955b
    mv a0, t1
    call _puts
    ld t1, 24(sp)
    ld t0, 16(sp)
    ld a0, 8(sp)
    ld ra, 0(sp)
    addi sp, sp, 64
    ret

/* _check: a0 = actual, a1 = expected, a2 = test number.
 * Prints "<n>: <actual>\n"; on mismatch prints the expected value and fails. */
    .globl _check
_check:
    addi sp, sp, -16
    sd ra, 0(sp)
    sd a0, 8(sp)
    mv a0, a2
    call _putdec
    li a0, ':'
    call _putc
    li a0, ' '
    call _putc
    ld a0, 8(sp)
    call _puthex_nl
    bne a0, a1, 9956f
    ld ra, 0(sp)
    addi sp, sp, 16
    ret
9956:
    la a0, _str_expected
    call _puts
    mv a0, a1
    call _puthex_nl
    mv a0, a2
    j _fail

    .globl _pass
_pass:
    la a0, _str_pass
    call _puts
    li t0, FINISHER_BASE
    li t1, FINISHER_PASS
    sw t1, 0(t0)
9957:
    j 9957b

/* _fail: a0 = test number. */
    .globl _fail
_fail:
    mv s11, a0
    la a0, _str_fail
    call _puts
    mv a0, s11
    call _putdec
    li a0, '\n'
    call _putc
    /* exit code: n if 1 <= n <= 255, else 255 */
    addi t0, s11, -1
    li t1, 254
    bleu t0, t1, 9958f
    li s11, 255
9958:
    slli s11, s11, 16
    li t1, FINISHER_FAIL
    or s11, s11, t1
    li t0, FINISHER_BASE
    sw s11, 0(t0)
9959:
    j 9959b

    .globl _clear_trap
_clear_trap:
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    la t0, trap_count
    sd zero, 0(t0)
    li t1, -1
    sd t1, 8(t0)        /* trap_cause */
    sd t1, 16(t0)       /* trap_epc */
    sd t1, 24(t0)       /* trap_tval */
    sd t1, 32(t0)       /* trap_status */
    sd zero, 40(t0)     /* trap_resume */
    ld t1, 8(sp)
    ld t0, 0(sp)
    addi sp, sp, 16
    ret

    .globl _clear_strap
_clear_strap:
    addi sp, sp, -16
    sd t0, 0(sp)
    sd t1, 8(sp)
    la t0, s_trap_count
    sd zero, 0(t0)
    li t1, -1
    sd t1, 8(t0)
    sd t1, 16(t0)
    sd t1, 24(t0)
    sd t1, 32(t0)
    sd zero, 40(t0)
    ld t1, 8(sp)
    ld t0, 0(sp)
    addi sp, sp, 16
    ret

/* --------------------------------------------------------------------- */
/* Default M-mode trap handler                                            */
/* --------------------------------------------------------------------- */
    .balign 4
    .globl _trap_m
_trap_m:
    csrrw sp, mscratch, sp
    addi sp, sp, -32
    sd t0, 0(sp)
    sd t1, 8(sp)
    sd t2, 16(sp)
    sd t3, 24(sp)
    csrr t0, mcause
    bltz t0, 9930f
    /* BACK_TO_M: ecall (cause 8, 9 or 11) with a7 == MAGIC_TO_M. */
    li t1, MAGIC_TO_M
    bne a7, t1, 9930f
    addi t1, t0, -CAUSE_ECALL_U
    li t2, CAUSE_ECALL_M - CAUSE_ECALL_U
    bgtu t1, t2, 9930f
    csrr t0, mepc
    addi t0, t0, 4
    csrw mepc, t0
    li t0, MSTATUS_MPP              /* return to M ... */
    csrs mstatus, t0
    li t0, MSTATUS_MPIE             /* ... with MIE = 0 */
    csrc mstatus, t0
    j 9939f
9930:
    /* Record the trap (and its cause in trap_log[count - 1], count <= 8). */
    la t1, trap_count
    ld t2, 0(t1)
    li t3, 8
    bgeu t2, t3, 9934f
    slli t3, t2, 3
    la t1, trap_log
    add t3, t3, t1
    sd t0, 0(t3)
    la t1, trap_count
9934:
    addi t2, t2, 1
    sd t2, 0(t1)
    sd t0, 8(t1)
    /* trap_seq = ++trap_order (shared with _trap_s: tells which came first) */
    la t1, trap_order
    ld t2, 0(t1)
    addi t2, t2, 1
    sd t2, 0(t1)
    sd t2, 8(t1)
    la t1, trap_count
    csrr t2, mepc
    sd t2, 16(t1)
    csrr t2, mtval
    sd t2, 24(t1)
    csrr t2, mstatus
    sd t2, 32(t1)
    bgez t0, 9931f
    /* Interrupt: mask it in mie and return. */
    slli t0, t0, 1
    srli t0, t0, 1
    li t1, 1
    sll t1, t1, t0
    csrc mie, t1
    j 9939f
9931:
    /* Exception with a resume address: go there in M-mode. */
    la t1, trap_resume
    ld t0, 0(t1)
    beqz t0, 9932f
    sd zero, 0(t1)
    csrw mepc, t0
    li t0, MSTATUS_MPP              /* resume in M with MIE = 0 */
    csrs mstatus, t0
    li t0, MSTATUS_MPIE
    csrc mstatus, t0
    j 9939f
9932:
    /* Otherwise skip the faulting instruction. */
    csrr t0, mepc
    lhu t1, 0(t0)
    andi t1, t1, 3
    li t2, 3
    addi t0, t0, 2
    bne t1, t2, 9933f
    addi t0, t0, 2
9933:
    csrw mepc, t0
9939:
    ld t3, 24(sp)
    ld t2, 16(sp)
    ld t1, 8(sp)
    ld t0, 0(sp)
    addi sp, sp, 32
    csrrw sp, mscratch, sp
    mret

/* --------------------------------------------------------------------- */
/* Default S-mode trap handler (install with: la t0, _trap_s; csrw stvec) */
/* --------------------------------------------------------------------- */
    .balign 4
    .globl _trap_s
_trap_s:
    csrrw sp, sscratch, sp
    addi sp, sp, -32
    sd t0, 0(sp)
    sd t1, 8(sp)
    sd t2, 16(sp)
    sd t3, 24(sp)
    csrr t0, scause
    bltz t0, 9940f
    /* BACK_TO_S: ecall from U with a7 == MAGIC_TO_S. */
    li t1, MAGIC_TO_S
    bne a7, t1, 9940f
    li t1, CAUSE_ECALL_U
    bne t0, t1, 9940f
    csrr t0, sepc
    addi t0, t0, 4
    csrw sepc, t0
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    j 9949f
9940:
    la t1, s_trap_count
    ld t2, 0(t1)
    li t3, 8
    bgeu t2, t3, 9944f
    slli t3, t2, 3
    la t1, s_trap_log
    add t3, t3, t1
    sd t0, 0(t3)
    la t1, s_trap_count
9944:
    addi t2, t2, 1
    sd t2, 0(t1)
    sd t0, 8(t1)
    la t1, trap_order
    ld t2, 0(t1)
    addi t2, t2, 1
    sd t2, 0(t1)
    sd t2, 16(t1)
    la t1, s_trap_count
    csrr t2, sepc
    sd t2, 16(t1)
    csrr t2, stval
    sd t2, 24(t1)
    csrr t2, sstatus
    sd t2, 32(t1)
    bgez t0, 9941f
    slli t0, t0, 1
    srli t0, t0, 1
    li t1, 1
    sll t1, t1, t0
    csrc sie, t1
    j 9949f
9941:
    la t1, s_trap_resume
    ld t0, 0(t1)
    beqz t0, 9942f
    sd zero, 0(t1)
    csrw sepc, t0
    li t0, MSTATUS_SPP
    csrs sstatus, t0
    j 9949f
9942:
    csrr t0, sepc
    lhu t1, 0(t0)
    andi t1, t1, 3
    li t2, 3
    addi t0, t0, 2
    bne t1, t2, 9943f
    addi t0, t0, 2
9943:
    csrw sepc, t0
9949:
    ld t3, 24(sp)
    ld t2, 16(sp)
    ld t1, 8(sp)
    ld t0, 0(sp)
    addi sp, sp, 32
    csrrw sp, sscratch, sp
    sret

    .section .rodata.lib, "a", @progbits
_str_pass:     .asciz "PASS\n"
_str_fail:     .asciz "FAIL "
_str_expected: .asciz "  expected "

    .section .data.lib, "aw", @progbits
    .balign 8
    .globl boot_hartid, boot_dtb
boot_hartid:   .dword 0
boot_dtb:      .dword 0
    /* M-mode trap record (layout used by _clear_trap). */
    .globl trap_count, trap_cause, trap_epc, trap_tval, trap_status, trap_resume
trap_count:    .dword 0
trap_cause:    .dword 0
trap_epc:      .dword 0
trap_tval:     .dword 0
trap_status:   .dword 0
trap_resume:   .dword 0
    /* S-mode trap record. */
    .globl s_trap_count, s_trap_cause, s_trap_epc, s_trap_tval, s_trap_status, s_trap_resume
s_trap_count:  .dword 0
s_trap_cause:  .dword 0
s_trap_epc:    .dword 0
s_trap_tval:   .dword 0
s_trap_status: .dword 0
s_trap_resume: .dword 0
    /* Every recorded trap (M or S) increments trap_order; trap_seq and
     * s_trap_seq hold its value for the last M-mode and S-mode trap. */
    .globl trap_order, trap_seq, s_trap_seq
trap_order:    .dword 0
trap_seq:      .dword 0
s_trap_seq:    .dword 0
    /* Causes of the first 8 traps since CLEAR_TRAP / CLEAR_STRAP. */
    .globl trap_log, s_trap_log
trap_log:      .fill 8, 8, 0
s_trap_log:    .fill 8, 8, 0

    /* Test code follows in .text. */
    .text

#endif /* RVLAB_COMMON_H */
