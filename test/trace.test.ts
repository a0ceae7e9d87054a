/** `rvlab trace-fork`: the fork path in Linux's order, pids consistent, every output format. */
import { describe, it, expect } from 'vitest';
import { traceFork, traceMermaid, formatTrace, FORK_PATH } from '../src/trace.js';
import { cli } from './helpers.js';

function hitsOf(command: string) {
  const r = traceFork({ command });
  if (!r.ok) throw new Error(r.error);
  return r.value;
}

describe('trace-fork', () => {
  it('fork-new: Linux 6.1 order, the new pid after copy_thread, fork() = pid in the parent and 0 in the child', () => {
    const t = hitsOf('fork-new');
    const hits = t.events.filter((e) => e.fn !== 'output');
    const order = hits.map((e) => e.fn).filter((f) => f !== 'schedule');
    expect(order).toEqual([
      'sys_clone', 'kernel_clone', 'copy_process', 'dup_task_struct', 'sched_fork', 'copy_mm', 'copy_thread',
      'alloc_pid', 'wake_up_new_task', 'return to user', 'ret_from_fork', 'schedule_tail', 'return to user',
    ]);
    const parent = hits[0].pid;
    const child = Number(hits.find((e) => e.fn === 'alloc_pid')!.details['new pid']);
    expect(child).toBeGreaterThan(parent);
    for (const e of hits.slice(0, 9)) expect(e.pid).toBe(parent);
    expect(hits.find((e) => e.fn === 'wake_up_new_task')!.details.child).toBe(child);
    expect(hits.find((e) => e.fn === 'ret_from_fork')!.pid).toBe(child);
    expect(hits.find((e) => e.fn === 'schedule_tail')!.details.prev).toBe(parent);
    const returns = hits.filter((e) => e.fn === 'return to user');
    expect(returns.map((e) => [e.pid, e.details.returns])).toEqual([[parent, child], [child, 0]]);
    expect(hits[0].details.flags).toMatch(/SIGCHLD/);
    const ct = hits.find((e) => e.fn === 'copy_thread')!.details;
    expect(ct['child thread.ra']).toBe('ret_from_fork');
    expect(ct['child pt_regs.a0']).toBe('0x0');
    expect(ct['child thread.sp']).toBe(ct['pt_regs at']);
    expect(ct['child pt_regs.sepc']).toMatch(/<fork\+0x/);
    const out = t.events.filter((e) => e.fn === 'output').map((e) => e.details.text);
    expect(out).toEqual(['fork-new - Fork a new process', 'This is Parent Process!', 'This is Child Process!', 'Child Complete!', 'MenuOS>>']);
    expect(FORK_PATH.every((f) => formatTrace(t).includes(f))).toBe(true);
  });

  it('vfork-demo: CLONE_VM|CLONE_VFORK shares the mm, then a plain fork copies it', () => {
    const t = hitsOf('vfork-demo');
    const clones = t.events.filter((e) => e.fn === 'sys_clone');
    expect(clones.length).toBe(2);
    expect(clones[0].details.flags).toMatch(/^CLONE_VM\|CLONE_VFORK\|SIGCHLD/);
    const mms = t.events.filter((e) => e.fn === 'copy_mm').map((e) => e.details.mm);
    expect(mms[0]).toMatch(/share/);
    expect(mms[1]).toMatch(/copy-on-write/);
    // With vfork the child returns to user space before the parent does.
    const firstReturn = t.events.find((e) => e.fn === 'return to user')!;
    expect(firstReturn.details.in).toBe('child');
  });

  it('thread-demo: pthread-like flags, the thread shares the mm', () => {
    const t = hitsOf('thread-demo');
    expect(t.events.find((e) => e.fn === 'sys_clone')!.details.flags).toMatch(/CLONE_VM\|.*CLONE_THREAD/);
    expect(t.events.find((e) => e.fn === 'copy_mm')!.details.mm).toMatch(/share/);
  });

  it('--json, --mermaid and the table from the CLI', () => {
    const j = cli(['trace-fork', '--json']);
    expect(j.status).toBe(0);
    const data = JSON.parse(j.stdout);
    expect(data.command).toBe('fork-new');
    expect(data.events.some((e: { fn: string }) => e.fn === 'copy_process')).toBe(true);
    const m = cli(['trace-fork', '--mermaid']);
    expect(m.status).toBe(0);
    expect(m.stdout).toMatch(/^sequenceDiagram\n/);
    expect(m.stdout).toMatch(/K-->>C: fork\(\) returns 0/);
    expect(traceMermaid(hitsOf('fork-new'))).toContain('participant C as child');
    const table = cli(['trace-fork']);
    expect(table.status).toBe(0);
    expect(table.stdout).toMatch(/copy_thread +child thread\.ra=ret_from_fork/);
    expect(table.stderr).toBe('');
  });

  it('an unknown MenuOS command traces nothing and says so in the output', () => {
    const t = hitsOf('no-such-command');
    expect(t.events.filter((e) => e.fn !== 'output' && e.fn !== 'schedule')).toEqual([]);
  });
});

describe('trace-fork errors', () => {
  it('an instruction limit that is too small is a one-line error', () => {
    const r = cli(['trace-fork', '--max-insns', '1000']);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('rvlab: the trace did not finish within 1000 instructions\n');
  });
});
