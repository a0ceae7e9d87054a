/*
 * reset.S -- prints "boot" and asks the test finisher for a reset (0x7777):
 * the machine starts again from its images, so this prints "boot" forever.
 * Tested through the CLI with --max-insns (listed in cli-only.txt).
 */
    .section .text.init, "ax"
    .globl _start
_start:
    li   s0, 0x10000000
    la   s1, msg
1:  lbu  a0, 0(s1)
    beqz a0, 2f
3:  lbu  t0, 5(s0)
    andi t0, t0, 0x20
    beqz t0, 3b
    sb   a0, 0(s0)
    addi s1, s1, 1
    j    1b
2:  li   t0, 0x100000
    li   t1, 0x7777
    sw   t1, 0(t0)
4:  j    4b
    .section .rodata
msg: .asciz "boot\n"
