// Spike's HTIF convention for ELFs that define `tohost` (the RISC-V ISA tests):
// a store of (code << 1) | 1 ends the run with `code` (1 = pass, exit 0);
// device 1 command 1 prints the low byte and tohost is cleared.

import { TOHOST, EXIT_CODE, STOP_EXIT, STOP_REASON, RAM_BASE, RAM_HOST, RAM_SIZE, rd64, wr64 } from "../state";
import { requestCheck } from "../events";
import { txPush } from "./uart";
import { codeWrite } from "../code";

export function htifCheck(): void {
  const th = rd64(TOHOST);
  if (th < RAM_BASE || th - RAM_BASE > rd64(RAM_SIZE) - 8) return;
  const h = RAM_HOST + <u32>(th - RAM_BASE);
  const v = load<u64>(h);
  if (v == 0) return;
  const dev = v >> 56;
  const cmd = (v >> 48) & 0xff;
  const payload = v & 0xffffffffffff;
  if (dev == 0 && (payload & 1)) {
    wr64(EXIT_CODE, payload >> 1);
    wr64(STOP_REASON, STOP_EXIT);
    requestCheck();
  } else if (dev == 1 && cmd == 1) {
    txPush(<u32>payload & 0xff);
    codeWrite(h, 8);
    store<u64>(h, 0);
  }
}
