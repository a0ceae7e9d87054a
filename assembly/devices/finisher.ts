// SiFive test finisher at 0x100000: a 32-bit write ends the run.
// 0x5555 = pass (exit 0), (code << 16) | 0x3333 = fail with code, 0x7777 = reset.

import { EXIT_CODE, STOP_EXIT, STOP_RESET, STOP_REASON, wr64 } from "../state";
import { requestCheck } from "../events";

export const FINISHER_BASE: u64 = 0x100000;
export const FINISHER_SIZE: u64 = 0x1000;

export function finisherStore(off: u32, v: u64): void {
  if (off != 0) return;
  const status = <u32>v & 0xffff;
  if (status == 0x5555) {
    wr64(EXIT_CODE, 0);
    wr64(STOP_REASON, STOP_EXIT);
  } else if (status == 0x3333) {
    wr64(EXIT_CODE, (v >> 16) & 0xffff);
    wr64(STOP_REASON, STOP_EXIT);
  } else if (status == 0x7777) {
    wr64(STOP_REASON, STOP_RESET);
  } else {
    return;
  }
  requestCheck();
}
