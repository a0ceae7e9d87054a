// The physical bus: RAM and the memory-mapped devices of the virt board.
//
// Only addresses inside [RAM_BASE, RAM_BASE + ram size) ever become host
// addresses, so no guest action can reach wasm memory outside guest RAM.
// Anything not mapped is an access fault (the caller raises it).

import { RAM_BASE, RAM_HOST, RAM_SIZE, TOHOST, rd64 } from "./state";
import { CLINT_BASE, CLINT_SIZE, clintLoad, clintStore } from "./devices/clint";
import { PLIC_BASE, PLIC_SIZE, plicLoad, plicStore } from "./devices/plic";
import { UART_BASE, UART_SIZE, uartLoad, uartStore } from "./devices/uart";
import { FINISHER_BASE, FINISHER_SIZE, finisherStore } from "./devices/finisher";
import { htifCheck } from "./devices/htif";
import { codeWrite } from "./code";

export let busFault: bool = false;

@inline export function isRam(pa: u64, size: u64): bool {
  return pa >= RAM_BASE && pa - RAM_BASE <= rd64(RAM_SIZE) - size;
}
@inline export function ramHost(pa: u64): u32 {
  return RAM_HOST + <u32>(pa - RAM_BASE);
}

// Little-endian load of 1, 2, 4 or 8 bytes from RAM (any alignment: wasm allows it).
export function ramLoad(h: u32, size: u32): u64 {
  if (size == 8) return load<u64>(h);
  if (size == 4) return <u64>load<u32>(h);
  if (size == 2) return <u64>load<u16>(h);
  return <u64>load<u8>(h);
}
export function ramStore(h: u32, size: u32, v: u64): void {
  if (size == 8) store<u64>(h, v);
  else if (size == 4) store<u32>(h, <u32>v);
  else if (size == 2) store<u16>(h, <u16>v);
  else store<u8>(h, <u8>v);
}

// Physical load; sets busFault for an unmapped address or a misaligned MMIO access.
export function physLoad(pa: u64, size: u32): u64 {
  busFault = false;
  if (isRam(pa, size)) return ramLoad(ramHost(pa), size);
  if ((pa & (<u64>size - 1)) != 0) {
    busFault = true;
    return 0;
  }
  if (pa - UART_BASE < UART_SIZE) return uartLoad(<u32>(pa - UART_BASE));
  if (pa - CLINT_BASE < CLINT_SIZE) return clintLoad(<u32>(pa - CLINT_BASE), size);
  if (pa - PLIC_BASE < PLIC_SIZE) {
    if (size != 4) { busFault = true; return 0; }
    return <u64>plicLoad(<u32>(pa - PLIC_BASE));
  }
  if (pa - FINISHER_BASE < FINISHER_SIZE) return 0;
  busFault = true;
  return 0;
}

export function physStore(pa: u64, size: u32, v: u64): void {
  busFault = false;
  if (isRam(pa, size)) {
    codeWrite(ramHost(pa), size);
    ramStore(ramHost(pa), size, v);
    const th = rd64(TOHOST);
    if (th != 0 && pa < th + 8 && pa + size > th) htifCheck();
    return;
  }
  if ((pa & (<u64>size - 1)) != 0) {
    busFault = true;
    return;
  }
  if (pa - UART_BASE < UART_SIZE) { uartStore(<u32>(pa - UART_BASE), v); return; }
  if (pa - CLINT_BASE < CLINT_SIZE) { clintStore(<u32>(pa - CLINT_BASE), size, v); return; }
  if (pa - PLIC_BASE < PLIC_SIZE) {
    if (size != 4) { busFault = true; return; }
    plicStore(<u32>(pa - PLIC_BASE), <u32>v);
    return;
  }
  if (pa - FINISHER_BASE < FINISHER_SIZE) {
    if (size != 4) { busFault = true; return; }
    finisherStore(<u32>(pa - FINISHER_BASE), v);
    return;
  }
  busFault = true;
}
