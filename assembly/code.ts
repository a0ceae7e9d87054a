// The decoded-instruction cache: one slot of decoded entries (ops.ts) per
// guest physical page that has been executed, filled lazily, entry by entry,
// as instructions first run.
//
// Coherence with guest memory: a page with a slot is never entered in the
// store TLB, so every store to it takes a slow path, which calls codeWrite()
// to reset the entries it overlaps (self-modifying code is exact, no FENCE.I
// needed). Stores that keep hitting a code page release its slot, so a page
// that was code and is now data goes back to full speed. FENCE.I and the host
// (after writing guest memory) drop every slot.
//
// Breakpoints: when a virtual page with breakpoints enters the fetch TLB, the
// entries at its breakpoints become OP_BREAK (their own op saved in op2), so
// the exact pc is checked only there; pages without breakpoints pay nothing.
//
// Memory, in [CODE_REGION, RAM_HOST):
//   CODE_MAP   u16 per RAM page: its slot (0 = none)
//   SLOT_HDR   per slot: u32 RAM page + 1 (0 = free), u32 host page address,
//              u32 stores seen since filled, u32 flags
//   LOOKUP_ENTRY  one entry whose op is OP_LOOKUP
//   SLOTS      slot 0 is the scratch page (all OP_REFETCH) for instructions
//              that straddle two pages; slots 1..NSLOTS cache pages. A slot
//              is 2048 entries plus two OP_REFETCH sentinels past the page end.

import {
  CODE_REGION, RAM_HOST, RAM_SIZE, ITLB_TAG, ITLB_CODE, STLB_TAG, STLB_ADD, BP_COUNT, BP_TABLE, rd64,
} from "./state";
import * as O from "./ops";
import { decodeInto } from "./decode";

export const CODE_MAP: u32 = CODE_REGION; // up to 3 GiB of RAM: 786432 pages x 2 bytes
const MAP_BYTES: u32 = 0x180000;
const SLOT_HDR: u32 = CODE_REGION + MAP_BYTES; // 0x580000
export const NSLOTS: u32 = 256;
export const LOOKUP_ENTRY: u32 = SLOT_HDR + (NSLOTS + 1) * 16;
export const SLOTS: u32 = 0x600000;
export const SLOT_STRIDE: u32 = 0x8040; // 2048 entries + sentinels, 64-byte aligned
const PAGE_ENTRIES_BYTES: u32 = 2048 << O.ENTRY_SHIFT; // 0x8000
export const SCRATCH: u32 = SLOTS; // slot 0
// Stores to a code page before its slot is given up (the page has become data).
const STORE_LIMIT: u32 = 4096;
const F_MARKED: u32 = 1; // the slot has OP_BREAK marks

// The slot region must end below guest RAM.
// (SLOTS + (NSLOTS + 1) * SLOT_STRIDE = 0xe0c040 < RAM_HOST = 0x1000000)

let hand: u32 = 1; // next slot to consider when allocating
let mapPages: u32 = 0; // CODE_MAP entries in use (RAM pages)

@inline function hdr(slot: u32): u32 {
  return SLOT_HDR + (slot << 4);
}
@inline export function slotBase(slot: u32): u32 {
  return SLOTS + slot * SLOT_STRIDE;
}
@inline export function slotOfBase(base: u32): u32 {
  return (base - SLOTS) / SLOT_STRIDE;
}

function fillRefetch(base: u32, from: u32, to: u32): void {
  for (let e = base + from; e < base + to; e += 16) store<u8>(e, O.OP_REFETCH, O.E_OP);
}

// A fresh machine: nothing cached.
export function codeReset(): void {
  const pages = <u32>(rd64(RAM_SIZE) >> 12);
  const clear = pages > mapPages ? pages : mapPages;
  memory.fill(CODE_MAP, 0, clear << 1);
  mapPages = pages;
  memory.fill(SLOT_HDR, 0, (NSLOTS + 1) << 4);
  memory.fill(LOOKUP_ENTRY, 0, 16);
  store<u8>(LOOKUP_ENTRY, O.OP_LOOKUP, O.E_OP);
  memory.fill(SCRATCH, 0, SLOT_STRIDE);
  fillRefetch(SCRATCH, 0, PAGE_ENTRIES_BYTES + 32);
  hand = 1;
}

// Drop the fetch TLB entries that point into this slot.
function unmapItlb(base: u32): void {
  for (let i: u32 = 0; i < 256 << 3; i += 8) {
    if (load<u32>(ITLB_CODE + i) == base) {
      store<u64>(ITLB_TAG + i, u64.MAX_VALUE);
      store<u32>(ITLB_CODE + i, 0);
    }
  }
}

// Drop the store TLB entries for this host page (a page with a slot takes the store slow path).
function unmapStlb(hostPage: u32): void {
  for (let i: u32 = 0; i < 256 << 3; i += 8) {
    const tag = load<u64>(STLB_TAG + i);
    if (tag != u64.MAX_VALUE && load<u32>(STLB_ADD + i) + <u32>tag == hostPage) store<u64>(STLB_TAG + i, u64.MAX_VALUE);
  }
}

// Give up a slot. With unmap false the caller flushes the whole fetch TLB.
function release(slot: u32, unmap: bool): void {
  const h = hdr(slot);
  const page = load<u32>(h);
  if (page == 0) return;
  store<u16>(CODE_MAP + ((page - 1) << 1), 0);
  store<u32>(h, 0);
  if (unmap) unmapItlb(slotBase(slot));
}

// The slot base (host address of entry 0) caching the RAM page at hostPage.
export function codeSlot(hostPage: u32): u32 {
  const page = (hostPage - RAM_HOST) >> 12;
  const m = CODE_MAP + (page << 1);
  let slot = <u32>load<u16>(m);
  if (slot != 0) return slotBase(slot);
  // A free slot if there is one, else the one at the clock hand.
  slot = 0;
  for (let i: u32 = 0; i < NSLOTS; i++) {
    const s = ((hand - 1 + i) % NSLOTS) + 1;
    if (load<u32>(hdr(s)) == 0) { slot = s; break; }
  }
  if (slot == 0) {
    slot = hand;
    release(slot, true);
  }
  hand = (slot % NSLOTS) + 1;
  const base = slotBase(slot);
  memory.fill(base, 0, PAGE_ENTRIES_BYTES); // every entry OP_DECODE
  fillRefetch(base, PAGE_ENTRIES_BYTES, PAGE_ENTRIES_BYTES + 32);
  const h = hdr(slot);
  store<u32>(h, page + 1);
  store<u32>(h, hostPage, 4);
  store<u32>(h, 0, 8);
  store<u32>(h, 0, 12);
  store<u16>(m, <u16>slot);
  unmapStlb(hostPage);
  return base;
}

// A store of `size` bytes at host address h (in RAM) is about to happen or
// has happened: reset the entries it overlaps. Returns whether the page
// still has a slot (then it must stay out of the store TLB).
export function codeWrite(h: u32, size: u32): bool {
  const page = (h - RAM_HOST) >> 12;
  const slot = <u32>load<u16>(CODE_MAP + (page << 1));
  if (slot == 0) return false;
  const hd = hdr(slot);
  const n = load<u32>(hd, 8) + 1;
  if (n > STORE_LIMIT) {
    release(slot, true);
    return false;
  }
  store<u32>(hd, n, 8);
  const base = slotBase(slot);
  const off = h & 0xfff;
  // An instruction starting up to 2 bytes before the store may overlap it.
  const first = off >= 2 ? (off - 2) & ~1 : 0;
  let last = off + size - 1;
  if (last > 0xfff) last = 0xfff;
  for (let o = first; o <= last; o += 2) {
    const e = base + (o << 3);
    if (load<u8>(e, O.E_OP) == O.OP_BREAK) store<u8>(e, O.OP_DECODE, O.E_OP2);
    else store<u8>(e, O.OP_DECODE, O.E_OP);
  }
  return true;
}

// Forget every decoded page (FENCE.I, the host wrote guest memory).
// The caller flushes the fetch TLB.
export function codeFlushAll(): void {
  for (let s: u32 = 1; s <= NSLOTS; s++) release(s, false);
}

// The host wrote [h, h + len) of RAM (host addresses): forget those pages' code.
export function codeInvalidate(h: u32, len: u32): void {
  if (len == 0) return;
  const first = (h - RAM_HOST) >> 12;
  const last = (h + len - 1 - RAM_HOST) >> 12;
  for (let p = first; p <= last && p < mapPages; p++) {
    const slot = <u32>load<u16>(CODE_MAP + (p << 1));
    if (slot != 0) release(slot, true);
  }
}

// Breakpoints changed: give up the slots that hold OP_BREAK marks.
// The caller flushes the fetch TLB, so marks are set again as pages are entered.
export function codeUnmark(): void {
  for (let s: u32 = 1; s <= NSLOTS; s++) {
    if (load<u32>(hdr(s), 12) & F_MARKED) release(s, false);
  }
}

// The virtual page at vpage (executing from the slot at base) has breakpoints:
// mark their entries.
export function codeMarkBreakpoints(vpage: u64, base: u32): void {
  const n = load<u32>(BP_COUNT);
  for (let i: u32 = 0; i < n; i++) {
    const bp = load<u64>(BP_TABLE + (i << 3));
    if ((bp & ~<u64>0xfff) != vpage || (bp & 1) != 0) continue;
    const e = base + ((<u32>bp & 0xfff) << 3);
    const op = load<u8>(e, O.E_OP);
    if (op != O.OP_BREAK) {
      store<u8>(e, op, O.E_OP2);
      store<u8>(e, O.OP_BREAK, O.E_OP);
    }
  }
  const h = hdr(slotOfBase(base));
  store<u32>(h, load<u32>(h, 12) | F_MARKED, 12);
}

// Decode the entry at e (an OP_DECODE entry of a cached page, never the
// scratch slot) from the page's bytes. A 32-bit instruction that straddles
// the page end becomes OP_STRADDLE: it is fetched the slow way every time.
export function decodeEntry(e: u32): void {
  const slot = (e - SLOTS) / SLOT_STRIDE;
  const off = (e - slotBase(slot)) >> 3;
  const host = load<u32>(hdr(slot), 4) + off;
  const lo = <u32>load<u16>(host);
  if ((lo & 3) != 3) { decodeInto(e, lo); fuse(e, host, off); return; }
  if (off == 0xffe) {
    store<u8>(e, O.OP_STRADDLE, O.E_OP);
    store<u8>(e, 32, O.E_ADV);
    return;
  }
  decodeInto(e, load<u32>(host));
  fuse(e, host, off);
}

function fuse(e: u32, host: u32, off: u32): void {
  const op = load<u8>(e, O.E_OP);
  const adv = <u32>load<u8>(e, O.E_ADV) >> 3;
  if (off + adv > 0xffe) return;
  const lo = <u32>load<u16>(host + adv);
  if ((lo & 3) != 3) {
    if (op == O.OP_SLLI && (lo & 0xec03) == 0x8001) store<u8>(e, O.OP_F_SLLI_SRLI_C, O.E_OP); // C.SRLI
    return;
  }
  if (off + adv > 0xffc) return;
  const nxt = load<u32>(host + adv);
  if ((nxt & 0x7f) != 0x63) return; // a conditional branch (the loop checks which)
  if (op == O.OP_ADDW_C) store<u8>(e, O.OP_F_ADDW_C_B32, O.E_OP);
  else if (op == O.OP_ADDIW_C) store<u8>(e, O.OP_F_ADDIW_C_B32, O.E_OP);
}
