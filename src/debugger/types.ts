/**
 * The debugger's public types. The Debugger class (debugger.ts) implements
 * DebugTarget; the GDB server and the interactive CLI are written against
 * this interface only.
 */
import type { Result } from '../result.js';

export type StopKind = 'breakpoint' | 'watchpoint' | 'step' | 'exit' | 'limit' | 'interrupt';

export interface StopEvent {
  reason: StopKind;
  pc: bigint;
  /** 'copy_process+0x1c', or '0x...' when no symbol covers pc. */
  where: string;
  /** 0 = U, 1 = S, 3 = M. */
  privilege: number;
  /** The current task, when the teaching kernel is running (read from guest memory). */
  task?: { pid: number; comm: string };
  /** Breakpoint number (reason 'breakpoint') or watchpoint number (reason 'watchpoint'). */
  number?: number;
  /** Watchpoints: the accessed address, the access kind, the old and new values (8 bytes max). */
  watch?: { addr: bigint; kind: 'write' | 'read'; old?: bigint; value?: bigint };
  /** Exit: the guest's exit code. */
  exitCode?: number;
  /** finish(): the returned value (a0). */
  returnValue?: bigint;
}

export interface BreakOptions {
  /** A JavaScript-like expression over registers, e.g. "$a0 == 0x11 && $pc != 0". */
  condition?: string;
  ignoreCount?: number;
  temporary?: boolean;
}

export interface BreakpointInfo {
  number: number;
  location: string;
  address: bigint;
  enabled: boolean;
  temporary: boolean;
  condition?: string;
  ignoreCount: number;
  hits: number;
}

export interface WatchpointInfo {
  number: number;
  expression: string;
  start: bigint;
  length: number;
  kind: 'write' | 'read' | 'access';
  enabled: boolean;
  hits: number;
}

export interface RunLimits {
  /** Give up (reason 'limit') after this many guest instructions. */
  maxInsns?: number;
  /** Polled between slices; return true to stop with reason 'interrupt' (Ctrl-C). */
  interrupted?: () => boolean;
  /** continueAsync: stop (reason 'interrupt') when the guest idles waiting for input
   *  that nobody can type, instead of waiting for it. */
  stopWhenIdle?: boolean;
}

/** What the GDB server and the CLI use. */
export interface DebugTarget {
  // registers: index 0..31 = x0..x31, 32 = pc
  readRegister(n: number): bigint;
  writeRegister(n: number, v: bigint): void;
  /** CSR by number; undefined if the CSR does not exist. */
  readCsr(n: number): bigint | undefined;
  /** Virtual memory through the current satp (no side effects). */
  readVirtual(addr: bigint, len: number): Result<Uint8Array>;
  writeVirtual(addr: bigint, data: Uint8Array): Result<void>;
  readPhysical(addr: bigint, len: number): Result<Uint8Array>;

  /** Breakpoints: location = symbol, symbol+offset, file:line, or an address. */
  break(location: string | bigint, opts?: BreakOptions): Result<BreakpointInfo>;
  deleteBreakpoint(n: number): Result<void>;
  enableBreakpoint(n: number, on: boolean): Result<void>;
  breakpoints(): BreakpointInfo[];
  watch(expr: string | bigint, length: number, kind: 'write' | 'read' | 'access'): Result<WatchpointInfo>;
  deleteWatchpoint(n: number): Result<void>;
  watchpoints(): WatchpointInfo[];

  continue(limits?: RunLimits): StopEvent;
  stepInstruction(limits?: RunLimits): StopEvent;
  next(limits?: RunLimits): StopEvent;
  finish(limits?: RunLimits): StopEvent;
  /** As continue(), but yields to the event loop between slices so that
   *  limits.interrupted() can see input (a socket, a key) while the guest runs. */
  continueAsync(limits?: RunLimits): Promise<StopEvent>;

  /** Console: bytes typed at the guest's UART; output is collected in `output`. */
  type(text: string): void;
}
