/**
 * `rvlab trace-fork`: the whole fork lab on one screen. Boots the bundled
 * system, waits for the MenuOS prompt, arms the fork path, types a command,
 * and records every hit in order with the current task, the clone flags, the
 * new pid, the child's saved context after copy_thread, and what fork()
 * returns in the child and in the parent.
 */
import { systemMachine } from './boot.js';
import { Debugger, type StopEvent } from './debugger/debugger.js';
import { cloneFlagNames } from './clone-flags.js';
import { type Result, ok, err } from './result.js';

export const FORK_PATH = [
  'sys_clone', 'kernel_clone', 'copy_process', 'dup_task_struct', 'sched_fork', 'copy_mm', 'copy_thread',
  'alloc_pid', 'wake_up_new_task', 'schedule', 'ret_from_fork', 'schedule_tail',
];

export interface TraceEvent {
  seq: number;
  /** A fork-path function, 'return to user', or 'output' (what the guest printed). */
  fn: string;
  pid: number;
  comm: string;
  pc: string;
  where: string;
  mode: 'kernel' | 'user';
  details: Record<string, string | number>;
}

export interface TraceResult {
  command: string;
  events: TraceEvent[];
  output: string;
  insns: number;
}

const hex = (v: bigint) => `0x${v.toString(16)}`;

export function traceFork(opts: { command?: string; maxInsns?: number } = {}): Result<TraceResult> {
  const command = opts.command ?? 'fork-new';
  const max = opts.maxInsns ?? 500_000_000;
  const mr = systemMachine();
  if (!mr.ok) return mr;
  const d = Debugger.create(mr.value);
  const boot = d.runUntilOutput('MenuOS>>', { maxInsns: 50_000_000 });
  if (!boot.ok) return err(`the MenuOS prompt did not appear: ${boot.error}`);
  const bpFn = new Map<number, string>();
  for (const fn of FORK_PATH) {
    const b = d.break(fn);
    if (!b.ok) return err(`cannot trace ${fn}: ${b.error}`);
    bpFn.set(b.value.number, fn);
  }
  const L = d.kernel?.layout;
  if (!L) return err('the kernel layout (kernel-offsets.json) is missing');

  const events: TraceEvent[] = [];
  const startInsns = d.machine.icount;
  let outMark = d.output.length;
  const userReturn = new Map<number, number>(); // breakpoint number → 1 (fork's return pc)
  const seenReturn = new Set<number>();
  let forkers = new Set<number>();

  const task = () => d.currentTask();
  let hits = 0;
  const add = (fn: string, e: StopEvent, details: Record<string, string | number> = {}) => {
    flushOutput();
    const t = e.task ?? task();
    events.push({
      seq: ++hits, fn, pid: t?.pid ?? -1, comm: t?.comm ?? '?', pc: hex(e.pc), where: e.where,
      mode: e.privilege === 0 ? 'user' : 'kernel', details,
    });
  };
  const flushOutput = () => {
    const text = d.output.slice(outMark);
    outMark = d.output.length;
    for (const line of text.split(/\r?\n/)) {
      if (line.trim() && line !== `MenuOS>>${command}` && line !== command) {
        events.push({ seq: 0, fn: 'output', pid: -1, comm: '', pc: '', where: '', mode: 'user', details: { text: line } });
      }
    }
  };
  const pidOf = (taskPtr: bigint) => {
    const t = d.kernel!.task(taskPtr);
    return t.ok ? t.value.pid : -1;
  };

  d.type(`${command}\n`);
  for (;;) {
    const used = Number(d.machine.icount - startInsns);
    if (used > max) return err(`the trace did not finish within ${max} instructions`);
    const e = d.continue({ maxInsns: max - used });
    if (e.reason === 'exit') {
      add('power off', e, { code: e.exitCode ?? 0 });
      break;
    }
    if (e.reason === 'limit') return err(`the trace did not finish within ${max} instructions`);
    if (e.reason !== 'breakpoint') {
      // The guest is idle at the prompt again: the command is done.
      flushOutput();
      break;
    }
    const num = e.number!;
    const a = (i: number) => d.machine.reg(10 + i);
    if (userReturn.has(num)) {
      const t = task();
      if (t && forkers.has(t.pid) || (t && !seenReturn.has(t.pid))) {
        const rv = BigInt.asIntN(64, a(0));
        const callee = e.where.replace(/\+0x[0-9a-f]+$/, '');
        add('return to user', e, { returns: Number(rv), in: rv === 0n ? 'child' : 'parent', call: `${callee}()` });
        if (t) seenReturn.add(t.pid);
      }
      continue;
    }
    const fn = bpFn.get(num) ?? '?';
    switch (fn) {
      case 'sys_clone': {
        add(fn, e, { flags: `${cloneFlagNames(a(0))} (${hex(a(0))})`, newsp: hex(a(1)), parent_tid: hex(a(2)), tls: hex(a(3)), child_tid: hex(a(4)) });
        const t = task();
        if (t) {
          forkers.add(t.pid);
          // Both parent and child come back to user mode at the parent's saved epc.
          const epc = t.ptRegs.epc;
          const br = d.break(epc);
          if (br.ok) userReturn.set(br.value.number, 1);
        }
        break;
      }
      case 'kernel_clone': {
        const flags = d.readU64(a(0));
        add(fn, e, flags === undefined ? {} : { 'args->flags': `${cloneFlagNames(flags)} (${hex(flags)})` });
        break;
      }
      case 'dup_task_struct':
        add(fn, e, { orig: pidOf(a(0)) });
        break;
      case 'sched_fork':
        add(fn, e, { 'p->__state': 'TASK_NEW' });
        break;
      case 'copy_mm': {
        const vm = (a(0) & 0x100n) !== 0n;
        add(fn, e, { mm: vm ? 'CLONE_VM: share the parent\'s mm' : 'dup_mm: copy-on-write copy of the parent\'s mm' });
        break;
      }
      case 'copy_thread': {
        const p = a(0);
        add(fn, e, {});
        const ev = events[events.length - 1];
        const f = d.finish({ maxInsns: 10_000_000 });
        const child = d.kernel!.task(p);
        if (child.ok) {
          ev.details['child thread.ra'] = d.symbolize(child.value.thread.ra);
          ev.details['child thread.sp'] = hex(child.value.thread.sp);
          ev.details['child pt_regs.a0'] = hex(child.value.ptRegs.a0 ?? 0n);
          ev.details['child pt_regs.sepc'] = `${hex(child.value.ptRegs.epc ?? 0n)} <${d.symbolize(child.value.ptRegs.epc ?? 0n)}>`;
          ev.details['pt_regs at'] = hex(child.value.ptRegsAddress);
        }
        if (f.reason !== 'step') return err(`copy_thread did not return normally (${f.reason} at ${f.where})`);
        break;
      }
      case 'alloc_pid': {
        add(fn, e, {});
        const ev = events[events.length - 1];
        const f = d.finish({ maxInsns: 10_000_000 });
        if (f.reason === 'step' && f.returnValue !== undefined && L.pid.nr !== undefined) {
          const nr = d.readVirtual(f.returnValue + BigInt(L.pid.nr), 4);
          if (nr.ok) ev.details['new pid'] = new DataView(nr.value.buffer).getInt32(0, true);
        }
        break;
      }
      case 'wake_up_new_task':
        add(fn, e, { child: pidOf(a(0)) });
        break;
      case 'schedule_tail':
        add(fn, e, { prev: pidOf(a(0)) });
        break;
      default:
        add(fn, e);
    }
  }
  forkers = new Set();
  d.detach();
  return ok({ command, events, output: d.output, insns: Number(d.machine.icount - startInsns) });
}

/** The trace as a table, one hit per line. */
export function formatTrace(t: TraceResult): string {
  const lines = [`trace-fork: MenuOS>> ${t.command}`, '   #   pid comm      where'];
  for (const e of t.events) {
    if (e.fn === 'output') {
      lines.push(`                       | ${e.details.text}`);
      continue;
    }
    const det = Object.entries(e.details).map(([k, v]) => `${k}=${v}`).join('  ');
    if (e.fn === 'return to user') {
      lines.push(`${String(e.seq).padStart(4)} ${String(e.pid).padStart(5)} ${e.comm.padEnd(9)} ${`(user) ${e.where}`.padEnd(18)} ${e.details.call} returns ${e.details.returns} in the ${e.details.in}`);
      continue;
    }
    const fn = e.fn;
    lines.push(`${String(e.seq).padStart(4)} ${String(e.pid).padStart(5)} ${e.comm.padEnd(9)} ${fn.padEnd(18)} ${det}`.trimEnd());
  }
  lines.push(`(${t.insns} guest instructions)`);
  return lines.join('\n');
}

/** A Mermaid sequence diagram, as the lab write-ups draw it. */
export function traceMermaid(t: TraceResult): string {
  const hits = t.events.filter((e) => e.fn !== 'output');
  const parent = hits.find((e) => e.fn === 'sys_clone')?.pid ?? 1;
  const child = hits.find((e) => e.fn === 'alloc_pid')?.details['new pid'] ?? hits.find((e) => e.fn === 'ret_from_fork')?.pid;
  const lines = ['sequenceDiagram', `    participant P as parent (pid ${parent})`, '    participant K as kernel', `    participant C as child (pid ${child ?? '?'})`];
  for (const e of hits) {
    const who = e.pid === parent ? 'P' : 'C';
    const det = Object.entries(e.details).filter(([k]) => ['flags', 'new pid', 'child thread.ra'].includes(k)).map(([k, v]) => `${k}=${v}`).join(', ');
    if (e.fn === 'sys_clone') lines.push(`    P->>K: ${e.where} (${det})`);
    else if (e.fn === 'return to user') lines.push(`    K-->>${who}: ${e.details.call} returns ${e.details.returns}`);
    else lines.push(`    Note over K: ${who === 'C' ? '[child] ' : ''}${e.fn}${det ? ` (${det})` : ''}`);
  }
  return lines.join('\n');
}
