/*
 * misaligned.S -- misaligned loads and stores are performed in place (as
 * hardware may, and as QEMU does for plain loads and stores): within a page
 * and across a page boundary, every width; atomics still trap.
 */
#include "common.h"
    .text
    .globl main
main:
    la   s0, buf
    /* fill buf with 0x00,0x11,...,0xff pattern bytes i*0x11 */
    li   t0, 0
    li   t1, 32
1:  slli t2, t0, 4
    add  t2, t2, t0
    add  t3, s0, t0
    sb   t2, 0(t3)
    addi t0, t0, 1
    blt  t0, t1, 1b

    CLEAR_TRAP
    ld   a0, 1(s0)
    CHECK(a0, 0x8877665544332211, 1)
    lw   a0, 3(s0)
    CHECK(a0, 0x0000000066554433, 2)
    lw   a0, 6(s0)
    CHECK(a0, 0xffffffff99887766, 3)
    lh   a0, 9(s0)
    CHECK(a0, 0xffffffffffffaa99, 4)
    lhu  a0, 9(s0)
    CHECK(a0, 0x000000000000aa99, 5)
    lwu  a0, 7(s0)
    CHECK(a0, 0x00000000aa998877, 6)
    li   a1, 0x0123456789abcdef
    sd   a1, 3(s0)
    ld   a0, 3(s0)
    CHECK(a0, 0x0123456789abcdef, 7)
    ld   a0, 0(s0)
    CHECK(a0, 0x6789abcdef221100, 8)
    sw   a1, 13(s0)
    lwu  a0, 13(s0)
    CHECK(a0, 0x0000000089abcdef, 9)
    sh   a1, 21(s0)
    lhu  a0, 21(s0)
    CHECK(a0, 0x000000000000cdef, 10)
    EXPECT_NO_TRAP(11)

    /* across a page boundary */
    la   s1, page_end
    li   a1, 0x1122334455667788
    sd   a1, -3(s1)
    ld   a0, -3(s1)
    CHECK(a0, 0x1122334455667788, 12)
    lbu  a0, -3(s1)
    CHECK(a0, 0x88, 13)
    lbu  a0, 4(s1)
    CHECK(a0, 0x11, 14)
    lw   a0, -1(s1)
    CHECK(a0, 0x0000000033445566, 15)
    EXPECT_NO_TRAP(16)

    /* atomics must be aligned: LR raises load address misaligned. (A
       misaligned AMO raises store/AMO misaligned, cause 6, on rvlab as the
       spec says; QEMU 7.2 reports 4, so rv64a.S accepts either.) */
    addi a2, s0, 1
    lr.w a0, (a2)
    EXPECT_TRAP_CAUSE(CAUSE_MISALIGNED_LOAD, 17)
    PASS

    .data
    .align 3
buf: .space 64
    .align 12
    .space 4096 - 16
    .space 16
page_end:
    .space 16
