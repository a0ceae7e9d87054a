// The core's exports: everything the host may call. State is read and written
// by the host directly in linear memory at the addresses exported below.

import * as S from "./state";
import { tlbFlush, translateEx, ACC_DEBUG } from "./mmu";
import { codeReset, codeFlushAll, codeUnmark, codeInvalidate } from "./code";
import { uartReset, hostRxPush, hostRxCount } from "./devices/uart";
import { plicReset } from "./devices/plic";
import { setIcount } from "./events";
import { csrRead } from "./csr";

export { run } from "./cpu";

export const X_ADDR: u32 = S.X;
export const PC_ADDR: u32 = S.PC;
export const PRIV_ADDR: u32 = S.PRIV;
export const ICOUNT_ADDR: u32 = S.ICOUNT;
export const STOP_REASON_ADDR: u32 = S.STOP_REASON;
export const EXIT_CODE_ADDR: u32 = S.EXIT_CODE;
export const TOHOST_ADDR: u32 = S.TOHOST;
export const WFI_SKIPS_ADDR: u32 = S.WFI_SKIPS;
export const UART_TX_HEAD_ADDR: u32 = S.UART_TX_HEAD;
export const UART_TX_TAIL_ADDR: u32 = S.UART_TX_TAIL;
export const UART_TX_RING_ADDR: u32 = S.UART_TX_RING;
export const UART_TX_SIZE: u32 = S.UART_TX_SIZE;
export const UART_INPUT_WAIT_ADDR: u32 = S.UART_INPUT_WAIT;
export const RAM_HOST_ADDR: u32 = S.RAM_HOST;
export const STATE_START: u32 = S.STATE_START;
export const STATE_END: u32 = S.STATE_END;
export const BP_COUNT_ADDR: u32 = S.BP_COUNT;
export const BP_TABLE_ADDR: u32 = S.BP_TABLE;
export const BP_MAX: u32 = S.BP_MAX;
export const BP_SKIP_ICOUNT_ADDR: u32 = S.BP_SKIP_ICOUNT;
export const BP_HIT_PC_ADDR: u32 = S.BP_HIT_PC;
export const WP_COUNT_ADDR: u32 = S.WP_COUNT;
export const WP_TABLE_ADDR: u32 = S.WP_TABLE;
export const WP_MAX: u32 = S.WP_MAX;
export const WP_HIT_INDEX_ADDR: u32 = S.WP_HIT_INDEX;
export const WP_HIT_KIND_ADDR: u32 = S.WP_HIT_KIND;
export const WP_HIT_ADDR_ADDR: u32 = S.WP_HIT_ADDR;
export const WP_HIT_PC_ADDR: u32 = S.WP_HIT_PC;
export const NTRAPS_ADDR: u32 = S.NTRAPS;
export const MAX_RAM_BYTES: u32 = 0xc0000000 - S.RAM_HOST; // 3 GiB of wasm memory at most

// Reset the machine with `ramBytes` of RAM (a multiple of 4 KiB).
// Returns false if the memory cannot be provided.
export function reset(ramBytes: u32): bool {
  if (ramBytes == 0 || (ramBytes & 0xfff) != 0 || ramBytes > MAX_RAM_BYTES) return false;
  const need = <u64>S.RAM_HOST + <u64>ramBytes;
  const have = <u64>memory.size() << 16;
  if (need > have) {
    const pages = <i32>((need - have + 0xffff) >> 16);
    if (memory.grow(pages) < 0) return false;
  }
  memory.fill(S.STATE_START, 0, S.STATE_END - S.STATE_START);
  // Freshly grown memory is already zero: clear only what was there before.
  if (have > <u64>S.RAM_HOST) {
    const used = have - <u64>S.RAM_HOST;
    memory.fill(S.RAM_HOST, 0, <u32>(used < <u64>ramBytes ? used : <u64>ramBytes));
  }
  S.wr64(S.RAM_SIZE, <u64>ramBytes);
  S.wr64(S.PRIV, 3);
  S.wr64(S.MTIMECMP, u64.MAX_VALUE);
  S.wr64(S.STIMECMP, u64.MAX_VALUE);
  setIcount(0);
  codeReset();
  tlbFlush();
  uartReset();
  plicReset();
  return true;
}

export function uartRxPush(b: u32): bool {
  return hostRxPush(b);
}
export function uartRxCount(): u32 {
  return hostRxCount();
}

// Debugger helpers: side-effect-free translation and CSR reads.
// translate returns u64.MAX_VALUE when the address is not mapped.
export function debugTranslate(va: u64): u64 {
  const pa = translateEx(va, ACC_DEBUG, false);
  if (pa == 0 && va != 0) {
    // translateEx returns 0 on failure; distinguish a real physical 0.
    return u64.MAX_VALUE;
  }
  return pa;
}
export function debugCsr(csr: u32): u64 {
  const priv = S.rd64(S.PRIV);
  S.wr64(S.PRIV, 3); // read as M-mode would, without privilege checks
  const v = csrRead(csr);
  S.wr64(S.PRIV, priv);
  return v;
}
// The host changed breakpoints, watchpoints or translation state.
export function flushTlb(): void {
  codeUnmark();
  tlbFlush();
}
// The host wrote guest memory: forget the decoded instructions of
// [host, host + len) (host addresses in RAM), or of all memory.
export function invalidateCode(host: u32, len: u32): void {
  if (host < S.RAM_HOST) {
    codeFlushAll();
    tlbFlush();
    return;
  }
  codeInvalidate(host, len);
}
