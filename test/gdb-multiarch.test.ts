/**
 * The GDB server against the real gdb-multiarch in batch mode, on the
 * bundled system: the fork lab as a student does it with QEMU. gdb's view
 * (hit order, bt, info registers, x) is checked against the debugger API:
 * a reference run of the same breakpoints through the API alone, and what
 * the target reported at each of gdb's stops.
 *
 * Skipped when gdb-multiarch is not installed.
 */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { systemMachine } from '../src/boot.js';
import { Debugger } from '../src/debugger/debugger.js';
import type { DebugTarget, RunLimits, StopEvent } from '../src/debugger/types.js';
import { startGdbServer } from '../src/gdb/server.js';
import { serveGdb } from '../src/gdb/serve.js';
import { GDB_REG_NAMES } from '../src/gdb/target-xml.js';
import { hasCommand, ROOT } from './helpers.js';

const GDB = 'gdb-multiarch';
const KERNEL = join(ROOT, 'guest', 'images', 'kernel.elf');
/** The fork path, and sys_read: the shell reading its next command ends the run. */
const FORK_PATH = ['sys_clone', 'kernel_clone', 'copy_process', 'dup_task_struct', 'copy_thread', 'ret_from_fork'];
const SENTINEL = 'sys_read';
const KERNEL_SPACE = 0xffff_ffc0_0000_0000n;
/** The assembly trap entry and context switch (arch/riscv/kernel/entry.S). */
const ENTRY_S = new Set([
  'handle_exception', '_restore_kernel_tpsp', '_save_context', 'handle_syscall', 'check_syscall_nr',
  'ret_from_syscall', 'ret_from_exception', 'resume_userspace', 'restore_all', 'resume_kernel', 'work_pending',
  'work_notifysig', 'work_resched', 'ret_from_fork', 'ret_from_kernel_thread', '__switch_to',
]);

interface GdbRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** gdb-multiarch -batch with the kernel's symbols, connected to `port` if given. */
/** `poll` is called every 20 ms while gdb runs; `interrupt` sends gdb SIGINT (what Ctrl-C at its prompt does). */
type Poll = (interrupt: () => void) => void;

function gdb(port: number | undefined, commands: string[], poll?: Poll): Promise<GdbRun> {
  const args = ['-batch', '-nx', '-ex', 'set architecture riscv:rv64', '-ex', `file ${KERNEL}`,
    '-ex', 'set pagination off', '-ex', 'set confirm off'];
  if (port !== undefined) args.push('-ex', `target remote 127.0.0.1:${port}`);
  for (const c of commands) args.push('-ex', c);
  return new Promise((resolve) => {
    const p = spawn(GDB, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    p.stdout.on('data', (d) => (stdout += d));
    p.stderr.on('data', (d) => (stderr += d));
    // gdb forwards SIGINT to the target as 0x03.
    let interrupted = false;
    const interrupt = () => {
      if (!interrupted) p.kill('SIGINT');
      interrupted = true;
    };
    const timer = poll && setInterval(() => poll(interrupt), 20);
    const kill = setTimeout(() => p.kill('SIGKILL'), 15_000);
    p.on('close', (code) => {
      clearTimeout(kill);
      if (timer) clearInterval(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

/** Where gdb puts a breakpoint on each function (after the prologue, if it skips one). */
async function gdbBreakAddresses(names: string[]): Promise<Map<string, bigint>> {
  const r = await gdb(undefined, names.map((n) => `break ${n}`));
  const out = new Map<string, bigint>();
  const lines = r.stdout.split('\n').filter((l) => l.startsWith('Breakpoint '));
  names.forEach((n, i) => {
    const m = /^Breakpoint \d+ at 0x([0-9a-f]+)/.exec(lines[i] ?? '');
    if (!m) throw new Error(`gdb did not place a breakpoint on ${n}:\n${r.stdout}${r.stderr}`);
    out.set(n, BigInt('0x' + m[1]));
  });
  return out;
}

/** The system, booted to the MenuOS prompt through the debugger API. */
function atPrompt(): Debugger {
  const m = systemMachine();
  if (!m.ok) throw new Error(m.error);
  const d = Debugger.create(m.value);
  const r = d.runUntilOutput('MenuOS>>', { maxInsns: 100_000_000 });
  if (!r.ok) throw new Error(r.error);
  return d;
}

interface Snapshot {
  ev: StopEvent;
  regs: bigint[];
  mem: Uint8Array;
  frames: bigint[];
  sstatus: bigint;
  satp: bigint;
}

/**
 * The Debugger as a DebugTarget, recording what it reports at each stop.
 * gdb steps over a breakpoint by planting temporary ones (RISC-V has no
 * hardware single step in gdb's model), so not every stop is a hit gdb shows.
 */
class Recorder implements DebugTarget {
  stops: Snapshot[] = [];
  constructor(readonly d: Debugger) {}
  private snap(ev: StopEvent): StopEvent {
    const d = this.d;
    const regs = Array.from({ length: 33 }, (_, i) => d.readRegister(i));
    const mem = d.readVirtual(regs[2], 32);
    this.stops.push({
      ev, regs, mem: mem.ok ? mem.value : new Uint8Array(0), frames: d.backtrace().map((f) => f.pc),
      sstatus: d.readCsr(0x100)!, satp: d.readCsr(0x180)!,
    });
    return ev;
  }
  readRegister = (n: number) => this.d.readRegister(n);
  writeRegister = (n: number, v: bigint) => this.d.writeRegister(n, v);
  readCsr = (n: number) => this.d.readCsr(n);
  readVirtual = (a: bigint, n: number) => this.d.readVirtual(a, n);
  writeVirtual = (a: bigint, b: Uint8Array) => this.d.writeVirtual(a, b);
  readPhysical = (a: bigint, n: number) => this.d.readPhysical(a, n);
  break = (l: string | bigint, o?: Parameters<Debugger['break']>[1]) => this.d.break(l, o);
  deleteBreakpoint = (n: number) => this.d.deleteBreakpoint(n);
  enableBreakpoint = (n: number, on: boolean) => this.d.enableBreakpoint(n, on);
  breakpoints = () => this.d.breakpoints();
  watch = (e: string | bigint, len: number, k: 'write' | 'read' | 'access') => this.d.watch(e, len, k);
  deleteWatchpoint = (n: number) => this.d.deleteWatchpoint(n);
  watchpoints = () => this.d.watchpoints();
  continue = (l?: RunLimits) => this.snap(this.d.continue(l));
  stepInstruction = (l?: RunLimits) => this.snap(this.d.stepInstruction(l));
  next = (l?: RunLimits) => this.snap(this.d.next(l));
  finish = (l?: RunLimits) => this.snap(this.d.finish(l));
  continueAsync = async (l?: RunLimits) => this.snap(await this.d.continueAsync(l));
  type = (t: string) => this.d.type(t);
}

const hex = (v: bigint) => v.toString(16);
const le64s = (b: Uint8Array) => Array.from({ length: b.length / 8 }, (_, i) => new DataView(b.buffer, b.byteOffset).getBigUint64(i * 8, true));

describe.skipIf(!hasCommand(GDB))('gdb-multiarch against rvlab', () => {
  it('the fork path: hit order, bt, info registers and x agree with the debugger API', async () => {
    const names = [...FORK_PATH, SENTINEL];
    const addrs = await gdbBreakAddresses(names);
    const byAddr = new Map([...addrs].map(([n, a]) => [a, n]));

    // Reference: the same breakpoints through the API alone.
    const ref = atPrompt();
    for (const a of addrs.values()) expect(ref.break(a).ok).toBe(true);
    ref.type('fork-new\n');
    const expected: { name: string; pid?: number; pc: bigint }[] = [];
    for (let i = 0; i < 50; i++) {
      const e = ref.continue({ maxInsns: 100_000_000 });
      expect(e.reason).toBe('breakpoint');
      expected.push({ name: byAddr.get(e.pc)!, pid: e.task?.pid, pc: e.pc });
      if (e.pc === addrs.get(SENTINEL)) break;
    }
    expect(expected.map((h) => h.name)).toEqual(names); // Linux's order, child last, then the shell reads
    expect(expected.find((h) => h.name === 'ret_from_fork')!.pid).not.toBe(expected[0].pid);

    // gdb: the same session over the remote protocol.
    const d = atPrompt();
    d.type('fork-new\n');
    const rec = new Recorder(d);
    const srv = await startGdbServer(rec, { port: 0 });
    if (!srv.ok) throw new Error(srv.error);
    const cmds = names.map((n) => `break ${n}`);
    expected.forEach((_, i) => {
      cmds.push('continue', `printf "@@HIT ${i} pc=%lx\\n", $pc`, 'bt 8', 'x/4xg $sp');
      if (i === 2) cmds.push('info registers', 'info registers sstatus satp priv');
    });
    cmds.push('detach');
    const r = await gdb(srv.value.port, cmds);
    await srv.value.close();
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);

    // Split gdb's output at the markers: chunk i holds "Breakpoint N, fn (...)" for hit i.
    const parts = r.stdout.split(/^@@HIT /m);
    const hits = parts.slice(1).map((p, i) => ({ pc: BigInt('0x' + /^\d+ pc=([0-9a-f]+)/.exec(p)![1]), before: parts[i], after: p }));
    expect(hits.map((h) => byAddr.get(h.pc))).toEqual(expected.map((h) => h.name));
    hits.forEach((h, i) => {
      const fn = /Breakpoint \d+, (?:0x[0-9a-f]+ in )?(\w+) \(/.exec(h.before.split('\n').reverse().join('\n'));
      // gdb names syscalls by their DWARF names (SYSCALL_DEFINE's __se_sys_*); the rest match exactly.
      expect(fn?.[1], h.before).toMatch(new RegExp(names[i].startsWith('sys_') ? `^(__se_)?${names[i]}$` : `^${names[i]}$`));
    });

    // What the target reported at gdb's stops (the real hits, not gdb's step-over stops).
    const real = rec.stops.filter((s) => s.ev.reason === 'breakpoint' && byAddr.has(s.ev.pc));
    expect(real.map((s) => s.ev.pc)).toEqual(expected.map((h) => h.pc));
    hits.forEach((h, i) => {
      const s = real[i];
      // x/4xg $sp = the stack through the MMU
      const xs = [...h.after.matchAll(/^0x([0-9a-f]+):\s+0x([0-9a-f]+)\s+0x([0-9a-f]+)$/gm)];
      expect(BigInt('0x' + xs[0][1])).toBe(s.regs[2]);
      expect(xs.flatMap((m) => [BigInt('0x' + m[2]), BigInt('0x' + m[3])])).toEqual(le64s(s.mem));
      // bt: the C callers gdb unwinds with DWARF are the debugger's frame-pointer chain, in order.
      // Frames in the trap entry code are left out on both sides: gdb stops
      // unwinding there ("frame did not save the PC"), while the debugger
      // crosses into user space through pt_regs.
      const gdbCallers = [...h.after.matchAll(/^#\d+\s+0x([0-9a-f]+) in (\S+) .*$/gm)]
        .filter((m) => !ENTRY_S.has(m[2]) && !m[0].includes('entry.S'))
        .map((m) => hex(BigInt('0x' + m[1])));
      const apiCallers = s.frames.slice(1)
        .filter((pc) => pc >= KERNEL_SPACE && !ENTRY_S.has(d.symbolAt(pc)?.name ?? ''))
        .map(hex);
      expect(apiCallers, h.after).toEqual(gdbCallers);
      if (byAddr.get(h.pc) === 'copy_process') expect(gdbCallers.length).toBeGreaterThanOrEqual(2);
    });

    // info registers at copy_process: every x register and pc, and the CSRs by name.
    const s = real[2];
    const infoRegs = new Map([...hits[2].after.matchAll(/^(\w+)\s+0x([0-9a-f]+)\s/gm)].map((m) => [m[1], BigInt('0x' + m[2])]));
    GDB_REG_NAMES.forEach((name, i) => {
      if (i > 0) expect(infoRegs.get(name), name).toBe(s.regs[i]);
    });
    expect(infoRegs.get('pc')).toBe(s.regs[32]);
    expect(infoRegs.get('sstatus')).toBe(s.sstatus);
    expect(infoRegs.get('satp')).toBe(s.satp);
    expect(infoRegs.get('priv')).toBe(1n);
    expect(hits[2].after).toMatch(/priv\s+0x1\s+prv:1 \[Supervisor\]/);
  });

  it('watchpoints, stepi, memory writes and Ctrl-C from gdb', async () => {
    const d = atPrompt();
    d.type('fork-new\n');
    const srv = await startGdbServer(d, { port: 0 });
    if (!srv.ok) throw new Error(srv.error);
    const r = await gdb(srv.value.port, [
      'watch total_forks',
      'rwatch max_threads',
      'continue',
      'continue',
      'delete',
      'stepi',
      'printf "@@PC %lx\\n", $pc',
      'set var max_threads = 65',
      'printf "@@MAX %d\\n", max_threads',
      'set var max_threads = 64',
      'continue', // runs to the next prompt, where the guest idles until gdb's SIGINT
      'printf "@@INT %lx\\n", $pc',
      'detach',
    ], (interrupt) => {
      if (d.output.endsWith('Child Complete!\r\nMenuOS>>')) interrupt();
    });
    await srv.value.close();
    expect(r.stderr).toBe('');
    const out = r.stdout;
    expect(out).toMatch(/Hardware watchpoint 1: total_forks/);
    expect(out).toMatch(/Hardware read watchpoint 2: max_threads\s+Value = 64\s+0x[0-9a-f]+ in copy_process/);
    expect(out).toMatch(/Hardware watchpoint 1: total_forks\s+Old value = (\d+)\s+New value = \d+\s+0x[0-9a-f]+ in copy_process/);
    const old = Number(/Old value = (\d+)/.exec(out)![1]);
    expect(out).toContain(`New value = ${old + 1}`);
    expect(out).toMatch(/@@MAX 65/);
    expect(out).toMatch(/Program received signal SIGINT, Interrupt\./);
    // Memory writes went through the MMU into guest RAM, and back.
    const maxThreads = d.lookupSymbol('max_threads');
    expect(maxThreads.ok).toBe(true);
    expect(d.readVirtual(maxThreads.value!, 4).value).toEqual(Uint8Array.of(64, 0, 0, 0));
    // The interrupt came with the guest idle at the prompt again.
    expect(d.output).toMatch(/Child Complete!\r\nMenuOS>>$/);
    expect(d.breakpoints()).toEqual([]);
    expect(d.watchpoints()).toEqual([]);
  });

  it('rvlab run --gdb: the guest runs, gdb attaches and interrupts it, detaches, and the guest powers off', async () => {
    const m = systemMachine();
    if (!m.ok) throw new Error(m.error);
    const d = Debugger.create(m.value);
    const svc = await serveGdb(d, { port: 0 });
    if (!svc.ok) throw new Error(svc.error);
    // The guest boots with nobody attached.
    const t0 = Date.now();
    while (!d.output.includes('MenuOS>>')) {
      expect(Date.now() - t0).toBeLessThan(10_000);
      await new Promise((r) => setTimeout(r, 10));
    }
    let typed = false;
    const r = await gdb(svc.value.port, [
      'break sys_clone',
      'continue',
      'printf "@@HIT %lx\\n", $pc',
      'bt 1',
      'detach',
    ], () => {
      // gdb inserts its breakpoints as it resumes: that is when to type the command.
      if (!typed && d.breakpoints().length > 0) {
        typed = true;
        d.type('fork-new\n');
      }
    });
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/Breakpoint 1, __se_sys_clone/);
    expect(r.stdout).toContain(`@@HIT ${d.lookupSymbol('sys_clone').value!.toString(16)}`);
    // Detached: the guest finishes the command by itself, then powers off when told.
    while (!d.output.includes('Child Complete!')) await new Promise((res) => setTimeout(res, 10));
    d.type('quit\n');
    expect(await svc.value.done).toEqual({ reason: 'exit', exitCode: 0 });
    expect(d.breakpoints()).toEqual([]);
  });

  it('rvlab run --gdb --wait: gdb meets the machine at reset, boots it to a breakpoint, kills it', async () => {
    const m = systemMachine();
    if (!m.ok) throw new Error(m.error);
    const d = Debugger.create(m.value);
    const svc = await serveGdb(d, { port: 0, wait: true });
    if (!svc.ok) throw new Error(svc.error);
    const r = await gdb(svc.value.port, [
      'printf "@@RESET pc=%lx priv=%d\\n", $pc, $priv',
      'break copy_process',
      'continue',
      'printf "@@HIT pc=%lx priv=%d\\n", $pc, $priv',
      'kill',
    ]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('@@RESET pc=80000000 priv=3'); // the firmware's entry, in M-mode
    expect(r.stdout).toMatch(/Breakpoint 1, copy_process/); // boot's first kernel thread
    expect(r.stdout).toMatch(/@@HIT pc=ffffffff[0-9a-f]+ priv=1/);
    expect(await svc.value.done).toEqual({ reason: 'kill', exitCode: 0 });
  });
});
