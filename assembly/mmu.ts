// Sv39/Sv48 translation, the software TLBs, and the slow paths of fetch,
// load, store and atomics.
//
// The run loop's fast path is: (va & (~0xfff | (size - 1))) == tag (the page
// matches and the access is aligned), then host = u32(va) + add. Everything
// else comes here. A page enters a TLB only after a successful walk that
// already set A (and D for the store TLB), only if it is RAM, and never the
// page holding HTIF's tohost (its stores must be seen); the store TLB never
// holds a page with decoded code (code.ts). Any change to privilege, satp or
// MPRV/MPP/SUM/MXR flushes.

import {
  PRIV, MSTATUS, SATP, TOHOST, ITLB_TAG, ITLB_CODE, LTLB_TAG, STLB_TAG, STOP_BREAK, rd64,
} from "./state";
import { codeSlot, codeWrite, codeMarkBreakpoints } from "./code";
import { isRam, ramHost, ramLoad, ramStore, physLoad, physStore, busFault } from "./bus";
import { bpOnPage, bpHit, wpOnPage, wpCheck, watching, WATCH_READ, WATCH_WRITE } from "./debug";
import {
  raise, excPending, stopBefore, MS_MPRV, MS_SUM, MS_MXR,
  CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS, CAUSE_FETCH_PAGE, CAUSE_LOAD_PAGE,
  CAUSE_STORE_PAGE, CAUSE_LOAD_MISALIGNED, CAUSE_STORE_MISALIGNED,
} from "./trap";

export const ACC_FETCH: u32 = 0;
export const ACC_LOAD: u32 = 1;
export const ACC_STORE: u32 = 2;
export const ACC_DEBUG: u32 = 3; // the debugger: any valid readable or executable mapping

const PTE_V: u64 = 1 << 0;
const PTE_R: u64 = 1 << 1;
const PTE_W: u64 = 1 << 2;
const PTE_X: u64 = 1 << 3;
const PTE_U: u64 = 1 << 4;
const PTE_A: u64 = 1 << 6;
const PTE_D: u64 = 1 << 7;
const PPN_MASK: u64 = (<u64>1 << 44) - 1;

let superInTlb: bool = false;
export let lastLevel: u32 = 0; // level of the last successful walk's leaf (for tests/debugger)

export function tlbFlush(): void {
  memory.fill(ITLB_TAG, 0xff, 0x800);
  memory.fill(LTLB_TAG, 0xff, 0x800);
  memory.fill(STLB_TAG, 0xff, 0x800);
  superInTlb = false;
}

// SFENCE.VMA with an address: drop that page, or everything if a superpage
// may be cached in pieces.
export function tlbFlushPage(va: u64): void {
  if (superInTlb) { tlbFlush(); return; }
  const idx = tlbIndex(va);
  const tag = va & ~<u64>0xfff;
  if (load<u64>(ITLB_TAG + idx) == tag) store<u64>(ITLB_TAG + idx, u64.MAX_VALUE);
  if (load<u64>(LTLB_TAG + idx) == tag) store<u64>(LTLB_TAG + idx, u64.MAX_VALUE);
  if (load<u64>(STLB_TAG + idx) == tag) store<u64>(STLB_TAG + idx, u64.MAX_VALUE);
}

// Byte offset of va's entry in a TLB array: bits 12..19 of va, times 8.
@inline export function tlbIndex(va: u64): u32 {
  return (<u32>va >> 9) & 0x7f8;
}

@inline function tlbInsert(tagBase: u32, va: u64, pa: u64): void {
  const idx = tlbIndex(va);
  store<u64>(tagBase + idx, va & ~<u64>0xfff);
  store<u32>(tagBase + 0x800 + idx, ramHost(pa & ~<u64>0xfff) - (<u32>va & ~<u32>0xfff));
}

function pageFault(acc: u32, va: u64): void {
  raise(acc == ACC_FETCH ? CAUSE_FETCH_PAGE : acc == ACC_LOAD ? CAUSE_LOAD_PAGE : CAUSE_STORE_PAGE, va);
}
function accessFault(acc: u32, va: u64): void {
  raise(acc == ACC_FETCH ? CAUSE_FETCH_ACCESS : acc == ACC_LOAD ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va);
}

// The privilege that data accesses use (MPRV lets M-mode act as MPP).
@inline function effectivePriv(acc: u32): u64 {
  const priv = rd64(PRIV);
  if (acc == ACC_DEBUG) return priv == 3 ? 3 : 1;
  if (acc != ACC_FETCH && priv == 3) {
    const ms = rd64(MSTATUS);
    if (ms & MS_MPRV) return (ms >> 11) & 3;
  }
  return priv;
}

// Virtual → physical. On failure raises the fault and returns 0.
// With sideEffects false (debugger reads) nothing is raised or written.
export function translateEx(va: u64, acc: u32, sideEffects: bool): u64 {
  const priv = effectivePriv(acc);
  lastLevel = 0;
  if (priv == 3) return va;
  const satp = rd64(SATP);
  const mode = satp >> 60;
  if (mode == 0) return va;
  const levels: u32 = mode == 8 ? 3 : 4;
  const vaBits: u64 = 12 + 9 * <u64>levels;
  // The address must be sign-extended from its top translated bit.
  const top = <i64>va >> (vaBits - 1);
  if (top != 0 && top != -1) { if (sideEffects) pageFault(acc, va); return 0; }

  let a: u64 = (satp & PPN_MASK) << 12;
  let pte: u64 = 0;
  let pteAddr: u64 = 0;
  let i: i32 = <i32>levels - 1;
  for (; i >= 0; i--) {
    pteAddr = a + (((va >> (12 + 9 * <u64>i)) & 0x1ff) << 3);
    if (!isRam(pteAddr, 8)) { if (sideEffects) accessFault(acc, va); return 0; }
    pte = load<u64>(ramHost(pteAddr));
    if ((pte & PTE_V) == 0 || ((pte & PTE_R) == 0 && (pte & PTE_W) != 0) || (pte >> 54) != 0) {
      if (sideEffects) pageFault(acc, va);
      return 0;
    }
    if (pte & (PTE_R | PTE_X)) break; // leaf
    if (pte & (PTE_D | PTE_A | PTE_U)) { if (sideEffects) pageFault(acc, va); return 0; }
    a = ((pte >> 10) & PPN_MASK) << 12;
  }
  if (i < 0) { if (sideEffects) pageFault(acc, va); return 0; }

  const ppn = (pte >> 10) & PPN_MASK;
  const lowBits: u64 = 9 * <u64>i;
  if (i > 0 && (ppn & ((<u64>1 << lowBits) - 1)) != 0) { if (sideEffects) pageFault(acc, va); return 0; }

  // Permissions.
  let allowed = true;
  if (acc == ACC_DEBUG) {
    // The debugger sees user and kernel mappings alike, without side effects.
    lastLevel = <u32>i;
    const dMask: u64 = (<u64>1 << (12 + lowBits)) - 1;
    return ((ppn << 12) & ~dMask) | (va & dMask);
  }
  if (priv == 0) {
    if ((pte & PTE_U) == 0) allowed = false;
  } else if (pte & PTE_U) {
    if (acc == ACC_FETCH || (rd64(MSTATUS) & MS_SUM) == 0) allowed = false;
  }
  if (acc == ACC_FETCH) {
    if ((pte & PTE_X) == 0) allowed = false;
  } else if (acc == ACC_LOAD) {
    if ((pte & PTE_R) == 0 && !((pte & PTE_X) != 0 && (rd64(MSTATUS) & MS_MXR) != 0)) allowed = false;
  } else {
    if ((pte & PTE_W) == 0) allowed = false;
  }
  if (!allowed) { if (sideEffects) pageFault(acc, va); return 0; }

  // Hardware A/D update.
  if (sideEffects) {
    let npte = pte | PTE_A;
    if (acc == ACC_STORE) npte |= PTE_D;
    if (npte != pte) {
      codeWrite(ramHost(pteAddr), 8);
      store<u64>(ramHost(pteAddr), npte);
    }
  }
  lastLevel = <u32>i;
  const offMask: u64 = (<u64>1 << (12 + lowBits)) - 1;
  return ((ppn << 12) & ~offMask) | (va & offMask);
}

@inline export function translate(va: u64, acc: u32): u64 {
  return translateEx(va, acc, true);
}

// Is any walk result for this access now in a TLB as a superpage piece?
@inline function noteLevel(): void {
  if (lastLevel > 0) superInTlb = true;
}

@inline function storeCacheable(pa: u64): bool {
  const th = rd64(TOHOST);
  return th == 0 || (pa >> 12) != (th >> 12);
}

// The fetch TLB missed at pc: translate its page, find (or make) the page's
// decoded-instruction slot and enter both in the fetch TLB, marking the
// page's breakpoints. Returns the slot base, or 0 after raising a fault (or
// stopping at a breakpoint whose page cannot be fetched).
export function codeFetch(pc: u64): u32 {
  if (bpHit(pc)) { stopBefore(STOP_BREAK); return 0; }
  const pa = translate(pc, ACC_FETCH);
  if (excPending) return 0;
  if (!isRam(pa, 2)) { raise(CAUSE_FETCH_ACCESS, pc); return 0; }
  noteLevel();
  const hostPage = ramHost(pa & ~<u64>0xfff);
  const base = codeSlot(hostPage);
  const idx = tlbIndex(pc);
  const vpage = pc & ~<u64>0xfff;
  store<u64>(ITLB_TAG + idx, vpage);
  store<u32>(ITLB_TAG + 0x800 + idx, hostPage - <u32>vpage);
  store<u32>(ITLB_CODE + idx, base);
  if (bpOnPage(pc >> 12)) codeMarkBreakpoints(vpage, base);
  return base;
}

// The 32-bit instruction at pc = page + 0xffe, straddling two pages: both
// halves are fetched through the MMU every time. On a fault raises, returns 0.
export function straddleFetch(pc: u64): u32 {
  const pa = translate(pc, ACC_FETCH);
  if (excPending) return 0;
  if (!isRam(pa, 2)) { raise(CAUSE_FETCH_ACCESS, pc); return 0; }
  const lo = <u32>load<u16>(ramHost(pa));
  const pc2 = pc + 2;
  const pa2 = translate(pc2, ACC_FETCH);
  if (excPending) return 0;
  if (!isRam(pa2, 2)) { raise(CAUSE_FETCH_ACCESS, pc2); return 0; }
  return lo | (<u32>load<u16>(ramHost(pa2)) << 16);
}

// Misaligned access that straddles a page: translate both pages, then bytes.
function crossLoad(va: u64, size: u32): u64 {
  const n1: u32 = 0x1000 - (<u32>va & 0xfff);
  const pa1 = translate(va, ACC_LOAD);
  if (excPending) return 0;
  const va2 = (va + 0x1000) & ~<u64>0xfff;
  const pa2 = translate(va2, ACC_LOAD);
  if (excPending) return 0;
  if (!isRam(pa1, n1) || !isRam(pa2, size - n1)) { raise(CAUSE_LOAD_ACCESS, va); return 0; }
  if (watching()) wpCheck(va, size, WATCH_READ);
  let v: u64 = 0;
  for (let i: u32 = 0; i < size; i++) {
    const b: u64 = i < n1 ? load<u8>(ramHost(pa1) + i) : load<u8>(ramHost(pa2) + (i - n1));
    v |= b << (<u64>i << 3);
  }
  return v;
}

function crossStore(va: u64, size: u32, v: u64): void {
  const n1: u32 = 0x1000 - (<u32>va & 0xfff);
  const pa1 = translate(va, ACC_STORE);
  if (excPending) return;
  const va2 = (va + 0x1000) & ~<u64>0xfff;
  const pa2 = translate(va2, ACC_STORE);
  if (excPending) return;
  if (!isRam(pa1, n1) || !isRam(pa2, size - n1)) { raise(CAUSE_STORE_ACCESS, va); return; }
  if (watching()) wpCheck(va, size, WATCH_WRITE);
  for (let i: u32 = 0; i < size; i++) {
    const pa = i < n1 ? pa1 + i : pa2 + (i - n1);
    physStore(pa, 1, v >> (<u64>i << 3));
  }
}

// Load of `size` bytes, zero-extended. Misaligned accesses are done in place.
export function loadSlow(va: u64, size: u32): u64 {
  if ((<u32>va & 0xfff) + size > 0x1000) return crossLoad(va, size);
  const pa = translate(va, ACC_LOAD);
  if (excPending) return 0;
  const watched = watching() && wpOnPage(va >> 12);
  if (watched) wpCheck(va, size, WATCH_READ);
  if (isRam(pa, size)) {
    noteLevel();
    if (!watched) tlbInsert(LTLB_TAG, va, pa);
    return ramLoad(ramHost(pa), size);
  }
  const v = physLoad(pa, size);
  if (busFault) raise(CAUSE_LOAD_ACCESS, va);
  return v;
}

export function storeSlow(va: u64, size: u32, v: u64): void {
  if ((<u32>va & 0xfff) + size > 0x1000) { crossStore(va, size, v); return; }
  const pa = translate(va, ACC_STORE);
  if (excPending) return;
  const watched = watching() && wpOnPage(va >> 12);
  if (watched) wpCheck(va, size, WATCH_WRITE);
  if (isRam(pa, size) && storeCacheable(pa)) {
    const h = ramHost(pa);
    if (!codeWrite(h, size) && !watched) {
      noteLevel();
      tlbInsert(STLB_TAG, va, pa);
    }
    ramStore(h, size, v);
    return;
  }
  physStore(pa, size, v);
  if (busFault) raise(CAUSE_STORE_ACCESS, va);
}

// Host address for an atomic (LR when isLoad, else SC/AMO), or 0 after raising.
// Atomics must be naturally aligned and in RAM.
export function atomicHost(va: u64, size: u32, isLoad: bool): u32 {
  if ((va & (<u64>size - 1)) != 0) {
    raise(isLoad ? CAUSE_LOAD_MISALIGNED : CAUSE_STORE_MISALIGNED, va);
    return 0;
  }
  const pa = translate(va, isLoad ? ACC_LOAD : ACC_STORE);
  if (excPending) return 0;
  if (!isRam(pa, size)) { raise(isLoad ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS, va); return 0; }
  if (watching()) {
    wpCheck(va, size, WATCH_READ);
    if (!isLoad) wpCheck(va, size, WATCH_WRITE);
  }
  const h = ramHost(pa);
  if (!isLoad) codeWrite(h, size);
  return h;
}

