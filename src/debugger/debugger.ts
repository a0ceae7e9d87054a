/**
 * The debugger: symbols, breakpoints and watchpoints on virtual addresses,
 * running and stepping, registers and memory, backtraces across the trap
 * boundary, and the teaching kernel's tasks — all read from the machine's
 * state without asking the core to do anything but run.
 *
 * Breakpoints never modify guest memory: the core stops before executing an
 * armed pc (see assembly/debug.ts). Conditions, ignore counts and temporary
 * breakpoints are decided here, when the core stops.
 */
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { Machine, RAM_BASE } from '../machine.js';
import { parseElf, type ElfImage } from '../elf.js';
import { parseCpio } from '../cpio.js';
import { type Result, ok, err } from '../result.js';
import { IMAGES_DIR } from '../boot.js';
import { SymbolTable, formatAddress, suggest, type Sym } from './symbols.js';
import { evaluate, type ExprContext } from './expr.js';
import { KernelView, loadLayout, type TaskInfo } from './kernel.js';
import { ABI_NAMES, CSR_NAMES, gprIndex } from './registers.js';
import { LineTables } from './lines.js';
import type {
  BreakOptions, BreakpointInfo, DebugTarget, RunLimits, StopEvent, StopKind, WatchpointInfo,
} from './types.js';

export type { StopEvent, BreakOptions, BreakpointInfo, WatchpointInfo, RunLimits } from './types.js';

const KERNEL_SPACE = 0xffff_ffc0_0000_0000n;
const SLICE = 100_000;
const DEFAULT_MAX = 2_000_000_000;

interface Bp {
  number: number;
  location: string;
  address: bigint;
  enabled: boolean;
  temporary: boolean;
  condition?: string;
  ignoreCount: number;
  hits: number;
  /** Internal (next/finish): stop only when this holds. */
  internal?: (d: Debugger) => boolean;
}

interface Wp {
  number: number;
  expression: string;
  start: bigint;
  length: number;
  kind: 'write' | 'read' | 'access';
  enabled: boolean;
  hits: number;
  last?: bigint;
}

export interface Frame {
  level: number;
  pc: bigint;
  where: string;
  /** The frame's canonical frame address (sp at function entry). */
  cfa: bigint;
  user: boolean;
  /** This frame was interrupted by a trap (its registers come from pt_regs). */
  trap?: boolean;
}

export interface LineLookup {
  addressesForLine(file: string, line: number): Result<{ addresses: bigint[]; line: number }>;
  lineForAddress(addr: bigint): { file: string; line: number } | undefined;
}

export class Debugger implements DebugTarget {
  readonly machine: Machine;
  /** Everything the guest printed while the debugger ran it. */
  output = '';
  /** Called with each piece of guest output as it comes. */
  onOutput?: (text: string) => void;
  /** file:line support from the images' DWARF line tables (built on first use). */
  private lineTables?: LineLookup;
  get lines(): LineLookup {
    this.lineTables ??= new LineTables(this.symbolImages());
    return this.lineTables;
  }
  set lines(l: LineLookup) {
    this.lineTables = l;
  }
  private tables: SymbolTable[] = [];
  private kernelTable?: SymbolTable;
  private userTables = new Map<string, SymbolTable>();
  private userElves = new Map<string, ElfImage>();
  private bps = new Map<number, Bp>();
  private wps = new Map<number, Wp>();
  private nextNumber = 1;
  private nextInternal = 1;
  private input: Uint8Array = new Uint8Array(0);
  private exited?: number;
  readonly kernel?: KernelView;

  private constructor(machine: Machine, kernel?: KernelView) {
    this.machine = machine;
    this.kernel = kernel;
  }

  /** A debugger for a machine built by boot.ts (bundled system or any ELF). */
  static create(machine: Machine, opts: { layoutPath?: string } = {}): Debugger {
    const tables: SymbolTable[] = [];
    let kernelTable: SymbolTable | undefined;
    for (const { name, elf } of machine.images) {
      const t = new SymbolTable(name, elf);
      tables.push(t);
      if (elf.entry >= KERNEL_SPACE || t.byName.has('init_task')) kernelTable = t;
    }
    let kernel: KernelView | undefined;
    const initTask = kernelTable?.byName.get('init_task');
    if (initTask) {
      const layout = loadLayout(opts.layoutPath ?? join(IMAGES_DIR, 'kernel-offsets.json'));
      if (layout.ok) kernel = new KernelView(layout.value, { readVirtual: (a, n) => d.readVirtual(a, n) }, initTask.address);
    }
    const d = new Debugger(machine, kernel);
    d.tables = tables;
    d.kernelTable = kernelTable;
    d.loadUserPrograms();
    machine.setInputMode('live');
    return d;
  }

  /** User programs in the initramfs, by name (for their own symbols). */
  private loadUserPrograms(): void {
    const r = this.machine.initrdRange;
    if (!r) return;
    const bytes = this.machine.readPhys(r.start, Number(r.end - r.start));
    if (!bytes.ok) return;
    const entries = parseCpio(bytes.value);
    if (!entries.ok) return;
    for (const e of entries.value) {
      const elf = parseElf(e.data);
      if (!elf.ok) continue;
      const base = e.name.split('/').pop()!;
      const path = `/${e.name.replace(/^\.?\//, '')}`;
      // The initramfs programs are stripped; their symbols come from the
      // unstripped copies beside the images, if those load the same bytes.
      const full = withSymbols(join(IMAGES_DIR, 'user', `${base}.elf`), elf.value);
      this.userTables.set(base, new SymbolTable(path, full ?? elf.value));
      this.userElves.set(path, full ?? elf.value);
    }
  }

  // ---------------------------------------------------------------- symbols

  /** The table for the user program the current task runs, if known. */
  private currentUserTable(): SymbolTable | undefined {
    const t = this.currentTask();
    return t ? this.userTables.get(t.comm) : undefined;
  }

  private tableFor(addr: bigint): SymbolTable | undefined {
    if (addr >= KERNEL_SPACE) return this.kernelTable;
    const satp = this.machine.csr(0x180);
    if (this.machine.priv === 3 || satp >> 60n === 0n || addr >= RAM_BASE) {
      for (const t of this.tables) if (t !== this.kernelTable && t.lookup(addr)) return t;
      if (addr >= RAM_BASE) return undefined;
    }
    return this.currentUserTable();
  }

  symbolAt(addr: bigint): Sym | undefined {
    return this.tableFor(addr)?.lookup(addr);
  }

  /** 'copy_process+0x1c', or hex. */
  symbolize(addr: bigint): string {
    return formatAddress(this.symbolAt(addr), addr);
  }

  /** A symbol's address; unknown names are an error with close matches. */
  lookupSymbol(name: string): Result<bigint> {
    const user = this.currentUserTable();
    for (const t of [this.kernelTable, ...this.tables, user]) {
      const s = t?.byName.get(name);
      if (s) return ok(s.address);
    }
    // A user program's symbol by program: "hello:main" or any program's.
    const m = /^([^:]+):([A-Za-z_.$][\w.$]*)$/.exec(name);
    if (m && this.userTables.has(m[1])) {
      const s = this.userTables.get(m[1])!.byName.get(m[2]);
      if (s) return ok(s.address);
    }
    for (const t of this.userTables.values()) {
      const s = t.byName.get(name);
      if (s) return ok(s.address);
    }
    const all: string[] = [];
    for (const t of [...this.tables, ...this.userTables.values()]) for (const k of t.byName.keys()) all.push(k);
    const close = suggest(name, all);
    return err(`no symbol "${name}"${close.length ? `; did you mean ${close.map((c) => `"${c}"`).join(', ')}?` : ''}`);
  }

  /** symbol, symbol+offset, file:line, *address or an address. */
  resolveLocation(loc: string | bigint): Result<{ address: bigint; description: string }> {
    if (typeof loc === 'bigint') return ok({ address: loc, description: this.symbolize(loc) });
    const text = loc.trim().replace(/^\*/, '');
    if (/^(0x[0-9a-fA-F]+|\d+)$/.test(text)) {
      const a = BigInt(text);
      return ok({ address: a, description: this.symbolize(a) });
    }
    let m = /^([A-Za-z_.$][\w.$]*)\s*\+\s*(0x[0-9a-fA-F]+|\d+)$/.exec(text);
    if (m) {
      const base = this.lookupSymbol(m[1]);
      if (!base.ok) return base;
      const a = base.value + BigInt(m[2]);
      return ok({ address: a, description: `${m[1]}+0x${BigInt(m[2]).toString(16)}` });
    }
    m = /^(.+):(\d+)$/.exec(text);
    if (m && /[./]/.test(m[1])) {
      const r = this.lines.addressesForLine(m[1], Number(m[2]));
      if (!r.ok) return r;
      if (r.value.addresses.length === 0) return err(`no code at ${text}`);
      return ok({ address: r.value.addresses[0], description: `${m[1]}:${r.value.line}` });
    }
    const s = this.lookupSymbol(text);
    if (!s.ok) return s;
    return ok({ address: s.value, description: text });
  }

  // ---------------------------------------------------------------- registers

  readRegister(n: number): bigint {
    return n === 32 ? this.machine.pc : this.machine.reg(n);
  }
  writeRegister(n: number, v: bigint): void {
    if (n === 32) this.machine.pc = BigInt.asUintN(64, v);
    else this.machine.setReg(n, BigInt.asUintN(64, v));
  }
  /** The hart's privilege now: 0 = U, 1 = S, 3 = M. */
  privilege(): number {
    return this.machine.priv;
  }
  /** The ELF images with symbols: the loaded ones and the user programs. */
  symbolImages(): { name: string; elf: ElfImage }[] {
    return [...this.machine.images, ...[...this.userElves.entries()].map(([name, elf]) => ({ name, elf }))];
  }
  readCsr(n: number): bigint | undefined {
    const known = Object.values(CSR_NAMES).includes(n) || (n >= 0x3a0 && n <= 0x3bf);
    return known ? this.machine.csr(n) : undefined;
  }

  /** A register by name: x0..x31, ABI names, fp, pc, priv, or a CSR name. */
  register(name: string): Result<bigint> {
    const n = name.replace(/^\$/, '');
    if (n === 'pc') return ok(this.machine.pc);
    if (n === 'priv') return ok(BigInt(this.machine.priv));
    const g = gprIndex(n);
    if (g !== undefined) return ok(this.machine.reg(g));
    const c = CSR_NAMES[n];
    if (c !== undefined) return ok(this.machine.csr(c));
    return err(`no register named "${n}"`);
  }
  setRegister(name: string, v: bigint): Result<void> {
    const n = name.replace(/^\$/, '');
    if (n === 'pc') { this.machine.pc = BigInt.asUintN(64, v); return ok(undefined); }
    const g = gprIndex(n);
    if (g === undefined) return err(`cannot set "${n}" (only pc and x0..x31)`);
    if (g === 0) return err('x0 is hard-wired to zero');
    this.machine.setReg(g, BigInt.asUintN(64, v));
    return ok(undefined);
  }
  /** All integer registers, pc and the trap CSRs (for `info registers`). */
  registers(): { name: string; value: bigint }[] {
    const out = ABI_NAMES.map((name, i) => ({ name, value: this.machine.reg(i) }));
    out.push({ name: 'pc', value: this.machine.pc });
    out.push({ name: 'priv', value: BigInt(this.machine.priv) });
    for (const c of ['mstatus', 'mepc', 'mcause', 'mtval', 'sstatus', 'sepc', 'scause', 'stval', 'satp']) {
      out.push({ name: c, value: this.machine.csr(CSR_NAMES[c]) });
    }
    return out;
  }

  // ---------------------------------------------------------------- memory

  /** Translate through the current satp (as the debugger sees it). */
  translate(va: bigint): Result<bigint> {
    const pa = this.machine.translate(va);
    return pa === undefined ? err(`cannot access memory at address 0x${BigInt.asUintN(64, va).toString(16)}`) : ok(pa);
  }

  readVirtual(addr: bigint, len: number): Result<Uint8Array> {
    const out = new Uint8Array(len);
    let done = 0;
    while (done < len) {
      const va = BigInt.asUintN(64, addr + BigInt(done));
      const pa = this.translate(va);
      if (!pa.ok) return pa;
      const n = Math.min(len - done, 4096 - Number(va & 0xfffn));
      const r = this.machine.readPhys(pa.value, n);
      if (!r.ok) return err(`cannot access memory at address 0x${va.toString(16)}`);
      out.set(r.value, done);
      done += n;
    }
    return ok(out);
  }

  writeVirtual(addr: bigint, data: Uint8Array): Result<void> {
    let done = 0;
    while (done < data.length) {
      const va = BigInt.asUintN(64, addr + BigInt(done));
      const pa = this.translate(va);
      if (!pa.ok) return pa;
      const n = Math.min(data.length - done, 4096 - Number(va & 0xfffn));
      const w = this.machine.writePhys(pa.value, data.subarray(done, done + n));
      if (!w.ok) return err(`cannot access memory at address 0x${va.toString(16)}`);
      done += n;
    }
    return ok(undefined);
  }

  readPhysical(addr: bigint, len: number): Result<Uint8Array> {
    return this.machine.readPhys(addr, len);
  }

  readU64(addr: bigint): bigint | undefined {
    const r = this.readVirtual(addr, 8);
    return r.ok ? new DataView(r.value.buffer).getBigUint64(0, true) : undefined;
  }

  // ---------------------------------------------------------------- expressions

  private exprContext(): ExprContext {
    return {
      variable: (name) => {
        if (name === 'pid') return BigInt(this.currentTask()?.pid ?? -1);
        const r = this.register(name);
        return r.ok ? r.value : undefined;
      },
      symbol: (name) => {
        const r = this.lookupSymbol(name);
        return r.ok ? r.value : undefined;
      },
      deref: (addr) => this.readU64(addr),
    };
  }

  evaluate(expr: string): Result<bigint> {
    return evaluate(expr, this.exprContext());
  }

  // ---------------------------------------------------------------- kernel

  /** The task running now (tp in the kernel, sscratch in user mode). */
  currentTask(): TaskInfo | undefined {
    const k = this.kernel;
    if (!k || this.machine.csr(0x180) >> 60n === 0n) return undefined;
    const candidates = this.machine.priv === 0 ? [this.machine.csr(0x140)] : [this.machine.reg(4), this.machine.csr(0x140)];
    for (const c of candidates) {
      if (c && k.isTask(c)) {
        const t = k.task(c);
        if (t.ok) return t.value;
      }
    }
    return undefined;
  }

  tasks(): Result<TaskInfo[]> {
    if (!this.kernel) return err('no teaching kernel is loaded (tasks need its init_task and offsets)');
    if (this.machine.csr(0x180) >> 60n === 0n) return err('the kernel has not enabled paging yet');
    return this.kernel.tasks();
  }

  task(pid: number): Result<TaskInfo> {
    const all = this.tasks();
    if (!all.ok) return all;
    const t = all.value.find((x) => x.pid === pid);
    return t ? ok(t) : err(`no task with pid ${pid}`);
  }

  // ---------------------------------------------------------------- breakpoints

  break(location: string | bigint, opts: BreakOptions = {}): Result<BreakpointInfo> {
    const loc = this.resolveLocation(location);
    if (!loc.ok) return loc;
    if (opts.condition) {
      const test = evaluate(opts.condition, { variable: () => 0n, symbol: () => 0n, deref: () => 0n });
      if (!test.ok && /unexpected|missing|empty/.test(test.error)) return err(`bad condition: ${test.error}`);
    }
    const bp: Bp = {
      number: this.nextNumber++,
      location: loc.value.description,
      address: loc.value.address,
      enabled: true,
      temporary: opts.temporary ?? false,
      condition: opts.condition,
      ignoreCount: opts.ignoreCount ?? 0,
      hits: 0,
    };
    this.bps.set(bp.number, bp);
    const armed = this.armOrUndo(() => this.bps.delete(bp.number));
    return armed.ok ? ok(this.bpInfo(bp)) : armed;
  }

  /** Arm the core tables; if they are full, undo the addition and re-arm. */
  private armOrUndo(undo: () => void): Result<void> {
    const armed = this.arm();
    if (!armed.ok) {
      undo();
      this.arm();
    }
    return armed;
  }

  private bpInfo(b: Bp): BreakpointInfo {
    return {
      number: b.number, location: b.location, address: b.address, enabled: b.enabled, temporary: b.temporary,
      condition: b.condition, ignoreCount: b.ignoreCount, hits: b.hits,
    };
  }

  private arm(): Result<void> {
    const pcs = [...this.bps.values()].filter((b) => b.enabled).map((b) => b.address);
    const r = this.machine.setBreakpoints(pcs);
    if (!r.ok) return r;
    const ws = [...this.wps.values()].filter((w) => w.enabled).map((w) => ({
      start: w.start, end: w.start + BigInt(w.length), write: w.kind !== 'read', read: w.kind !== 'write',
    }));
    return this.machine.setWatchpoints(ws);
  }

  deleteBreakpoint(n: number): Result<void> {
    if (!this.bps.has(n) || this.bps.get(n)!.internal) return err(`no breakpoint number ${n}`);
    this.bps.delete(n);
    this.arm();
    return ok(undefined);
  }
  enableBreakpoint(n: number, on: boolean): Result<void> {
    const b = this.bps.get(n);
    if (!b || b.internal) {
      const w = this.wps.get(n);
      if (!w) return err(`no breakpoint number ${n}`);
      w.enabled = on;
    } else b.enabled = on;
    return this.arm();
  }
  /** Let breakpoint n pass its next `count` hits (gdb's `ignore`, and `continue N`). */
  setIgnoreCount(n: number, count: number): Result<void> {
    const b = this.bps.get(n);
    if (!b || b.internal) return err(`no breakpoint number ${n}`);
    if (!Number.isInteger(count) || count < 0) return err('the ignore count must be a whole number');
    b.ignoreCount = count;
    return ok(undefined);
  }
  breakpoints(): BreakpointInfo[] {
    return [...this.bps.values()].filter((b) => !b.internal).map((b) => this.bpInfo(b));
  }

  watch(expr: string | bigint, length: number, kind: 'write' | 'read' | 'access'): Result<WatchpointInfo> {
    let start: bigint;
    let description: string;
    if (typeof expr === 'bigint') {
      start = expr;
      description = `*0x${expr.toString(16)}`;
    } else {
      const loc = this.resolveLocation(expr);
      if (!loc.ok) {
        const v = this.evaluate(expr);
        if (!v.ok) return loc;
        start = v.value;
      } else start = loc.value.address;
      description = expr;
    }
    if (!Number.isInteger(length) || length < 1 || length > 4096) return err('watch length must be 1..4096 bytes');
    const w: Wp = { number: this.nextNumber++, expression: description, start, length, kind, enabled: true, hits: 0 };
    w.last = this.watchValue(w);
    this.wps.set(w.number, w);
    const armed = this.armOrUndo(() => this.wps.delete(w.number));
    return armed.ok ? ok(this.wpInfo(w)) : armed;
  }
  private wpInfo(w: Wp): WatchpointInfo {
    return { number: w.number, expression: w.expression, start: w.start, length: w.length, kind: w.kind, enabled: w.enabled, hits: w.hits };
  }
  private watchValue(w: Wp): bigint | undefined {
    const n = Math.min(w.length, 8);
    const r = this.readVirtual(w.start, n);
    if (!r.ok) return undefined;
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(r.value[i]);
    return v;
  }
  deleteWatchpoint(n: number): Result<void> {
    if (!this.wps.has(n)) return err(`no watchpoint number ${n}`);
    this.wps.delete(n);
    this.arm();
    return ok(undefined);
  }
  watchpoints(): WatchpointInfo[] {
    return [...this.wps.values()].map((w) => this.wpInfo(w));
  }
  /** Delete a breakpoint or watchpoint by number (gdb's `delete N`). */
  delete(n: number): Result<void> {
    if (this.wps.has(n)) return this.deleteWatchpoint(n);
    return this.deleteBreakpoint(n);
  }

  // ---------------------------------------------------------------- console

  type(text: string): void {
    const bytes = new TextEncoder().encode(text);
    const all = new Uint8Array(this.input.length + bytes.length);
    all.set(this.input);
    all.set(bytes, this.input.length);
    this.input = all;
    this.feed();
  }
  private feed(): void {
    if (this.input.length) this.input = this.input.subarray(this.machine.pushInput(this.input));
  }
  private collect(): void {
    const out = this.machine.drainOutput();
    if (out.length) {
      const s = Buffer.from(out).toString('latin1');
      this.output += s;
      this.onOutput?.(s);
    }
  }

  // ---------------------------------------------------------------- running

  private event(reason: StopKind, extra: Partial<StopEvent> = {}): StopEvent {
    const pc = this.machine.pc;
    const t = this.currentTask();
    return {
      reason,
      pc,
      where: this.symbolize(pc),
      privilege: this.machine.priv,
      ...(t ? { task: { pid: t.pid, comm: t.comm } } : {}),
      ...extra,
    };
  }

  private bpAtPc(): boolean {
    const pc = this.machine.pc;
    for (const b of this.bps.values()) if (b.enabled && b.address === pc) return true;
    return false;
  }

  /**
   * Decide what a core breakpoint stop means: returns the event to report,
   * or undefined to continue (condition false, ignore count, internal test).
   */
  private onBreak(): StopEvent | undefined {
    const pc = this.machine.pc;
    let report: Bp | undefined;
    for (const b of [...this.bps.values()]) {
      if (!b.enabled || b.address !== pc) continue;
      if (b.internal) {
        if (b.internal(this)) {
          this.bps.delete(b.number);
          this.arm();
          return this.event('step', { returnValue: this.machine.reg(10) });
        }
        continue;
      }
      if (b.condition) {
        const c = this.evaluate(b.condition);
        if (!c.ok || c.value === 0n) continue;
      }
      b.hits++;
      if (b.ignoreCount > 0) {
        b.ignoreCount--;
        continue;
      }
      report ??= b;
    }
    if (!report) return undefined;
    if (report.temporary) {
      this.bps.delete(report.number);
      this.arm();
    }
    return this.event('breakpoint', { number: report.number });
  }

  private onWatch(): StopEvent | undefined {
    const hit = this.machine.watchHit;
    const enabled = [...this.wps.values()].filter((w) => w.enabled);
    const w = enabled[hit.index];
    if (!w) return undefined;
    const value = this.watchValue(w);
    if (hit.kind === 'write' && w.kind === 'write' && value === w.last) {
      // gdb's write watchpoints report changes only.
      return undefined;
    }
    w.hits++;
    const old = w.last;
    w.last = value;
    return this.event('watchpoint', { number: w.number, watch: { addr: hit.addr, kind: hit.kind, old, value } });
  }

  /** One slice of up to `budget` instructions; returns an event if the run should stop. */
  private slice(budget: number): { event?: StopEvent; executed: number; idle: boolean } {
    if (this.exited !== undefined) return { event: this.event('exit', { exitCode: this.exited }), executed: 0, idle: false };
    if (this.bpAtPc()) this.machine.skipBreakpointOnce();
    this.feed();
    const r = this.machine.run(budget);
    this.collect();
    switch (r.reason) {
      case 'exit':
      case 'reset':
        this.exited = r.reason === 'exit' ? this.machine.exitCode : 0;
        return { event: this.event('exit', { exitCode: this.exited }), executed: r.executed, idle: false };
      case 'break':
        return { event: this.onBreak(), executed: r.executed, idle: false };
      case 'watch':
        return { event: this.onWatch(), executed: r.executed, idle: false };
      case 'idle':
      case 'input':
        return { executed: r.executed, idle: this.input.length === 0 && this.machine.pendingInput === 0 };
    }
    return { executed: r.executed, idle: false };
  }

  continue(limits: RunLimits = {}): StopEvent {
    const max = limits.maxInsns ?? DEFAULT_MAX;
    let done = 0;
    for (;;) {
      if (limits.interrupted?.()) return this.event('interrupt');
      if (done >= max) return this.event('limit');
      const s = this.slice(Math.min(SLICE, max - done));
      done += s.executed;
      if (s.event) return s.event;
      if (s.idle) return this.event('interrupt', { where: `${this.symbolize(this.machine.pc)} (idle: the guest waits for input)` });
    }
  }

  async continueAsync(limits: RunLimits = {}): Promise<StopEvent> {
    const max = limits.maxInsns ?? DEFAULT_MAX;
    let done = 0;
    let last = Date.now();
    for (;;) {
      if (limits.interrupted?.()) return this.event('interrupt');
      if (done >= max) return this.event('limit');
      const s = this.slice(Math.min(SLICE, max - done));
      done += s.executed;
      if (s.event) return s.event;
      if (s.idle) {
        if (limits.stopWhenIdle) return this.event('interrupt', { where: `${this.symbolize(this.machine.pc)} (idle: the guest waits for input)` });
        await new Promise((r) => setTimeout(r, 10)); // nothing to do until input comes
        last = Date.now();
      } else if (Date.now() - last > 15) {
        await new Promise((r) => setImmediate(r));
        last = Date.now();
      }
    }
  }

  /** Run until the guest's output (since `from`, default now) matches. */
  runUntilOutput(pattern: string | RegExp, limits: RunLimits = {}): Result<StopEvent | undefined> {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    const from = this.output.length;
    const max = limits.maxInsns ?? DEFAULT_MAX;
    let done = 0;
    for (;;) {
      if (re.test(this.output.slice(from))) return ok(undefined);
      if (done >= max) return err(`'${re.source}' did not appear within ${max} instructions`);
      const s = this.slice(Math.min(SLICE, max - done));
      done += s.executed;
      if (re.test(this.output.slice(from))) return ok(s.event);
      if (s.event) return ok(s.event);
      if (s.idle) return err(`the guest is waiting for input and '${re.source}' has not appeared`);
    }
  }

  stepInstruction(_limits: RunLimits = {}): StopEvent {
    if (this.exited !== undefined) return this.event('exit', { exitCode: this.exited });
    if (this.bpAtPc()) this.machine.skipBreakpointOnce();
    this.feed();
    const r = this.machine.run(1);
    this.collect();
    if (r.reason === 'exit' || r.reason === 'reset') {
      this.exited = r.reason === 'exit' ? this.machine.exitCode : 0;
      return this.event('exit', { exitCode: this.exited });
    }
    if (r.reason === 'watch') {
      const e = this.onWatch();
      if (e) return e;
    }
    return this.event('step');
  }

  /** The instruction at pc: its length and, for calls, where it returns to. */
  private callAtPc(): { length: number; isCall: boolean } {
    const pc = this.machine.pc;
    const r = this.readVirtual(pc, 4);
    if (!r.ok) return { length: 4, isCall: false };
    const w = new DataView(r.value.buffer).getUint32(0, true);
    if ((w & 3) !== 3) {
      const c = w & 0xffff;
      // c.jalr rs1 (rd = ra): funct4 1001, rs2 = 0, rs1 != 0
      const isCall = (c & 0xf07f) === 0x9002 && ((c >> 7) & 31) !== 0;
      return { length: 2, isCall };
    }
    const op = w & 0x7f;
    const rd = (w >> 7) & 31;
    const isCall = ((op === 0x6f || op === 0x67) && rd === 1) || w === 0x00000073; // jal/jalr ra, or ecall
    return { length: 4, isCall };
  }

  next(limits: RunLimits = {}): StopEvent {
    const { length, isCall } = this.callAtPc();
    if (!isCall) return this.stepInstruction(limits);
    const sp = this.machine.reg(2);
    const ret = this.machine.pc + BigInt(length);
    const priv = this.machine.priv;
    return this.runToInternal(ret, (d) => BigInt.asIntN(64, d.machine.reg(2)) >= BigInt.asIntN(64, sp) && d.machine.priv === priv, limits);
  }

  finish(limits: RunLimits = {}): StopEvent {
    const f = this.unwindOne(this.machine.pc, this.machine.reg(2), this.machine.reg(8), this.machine.reg(1));
    if (!f) return this.event('step', { where: `${this.symbolize(this.machine.pc)} ("finish" not meaningful in the outermost frame)` });
    const cfa = f.cfa;
    const e = this.runToInternal(f.ret, (d) => BigInt.asIntN(64, d.machine.reg(2)) >= BigInt.asIntN(64, cfa), limits);
    return e;
  }

  private runToInternal(addr: bigint, test: (d: Debugger) => boolean, limits: RunLimits): StopEvent {
    const b: Bp = { number: -this.nextInternal++, location: '(internal)', address: addr, enabled: true, temporary: true, ignoreCount: 0, hits: 0, internal: test };
    this.bps.set(b.number, b);
    this.arm();
    const e = this.continue(limits);
    if (this.bps.delete(b.number)) this.arm();
    return e;
  }

  // ---------------------------------------------------------------- backtrace

  /**
   * The caller of the frame at (pc, sp, fp, ra): its return address and this
   * frame's CFA. Reads the prologue to know whether fp and ra are saved yet
   * (the kernel is built with frame pointers: ra at fp-8, caller's fp at fp-16;
   * a leaf saves only fp, at fp-8).
   */
  private unwindOne(pc: bigint, sp: bigint, fp: bigint, ra: bigint): { ret: bigint; callerFp: bigint; cfa: bigint } | undefined {
    const sym = this.symbolAt(pc);
    let fpSet = true;
    let raSaved = true;
    if (sym) {
      const len = Number(pc - sym.address);
      fpSet = false;
      raSaved = false;
      const code = this.readVirtual(sym.address, Math.min(Math.max(len, 0), 96));
      if (code.ok) {
        const b = code.value;
        for (let i = 0; i < b.length; ) {
          const lo = b[i] | (b[i + 1] << 8);
          if ((lo & 3) !== 3) {
            // c.sdsp ra: 111 ...... 00001 10 ; c.addi4spn s0: 000 ........ 000 00 (rd' = s0)
            if ((lo & 0xe07f) === 0xe006) raSaved = true;
            if ((lo & 0xe01f) === 0x0000 && lo !== 0) fpSet = true;
            i += 2;
          } else {
            if (i + 4 > b.length) break;
            const w = (lo | (b[i + 2] << 16) | (b[i + 3] << 24)) >>> 0;
            if ((w & 0x01ff_f07f) === 0x0011_3023) raSaved = true; // sd ra, imm(sp)
            if ((w & 0x000f_ffff) === 0x0001_0413) fpSet = true; // addi s0, sp, imm
            i += 4;
          }
        }
      }
    }
    if (!fpSet) return { ret: ra, callerFp: fp, cfa: sp };
    if (!raSaved) {
      const prevFp = this.readU64(fp - 8n);
      return prevFp === undefined ? undefined : { ret: ra, callerFp: prevFp, cfa: fp };
    }
    const ret = this.readU64(fp - 8n);
    const prevFp = this.readU64(fp - 16n);
    if (ret === undefined || prevFp === undefined) return undefined;
    return { ret, callerFp: prevFp, cfa: fp };
  }

  private isTrapReturn(addr: bigint): boolean {
    const s = this.symbolAt(addr);
    return !!s && ['ret_from_exception', 'ret_from_syscall', 'handle_exception', 'handle_syscall', 'check_syscall_nr'].includes(s.name);
  }

  /** The call chain through the frame pointers, across the trap into user space. */
  backtrace(maxFrames = 32): Frame[] {
    const frames: Frame[] = [];
    let pc = this.machine.pc;
    let sp = this.machine.reg(2);
    let fp = this.machine.reg(8);
    let ra = this.machine.reg(1);
    let trap = false;
    let first = true;
    for (let level = 0; level < maxFrames; level++) {
      const user = pc < KERNEL_SPACE && this.machine.csr(0x180) >> 60n !== 0n;
      const f = this.unwindOne(pc, sp, fp, ra);
      frames.push({ level, pc, where: this.symbolize(pc), cfa: f?.cfa ?? sp, user, ...(trap ? { trap: true } : {}) });
      trap = false;
      if (!f || f.ret === 0n) break;
      if (!first && f.ret === pc) break;
      first = false;
      if (!user && this.isTrapReturn(f.ret) && this.kernel) {
        // The frame was entered from the trap handler: pt_regs sits at its CFA.
        const regs = f.cfa;
        const L = this.kernel.layout.ptRegs;
        const epc = this.readU64(regs + BigInt(L.epc));
        if (epc === undefined) break;
        pc = epc;
        sp = this.readU64(regs + BigInt(L.sp)) ?? 0n;
        fp = this.readU64(regs + BigInt(L.s0)) ?? 0n;
        ra = this.readU64(regs + BigInt(L.ra)) ?? 0n;
        trap = true;
        first = true;
        continue;
      }
      // A return address outside every known function ends the walk (a user
      // program without frame pointers, or the end of the chain).
      if (!this.symbolAt(f.ret)) break;
      // A caller's frame has made a call: ra and fp are saved.
      pc = f.ret;
      sp = f.cfa;
      fp = f.callerFp;
      ra = 0n;
    }
    return frames;
  }

  /** Leave no core tables armed (for handing the machine back). */
  detach(): void {
    this.bps.clear();
    this.wps.clear();
    this.arm();
  }
}

function sameSegments(a: ElfImage, b: ElfImage): boolean {
  if (a.segments.length !== b.segments.length || a.entry !== b.entry) return false;
  return a.segments.every((s, i) => {
    const t = b.segments[i];
    return s.vaddr === t.vaddr && s.memsz === t.memsz && Buffer.from(s.data).equals(Buffer.from(t.data));
  });
}

function withSymbols(path: string, stripped: ElfImage): ElfImage | undefined {
  if (!existsSync(path)) return undefined;
  const r = parseElf(new Uint8Array(readFileSync(path)));
  return r.ok && sameSegments(r.value, stripped) ? r.value : undefined;
}

export { ABI_NAMES };
export type { TaskInfo };
export type { Sym };
