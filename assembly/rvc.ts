// RV64C: expand a 16-bit instruction into its 32-bit equivalent, or 0 when
// the encoding is reserved or illegal (including the F/D loads and stores,
// since this hart has no F or D). HINT encodings expand to instructions that
// write x0 and so do nothing.

@inline function iType(imm: i32, rs1: u32, f3: u32, rd: u32, opc: u32): u32 {
  return ((<u32>imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
@inline function sType(imm: u32, rs2: u32, rs1: u32, f3: u32, opc: u32): u32 {
  return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | opc;
}
@inline function rType(f7: u32, rs2: u32, rs1: u32, f3: u32, rd: u32, opc: u32): u32 {
  return (f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | opc;
}
function bType(imm: i32, rs2: u32, rs1: u32, f3: u32): u32 {
  const u = <u32>imm;
  return (((u >> 12) & 1) << 31) | (((u >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((u >> 1) & 0xf) << 8) | (((u >> 11) & 1) << 7) | 0x63;
}
function jType(imm: i32, rd: u32): u32 {
  const u = <u32>imm;
  return (((u >> 20) & 1) << 31) | (((u >> 1) & 0x3ff) << 21) | (((u >> 11) & 1) << 20) |
    (((u >> 12) & 0xff) << 12) | (rd << 7) | 0x6f;
}

@inline function bit(c: u32, b: u32): u32 {
  return (c >> b) & 1;
}
// Sign-extend the low `bits` bits.
@inline function sext(v: u32, bits: i32): i32 {
  return (<i32>(v << (32 - bits))) >> (32 - bits);
}

const OP_IMM: u32 = 0x13;
const OP_IMM32: u32 = 0x1b;
const OP: u32 = 0x33;
const OP32: u32 = 0x3b;
const LOAD: u32 = 0x03;
const STORE: u32 = 0x23;

export function expandC(c: u32): u32 {
  const f3 = c >> 13;
  const rdp = ((c >> 2) & 7) + 8; // rd' / rs2'
  const rs1p = ((c >> 7) & 7) + 8; // rs1' / rd'
  const rd = (c >> 7) & 31;
  const rs2 = (c >> 2) & 31;
  const imm6 = sext((bit(c, 12) << 5) | ((c >> 2) & 31), 6);
  switch (c & 3) {
    case 0: {
      // Offsets for C.LW/C.SW (uimm[5:3|2|6]) and C.LD/C.SD (uimm[5:3|7:6]).
      const offW = (((c >> 10) & 7) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6);
      const offD = (((c >> 10) & 7) << 3) | (((c >> 5) & 3) << 6);
      switch (f3) {
        case 0: {
          const nz = (((c >> 11) & 3) << 4) | (((c >> 7) & 15) << 6) | (bit(c, 6) << 2) | (bit(c, 5) << 3);
          if (nz == 0) return 0; // includes the all-zero halfword
          return iType(<i32>nz, 2, 0, rdp, OP_IMM); // C.ADDI4SPN
        }
        case 2: return iType(<i32>offW, rs1p, 2, rdp, LOAD); // C.LW
        case 3: return iType(<i32>offD, rs1p, 3, rdp, LOAD); // C.LD
        case 6: return sType(offW, rdp, rs1p, 2, STORE); // C.SW
        case 7: return sType(offD, rdp, rs1p, 3, STORE); // C.SD
      }
      return 0; // C.FLD, C.FSD, reserved
    }
    case 1:
      switch (f3) {
        case 0: return iType(imm6, rd, 0, rd, OP_IMM); // C.ADDI / C.NOP
        case 1:
          if (rd == 0) return 0;
          return iType(imm6, rd, 0, rd, OP_IMM32); // C.ADDIW
        case 2: return iType(imm6, 0, 0, rd, OP_IMM); // C.LI
        case 3: {
          if (rd == 2) {
            const nz = sext((bit(c, 12) << 9) | (bit(c, 6) << 4) | (bit(c, 5) << 6) | (((c >> 3) & 3) << 7) | (bit(c, 2) << 5), 10);
            if (nz == 0) return 0;
            return iType(nz, 2, 0, 2, OP_IMM); // C.ADDI16SP
          }
          if (imm6 == 0) return 0;
          return ((<u32>imm6 & 0xfffff) << 12) | (rd << 7) | 0x37; // C.LUI
        }
        case 4: {
          const shamt = (bit(c, 12) << 5) | ((c >> 2) & 31);
          switch ((c >> 10) & 3) {
            case 0: return iType(<i32>shamt, rs1p, 5, rs1p, OP_IMM); // C.SRLI
            case 1: return iType(<i32>(shamt | 0x400), rs1p, 5, rs1p, OP_IMM); // C.SRAI
            case 2: return iType(imm6, rs1p, 7, rs1p, OP_IMM); // C.ANDI
          }
          const f = (c >> 5) & 3;
          if (bit(c, 12) == 0) {
            if (f == 0) return rType(0x20, rdp, rs1p, 0, rs1p, OP); // C.SUB
            if (f == 1) return rType(0, rdp, rs1p, 4, rs1p, OP); // C.XOR
            if (f == 2) return rType(0, rdp, rs1p, 6, rs1p, OP); // C.OR
            return rType(0, rdp, rs1p, 7, rs1p, OP); // C.AND
          }
          if (f == 0) return rType(0x20, rdp, rs1p, 0, rs1p, OP32); // C.SUBW
          if (f == 1) return rType(0, rdp, rs1p, 0, rs1p, OP32); // C.ADDW
          return 0;
        }
        case 5: {
          const off = sext((bit(c, 12) << 11) | (bit(c, 11) << 4) | (((c >> 9) & 3) << 8) | (bit(c, 8) << 10) |
            (bit(c, 7) << 6) | (bit(c, 6) << 7) | (((c >> 3) & 7) << 1) | (bit(c, 2) << 5), 12);
          return jType(off, 0); // C.J
        }
        default: {
          const off = sext((bit(c, 12) << 8) | (((c >> 10) & 3) << 3) | (((c >> 5) & 3) << 6) |
            (((c >> 3) & 3) << 1) | (bit(c, 2) << 5), 9);
          return bType(off, 0, rs1p, f3 == 6 ? 0 : 1); // C.BEQZ / C.BNEZ
        }
      }
    case 2:
      switch (f3) {
        case 0: {
          const shamt = (bit(c, 12) << 5) | ((c >> 2) & 31);
          return iType(<i32>shamt, rd, 1, rd, OP_IMM); // C.SLLI
        }
        case 2: {
          if (rd == 0) return 0;
          const off = (bit(c, 12) << 5) | (((c >> 4) & 7) << 2) | (((c >> 2) & 3) << 6);
          return iType(<i32>off, 2, 2, rd, LOAD); // C.LWSP
        }
        case 3: {
          if (rd == 0) return 0;
          const off = (bit(c, 12) << 5) | (((c >> 5) & 3) << 3) | (((c >> 2) & 7) << 6);
          return iType(<i32>off, 2, 3, rd, LOAD); // C.LDSP
        }
        case 4:
          if (bit(c, 12) == 0) {
            if (rs2 == 0) {
              if (rd == 0) return 0;
              return iType(0, rd, 0, 0, 0x67); // C.JR
            }
            return rType(0, rs2, 0, 0, rd, OP); // C.MV
          }
          if (rs2 == 0) {
            if (rd == 0) return 0x00100073; // C.EBREAK
            return iType(0, rd, 0, 1, 0x67); // C.JALR
          }
          return rType(0, rs2, rd, 0, rd, OP); // C.ADD
        case 6: {
          const off = (((c >> 9) & 15) << 2) | (((c >> 7) & 3) << 6);
          return sType(off, rs2, 2, 2, STORE); // C.SWSP
        }
        case 7: {
          const off = (((c >> 10) & 7) << 3) | (((c >> 7) & 7) << 6);
          return sType(off, rs2, 2, 3, STORE); // C.SDSP
        }
      }
      return 0; // C.FLDSP, C.FSDSP
  }
  return 0;
}
