/*
 * uart.S -- the 16550A UART at 0x10000000 (register behaviour required by
 * the 16550A data sheet; reset values that differ between models, such as
 * MCR or MSR, are neither printed nor checked).
 *
 *   1-3     SCR is a plain scratch register
 *   4-5     LCR reads back what was written
 *   6-8     DLAB = 1 banks DLL/DLM over THR/RBR/IER (divisor reads back,
 *           IER untouched); nothing is printed while DLAB = 1
 *   9-11    IER reads back its low 4 bits, upper bits read 0
 *   12      FCR = 0x07 (enable and reset FIFOs): IIR = 0xC1
 *   13-14   IER.ETBEI with THR empty: IIR = 0xC2, cleared by reading IIR
 *   15      FCR = 0 (FIFOs off): IIR = 0x01
 *   16      LSR: THRE and TEMT set, DR clear (no input) when idle
 *   17-18   MCR reads back bits 0-4, upper bits read 0 (loopback not used)
 *   19      output through THR, polling LSR.THRE before every byte
 */
#include "common.h"

/* Wait until the transmitter is completely empty (LSR.TEMT). */
#define WAIT_TEMT                                                        \
9930: lbu t0, UART_LSR(s0); andi t0, t0, 0x40; beqz t0, 9930b

    .text
    .globl main
main:
    PUTS("uart\n")
    li s0, UART_BASE
    lbu s2, UART_MCR(s0)                       /* original, not printed */

    /* ---- SCR ---- */
    li t1, 0x5a
    sb t1, UART_SCR(s0)
    lbu t1, UART_SCR(s0)
    CHECK(t1, 0x5a, 1)
    li t1, 0xa5
    sb t1, UART_SCR(s0)
    lbu t1, UART_SCR(s0)
    CHECK(t1, 0xa5, 2)
    sb zero, UART_SCR(s0)
    lbu t1, UART_SCR(s0)
    CHECK(t1, 0, 3)

    /* ---- LCR ---- */
    WAIT_TEMT
    li t1, 0x1b                                /* 8 bits, 2 stop, even parity */
    sb t1, UART_LCR(s0)
    lbu t2, UART_LCR(s0)
    li t1, 0x03                                /* 8N1 */
    sb t1, UART_LCR(s0)
    lbu t3, UART_LCR(s0)
    CHECK(t2, 0x1b, 4)
    CHECK(t3, 0x03, 5)

    /* ---- divisor latch (DLAB) ---- */
    WAIT_TEMT
    sb zero, UART_IER(s0)
    li t1, 0x83
    sb t1, UART_LCR(s0)                        /* DLAB = 1: no output now */
    lbu s3, UART_DLL(s0)
    lbu s4, UART_DLM(s0)
    li t1, 0x0c
    sb t1, UART_DLL(s0)
    li t1, 0x5a
    sb t1, UART_DLM(s0)
    lbu t2, UART_DLL(s0)
    lbu t3, UART_DLM(s0)
    sb s3, UART_DLL(s0)                        /* restore the divisor */
    sb s4, UART_DLM(s0)
    li t1, 0x03
    sb t1, UART_LCR(s0)                        /* DLAB = 0 */
    lbu t4, UART_IER(s0)
    CHECK(t2, 0x0c, 6)
    CHECK(t3, 0x5a, 7)
    CHECK(t4, 0, 8)                            /* IER was not written */

    /* ---- IER ---- */
    li t1, 0x05                                /* ERBFI | ELSI */
    sb t1, UART_IER(s0)
    lbu t2, UART_IER(s0)
    lbu t3, UART_IIR(s0)
    li t1, 0xf0
    sb t1, UART_IER(s0)
    lbu t4, UART_IER(s0)
    sb zero, UART_IER(s0)
    CHECK(t2, 0x05, 9)
    andi t3, t3, 1
    CHECK(t3, 1, 10)                           /* no interrupt pending */
    CHECK(t4, 0, 11)

    /* ---- FCR / IIR ---- */
    li t1, 0x07
    sb t1, UART_FCR(s0)
    lbu t2, UART_IIR(s0)
    CHECK(t2, 0xc1, 12)
    WAIT_TEMT
    li t1, 0x02                                /* ETBEI */
    sb t1, UART_IER(s0)
    lbu t2, UART_IIR(s0)                       /* THR empty interrupt */
    lbu t3, UART_IIR(s0)                       /* cleared by the read */
    sb zero, UART_IER(s0)
    CHECK(t2, 0xc2, 13)
    CHECK(t3, 0xc1, 14)
    sb zero, UART_FCR(s0)
    lbu t2, UART_IIR(s0)
    li t1, 0x07
    sb t1, UART_FCR(s0)
    CHECK(t2, 0x01, 15)

    /* ---- LSR ---- */
    WAIT_TEMT
    lbu t2, UART_LSR(s0)
    andi t2, t2, 0x61
    CHECK(t2, 0x60, 16)

    /* ---- MCR ---- */
    li t1, 0x0b
    sb t1, UART_MCR(s0)
    lbu t2, UART_MCR(s0)
    li t1, 0xef                                /* all but LOOP */
    sb t1, UART_MCR(s0)
    lbu t3, UART_MCR(s0)
    sb s2, UART_MCR(s0)
    CHECK(t2, 0x0b, 17)
    CHECK(t3, 0x0f, 18)

    /* ---- output ---- */
    PUTS("19: The quick brown fox jumps over the lazy dog 0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~\n")
    li t0, 0
1:  addi a0, t0, 'a'
    call _putc
    addi t0, t0, 1
    li t1, 26
    bne t0, t1, 1b
    PUTC('\n')

    PASS
