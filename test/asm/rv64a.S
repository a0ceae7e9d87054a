/*
 * rv64a.S -- the A extension.
 *   1-19   LR.W/LR.D/SC.W/SC.D: success (rd = 0, memory written, LR.W result
 *          sign-extended), failure (rd = 1, memory untouched) for an SC
 *          without a reservation, an SC to another address than the
 *          reserved one (which also drops the reservation), a second SC
 *          after a successful one; aq/rl variants.
 *   30-83  AMOSWAP/AMOADD/AMOXOR/AMOAND/AMOOR/AMOMIN/AMOMAX/AMOMINU/AMOMAXU
 *          .W and .D: rd = old value (.W sign-extended), memory = new value,
 *          the neighbouring word/doubleword untouched.
 *   90-99  rd = x0, rd = rs2, aq/rl/aqrl variants.
 *   100-   misaligned AMO/LR: must trap (only "a trap, cause 4..7, memory
 *          unchanged" is asserted; see the note there).
 */
#include "common.h"

/* word at amo_buf, sentinel word at amo_buf+4 */
#define TEST_AMO_W(n, insn, mem, src, old, new)                          \
    la x5, amo_buf; li x6, mem; sw x6, 0(x5); li x6, 0x5a5a5a5a;         \
    sw x6, 4(x5); li x6, src; insn x7, x6, (x5);                         \
    CHECK(x7, old, n); lw x8, 0(x5); CHECK(x8, new, n);                  \
    lwu x8, 4(x5); CHECK(x8, 0x5a5a5a5a, n)
/* doubleword at amo_buf, sentinel doubleword at amo_buf+8 */
#define TEST_AMO_D(n, insn, mem, src, old, new)                          \
    la x5, amo_buf; li x6, mem; sd x6, 0(x5); li x6, 0x5a5a5a5a5a5a5a5a; \
    sd x6, 8(x5); li x6, src; insn x7, x6, (x5);                         \
    CHECK(x7, old, n); ld x8, 0(x5); CHECK(x8, new, n);                  \
    ld x8, 8(x5); CHECK(x8, 0x5a5a5a5a5a5a5a5a, n)

    .text
    .globl main
main:
    PUTS("rv64a\n")
    la s0, amo_buf
    la s1, amo_buf2

    /* ---- LR.W / SC.W success ---- */
    li t0, 0x80000000
    sw t0, 0(s0)
    lr.w t1, (s0)
    CHECK(t1, 0xffffffff80000000, 1)
    li t2, 0x12345678
    sc.w t3, t2, (s0)
    CHECK(t3, 0, 2)
    lwu t1, 0(s0)
    CHECK(t1, 0x12345678, 3)
    /* a second SC after a successful one fails and does not write */
    li t2, 0x0badf00d
    sc.w t3, t2, (s0)
    CHECK(t3, 1, 4)
    lwu t1, 0(s0)
    CHECK(t1, 0x12345678, 5)

    /* ---- LR.D / SC.D success ---- */
    li t0, 0x8000000000000001
    sd t0, 0(s0)
    lr.d t1, (s0)
    CHECK(t1, 0x8000000000000001, 6)
    li t2, 0x0123456789abcdef
    sc.d t3, t2, (s0)
    CHECK(t3, 0, 7)
    ld t1, 0(s0)
    CHECK(t1, 0x0123456789abcdef, 8)
    /* SC.D without a reservation (it was consumed) fails */
    li t2, -1
    sc.d t3, t2, (s0)
    CHECK(t3, 1, 9)
    ld t1, 0(s0)
    CHECK(t1, 0x0123456789abcdef, 10)

    /* ---- SC to a different address than the reservation ---- */
    li t0, 0x1111
    sd t0, 0(s1)
    lr.d t1, (s0)
    li t2, 0x2222
    sc.d t3, t2, (s1)
    CHECK(t3, 1, 11)
    ld t1, 0(s1)
    CHECK(t1, 0x1111, 12)
    /* the failed SC dropped the reservation on s0 as well */
    sc.d t3, t2, (s0)
    CHECK(t3, 1, 13)
    ld t1, 0(s0)
    CHECK(t1, 0x0123456789abcdef, 14)

    /* ---- a new LR moves the reservation ---- */
    lr.w t1, (s1)
    lr.w t1, (s0)
    li t2, 0x77
    sc.w t3, t2, (s0)
    CHECK(t3, 0, 15)
    lw t1, 0(s0)
    CHECK(t1, 0x77, 16)

    /* ---- aq/rl variants of LR/SC ---- */
    lr.w.aq t1, (s0)
    li t2, 0x88
    sc.w.rl t3, t2, (s0)
    CHECK(t3, 0, 17)
    lr.d.aqrl t1, (s0)
    li t2, 0x99
    sc.d.aqrl t3, t2, (s0)
    CHECK(t3, 0, 18)
    ld t1, 0(s0)
    CHECK(t1, 0x99, 19)
    /* LR/SC with rd == rs2 */
    lr.d t2, (s0)
    addi t2, t2, 1
    sc.d t2, t2, (s0)
    CHECK(t2, 0, 20)
    ld t1, 0(s0)
    CHECK(t1, 0x9a, 21)

    /* ---- AMOs ---- */
    TEST_AMO_W(30, amoswap.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0x000000007ffffffe)
    TEST_AMO_W(31, amoswap.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_W(32, amoswap.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_W(33, amoadd.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0xffffffffffffffff)
    TEST_AMO_W(34, amoadd.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000002)
    TEST_AMO_W(35, amoadd.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xfffffffffffffffd)
    TEST_AMO_W(36, amoxor.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0xffffffffffffffff)
    TEST_AMO_W(37, amoxor.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffff8)
    TEST_AMO_W(38, amoxor.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0x0000000000000001)
    TEST_AMO_W(39, amoand.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0x0000000000000000)
    TEST_AMO_W(40, amoand.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_W(41, amoand.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_AMO_W(42, amoor.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0xffffffffffffffff)
    TEST_AMO_W(43, amoor.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_W(44, amoor.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_W(45, amomin.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0xffffffff80000001)
    TEST_AMO_W(46, amomin.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_W(47, amomin.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_AMO_W(48, amomax.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0x000000007ffffffe)
    TEST_AMO_W(49, amomax.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_W(50, amomax.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_W(51, amominu.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0x000000007ffffffe)
    TEST_AMO_W(52, amominu.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_W(53, amominu.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_AMO_W(54, amomaxu.w, 0x80000001, 0xf7ffffffe, 0xffffffff80000001, 0xffffffff80000001)
    TEST_AMO_W(55, amomaxu.w, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_W(56, amomaxu.w, 0xfffffffe, 0xffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_D(57, amoswap.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0x7ffffffffffffffe)
    TEST_AMO_D(58, amoswap.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(59, amoswap.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_D(60, amoadd.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0xffffffffffffffff)
    TEST_AMO_D(61, amoadd.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000002)
    TEST_AMO_D(62, amoadd.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffd)
    TEST_AMO_D(63, amoxor.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0xffffffffffffffff)
    TEST_AMO_D(64, amoxor.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffff8)
    TEST_AMO_D(65, amoxor.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0x0000000000000001)
    TEST_AMO_D(66, amoand.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0x0000000000000000)
    TEST_AMO_D(67, amoand.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_D(68, amoand.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_AMO_D(69, amoor.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0xffffffffffffffff)
    TEST_AMO_D(70, amoor.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(71, amoor.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_D(72, amomin.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0x8000000000000001)
    TEST_AMO_D(73, amomin.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(74, amomin.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_AMO_D(75, amomax.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0x7ffffffffffffffe)
    TEST_AMO_D(76, amomax.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_D(77, amomax.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)
    TEST_AMO_D(78, amominu.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0x7ffffffffffffffe)
    TEST_AMO_D(79, amominu.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0x0000000000000005)
    TEST_AMO_D(80, amominu.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xfffffffffffffffe)
    TEST_AMO_D(81, amomaxu.d, 0x8000000000000001, 0x7ffffffffffffffe, 0x8000000000000001, 0x8000000000000001)
    TEST_AMO_D(82, amomaxu.d, 0x5, 0xfffffffffffffffd, 0x0000000000000005, 0xfffffffffffffffd)
    TEST_AMO_D(83, amomaxu.d, 0xfffffffffffffffe, 0xffffffffffffffff, 0xfffffffffffffffe, 0xffffffffffffffff)

    /* ---- rd = x0, rd = rs2, aq/rl ---- */
    la s0, amo_buf      /* (s0 = x8 was used by the AMO macros) */
    li t0, 40
    sd t0, 0(s0)
    li t1, 2
    amoadd.d x0, t1, (s0)
    ld t2, 0(s0)
    CHECK(t2, 42, 90)
    li t1, 7
    amoswap.d t1, t1, (s0)
    CHECK(t1, 42, 91)
    ld t2, 0(s0)
    CHECK(t2, 7, 92)
    li t1, 1
    amoadd.w.aq t2, t1, (s0)
    amoadd.w.rl t2, t1, (s0)
    amoadd.w.aqrl t2, t1, (s0)
    CHECK(t2, 9, 93)
    amoor.d.aq t2, t1, (s0)
    amoxor.d.rl t2, t1, (s0)
    amomaxu.d.aqrl t2, t1, (s0)
    ld t2, 0(s0)
    CHECK(t2, 10, 94)
    /* an AMO to memory written as a doubleword: .W touches the low word only */
    li t0, 0xffffffff00000001
    sd t0, 0(s0)
    li t1, 0xffffffff
    amoadd.w t2, t1, (s0)
    CHECK(t2, 1, 95)
    ld t2, 0(s0)
    CHECK(t2, 0xffffffff00000000, 96)
    /* upper word */
    li t1, 1
    addi t3, s0, 4
    amoadd.w t2, t1, (t3)
    CHECK(t2, 0xffffffffffffffff, 97)
    ld t2, 0(s0)
    CHECK(t2, 0x0000000000000000, 98)

    /* ---- misaligned AMO / LR ----
     * The ISA requires a trap: address-misaligned or access fault. For AMOs
     * that is cause 6 or 7 (store/AMO), for LR cause 4 or 5; but QEMU 7.2
     * reports cause 4 (load address misaligned) for a misaligned AMO, so only
     * "a trap with a cause in 4..7, memory unchanged" is asserted (x9 = 1),
     * and neither cause nor tval is printed. */
#define TEST_MISALIGNED_AMO(n, insn)                                     \
    la x5, amo_buf; li x6, 0x0102030405060708; sd x6, 0(x5); sd x6, 8(x5); \
    CLEAR_TRAP; li x6, 0x7f; insn x7, x6, (x10);                         \
    li x9, 0; la x6, trap_count; ld x6, 0(x6); li x8, 1; bne x6, x8, 9004f; \
    la x6, trap_cause; ld x6, 0(x6); addi x6, x6, -4; li x8, 3;          \
    bgtu x6, x8, 9004f;                                                  \
    ld x6, 0(x5); li x8, 0x0102030405060708; bne x6, x8, 9004f;          \
    ld x6, 8(x5); bne x6, x8, 9004f; li x9, 1;                           \
9004: CHECK(x9, 1, n); CLEAR_TRAP
    la x10, amo_buf + 2
    TEST_MISALIGNED_AMO(100, amoadd.w)
    TEST_MISALIGNED_AMO(101, amoswap.w)
    la x10, amo_buf + 4
    TEST_MISALIGNED_AMO(102, amoadd.d)
    TEST_MISALIGNED_AMO(103, amomaxu.d)
    la x10, amo_buf + 1
    TEST_MISALIGNED_AMO(104, amoor.w)
    /* misaligned LR.W / LR.D */
    la x10, amo_buf + 2
    CLEAR_TRAP
    lr.w x7, (x10)
    li x9, 0
    la x6, trap_count
    ld x6, 0(x6)
    li x8, 1
    bne x6, x8, 1f
    la x6, trap_cause
    ld x6, 0(x6)
    addi x6, x6, -4
    li x8, 1
    bgtu x6, x8, 1f
    li x9, 1
1:  CHECK(x9, 1, 105)
    la x10, amo_buf + 4
    CLEAR_TRAP
    lr.d x7, (x10)
    li x9, 0
    la x6, trap_count
    ld x6, 0(x6)
    li x8, 1
    bne x6, x8, 1f
    la x6, trap_cause
    ld x6, 0(x6)
    addi x6, x6, -4
    li x8, 1
    bgtu x6, x8, 1f
    li x9, 1
1:  CHECK(x9, 1, 106)
    CLEAR_TRAP

    PASS

    .data
    .balign 16
amo_buf:
    .dword 0, 0
amo_buf2:
    .dword 0, 0
