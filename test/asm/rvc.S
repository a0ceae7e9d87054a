/*
 * rvc.S -- every RV64C encoding, with immediate edge cases, the HINT
 * encodings (must execute as no-ops) and the reserved/illegal encodings
 * (must raise illegal instruction, mcause 2).
 *
 *   1-9     C.ADDI4SPN, C.ADDI16SP
 *   10-19   C.LW, C.SW, C.LD, C.SD
 *   20-29   C.LWSP, C.SWSP, C.LDSP, C.SDSP
 *   30-49   C.NOP, C.ADDI, C.ADDIW, C.LI, C.LUI
 *   50-69   C.SRLI, C.SRAI, C.ANDI, C.SLLI, C.MV, C.ADD
 *   70-79   C.SUB, C.XOR, C.OR, C.AND, C.ADDW, C.SUBW
 *   80-99   C.J, C.BEQZ, C.BNEZ (incl. maximum forward/backward offsets),
 *           C.JR, C.JALR (link = pc + 2)
 *   100-109 C.EBREAK (cause 3, mepc = its address; mtval = 0 on QEMU 7.2)
 *   110-119 HINT encodings execute without effect
 *   130-    illegal: mcause 2, mepc = the instruction, mtval = the 16
 *           instruction bits (zero-extended), as QEMU 7.2 reports them.
 *
 * The instructions under test are written with explicit c.* mnemonics (or
 * .half) so that they are 16-bit encodings (checked with objdump: gas may
 * widen a c.j/c.beqz to a forward label, so the maximum forward offsets are
 * written out as .half).
 */
#include "common.h"

/* An illegal 16-bit encoding: trap cause 2 with mtval = bits, mepc = it. */
#define TEST_ILL16(n, bits)                                              \
    CLEAR_TRAP;                                                          \
9005: .half bits;                                                        \
    CHECK_MEM_ADDR(trap_epc, 9005b, n);                                  \
    EXPECT_TRAP(CAUSE_ILLEGAL_INSN, bits, n)

    .text
    .option rvc
    .globl main
main:
    PUTS("rvc\n")
    addi sp, sp, -512          /* frame for the sp-relative forms */
    mv s1, sp

    /* ---- C.ADDI4SPN ---- */
    c.addi4spn a0, sp, 4
    sub a0, a0, sp
    CHECK(a0, 4, 1)
    c.addi4spn s0, sp, 1020
    sub s0, s0, sp
    CHECK(s0, 1020, 2)
    c.addi4spn a5, sp, 512
    sub a5, a5, sp
    CHECK(a5, 512, 3)

    /* ---- C.ADDI16SP ---- */
    c.addi16sp sp, -512
    sub t0, sp, s1
    mv sp, s1
    CHECK(t0, -512, 4)
    c.addi16sp sp, 496
    sub t0, sp, s1
    mv sp, s1
    CHECK(t0, 496, 5)
    c.addi16sp sp, 16
    sub t0, sp, s1
    mv sp, s1
    CHECK(t0, 16, 6)

    /* ---- C.LW / C.SW / C.LD / C.SD ---- */
    la s0, cbuf
    li a0, 0x80000000
    c.sw a0, 0(s0)
    c.lw a1, 0(s0)
    CHECK(a1, 0xffffffff80000000, 10)
    li a0, 0x12345678
    c.sw a0, 124(s0)
    c.lw a2, 124(s0)
    CHECK(a2, 0x12345678, 11)
    lwu a2, 124(s0)
    CHECK(a2, 0x12345678, 12)
    li a0, 0x8877665544332211
    c.sd a0, 248(s0)
    c.ld a3, 248(s0)
    CHECK(a3, 0x8877665544332211, 13)
    c.sd a0, 0(s0)
    ld a3, 0(s0)
    CHECK(a3, 0x8877665544332211, 14)
    c.lw a4, 4(s0)
    CHECK(a4, 0xffffffff88776655, 15)
    mv a5, s0
    c.ld a5, 0(a5)                 /* rd == rs1 */
    CHECK(a5, 0x8877665544332211, 16)

    /* ---- C.LWSP / C.SWSP / C.LDSP / C.SDSP ---- */
    li t0, 0xfedcba98
    c.swsp t0, 252(sp)
    c.lwsp t1, 252(sp)
    CHECK(t1, 0xfffffffffedcba98, 20)
    c.swsp t0, 0(sp)
    lwu t1, 0(sp)
    CHECK(t1, 0xfedcba98, 21)
    li t0, 0x0123456789abcdef
    c.sdsp t0, 504(sp)
    c.ldsp x31, 504(sp)
    CHECK(x31, 0x0123456789abcdef, 22)
    c.sdsp t0, 0(sp)
    ld t1, 0(sp)
    CHECK(t1, 0x0123456789abcdef, 23)
    c.lwsp x31, 4(sp)
    CHECK(x31, 0x01234567, 24)
    ld t1, 504(sp)
    CHECK(t1, 0x0123456789abcdef, 25)

    /* ---- C.NOP / C.ADDI / C.ADDIW / C.LI / C.LUI ---- */
    li a0, 5
    c.nop
    CHECK(a0, 5, 30)
    li x31, 100
    c.addi x31, -32
    CHECK(x31, 68, 31)
    li a0, 100
    c.addi a0, 31
    CHECK(a0, 131, 32)
    li a0, -1
    c.addi a0, 1
    CHECK(a0, 0, 33)
    li a0, 0x7fffffff
    c.addiw a0, 1
    CHECK(a0, 0xffffffff80000000, 34)
    li a0, 0xffffffff
    c.addiw a0, 0                  /* sext.w */
    CHECK(a0, 0xffffffffffffffff, 35)
    li x31, 0x100000005
    c.addiw x31, -32
    CHECK(x31, 0xffffffffffffffe5, 36)
    c.li a0, -32
    CHECK(a0, 0xffffffffffffffe0, 37)
    c.li x31, 31
    CHECK(x31, 31, 38)
    c.li a0, 0
    CHECK(a0, 0, 39)
    c.lui a0, 1
    CHECK(a0, 0x1000, 40)
    c.lui a0, 31
    CHECK(a0, 0x1f000, 41)
    c.lui a0, 0xfffe0
    CHECK(a0, 0xfffffffffffe0000, 42)
    c.lui x31, 0xfffff
    CHECK(x31, 0xfffffffffffff000, 43)
    c.lui ra, 0x10
    CHECK(ra, 0x10000, 44)

    /* ---- C.SRLI / C.SRAI / C.ANDI / C.SLLI / C.MV / C.ADD ---- */
    li a0, 0x8000000000000001
    c.srli a0, 1
    CHECK(a0, 0x4000000000000000, 50)
    li a0, 0x8000000000000001
    c.srli a0, 63
    CHECK(a0, 1, 51)
    li a0, 0x8000000000000001
    c.srli a0, 32
    CHECK(a0, 0x80000000, 52)
    li s0, 0x8000000000000001
    c.srai s0, 1
    CHECK(s0, 0xc000000000000000, 53)
    li s0, 0x8000000000000001
    c.srai s0, 63
    CHECK(s0, 0xffffffffffffffff, 54)
    li s0, 0x8000000000000001
    c.srai s0, 31
    CHECK(s0, 0xffffffff00000000, 55)
    li s0, 0x4000000000000001
    c.srai s0, 32
    CHECK(s0, 0x40000000, 56)
    li a1, 0x123456789abcdef0
    c.andi a1, -1
    CHECK(a1, 0x123456789abcdef0, 57)
    c.andi a1, 31
    CHECK(a1, 0x10, 58)
    li a1, -1
    c.andi a1, -32
    CHECK(a1, 0xffffffffffffffe0, 59)
    c.andi a1, 0
    CHECK(a1, 0, 60)
    li x31, 1
    c.slli x31, 63
    CHECK(x31, 0x8000000000000000, 61)
    li a0, 0x123456789abcdef1
    c.slli a0, 4
    CHECK(a0, 0x23456789abcdef10, 62)
    c.slli a0, 32
    CHECK(a0, 0xabcdef1000000000, 63)
    li x31, 0x5555
    c.mv a0, x31
    CHECK(a0, 0x5555, 64)
    c.mv x1, x31
    CHECK(x1, 0x5555, 65)
    li a0, 3
    li x31, -5
    c.add a0, x31
    CHECK(a0, 0xfffffffffffffffe, 66)
    c.add x31, x31
    CHECK(x31, 0xfffffffffffffff6, 67)

    /* ---- C.SUB / C.XOR / C.OR / C.AND / C.ADDW / C.SUBW ---- */
    li s0, 10
    li s1, 3
    c.sub s0, s1
    CHECK(s0, 7, 70)
    li a0, 0
    li a1, 1
    c.sub a0, a1
    CHECK(a0, 0xffffffffffffffff, 71)
    li a2, 0xff00ff00ff00ff00
    li a3, 0x0f0f0f0f0f0f0f0f
    mv a4, a2
    c.xor a4, a3
    CHECK(a4, 0xf00ff00ff00ff00f, 72)
    mv a4, a2
    c.or a4, a3
    CHECK(a4, 0xff0fff0fff0fff0f, 73)
    mv a4, a2
    c.and a4, a3
    CHECK(a4, 0x0f000f000f000f00, 74)
    li a5, 0x7fffffff
    li s1, 1
    c.addw a5, s1
    CHECK(a5, 0xffffffff80000000, 75)
    li a5, 0x80000000
    c.subw a5, s1
    CHECK(a5, 0x7fffffff, 76)
    li a5, 0x123456789
    li s1, 0x100000001
    c.addw a5, s1
    CHECK(a5, 0x2345678a, 77)
    li a5, 0
    c.subw a5, s1
    CHECK(a5, 0xffffffffffffffff, 78)

    /* ---- C.J ---- */
    li a0, 0
    c.j 1f
    li a0, 1
1:  CHECK(a0, 0, 80)
    /* maximum forward offset (+2046); the gap is c.ebreak, which would trap */
    CLEAR_TRAP
    li a1, 0
.Lcj_site:
    .half 0xaffd                   /* c.j .+2046 (written out: gas would
                                      turn a forward c.j into a jal) */
    .fill 1022, 2, 0x9002
.Lcj_max:
    .if .Lcj_max - .Lcj_site - 2046
    .error "c.j +2046 layout"
    .endif
    li a1, 1
    CHECK(a1, 1, 81)
    EXPECT_NO_TRAP(81)
    /* maximum backward offset (-2048) */
    li a1, 0
    j .Lcjb_site
.Lcjb_target:
    li a1, 1
    j .Lcjb_done
    .org .Lcjb_target + 2048, 0
.Lcjb_site:
    c.j .Lcjb_target
.Lcjb_done:
    CHECK(a1, 1, 82)
    EXPECT_NO_TRAP(82)

    /* ---- C.BEQZ / C.BNEZ ---- */
#define TEST_CBR(n, op, v, taken)                                        \
    li s0, v; li a1, 1; op s0, 9006f; li a1, 0;                          \
9006: CHECK(a1, taken, n)
    TEST_CBR(83, c.beqz, 0, 1)
    TEST_CBR(84, c.beqz, 1, 0)
    TEST_CBR(85, c.beqz, 0x8000000000000000, 0)
    TEST_CBR(86, c.bnez, 0, 0)
    TEST_CBR(87, c.bnez, 0x100000000, 1)
    TEST_CBR(88, c.bnez, -1, 1)
    /* backwards */
    li s0, 4
    li s1, 0
1:  c.addi s1, 1
    c.addi s0, -1
    c.bnez s0, 1b
    CHECK(s1, 4, 89)
    /* maximum forward offset (+254) */
    CLEAR_TRAP
    li a5, 0
    li a1, 0
.Lbz_site:
    .half 0xcffd                   /* c.beqz a5, .+254 */
    .fill 126, 2, 0x9002
.Lbz_max:
    .if .Lbz_max - .Lbz_site - 254
    .error "c.beqz +254 layout"
    .endif
    li a1, 1
    CHECK(a1, 1, 90)
    EXPECT_NO_TRAP(90)
    /* maximum backward offset (-256) */
    li a1, 0
    li a5, 1
    j .Lbnz_site
.Lbnz_target:
    li a1, 1
    j .Lbnz_done
    .org .Lbnz_target + 256, 0
.Lbnz_site:
    c.bnez a5, .Lbnz_target
.Lbnz_done:
    CHECK(a1, 1, 91)
    EXPECT_NO_TRAP(91)

    /* ---- C.JR / C.JALR ---- */
    li ra, 0x1234
    la a0, .Lcjr_t
    c.jr a0
    FAIL(92)
.Lcjr_t:
    CHECK(ra, 0x1234, 92)          /* c.jr does not link */
    la a0, .Lcjalr_t
    c.jalr a0
.Lcjalr_link:
    FAIL(93)
.Lcjalr_t:
    CHECK_ADDR(ra, .Lcjalr_link, 93)
    la a0, .Lcjalr_site
    addi a0, a0, 2
    CHECK_ADDR(a0, .Lcjalr_link, 94)    /* link = address of c.jalr + 2 */
    j 1f
.Lcjalr_site = .Lcjalr_link - 2
1:
    /* c.jalr ra: the target is the old ra */
    la ra, .Lcjalr2_t
    c.jalr ra
.Lcjalr2_link:
    FAIL(95)
.Lcjalr2_t:
    CHECK_ADDR(ra, .Lcjalr2_link, 95)
    /* c.jr to an odd address? (bit 0 is cleared, like jalr) */
    la a0, .Lcjr2_t + 1
    c.jr a0
    FAIL(96)
.Lcjr2_t:
    PUTS("96: c.jr odd ok\n")

    /* ---- C.EBREAK ---- */
    CLEAR_TRAP
.Lcebreak:
    c.ebreak
    CHECK_MEM_ADDR(trap_epc, .Lcebreak, 100)
    EXPECT_TRAP(CAUSE_BREAKPOINT, 0, 101)

    /* ---- HINTs: no trap, no architectural effect ---- */
    CLEAR_TRAP
    li a0, 0x1111
    li s0, 0x2222
    .half 0x0005                   /* c.nop with nzimm = 1 */
    .half 0x0501                   /* c.addi a0, 0 */
    .half 0x4015                   /* c.li x0, 5 */
    .half 0x6005                   /* c.lui x0, 1 */
    .half 0x802a                   /* c.mv x0, a0 */
    .half 0x902a                   /* c.add x0, a0 */
    .half 0x0006                   /* c.slli x0, 1 */
    .half 0x0502                   /* c.slli a0, 0 (c.slli64) */
    .half 0x8001                   /* c.srli s0, 0 (c.srli64) */
    .half 0x8401                   /* c.srai s0, 0 (c.srai64) */
    EXPECT_NO_TRAP(110)
    CHECK(a0, 0x1111, 111)
    CHECK(s0, 0x2222, 112)
    CHECK(x0, 0, 113)

    /* ---- reserved / illegal 16-bit encodings ---- */
    TEST_ILL16(130, 0x0000)        /* all zero */
    TEST_ILL16(131, 0x0004)        /* C.ADDI4SPN nzuimm = 0, rd' = x9 */
    TEST_ILL16(132, 0x001c)        /* C.ADDI4SPN nzuimm = 0, rd' = x15 */
    TEST_ILL16(133, 0x6501)        /* C.LUI a0, 0 */
    TEST_ILL16(134, 0x6101)        /* C.ADDI16SP sp, 0 */
    TEST_ILL16(135, 0x4012)        /* C.LWSP rd = 0 */
    TEST_ILL16(136, 0x6012)        /* C.LDSP rd = 0 */
    TEST_ILL16(137, 0x8002)        /* C.JR rs1 = 0 */
    TEST_ILL16(138, 0x2005)        /* C.ADDIW rd = 0 */
    TEST_ILL16(139, 0x9c41)        /* CA funct6 100111, funct2 10 */
    TEST_ILL16(140, 0x9c61)        /* CA funct6 100111, funct2 11 */
    TEST_ILL16(141, 0x9fe5)        /* same, other registers */
    TEST_ILL16(142, 0x2000)        /* C.FLD (no D) */
    TEST_ILL16(143, 0xa000)        /* C.FSD */
    TEST_ILL16(144, 0x2002)        /* C.FLDSP */
    TEST_ILL16(145, 0xa002)        /* C.FSDSP */
    TEST_ILL16(146, 0x3c64)        /* C.FLD fs1', 120(s0)-ish */
    TEST_ILL16(147, 0xbfe6)        /* C.FSDSP with all immediate bits set */
    TEST_ILL16(148, 0x8000)        /* quadrant 0, funct3 100: reserved */
    TEST_ILL16(149, 0x9ffc)        /* quadrant 0, funct3 100, other bits */
    TEST_ILL16(150, 0x6081)        /* C.LUI x1, 0 */

    /* registers survived all the traps */
    CHECK(a0, 0x1111, 160)

    PASS

    .data
    .balign 8
cbuf:
    .fill 32, 8, 0
