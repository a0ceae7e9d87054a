// Decoded instructions: the entry format and the operation numbers that the
// run loop dispatches on (one dense br_table).
//
// An entry is 16 bytes, one per halfword of a guest page (code.ts):
//   +0 u8  op        one of the OP_ values below
//   +1 u8  adv       bytes to the next entry: 16 (compressed) or 32
//   +2 u8  rd        register indexes (0..31; loads to x0 use X_SINK_INDEX)
//   +3 u8  rs1
//   +4 u8  rs2
//   +5 u8  op2       the real op of an entry that OP_BREAK marks
//   +8 i32 imm       the immediate (the whole 32-bit instruction for SYSTEM/AMO)
//   +12 u32 raw      the instruction as fetched (16 bits for RVC): illegal-instruction tval

export const E_OP: u32 = 0;
export const E_ADV: u32 = 1;
export const E_RD: u32 = 2;
export const E_RS1: u32 = 3;
export const E_RS2: u32 = 4;
export const E_OP2: u32 = 5;
export const E_IMM: u32 = 8;
export const E_RAW: u32 = 12;
export const ENTRY_SHIFT: u32 = 4; // 16-byte entries
// An entry per halfword: entry address = base + (page offset << 3).

// Not instructions: the loop's own operations.
export const OP_DECODE: u8 = 0; // not decoded yet: decode, then dispatch again
export const OP_REFETCH: u8 = 1; // past the page's end (or a scratch entry): look up pc from the entry's address
export const OP_LOOKUP: u8 = 2; // look up the pc held in the loop's pc local
export const OP_BREAK: u8 = 3; // a breakpoint may be here: check, then run op2
export const OP_STRADDLE: u8 = 4; // a 32-bit instruction across the page end: fetch it the slow way
// Instructions.
export const OP_ILLEGAL: u8 = 5;
export const OP_NOP: u8 = 6;
export const OP_SYSTEM: u8 = 7;
export const OP_AMO: u8 = 8;
export const OP_FENCE_I: u8 = 9;
export const OP_LI: u8 = 10;
export const OP_AUIPC: u8 = 11;
export const OP_ADDI: u8 = 12;
export const OP_SLTI: u8 = 13;
export const OP_SLTIU: u8 = 14;
export const OP_XORI: u8 = 15;
export const OP_ORI: u8 = 16;
export const OP_ANDI: u8 = 17;
export const OP_SLLI: u8 = 18;
export const OP_SRLI: u8 = 19;
export const OP_SRAI: u8 = 20;
export const OP_ADDIW: u8 = 21;
export const OP_SLLIW: u8 = 22;
export const OP_SRLIW: u8 = 23;
export const OP_SRAIW: u8 = 24;
export const OP_ADD: u8 = 25;
export const OP_SUB: u8 = 26;
export const OP_SLL: u8 = 27;
export const OP_SLT: u8 = 28;
export const OP_SLTU: u8 = 29;
export const OP_XOR: u8 = 30;
export const OP_SRL: u8 = 31;
export const OP_SRA: u8 = 32;
export const OP_OR: u8 = 33;
export const OP_AND: u8 = 34;
export const OP_ADDW: u8 = 35;
export const OP_SUBW: u8 = 36;
export const OP_SLLW: u8 = 37;
export const OP_SRLW: u8 = 38;
export const OP_SRAW: u8 = 39;
export const OP_MUL: u8 = 40;
export const OP_MULH: u8 = 41;
export const OP_MULHSU: u8 = 42;
export const OP_MULHU: u8 = 43;
export const OP_DIV: u8 = 44;
export const OP_DIVU: u8 = 45;
export const OP_REM: u8 = 46;
export const OP_REMU: u8 = 47;
export const OP_MULW: u8 = 48;
export const OP_DIVW: u8 = 49;
export const OP_DIVUW: u8 = 50;
export const OP_REMW: u8 = 51;
export const OP_REMUW: u8 = 52;
export const OP_LB: u8 = 53;
export const OP_LH: u8 = 54;
export const OP_LW: u8 = 55;
export const OP_LD: u8 = 56;
export const OP_LBU: u8 = 57;
export const OP_LHU: u8 = 58;
export const OP_LWU: u8 = 59;
export const OP_SB: u8 = 60;
export const OP_SH: u8 = 61;
export const OP_SW: u8 = 62;
export const OP_SD: u8 = 63;
export const OP_BEQ: u8 = 64;
export const OP_BNE: u8 = 65;
export const OP_BLT: u8 = 66;
export const OP_BGE: u8 = 67;
export const OP_BLTU: u8 = 68;
export const OP_BGEU: u8 = 69;
export const OP_JAL: u8 = 70; // rd != 0
export const OP_J: u8 = 71; // JAL with rd = 0
export const OP_JALR: u8 = 72; // rd != 0
export const OP_JR: u8 = 73; // JALR with rd = 0
// The compressed forms of the instructions RVC expands to (other than
// those run out of line or with no next-instruction address: J, JR):
// the fast loop advances by a constant, not by the entry's adv.
export const OP_NOP_C: u8 = 74;
export const OP_LI_C: u8 = 75;
export const OP_ADDI_C: u8 = 76;
export const OP_ADDIW_C: u8 = 77;
export const OP_SLLI_C: u8 = 78;
export const OP_SRLI_C: u8 = 79;
export const OP_SRAI_C: u8 = 80;
export const OP_ANDI_C: u8 = 81;
export const OP_ADD_C: u8 = 82;
export const OP_SUB_C: u8 = 83;
export const OP_XOR_C: u8 = 84;
export const OP_OR_C: u8 = 85;
export const OP_AND_C: u8 = 86;
export const OP_ADDW_C: u8 = 87;
export const OP_SUBW_C: u8 = 88;
export const OP_LW_C: u8 = 89;
export const OP_LD_C: u8 = 90;
export const OP_SW_C: u8 = 91;
export const OP_SD_C: u8 = 92;
export const OP_BEQ_C: u8 = 93;
export const OP_BNE_C: u8 = 94;
export const OP_JALR_C: u8 = 95;
export const OP_F_ADDW_C_B32: u8 = 96;
export const OP_F_SLLI_SRLI_C: u8 = 97;
export const OP_F_ADDIW_C_B32: u8 = 98;
export const OP_COUNT: u8 = 99;

// The compressed variant of op, or op itself.
export function compressedOp(op: u8): u8 {
  switch (op) {
    case OP_NOP: return OP_NOP_C;
    case OP_LI: return OP_LI_C;
    case OP_ADDI: return OP_ADDI_C;
    case OP_ADDIW: return OP_ADDIW_C;
    case OP_SLLI: return OP_SLLI_C;
    case OP_SRLI: return OP_SRLI_C;
    case OP_SRAI: return OP_SRAI_C;
    case OP_ANDI: return OP_ANDI_C;
    case OP_ADD: return OP_ADD_C;
    case OP_SUB: return OP_SUB_C;
    case OP_XOR: return OP_XOR_C;
    case OP_OR: return OP_OR_C;
    case OP_AND: return OP_AND_C;
    case OP_ADDW: return OP_ADDW_C;
    case OP_SUBW: return OP_SUBW_C;
    case OP_LW: return OP_LW_C;
    case OP_LD: return OP_LD_C;
    case OP_SW: return OP_SW_C;
    case OP_SD: return OP_SD_C;
    case OP_BEQ: return OP_BEQ_C;
    case OP_BNE: return OP_BNE_C;
    case OP_JALR: return OP_JALR_C;
  }
  return op;
}

// The 32-bit form of a compressed variant (for the out-of-line paths), or op itself.
export function fullOp(op: u8): u8 {
  if (op < OP_NOP_C) return op;
  switch (op) {
    case OP_NOP_C: return OP_NOP;
    case OP_LI_C: return OP_LI;
    case OP_ADDI_C: return OP_ADDI;
    case OP_ADDIW_C: return OP_ADDIW;
    case OP_SLLI_C: return OP_SLLI;
    case OP_SRLI_C: return OP_SRLI;
    case OP_SRAI_C: return OP_SRAI;
    case OP_ANDI_C: return OP_ANDI;
    case OP_ADD_C: return OP_ADD;
    case OP_SUB_C: return OP_SUB;
    case OP_XOR_C: return OP_XOR;
    case OP_OR_C: return OP_OR;
    case OP_AND_C: return OP_AND;
    case OP_ADDW_C: return OP_ADDW;
    case OP_SUBW_C: return OP_SUBW;
    case OP_LW_C: return OP_LW;
    case OP_LD_C: return OP_LD;
    case OP_SW_C: return OP_SW;
    case OP_SD_C: return OP_SD;
    case OP_BEQ_C: return OP_BEQ;
    case OP_BNE_C: return OP_BNE;
    default: return OP_JALR;
  }
}
