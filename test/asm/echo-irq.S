/*
 * echo-irq.S -- interrupt-driven UART input through the PLIC (M context):
 * sleeps in WFI; the external-interrupt handler claims source 10, drains the
 * receive FIFO echoing each byte in upper case, and completes. On 'q' it
 * prints "\nbye\n" and exits 0. Emulator-only: it needs input on stdin.
 */
#define UART  0x10000000
#define PLIC  0x0c000000
    .section .text.init, "ax"
    .globl _start
_start:
    la   sp, stack_top
    li   s0, UART
    la   t0, trap
    csrw mtvec, t0
    la   a0, banner
    call puts
    /* PLIC: priority(10) = 1, enable source 10 for context 0, threshold 0 */
    li   t0, PLIC + 10*4
    li   t1, 1
    sw   t1, 0(t0)
    li   t0, PLIC + 0x2000
    li   t1, 1 << 10
    sw   t1, 0(t0)
    li   t0, PLIC + 0x200000
    sw   zero, 0(t0)
    /* UART: receive-data interrupt on */
    li   t1, 1
    sb   t1, 1(s0)
    /* mie.MEIE, mstatus.MIE */
    li   t0, 1 << 11
    csrs mie, t0
    csrsi mstatus, 8
1:  wfi
    j    1b

    .align 2
trap:
    csrr t0, mcause
    bgez t0, fail                 /* only the external interrupt is expected */
    li   t0, PLIC + 0x200004
    lw   s1, 0(t0)                /* claim */
2:  lbu  t1, 5(s0)
    andi t1, t1, 1
    beqz t1, 3f
    lbu  a0, 0(s0)
    li   t1, 'q'
    beq  a0, t1, done
    li   t1, 'a'
    blt  a0, t1, 4f
    li   t1, 'z'
    bgt  a0, t1, 4f
    addi a0, a0, -32
4:  call putc
    j    2b
3:  li   t0, PLIC + 0x200004
    sw   s1, 0(t0)                /* complete */
    mret
done:
    la   a0, bye
    call puts
    li   t0, 0x100000
    li   t1, 0x5555
    sw   t1, 0(t0)
5:  j    5b
fail:
    li   t0, 0x100000
    li   t1, (1 << 16) | 0x3333
    sw   t1, 0(t0)
    j    fail

putc:
    lbu  t0, 5(s0)
    andi t0, t0, 0x20
    beqz t0, putc
    sb   a0, 0(s0)
    ret
puts:
    mv   t2, ra
    mv   t3, a0
6:  lbu  a0, 0(t3)
    beqz a0, 7f
    call putc
    addi t3, t3, 1
    j    6b
7:  mv   ra, t2
    ret

    .section .rodata
banner: .asciz "echo-irq>\n"
bye:    .asciz "\nbye\nPASS\n"
    .section .bss
    .align 4
    .space 4096
stack_top:
