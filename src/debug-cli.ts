/**
 * `rvlab debug`: an interactive, gdb-like prompt over the debugger API.
 * Commands come from the terminal (with history and Ctrl-C to interrupt the
 * guest), from a pipe, or from files given with -x.
 */
import { createInterface, type Interface } from 'node:readline';
import { readFileSync, appendFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { Debugger, type StopEvent } from './debugger/debugger.js';
import { LineTables } from './debugger/lines.js';
import { CSR_NAMES } from './debugger/registers.js';
import { Disassembler, formatInsn, insnLength } from './disasm.js';
import { sourceLines } from './dwarf.js';
import { cloneFlagNames } from './clone-flags.js';
import type { Machine } from './machine.js';
import type { Result } from './result.js';

const ROOT = join(new URL('.', import.meta.url).pathname, '..');

export interface DebugCliOptions {
  machine: Machine;
  /** Bundled system: boot to the MenuOS prompt before the first command. */
  bootToPrompt: boolean;
  breaks: string[];
  scripts: string[];
  batch: boolean;
  input?: NodeJS.ReadableStream & { isTTY?: boolean };
  output?: NodeJS.WritableStream & { isTTY?: boolean };
}

const HELP = `Commands (gdb-like):
  break|b LOC [if COND]     breakpoint at a symbol, symbol+off, file:line or address
  tbreak LOC [if COND]      temporary breakpoint
  watch|rwatch|awatch EXPR [LEN]  watchpoint on writes / reads / both (default 8 bytes)
  delete [N...]  disable N  enable N  info breakpoints
  continue|c [N]            run (N: ignore the current breakpoint N-1 more times)
  stepi|si [N]  nexti|ni [N]  next|n  finish  (next: a source line, over calls)
  backtrace|bt              call chain through the frame pointers, into user space
  info registers|i r [REG...]   p[/x] EXPR   x/NFU ADDR (F: x d u c s i; U: b h w g)
  list|l [LOC]              source around a location
  tasks   task PID          the kernel's task list / one task
  type "TEXT"               type at the guest console (\\n for Enter)
  info symbol ADDR   help   quit|q`;

function parseString(s: string): string {
  const t = s.trim();
  if (t.startsWith('"') && t.endsWith('"') && t.length >= 2) {
    return t.slice(1, -1).replace(/\\(n|r|t|\\|"|x[0-9a-fA-F]{2})/g, (_, e: string) =>
      e === 'n' ? '\n' : e === 'r' ? '\r' : e === 't' ? '\t' : e === '\\' ? '\\' : e === '"' ? '"' : String.fromCharCode(parseInt(e.slice(1), 16)),
    );
  }
  return `${t}\n`;
}

export class DebugRepl {
  readonly d: Debugger;
  private lines: LineTables;
  private out: NodeJS.WritableStream;
  private color: boolean;
  private valueNo = 0;
  private interrupted = false;
  running = false;
  private lastCommand = '';
  private listNext?: { file: string; line: number };

  constructor(d: Debugger, out: NodeJS.WritableStream & { isTTY?: boolean }) {
    this.d = d;
    this.out = out;
    this.color = !!out.isTTY && !process.env.NO_COLOR;
    this.lines = new LineTables(d.symbolImages());
    d.lines = this.lines;
    d.onOutput = (text) => this.out.write(text);
  }

  private c(code: string, s: string): string {
    return this.color ? `\x1b[${code}m${s}\x1b[0m` : s;
  }
  private print(s = ''): void {
    this.out.write(`${s}\n`);
  }
  private error(msg: string): void {
    this.print(this.c('31', msg));
  }
  private hex(v: bigint): string {
    return `0x${BigInt.asUintN(64, v).toString(16)}`;
  }
  private unwrap<T>(r: Result<T>): T | undefined {
    if (!r.ok) {
      this.error(r.error);
      return undefined;
    }
    return r.value;
  }

  interrupt(): void {
    this.interrupted = true;
  }

  private fileLine(pc: bigint): string {
    const l = this.lines.lineForAddress(pc);
    return l ? ` at ${l.file}:${l.line}` : '';
  }

  /** `0xffffffff8000158a <copy_process>:\taddi\tsp,sp,-96` */
  insnLine(pc: bigint, mark = false): string {
    const r = this.d.readVirtual(pc, 4);
    let text = '<cannot read memory>';
    if (r.ok) {
      const w = new DataView(r.value.buffer).getUint32(0, true);
      text = formatInsn(new Disassembler().next(w, pc), (a) => this.d.symbolAt(a) ? this.d.symbolize(a) : undefined);
    }
    return `${mark ? '=> ' : '   '}${this.c('34', this.hex(pc))} <${this.d.symbolize(pc)}>:\t${text}`;
  }

  private taskNote(e: StopEvent): string {
    const mode = ['U', 'S', '?', 'M'][e.privilege] ?? '?';
    return this.c('2', e.task ? `[pid ${e.task.pid} ${e.task.comm}, ${mode}-mode]` : `[${mode}-mode]`);
  }

  describe(e: StopEvent): void {
    switch (e.reason) {
      case 'breakpoint':
        this.print();
        this.print(`${this.c('32', `Breakpoint ${e.number}`)}, ${this.c('33', e.where)}${this.fileLine(e.pc)} ${this.taskNote(e)}`);
        if (/sys_clone$/.test(e.where)) this.print(`  clone flags: ${cloneFlagNames(this.d.machine.reg(10))}`);
        this.print(this.insnLine(e.pc, true));
        break;
      case 'watchpoint': {
        const w = e.watch!;
        this.print();
        this.print(`${this.c('32', `${w.kind === 'read' ? 'Read' : 'Hardware'} watchpoint ${e.number}`)}: ${this.hex(w.addr)} ${this.taskNote(e)}`);
        if (w.old !== undefined && w.kind === 'write') this.print(`\nOld value = ${w.old}\nNew value = ${w.value}`);
        else if (w.value !== undefined) this.print(`\nValue = ${w.value}`);
        this.print(`${this.c('33', e.where)}${this.fileLine(e.pc)}`);
        this.print(this.insnLine(e.pc, true));
        break;
      }
      case 'step':
        if (e.returnValue !== undefined) this.print(`Run till exit... returned to ${this.c('33', e.where)}${this.fileLine(e.pc)}\nValue returned is $${++this.valueNo} = ${this.hex(e.returnValue)}`);
        this.print(this.insnLine(e.pc, true));
        break;
      case 'exit':
        this.print(`\n[the guest powered off${e.exitCode ? ` with exit code ${e.exitCode}` : ''}]`);
        break;
      case 'limit':
        this.print(`\nStopped: instruction limit reached at ${e.where}`);
        break;
      case 'interrupt':
        this.print(`\n${this.c('32', 'Interrupted')} at ${this.c('33', e.where)} ${this.taskNote(e)}`);
        this.print(this.insnLine(e.pc, true));
        break;
    }
  }

  /** While the guest runs, the terminal is the guest's (as gdb gives it to the inferior). */
  terminal?: { start(): void; stop(): void };

  private async run(what: () => StopEvent | Promise<StopEvent>): Promise<void> {
    this.interrupted = false;
    this.running = true;
    this.terminal?.start();
    try {
      this.describe(await what());
    } finally {
      this.terminal?.stop();
      this.running = false;
    }
  }
  private limits() {
    // Without a terminal nobody can type at a guest that waits for input.
    return { interrupted: () => this.interrupted, stopWhenIdle: !this.terminal };
  }

  /** Execute one command line; returns 'quit' to end the session. */
  async exec(raw: string, opts: { repeat?: boolean } = {}): Promise<'quit' | undefined> {
    let line = raw.trim();
    // As in gdb, an empty line repeats the last command, at the terminal only.
    if (line === '' && opts.repeat) line = this.lastCommand;
    else if (line !== '') this.lastCommand = line;
    if (line === '' || line.startsWith('#')) return undefined;
    const m = /^(\S+)\s*(.*)$/.exec(line)!;
    let [cmd, rest] = [m[1], m[2]];
    let fmt = '';
    const slash = /^([a-z]+)\/(\S*)$/.exec(cmd);
    if (slash) [cmd, fmt] = [slash[1], slash[2]];
    switch (cmd) {
      case 'q': case 'quit': case 'exit':
        return 'quit';
      case 'h': case 'help':
        this.print(HELP);
        return undefined;
      case 'b': case 'br': case 'break': case 'tb': case 'tbreak': {
        const mm = /^(.*?)(?:\s+if\s+(.+))?$/.exec(rest)!;
        const loc = mm[1].trim() || this.hex(this.d.machine.pc);
        const b = this.unwrap(this.d.break(loc, { temporary: cmd.startsWith('t'), condition: mm[2] }));
        if (b) this.print(`${b.temporary ? 'Temporary breakpoint' : 'Breakpoint'} ${b.number} at ${this.hex(b.address)}: ${this.d.symbolize(b.address)}${this.fileLine(b.address)}`);
        return undefined;
      }
      case 'watch': case 'rwatch': case 'awatch': {
        const [expr, len] = rest.split(/\s+/);
        if (!expr) { this.error('watch what?'); return undefined; }
        const kind = cmd === 'watch' ? 'write' : cmd === 'rwatch' ? 'read' : 'access';
        const w = this.unwrap(this.d.watch(expr, len ? Number(len) : 8, kind));
        if (w) this.print(`${kind === 'write' ? 'Hardware watchpoint' : kind === 'read' ? 'Hardware read watchpoint' : 'Hardware access (read/write) watchpoint'} ${w.number}: ${w.expression} (${this.hex(w.start)}, ${w.length} bytes)`);
        return undefined;
      }
      case 'd': case 'delete': {
        const nums = rest.split(/\s+/).filter(Boolean).map(Number);
        if (nums.length === 0) {
          for (const b of this.d.breakpoints()) this.d.delete(b.number);
          for (const w of this.d.watchpoints()) this.d.delete(w.number);
        }
        for (const n of nums) this.unwrap(this.d.delete(n));
        return undefined;
      }
      case 'disable': case 'dis': case 'enable': case 'en':
        for (const n of rest.split(/\s+/).filter(Boolean).map(Number)) this.unwrap(this.d.enableBreakpoint(n, cmd.startsWith('en')));
        return undefined;
      case 'i': case 'info':
        this.info(rest);
        return undefined;
      case 'c': case 'cont': case 'continue': {
        const n = Number(rest || '1');
        const at = this.d.breakpoints().find((b) => b.address === this.d.machine.pc);
        if (at && n > 1) {
          const set = this.d.setIgnoreCount(at.number, n - 1);
          if (!set.ok) { this.error(set.error); return undefined; }
          this.print(`Will ignore next ${n - 1} crossings of breakpoint ${at.number}.  Continuing.`);
        }
        await this.run(() => this.d.continueAsync(this.limits()));
        return undefined;
      }
      case 'si': case 'stepi': case 'ni': case 'nexti': {
        const n = Math.max(1, Number(rest || '1'));
        let e: StopEvent | undefined;
        for (let i = 0; i < n; i++) {
          e = cmd === 'si' || cmd === 'stepi' ? this.d.stepInstruction() : this.d.next(this.limits());
          if (e.reason !== 'step') break;
        }
        if (e) this.describe(e);
        return undefined;
      }
      case 'n': case 'next': case 's': case 'step':
        await this.run(() => this.sourceStep(cmd.startsWith('s')));
        return undefined;
      case 'fin': case 'finish':
        this.print(`Run till exit from ${this.d.symbolize(this.d.machine.pc)}`);
        await this.run(() => this.d.finish(this.limits()));
        return undefined;
      case 'bt': case 'backtrace': case 'where':
        for (const f of this.d.backtrace()) {
          const mark = f.trap ? this.c('2', ' <trap: from user mode>') : '';
          this.print(`#${f.level}  ${this.c('34', this.hex(f.pc))} in ${this.c('33', f.where)}${this.fileLine(f.pc)}${f.user ? this.c('2', ' [user]') : ''}${mark}`);
        }
        return undefined;
      case 'p': case 'print': {
        const v = this.unwrap(this.d.evaluate(rest));
        if (v !== undefined) {
          const s = fmt === 'x' ? this.hex(v) : fmt === 't' ? v.toString(2) : fmt === 'c' ? JSON.stringify(String.fromCharCode(Number(v & 0xffn))) : BigInt.asIntN(64, v).toString();
          this.print(`$${++this.valueNo} = ${s}`);
        }
        return undefined;
      }
      case 'x':
        this.examine(fmt, rest);
        return undefined;
      case 'l': case 'list':
        this.list(rest);
        return undefined;
      case 'tasks':
      case 'ps': {
        const ts = this.unwrap(this.d.tasks());
        if (!ts) return undefined;
        const cur = this.d.currentTask()?.pid;
        this.print('  PID  PPID  TGID S COMMAND          TASK               THREAD.RA');
        for (const t of ts) {
          this.print(`${t.pid === cur ? '*' : ' '}${String(t.pid).padStart(4)} ${String(t.parentPid).padStart(5)} ${String(t.tgid).padStart(5)} ${t.state} ${t.comm.padEnd(16)} ${this.hex(t.address)} ${this.d.symbolize(t.thread.ra)}`);
        }
        return undefined;
      }
      case 'task': {
        const t = this.unwrap(this.d.task(Number(rest)));
        if (!t) return undefined;
        this.print(`task ${t.pid} (${t.comm}) at ${this.hex(t.address)}: state ${t.state}, tgid ${t.tgid}, parent ${t.parentPid}`);
        this.print(`  mm ${this.hex(t.mm)}  kernel stack ${this.hex(t.stack)}`);
        this.print(`  thread.ra ${this.hex(t.thread.ra)} <${this.d.symbolize(t.thread.ra)}>  thread.sp ${this.hex(t.thread.sp)}`);
        this.print(`  pt_regs at ${this.hex(t.ptRegsAddress)}: sepc ${this.hex(t.ptRegs.epc ?? 0n)} <${this.d.symbolize(t.ptRegs.epc ?? 0n)}>  sp ${this.hex(t.ptRegs.sp ?? 0n)}  a0 ${this.hex(t.ptRegs.a0 ?? 0n)}  status ${this.hex(t.ptRegs.status ?? 0n)}`);
        return undefined;
      }
      case 'type':
        this.d.type(parseString(rest));
        return undefined;
      default:
        this.error(`Undefined command: "${cmd}".  Try "help".`);
        return undefined;
    }
  }

  private async sourceStep(into: boolean): Promise<StopEvent> {
    const start = this.lines.lineForAddress(this.d.machine.pc);
    if (!start) return into ? this.d.stepInstruction() : this.d.next(this.limits());
    const fn = this.d.symbolAt(this.d.machine.pc)?.name;
    for (let i = 0; i < 100_000; i++) {
      const e = into ? this.d.stepInstruction() : this.d.next(this.limits());
      if (e.reason !== 'step') return e;
      const now = this.lines.lineForAddress(e.pc);
      if (!now) {
        if (into) return e;
        continue;
      }
      if (now.line !== start.line || now.file !== start.file || this.d.symbolAt(e.pc)?.name !== fn) return e;
    }
    return this.d.stepInstruction();
  }

  private info(rest: string): void {
    const [what, ...args] = rest.split(/\s+/);
    if (/^b(reak(points)?)?$/.test(what) || what === 'watchpoints') {
      const bs = this.d.breakpoints();
      const ws = this.d.watchpoints();
      if (!bs.length && !ws.length) { this.print('No breakpoints or watchpoints.'); return; }
      this.print('Num     Type            Disp Enb Address            What');
      for (const b of bs) {
        this.print(`${String(b.number).padEnd(7)} breakpoint      ${b.temporary ? 'del ' : 'keep'} ${b.enabled ? 'y' : 'n'}   ${this.hex(b.address).padEnd(18)} ${b.location}${this.fileLine(b.address)}`);
        if (b.condition) this.print(`\tstop only if ${b.condition}`);
        if (b.hits) this.print(`\tbreakpoint already hit ${b.hits} time${b.hits > 1 ? 's' : ''}`);
        if (b.ignoreCount) this.print(`\tWill ignore next ${b.ignoreCount} crossings of breakpoint.`);
      }
      for (const w of ws) {
        this.print(`${String(w.number).padEnd(7)} ${(w.kind === 'write' ? 'hw watchpoint' : w.kind === 'read' ? 'read watchpoint' : 'acc watchpoint').padEnd(15)} keep ${w.enabled ? 'y' : 'n'}   ${this.hex(w.start).padEnd(18)} ${w.expression}`);
        if (w.hits) this.print(`\twatchpoint already hit ${w.hits} time${w.hits > 1 ? 's' : ''}`);
      }
      return;
    }
    if (/^r(eg(isters)?)?$/.test(what) || what === 'all-registers') {
      const all = this.d.registers();
      const pick = args.length ? args.map((a) => a.replace(/^\$/, '')) : undefined;
      for (const name of pick ?? all.map((r) => r.name)) {
        const v = this.d.register(name);
        if (!v.ok) { this.error(`Invalid register \`${name}'`); continue; }
        const sym = this.d.symbolAt(v.value);
        const natural = sym && (name === 'pc' || name === 'ra' || /epc|tvec/.test(name)) ? `${this.hex(v.value)} <${this.d.symbolize(v.value)}>` : BigInt.asIntN(64, v.value).toString();
        this.print(`${name.padEnd(15)}${this.hex(v.value).padEnd(19)}${natural}`);
      }
      return;
    }
    if (what === 'symbol') {
      const v = this.unwrap(this.d.evaluate(args.join(' ')));
      if (v !== undefined) this.print(this.d.symbolAt(v) ? `${this.d.symbolize(v)} in section .text` : `No symbol matches ${args.join(' ')}.`);
      return;
    }
    if (what === 'line') {
      const l = this.lines.lineForAddress(this.d.machine.pc);
      this.print(l ? `Line ${l.line} of "${l.file}" at ${this.hex(this.d.machine.pc)} <${this.d.symbolize(this.d.machine.pc)}>` : 'No line number information available.');
      return;
    }
    if (what === 'csr') {
      for (const [n] of Object.entries(CSR_NAMES)) this.print(`${n.padEnd(15)}${this.hex(this.d.register(n).ok ? (this.d.register(n) as { value: bigint }).value : 0n)}`);
      return;
    }
    this.error(`Undefined info command: "${rest}".  Try "help".`);
  }

  private examine(fmt: string, expr: string): void {
    // gdb: x/NFU with the format and unit letters in either order.
    const m = /^(\d*)([a-z]*)$/.exec(fmt);
    const letters = m ? [...m[2]] : ['?'];
    const fs = letters.filter((l) => 'xduotacsi'.includes(l));
    const us = letters.filter((l) => 'bhwg'.includes(l));
    if (!m || fs.length > 1 || us.length > 1 || fs.length + us.length !== letters.length) {
      this.error(`Invalid format "${fmt}"`);
      return;
    }
    const count = Number(m[1] || '1');
    const f = fs[0] ?? 'x';
    const size = { b: 1, h: 2, w: 4, g: 8 }[us[0] as 'b'] ?? (f === 'c' ? 1 : f === 'a' ? 8 : 4);
    const addr = this.unwrap(this.d.evaluate(expr || '$pc'));
    if (addr === undefined) return;
    if (f === 'i') {
      const dis = new Disassembler();
      let pc = addr;
      for (let i = 0; i < count; i++) {
        const r = this.d.readVirtual(pc, 4);
        if (!r.ok) { this.error(r.error); return; }
        const w = new DataView(r.value.buffer).getUint32(0, true);
        const dd = dis.next(w, pc);
        this.print(`${pc === this.d.machine.pc ? '=> ' : '   '}${this.c('34', this.hex(pc))} <${this.d.symbolize(pc)}>:\t${formatInsn(dd, (a) => (this.d.symbolAt(a) ? this.d.symbolize(a) : undefined))}`);
        pc += BigInt(insnLength(w));
      }
      return;
    }
    if (f === 's') {
      // Read up to 256 bytes, stopping at the first unmapped byte.
      const chunk: number[] = [];
      for (let i = 0; i < 256; i++) {
        const b = this.d.readVirtual(addr + BigInt(i), 1);
        if (!b.ok) break;
        chunk.push(b.value[0]);
        if (b.value[0] === 0) break;
      }
      if (chunk.length === 0) { this.error(`Cannot access memory at address ${this.hex(addr)}`); return; }
      const bytes = Uint8Array.from(chunk);
      const end = bytes.indexOf(0);
      this.print(`${this.hex(addr)} <${this.d.symbolize(addr)}>:\t${JSON.stringify(Buffer.from(bytes.subarray(0, end < 0 ? bytes.length : end)).toString('latin1'))}`);
      return;
    }
    const r = this.d.readVirtual(addr, count * size);
    if (!r.ok) { this.error(`Cannot access memory at address ${this.hex(addr)}`); return; }
    const dv = new DataView(r.value.buffer);
    const perLine = Math.max(1, 16 / size);
    for (let i = 0; i < count; i += perLine) {
      const a = addr + BigInt(i * size);
      const cells: string[] = [];
      for (let j = i; j < Math.min(count, i + perLine); j++) {
        const o = j * size;
        const v = size === 1 ? BigInt(dv.getUint8(o)) : size === 2 ? BigInt(dv.getUint16(o, true)) : size === 4 ? BigInt(dv.getUint32(o, true)) : dv.getBigUint64(o, true);
        const signed = BigInt.asIntN(size * 8, v);
        cells.push(f === 'x' ? `0x${v.toString(16).padStart(size * 2, '0')}` : f === 'd' ? signed.toString() : f === 'u' ? v.toString() : f === 'o' ? `0${v.toString(8)}` : f === 't' ? v.toString(2).padStart(size * 8, '0') : f === 'c' ? `${v} ${JSON.stringify(String.fromCharCode(Number(v & 0xffn)))}` : f === 'a' ? `${this.hex(v)} <${this.d.symbolize(v)}>` : `0x${v.toString(16)}`);
      }
      this.print(`${this.c('34', this.hex(a))} <${this.d.symbolize(a)}>:\t${cells.join('\t')}`);
    }
  }

  private list(rest: string): void {
    let file: string;
    let center: number;
    if (!rest && this.listNext) {
      ({ file } = this.listNext);
      center = this.listNext.line + 5;
    } else {
      let addr = this.d.machine.pc;
      if (rest) {
        const loc = this.unwrap(this.d.resolveLocation(rest));
        if (!loc) return;
        addr = loc.address;
      }
      const l = this.lines.lineForAddress(addr);
      if (!l) { this.error(`No line number information available for ${this.hex(addr)} <${this.d.symbolize(addr)}>.`); return; }
      file = l.file;
      center = l.line;
    }
    const from = Math.max(1, center - 4);
    const text = sourceLines(ROOT, file, from, from + 9);
    if (!text) { this.error(`cannot find the source of ${file}`); return; }
    text.forEach((t, i) => this.print(`${String(from + i).padEnd(8)}${t}`));
    this.listNext = { file, line: from + 9 };
  }
}

/** Run the prompt until quit or end of input; returns the exit code. */
export async function runDebugCli(opts: DebugCliOptions): Promise<number> {
  const input = opts.input ?? process.stdin;
  const output = opts.output ?? process.stdout;
  const d = Debugger.create(opts.machine);
  const repl = new DebugRepl(d, output);
  if (opts.bootToPrompt) {
    const r = d.runUntilOutput('MenuOS>>', { maxInsns: 100_000_000 });
    if (!r.ok) {
      process.stderr.write(`rvlab: ${r.error}\n`);
      return 1;
    }
    output.write(`\n[rvlab: booted to the MenuOS prompt in ${d.machine.icount} instructions; the guest is stopped. "type \\"fork-new\\n\\"" then "continue".]\n`);
  }
  for (const b of opts.breaks) await repl.exec(`break ${b}`);
  for (const file of opts.scripts) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (e) {
      process.stderr.write(`rvlab: cannot read command file '${file}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
      return 2;
    }
    for (const line of text.split('\n')) {
      if ((await repl.exec(line)) === 'quit') return 0;
    }
  }
  if (opts.batch) return 0;

  const tty = !!(input as { isTTY?: boolean }).isTTY;
  const historyFile = join(homedir(), '.rvlab_history');
  let history: string[] = [];
  if (tty) {
    try {
      history = readFileSync(historyFile, 'utf8').split('\n').filter(Boolean).reverse().slice(0, 500);
    } catch {
      /* no history yet */
    }
  }
  const rl: Interface = createInterface({ input, output, terminal: tty, history, historySize: 500, prompt: tty ? '(rvlab) ' : '' });
  if (tty) {
    // While the guest runs, keys go to its console and Ctrl-C interrupts it.
    const stdin = input as NodeJS.ReadStream;
    const onKey = (b: Buffer) => {
      const text = b.toString('latin1');
      if (text.includes('\x03')) repl.interrupt();
      const rest = text.replace(/\x03/g, '').replace(/\r/g, '\n');
      if (rest) d.type(rest);
    };
    // readline reads keys through 'keypress' events: unhook it while the guest owns the keys.
    let saved: ((...a: unknown[]) => void)[] = [];
    repl.terminal = {
      start: () => {
        saved = stdin.listeners('keypress') as ((...a: unknown[]) => void)[];
        for (const l of saved) stdin.off('keypress', l);
        stdin.setRawMode(true);
        stdin.on('data', onKey);
        stdin.resume();
      },
      stop: () => {
        stdin.off('data', onKey);
        for (const l of saved) stdin.on('keypress', l);
        saved = [];
      },
    };
  }
  const onSigint = () => {
    if (repl.running) repl.interrupt();
    else if (tty) {
      output.write('^C\n');
      rl.prompt();
    }
  };
  rl.on('SIGINT', onSigint);
  process.on('SIGINT', onSigint);
  try {
    rl.prompt();
    for await (const line of rl) {
      if (tty && line.trim()) {
        try {
          appendFileSync(historyFile, `${line}\n`);
        } catch {
          /* history is a convenience */
        }
      }
      if (!tty && line.trim()) output.write(`(rvlab) ${line}\n`);
      if ((await repl.exec(line, { repeat: tty })) === 'quit') break;
      rl.prompt();
    }
  } finally {
    process.off('SIGINT', onSigint);
    rl.close();
  }
  return 0;
}
