// Machine state layout in linear memory.
//
// Every piece of guest-visible state lives at a fixed address below the
// static data (asconfig's memoryBase is 2 MiB), next to guest RAM. The host
// reads registers, CSRs and device state through these same addresses, and a
// snapshot is a copy of [STATE_START, STATE_END) plus RAM.

// Integer registers x0..x31, 8 bytes each. x0 is never written: decoded
// instructions that write x0 either do nothing or, for loads (whose access
// still happens), write the scratch slot X_SINK (register index 32).
export const X: u32 = 0x1000;
export const X_SINK_INDEX: u32 = 32;

// Scalar state: one 8-byte slot each.
const S: u32 = 0x1180;
export const PC: u32 = S + 0x00;
export const PRIV: u32 = S + 0x08; // 0 = U, 1 = S, 3 = M
export const ICOUNT: u32 = S + 0x10; // instructions executed (drives time and budgets)
export const NTRAPS: u32 = S + 0x18; // instructions that trapped instead of retiring
export const RES_ADDR: u32 = S + 0x20; // LR reservation (physical address)
export const RES_VALID: u32 = S + 0x28;
export const STOP_REASON: u32 = S + 0x30;
export const EXIT_CODE: u32 = S + 0x38;
export const RAM_SIZE: u32 = S + 0x40;
export const TOHOST: u32 = S + 0x48; // physical address of HTIF tohost, 0 = none
export const MTIME_BASE: u32 = S + 0x50; // mtime = MTIME_BASE + (icount - MTIME_ICBASE) / TICK_DIV
export const MTIME_ICBASE: u32 = S + 0x58;
export const MTIMECMP: u32 = S + 0x60;
export const MSIP: u32 = S + 0x68;
export const WFI_SKIPS: u32 = S + 0x70; // times WFI skipped time forward (host uses it to idle)

// CSRs.
const C: u32 = 0x1200;
export const MSTATUS: u32 = C + 0x00;
export const MEDELEG: u32 = C + 0x08;
export const MIDELEG: u32 = C + 0x10;
export const MIE: u32 = C + 0x18;
export const MIP: u32 = C + 0x20; // software-writable bits only; hardware bits are computed
export const MTVEC: u32 = C + 0x28;
export const MCOUNTEREN: u32 = C + 0x30;
export const MENVCFG: u32 = C + 0x38;
export const MSCRATCH: u32 = C + 0x40;
export const MEPC: u32 = C + 0x48;
export const MCAUSE: u32 = C + 0x50;
export const MTVAL: u32 = C + 0x58;
export const MCOUNTINHIBIT: u32 = C + 0x60;
export const STVEC: u32 = C + 0x68;
export const SCOUNTEREN: u32 = C + 0x70;
export const SENVCFG: u32 = C + 0x78;
export const SSCRATCH: u32 = C + 0x80;
export const SEPC: u32 = C + 0x88;
export const SCAUSE: u32 = C + 0x90;
export const STVAL: u32 = C + 0x98;
export const SATP: u32 = C + 0xa0;
export const STIMECMP: u32 = C + 0xa8;
export const MINSTRET_OFF: u32 = C + 0xb0;
export const MCYCLE_OFF: u32 = C + 0xb8;
export const MTINST: u32 = C + 0xc0;
export const PMPCFG: u32 = C + 0x100; // 16 slots (only even indices are used on RV64)
export const PMPADDR: u32 = C + 0x180; // 16 slots

// Software TLBs: 256 direct-mapped entries each for fetch, load and store,
// indexed by bits 12..19 of the virtual address. tag = the virtual page's
// address (va & ~0xfff; all ones = invalid), so one masked compare checks
// both the page and the alignment: (va & (~0xfff | (size - 1))) == tag.
// add = host address of the page minus the low 32 bits of its virtual
// address, so host = u32(va) + add. The fetch TLB's third array holds the
// host address of the page's decoded-instruction slot (code.ts).
export const TLB_ENTRIES: u32 = 256;
export const ITLB_TAG: u32 = 0x2000;
export const ITLB_ADD: u32 = 0x2800;
export const LTLB_TAG: u32 = 0x3000;
export const LTLB_ADD: u32 = 0x3800;
export const STLB_TAG: u32 = 0x4000;
export const STLB_ADD: u32 = 0x4800;
export const ITLB_CODE: u32 = 0x6000;

// UART 16550A registers and rings.
export const UART: u32 = 0x5000;
export const UART_IER: u32 = UART + 0;
export const UART_LCR: u32 = UART + 1;
export const UART_MCR: u32 = UART + 2;
export const UART_SCR: u32 = UART + 3;
export const UART_DLL: u32 = UART + 4;
export const UART_DLM: u32 = UART + 5;
export const UART_FCR: u32 = UART + 6;
export const UART_THRI: u32 = UART + 7; // THR-empty interrupt pending
export const UART_INPUT_WAIT: u32 = UART + 8; // host: more input will come; stop when the guest needs it
export const UART_EMPTY_POLLS: u32 = UART + 0xc; // u32: consecutive LSR reads that found no data
export const UART_RX_HEAD: u32 = UART + 0x10; // u32 indices, free-running
export const UART_RX_TAIL: u32 = UART + 0x14;
export const UART_TX_HEAD: u32 = UART + 0x18;
export const UART_TX_TAIL: u32 = UART + 0x1c;
export const UART_RX_RING: u32 = 0x8000;
export const UART_RX_SIZE: u32 = 0x8000;
export const UART_TX_RING: u32 = 0x10000;
export const UART_TX_SIZE: u32 = 0x10000;

// PLIC: 96 sources, 2 contexts (0 = hart 0 M-mode, 1 = hart 0 S-mode).
export const PLIC_SOURCES: u32 = 96;
export const PLIC: u32 = 0x20000;
export const PLIC_PRIO: u32 = PLIC; // u32 per source
export const PLIC_CLAIMED: u32 = PLIC + 0x200; // u32 bitmap words (3)
export const PLIC_ENABLE: u32 = PLIC + 0x220; // 2 contexts x 4 words
export const PLIC_THRESHOLD: u32 = PLIC + 0x240; // u32 per context

// Debugger: breakpoints (virtual pcs) and watchpoints (virtual ranges).
// Not guest-visible; the host writes the tables, then flushes the TLBs.
export const DBG: u32 = 0x21000;
export const BP_MAX: u32 = 64;
export const BP_COUNT: u32 = DBG + 0x00; // u32
export const WP_COUNT: u32 = DBG + 0x04; // u32
export const BP_SKIP_ICOUNT: u32 = DBG + 0x08; // u64: the instruction at this count ignores breakpoints (+1)
export const WP_HIT_INDEX: u32 = DBG + 0x10; // u32: index of the watchpoint hit
export const WP_HIT_KIND: u32 = DBG + 0x14; // u32: 1 = write, 2 = read
export const WP_HIT_ADDR: u32 = DBG + 0x18; // u64: the access's virtual address
export const WP_HIT_PC: u32 = DBG + 0x20; // u64: pc of the accessing instruction
export const BP_HIT_PC: u32 = DBG + 0x28; // u64
export const BP_TABLE: u32 = DBG + 0x100; // BP_MAX x u64
export const WP_MAX: u32 = 16;
export const WP_TABLE: u32 = DBG + 0x400; // WP_MAX x { start u64, end u64 (exclusive), kind u64 }

export const STATE_START: u32 = 0x1000;
export const STATE_END: u32 = 0x22000;

// The decoded-instruction cache (code.ts) lives in [CODE_REGION, RAM_HOST):
// derived from guest memory, so not part of the machine state.
export const CODE_REGION: u32 = 0x400000;

// Guest RAM: host address of guest physical RAM_BASE.
export const RAM_HOST: u32 = 0x1000000;
export const RAM_BASE: u64 = 0x80000000;

// Stop reasons returned through STOP_REASON.
export const STOP_NONE: u32 = 0; // budget spent
export const STOP_EXIT: u32 = 1; // finisher / HTIF exit; EXIT_CODE holds the code
export const STOP_RESET: u32 = 2; // finisher reset request
export const STOP_IDLE: u32 = 3; // WFI with nothing that could wake the hart but input
export const STOP_TXFULL: u32 = 4; // UART transmit ring full: host must drain it
export const STOP_BREAK: u32 = 5; // breakpoint: pc is at it, the instruction has not run
export const STOP_INPUT: u32 = 6; // the guest waits for input the host has not received yet
export const STOP_WATCH: u32 = 7; // a watchpoint was hit (after the access)

// Time: one tick of the 10 MHz timebase per TICK_DIV instructions.
export const TICK_DIV: u64 = 10;

@inline export function getX(r: u32): u64 {
  return load<u64>(X + (r << 3));
}
@inline export function setX(r: u32, v: u64): void {
  if (r != 0) store<u64>(X + (r << 3), v);
}
@inline export function rd64(a: u32): u64 {
  return load<u64>(a);
}
@inline export function wr64(a: u32, v: u64): void {
  store<u64>(a, v);
}
