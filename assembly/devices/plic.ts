// PLIC at 0xc000000 as on QEMU virt: 96 sources (1..95 usable), priorities
// 0..7, two contexts for hart 0 (0 = M-mode, 1 = S-mode).
//
// Sources are level-triggered: a source is pending while its line is high and
// it is not claimed; complete releases the claim.

import { PLIC_PRIO, PLIC_CLAIMED, PLIC_ENABLE, PLIC_THRESHOLD, PLIC_SOURCES } from "../state";
import { requestCheck } from "../events";
import { uartIrq, UART_IRQ } from "./uart";

export const PLIC_BASE: u64 = 0xc000000;
export const PLIC_SIZE: u64 = 0x600000;
const CONTEXTS: u32 = 2;

@inline function level(src: u32): bool {
  return src == UART_IRQ ? uartIrq() : false;
}
@inline function claimed(src: u32): bool {
  return ((load<u32>(PLIC_CLAIMED + ((src >> 5) << 2)) >> (src & 31)) & 1) != 0;
}
function setClaimed(src: u32, on: bool): void {
  const a = PLIC_CLAIMED + ((src >> 5) << 2);
  const bit: u32 = 1 << (src & 31);
  store<u32>(a, on ? load<u32>(a) | bit : load<u32>(a) & ~bit);
}
@inline function enabled(ctx: u32, src: u32): bool {
  return ((load<u32>(PLIC_ENABLE + ctx * 16 + ((src >> 5) << 2)) >> (src & 31)) & 1) != 0;
}
@inline function pending(src: u32): bool {
  return level(src) && !claimed(src);
}

// Highest-priority pending source enabled for ctx above its threshold, or 0.
function best(ctx: u32): u32 {
  const threshold = load<u32>(PLIC_THRESHOLD + (ctx << 2));
  let bestSrc: u32 = 0;
  let bestPrio: u32 = threshold;
  // Only the UART can raise a line on this board; scan it (cheap and exact).
  const src = UART_IRQ;
  if (pending(src) && enabled(ctx, src)) {
    const p = load<u32>(PLIC_PRIO + (src << 2));
    if (p > bestPrio) {
      bestPrio = p;
      bestSrc = src;
    }
  }
  return bestSrc;
}

export function plicContextPending(ctx: u32): bool {
  return best(ctx) != 0;
}

export function plicReset(): void {
  memory.fill(PLIC_PRIO, 0, 0x250);
}

function pendingWord(w: u32): u32 {
  let v: u32 = 0;
  for (let i: u32 = 0; i < 32; i++) {
    const src = (w << 5) + i;
    if (src != 0 && src < PLIC_SOURCES && pending(src)) v |= <u32>1 << i;
  }
  return v;
}

export function plicLoad(off: u32): u32 {
  if (off < 0x1000) {
    const src = off >> 2;
    return src < PLIC_SOURCES ? load<u32>(PLIC_PRIO + (src << 2)) : 0;
  }
  if (off < 0x1000 + 12) return pendingWord((off - 0x1000) >> 2);
  if (off >= 0x2000 && off < 0x2000 + CONTEXTS * 0x80) {
    const ctx = (off - 0x2000) >> 7;
    const w = ((off - 0x2000) & 0x7f) >> 2;
    return w < 3 ? load<u32>(PLIC_ENABLE + ctx * 16 + (w << 2)) : 0;
  }
  if (off >= 0x200000 && off < 0x200000 + CONTEXTS * 0x1000) {
    const ctx = (off - 0x200000) >> 12;
    const reg = off & 0xfff;
    if (reg == 0) return load<u32>(PLIC_THRESHOLD + (ctx << 2));
    if (reg == 4) {
      const src = best(ctx);
      if (src != 0) setClaimed(src, true);
      requestCheck();
      return src;
    }
  }
  return 0;
}

export function plicStore(off: u32, v: u32): void {
  requestCheck();
  if (off < 0x1000) {
    const src = off >> 2;
    if (src != 0 && src < PLIC_SOURCES) store<u32>(PLIC_PRIO + (src << 2), v & 7);
    return;
  }
  if (off >= 0x2000 && off < 0x2000 + CONTEXTS * 0x80) {
    const ctx = (off - 0x2000) >> 7;
    const w = ((off - 0x2000) & 0x7f) >> 2;
    if (w < 3) store<u32>(PLIC_ENABLE + ctx * 16 + (w << 2), w == 0 ? v & ~1 : v);
    return;
  }
  if (off >= 0x200000 && off < 0x200000 + CONTEXTS * 0x1000) {
    const ctx = (off - 0x200000) >> 12;
    const reg = off & 0xfff;
    if (reg == 0) store<u32>(PLIC_THRESHOLD + (ctx << 2), v & 7);
    else if (reg == 4) {
      if (v < PLIC_SOURCES && enabled(ctx, v)) setClaimed(v, false);
    }
  }
}
