// Decode one instruction into a decoded entry (ops.ts). Every legality
// check of the ISA happens here, once per cached instruction; the run loop
// only dispatches on the op. Writes to x0 become OP_NOP (or the sink
// register for loads, whose access must still happen).

import { X_SINK_INDEX } from "./state";
import { expandC } from "./rvc";
import * as O from "./ops";

@inline function put(e: u32, op: u8, rd: u32, rs1: u32, rs2: u32, imm: i32): void {
  if (load<u8>(e, O.E_ADV) == 16) op = O.compressedOp(op);
  store<u8>(e, op, O.E_OP);
  store<u8>(e, <u8>rd, O.E_RD);
  store<u8>(e, <u8>rs1, O.E_RS1);
  store<u8>(e, <u8>rs2, O.E_RS2);
  store<i32>(e, imm, O.E_IMM);
}

// `raw` is the fetched instruction: 16 bits when (raw & 3) != 3.
export function decodeInto(e: u32, raw: u32): void {
  let insn = raw;
  if ((raw & 3) != 3) {
    raw &= 0xffff;
    insn = expandC(raw);
    store<u8>(e, 16, O.E_ADV);
  } else {
    store<u8>(e, 32, O.E_ADV);
  }
  store<u32>(e, raw, O.E_RAW);
  if (insn == 0) { put(e, O.OP_ILLEGAL, 0, 0, 0, 0); return; }

  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const rs2 = (insn >> 20) & 31;
  const f3 = (insn >> 12) & 7;
  const f7 = insn >> 25;
  const immI = <i32>insn >> 20;
  let op: u8 = O.OP_ILLEGAL;
  let imm: i32 = 0;
  let writes = true; // op writes rd (so rd = 0 makes it a NOP)

  switch ((insn >> 2) & 31) {
    case 0x00: { // LOAD
      if (f3 == 7) break;
      const ops: u64 = // f3 -> op, one byte each
        (<u64>O.OP_LB) | (<u64>O.OP_LH << 8) | (<u64>O.OP_LW << 16) | (<u64>O.OP_LD << 24) |
        (<u64>O.OP_LBU << 32) | (<u64>O.OP_LHU << 40) | (<u64>O.OP_LWU << 48);
      op = <u8>(ops >> (<u64>f3 << 3));
      put(e, op, rd == 0 ? X_SINK_INDEX : rd, rs1, 0, immI);
      return;
    }
    case 0x03: // MISC-MEM: FENCE (any fm/pred/succ, so PAUSE and FENCE.TSO too), FENCE.I
      if (f3 > 1) break;
      put(e, f3 == 0 ? O.OP_NOP : O.OP_FENCE_I, 0, 0, 0, 0);
      return;
    case 0x04: // OP-IMM
      imm = immI;
      switch (f3) {
        case 0: op = rs1 == 0 ? O.OP_LI : O.OP_ADDI; break;
        case 1:
          if ((insn >> 26) != 0) break;
          op = O.OP_SLLI; imm &= 63;
          break;
        case 2: op = O.OP_SLTI; break;
        case 3: op = O.OP_SLTIU; break;
        case 4: op = O.OP_XORI; break;
        case 5: {
          const f6 = insn >> 26;
          if (f6 == 0) op = O.OP_SRLI;
          else if (f6 == 0x10) op = O.OP_SRAI;
          imm &= 63;
          break;
        }
        case 6: op = O.OP_ORI; break;
        default: op = O.OP_ANDI; break;
      }
      break;
    case 0x05: // AUIPC
      op = O.OP_AUIPC; imm = <i32>(insn & 0xfffff000);
      break;
    case 0x06: // OP-IMM-32
      if (f3 == 0) { op = O.OP_ADDIW; imm = immI; }
      else if (f3 == 1 && f7 == 0) { op = O.OP_SLLIW; imm = <i32>rs2; }
      else if (f3 == 5 && f7 == 0) { op = O.OP_SRLIW; imm = <i32>rs2; }
      else if (f3 == 5 && f7 == 0x20) { op = O.OP_SRAIW; imm = <i32>rs2; }
      break;
    case 0x08: // STORE
      if (f3 > 3) break;
      put(e, O.OP_SB + <u8>f3, 0, rs1, rs2, ((<i32>insn >> 20) & ~31) | <i32>rd);
      return;
    case 0x0b: // AMO: the slow path decodes (and rejects) the rest
      put(e, O.OP_AMO, 0, 0, 0, <i32>insn);
      return;
    case 0x0c: // OP
      if (f7 == 0) {
        op = f3 == 0 ? O.OP_ADD : f3 == 1 ? O.OP_SLL : f3 == 2 ? O.OP_SLT : f3 == 3 ? O.OP_SLTU :
          f3 == 4 ? O.OP_XOR : f3 == 5 ? O.OP_SRL : f3 == 6 ? O.OP_OR : O.OP_AND;
      } else if (f7 == 0x20) {
        if (f3 == 0) op = O.OP_SUB;
        else if (f3 == 5) op = O.OP_SRA;
      } else if (f7 == 1) {
        op = O.OP_MUL + <u8>f3;
      }
      break;
    case 0x0d: // LUI
      op = O.OP_LI; imm = <i32>(insn & 0xfffff000);
      break;
    case 0x0e: // OP-32
      if (f7 == 0) {
        if (f3 == 0) op = O.OP_ADDW;
        else if (f3 == 1) op = O.OP_SLLW;
        else if (f3 == 5) op = O.OP_SRLW;
      } else if (f7 == 0x20) {
        if (f3 == 0) op = O.OP_SUBW;
        else if (f3 == 5) op = O.OP_SRAW;
      } else if (f7 == 1) {
        if (f3 == 0) op = O.OP_MULW;
        else if (f3 >= 4) op = O.OP_DIVW + <u8>(f3 - 4);
      }
      break;
    case 0x18: { // BRANCH
      if (f3 == 2 || f3 == 3) break;
      const b = ((<i32>(insn & 0x80000000)) >> 19) | <i32>((insn & 0x80) << 4) |
        <i32>((insn >> 20) & 0x7e0) | <i32>((insn >> 7) & 0x1e);
      put(e, f3 < 2 ? O.OP_BEQ + <u8>f3 : O.OP_BLT + <u8>(f3 - 4), 0, rs1, rs2, b);
      return;
    }
    case 0x19: // JALR
      if (f3 != 0) break;
      put(e, rd == 0 ? O.OP_JR : O.OP_JALR, rd, rs1, 0, immI);
      return;
    case 0x1b: { // JAL
      const j = ((<i32>(insn & 0x80000000)) >> 11) | <i32>(insn & 0xff000) |
        <i32>((insn >> 9) & 0x800) | <i32>((insn >> 20) & 0x7fe);
      put(e, rd == 0 ? O.OP_J : O.OP_JAL, rd, 0, 0, j);
      return;
    }
    case 0x1c: // SYSTEM: the slow path decodes the rest
      put(e, O.OP_SYSTEM, 0, 0, 0, <i32>insn);
      return;
    default:
      writes = false;
  }
  if (op == O.OP_ILLEGAL) { put(e, O.OP_ILLEGAL, 0, 0, 0, 0); return; }
  if (writes && rd == 0) { put(e, O.OP_NOP, 0, 0, 0, 0); return; }
  put(e, op, rd, rs1, rs2, imm);
}
