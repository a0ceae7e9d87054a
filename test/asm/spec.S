/*
 * spec.S -- privileged-spec rules on which QEMU 7.2 deviates from the spec
 * (emulator-only: listed in no-qemu.txt).  Each check asserts the spec;
 * built with -DQEMU_QUIRKS it asserts what QEMU 7.2 does instead, which is how
 * the test itself was validated on QEMU:
 *
 *   riscv64-unknown-elf-gcc ... -DQEMU_QUIRKS test/asm/spec.S -> PASS on QEMU
 *
 *   1-2     mstatus.MPP is WARL: writing 2 (no H) does not read back 2
 *           (QEMU 7.2 keeps 2)
 *   3-4     mepc/sepc bit 0 is always 0 (QEMU 7.2 keeps it)
 *   5       satp MODE = 10 (Sv57, not implemented) is not accepted
 *           (QEMU 7.2 implements Sv57 and accepts it)
 *   6-9     without V and H: mstatus.VS, UXL = 3, mideleg/mie VS bits,
 *           medeleg bit 10 and menvcfg.PBMTE (no Svpbmt) are not writable
 *           (QEMU 7.2 lets them be written)
 *   10-11   MRET / SRET to a mode below M clear MPRV (priv 1.12; QEMU 7.2 does
 *           not)
 *   12      CSRRS with rs1 != x0 to a read-only CSR is illegal even if the
 *           register holds 0 (QEMU 7.2 does not trap)
 *   13      a misaligned AMO raises a store/AMO exception, cause 6 or 7
 *           (QEMU 7.2 raises cause 4, load address misaligned)
 *   20-27   with MEI, MSI, MTI, SEI, SSI, STI all pending they are taken in
 *           that order (QEMU 7.2 without AIA takes the lowest number first:
 *           SSI, MSI, STI, MTI, SEI, MEI)
 */
#include "common.h"

#ifdef QEMU_QUIRKS
#define SPEC_OR_QEMU(spec, qemu) qemu
#else
#define SPEC_OR_QEMU(spec, qemu) spec
#endif

#define PLIC_PRIORITY(src)   (PLIC_BASE + 4 * (src))
#define PLIC_ENABLE_CTX0     (PLIC_BASE + 0x2000)
#define PLIC_THRESHOLD_CTX0  (PLIC_BASE + 0x200000)
#define PLIC_CLAIM_CTX0      (PLIC_BASE + 0x200004)
#define UART_IRQ             10

    .text
    .globl main
main:
    PUTS("spec\n")
    li a7, 0
    csrw mie, zero

    /* ---- mstatus.MPP = 2 ---- */
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    li t0, 2 << 11
    csrs mstatus, t0
    csrr t1, mstatus
    srli t1, t1, 11
    andi t1, t1, 3
    xori t1, t1, 2
    snez t1, t1                                /* 1 if MPP != 2 */
    CHECK(t1, SPEC_OR_QEMU(1, 0), 1)
    li t0, MSTATUS_MPP
    csrc mstatus, t0
    CHECK(x0, 0, 2)

    /* ---- mepc / sepc bit 0 ---- */
    li t0, 0x80000001
    csrw mepc, t0
    csrr t1, mepc
    andi t1, t1, 1
    CHECK(t1, SPEC_OR_QEMU(0, 1), 3)
    csrw sepc, t0
    csrr t1, sepc
    andi t1, t1, 1
    CHECK(t1, SPEC_OR_QEMU(0, 1), 4)

    /* ---- satp MODE = 10 (Sv57) ---- */
    la t0, dummy_root
    srli t0, t0, 12
    li t1, SATP_MODE_SV39
    or s0, t0, t1
    csrw satp, s0
    li t1, 10 << 60
    or t0, t0, t1
    csrw satp, t0
    csrr t1, satp
    srli t1, t1, 60
    CHECK(t1, SPEC_OR_QEMU(8, 10), 5)
    csrw satp, zero

    /* ---- WARL fields of absent extensions ---- */
    li t0, 0x600                               /* mstatus.VS */
    csrs mstatus, t0
    csrr t1, mstatus
    csrc mstatus, t0
    and t1, t1, t0
    CHECK(t1, SPEC_OR_QEMU(0, 0x600), 6)
    li t0, (1 << 2) | (1 << 6) | (1 << 10)     /* VSSIP, VSTIP, VSEIP */
    csrw mideleg, t0
    csrr t1, mideleg
    csrw mideleg, zero
    CHECK(t1, SPEC_OR_QEMU(0, 0x444), 7)
    li t0, 1 << 10                             /* medeleg: VS-mode ecall */
    csrw medeleg, t0
    csrr t1, medeleg
    csrw medeleg, zero
    CHECK(t1, SPEC_OR_QEMU(0, 0x400), 8)
    li t0, 1 << 62                             /* menvcfg.PBMTE */
    csrw menvcfg, t0
    csrr t1, menvcfg
    csrw menvcfg, zero
    srli t1, t1, 62
    CHECK(t1, SPEC_OR_QEMU(0, 1), 9)

    /* ---- xRET below M clears MPRV ---- */
    li t0, MSTATUS_MPP | MSTATUS_MPIE
    csrc mstatus, t0
    li t0, MSTATUS_MPRV | (PRV_S << 11)
    csrs mstatus, t0
    la t0, 1f
    csrw mepc, t0
    mret
1:  CLEAR_TRAP
    ecall                                      /* records mstatus */
    la t0, trap_status
    ld t0, 0(t0)
    srli t0, t0, 17
    andi t0, t0, 1
    CHECK(t0, SPEC_OR_QEMU(0, 1), 10)
    BACK_TO_M
    li t0, MSTATUS_MPRV | MSTATUS_SPP
    csrc mstatus, t0
    li t0, MSTATUS_MPRV
    csrs mstatus, t0
    li t0, MSTATUS_MPP
    csrs mstatus, t0
    la t0, 1f
    csrw sepc, t0
    sret                                       /* to U */
1:  CLEAR_TRAP
    ecall
    la t0, trap_status
    ld t0, 0(t0)
    srli t0, t0, 17
    andi t0, t0, 1
    CHECK(t0, SPEC_OR_QEMU(0, 1), 11)
    BACK_TO_M
    li t0, MSTATUS_MPRV
    csrc mstatus, t0

    /* ---- CSRRS rs1 != x0 (holding 0) to a read-only CSR ---- */
    li t1, 0
    CLEAR_TRAP
    csrrs t0, mvendorid, t1
    la t0, trap_count
    ld t0, 0(t0)
    CHECK(t0, SPEC_OR_QEMU(1, 0), 12)
    CLEAR_TRAP

    /* ---- misaligned AMO: store/AMO cause ---- */
    la t0, amo_buf + 2
    li t1, 1
    CLEAR_TRAP
    amoadd.w t2, t1, (t0)
    la t0, trap_cause
    ld t0, 0(t0)
    addi t0, t0, -CAUSE_MISALIGNED_STORE
    sltiu t0, t0, 2                            /* 1 if cause is 6 or 7 */
    CHECK(t0, SPEC_OR_QEMU(1, 0), 13)
    CLEAR_TRAP

    /* ---- priority of all six ---- */
    li t0, PLIC_PRIORITY(UART_IRQ)
    li t1, 1
    sw t1, 0(t0)
    li t0, PLIC_ENABLE_CTX0
    li t1, 1 << UART_IRQ
    sw t1, 0(t0)
    li t0, PLIC_THRESHOLD_CTX0
    sw zero, 0(t0)
    li t0, UART_BASE
1:  lbu t1, UART_LSR(t0)
    andi t1, t1, 0x40
    beqz t1, 1b
    li t1, 0x02                                /* THR-empty interrupt */
    sb t1, UART_IER(t0)
    li t0, CLINT_MSIP
    li t1, 1
    sw t1, 0(t0)
    li t0, CLINT_MTIMECMP
    sd zero, 0(t0)
    li t0, MIP_SEIP | MIP_SSIP | MIP_STIP
    csrs mip, t0
    li t0, MIP_MEIP | MIP_MSIP | MIP_MTIP | MIP_SEIP | MIP_SSIP | MIP_STIP
    csrw mie, t0
    CLEAR_TRAP
    csrsi mstatus, MSTATUS_MIE
    nop
    csrci mstatus, MSTATUS_MIE
    li t0, PLIC_CLAIM_CTX0                     /* clean up first */
    lw t1, 0(t0)
    li t2, UART_BASE
    sb zero, UART_IER(t2)
    sw t1, 0(t0)
    li t0, CLINT_MSIP
    sw zero, 0(t0)
    li t0, CLINT_MTIMECMP
    li t1, -1
    sd t1, 0(t0)
    li t0, MIP_SEIP | MIP_SSIP | MIP_STIP
    csrc mip, t0
    CHECK_MEM(trap_count, 6, 20)
    CHECK_MEM(trap_log + 0, CAUSE_INTR | SPEC_OR_QEMU(IRQ_M_EXT, IRQ_S_SOFT), 21)
    CHECK_MEM(trap_log + 8, CAUSE_INTR | SPEC_OR_QEMU(IRQ_M_SOFT, IRQ_M_SOFT), 22)
    CHECK_MEM(trap_log + 16, CAUSE_INTR | SPEC_OR_QEMU(IRQ_M_TIMER, IRQ_S_TIMER), 23)
    CHECK_MEM(trap_log + 24, CAUSE_INTR | SPEC_OR_QEMU(IRQ_S_EXT, IRQ_M_TIMER), 24)
    CHECK_MEM(trap_log + 32, CAUSE_INTR | SPEC_OR_QEMU(IRQ_S_SOFT, IRQ_S_EXT), 25)
    CHECK_MEM(trap_log + 40, CAUSE_INTR | SPEC_OR_QEMU(IRQ_S_TIMER, IRQ_M_EXT), 26)
    csrr t1, mie
    CHECK(t1, 0, 27)
    li t0, PLIC_ENABLE_CTX0
    sw zero, 0(t0)

    PASS

    .data
    .balign 8
amo_buf:
    .dword 0, 0

    .bss
    .balign 4096
dummy_root:
    .skip 4096
