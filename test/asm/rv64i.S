/*
 * rv64i.S -- every RV64I computational, load/store, branch and jump
 * instruction (32-bit encodings: assembled with .option norvc).
 *
 * Each check prints "<n>: <value>" and fails with FAIL(n) on a mismatch.
 *   1-200   register-register and register-immediate ALU ops (incl. W forms,
 *           shifts by 0/1/31/32/63 and shift-amount masking, rd==rs1/rd==rs2)
 *   201-209 LUI / AUIPC
 *   210-216 writes to x0 are ignored
 *   220-249 loads (sign/zero extension, negative and +-2047/2048 offsets)
 *   250-259 stores
 *   260-299 branches (all six, signed/unsigned edge cases, backwards)
 *   300-319 JAL / JALR (link value, bit 0 cleared, rd == rs1, offsets)
 *   320-329 misaligned loads/stores: either trap with cause 4/6 and
 *           tval = address, or give the right result (both allowed; QEMU
 *           performs the access; the printed line is the same either way)
 *   330-    FENCE / FENCE.I execute
 */
#include "common.h"

    .option norvc

#define TEST_RR(n, op, a, b, e)                                          \
    li x29, a; li x30, b; op x31, x29, x30; CHECK(x31, e, n)
#define TEST_RR_D1(n, op, a, b, e)                                       \
    li x7, a; li x6, b; op x7, x7, x6; CHECK(x7, e, n)
#define TEST_RR_D2(n, op, a, b, e)                                       \
    li x5, a; li x7, b; op x7, x5, x7; CHECK(x7, e, n)
#define TEST_RR_DD(n, op, a, b, e)                                       \
    li x7, a; op x7, x7, x7; CHECK(x7, e, n)
#define TEST_RI(n, op, a, i, e)                                          \
    li x12, a; op x13, x12, i; CHECK(x13, e, n)
#define TEST_RI_D1(n, op, a, i, e)                                       \
    li x7, a; op x7, x7, i; CHECK(x7, e, n)

/* Branch: x7 = 1 if taken, 0 if not. */
#define TEST_BR(n, op, a, b, taken)                                      \
    li x5, a; li x6, b; li x7, 1; op x5, x6, 9001f; li x7, 0;            \
9001: CHECK(x7, taken, n)

/* Misaligned load: either no trap and the right value, or a trap with
 * cause 4 and tval = the address.  x9 = 1 if one of the two holds. */
#define TEST_MISALIGNED_LOAD(n, insn, off, e)                            \
    CLEAR_TRAP; la x5, mis_buf; li x7, 0;                                \
    insn x7, off(x5);                                                    \
    li x9, 0; la x6, trap_count; ld x6, 0(x6); bnez x6, 9002f;           \
    li x6, e; bne x7, x6, 9003f; li x9, 1; j 9003f;                      \
9002: la x6, trap_cause; ld x6, 0(x6); li x8, CAUSE_MISALIGNED_LOAD;     \
    bne x6, x8, 9003f; la x6, trap_tval; ld x6, 0(x6); addi x8, x5, off; \
    bne x6, x8, 9003f; li x9, 1;                                         \
9003: CHECK(x9, 1, n); CLEAR_TRAP

    .text
    .globl main
main:
    PUTS("rv64i\n")
    /* ADD */
    TEST_RR(1, add, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(2, add, 0x0000000000000001, 0x0000000000000001, 0x0000000000000002)
    TEST_RR(3, add, 0x0000000000000003, 0x0000000000000007, 0x000000000000000a)
    TEST_RR(4, add, 0xffffffffffffffff, 0x0000000000000001, 0x0000000000000000)
    TEST_RR(5, add, 0x7fffffffffffffff, 0x0000000000000001, 0x8000000000000000)
    TEST_RR(6, add, 0x8000000000000000, 0xffffffffffffffff, 0x7fffffffffffffff)
    TEST_RR(7, add, 0x000000007fffffff, 0x0000000000000001, 0x0000000080000000)
    TEST_RR(8, add, 0x00000000ffffffff, 0x0000000000000001, 0x0000000100000000)
    TEST_RR(9, add, 0x123456789abcdef0, 0xfedcba9876543210, 0x1111111111111100)
    TEST_RR(10, add, 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe)
    /* SUB */
    TEST_RR(11, sub, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(12, sub, 0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff)
    TEST_RR(13, sub, 0x8000000000000000, 0x0000000000000001, 0x7fffffffffffffff)
    TEST_RR(14, sub, 0x7fffffffffffffff, 0xffffffffffffffff, 0x8000000000000000)
    TEST_RR(15, sub, 0x0000000000000001, 0x0000000000000002, 0xffffffffffffffff)
    TEST_RR(16, sub, 0x0000000080000000, 0x0000000000000001, 0x000000007fffffff)
    TEST_RR(17, sub, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
    TEST_RR(18, sub, 0x0000000000000000, 0x8000000000000000, 0x8000000000000000)
    /* SLL (shift amount = rs2[5:0]) */
    TEST_RR(19, sll, 0x123456789abcdef1, 0x0000000000000000, 0x123456789abcdef1)
    TEST_RR(20, sll, 0x123456789abcdef1, 0x0000000000000001, 0x2468acf13579bde2)
    TEST_RR(21, sll, 0x123456789abcdef1, 0x000000000000001f, 0x4d5e6f7880000000)
    TEST_RR(22, sll, 0x123456789abcdef1, 0x0000000000000020, 0x9abcdef100000000)
    TEST_RR(23, sll, 0x123456789abcdef1, 0x000000000000003f, 0x8000000000000000)
    TEST_RR(24, sll, 0x123456789abcdef1, 0x0000000000000040, 0x123456789abcdef1)
    TEST_RR(25, sll, 0x123456789abcdef1, 0x0000000000000041, 0x2468acf13579bde2)
    TEST_RR(26, sll, 0x123456789abcdef1, 0xffffffffffffffff, 0x8000000000000000)
    TEST_RR(27, sll, 0x0000000000000001, 0x000000000000003f, 0x8000000000000000)
    /* SRL / SRA */
    TEST_RR(28, srl, 0x8000000000000001, 0x0000000000000000, 0x8000000000000001)
    TEST_RR(29, srl, 0x8000000000000001, 0x0000000000000001, 0x4000000000000000)
    TEST_RR(30, srl, 0x8000000000000001, 0x000000000000001f, 0x0000000100000000)
    TEST_RR(31, srl, 0x8000000000000001, 0x0000000000000020, 0x0000000080000000)
    TEST_RR(32, srl, 0x8000000000000001, 0x000000000000003f, 0x0000000000000001)
    TEST_RR(33, srl, 0x8000000000000001, 0x0000000000000040, 0x8000000000000001)
    TEST_RR(34, srl, 0x8000000000000001, 0xffffffffffffffff, 0x0000000000000001)
    TEST_RR(35, srl, 0x7edcba9876543210, 0x0000000000000004, 0x07edcba987654321)
    TEST_RR(36, srl, 0xfedcba9876543210, 0x0000000000000024, 0x000000000fedcba9)
    TEST_RR(37, sra, 0x8000000000000001, 0x0000000000000000, 0x8000000000000001)
    TEST_RR(38, sra, 0x8000000000000001, 0x0000000000000001, 0xc000000000000000)
    TEST_RR(39, sra, 0x8000000000000001, 0x000000000000001f, 0xffffffff00000000)
    TEST_RR(40, sra, 0x8000000000000001, 0x0000000000000020, 0xffffffff80000000)
    TEST_RR(41, sra, 0x8000000000000001, 0x000000000000003f, 0xffffffffffffffff)
    TEST_RR(42, sra, 0x8000000000000001, 0x0000000000000040, 0x8000000000000001)
    TEST_RR(43, sra, 0x8000000000000001, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR(44, sra, 0x7edcba9876543210, 0x0000000000000004, 0x07edcba987654321)
    TEST_RR(45, sra, 0xfedcba9876543210, 0x0000000000000024, 0xffffffffffedcba9)
    /* SLT / SLTU */
    TEST_RR(46, slt, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(47, slt, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001)
    TEST_RR(48, slt, 0x0000000000000001, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(49, slt, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000001)
    TEST_RR(50, slt, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000)
    TEST_RR(51, slt, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
    TEST_RR(52, slt, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000001)
    TEST_RR(53, slt, 0x7fffffffffffffff, 0x8000000000000000, 0x0000000000000000)
    TEST_RR(54, slt, 0x8000000000000000, 0x8000000000000001, 0x0000000000000001)
    TEST_RR(55, slt, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000001)
    TEST_RR(56, slt, 0x0000000080000000, 0x000000007fffffff, 0x0000000000000000)
    TEST_RR(57, sltu, 0x0000000000000000, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(58, sltu, 0x0000000000000000, 0x0000000000000001, 0x0000000000000001)
    TEST_RR(59, sltu, 0x0000000000000001, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(60, sltu, 0xffffffffffffffff, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(61, sltu, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000001)
    TEST_RR(62, sltu, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
    TEST_RR(63, sltu, 0x8000000000000000, 0x7fffffffffffffff, 0x0000000000000000)
    TEST_RR(64, sltu, 0x7fffffffffffffff, 0x8000000000000000, 0x0000000000000001)
    TEST_RR(65, sltu, 0x8000000000000000, 0x8000000000000001, 0x0000000000000001)
    TEST_RR(66, sltu, 0xfffffffffffffffe, 0xffffffffffffffff, 0x0000000000000001)
    TEST_RR(67, sltu, 0x0000000080000000, 0x000000007fffffff, 0x0000000000000000)
    /* XOR / OR / AND */
    TEST_RR(68, xor, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f, 0xf00ff00ff00ff00f)
    TEST_RR(69, xor, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR(70, xor, 0xffffffffffffffff, 0xffffffffffffffff, 0x0000000000000000)
    TEST_RR(71, xor, 0x123456789abcdef0, 0x0000000000000000, 0x123456789abcdef0)
    TEST_RR(72, or, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f, 0xff0fff0fff0fff0f)
    TEST_RR(73, or, 0x0000000000000000, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR(74, or, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR(75, or, 0x123456789abcdef0, 0x0000000000000000, 0x123456789abcdef0)
    TEST_RR(76, and, 0xff00ff00ff00ff00, 0x0f0f0f0f0f0f0f0f, 0x0f000f000f000f00)
    TEST_RR(77, and, 0x0000000000000000, 0xffffffffffffffff, 0x0000000000000000)
    TEST_RR(78, and, 0xffffffffffffffff, 0xffffffffffffffff, 0xffffffffffffffff)
    TEST_RR(79, and, 0x123456789abcdef0, 0x0000000000000000, 0x0000000000000000)
    /* rd == rs1, rd == rs2, rd == rs1 == rs2 */
    TEST_RR_D1(80, add, 0x000000000000000d, 0x000000000000000b, 0x0000000000000018)
    TEST_RR_D2(81, sub, 0x000000000000000d, 0x000000000000000b, 0x0000000000000002)
    TEST_RR_DD(82, add, 0x4000000000000000, 0x4000000000000000, 0x8000000000000000)
    TEST_RR_D1(83, sll, 0x0000000000000001, 0x0000000000000007, 0x0000000000000080)
    TEST_RR_D2(84, sll, 0x0000000000000001, 0x0000000000000007, 0x0000000000000080)
    TEST_RR_DD(85, sll, 0x0000000000000003, 0x0000000000000003, 0x0000000000000018)
    TEST_RR_D1(86, xor, 0x0000000000000055, 0x00000000000000ff, 0x00000000000000aa)
    TEST_RR_D2(87, xor, 0x0000000000000055, 0x00000000000000ff, 0x00000000000000aa)
    TEST_RR_DD(88, xor, 0x0000000000001234, 0x0000000000001234, 0x0000000000000000)
    TEST_RR_D1(89, slt, 0xfffffffffffffffb, 0x0000000000000003, 0x0000000000000001)
    TEST_RR_D2(90, sltu, 0xfffffffffffffffb, 0x0000000000000003, 0x0000000000000000)
    TEST_RR_DD(91, sltu, 0x0000000000000009, 0x0000000000000009, 0x0000000000000000)
    /* ADDW / SUBW (32-bit result sign-extended, upper input bits ignored) */
    TEST_RR(92, addw, 0x000000007fffffff, 0x0000000000000001, 0xffffffff80000000)
    TEST_RR(93, addw, 0x00000000ffffffff, 0x0000000000000001, 0x0000000000000000)
    TEST_RR(94, addw, 0x123456789abcdef0, 0x0000000000000010, 0xffffffff9abcdf00)
    TEST_RR(95, addw, 0xffffffffffffffff, 0xffffffffffffffff, 0xfffffffffffffffe)
    TEST_RR(96, addw, 0x0000000080000000, 0x0000000080000000, 0x0000000000000000)
    TEST_RR(97, addw, 0x0000000100000000, 0x0000000000000000, 0x0000000000000000)
    TEST_RR(98, addw, 0xffffffff00000005, 0x000000007ffffff0, 0x000000007ffffff5)
    TEST_RR(99, subw, 0x0000000000000000, 0x0000000000000001, 0xffffffffffffffff)
    TEST_RR(100, subw, 0x0000000080000000, 0x0000000000000001, 0x000000007fffffff)
    TEST_RR(101, subw, 0x0000000100000000, 0x0000000000000001, 0xffffffffffffffff)
    TEST_RR(102, subw, 0x000000007fffffff, 0xffffffffffffffff, 0xffffffff80000000)
    TEST_RR(103, subw, 0x123456789abcdef0, 0x000000009abcdef0, 0x0000000000000000)
    TEST_RR(104, subw, 0x0000000000000005, 0xffffffff00000003, 0x0000000000000002)
    /* SLLW / SRLW / SRAW (shift amount = rs2[4:0]) */
    TEST_RR(105, sllw, 0x0000000012345679, 0x0000000000000000, 0x0000000012345679)
    TEST_RR(106, sllw, 0x0000000012345679, 0x0000000000000001, 0x000000002468acf2)
    TEST_RR(107, sllw, 0x0000000012345679, 0x000000000000001f, 0xffffffff80000000)
    TEST_RR(108, sllw, 0x0000000012345679, 0x0000000000000020, 0x0000000012345679)
    TEST_RR(109, sllw, 0x0000000012345679, 0x0000000000000021, 0x000000002468acf2)
    TEST_RR(110, sllw, 0x0000000012345679, 0x000000000000003f, 0xffffffff80000000)
    TEST_RR(111, sllw, 0xffffffff00000001, 0x000000000000001f, 0xffffffff80000000)
    TEST_RR(112, srlw, 0xffffffff80000000, 0x0000000000000000, 0xffffffff80000000)
    TEST_RR(113, srlw, 0xffffffff80000000, 0x0000000000000001, 0x0000000040000000)
    TEST_RR(114, srlw, 0xffffffff80000000, 0x000000000000001f, 0x0000000000000001)
    TEST_RR(115, srlw, 0xffffffff80000000, 0x0000000000000020, 0xffffffff80000000)
    TEST_RR(116, srlw, 0xffffffff80000000, 0x000000000000003f, 0x0000000000000001)
    TEST_RR(117, srlw, 0x123456789abcdef0, 0x0000000000000004, 0x0000000009abcdef)
    TEST_RR(118, sraw, 0x0000000080000000, 0x0000000000000000, 0xffffffff80000000)
    TEST_RR(119, sraw, 0x0000000080000000, 0x0000000000000001, 0xffffffffc0000000)
    TEST_RR(120, sraw, 0x0000000080000000, 0x000000000000001f, 0xffffffffffffffff)
    TEST_RR(121, sraw, 0x0000000080000000, 0x0000000000000020, 0xffffffff80000000)
    TEST_RR(122, sraw, 0x000000007fffffff, 0x0000000000000001, 0x000000003fffffff)
    TEST_RR(123, sraw, 0x000000007fffffff, 0x000000000000001f, 0x0000000000000000)
    TEST_RR(124, sraw, 0x123456787fffffff, 0x0000000000000004, 0x0000000007ffffff)
    TEST_RR(125, sraw, 0x00000000f0000000, 0x0000000000000023, 0xfffffffffe000000)
    /* ADDI / SLTI / SLTIU / XORI / ORI / ANDI (12-bit sign-extended immediates) */
    TEST_RI(126, addi, 0x0000000000000000, 0, 0x0000000000000000)
    TEST_RI(127, addi, 0x0000000000000001, 2047, 0x0000000000000800)
    TEST_RI(128, addi, 0x0000000000000000, -2048, 0xfffffffffffff800)
    TEST_RI(129, addi, 0x7fffffffffffffff, 1, 0x8000000000000000)
    TEST_RI(130, addi, 0xffffffffffffffff, 1, 0x0000000000000000)
    TEST_RI(131, addi, 0x000000007fffffff, 1, 0x0000000080000000)
    TEST_RI(132, addi, 0x0000000000000005, -6, 0xffffffffffffffff)
    TEST_RI(133, slti, 0x0000000000000000, 1, 0x0000000000000001)
    TEST_RI(134, slti, 0xffffffffffffffff, 0, 0x0000000000000001)
    TEST_RI(135, slti, 0x0000000000000000, -1, 0x0000000000000000)
    TEST_RI(136, slti, 0x8000000000000000, -2048, 0x0000000000000001)
    TEST_RI(137, slti, 0x7fffffffffffffff, 2047, 0x0000000000000000)
    TEST_RI(138, slti, 0xfffffffffffff7ff, -2048, 0x0000000000000001)
    TEST_RI(139, slti, 0xfffffffffffff800, -2048, 0x0000000000000000)
    TEST_RI(140, sltiu, 0x0000000000000000, 1, 0x0000000000000001)
    TEST_RI(141, sltiu, 0x0000000000000001, 1, 0x0000000000000000)
    TEST_RI(142, sltiu, 0x0000000000000000, -1, 0x0000000000000001)
    TEST_RI(143, sltiu, 0xfffffffffffffffe, -1, 0x0000000000000001)
    TEST_RI(144, sltiu, 0xffffffffffffffff, -1, 0x0000000000000000)
    TEST_RI(145, sltiu, 0x0000000000000005, 0, 0x0000000000000000)
    TEST_RI(146, sltiu, 0x7fffffffffffffff, -2048, 0x0000000000000001)
    TEST_RI(147, xori, 0xff00ff00ff00ff00, 240, 0xff00ff00ff00fff0)
    TEST_RI(148, xori, 0x123456789abcdef0, -1, 0xedcba9876543210f)
    TEST_RI(149, xori, 0x0000000000000000, -2048, 0xfffffffffffff800)
    TEST_RI(150, xori, 0x0000000000000fff, 2047, 0x0000000000000800)
    TEST_RI(151, ori, 0xff00ff00ff00ff00, 240, 0xff00ff00ff00fff0)
    TEST_RI(152, ori, 0x0000000000000000, -1, 0xffffffffffffffff)
    TEST_RI(153, ori, 0x0000000000000100, -2048, 0xfffffffffffff900)
    TEST_RI(154, ori, 0x0000000000000000, 2047, 0x00000000000007ff)
    TEST_RI(155, andi, 0xff00ff00ff00fff0, 255, 0x00000000000000f0)
    TEST_RI(156, andi, 0x123456789abcdef0, -1, 0x123456789abcdef0)
    TEST_RI(157, andi, 0xffffffffffffffff, -2048, 0xfffffffffffff800)
    TEST_RI(158, andi, 0xffffffffffffffff, 2047, 0x00000000000007ff)
    TEST_RI(159, andi, 0xffffffffffffffff, 0, 0x0000000000000000)
    /* SLLI / SRLI / SRAI (6-bit shift amounts) */
    TEST_RI(160, slli, 0x123456789abcdef1, 0, 0x123456789abcdef1)
    TEST_RI(161, slli, 0x123456789abcdef1, 1, 0x2468acf13579bde2)
    TEST_RI(162, slli, 0x123456789abcdef1, 31, 0x4d5e6f7880000000)
    TEST_RI(163, slli, 0x123456789abcdef1, 32, 0x9abcdef100000000)
    TEST_RI(164, slli, 0x123456789abcdef1, 63, 0x8000000000000000)
    TEST_RI(165, srli, 0x8000000000000001, 0, 0x8000000000000001)
    TEST_RI(166, srli, 0x8000000000000001, 1, 0x4000000000000000)
    TEST_RI(167, srli, 0x8000000000000001, 31, 0x0000000100000000)
    TEST_RI(168, srli, 0x8000000000000001, 32, 0x0000000080000000)
    TEST_RI(169, srli, 0x8000000000000001, 63, 0x0000000000000001)
    TEST_RI(170, srai, 0x8000000000000001, 0, 0x8000000000000001)
    TEST_RI(171, srai, 0x8000000000000001, 1, 0xc000000000000000)
    TEST_RI(172, srai, 0x8000000000000001, 31, 0xffffffff00000000)
    TEST_RI(173, srai, 0x8000000000000001, 32, 0xffffffff80000000)
    TEST_RI(174, srai, 0x8000000000000001, 63, 0xffffffffffffffff)
    TEST_RI(175, srai, 0x7fffffffffffffff, 62, 0x0000000000000001)
    /* ADDIW / SLLIW / SRLIW / SRAIW */
    TEST_RI(176, addiw, 0x000000007fffffff, 1, 0xffffffff80000000)
    TEST_RI(177, addiw, 0x0000000000000000, -1, 0xffffffffffffffff)
    TEST_RI(178, addiw, 0x00000000ffffffff, 0, 0xffffffffffffffff)
    TEST_RI(179, addiw, 0x123456789abcdef0, 0, 0xffffffff9abcdef0)
    TEST_RI(180, addiw, 0x0000000080000000, -1, 0x000000007fffffff)
    TEST_RI(181, addiw, 0x000000017ffffffe, 2047, 0xffffffff800007fd)
    TEST_RI(182, addiw, 0xfffffffe80000000, -2048, 0x000000007ffff800)
    TEST_RI(183, slliw, 0x0000000000000001, 0, 0x0000000000000001)
    TEST_RI(184, slliw, 0x0000000000000001, 1, 0x0000000000000002)
    TEST_RI(185, slliw, 0x0000000000000001, 31, 0xffffffff80000000)
    TEST_RI(186, slliw, 0x123456789abcdef1, 4, 0xffffffffabcdef10)
    TEST_RI(187, slliw, 0x00000000ffffffff, 31, 0xffffffff80000000)
    TEST_RI(188, srliw, 0xffffffff80000001, 0, 0xffffffff80000001)
    TEST_RI(189, srliw, 0xffffffff80000001, 1, 0x0000000040000000)
    TEST_RI(190, srliw, 0xffffffff80000001, 31, 0x0000000000000001)
    TEST_RI(191, srliw, 0x123456789abcdef0, 8, 0x00000000009abcde)
    TEST_RI(192, sraiw, 0x0000000080000001, 0, 0xffffffff80000001)
    TEST_RI(193, sraiw, 0x0000000080000001, 1, 0xffffffffc0000000)
    TEST_RI(194, sraiw, 0x0000000080000001, 31, 0xffffffffffffffff)
    TEST_RI(195, sraiw, 0x000000007ffffffe, 1, 0x000000003fffffff)
    TEST_RI(196, sraiw, 0x12345678f0000000, 4, 0xffffffffff000000)
    /* immediate forms with rd == rs1 */
    TEST_RI_D1(197, addi, 0x0000000000000064, -1, 0x0000000000000063)
    TEST_RI_D1(198, slli, 0x0000000000000003, 62, 0xc000000000000000)
    TEST_RI_D1(199, sraiw, 0x0000000080000000, 3, 0xfffffffff0000000)
    TEST_RI_D1(200, xori, 0x0000000000000000, -1, 0xffffffffffffffff)

    /* ---- LUI / AUIPC ---- */
    lui x7, 0x80000
    CHECK(x7, 0xffffffff80000000, 201)
    lui x7, 0xfffff
    CHECK(x7, 0xfffffffffffff000, 202)
    lui x7, 0x7ffff
    CHECK(x7, 0x000000007ffff000, 203)
    lui x7, 0
    CHECK(x7, 0, 204)
    lui x7, 0x12345
    addi x7, x7, 0x678
    CHECK(x7, 0x12345678, 205)
1:  auipc x7, 0
    la x5, 1b
    sub x7, x7, x5
    CHECK(x7, 0, 206)
1:  auipc x7, 1
    la x5, 1b
    sub x7, x7, x5
    CHECK(x7, 0x1000, 207)
1:  auipc x7, 0xfffff
    la x5, 1b
    sub x7, x7, x5
    CHECK(x7, 0xfffffffffffff000, 208)
1:  auipc x7, 0x80000
    la x5, 1b
    sub x7, x7, x5
    CHECK(x7, 0xffffffff80000000, 209)

    /* ---- x0 is hard-wired to zero ---- */
    addi x0, x0, 5
    CHECK(x0, 0, 210)
    li x5, 7
    add x0, x5, x5
    CHECK(x0, 0, 211)
    lui x0, 0x12345
    CHECK(x0, 0, 212)
    la x5, ld_data
    ld x0, 0(x5)
    CHECK(x0, 0, 213)
    jal x0, 1f
1:  CHECK(x0, 0, 214)
    auipc x0, 1
    CHECK(x0, 0, 215)
    addiw x0, x5, 1
    CHECK(x0, 0, 216)

    /* ---- loads ---- */
    la x5, ld_data
    lb x7, 0(x5)
    CHECK(x7, 0xffffffffffffff81, 220)
    lbu x7, 0(x5)
    CHECK(x7, 0x81, 221)
    lb x7, 1(x5)
    CHECK(x7, 0x22, 222)
    lb x7, 7(x5)
    CHECK(x7, 0xffffffffffffff88, 223)
    lbu x7, 7(x5)
    CHECK(x7, 0x88, 224)
    lh x7, 0(x5)
    CHECK(x7, 0x2281, 225)
    lh x7, 6(x5)
    CHECK(x7, 0xffffffffffff8877, 226)
    lhu x7, 6(x5)
    CHECK(x7, 0x8877, 227)
    lw x7, 0(x5)
    CHECK(x7, 0x44332281, 228)
    lw x7, 4(x5)
    CHECK(x7, 0xffffffff88776655, 229)
    lwu x7, 4(x5)
    CHECK(x7, 0x88776655, 230)
    ld x7, 0(x5)
    CHECK(x7, 0x8877665544332281, 231)
    lb x7, 8(x5)
    CHECK(x7, 0x01, 232)
    lb x7, 9(x5)
    CHECK(x7, 0x7f, 233)
    lh x7, 10(x5)
    CHECK(x7, 0x7fff, 234)
    lw x7, 12(x5)
    CHECK(x7, 0x7fffffff, 235)
    lwu x7, 12(x5)
    CHECK(x7, 0x7fffffff, 236)
    ld x7, 16(x5)
    CHECK(x7, 0xfedcba9876543210, 237)
    lhu x7, 22(x5)
    CHECK(x7, 0xfedc, 238)
    /* negative offsets */
    addi x6, x5, 24
    ld x7, -8(x6)
    CHECK(x7, 0xfedcba9876543210, 239)
    lw x7, -4(x6)
    CHECK(x7, 0xfffffffffedcba98, 240)
    lbu x7, -1(x6)
    CHECK(x7, 0xfe, 241)
    lh x7, -24(x6)
    CHECK(x7, 0x2281, 242)
    /* extreme offsets */
    addi x6, x5, -2047
    lb x7, 2047(x6)
    CHECK(x7, 0xffffffffffffff81, 243)
    li x6, 2048
    add x6, x6, x5
    ld x7, -2048(x6)
    CHECK(x7, 0x8877665544332281, 244)
    /* rd == rs1 */
    mv x7, x5
    ld x7, 16(x7)
    CHECK(x7, 0xfedcba9876543210, 245)
    mv x31, x5
    lwu x31, 20(x31)
    CHECK(x31, 0xfedcba98, 246)

    /* ---- stores ---- */
    la x5, st_buf
    li x6, -1
    sd x6, 0(x5)
    sd x6, 8(x5)
    li x7, 0x0123456789abcdef
    sb x7, 0(x5)
    ld x8, 0(x5)
    CHECK(x8, 0xffffffffffffffef, 250)
    sh x7, 2(x5)
    ld x8, 0(x5)
    CHECK(x8, 0xffffffffcdefffef, 251)
    sw x7, 4(x5)
    ld x8, 0(x5)
    CHECK(x8, 0x89abcdefcdefffef, 252)
    sd x7, 8(x5)
    ld x8, 8(x5)
    CHECK(x8, 0x0123456789abcdef, 253)
    addi x6, x5, 16
    sb x0, -1(x6)
    ld x8, 8(x5)
    CHECK(x8, 0x0023456789abcdef, 254)
    sh x0, -4(x6)
    ld x8, 8(x5)
    CHECK(x8, 0x0023000089abcdef, 255)
    li x6, 2048
    add x6, x6, x5
    sd x7, -2048(x6)
    addi x6, x5, -2047
    sb x0, 2047(x6)
    ld x8, 0(x5)
    CHECK(x8, 0x0123456789abcd00, 256)
    /* store then load back through each width */
    li x7, 0x8000
    sh x7, 0(x5)
    lh x8, 0(x5)
    CHECK(x8, 0xffffffffffff8000, 257)
    li x7, 0x80000000
    sw x7, 4(x5)
    lw x8, 4(x5)
    CHECK(x8, 0xffffffff80000000, 258)
    lwu x8, 4(x5)
    CHECK(x8, 0x80000000, 259)

    /* ---- branches ---- */
    TEST_BR(260, beq, 0, 0, 1)
    TEST_BR(261, beq, 1, 0, 0)
    TEST_BR(262, beq, -1, -1, 1)
    TEST_BR(263, beq, 0x100000000, 0, 0)
    TEST_BR(264, bne, 0, 0, 0)
    TEST_BR(265, bne, 1, 0, 1)
    TEST_BR(266, bne, 0x8000000000000000, 0, 1)
    TEST_BR(267, blt, 0, 1, 1)
    TEST_BR(268, blt, 1, 0, 0)
    TEST_BR(269, blt, -1, 0, 1)
    TEST_BR(270, blt, 0, -1, 0)
    TEST_BR(271, blt, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_BR(272, blt, 0x7fffffffffffffff, 0x8000000000000000, 0)
    TEST_BR(273, blt, -1, -1, 0)
    TEST_BR(274, bge, 0, 0, 1)
    TEST_BR(275, bge, 1, 0, 1)
    TEST_BR(276, bge, 0, 1, 0)
    TEST_BR(277, bge, -1, 0, 0)
    TEST_BR(278, bge, 0x7fffffffffffffff, 0x8000000000000000, 1)
    TEST_BR(279, bge, 0x8000000000000000, 0x7fffffffffffffff, 0)
    TEST_BR(280, bge, -1, -2, 1)
    TEST_BR(281, bltu, 0, 1, 1)
    TEST_BR(282, bltu, 1, 0, 0)
    TEST_BR(283, bltu, 0, -1, 1)
    TEST_BR(284, bltu, -1, 0, 0)
    TEST_BR(285, bltu, 0x8000000000000000, 0x7fffffffffffffff, 0)
    TEST_BR(286, bltu, 0x7fffffffffffffff, 0x8000000000000000, 1)
    TEST_BR(287, bltu, 5, 5, 0)
    TEST_BR(288, bgeu, 0, 0, 1)
    TEST_BR(289, bgeu, -1, 0, 1)
    TEST_BR(290, bgeu, 0, -1, 0)
    TEST_BR(291, bgeu, 0x8000000000000000, 0x7fffffffffffffff, 1)
    TEST_BR(292, bgeu, 0x7fffffffffffffff, 0x8000000000000000, 0)
    TEST_BR(293, bgeu, 1, 2, 0)
    /* backwards branch: a loop of 5 iterations */
    li x5, 5
    li x6, 0
1:  addi x6, x6, 3
    addi x5, x5, -1
    bnez x5, 1b
    CHECK(x6, 15, 294)
    /* same register on both sides */
    li x5, -7
    li x7, 0
    blt x5, x5, 1f
    bltu x5, x5, 1f
    bne x5, x5, 1f
    li x7, 1
1:  CHECK(x7, 1, 295)

    /* ---- JAL / JALR ---- */
    li x7, 0
.Ljal_site:
    jal x1, .Ljal_tgt
    li x7, 0xbad
.Ljal_tgt:
    CHECK(x7, 0, 300)
    addi x8, x1, -4
    CHECK_ADDR(x8, .Ljal_site, 301)
    j .Ljal_fwd
.Ljal_back:
    li x7, 7
    j .Ljal_back_done
.Ljal_fwd:
    jal x31, .Ljal_back
.Ljal_back_link:
    FAIL(302)
.Ljal_back_done:
    CHECK(x7, 7, 302)
    CHECK_ADDR(x31, .Ljal_back_link, 303)
    /* jalr to a register */
    la x5, .Ljalr_t1
    jalr x1, 0(x5)
.Ljalr_l1:
    FAIL(304)
.Ljalr_t1:
    CHECK_ADDR(x1, .Ljalr_l1, 304)
    /* jalr clears bit 0 of the target */
    la x5, .Ljalr_t2 + 1
    jalr x1, 0(x5)
.Ljalr_l2:
    FAIL(305)
.Ljalr_t2:
    CHECK_ADDR(x1, .Ljalr_l2, 305)
    /* positive offset */
    la x5, .Ljalr_t3 - 8
    jalr x1, 8(x5)
    FAIL(306)
.Ljalr_t3:
    PUTS("306 jalr +8 ok\n")
    /* negative offset making an odd address: bit 0 cleared after the add */
    la x5, .Ljalr_t4 + 5
    jalr x1, -4(x5)
    FAIL(307)
.Ljalr_t4:
    PUTS("307 jalr -4 odd ok\n")
    /* rd == rs1: the target is computed from the old value */
    la x5, .Ljalr_t5
    jalr x5, 0(x5)
.Ljalr_l5:
    FAIL(308)
.Ljalr_t5:
    CHECK_ADDR(x5, .Ljalr_l5, 308)
    /* jalr x0 (jr) does not link */
    la x5, .Ljalr_t6
    li x1, 0x1234
    jalr x0, 0(x5)
    FAIL(309)
.Ljalr_t6:
    CHECK(x1, 0x1234, 309)
    /* call/return through ra */
    call .Lleaf
    CHECK(x10, 0x5a, 310)

    /* ---- misaligned loads/stores (trap or succeed, both allowed) ---- */
    la x5, mis_buf
    li x6, 0x1122334455667788
    sd x6, 0(x5)
    li x6, 0x99aabbccddeeff00
    sd x6, 8(x5)
    TEST_MISALIGNED_LOAD(320, lh, 1, 0x6677)
    TEST_MISALIGNED_LOAD(321, lw, 3, 0x22334455)
    TEST_MISALIGNED_LOAD(322, lwu, 3, 0x22334455)
    TEST_MISALIGNED_LOAD(323, ld, 1, 0x0011223344556677)
    TEST_MISALIGNED_LOAD(324, ld, 7, 0xaabbccddeeff0011)
    TEST_MISALIGNED_LOAD(325, lhu, 7, 0x0011)
    /* misaligned store: either memory is updated or cause 6, tval = addr
     * and memory unchanged */
    CLEAR_TRAP
    la x5, mis_buf
    li x6, 0x0102030405060708
    sd x6, 3(x5)
    li x9, 0
    la x6, trap_count
    ld x6, 0(x6)
    bnez x6, 1f
    ld x7, 0(x5)
    li x8, 0x0405060708667788
    bne x7, x8, 2f
    ld x7, 8(x5)
    li x8, 0x99aabbccdd010203
    bne x7, x8, 2f
    li x9, 1
    j 2f
1:  la x6, trap_cause
    ld x6, 0(x6)
    li x8, CAUSE_MISALIGNED_STORE
    bne x6, x8, 2f
    la x6, trap_tval
    ld x6, 0(x6)
    addi x8, x5, 3
    bne x6, x8, 2f
    ld x7, 0(x5)
    li x8, 0x1122334455667788
    bne x7, x8, 2f
    li x9, 1
2:  CHECK(x9, 1, 326)
    CLEAR_TRAP

    /* ---- FENCE / FENCE.I ---- */
    fence
    fence rw, rw
    fence r, w
    fence.i
    CLEAR_TRAP
    EXPECT_NO_TRAP(330)

    PASS

.Lleaf:
    li x10, 0x5a
    ret

    .data
    .balign 8
ld_data:
    .dword 0x8877665544332281
    .dword 0x7fffffff7fff7f01
    .dword 0xfedcba9876543210
st_buf:
    .dword 0, 0
mis_buf:
    .dword 0, 0, 0
