/*
 * csr.S -- Zicsr instructions and the CSR rules of the privileged spec.
 *
 *   1-19    CSRRW/CSRRS/CSRRC and CSRRWI/CSRRSI/CSRRCI on mscratch (old value
 *           returned, rd = x0, rs1 = x0 / uimm = 0 do not write, rd == rs1)
 *   20-39   read-only CSRs: reads (and CSRRS/CSRRC with rs1 = x0, CSRRSI/CSRRCI
 *           with uimm = 0) do not trap; writes raise illegal instruction with
 *           mtval = the instruction bits; the machine information registers
 *   40-49   non-existent CSRs (F, V, H, N, debug, Zkr) are illegal
 *   50-79   mstatus fields: writable ones hold their value, FS/XS/SD/xBE read
 *           0, UXL/SXL = 2 (64-bit); sstatus is a restricted view of mstatus
 *   80-99   mideleg/medeleg writable bits, mie/mip, sie/sip as views masked by
 *           mideleg, sip.SSIP writable, mip.MSIP/MTIP not writable
 *   100-109 mtvec/stvec: reserved modes 2/3 are not kept; mepc/sepc bit 1 kept
 *   110-119 counters: cycle/instret/time advance monotonically; minstret and
 *           mcycle writes (the next read is >= the value written)
 *   120-149 mcounteren/scounteren gate cycle/time/instret in S and U mode
 *   150-159 privilege of the CSR address: M CSRs from S, S CSRs from U
 *   160-169 satp: MODE 8 (Sv39) and 9 (Sv48) accepted, reserved modes ignored
 *   170-179 menvcfg.STCE and stimecmp access (M always; S needs STCE and TM)
 *
 * Only behaviour that is both required by the spec and shown by QEMU 7.2 is
 * asserted.  (QEMU 7.2 keeps mstatus.MPP = 2, lets mepc bit 0 be set, accepts
 * satp MODE 10 (Sv57), makes VS/MPV/GVA/UXL writable and does not trap on a
 * CSRRS with rs1 != x0 holding 0 to a read-only CSR: none of that is tested.)
 */
#include "common.h"

#define MSTATUS_WRITABLE (MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR)
#define MSTATUS_RO0 (MSTATUS_FS | MSTATUS_XS | MSTATUS_UBE | (1 << 36) | (1 << 37))
#define SSTATUS_VIEW (MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_UBE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_UXL | MSTATUS_SD)
#define STD_IRQS (MIP_SSIP | MIP_MSIP | MIP_STIP | MIP_MTIP | MIP_SEIP | MIP_MEIP)
#define S_IRQS (MIP_SSIP | MIP_STIP | MIP_SEIP)

    .text
    .globl main
main:
    PUTS("csr\n")

    /* ---- CSRRW / CSRRS / CSRRC (mscratch is saved in s11: no trap may
     * happen in this block, the trap handler uses mscratch) ---- */
    csrr s11, mscratch
    li t0, 0x0123456789abcdef
    csrrw t1, mscratch, t0
    CHECK_ADDR(t1, _trap_stack_top, 17)        /* set up by _start */
    csrr t1, mscratch
    CHECK(t1, 0x0123456789abcdef, 1)
    li t0, 0xf0
    csrrs t1, mscratch, t0
    CHECK(t1, 0x0123456789abcdef, 2)
    csrr t1, mscratch
    CHECK(t1, 0x0123456789abcdff, 3)
    li t0, 0xff00000000000000
    csrrc t1, mscratch, t0
    CHECK(t1, 0x0123456789abcdff, 4)
    csrr t1, mscratch
    CHECK(t1, 0x0023456789abcdff, 5)
    csrrwi t1, mscratch, 31
    CHECK(t1, 0x0023456789abcdff, 6)
    csrr t1, mscratch
    CHECK(t1, 31, 7)
    csrrsi t1, mscratch, 0x10
    csrrci t1, mscratch, 3
    CHECK(t1, 31, 8)
    csrr t1, mscratch
    CHECK(t1, 28, 9)
    /* rs1 = x0: no write */
    csrrs t1, mscratch, x0
    csrrc t1, mscratch, x0
    csrrsi t1, mscratch, 0
    csrrci t1, mscratch, 0
    csrr t1, mscratch
    CHECK(t1, 28, 10)
    /* rd = x0: the write still happens */
    li t0, 0x5555
    csrrw x0, mscratch, t0
    csrr t1, mscratch
    CHECK(t1, 0x5555, 11)
    csrrs x0, mscratch, t0
    csrrsi x0, mscratch, 0xa
    csrr t1, mscratch
    CHECK(t1, 0x555f, 12)
    /* rd == rs1: swap */
    li t2, 0x777
    csrrw t2, mscratch, t2
    CHECK(t2, 0x555f, 13)
    csrr t1, mscratch
    CHECK(t1, 0x777, 14)
    li t2, 0x700
    csrrc t2, mscratch, t2
    CHECK(t2, 0x777, 15)
    csrr t1, mscratch
    CHECK(t1, 0x077, 16)
    csrw mscratch, s11

    /* ---- read-only CSRs ---- */
    TEST_NO_TRAP(20, csrr t0, mvendorid; csrr t0, marchid; csrr t0, mimpid; csrr t0, mhartid; csrrs t0, mvendorid, x0; csrrc t0, mhartid, x0; csrrsi t0, marchid, 0; csrrci t0, mimpid, 0; csrr t0, cycle; csrr t0, time; csrr t0, instret)
    csrr t0, mhartid
    CHECK(t0, 0, 21)
    csrr t0, misa
    CHECK(t0, 0x8000000000141105, 22)     /* RV64 I M A C S U */
    TEST_ILLEGAL(23, csrw mvendorid, t0)
    TEST_ILLEGAL(24, csrrw x0, mhartid, zero)
    li t1, 1
    TEST_ILLEGAL(25, csrrs t0, marchid, t1)
    TEST_ILLEGAL(26, csrrs t0, mimpid, t1)
    TEST_ILLEGAL(27, csrrsi t0, mhartid, 1)
    TEST_ILLEGAL(28, csrrci t0, mvendorid, 31)
    TEST_ILLEGAL(29, csrw cycle, t0)
    TEST_ILLEGAL(30, csrw time, t0)
    TEST_ILLEGAL(31, csrrwi zero, instret, 0)
    TEST_ILLEGAL(32, csrrc t0, cycle, t1)

    /* ---- non-existent CSRs ---- */
    TEST_ILLEGAL(40, csrr t0, fcsr)           /* no F */
    TEST_ILLEGAL(41, csrw fflags, t0)
    TEST_ILLEGAL(42, csrr t0, 0x008)          /* vstart: no V */
    TEST_ILLEGAL(43, csrr t0, 0x600)          /* hstatus: no H */
    TEST_ILLEGAL(44, csrr t0, 0x000)          /* ustatus: no N */
    TEST_ILLEGAL(45, csrr t0, 0x7a0)          /* tselect: no debug triggers */
    TEST_ILLEGAL(46, csrr t0, 0x015)          /* seed: no Zkr */
    TEST_ILLEGAL(47, csrw 0x34a, t0)          /* mtinst: no H */
    TEST_ILLEGAL(48, csrr t0, 0x7b0)          /* dcsr: debug mode only */

    /* ---- mstatus ---- */
    csrw mie, zero
    li t0, MSTATUS_WRITABLE
    csrc mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00000000, 50)         /* UXL = SXL = 2 */
    /* each writable field keeps its value */
    li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP
    csrs mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a000001a2, 51)
    li t0, MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
    csrs mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a007c01a2, 52)
    li t0, MSTATUS_WRITABLE
    csrc mstatus, t0
    li t0, 0x0800                              /* MPP = S */
    csrs mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00000800, 53)
    li t0, 0x1800                              /* MPP = M */
    csrs mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00001800, 54)
    li t0, MSTATUS_MPP                         /* MPP = U */
    csrc mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00000000, 55)
    /* MPRV with MPP = M: loads and stores are unaffected */
    li t0, MSTATUS_MPRV | MSTATUS_MPP
    csrs mstatus, t0
    csrr t1, mstatus
    li t0, MSTATUS_MPRV | MSTATUS_MPP
    csrc mstatus, t0
    CHECK(t1, 0x0000000a00021800, 56)
    /* FS, XS, UBE, SBE, MBE are read-only zero (no F, no custom state,
     * little-endian only); so is SD */
    li t0, MSTATUS_RO0
    csrs mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00000000, 57)
    li t0, MSTATUS_SD
    csrs mstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00000000, 58)
    /* MIE is writable (with mie = 0 nothing can be taken) */
    csrsi mstatus, MSTATUS_MIE
    csrr t1, mstatus
    csrci mstatus, MSTATUS_MIE
    CHECK(t1, 0x0000000a00000008, 59)

    /* ---- sstatus is a view of mstatus ---- */
    li t0, MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR
    csrs mstatus, t0
    csrr t1, sstatus
    CHECK(t1, 0x0000000200000000, 60)         /* only UXL shows */
    li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR
    csrs sstatus, t0
    csrr t1, sstatus
    CHECK(t1, 0x00000002000c0122, 61)
    csrr t1, mstatus
    CHECK(t1, 0x0000000a007c19a2, 62)
    /* M-only bits written through sstatus are ignored */
    li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP | MSTATUS_TVM | MSTATUS_MPRV
    csrc sstatus, t0
    csrr t1, mstatus
    CHECK(t1, 0x0000000a007c19a2, 63)
    csrw sstatus, zero
    csrr t1, mstatus
    CHECK(t1, 0x0000000a00701880, 64)
    csrr t1, sstatus
    CHECK(t1, 0x0000000200000000, 65)
    li t0, MSTATUS_WRITABLE
    csrc mstatus, t0

    /* ---- mideleg / medeleg ---- */
    li t0, S_IRQS
    csrw mideleg, t0
    csrr t1, mideleg
    CHECK(t1, S_IRQS, 80)
    li t0, MIP_MSIP | MIP_MTIP | MIP_MEIP     /* M interrupts: not delegable */
    csrw mideleg, t0
    csrr t1, mideleg
    CHECK(t1, 0, 81)
    li t0, 0xb3ff                              /* causes 0-9, 12, 13, 15 */
    csrw medeleg, t0
    csrr t1, medeleg
    CHECK(t1, 0xb3ff, 82)
    csrw medeleg, zero
    csrr t1, medeleg
    CHECK(t1, 0, 83)

    /* ---- mie / sie ---- */
    li t0, STD_IRQS
    csrw mie, t0
    csrr t1, mie
    CHECK(t1, STD_IRQS, 84)
    csrw mideleg, zero
    csrr t1, sie                               /* nothing delegated */
    CHECK(t1, 0, 85)
    csrw sie, zero                             /* ignored */
    csrr t1, mie
    CHECK(t1, STD_IRQS, 86)
    li t0, S_IRQS
    csrw mideleg, t0
    csrr t1, sie
    CHECK(t1, S_IRQS, 87)
    li t0, MIP_STIP
    csrw mideleg, t0
    csrw sie, zero                             /* clears only STIE */
    csrr t1, mie
    CHECK(t1, STD_IRQS & ~MIP_STIP, 88)
    li t0, STD_IRQS
    csrw sie, t0                               /* sets only STIE */
    csrr t1, mie
    CHECK(t1, STD_IRQS, 89)
    csrr t1, sie
    CHECK(t1, MIP_STIP, 90)
    csrw mie, zero

    /* ---- mip / sip ---- */
    li t2, STD_IRQS
    li t0, S_IRQS
    csrw mip, t0                               /* SSIP, STIP, SEIP writable */
    csrr t1, mip
    and t1, t1, t2
    CHECK(t1, S_IRQS, 91)
    csrw mideleg, zero
    csrr t1, sip
    CHECK(t1, 0, 92)
    li t0, S_IRQS
    csrw mideleg, t0
    csrr t1, sip
    CHECK(t1, S_IRQS, 93)
    csrc sip, t0                               /* only SSIP is writable in sip */
    csrr t1, mip
    and t1, t1, t2
    CHECK(t1, MIP_STIP | MIP_SEIP, 94)
    csrs sip, t0
    csrr t1, mip
    and t1, t1, t2
    CHECK(t1, S_IRQS, 95)
    csrw mip, zero
    li t0, MIP_MSIP | MIP_MTIP                 /* driven by the CLINT */
    csrs mip, t0
    csrr t1, mip
    and t1, t1, t2
    CHECK(t1, 0, 96)
    csrw mideleg, zero

    /* ---- mtvec / stvec / mepc / sepc ---- */
    csrr s2, mtvec
    la t0, .Lvec_target
    ori t0, t0, 1                              /* vectored */
    csrw mtvec, t0
    csrr t1, mtvec
    CHECK_ADDR(t1, .Lvec_target + 1, 100)
    la t0, .Lvec_target
    ori t0, t0, 2                              /* reserved mode */
    csrw mtvec, t0
    csrr t1, mtvec
    andi t1, t1, 3
    sltiu t1, t1, 2
    CHECK(t1, 1, 101)                          /* mode is 0 or 1 */
    la t0, .Lvec_target
    ori t0, t0, 3
    csrw mtvec, t0
    csrr t1, mtvec
    andi t1, t1, 3
    sltiu t1, t1, 2
    CHECK(t1, 1, 102)
    csrw mtvec, s2
    la t0, .Lvec_target
    csrw stvec, t0
    csrr t1, stvec
    CHECK_ADDR(t1, .Lvec_target, 103)
    ori t0, t0, 3
    csrw stvec, t0
    csrr t1, stvec
    andi t1, t1, 3
    sltiu t1, t1, 2
    CHECK(t1, 1, 104)
    li t0, 0x80000002                          /* bit 1 kept (IALIGN = 16) */
    csrw mepc, t0
    csrr t1, mepc
    CHECK(t1, 0x80000002, 105)
    csrw sepc, t0
    csrr t1, sepc
    CHECK(t1, 0x80000002, 106)
    li t0, 0xfffffffffffffffc
    csrw mepc, t0
    csrr t1, mepc
    CHECK(t1, 0xfffffffffffffffc, 107)
    li t0, 0x0000003fdeadbeef
    csrw mtval, t0
    csrr t1, mtval
    CHECK(t1, 0x0000003fdeadbeef, 108)
    csrw stval, t0
    csrr t1, stval
    CHECK(t1, 0x0000003fdeadbeef, 109)

    /* ---- counters ---- */
    csrr t0, cycle
    csrr t1, instret
    csrr t2, time
    nop
    nop
    csrr t3, cycle
    csrr t4, instret
    csrr t5, time
    sltu t6, t3, t0                            /* 0 if t3 >= t0 */
    CHECK(t6, 0, 110)
    sltu t6, t0, t3                            /* strictly advanced */
    CHECK(t6, 1, 111)
    sltu t6, t1, t4
    CHECK(t6, 1, 112)
    sltu t6, t5, t2
    CHECK(t6, 0, 113)
    csrr t0, mcycle
    csrr t1, minstret
    sltu t6, t1, t4
    CHECK(t6, 0, 114)
    /* minstret / mcycle writes: the next read is >= the value written and
     * not far from it (QEMU 7.2 without -icount counts host ticks here). */
    li t0, 0x100000000000
    csrw minstret, t0
    csrr t1, minstret
    sub t1, t1, t0
    srli t1, t1, 32
    CHECK(t1, 0, 115)
    csrr t1, instret
    sub t1, t1, t0
    srli t1, t1, 32
    CHECK(t1, 0, 116)
    li t0, 0x200000000000
    csrw mcycle, t0
    csrr t1, mcycle
    sub t1, t1, t0
    srli t1, t1, 32
    CHECK(t1, 0, 117)
    csrr t1, cycle
    sub t1, t1, t0
    srli t1, t1, 32
    CHECK(t1, 0, 118)

    /* ---- mcounteren / scounteren gating ---- */
    li t0, 7
    csrw mcounteren, t0
    csrr t1, mcounteren
    andi t1, t1, 7
    CHECK(t1, 7, 120)
    csrw scounteren, t0
    csrr t1, scounteren
    andi t1, t1, 7
    CHECK(t1, 7, 121)
    /* S-mode: needs mcounteren */
    csrw mcounteren, zero
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(122, csrr t0, cycle)
    TEST_ILLEGAL(123, csrr t0, time)
    TEST_ILLEGAL(124, csrr t0, instret)
    BACK_TO_M
    li t0, 5                                   /* CY, IR */
    csrw mcounteren, t0
    ENTER_MODE(PRV_S)
    TEST_NO_TRAP(125, csrr t0, cycle; csrr t0, instret)
    TEST_ILLEGAL(126, csrr t0, time)
    BACK_TO_M
    li t0, 2                                   /* TM */
    csrw mcounteren, t0
    ENTER_MODE(PRV_S)
    TEST_NO_TRAP(127, csrr t0, time)
    TEST_ILLEGAL(128, csrr t0, cycle)
    TEST_ILLEGAL(129, csrr t0, mcycle)         /* M counter from S */
    BACK_TO_M
    /* U-mode: needs both */
    li t0, 7
    csrw mcounteren, t0
    csrw scounteren, zero
    ENTER_MODE(PRV_U)
    TEST_ILLEGAL(130, csrr t0, cycle)
    TEST_ILLEGAL(131, csrr t0, time)
    TEST_ILLEGAL(132, csrr t0, instret)
    BACK_TO_M
    li t0, 7
    csrw scounteren, t0
    ENTER_MODE(PRV_U)
    TEST_NO_TRAP(133, csrr t0, cycle; csrr t0, time; csrr t0, instret)
    BACK_TO_M
    csrw mcounteren, zero
    ENTER_MODE(PRV_U)
    TEST_ILLEGAL(134, csrr t0, cycle)
    TEST_ILLEGAL(135, csrr t0, time)
    TEST_ILLEGAL(136, csrr t0, instret)
    BACK_TO_M
    li t0, 1                                   /* CY only, both */
    csrw mcounteren, t0
    csrw scounteren, t0
    ENTER_MODE(PRV_U)
    TEST_NO_TRAP(137, csrr t0, cycle)
    TEST_ILLEGAL(138, csrr t0, instret)
    BACK_TO_M
    csrw mcounteren, zero
    csrw scounteren, zero

    /* ---- privilege encoded in the CSR address ---- */
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(150, csrr t0, mstatus)
    TEST_ILLEGAL(151, csrw mscratch, t0)
    TEST_ILLEGAL(152, csrr t0, mhartid)
    TEST_NO_TRAP(153, csrr t0, sstatus; csrr t0, sscratch; csrr t0, sie)
    BACK_TO_M
    ENTER_MODE(PRV_U)
    TEST_ILLEGAL(154, csrr t0, sstatus)
    TEST_ILLEGAL(155, csrr t0, sscratch)
    TEST_ILLEGAL(156, csrr t0, satp)
    TEST_ILLEGAL(157, csrr t0, mstatus)
    BACK_TO_M

    /* ---- satp (M-mode writes; translation does not apply to M) ---- */
    la t0, satp_dummy
    srli t0, t0, 12
    li t1, SATP_MODE_SV39
    or s3, t0, t1
    csrw satp, s3
    csrr t1, satp
    sub t1, t1, s3
    CHECK(t1, 0, 160)                          /* Sv39 accepted */
    li t0, 0x1000000000000000 | 0x80000       /* MODE 1: reserved */
    csrw satp, t0
    csrr t1, satp
    sub t1, t1, s3
    CHECK(t1, 0, 161)                          /* unchanged */
    li t0, 0xf000000000000000 | 0x80000       /* MODE 15: reserved */
    csrw satp, t0
    csrr t1, satp
    sub t1, t1, s3
    CHECK(t1, 0, 162)
    li t0, 0x7000000000000000 | 0x80000       /* MODE 7: reserved */
    csrw satp, t0
    csrr t1, satp
    sub t1, t1, s3
    CHECK(t1, 0, 163)
    la t0, satp_dummy
    srli t0, t0, 12
    li t1, SATP_MODE_SV48
    or t0, t0, t1
    csrw satp, t0
    csrr t1, satp
    srli t1, t1, 60
    CHECK(t1, 9, 164)                          /* Sv48 accepted */
    csrw satp, zero
    csrr t1, satp
    CHECK(t1, 0, 165)
    sfence.vma

    /* ---- menvcfg.STCE and stimecmp ---- */
    csrw menvcfg, zero
    csrr t1, menvcfg
    CHECK(t1, 0, 170)
    li t0, MENVCFG_STCE
    csrs menvcfg, t0
    csrr t1, menvcfg
    CHECK(t1, MENVCFG_STCE, 171)
    li t0, -1
    csrw stimecmp, t0                          /* M: always accessible */
    csrr t1, stimecmp
    CHECK(t1, -1, 172)
    li t0, 2                                   /* TM */
    csrw mcounteren, t0
    ENTER_MODE(PRV_S)
    TEST_NO_TRAP(173, csrr t0, stimecmp; csrw stimecmp, t0)
    BACK_TO_M
    csrw mcounteren, zero                      /* STCE = 1, TM = 0 */
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(174, csrr t0, stimecmp)
    BACK_TO_M
    li t0, 2
    csrw mcounteren, t0
    li t0, MENVCFG_STCE                        /* STCE = 0, TM = 1 */
    csrc menvcfg, t0
    ENTER_MODE(PRV_S)
    TEST_ILLEGAL(175, csrr t0, stimecmp)
    TEST_ILLEGAL(176, csrw stimecmp, t0)
    BACK_TO_M
    ENTER_MODE(PRV_U)
    TEST_ILLEGAL(177, csrr t0, stimecmp)
    BACK_TO_M
    /* with STCE = 1, mip.STIP follows stimecmp and is not writable */
    li t0, MENVCFG_STCE
    csrs menvcfg, t0
    csrw stimecmp, zero                        /* time >= 0: pending */
    csrr t1, mip
    andi t1, t1, MIP_STIP
    CHECK(t1, MIP_STIP, 178)
    li t0, -1
    csrw stimecmp, t0                          /* far future: not pending */
    csrr t1, mip
    andi t1, t1, MIP_STIP
    CHECK(t1, 0, 179)
    li t0, MIP_STIP
    csrs mip, t0                               /* ignored */
    csrr t1, mip
    andi t1, t1, MIP_STIP
    CHECK(t1, 0, 180)
    csrw mcounteren, zero
    csrw menvcfg, zero

    PASS

    .balign 4
.Lvec_target:
    j .Lvec_target

    .bss
    .balign 4096
satp_dummy:
    .skip 4096
