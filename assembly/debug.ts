// Breakpoints and watchpoints, checked only off the fast paths.
//
// When a virtual page holding a breakpoint enters the fetch TLB (mmu.ts
// codeFetch), the decoded entries at its breakpoints become OP_BREAK
// (code.ts), which compare the pc with the table before the instruction
// runs; the page's other instructions run at full speed. A page overlapping
// a watchpoint is never entered in the data TLBs, so its accesses take the
// slow paths, which compare the range. An armed breakpoint or watchpoint
// costs nothing where it cannot hit. The host flushes the TLBs (flushTlb)
// after changing either table.

import {
  BP_COUNT, BP_TABLE, WP_COUNT, WP_TABLE, BP_SKIP_ICOUNT, WP_HIT_INDEX, WP_HIT_KIND, WP_HIT_ADDR,
  WP_HIT_PC, BP_HIT_PC, STOP_BREAK, STOP_WATCH, STOP_REASON, PC, rd64, wr64,
} from "./state";
import { icount, requestCheck } from "./events";

export const WATCH_WRITE: u32 = 1;
export const WATCH_READ: u32 = 2;

// pc of the instruction being executed (for watchpoint reports).
export let currentPc: u64 = 0;
@inline export function setCurrentPc(pc: u64): void {
  currentPc = pc;
}

export function bpOnPage(vpn: u64): bool {
  const n = load<u32>(BP_COUNT);
  for (let i: u32 = 0; i < n; i++) {
    if (load<u64>(BP_TABLE + (i << 3)) >> 12 == vpn) return true;
  }
  return false;
}

// Should the instruction at pc stop before it runs?
export function bpHit(pc: u64): bool {
  const n = load<u32>(BP_COUNT);
  if (n == 0) return false;
  if (rd64(BP_SKIP_ICOUNT) == icount) return false; // resuming from this very breakpoint
  for (let i: u32 = 0; i < n; i++) {
    if (load<u64>(BP_TABLE + (i << 3)) == pc) {
      wr64(BP_HIT_PC, pc);
      return true;
    }
  }
  return false;
}

export function wpOnPage(vpn: u64): bool {
  const n = load<u32>(WP_COUNT);
  for (let i: u32 = 0; i < n; i++) {
    const e = WP_TABLE + i * 24;
    const start = load<u64>(e) >> 12;
    const end = (load<u64>(e + 8) - 1) >> 12;
    if (vpn >= start && vpn <= end) return true;
  }
  return false;
}

// Record a hit if [va, va+size) overlaps a watchpoint of this kind; the
// slice stops after the current instruction.
export function wpCheck(va: u64, size: u32, kind: u32): void {
  const n = load<u32>(WP_COUNT);
  for (let i: u32 = 0; i < n; i++) {
    const e = WP_TABLE + i * 24;
    if ((<u32>load<u64>(e + 16) & kind) == 0) continue;
    if (va < load<u64>(e + 8) && va + <u64>size > load<u64>(e)) {
      if (rd64(STOP_REASON) == 0) {
        store<u32>(WP_HIT_INDEX, i);
        store<u32>(WP_HIT_KIND, kind);
        wr64(WP_HIT_ADDR, va);
        wr64(WP_HIT_PC, currentPc);
        wr64(STOP_REASON, STOP_WATCH);
        requestCheck();
      }
      return;
    }
  }
}

@inline export function watching(): bool {
  return load<u32>(WP_COUNT) != 0;
}
