// The hart: fetch, decode and execute in one loop.
//
// run(budget) executes up to `budget` instructions and returns how many it
// executed; why it stopped is in STOP_REASON. The loop keeps pc in a local,
// fetches and accesses data through the TLB fast paths, and leaves every rare
// case (traps, CSRs, atomics, MMIO, page walks) to out-of-line functions.

import {
  PC, PRIV, MSTATUS, MIE, MTIMECMP, STIMECMP, MENVCFG, STOP_REASON, STOP_IDLE, RES_ADDR, RES_VALID,
  WFI_SKIPS, ITLB_TAG, ITLB_ADD, LTLB_TAG, LTLB_ADD, STLB_TAG, STLB_ADD, getX, setX, rd64, wr64,
} from "./state";
import {
  icount, nextEvent, requestCheck, setNextEvent, bumpIcount, syncIcountIn, syncIcountOut, mtime,
  setMtime, icountAtTime,
} from "./events";
import {
  raise, excPending, takeException, retryForInput, takeableInterrupt, takeInterrupt, wfiWake, mret, sret,
  MS_TSR, MS_TW, MS_TVM, IRQ_MTI, IRQ_STI, ENVCFG_STCE, CAUSE_ILLEGAL, CAUSE_BREAKPOINT, CAUSE_ECALL_U,
} from "./trap";
import { csrInstruction } from "./csr";
import { fetchSlow, loadSlow, storeSlow, atomicHost, tlbFlush, tlbFlushPage } from "./mmu";
import { expandC } from "./rvc";
import { inputWanted } from "./devices/uart";
import { setCurrentPc } from "./debug";

let budgetEnd: u64 = 0;

@inline function sext32(v: u64): u64 {
  return <u64><i64><i32>v;
}

function mulhu(a: u64, b: u64): u64 {
  const a0 = a & 0xffffffff, a1 = a >> 32, b0 = b & 0xffffffff, b1 = b >> 32;
  const p00 = a0 * b0, p01 = a0 * b1, p10 = a1 * b0, p11 = a1 * b1;
  const mid = (p00 >> 32) + (p01 & 0xffffffff) + (p10 & 0xffffffff);
  return p11 + (p01 >> 32) + (p10 >> 32) + (mid >> 32);
}
function mulh(a: u64, b: u64): u64 {
  return mulhu(a, b) - ((<i64>a < 0) ? b : 0) - ((<i64>b < 0) ? a : 0);
}
function mulhsu(a: u64, b: u64): u64 {
  return mulhu(a, b) - ((<i64>a < 0) ? b : 0);
}
function div(a: u64, b: u64): u64 {
  if (b == 0) return u64.MAX_VALUE;
  if (a == 0x8000000000000000 && b == u64.MAX_VALUE) return a;
  return <u64>(<i64>a / <i64>b);
}
function rem(a: u64, b: u64): u64 {
  if (b == 0) return a;
  if (a == 0x8000000000000000 && b == u64.MAX_VALUE) return 0;
  return <u64>(<i64>a % <i64>b);
}
function divw(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return u64.MAX_VALUE;
  if (x == i32.MIN_VALUE && y == -1) return sext32(<u64><u32>x);
  return <u64><i64>(x / y);
}
function remw(a: u64, b: u64): u64 {
  const x = <i32>a, y = <i32>b;
  if (y == 0) return <u64><i64>x;
  if (x == i32.MIN_VALUE && y == -1) return 0;
  return <u64><i64>(x % y);
}
function divuw(a: u64, b: u64): u64 {
  const x = <u32>a, y = <u32>b;
  if (y == 0) return u64.MAX_VALUE;
  return sext32(<u64>(x / y));
}
function remuw(a: u64, b: u64): u64 {
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

export function run(budget: i32): i32 {
  syncIcountIn();
  const start = icount;
  budgetEnd = start + <u64>budget;
  wr64(STOP_REASON, 0);
  requestCheck();
  let pc = rd64(PC);

  while (true) {
    if (icount >= nextEvent) {
      if (rd64(STOP_REASON) != 0 || icount >= budgetEnd) break;
      const irq = takeableInterrupt();
      if (irq >= 0) {
        pc = takeInterrupt(irq, pc);
        continue;
      }
      setNextEvent(nextTimerEvent(budgetEnd));
    }
    bumpIcount();

    // Fetch.
    let insn: u32;
    const ivpn = pc >> 12;
    const iidx = (<u32>ivpn & 255) << 3;
    if (load<u64>(ITLB_TAG + iidx) == ivpn && (<u32>pc & 0xfff) <= 0xffc) {
      insn = load<u32>(<u32>pc + load<u32>(ITLB_ADD + iidx));
    } else {
      insn = fetchSlow(pc);
      if (excPending) { pc = takeException(pc); continue; }
    }
    const raw = insn;
    let ilen: u64 = 4;
    if ((insn & 3) != 3) {
      ilen = 2;
      insn = expandC(insn & 0xffff);
      if (insn == 0) { pc = illegal(raw, 2, pc); continue; }
    }

    const rd = (insn >> 7) & 31;
    const rs1 = (insn >> 15) & 31;
    const rs2 = (insn >> 20) & 31;
    const f3 = (insn >> 12) & 7;
    let npc = pc + ilen;

    switch ((insn >> 2) & 31) {
      case 0x00: { // LOAD
        const va = getX(rs1) + <u64><i64>(<i32>insn >> 20);
        const size: u32 = 1 << (f3 & 3);
        if (f3 == 7) { pc = illegal(raw, ilen, pc); continue; }
        const vpn = va >> 12;
        const idx = (<u32>vpn & 255) << 3;
        let v: u64;
        if (load<u64>(LTLB_TAG + idx) == vpn && (<u32>va & (size - 1)) == 0) {
          const h = <u32>va + load<u32>(LTLB_ADD + idx);
          switch (f3) {
            case 0: v = <u64>load<i8>(h); break;
            case 1: v = <u64>load<i16>(h); break;
            case 2: v = <u64>load<i32>(h); break;
            case 3: v = load<u64>(h); break;
            case 4: v = <u64>load<u8>(h); break;
            case 5: v = <u64>load<u16>(h); break;
            default: v = <u64>load<u32>(h); break;
          }
        } else {
          setCurrentPc(pc);
          v = loadSlow(va, size);
          if (excPending) { pc = takeException(pc); continue; }
          if (f3 == 0) v = <u64><i64><i8>v;
          else if (f3 == 1) v = <u64><i64><i16>v;
          else if (f3 == 2) v = sext32(v);
        }
        setX(rd, v);
        break;
      }
      case 0x03: // MISC-MEM: FENCE (any fm/pred/succ, so PAUSE and FENCE.TSO too), FENCE.I
        if (f3 > 1) { pc = illegal(raw, ilen, pc); continue; }
        break;
      case 0x04: { // OP-IMM
        const a = getX(rs1);
        const imm = <u64><i64>(<i32>insn >> 20);
        let v: u64;
        switch (f3) {
          case 0: v = a + imm; break;
          case 1:
            if ((insn >> 26) != 0) { pc = illegal(raw, ilen, pc); continue; }
            v = a << (imm & 63);
            break;
          case 2: v = <i64>a < <i64>imm ? 1 : 0; break;
          case 3: v = a < imm ? 1 : 0; break;
          case 4: v = a ^ imm; break;
          case 5: {
            const f6 = insn >> 26;
            if (f6 == 0) v = a >> (imm & 63);
            else if (f6 == 0x10) v = <u64>(<i64>a >> <i64>(imm & 63));
            else { pc = illegal(raw, ilen, pc); continue; }
            break;
          }
          case 6: v = a | imm; break;
          default: v = a & imm; break;
        }
        setX(rd, v);
        break;
      }
      case 0x05: // AUIPC
        setX(rd, pc + <u64><i64><i32>(insn & 0xfffff000));
        break;
      case 0x06: { // OP-IMM-32
        const a = <u32>getX(rs1);
        const f7 = insn >> 25;
        const sh = rs2;
        let v: u64;
        if (f3 == 0) v = sext32(<u64>(a + <u32>(<i32>insn >> 20)));
        else if (f3 == 1 && f7 == 0) v = sext32(<u64>(a << sh));
        else if (f3 == 5 && f7 == 0) v = sext32(<u64>(a >> sh));
        else if (f3 == 5 && f7 == 0x20) v = sext32(<u64><u32>(<i32>a >> sh));
        else { pc = illegal(raw, ilen, pc); continue; }
        setX(rd, v);
        break;
      }
      case 0x08: { // STORE
        if (f3 > 3) { pc = illegal(raw, ilen, pc); continue; }
        const va = getX(rs1) + <u64><i64>(((<i32>insn >> 20) & ~31) | <i32>rd);
        const v = getX(rs2);
        const size: u32 = 1 << f3;
        const vpn = va >> 12;
        const idx = (<u32>vpn & 255) << 3;
        if (load<u64>(STLB_TAG + idx) == vpn && (<u32>va & (size - 1)) == 0) {
          const h = <u32>va + load<u32>(STLB_ADD + idx);
          switch (f3) {
            case 0: store<u8>(h, <u8>v); break;
            case 1: store<u16>(h, <u16>v); break;
            case 2: store<u32>(h, <u32>v); break;
            default: store<u64>(h, v); break;
          }
        } else {
          setCurrentPc(pc);
          storeSlow(va, size, v);
          if (excPending) { pc = takeException(pc); continue; }
        }
        break;
      }
      case 0x0b: { // AMO
        setCurrentPc(pc);
        const r = amo(insn);
        if (r == 1) { pc = takeException(pc); continue; }
        if (r == 2) { pc = illegal(raw, ilen, pc); continue; }
        break;
      }
      case 0x0c: { // OP
        const a = getX(rs1);
        const b = getX(rs2);
        const f7 = insn >> 25;
        let v: u64;
        if (f7 == 0) {
          switch (f3) {
            case 0: v = a + b; break;
            case 1: v = a << (b & 63); break;
            case 2: v = <i64>a < <i64>b ? 1 : 0; break;
            case 3: v = a < b ? 1 : 0; break;
            case 4: v = a ^ b; break;
            case 5: v = a >> (b & 63); break;
            case 6: v = a | b; break;
            default: v = a & b; break;
          }
        } else if (f7 == 0x20) {
          if (f3 == 0) v = a - b;
          else if (f3 == 5) v = <u64>(<i64>a >> <i64>(b & 63));
          else { pc = illegal(raw, ilen, pc); continue; }
        } else if (f7 == 1) {
          switch (f3) {
            case 0: v = a * b; break;
            case 1: v = mulh(a, b); break;
            case 2: v = mulhsu(a, b); break;
            case 3: v = mulhu(a, b); break;
            case 4: v = div(a, b); break;
            case 5: v = b == 0 ? u64.MAX_VALUE : a / b; break;
            case 6: v = rem(a, b); break;
            default: v = b == 0 ? a : a % b; break;
          }
        } else { pc = illegal(raw, ilen, pc); continue; }
        setX(rd, v);
        break;
      }
      case 0x0d: // LUI
        setX(rd, <u64><i64><i32>(insn & 0xfffff000));
        break;
      case 0x0e: { // OP-32
        const a = getX(rs1);
        const b = getX(rs2);
        const f7 = insn >> 25;
        let v: u64;
        if (f7 == 0) {
          if (f3 == 0) v = sext32(a + b);
          else if (f3 == 1) v = sext32(<u64>(<u32>a << (<u32>b & 31)));
          else if (f3 == 5) v = sext32(<u64>(<u32>a >> (<u32>b & 31)));
          else { pc = illegal(raw, ilen, pc); continue; }
        } else if (f7 == 0x20) {
          if (f3 == 0) v = sext32(a - b);
          else if (f3 == 5) v = sext32(<u64><u32>(<i32>a >> (<i32>b & 31)));
          else { pc = illegal(raw, ilen, pc); continue; }
        } else if (f7 == 1) {
          switch (f3) {
            case 0: v = sext32(<u64>(<u32>a * <u32>b)); break;
            case 4: v = divw(a, b); break;
            case 5: v = divuw(a, b); break;
            case 6: v = remw(a, b); break;
            case 7: v = remuw(a, b); break;
            default: pc = illegal(raw, ilen, pc); continue;
          }
        } else { pc = illegal(raw, ilen, pc); continue; }
        setX(rd, v);
        break;
      }
      case 0x18: { // BRANCH
        const a = getX(rs1);
        const b = getX(rs2);
        let taken: bool;
        switch (f3) {
          case 0: taken = a == b; break;
          case 1: taken = a != b; break;
          case 4: taken = <i64>a < <i64>b; break;
          case 5: taken = <i64>a >= <i64>b; break;
          case 6: taken = a < b; break;
          case 7: taken = a >= b; break;
          default: pc = illegal(raw, ilen, pc); continue;
        }
        if (taken) {
          const imm = ((<i32>(insn & 0x80000000)) >> 19) | <i32>((insn & 0x80) << 4) |
            <i32>((insn >> 20) & 0x7e0) | <i32>((insn >> 7) & 0x1e);
          npc = pc + <u64><i64>imm;
        }
        break;
      }
      case 0x19: { // JALR
        if (f3 != 0) { pc = illegal(raw, ilen, pc); continue; }
        const target = (getX(rs1) + <u64><i64>(<i32>insn >> 20)) & ~<u64>1;
        setX(rd, npc);
        npc = target;
        break;
      }
      case 0x1b: { // JAL
        const imm = ((<i32>(insn & 0x80000000)) >> 11) | <i32>(insn & 0xff000) |
          <i32>((insn >> 9) & 0x800) | <i32>((insn >> 20) & 0x7fe);
        setX(rd, npc);
        npc = pc + <u64><i64>imm;
        break;
      }
      case 0x1c: // SYSTEM
        pc = system(insn, raw, ilen, pc);
        continue;
      default:
        pc = illegal(raw, ilen, pc);
        continue;
    }
    pc = npc;
  }
  wr64(PC, pc);
  syncIcountOut();
  return <i32>(icount - start);
}
