// CLINT (SiFive core-local interruptor) at 0x2000000: msip, mtimecmp, mtime.

import { MSIP, MTIMECMP, rd64, wr64 } from "../state";
import { mtime, setMtime, requestCheck } from "../events";

export const CLINT_BASE: u64 = 0x2000000;
export const CLINT_SIZE: u64 = 0x10000;

function merge(old: u64, v: u64, off: u32, size: u32): u64 {
  if (size >= 8) return v;
  const shift = (off & 7) << 3;
  const mask = ((<u64>1 << (size << 3)) - 1) << shift;
  return (old & ~mask) | ((v << shift) & mask);
}

export function clintLoad(off: u32, size: u32): u64 {
  let v: u64 = 0;
  let base: u32 = off & ~7;
  if (off < 4) {
    v = rd64(MSIP) & 1;
    base = 0;
  } else if (off >= 0x4000 && off < 0x4008) {
    v = rd64(MTIMECMP);
  } else if (off >= 0xbff8 && off < 0xc000) {
    v = mtime();
  } else {
    return 0;
  }
  v = v >> ((<u64>(off - base)) << 3);
  if (size < 8) v &= (<u64>1 << (size << 3)) - 1;
  return v;
}

export function clintStore(off: u32, size: u32, v: u64): void {
  if (off < 4) {
    wr64(MSIP, v & 1);
  } else if (off >= 0x4000 && off < 0x4008) {
    wr64(MTIMECMP, merge(rd64(MTIMECMP), v, off - 0x4000, size));
  } else if (off >= 0xbff8 && off < 0xc000) {
    setMtime(merge(mtime(), v, off - 0xbff8, size));
  }
  requestCheck();
}
