/**
 * The machine: one core instance with the virt board's memory map, image
 * loading (ELF, raw), the device tree and the reset state QEMU's reset vector
 * gives (M-mode at the entry, a0 = hartid, a1 = DTB).
 *
 * This layer is synchronous and knows nothing about terminals or files:
 * the console and CLI sit above it.
 */
import { Core, Stop } from './core.js';
import { parseElf, findSymbol, type ElfImage } from './elf.js';
import { buildDtb } from './dtb.js';
import { type Result, ok, err } from './result.js';

export const RAM_BASE = 0x8000_0000n;
export const TIMEBASE_HZ = 10_000_000;
export const ISA = 'rv64imac_zicsr_zifencei_zicntr_sstc';
export const DEFAULT_MEM = 128 * 1024 * 1024;
const MIB = 1024 * 1024;

export interface MachineOptions {
  /** RAM size in bytes (a multiple of 1 MiB); default 128 MiB. */
  memSize?: number;
}

export interface BootOptions {
  entry: bigint;
  bootargs?: string;
  initrd?: Uint8Array;
  /** Where the kernel proper starts (for initrd placement, as QEMU does). */
  kernelBase?: bigint;
}

export type StopReason = 'budget' | 'exit' | 'reset' | 'idle' | 'txfull' | 'break' | 'input' | 'watch';
const stopNames: StopReason[] = ['budget', 'exit', 'reset', 'idle', 'txfull', 'break', 'input', 'watch'];

export interface SliceResult {
  executed: number;
  reason: StopReason;
}

export const REG_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

export class Machine {
  readonly core: Core;
  readonly memSize: number;
  /** Images loaded so far (for symbols). */
  readonly images: { name: string; elf: ElfImage }[] = [];
  dtbAddr = 0n;
  initrdRange: { start: bigint; end: bigint } | undefined;

  private constructor(core: Core, memSize: number) {
    this.core = core;
    this.memSize = memSize;
  }

  static create(opts: MachineOptions = {}): Result<Machine> {
    const memSize = opts.memSize ?? DEFAULT_MEM;
    if (!Number.isInteger(memSize) || memSize < MIB || memSize % MIB !== 0) {
      return err(`memory size must be a whole number of MiB (at least 1M), got ${memSize} bytes`);
    }
    const core = new Core();
    const max = core.addr.MAX_RAM_BYTES;
    if (memSize > max) return err(`memory size ${memSize / MIB}M is too large (at most ${Math.floor(max / MIB)}M)`);
    if (!core.reset(memSize)) return err(`cannot allocate ${memSize / MIB}M of guest memory`);
    return ok(new Machine(core, memSize));
  }

  get ramEnd(): bigint {
    return RAM_BASE + BigInt(this.memSize);
  }

  /** Does [addr, addr+len) lie inside RAM? */
  inRam(addr: bigint, len: bigint): boolean {
    return addr >= RAM_BASE && len >= 0n && addr + len <= this.ramEnd;
  }

  private host(addr: bigint): number {
    return this.core.addr.RAM_HOST_ADDR + Number(addr - RAM_BASE);
  }

  writePhys(addr: bigint, data: Uint8Array): Result<void> {
    if (!this.inRam(addr, BigInt(data.length))) {
      return err(`0x${addr.toString(16)}..0x${(addr + BigInt(data.length)).toString(16)} is outside RAM`);
    }
    this.core.bytes.set(data, this.host(addr));
    this.core.raw.invalidateCode?.(this.host(addr), data.length); // the core caches decoded instructions
    return ok(undefined);
  }

  readPhys(addr: bigint, len: number): Result<Uint8Array> {
    if (!this.inRam(addr, BigInt(len))) return err(`physical address 0x${addr.toString(16)} is outside RAM`);
    const h = this.host(addr);
    return ok(this.core.bytes.slice(h, h + len));
  }

  /** Load an ELF's PT_LOAD segments at their physical addresses. */
  loadElf(bytes: Uint8Array, name = 'image'): Result<ElfImage> {
    const parsed = parseElf(bytes);
    if (!parsed.ok) return parsed;
    const elf = parsed.value;
    for (const [i, seg] of elf.segments.entries()) {
      if (!this.inRam(seg.paddr, seg.memsz)) {
        const ramTop = this.ramEnd - 1n;
        return err(
          `${name}: segment ${i} (0x${seg.paddr.toString(16)}..0x${(seg.paddr + seg.memsz).toString(16)}) ` +
            `lies outside RAM (0x80000000..0x${ramTop.toString(16)})`,
        );
      }
    }
    for (const seg of elf.segments) {
      const h = this.host(seg.paddr);
      this.core.bytes.fill(0, h, h + Number(seg.memsz));
      this.core.bytes.set(seg.data, h);
      this.core.raw.invalidateCode?.(h, Number(seg.memsz));
    }
    const tohost = findSymbol(elf, 'tohost');
    if (tohost) {
      const pa = this.virtToLoad(elf, tohost.value);
      if (pa !== undefined) this.core.set64(this.core.addr.TOHOST_ADDR, pa);
    }
    this.images.push({ name, elf });
    return ok(elf);
  }

  /** Physical address where an ELF virtual address was loaded, if any. */
  virtToLoad(elf: ElfImage, va: bigint): bigint | undefined {
    for (const s of elf.segments) {
      if (va >= s.vaddr && va < s.vaddr + s.memsz) return s.paddr + (va - s.vaddr);
    }
    return undefined;
  }

  loadRaw(bytes: Uint8Array, addr: bigint): Result<void> {
    return this.writePhys(addr, bytes);
  }

  /**
   * Place the DTB (and initrd) as QEMU does and set the reset state:
   * M-mode, pc = entry, a0 = hartid 0, a1 = DTB address.
   */
  boot(opts: BootOptions): Result<void> {
    const kernelBase = opts.kernelBase ?? opts.entry;
    this.initrdRange = undefined;
    if (opts.initrd) {
      // QEMU: halfway into RAM for small boards, 128 MiB in for large ones.
      const off = BigInt(Math.min(this.memSize / 2, 128 * MIB));
      const start = (kernelBase + off + 0xfffn) & ~0xfffn;
      const end = start + BigInt(opts.initrd.length);
      const w = this.writePhys(start, opts.initrd);
      if (!w.ok) return err(`initrd (${opts.initrd.length} bytes) does not fit in RAM at 0x${start.toString(16)}`);
      this.initrdRange = { start, end };
    }
    const dtb = buildDtb({
      memBase: RAM_BASE,
      memSize: BigInt(this.memSize),
      timebaseFrequency: TIMEBASE_HZ,
      isa: ISA,
      mmuType: 'riscv,sv48',
      bootargs: opts.bootargs,
      initrd: this.initrdRange,
    });
    // QEMU: at the end of RAM (below 3 GiB), aligned down to 2 MiB.
    let top = this.ramEnd;
    if (top > 0x1_0000_0000n - 0x4000_0000n) top = 0xc000_0000n;
    this.dtbAddr = (top - BigInt(dtb.length)) & ~(2n * BigInt(MIB) - 1n);
    if (this.dtbAddr < RAM_BASE) this.dtbAddr = (top - BigInt(dtb.length)) & ~7n; // tiny RAM
    const dtbEnd = this.dtbAddr + BigInt(dtb.length);
    if (this.initrdRange && this.dtbAddr < this.initrdRange.end) {
      return err('initrd is too large for the memory size');
    }
    for (const { name, elf } of this.images) {
      for (const s of elf.segments) {
        if (s.paddr < dtbEnd && s.paddr + s.memsz > this.dtbAddr) {
          return err(`${name}: no room for the device tree at the end of RAM; use a larger --mem`);
        }
      }
    }
    const w = this.writePhys(this.dtbAddr, dtb);
    if (!w.ok) return w;
    this.pc = opts.entry;
    this.setReg(10, 0n);
    this.setReg(11, this.dtbAddr);
    return ok(undefined);
  }

  // --- registers and state ---
  get pc(): bigint {
    return this.core.get64(this.core.addr.PC_ADDR);
  }
  set pc(v: bigint) {
    this.core.set64(this.core.addr.PC_ADDR, v);
  }
  reg(i: number): bigint {
    return i === 0 ? 0n : this.core.get64(this.core.addr.X_ADDR + i * 8);
  }
  setReg(i: number, v: bigint): void {
    if (i !== 0) this.core.set64(this.core.addr.X_ADDR + i * 8, v);
  }
  get priv(): number {
    return Number(this.core.get64(this.core.addr.PRIV_ADDR));
  }
  get icount(): bigint {
    return this.core.get64(this.core.addr.ICOUNT_ADDR);
  }
  get exitCode(): number {
    return Number(this.core.get64(this.core.addr.EXIT_CODE_ADDR));
  }
  csr(n: number): bigint {
    return BigInt.asUintN(64, this.core.raw.debugCsr(n));
  }
  /** Times WFI skipped time forward (the guest was idle waiting for a timer). */
  get wfiSkips(): bigint {
    return this.core.get64(this.core.addr.WFI_SKIPS_ADDR);
  }

  // --- breakpoints and watchpoints (core tables; the debugger manages them) ---
  /** Virtual pcs that stop execution before the instruction runs. */
  setBreakpoints(pcs: bigint[]): Result<void> {
    const a = this.core.addr;
    const uniq = [...new Set(pcs.map((p) => BigInt.asUintN(64, p)))];
    if (uniq.length > a.BP_MAX) return err(`at most ${a.BP_MAX} breakpoints can be armed at once`);
    uniq.forEach((pc, i) => this.core.set64(a.BP_TABLE_ADDR + i * 8, pc));
    this.core.set32(a.BP_COUNT_ADDR, uniq.length);
    this.core.raw.flushTlb();
    return ok(undefined);
  }
  /** Virtual ranges [start, end) that stop execution after an access of the given kinds. */
  setWatchpoints(ws: { start: bigint; end: bigint; write: boolean; read: boolean }[]): Result<void> {
    const a = this.core.addr;
    if (ws.length > a.WP_MAX) return err(`at most ${a.WP_MAX} watchpoints can be armed at once`);
    ws.forEach((w, i) => {
      const e = a.WP_TABLE_ADDR + i * 24;
      this.core.set64(e, w.start);
      this.core.set64(e + 8, w.end);
      this.core.set64(e + 16, BigInt((w.write ? 1 : 0) | (w.read ? 2 : 0)));
    });
    this.core.set32(a.WP_COUNT_ADDR, ws.length);
    this.core.raw.flushTlb();
    return ok(undefined);
  }
  /** Let the next instruction run even if a breakpoint is armed at its pc (resuming from a stop). */
  skipBreakpointOnce(): void {
    this.core.set64(this.core.addr.BP_SKIP_ICOUNT_ADDR, this.icount + 1n);
  }
  /** The watchpoint hit that ended the last slice. */
  get watchHit(): { index: number; kind: 'write' | 'read'; addr: bigint; pc: bigint } {
    const a = this.core.addr;
    return {
      index: this.core.get32(a.WP_HIT_INDEX_ADDR),
      kind: this.core.get32(a.WP_HIT_KIND_ADDR) === 1 ? 'write' : 'read',
      addr: this.core.get64(a.WP_HIT_ADDR_ADDR),
      pc: this.core.get64(a.WP_HIT_PC_ADDR),
    };
  }
  /** Translate a virtual address as the debugger sees it (no side effects); undefined if unmapped. */
  translate(va: bigint): bigint | undefined {
    const pa = BigInt.asUintN(64, this.core.raw.debugTranslate(BigInt.asIntN(64, va)));
    return pa === (1n << 64n) - 1n ? undefined : pa;
  }

  // --- running ---
  run(budget: number): SliceResult {
    const executed = this.core.run(budget);
    const code = Number(this.core.get64(this.core.addr.STOP_REASON_ADDR));
    return { executed, reason: stopNames[code] ?? 'budget' };
  }

  // --- console ---
  /** Take what the guest has transmitted since the last call. */
  drainOutput(): Uint8Array {
    const a = this.core.addr;
    const head = this.core.get32(a.UART_TX_HEAD_ADDR);
    const tail = this.core.get32(a.UART_TX_TAIL_ADDR);
    const n = (head - tail) >>> 0;
    if (n === 0) return new Uint8Array(0);
    const size = a.UART_TX_SIZE;
    const out = new Uint8Array(n);
    const bytes = this.core.bytes;
    for (let i = 0; i < n; i++) out[i] = bytes[a.UART_TX_RING_ADDR + ((tail + i) & (size - 1))];
    this.core.set32(a.UART_TX_TAIL_ADDR, head);
    return out;
  }

  /** Offer input to the UART; returns how many bytes it took. */
  pushInput(data: Uint8Array): number {
    let i = 0;
    while (i < data.length && this.core.raw.uartRxPush(data[i]) !== 0) i++;
    return i;
  }

  get pendingInput(): number {
    return this.core.raw.uartRxCount();
  }

  /**
   * Tell the UART what to expect of input: 'live' (a terminal: the guest just
   * sees what has arrived), 'more' (more is on its way: a guest that waits
   * for input stops the slice with reason 'input' instead of letting time run
   * on), or 'ended' (a guest that keeps polling for input stops with 'input').
   */
  setInputMode(mode: 'live' | 'more' | 'ended'): void {
    this.core.set8(this.core.addr.UART_INPUT_WAIT_ADDR, mode === 'live' ? 0 : mode === 'more' ? 1 : 2);
  }
}

export interface RunToEndOptions {
  maxInsns?: number;
  input?: Uint8Array | string;
  slice?: number;
}
export interface RunToEndResult {
  reason: 'exit' | 'reset' | 'limit' | 'idle';
  exitCode: number;
  output: Buffer;
  insns: bigint;
}

/**
 * Run until the guest exits, resets, idles with nothing to wake it, or the
 * instruction limit is reached; all input is offered up front.
 */
export function runToEnd(m: Machine, opts: RunToEndOptions = {}): RunToEndResult {
  const max = BigInt(opts.maxInsns ?? 100_000_000);
  const slice = opts.slice ?? 100_000;
  let input = typeof opts.input === 'string' ? new TextEncoder().encode(opts.input) : (opts.input ?? new Uint8Array(0));
  const chunks: Uint8Array[] = [];
  const start = m.icount;
  for (;;) {
    if (input.length) input = input.subarray(m.pushInput(input));
    const left = max - (m.icount - start);
    if (left <= 0n) return finish('limit');
    const r = m.run(Number(left < BigInt(slice) ? left : BigInt(slice)));
    chunks.push(m.drainOutput());
    if (r.reason === 'exit') return finish('exit');
    if (r.reason === 'reset') return finish('reset');
    if (r.reason === 'idle' && input.length === 0 && m.pendingInput === 0) return finish('idle');
  }
  function finish(reason: RunToEndResult['reason']): RunToEndResult {
    return { reason, exitCode: reason === 'exit' ? m.exitCode : 0, output: Buffer.concat(chunks), insns: m.icount - start };
  }
}
