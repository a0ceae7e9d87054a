// The hart: execute decoded instructions in one loop.
//
// run(budget) executes up to `budget` instructions and returns how many it
// executed; why it stopped is in STOP_REASON.
//
// The loop walks the decoded entries of the current page (code.ts, ops.ts)
// with `ptr`; pc is derived from it (pc = bias + ptr / 8) only when an
// instruction needs it. Sequential flow just advances ptr; the two entries
// past a page's end are OP_REFETCH, which looks the next page up. Branches
// and jumps within the page move ptr directly; others look the target up in
// the fetch TLB, which holds each page's slot. Loads and stores go through
// the data TLBs in place. Everything rare (traps, CSRs, atomics, MMIO, page
// walks, decoding) is out of line. The instruction count and the next event
// (interrupt check, timer deadline, end of the budget) live in locals and
// are compared once per instruction; out-of-line code lowers nextEvent
// (requestCheck) and the loop reloads it after every call.

import {
  X, PC, PRIV, MSTATUS, MIE, MTIMECMP, STIMECMP, MENVCFG, STOP_REASON, STOP_IDLE, STOP_BREAK, RES_ADDR,
  RES_VALID, WFI_SKIPS, ITLB_TAG, ITLB_CODE, LTLB_TAG, LTLB_ADD, STLB_TAG, STLB_ADD, getX, setX, rd64, wr64,
} from "./state";
import {
  icount, nextEvent, requestCheck, setNextEvent, syncIcountIn, syncIcountOut, mtime, setMtime,
  icountAtTime, setIcount,
} from "./events";
import {
  raise, excPending, takeException, retryForInput, takeableInterrupt, takeInterrupt, wfiWake, mret, sret,
  MS_TSR, MS_TW, MS_TVM, IRQ_MTI, IRQ_STI, ENVCFG_STCE, CAUSE_ILLEGAL, CAUSE_BREAKPOINT, CAUSE_ECALL_U,
} from "./trap";
import { csrInstruction } from "./csr";
import { codeFetch, straddleFetch, loadSlow, storeSlow, atomicHost, tlbFlush, tlbFlushPage, tlbIndex } from "./mmu";
import { decodeEntry, codeFlushAll, LOOKUP_ENTRY, SCRATCH } from "./code";
import { decodeInto } from "./decode";
import { inputWanted } from "./devices/uart";
import { setCurrentPc, bpHit } from "./debug";
import * as O from "./ops";

let budgetEnd: u64 = 0;
// An OP_BREAK entry that was turned back into its own op to run it once:
// it is marked again at the next event check (which the loop forces).
let rearm: u32 = 0;

function rearmBreak(): void {
  const op = load<u8>(rearm, O.E_OP);
  if (op != O.OP_BREAK) {
    store<u8>(rearm, op, O.E_OP2);
    store<u8>(rearm, O.OP_BREAK, O.E_OP);
  }
  rearm = 0;
}

@inline function rx(r: u32): u64 {
  return load<u64>(r << 3, X); // X as the access's constant offset
}
@inline function wx(r: u32, v: u64): void {
  store<u64>(r << 3, v, X);
}
@inline function RD(p: u32): u32 {
  return <u32>load<u8>(p, O.E_RD);
}
@inline function RS1(p: u32): u64 {
  return rx(<u32>load<u8>(p, O.E_RS1));
}
@inline function RS2(p: u32): u64 {
  return rx(<u32>load<u8>(p, O.E_RS2));
}
@inline function IMM(p: u32): u64 {
  return <u64><i64>load<i32>(p, O.E_IMM);
}
@inline function IMM32(p: u32): i32 {
  return load<i32>(p, O.E_IMM);
}
@inline function ADV(p: u32): u32 {
  return <u32>load<u8>(p, O.E_ADV);
}

// Conditional branch k (0 BEQ, 1 BNE, 2 BLT, 3 BGE, 4 BLTU, 5 BGEU), without branching on k.
@inline function branchCond(k: u32, x: u64, y: u64): bool {
  const eq = x == y;
  const lt = <i64>x < <i64>y;
  const ltu = x < y;
  const c = k < 2 ? eq : k < 4 ? lt : ltu;
  return c != ((k & 1) != 0);
}
@inline function sext32(v: u64): u64 {
  return <u64><i64><i32>v;
}

@inline function mulhu(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
@inline function mulh(a: u64, b: u64): u64 {
  return mulhu(a, b) - ((<i64>a < 0) ? b : 0) - ((<i64>b < 0) ? a : 0);
}
@inline function mulhsu(a: u64, b: u64): u64 {
  return mulhu(a, b) - ((<i64>a < 0) ? b : 0);
}
@inline function div(a: u64, b: u64): u64 {
  if (b == 0) return u64.MAX_VALUE;
  if (a == 0x8000000000000000 && b == u64.MAX_VALUE) return a;
  return <u64>(<i64>a / <i64>b);
}
@inline function rem(a: u64, b: u64): u64 {
  if (b == 0) return a;
  if (a == 0x8000000000000000 && b == u64.MAX_VALUE) return 0;
  return <u64>(<i64>a % <i64>b);
}
@inline function divw(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return u64.MAX_VALUE;
  if (x == i32.MIN_VALUE && y == -1) return sext32(<u64><u32>x);
  return <u64><i64>(x / y);
}
@inline function remw(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return <u64><i64>x;
  if (x == i32.MIN_VALUE && y == -1) return 0;
  return <u64><i64>(x % y);
}
@inline function divuw(a: u64, b: u64): u64 {
  const x = <u32>a, y = <u32>b;
  if (y == 0) return u64.MAX_VALUE;
  return sext32(<u64>(x / y));
}
@inline function remuw(a: u64, b: u64): u64 {
  const x = <u32>a, y = <u32>b;
  if (y == 0) return sext32(<u64>x);
  return sext32(<u64>(x % y));
}

function illegal(raw: u32, ilen: u64, pc: u64): u64 {
  raise(CAUSE_ILLEGAL, ilen == 2 ? <u64>(raw & 0xffff) : <u64>raw);
  return takeException(pc);
}

// Instruction count at which a timer crosses its compare value, or `end`.
function nextTimerEvent(end: u64): u64 {
  let ne = end;
  const t = mtime();
  const cmp = rd64(MTIMECMP);
  if (cmp > t) {
    const ic = icountAtTime(cmp);
    if (ic < ne) ne = ic;
  }
  if (rd64(MENVCFG) & ENVCFG_STCE) {
    const s = rd64(STIMECMP);
    if (s > t) {
      const ic = icountAtTime(s);
      if (ic < ne) ne = ic;
    }
  }
  return ne;
}

// WFI: nothing to do if an interrupt is pending; otherwise jump time forward
// to the next enabled timer deadline; with none, only input can wake the hart.
function wfi(): bool {
  if (wfiWake()) return true;
  if (inputWanted()) return false; // wait for the host's input before time moves on
  const mie = rd64(MIE);
  let deadline = u64.MAX_VALUE;
  if (mie & IRQ_MTI) deadline = rd64(MTIMECMP);
  if ((mie & IRQ_STI) && (rd64(MENVCFG) & ENVCFG_STCE) && rd64(STIMECMP) < deadline) deadline = rd64(STIMECMP);
  if (deadline < (<u64>1 << 62)) {
    if (deadline > mtime()) setMtime(deadline);
    wr64(WFI_SKIPS, rd64(WFI_SKIPS) + 1);
  } else {
    wr64(STOP_REASON, STOP_IDLE);
  }
  requestCheck();
  return true;
}

// SYSTEM opcode: ECALL, EBREAK, xRET, WFI, SFENCE.VMA and the CSR instructions.
// Returns the next pc (the trap vector when it trapped).
function system(insn: u32, raw: u32, ilen: u64, pc: u64): u64 {
  const priv = rd64(PRIV);
  if (((insn >> 12) & 7) != 0) {
    if (!csrInstruction(insn)) return illegal(raw, ilen, pc);
    return pc + ilen;
  }
  switch (insn) {
    case 0x00000073:
      raise(CAUSE_ECALL_U + priv, 0);
      return takeException(pc);
    case 0x00100073:
      raise(CAUSE_BREAKPOINT, 0); // tval 0, as QEMU (the spec allows 0 or pc)
      return takeException(pc);
    case 0x30200073:
      if (priv != 3) break;
      return mret();
    case 0x10200073:
      if (priv == 0 || (priv == 1 && (rd64(MSTATUS) & MS_TSR))) break;
      return sret();
    case 0x10500073:
      if (priv == 0 || (priv == 1 && (rd64(MSTATUS) & MS_TW))) break;
      if (!wfi()) {
        retryForInput();
        return takeException(pc);
      }
      return pc + ilen;
    default:
      if ((insn >> 25) == 0x09 && ((insn >> 7) & 31) == 0) {
        if (priv == 0 || (priv == 1 && (rd64(MSTATUS) & MS_TVM))) break;
        const rs1 = (insn >> 15) & 31;
        if (rs1 != 0) tlbFlushPage(getX(rs1));
        else tlbFlush();
        return pc + ilen;
      }
  }
  return illegal(raw, ilen, pc);
}

// A extension. Returns false when the instruction trapped (exception raised).
function amo(insn: u32): i32 {
  const f3 = (insn >> 12) & 7;
  if (f3 != 2 && f3 != 3) return 2;
  const f5 = insn >> 27;
  const rd = (insn >> 7) & 31;
  const va = getX((insn >> 15) & 31);
  const src = getX((insn >> 20) & 31);
  const size: u32 = f3 == 2 ? 4 : 8;
  if (f5 == 0x02) { // LR
    if (((insn >> 20) & 31) != 0) return 2;
    const h = atomicHost(va, size, true);
    if (excPending) return 1;
    setX(rd, size == 4 ? sext32(<u64>load<u32>(h)) : load<u64>(h));
    wr64(RES_ADDR, <u64>h);
    wr64(RES_VALID, 1);
    return 0;
  }
  let ok = true;
  switch (f5) {
    case 0x03: case 0x01: case 0x00: case 0x04: case 0x0c: case 0x08: case 0x10: case 0x14: case 0x18: case 0x1c: break;
    default: ok = false;
  }
  if (!ok) return 2;
  const h = atomicHost(va, size, false);
  if (excPending) return 1;
  if (f5 == 0x03) { // SC
    const hit = rd64(RES_VALID) != 0 && rd64(RES_ADDR) == <u64>h;
    wr64(RES_VALID, 0);
    if (hit) {
      if (size == 4) store<u32>(h, <u32>src);
      else store<u64>(h, src);
    }
    setX(rd, hit ? 0 : 1);
    return 0;
  }
  const old: u64 = size == 4 ? sext32(<u64>load<u32>(h)) : load<u64>(h);
  const b: u64 = size == 4 ? sext32(src) : src;
  let v: u64 = 0;
  switch (f5) {
    case 0x01: v = b; break;
    case 0x00: v = old + b; break;
    case 0x04: v = old ^ b; break;
    case 0x0c: v = old & b; break;
    case 0x08: v = old | b; break;
    case 0x10: v = <i64>old < <i64>b ? old : b; break;
    case 0x14: v = <i64>old > <i64>b ? old : b; break;
    case 0x18: v = size == 4 ? (<u32>old < <u32>b ? old : b) : (old < b ? old : b); break;
    default: v = size == 4 ? (<u32>old > <u32>b ? old : b) : (old > b ? old : b); break;
  }
  if (size == 4) store<u32>(h, <u32>v);
  else store<u64>(h, v);
  setX(rd, old);
  return 0;
}

// The loop is two functions. exec() runs the common instructions with its
// state in four locals and calls nothing, so that V8 keeps them in
// registers; it returns (leave()) at anything else: an instruction it does
// not do, a TLB miss, a page not in the fetch TLB, or the end of its count.
// run() does the rest (events, decoding, traps, slow paths) and calls exec()
// again. Between them the state goes through these globals.
let xPtr: u32 = 0; // the entry to execute next
let xBase: u32 = 0; // slot of the current page
let xBias: u64 = 0; // pc = bias + ptr / 8 while ptr is in that slot
let xLeft: i32 = 0; // instructions exec() may still run
let gpc: u64 = 0; // the pc, while ptr == LOOKUP_ENTRY

@inline function leave(ptr: u32, base: u32, bias: u64, left: i32): void {
  xPtr = ptr;
  xBase = base;
  xBias = bias;
  xLeft = left;
}

// Run up to `left` instructions from the entry at ptr; stop before any instruction it
// does not do. Every op knows its length (the compressed forms have ops of
// their own), so the next entry's address is a constant away: no load on
// the loop's critical path. Exported only so that binaryen keeps it a
// function of its own.
export function exec(ptr: u32, base: u32, bias: u64, left: i32): void {
  while (left > 0) {
    switch (<u32>load<u8>(ptr, O.E_OP)) {
      case O.OP_REFETCH:
        gpc = bias + <u64>(ptr >> 3);
      // fall through
      case O.OP_LOOKUP: { // not an instruction: uncounted
        const pc = gpc;
        const tag = pc & ~<u64>0xfff;
        const idx = tlbIndex(pc);
        if (load<u64>(idx, ITLB_TAG) != tag) return leave(LOOKUP_ENTRY, base, bias, left);
        base = load<u32>(idx, ITLB_CODE);
        bias = tag - <u64>(base >> 3);
        ptr = base + ((<u32>pc & 0xfff) << 3);
        continue;
      }
      case O.OP_NOP: { ptr += 32; left--; continue; }
      case O.OP_NOP_C: { ptr += 16; left--; continue; }
      case O.OP_LI: { wx(RD(ptr), IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_LI_C: { wx(RD(ptr), IMM(ptr)); ptr += 16; left--; continue; }
      case O.OP_AUIPC: { wx(RD(ptr), bias + <u64>(ptr >> 3) + IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_ADDI: { wx(RD(ptr), RS1(ptr) + IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_ADDI_C: { wx(RD(ptr), RS1(ptr) + IMM(ptr)); ptr += 16; left--; continue; }
      case O.OP_SLTI: { wx(RD(ptr), <i64>RS1(ptr) < <i64>IMM(ptr) ? 1 : 0); ptr += 32; left--; continue; }
      case O.OP_SLTIU: { wx(RD(ptr), RS1(ptr) < IMM(ptr) ? 1 : 0); ptr += 32; left--; continue; }
      case O.OP_XORI: { wx(RD(ptr), RS1(ptr) ^ IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_ORI: { wx(RD(ptr), RS1(ptr) | IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_ANDI: { wx(RD(ptr), RS1(ptr) & IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_ANDI_C: { wx(RD(ptr), RS1(ptr) & IMM(ptr)); ptr += 16; left--; continue; }
      case O.OP_SLLI: { wx(RD(ptr), RS1(ptr) << IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_SLLI_C: { wx(RD(ptr), RS1(ptr) << IMM(ptr)); ptr += 16; left--; continue; }
      case O.OP_SRLI: { wx(RD(ptr), RS1(ptr) >> IMM(ptr)); ptr += 32; left--; continue; }
      case O.OP_SRLI_C: { wx(RD(ptr), RS1(ptr) >> IMM(ptr)); ptr += 16; left--; continue; }
      case O.OP_SRAI: { wx(RD(ptr), <u64>(<i64>RS1(ptr) >> <i64>IMM(ptr))); ptr += 32; left--; continue; }
      case O.OP_SRAI_C: { wx(RD(ptr), <u64>(<i64>RS1(ptr) >> <i64>IMM(ptr))); ptr += 16; left--; continue; }
      case O.OP_ADDIW: { wx(RD(ptr), sext32(RS1(ptr) + IMM(ptr))); ptr += 32; left--; continue; }
      case O.OP_ADDIW_C: { wx(RD(ptr), sext32(RS1(ptr) + IMM(ptr))); ptr += 16; left--; continue; }
      case O.OP_SLLIW: { wx(RD(ptr), sext32(<u64>(<u32>RS1(ptr) << <u32>IMM32(ptr)))); ptr += 32; left--; continue; }
      case O.OP_SRLIW: { wx(RD(ptr), sext32(<u64>(<u32>RS1(ptr) >> <u32>IMM32(ptr)))); ptr += 32; left--; continue; }
      case O.OP_SRAIW: { wx(RD(ptr), sext32(<u64><u32>(<i32>RS1(ptr) >> IMM32(ptr)))); ptr += 32; left--; continue; }
      case O.OP_ADD: { wx(RD(ptr), RS1(ptr) + RS2(ptr)); ptr += 32; left--; continue; }
      case O.OP_ADD_C: { wx(RD(ptr), RS1(ptr) + RS2(ptr)); ptr += 16; left--; continue; }
      case O.OP_SUB: { wx(RD(ptr), RS1(ptr) - RS2(ptr)); ptr += 32; left--; continue; }
      case O.OP_SUB_C: { wx(RD(ptr), RS1(ptr) - RS2(ptr)); ptr += 16; left--; continue; }
      case O.OP_SLL: { wx(RD(ptr), RS1(ptr) << (RS2(ptr) & 63)); ptr += 32; left--; continue; }
      case O.OP_SLT: { wx(RD(ptr), <i64>RS1(ptr) < <i64>RS2(ptr) ? 1 : 0); ptr += 32; left--; continue; }
      case O.OP_SLTU: { wx(RD(ptr), RS1(ptr) < RS2(ptr) ? 1 : 0); ptr += 32; left--; continue; }
      case O.OP_XOR: { wx(RD(ptr), RS1(ptr) ^ RS2(ptr)); ptr += 32; left--; continue; }
      case O.OP_XOR_C: { wx(RD(ptr), RS1(ptr) ^ RS2(ptr)); ptr += 16; left--; continue; }
      case O.OP_SRL: { wx(RD(ptr), RS1(ptr) >> (RS2(ptr) & 63)); ptr += 32; left--; continue; }
      case O.OP_SRA: { wx(RD(ptr), <u64>(<i64>RS1(ptr) >> <i64>(RS2(ptr) & 63))); ptr += 32; left--; continue; }
      case O.OP_OR: { wx(RD(ptr), RS1(ptr) | RS2(ptr)); ptr += 32; left--; continue; }
      case O.OP_OR_C: { wx(RD(ptr), RS1(ptr) | RS2(ptr)); ptr += 16; left--; continue; }
      case O.OP_AND: { wx(RD(ptr), RS1(ptr) & RS2(ptr)); ptr += 32; left--; continue; }
      case O.OP_AND_C: { wx(RD(ptr), RS1(ptr) & RS2(ptr)); ptr += 16; left--; continue; }
      case O.OP_ADDW: { wx(RD(ptr), sext32(RS1(ptr) + RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_ADDW_C: { wx(RD(ptr), sext32(RS1(ptr) + RS2(ptr))); ptr += 16; left--; continue; }
      case O.OP_SUBW: { wx(RD(ptr), sext32(RS1(ptr) - RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_SUBW_C: { wx(RD(ptr), sext32(RS1(ptr) - RS2(ptr))); ptr += 16; left--; continue; }
      case O.OP_SLLW: { wx(RD(ptr), sext32(<u64>(<u32>RS1(ptr) << (<u32>RS2(ptr) & 31)))); ptr += 32; left--; continue; }
      case O.OP_SRLW: { wx(RD(ptr), sext32(<u64>(<u32>RS1(ptr) >> (<u32>RS2(ptr) & 31)))); ptr += 32; left--; continue; }
      case O.OP_SRAW: { wx(RD(ptr), sext32(<u64><u32>(<i32>RS1(ptr) >> (<i32>RS2(ptr) & 31)))); ptr += 32; left--; continue; }
      case O.OP_MUL: { wx(RD(ptr), RS1(ptr) * RS2(ptr)); ptr += 32; left--; continue; }
      case O.OP_MULH: { wx(RD(ptr), mulh(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_MULHSU: { wx(RD(ptr), mulhsu(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_MULHU: { wx(RD(ptr), mulhu(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_DIV: { wx(RD(ptr), div(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_DIVU: { const b = RS2(ptr); wx(RD(ptr), b == 0 ? u64.MAX_VALUE : RS1(ptr) / b); ptr += 32; left--; continue; }
      case O.OP_REM: { wx(RD(ptr), rem(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_REMU: { const a = RS1(ptr), b = RS2(ptr); wx(RD(ptr), b == 0 ? a : a % b); ptr += 32; left--; continue; }
      case O.OP_MULW: { wx(RD(ptr), sext32(<u64>(<u32>RS1(ptr) * <u32>RS2(ptr)))); ptr += 32; left--; continue; }
      case O.OP_DIVW: { wx(RD(ptr), divw(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_DIVUW: { wx(RD(ptr), divuw(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_REMW: { wx(RD(ptr), remw(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }
      case O.OP_REMUW: { wx(RD(ptr), remuw(RS1(ptr), RS2(ptr))); ptr += 32; left--; continue; }

      // ---- loads and stores: one masked compare checks the page and the alignment
      // (Written out per op on purpose: folding them into an @inline helper that
      // returns 0 on a TLB miss measured 20% slower on the bare-metal benchmark.)
      case O.OP_LB: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xfff) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<i8>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_LH: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffe) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<i16>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_LW: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffc) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<i32>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_LW_C: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffc) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<i32>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 16; left--; continue;
      }
      case O.OP_LD: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xff8) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), load<u64>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_LD_C: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xff8) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), load<u64>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 16; left--; continue;
      }
      case O.OP_LBU: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xfff) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<u8>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_LHU: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffe) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<u16>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_LWU: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffc) != load<u64>(idx, LTLB_TAG)) return leave(ptr, base, bias, left);
        wx(RD(ptr), <u64>load<u32>(<u32>va + load<u32>(idx, LTLB_ADD)));
        ptr += 32; left--; continue;
      }
      case O.OP_SB: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xfff) != load<u64>(idx, STLB_TAG)) return leave(ptr, base, bias, left);
        store<u8>(<u32>va + load<u32>(idx, STLB_ADD), <u8>RS2(ptr));
        ptr += 32; left--; continue;
      }
      case O.OP_SH: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffe) != load<u64>(idx, STLB_TAG)) return leave(ptr, base, bias, left);
        store<u16>(<u32>va + load<u32>(idx, STLB_ADD), <u16>RS2(ptr));
        ptr += 32; left--; continue;
      }
      case O.OP_SW: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffc) != load<u64>(idx, STLB_TAG)) return leave(ptr, base, bias, left);
        store<u32>(<u32>va + load<u32>(idx, STLB_ADD), <u32>RS2(ptr));
        ptr += 32; left--; continue;
      }
      case O.OP_SW_C: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xffc) != load<u64>(idx, STLB_TAG)) return leave(ptr, base, bias, left);
        store<u32>(<u32>va + load<u32>(idx, STLB_ADD), <u32>RS2(ptr));
        ptr += 16; left--; continue;
      }
      case O.OP_SD: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xff8) != load<u64>(idx, STLB_TAG)) return leave(ptr, base, bias, left);
        store<u64>(<u32>va + load<u32>(idx, STLB_ADD), RS2(ptr));
        ptr += 32; left--; continue;
      }
      case O.OP_SD_C: {
        const va = RS1(ptr) + IMM(ptr);
        const idx = tlbIndex(va);
        if ((va & ~<u64>0xff8) != load<u64>(idx, STLB_TAG)) return leave(ptr, base, bias, left);
        store<u64>(<u32>va + load<u32>(idx, STLB_ADD), RS2(ptr));
        ptr += 16; left--; continue;
      }

      // ---- control transfer: within the page ptr moves; otherwise the target is looked up
      case O.OP_BEQ:
        left--;
        if (RS1(ptr) == RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 32;
        continue;
      case O.OP_BEQ_C:
        left--;
        if (RS1(ptr) == RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 16;
        continue;
      case O.OP_BNE:
        left--;
        if (RS1(ptr) != RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 32;
        continue;
      case O.OP_BNE_C:
        left--;
        if (RS1(ptr) != RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 16;
        continue;
      case O.OP_BLT:
        left--;
        if (<i64>RS1(ptr) < <i64>RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 32;
        continue;
      case O.OP_BGE:
        left--;
        if (<i64>RS1(ptr) >= <i64>RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 32;
        continue;
      case O.OP_BLTU:
        left--;
        if (RS1(ptr) < RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 32;
        continue;
      case O.OP_BGEU:
        left--;
        if (RS1(ptr) >= RS2(ptr)) {
          const np = ptr + (<u32>IMM32(ptr) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
        }
        ptr += 32;
        continue;
      case O.OP_JAL:
        wx(RD(ptr), bias + <u64>((ptr + 32) >> 3));
      // fall through
      case O.OP_J: {
        const np = ptr + (<u32>IMM32(ptr) << 3);
        left--;
        if (np - base < 0x8000) { ptr = np; continue; }
        gpc = bias + <u64>(ptr >> 3) + IMM(ptr); ptr = LOOKUP_ENTRY; continue;
      }
      case O.OP_JALR: {
        const t = (RS1(ptr) + IMM(ptr)) & ~<u64>1; // before rd is written: rd may be rs1
        wx(RD(ptr), bias + <u64>((ptr + 32) >> 3));
        const off = t - (bias + <u64>(base >> 3));
        left--;
        if (off < 0x1000) { ptr = base + (<u32>off << 3); continue; }
        gpc = t; ptr = LOOKUP_ENTRY; continue;
      }
      case O.OP_JALR_C: {
        const t = (RS1(ptr) + IMM(ptr)) & ~<u64>1; // before rd is written: rd may be rs1
        wx(RD(ptr), bias + <u64>((ptr + 16) >> 3));
        const off = t - (bias + <u64>(base >> 3));
        left--;
        if (off < 0x1000) { ptr = base + (<u32>off << 3); continue; }
        gpc = t; ptr = LOOKUP_ENTRY; continue;
      }
      case O.OP_JR: {
        const t = (RS1(ptr) + IMM(ptr)) & ~<u64>1;
        const off = t - (bias + <u64>(base >> 3));
        left--;
        if (off < 0x1000) { ptr = base + (<u32>off << 3); continue; }
        gpc = t; ptr = LOOKUP_ENTRY; continue;
      }
      case O.OP_F_ADDW_C_B32: {
        const b = ptr + 16;
        const k = <u32>load<u8>(b) - O.OP_BEQ;
        wx(RD(ptr), sext32(RS1(ptr) + RS2(ptr)));
        if (left < 2 || k > 5) { ptr = b; left--; continue; }
        left -= 2;
        if (branchCond(k, RS1(b), RS2(b))) {
          const np = b + (<u32>IMM32(b) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(b >> 3) + IMM(b); ptr = LOOKUP_ENTRY; continue;
        }
        ptr = b + 32;
        continue;
      }
      case O.OP_F_ADDIW_C_B32: {
        const b = ptr + 16;
        const k = <u32>load<u8>(b) - O.OP_BEQ;
        wx(RD(ptr), sext32(RS1(ptr) + IMM(ptr)));
        if (left < 2 || k > 5) { ptr = b; left--; continue; }
        left -= 2;
        if (branchCond(k, RS1(b), RS2(b))) {
          const np = b + (<u32>IMM32(b) << 3);
          if (np - base < 0x8000) { ptr = np; continue; }
          gpc = bias + <u64>(b >> 3) + IMM(b); ptr = LOOKUP_ENTRY; continue;
        }
        ptr = b + 32;
        continue;
      }
      case O.OP_F_SLLI_SRLI_C: {
        const b = ptr + 32;
        wx(RD(ptr), RS1(ptr) << IMM(ptr));
        if (left < 2 || load<u8>(b) != O.OP_SRLI_C) { ptr = b; left--; continue; }
        wx(RD(b), RS1(b) >> IMM(b));
        left -= 2;
        ptr = b + 16;
        continue;
      }
      default: // run() does it
        return leave(ptr, base, bias, left);
    }
  }
  leave(ptr, base, bias, left);
}

export function run(budget: i32): i32 {
  syncIcountIn();
  let ic = icount; // instructions counted so far (icount is synced around every call out)
  const start = ic;
  budgetEnd = start + <u64>budget;
  wr64(STOP_REASON, 0);
  let ne: u64 = 0; // at ic >= ne the loop checks stops, interrupts and timers
  setNextEvent(0);
  gpc = rd64(PC);
  let ptr: u32 = LOOKUP_ENTRY;
  let base: u32 = SCRATCH;
  let bias: u64 = 0;

  while (true) {
    if (ic >= ne) {
      if (ptr != LOOKUP_ENTRY) {
        gpc = bias + <u64>(ptr >> 3);
        ptr = LOOKUP_ENTRY;
      }
      if (rearm != 0) rearmBreak();
      if (rd64(STOP_REASON) != 0 || ic >= budgetEnd) break;
      setIcount(ic);
      const irq = takeableInterrupt();
      if (irq >= 0) {
        gpc = takeInterrupt(irq, gpc);
        ic = icount;
        ne = nextEvent;
        continue;
      }
      ne = nextTimerEvent(budgetEnd);
      setNextEvent(ne);
      ic = icount;
    }

    // The fast loop, up to the next event.
    const room = ne - ic;
    const left: i32 = room > 0x40000000 ? 0x40000000 : <i32>room;
    exec(ptr, base, bias, left);
    ic += <u64>(left - xLeft);
    ptr = xPtr;
    base = xBase;
    bias = xBias;
    if (ic >= ne) continue;

    // The instruction at ptr is not exec()'s: do it here.
    ic++;
    switch (<u32>O.fullOp(load<u8>(ptr, O.E_OP))) {
      case O.OP_DECODE: // not an instruction
        decodeEntry(ptr);
        ic--;
        continue;
      case O.OP_REFETCH:
        gpc = bias + <u64>(ptr >> 3);
      // fall through
      case O.OP_LOOKUP: { // the page is not in the fetch TLB (exec() does the rest)
        setIcount(ic); // the instruction being fetched counts if the fetch traps
        const b = codeFetch(gpc);
        if (excPending) {
          gpc = takeException(gpc);
          break;
        }
        ic--;
        base = b;
        bias = (gpc & ~<u64>0xfff) - <u64>(b >> 3);
        ptr = b + ((<u32>gpc & 0xfff) << 3);
        continue;
      }
      case O.OP_BREAK: {
        const at = bias + <u64>(ptr >> 3);
        setIcount(ic);
        if (bpHit(at)) { // stop before the instruction runs
          wr64(STOP_REASON, STOP_BREAK);
          ic--;
          gpc = at;
          ptr = LOOKUP_ENTRY;
          ne = 0;
          setNextEvent(0);
          continue;
        }
        // Another mapping of the page, or resuming from this breakpoint: run
        // the entry's own op once; the forced check right after marks it again.
        store<u8>(ptr, load<u8>(ptr, O.E_OP2), O.E_OP);
        rearm = ptr;
        ic--;
        ne = ic + 1;
        setNextEvent(ne);
        continue;
      }
      case O.OP_STRADDLE: {
        const at = bias + <u64>(ptr >> 3);
        setIcount(ic);
        const insn = straddleFetch(at);
        if (excPending) {
          gpc = takeException(at);
          break;
        }
        // Run it from the scratch page, whose every other entry looks the pc up again.
        const e = SCRATCH + (0xffe << 3);
        decodeInto(e, insn);
        ic--;
        base = SCRATCH;
        bias = (at & ~<u64>0xfff) - <u64>(SCRATCH >> 3);
        ptr = e;
        continue;
      }
      case O.OP_ILLEGAL: {
        const at = bias + <u64>(ptr >> 3);
        setIcount(ic);
        raise(CAUSE_ILLEGAL, <u64>load<u32>(ptr, O.E_RAW));
        gpc = takeException(at);
        break;
      }
      case O.OP_SYSTEM: {
        const at = bias + <u64>(ptr >> 3);
        setIcount(ic);
        gpc = system(<u32>IMM32(ptr), load<u32>(ptr, O.E_RAW), <u64>(ADV(ptr) >> 3), at);
        break;
      }
      case O.OP_AMO: {
        const at = bias + <u64>(ptr >> 3);
        const insn = <u32>IMM32(ptr);
        setIcount(ic);
        setCurrentPc(at);
        const r = amo(insn);
        if (r == 1) gpc = takeException(at);
        else if (r == 2) gpc = illegal(insn, 4, at);
        else gpc = at + 4;
        break;
      }
      case O.OP_FENCE_I: // decoded code must see earlier stores: forget it all
        gpc = bias + <u64>((ptr + ADV(ptr)) >> 3);
        codeFlushAll();
        tlbFlush();
        break;

      // ---- the slow paths of loads and stores (a slow store may change decoded code)
      case O.OP_LB: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 1);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, <u64><i64><i8>v);
          gpc = next;
        }
        break;
      }
      case O.OP_LH: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 2);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, <u64><i64><i16>v);
          gpc = next;
        }
        break;
      }
      case O.OP_LW: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 4);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, sext32(v));
          gpc = next;
        }
        break;
      }
      case O.OP_LD: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 8);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, v);
          gpc = next;
        }
        break;
      }
      case O.OP_LBU: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 1);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, v);
          gpc = next;
        }
        break;
      }
      case O.OP_LHU: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 2);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, v);
          gpc = next;
        }
        break;
      }
      case O.OP_LWU: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const rd = RD(ptr);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        const v = loadSlow(va, 4);
        if (excPending) gpc = takeException(at);
        else {
          wx(rd, v);
          gpc = next;
        }
        break;
      }
      case O.OP_SB: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        storeSlow(va, 1, RS2(ptr));
        gpc = excPending ? takeException(at) : next;
        break;
      }
      case O.OP_SH: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        storeSlow(va, 2, RS2(ptr));
        gpc = excPending ? takeException(at) : next;
        break;
      }
      case O.OP_SW: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        storeSlow(va, 4, RS2(ptr));
        gpc = excPending ? takeException(at) : next;
        break;
      }
      case O.OP_SD: {
        const va = RS1(ptr) + IMM(ptr);
        const at = bias + <u64>(ptr >> 3);
        const next = at + <u64>(ADV(ptr) >> 3);
        setIcount(ic);
        setCurrentPc(at);
        storeSlow(va, 8, RS2(ptr));
        gpc = excPending ? takeException(at) : next;
        break;
      }

      default:
        unreachable();
    }
    // After an instruction done here: state from the globals, next pc looked up.
    ic = icount;
    ne = nextEvent;
    ptr = LOOKUP_ENTRY;
  }
  if (rearm != 0) rearmBreak();
  wr64(PC, gpc);
  setIcount(ic);
  syncIcountOut();
  return <i32>(ic - start);
}
