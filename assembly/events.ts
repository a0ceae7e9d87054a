// The run loop's clock and its "something may have changed" signal.
//
// The loop runs instructions up to nextEvent without looking at anything
// else (cpu.ts keeps both counts in locals and counts down to the event);
// everything that can make an interrupt pending or end the slice (CSR
// writes, device accesses, xRET, timer deadlines, the budget) lowers
// nextEvent so that the loop re-examines the machine exactly when it may
// matter, never otherwise.

import { ICOUNT, MTIME_BASE, MTIME_ICBASE, TICK_DIV, rd64, wr64 } from "./state";

export let icount: u64 = 0; // live copy of ICOUNT while running
export let nextEvent: u64 = 0;

@inline export function requestCheck(): void {
  nextEvent = 0;
}
@inline export function setNextEvent(v: u64): void {
  nextEvent = v;
}
@inline export function bumpIcount(): void {
  icount++;
}
export function unbumpIcount(): void {
  icount--;
}
export function syncIcountIn(): void {
  icount = rd64(ICOUNT);
}
export function syncIcountOut(): void {
  wr64(ICOUNT, icount);
}
export function setIcount(v: u64): void {
  icount = v;
}

export function mtime(): u64 {
  return rd64(MTIME_BASE) + (icount - rd64(MTIME_ICBASE)) / TICK_DIV;
}
export function setMtime(v: u64): void {
  wr64(MTIME_BASE, v);
  wr64(MTIME_ICBASE, icount);
}
// The instruction count at which mtime reaches t (t > mtime()).
export function icountAtTime(t: u64): u64 {
  const base = rd64(MTIME_BASE);
  const delta = t - base;
  if (delta > (<u64>1 << 58)) return u64.MAX_VALUE; // far future: never
  return rd64(MTIME_ICBASE) + delta * TICK_DIV;
}
