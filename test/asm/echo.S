/*
 * echo.S -- polled UART input: echoes every received byte in upper case;
 * on 'q' prints "\nbye\n" and exits 0 through the test finisher.
 * Emulator-only (no QEMU reference): it needs input on stdin.
 */
    .section .text.init, "ax"
    .globl _start
_start:
    li   s0, 0x10000000          /* UART */
    la   a0, banner
    call puts
1:  lbu  t0, 5(s0)               /* LSR: wait for data ready */
    andi t0, t0, 1
    beqz t0, 1b
    lbu  a0, 0(s0)               /* RBR */
    li   t1, 'q'
    beq  a0, t1, 2f
    li   t1, 'a'
    blt  a0, t1, 3f
    li   t1, 'z'
    bgt  a0, t1, 3f
    addi a0, a0, -32             /* to upper case */
3:  call putc
    j    1b
2:  la   a0, bye
    call puts
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
4:  j    4b

putc:                            /* a0 = byte; waits for THRE */
    lbu  t0, 5(s0)
    andi t0, t0, 0x20
    beqz t0, putc
    sb   a0, 0(s0)
    ret
puts:                            /* a0 = NUL-terminated string */
    mv   t2, ra
    mv   t3, a0
5:  lbu  a0, 0(t3)
    beqz a0, 6f
    call putc
    addi t3, t3, 1
    j    5b
6:  mv   ra, t2
    ret

    .section .rodata
banner: .asciz "echo>\n"
bye:    .asciz "\nbye\nPASS\n"
