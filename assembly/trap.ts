// Trap entry (exceptions and interrupts, with delegation), xRET, and the
// interrupt-pending logic.
//
// Guest traps never use wasm exceptions: a slow path calls raise(), the run
// loop sees excPending and calls takeException(pc) for the new pc.

import {
  PRIV, MSTATUS, MEDELEG, MIDELEG, MIE, MIP, MTVEC, MEPC, MCAUSE, MTVAL, STVEC, SEPC, SCAUSE,
  STVAL, NTRAPS, MSIP, MTIMECMP, MENVCFG, STIMECMP, STOP_REASON, STOP_INPUT, rd64, wr64,
} from "./state";
import { mtime, requestCheck, unbumpIcount } from "./events";
import { plicContextPending } from "./devices/plic";
import { tlbFlush } from "./mmu";

// mstatus fields
export const MS_SIE: u64 = 1 << 1;
export const MS_MIE: u64 = 1 << 3;
export const MS_SPIE: u64 = 1 << 5;
export const MS_MPIE: u64 = 1 << 7;
export const MS_SPP: u64 = 1 << 8;
export const MS_MPP: u64 = 3 << 11;
export const MS_MPRV: u64 = 1 << 17;
export const MS_SUM: u64 = 1 << 18;
export const MS_MXR: u64 = 1 << 19;
export const MS_TVM: u64 = 1 << 20;
export const MS_TW: u64 = 1 << 21;
export const MS_TSR: u64 = 1 << 22;

// interrupt bits in mip/mie
export const IRQ_SSI: u64 = 1 << 1;
export const IRQ_MSI: u64 = 1 << 3;
export const IRQ_STI: u64 = 1 << 5;
export const IRQ_MTI: u64 = 1 << 7;
export const IRQ_SEI: u64 = 1 << 9;
export const IRQ_MEI: u64 = 1 << 11;

export const ENVCFG_STCE: u64 = <u64>1 << 63;

// exception causes
export const CAUSE_FETCH_MISALIGNED: u64 = 0;
export const CAUSE_FETCH_ACCESS: u64 = 1;
export const CAUSE_ILLEGAL: u64 = 2;
export const CAUSE_BREAKPOINT: u64 = 3;
export const CAUSE_LOAD_MISALIGNED: u64 = 4;
export const CAUSE_LOAD_ACCESS: u64 = 5;
export const CAUSE_STORE_MISALIGNED: u64 = 6;
export const CAUSE_STORE_ACCESS: u64 = 7;
export const CAUSE_ECALL_U: u64 = 8;
export const CAUSE_FETCH_PAGE: u64 = 12;
export const CAUSE_LOAD_PAGE: u64 = 13;
export const CAUSE_STORE_PAGE: u64 = 15;

export let excPending: bool = false;
let excCause: u64 = 0;
let excTval: u64 = 0;

// Not a trap: the instruction is abandoned, the slice stops with `reason`,
// and the instruction runs again when the host resumes (after supplying
// input, or after a breakpoint).
const CAUSE_STOP: u64 = 0xffff;
export function stopBefore(reason: u32): void {
  raise(CAUSE_STOP, <u64>reason);
}
export function retryForInput(): void {
  stopBefore(STOP_INPUT);
}

export function raise(cause: u64, tval: u64): void {
  excPending = true;
  excCause = cause;
  excTval = tval;
}

function setPriv(p: u64): void {
  if (rd64(PRIV) != p) {
    wr64(PRIV, p);
    tlbFlush();
  }
}

function enter(cause: u64, tval: u64, pc: u64, irq: bool): u64 {
  const priv = rd64(PRIV);
  const deleg = irq ? rd64(MIDELEG) : rd64(MEDELEG);
  const code = irq ? (<u64>1 << 63) | cause : cause;
  let ms = rd64(MSTATUS);
  let target: u64;
  if (priv <= 1 && ((deleg >> cause) & 1) != 0) {
    wr64(SEPC, pc);
    wr64(SCAUSE, code);
    wr64(STVAL, tval);
    ms = (ms & ~(MS_SPIE | MS_SIE | MS_SPP)) | ((ms & MS_SIE) << 4) | (priv << 8);
    wr64(MSTATUS, ms);
    setPriv(1);
    const vec = rd64(STVEC);
    target = vec & ~<u64>3;
    if (irq && (vec & 3) == 1) target += cause << 2;
  } else {
    wr64(MEPC, pc);
    wr64(MCAUSE, code);
    wr64(MTVAL, tval);
    ms = (ms & ~(MS_MPIE | MS_MIE | MS_MPP)) | ((ms & MS_MIE) << 4) | (priv << 11);
    wr64(MSTATUS, ms);
    setPriv(3);
    const vec = rd64(MTVEC);
    target = vec & ~<u64>3;
    if (irq && (vec & 3) == 1) target += cause << 2;
  }
  requestCheck();
  return target;
}

// Take the exception recorded by raise(); pc is the faulting instruction.
export function takeException(pc: u64): u64 {
  excPending = false;
  if (excCause == CAUSE_STOP) {
    unbumpIcount();
    wr64(STOP_REASON, excTval);
    requestCheck();
    return pc;
  }
  wr64(NTRAPS, rd64(NTRAPS) + 1);
  return enter(excCause, excTval, pc, false);
}

// mip as software sees it: writable bits plus the device-driven ones.
export function currentMip(): u64 {
  let mip = rd64(MIP) & (IRQ_SSI | IRQ_STI | IRQ_SEI);
  const t = mtime();
  if (t >= rd64(MTIMECMP)) mip |= IRQ_MTI;
  if (rd64(MSIP) & 1) mip |= IRQ_MSI;
  if (rd64(MENVCFG) & ENVCFG_STCE) {
    mip &= ~IRQ_STI;
    if (t >= rd64(STIMECMP)) mip |= IRQ_STI;
  }
  if (plicContextPending(0)) mip |= IRQ_MEI;
  if (plicContextPending(1)) mip |= IRQ_SEI;
  return mip;
}

// Highest-priority interrupt in `set` (MEI, MSI, MTI, SEI, SSI, STI), or -1.
function pick(set: u64): i32 {
  if (set & IRQ_MEI) return 11;
  if (set & IRQ_MSI) return 3;
  if (set & IRQ_MTI) return 7;
  if (set & IRQ_SEI) return 9;
  if (set & IRQ_SSI) return 1;
  if (set & IRQ_STI) return 5;
  return -1;
}

// The interrupt to take now, or -1.
export function takeableInterrupt(): i32 {
  const pend = currentMip() & rd64(MIE);
  if (pend == 0) return -1;
  const priv = rd64(PRIV);
  const ms = rd64(MSTATUS);
  const deleg = rd64(MIDELEG);
  const mEnabled = priv < 3 || (ms & MS_MIE) != 0;
  if (mEnabled) {
    const m = pick(pend & ~deleg);
    if (m >= 0) return m;
  }
  const sEnabled = priv < 1 || (priv == 1 && (ms & MS_SIE) != 0);
  if (sEnabled) return pick(pend & deleg);
  return -1;
}

export function takeInterrupt(cause: i32, pc: u64): u64 {
  return enter(<u64>cause, 0, pc, true);
}

// Any interrupt pending and enabled in mie, regardless of global enables (wakes WFI).
export function wfiWake(): bool {
  return (currentMip() & rd64(MIE)) != 0;
}

export function mret(): u64 {
  let ms = rd64(MSTATUS);
  const mpp = (ms >> 11) & 3;
  ms = (ms & ~MS_MIE) | ((ms & MS_MPIE) >> 4);
  ms |= MS_MPIE;
  ms &= ~MS_MPP;
  if (mpp != 3) ms &= ~MS_MPRV;
  wr64(MSTATUS, ms);
  setPriv(mpp);
  tlbFlush(); // MPRV may have changed
  requestCheck();
  return rd64(MEPC);
}

export function sret(): u64 {
  let ms = rd64(MSTATUS);
  const spp = (ms >> 8) & 1;
  ms = (ms & ~MS_SIE) | ((ms & MS_SPIE) >> 4);
  ms |= MS_SPIE;
  ms &= ~MS_SPP;
  ms &= ~MS_MPRV;
  wr64(MSTATUS, ms);
  setPriv(spp);
  requestCheck();
  return rd64(SEPC);
}
