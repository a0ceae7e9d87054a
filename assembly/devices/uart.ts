// UART 16550A at 0x10000000 (register shift 0), PLIC source 10.
//
// Receive bytes come from a ring the host fills between slices; transmitted
// bytes go to a ring the host drains. Transmission is instantaneous, so THR
// is always empty unless the transmit ring is full (then the slice stops so
// the host can drain it).

import {
  UART_IER, UART_LCR, UART_MCR, UART_SCR, UART_DLL, UART_DLM, UART_FCR, UART_THRI,
  UART_RX_HEAD, UART_RX_TAIL, UART_TX_HEAD, UART_TX_TAIL, UART_RX_RING, UART_RX_SIZE,
  UART_TX_RING, UART_TX_SIZE, UART_INPUT_WAIT, UART_EMPTY_POLLS, STOP_REASON, STOP_TXFULL, STOP_NONE,
  rd64, wr64,
} from "../state";
import { requestCheck } from "../events";
import { retryForInput } from "../trap";

// A guest polling LSR for data this many times in a row, while the host says
// more input is coming, is waiting for input: the host then supplies it
// before the guest goes on. This keeps piped runs deterministic.
const POLLS_BEFORE_WAIT: u32 = 256;

// UART_INPUT_WAIT: 0 = live input (a terminal), 1 = more input is on its way
// (the guest must wait for it), 2 = input has ended (a guest polling for more
// stops the machine, since nothing can ever arrive).
const WAIT_MORE: u8 = 1;

// Should the guest's current read wait for host input?
export function inputWanted(): bool {
  return rxCount() == 0 && load<u8>(UART_INPUT_WAIT) == WAIT_MORE;
}

export const UART_BASE: u64 = 0x10000000;
export const UART_SIZE: u64 = 0x100;
export const UART_IRQ: u32 = 10;

const LCR_DLAB: u8 = 0x80;
const IER_RDI: u8 = 0x01;
const IER_THRI: u8 = 0x02;
const MCR_LOOP: u8 = 0x10;

@inline function rxCount(): u32 {
  return load<u32>(UART_RX_HEAD) - load<u32>(UART_RX_TAIL);
}
@inline function txSpace(): u32 {
  return UART_TX_SIZE - (load<u32>(UART_TX_HEAD) - load<u32>(UART_TX_TAIL));
}

export function uartReset(): void {
  memory.fill(UART_IER, 0, 0x20);
  store<u8>(UART_DLL, 12); // 9600 baud at 1.8432 MHz, like QEMU's reset value
}

// The interrupt line level (PLIC source 10).
export function uartIrq(): bool {
  const ier = load<u8>(UART_IER);
  if ((ier & IER_RDI) && rxCount() > 0) return true;
  if ((ier & IER_THRI) && load<u8>(UART_THRI)) return true;
  return false;
}

function iir(): u32 {
  const ier = load<u8>(UART_IER);
  let id: u32 = 0x01; // no interrupt pending
  if ((ier & IER_RDI) && rxCount() > 0) id = 0x04;
  else if ((ier & IER_THRI) && load<u8>(UART_THRI)) id = 0x02;
  if (load<u8>(UART_FCR) & 1) id |= 0xc0;
  return id;
}

function lsr(): u32 {
  let v: u32 = 0;
  if (rxCount() > 0) v |= 0x01; // DR
  else if (load<u8>(UART_INPUT_WAIT) != 0) {
    const n = load<u32>(UART_EMPTY_POLLS) + 1;
    store<u32>(UART_EMPTY_POLLS, n);
    if (n >= POLLS_BEFORE_WAIT) {
      store<u32>(UART_EMPTY_POLLS, 0);
      retryForInput();
      return 0;
    }
  }
  if (txSpace() > 0) v |= 0x60; // THRE | TEMT
  else if (rd64(STOP_REASON) == STOP_NONE) {
    // A guest polling LSR would spin until the host drains the ring: stop the slice.
    wr64(STOP_REASON, STOP_TXFULL);
    requestCheck();
  }
  return v;
}

function transmit(b: u32): void {
  if (load<u8>(UART_MCR) & MCR_LOOP) {
    hostRxPush(b);
    return;
  }
  txPush(b);
}

// Append a byte to the transmit ring (also used by HTIF's console).
export function txPush(b: u32): void {
  if (txSpace() == 0) return; // dropped: the guest ignored THRE
  const head = load<u32>(UART_TX_HEAD);
  store<u8>(UART_TX_RING + (head & (UART_TX_SIZE - 1)), <u8>b);
  store<u32>(UART_TX_HEAD, head + 1);
  if (txSpace() == 0) {
    wr64(STOP_REASON, STOP_TXFULL);
  }
}

export function uartLoad(off: u32): u64 {
  const dlab = load<u8>(UART_LCR) & LCR_DLAB;
  requestCheck();
  switch (off) {
    case 0: {
      if (dlab) return load<u8>(UART_DLL);
      if (rxCount() == 0) {
        if (load<u8>(UART_INPUT_WAIT) == WAIT_MORE) retryForInput();
        return 0;
      }
      store<u32>(UART_EMPTY_POLLS, 0);
      const tail = load<u32>(UART_RX_TAIL);
      const b = load<u8>(UART_RX_RING + (tail & (UART_RX_SIZE - 1)));
      store<u32>(UART_RX_TAIL, tail + 1);
      return b;
    }
    case 1:
      return dlab ? load<u8>(UART_DLM) : load<u8>(UART_IER);
    case 2: {
      const v = iir();
      if ((v & 0x0f) == 0x02) store<u8>(UART_THRI, 0); // reading IIR acknowledges THRE
      return v;
    }
    case 3:
      return load<u8>(UART_LCR);
    case 4:
      return load<u8>(UART_MCR);
    case 5:
      return lsr();
    case 6: {
      // MSR: in loopback the modem inputs follow MCR; otherwise report CTS|DSR|DCD.
      const mcr = load<u8>(UART_MCR);
      if (mcr & MCR_LOOP) {
        return ((mcr & 0x02) << 3) | ((mcr & 0x01) << 5) | ((mcr & 0x04) << 4) | ((mcr & 0x08) << 4);
      }
      return 0xb0;
    }
    case 7:
      return load<u8>(UART_SCR);
  }
  return 0;
}

export function uartStore(off: u32, v: u64): void {
  const b = <u32>v & 0xff;
  const dlab = load<u8>(UART_LCR) & LCR_DLAB;
  requestCheck();
  switch (off) {
    case 0:
      if (dlab) {
        store<u8>(UART_DLL, <u8>b);
      } else {
        transmit(b);
        store<u32>(UART_EMPTY_POLLS, 0);
        store<u8>(UART_THRI, 1); // transmission is instantaneous: THR is empty again
      }
      break;
    case 1:
      if (dlab) {
        store<u8>(UART_DLM, <u8>b);
      } else {
        const old = load<u8>(UART_IER);
        store<u8>(UART_IER, <u8>(b & 0x0f));
        // Enabling THRI while THR is empty raises it at once, as on a real 16550.
        if ((b & IER_THRI) && !(old & IER_THRI)) store<u8>(UART_THRI, 1);
      }
      break;
    case 2:
      store<u8>(UART_FCR, <u8>(b & 0xc9));
      if (b & 0x02) store<u32>(UART_RX_TAIL, load<u32>(UART_RX_HEAD)); // clear receive FIFO
      break;
    case 3:
      store<u8>(UART_LCR, <u8>b);
      break;
    case 4:
      store<u8>(UART_MCR, <u8>(b & 0x1f));
      break;
    case 7:
      store<u8>(UART_SCR, <u8>b);
      break;
  }
}

// Host side: push one received byte; returns false when the ring is full.
export function hostRxPush(b: u32): bool {
  if (rxCount() >= UART_RX_SIZE) return false;
  const head = load<u32>(UART_RX_HEAD);
  store<u8>(UART_RX_RING + (head & (UART_RX_SIZE - 1)), <u8>b);
  store<u32>(UART_RX_HEAD, head + 1);
  requestCheck();
  return true;
}
export function hostRxCount(): u32 {
  return rxCount();
}
