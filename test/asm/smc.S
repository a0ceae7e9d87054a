/*
 * smc.S -- code that changes: stores over instructions that have already
 * run (rvlab caches decoded instructions per page; QEMU caches translated
 * blocks), with and without FENCE.I, whole and partial overwrites, 32-bit
 * instructions that straddle a page boundary, a page that holds both code
 * and hot data, AMOs on code, and code copied into a data page.
 *
 * The stores never modify the instruction block they are in (the patched
 * code is always a called function): across blocks QEMU keeps translated
 * code coherent with stores without FENCE.I, as rvlab does everywhere.
 *
 *   1-9     whole-word patches of a function that already ran (no FENCE.I, FENCE.I)
 *   10-19   partial patches: SH over the upper half, SB over one byte, a 32-bit
 *           instruction replaced by two 16-bit ones (and back)
 *   20-29   a 32-bit instruction straddling a page end: both halves patched
 *   30-39   a loop storing to a word in its own page 10000 times
 *   40-49   AMOSWAP and AMOADD onto an instruction
 *   50-59   code copied into a data page, run, patched, run again
 *   60-69   a patched instruction in a hot loop (changes at iteration 50)
 */
#include "common.h"

#define ADDI_A0_ZERO(imm)  (((imm) << 20) | (10 << 7) | 0x13)          /* addi a0, zero, imm */
#define ADDI_A0_A0(imm)    (((imm) << 20) | (10 << 15) | (10 << 7) | 0x13) /* addi a0, a0, imm */
#define C_LI_A0_7          0x451d
#define C_NOP              0x0001
#define RET_INSN           0x00008067                                   /* jalr zero, 0(ra) */

    .text
    .globl main
main:
    PUTS("smc\n")

    /* ---- 1-9: whole words ---- */
    call patch1
    CHECK(a0, 1, 1)
    la t0, patch1
    li t1, ADDI_A0_ZERO(42)
    sw t1, 0(t0)
    call patch1
    CHECK(a0, 42, 2)
    li t1, ADDI_A0_ZERO(7)
    sw t1, 0(t0)
    fence.i
    call patch1
    CHECK(a0, 7, 3)
    /* A doubleword store over two instructions at once. */
    la t0, patch2
    call patch2
    CHECK(a0, 3, 4)
    li t1, (ADDI_A0_ZERO(100) | (ADDI_A0_A0(20) << 32))
    sd t1, 0(t0)
    call patch2
    CHECK(a0, 120, 5)

    /* ---- 10-19: partial overwrites ---- */
    la t0, patch3
    call patch3
    CHECK(a0, 1, 10)
    li t1, (ADDI_A0_ZERO(0x2a) >> 16)
    sh t1, 2(t0)                 /* the upper half only */
    call patch3
    CHECK(a0, 0x2a, 11)
    li t1, ((ADDI_A0_ZERO(0x55) >> 24) & 0xff)
    sb t1, 3(t0)                 /* one byte of it */
    call patch3
    CHECK(a0, 0x5a, 12)          /* 0x02a00513 with byte 3 = 0x05: imm 0x05a */
    /* Two 16-bit instructions over one 32-bit one, then back. */
    li t1, ((C_NOP << 16) | C_LI_A0_7)
    sw t1, 0(t0)
    call patch3
    CHECK(a0, 7, 13)
    li t1, ADDI_A0_ZERO(9)
    sw t1, 0(t0)
    call patch3
    CHECK(a0, 9, 14)

    /* ---- 20-29: an instruction across the page end ---- */
    call straddle
    CHECK(a0, 5, 20)
    la t0, straddle_insn
    li t1, (ADDI_A0_A0(9) >> 16)
    sh t1, 2(t0)                 /* the half in the next page */
    call straddle
    CHECK(a0, 9, 21)
    li t1, ((2 << 12) | (10 << 7) | 0x13)  /* the half in the first page: addi -> slti a0, a0, 9 */
    sh t1, 0(t0)
    call straddle
    CHECK(a0, 1, 22)
    li t1, ADDI_A0_A0(3)
    sh t1, 0(t0)
    srli t1, t1, 16
    sh t1, 2(t0)
    call straddle
    CHECK(a0, 3, 23)

    /* ---- 30-39: code and hot data in one page ---- */
    call hot_loop
    la t0, hot_word
    ld t1, 0(t0)
    CHECK(t1, 30000, 30)
    call patch4                  /* code in that page still runs, and is still patchable */
    CHECK(a0, 4, 31)
    la t0, patch4
    li t1, ADDI_A0_ZERO(44)
    sw t1, 0(t0)
    call patch4
    CHECK(a0, 44, 32)

    /* ---- 40-49: atomics on code ---- */
    la t0, patch5
    call patch5
    CHECK(a0, 5, 40)
    li t1, ADDI_A0_ZERO(50)
    amoswap.w t2, t1, (t0)
    li t3, ADDI_A0_ZERO(5)
    sub t2, t2, t3
    CHECK(t2, 0, 41)
    call patch5
    CHECK(a0, 50, 42)
    li t1, (1 << 20)             /* +1 to the immediate */
    amoadd.w zero, t1, (t0)
    call patch5
    CHECK(a0, 51, 43)

    /* ---- 50-59: code in a data page ---- */
    la t0, code_buf
    li t1, ADDI_A0_ZERO(60)
    sw t1, 0(t0)
    li t1, RET_INSN
    sw t1, 4(t0)
    fence.i
    jalr t0
    CHECK(a0, 60, 50)
    la t0, code_buf
    li t1, ADDI_A0_ZERO(61)
    sw t1, 0(t0)                 /* the page has run code now: this store must reach it */
    jalr t0
    CHECK(a0, 61, 51)
    /* The page's data keeps working (a store-heavy loop), and so does its code. */
    la t0, code_buf
    li t2, 0
1:  sd t2, 64(t0)
    addi t2, t2, 1
    li t3, 6000
    bne t2, t3, 1b
    ld t3, 64(t0)
    CHECK(t3, 5999, 52)
    li t1, ADDI_A0_ZERO(62)
    sw t1, 0(t0)
    jalr t0
    CHECK(a0, 62, 53)

    /* ---- 60-69: patched in the middle of a hot loop ---- */
    li s2, 0                     /* sum */
    li s3, 0                     /* iteration */
    li s4, 100
1:  call patch6
    add s2, s2, a0
    addi s3, s3, 1
    li t1, 50
    bne s3, t1, 2f
    la t0, patch6
    li t1, ADDI_A0_ZERO(10)
    sw t1, 0(t0)
2:  bne s3, s4, 1b
    CHECK(s2, 50 * 1 + 50 * 10, 60)

    PASS

/* The functions that get patched: 32-bit encodings on purpose. */
    .balign 4                    /* before norvc: gas assumes norvc code is aligned already */
    .option push
    .option norvc
patch1:
    addi a0, zero, 1
    ret
patch2:
    addi a0, zero, 1
    addi a0, a0, 2
    ret
patch3:
    addi a0, zero, 1
    ret
patch5:
    addi a0, zero, 5
    ret
patch6:
    addi a0, zero, 1
    ret
    .option pop

/* A page with code and a hot data word. */
    .balign 4096
hot_page:
hot_loop:                        /* 10000 times: hot_word += 3 (hot_word is in this page) */
    li a0, 0
    li t2, 10000
    la t0, hot_word
    sd zero, 0(t0)
1:  ld t1, 0(t0)
    addi t1, t1, 3
    sd t1, 0(t0)
    addi a0, a0, 1
    bne a0, t2, 1b
    ret
    .option push
    .option norvc
patch4:
    addi a0, zero, 4
    ret
    .option pop
    .balign 8
hot_word:
    .dword 0

/* straddle: c.li a0, 0 at page + 0xffc, a 32-bit addi at 0xffe..0x1001, ret in the next page. */
    .balign 4096
    .skip 0xffc
straddle:
    c.li a0, 0
straddle_insn:
    .option push
    .option norvc
    addi a0, a0, 5
    .option pop
    ret

    .data
    .balign 4096
code_buf:
    .skip 256
