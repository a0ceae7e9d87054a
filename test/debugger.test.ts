/**
 * The debugger API on the bundled system: breakpoints (conditions, ignore
 * counts, temporary, user-program symbols), watchpoints (user and kernel),
 * stepping into and out of a trap, next, finish, backtrace, registers,
 * memory, tasks, errors, and a guest that powers off mid-session.
 */
import { describe, it, expect } from 'vitest';
import { systemMachine } from '../src/boot.js';
import { Debugger } from '../src/debugger/debugger.js';

function atPrompt(): Debugger {
  const m = systemMachine();
  if (!m.ok) throw new Error(m.error);
  const d = Debugger.create(m.value);
  const r = d.runUntilOutput('MenuOS>>', { maxInsns: 50_000_000 });
  if (!r.ok) throw new Error(r.error);
  return d;
}
function must<T>(r: { ok: true; value: T } | { ok: false; error: string }): T {
  if (!r.ok) throw new Error(r.error);
  return r.value;
}
const LIMIT = { maxInsns: 50_000_000 };

describe('breakpoints', () => {
  it('hit the fork path in Linux order while fork-new runs, with consistent pids', () => {
    const d = atPrompt();
    const names = ['sys_clone', 'kernel_clone', 'copy_process', 'dup_task_struct', 'copy_thread', 'ret_from_fork'];
    const byNum = new Map(names.map((n) => [must(d.break(n)).number, n]));
    d.type('fork-new\n');
    const seen: [string, number][] = [];
    for (let i = 0; i < names.length; i++) {
      const e = d.continue(LIMIT);
      expect(e.reason).toBe('breakpoint');
      seen.push([byNum.get(e.number!)!, e.task!.pid]);
    }
    expect(seen.map((s) => s[0])).toEqual(names);
    const parent = seen[0][1];
    expect(seen.slice(0, 5).every(([, pid]) => pid === parent)).toBe(true);
    expect(seen[5][1]).not.toBe(parent); // ret_from_fork runs in the child
    expect(d.breakpoints().find((b) => b.location === 'copy_process')!.hits).toBe(1);
  });

  it('the first hit reports the syscall by gdb\'s name, in S-mode, in the calling task', () => {
    const d = atPrompt();
    must(d.break('sys_clone'));
    d.type('fork-new\n');
    const e = d.continue(LIMIT);
    expect(e.where).toBe('__se_sys_clone');
    expect(e.privilege).toBe(1);
    expect(e.task).toEqual({ pid: 1, comm: 'init' });
    expect(d.symbolize(must(d.lookupSymbol('sys_clone')))).toBe('__se_sys_clone');
  });

  it('conditions and ignore counts', () => {
    const d = atPrompt();
    const never = must(d.break('copy_process', { condition: '$pid == 42' }));
    const second = must(d.break('wake_up_new_task', { ignoreCount: 1 }));
    d.type('fork-puzzle\n'); // forks twice in the first process, then in the child
    const e = d.continue(LIMIT);
    expect(e.reason).toBe('breakpoint');
    expect(e.number).toBe(second.number);
    expect(d.breakpoints().find((b) => b.number === second.number)!.hits).toBe(2);
    expect(d.breakpoints().find((b) => b.number === never.number)!.hits).toBe(0);
    expect(d.break('copy_process', { condition: '$a0 ==' }).ok).toBe(false);
  });

  it('tbreak deletes itself after the first hit', () => {
    const d = atPrompt();
    const t = must(d.break('kernel_clone', { temporary: true }));
    d.type('fork-new\n');
    expect(d.continue(LIMIT).number).toBe(t.number);
    expect(d.breakpoints()).toEqual([]);
    const e = d.continue({ maxInsns: 20_000_000 });
    expect(e.reason).not.toBe('breakpoint');
  });

  it('break in a user program by its own symbols, and symbol+offset', () => {
    const d = atPrompt();
    must(d.break('ForkProcess'));
    d.type('fork-new\n');
    const e = d.continue(LIMIT);
    expect(e.reason).toBe('breakpoint');
    expect(e.where).toBe('ForkProcess');
    expect(e.privilege).toBe(0);
    const b = must(d.break('ForkProcess+4'));
    expect(b.address).toBe(e.pc + 4n);
  });

  it('an unknown symbol is an error that suggests close names', () => {
    const d = atPrompt();
    const r = d.break('copy_proces');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error).toBe('no symbol "copy_proces"; did you mean "copy_process"?');
    expect(d.break('kernel_clon').ok).toBe(false);
  });

  it('disable and enable', () => {
    const d = atPrompt();
    const b = must(d.break('copy_process'));
    must(d.enableBreakpoint(b.number, false));
    d.type('fork-new\n');
    expect(must(d.runUntilOutput('Child Complete!', LIMIT))).toBeUndefined();
    must(d.enableBreakpoint(b.number, true));
    d.type('fork-new\n');
    expect(d.continue(LIMIT).number).toBe(b.number);
  });
});

describe('watchpoints', () => {
  it('on a kernel variable: total_forks changes from n to n+1 in copy_process', () => {
    const d = atPrompt();
    const w = must(d.watch('total_forks', 8, 'write'));
    d.type('fork-new\n');
    const e = d.continue(LIMIT);
    expect(e.reason).toBe('watchpoint');
    expect(e.number).toBe(w.number);
    expect(e.watch!.value).toBe(e.watch!.old! + 1n);
    expect(e.where).toMatch(/^copy_process\+0x/);
  });

  it('on a user variable: thread-demo\'s shared is written by the thread', () => {
    const d = atPrompt();
    must(d.watch('shared', 4, 'write'));
    d.type('thread-demo\n');
    // main sets shared = 1, then the thread sets it to 2.
    const first = d.continue(LIMIT);
    expect(first.reason).toBe('watchpoint');
    expect(first.privilege).toBe(0);
    expect(first.watch!.value).toBe(1n);
    const e = d.continue(LIMIT);
    expect(e.reason).toBe('watchpoint');
    expect(e.watch).toMatchObject({ old: 1n, value: 2n, kind: 'write' });
    expect(e.where).toMatch(/^thread_fn/);
    expect(e.task!.pid).not.toBe(first.task!.pid); // another task (the thread's tid) ...
    expect(d.currentTask()!.tgid).toBe(first.task!.pid); // ... in the same thread group
  });
});

describe('stepping', () => {
  it('stepi into a trap (ecall → handle_exception in S-mode) and out of it (sret → user)', () => {
    const d = atPrompt();
    must(d.break('fork'));
    d.type('fork-new\n');
    expect(d.continue(LIMIT).where).toBe('fork');
    // Step to the ecall.
    let e = d.stepInstruction();
    for (let i = 0; i < 40 && d.readVirtual(d.machine.pc, 4).ok && new DataView(d.readVirtual(d.machine.pc, 4).value!.buffer).getUint32(0, true) !== 0x73; i++) {
      e = d.stepInstruction();
    }
    const ecallPc = d.machine.pc;
    e = d.stepInstruction();
    expect(e.privilege).toBe(1);
    expect(e.where).toBe('handle_exception');
    // finish out of the kernel: run to the instruction after the ecall in user mode.
    must(d.break(ecallPc + 4n, { temporary: true, condition: '$pid == 1' }));
    e = d.continue(LIMIT);
    expect(e.privilege).toBe(0);
    expect(e.pc).toBe(ecallPc + 4n);
    expect(BigInt.asIntN(64, d.machine.reg(10))).toBeGreaterThan(1n); // fork() returned the child's pid
  });

  it('next steps over a call; finish returns from a function with its value', () => {
    const d = atPrompt();
    must(d.break('kernel_clone'));
    d.type('fork-new\n');
    d.continue(LIMIT);
    // alloc_pid returns the new struct pid *.
    d.delete(1);
    must(d.break('alloc_pid'));
    expect(d.continue(LIMIT).where).toBe('alloc_pid');
    const f = d.finish(LIMIT);
    expect(f.reason).toBe('step');
    expect(f.returnValue! >= 0xffff_ffc0_0000_0000n).toBe(true);
    expect(f.where).toMatch(/^copy_process\+0x/);
    // next over calls stays in the same function.
    const before = d.symbolAt(d.machine.pc)!.name;
    for (let i = 0; i < 30; i++) {
      const e = d.next(LIMIT);
      expect(e.reason).toBe('step');
      expect(d.symbolAt(d.machine.pc)!.name).toBe(before);
    }
  });
});

describe('state', () => {
  it('backtrace from copy_process crosses the trap into the user program', () => {
    const d = atPrompt();
    must(d.break('copy_process'));
    d.type('fork-new\n');
    d.continue(LIMIT);
    const bt = d.backtrace().map((f) => f.where.replace(/\+0x[0-9a-f]+$/, ''));
    expect(bt.slice(0, 3)).toEqual(['copy_process', 'kernel_clone', '__se_sys_clone']);
    expect(bt).toContain('fork');
    expect(bt).toContain('ForkProcess');
    expect(bt).toContain('main');
    const trap = d.backtrace().find((f) => f.trap)!;
    expect(trap.user).toBe(true);
  });

  it('registers by ABI name and CSRs; memory through the MMU; unmapped addresses are errors', () => {
    const d = atPrompt();
    must(d.break('copy_process'));
    d.type('fork-new\n');
    d.continue(LIMIT);
    expect(must(d.register('pc'))).toBe(must(d.lookupSymbol('copy_process')));
    expect(must(d.register('sp'))).toBe(d.machine.reg(2));
    expect(must(d.register('satp')) >> 60n).toBe(8n); // Sv39
    expect(must(d.register('$priv'))).toBe(1n);
    expect(d.register('q9').ok).toBe(false);
    const code = must(d.readVirtual(d.machine.pc, 4));
    expect(code.length).toBe(4);
    const r = d.readVirtual(0x10n, 8);
    expect(!r.ok && r.error).toBe('cannot access memory at address 0x10');
    expect(must(d.evaluate('$a0 + 1 - 1'))).toBe(d.machine.reg(10));
    expect(must(d.evaluate('*init_task')) !== undefined).toBe(true);
  });

  it('tasks from the kernel\'s list: the child appears with its parent, saved context and pt_regs', () => {
    const d = atPrompt();
    must(d.break('wake_up_new_task'));
    d.type('fork-new\n');
    d.continue(LIMIT);
    const tasks = must(d.tasks());
    expect(tasks.map((t) => t.pid).slice(0, 3)).toEqual([0, 1, 2]);
    const child = tasks.find((t) => t.pid > 2)!;
    expect(child.parentPid).toBe(1);
    expect(child.state).toBe('N'); // TASK_NEW until wake_up_new_task
    expect(d.symbolize(child.thread.ra)).toBe('ret_from_fork');
    expect(child.thread.sp).toBe(child.ptRegsAddress);
    expect(child.ptRegs.a0).toBe(0n);
    expect(d.symbolize(child.ptRegs.epc)).toMatch(/^fork\+0x/);
    expect(must(d.task(child.pid)).comm).toBe('init');
    expect(d.task(999).ok).toBe(false);
  });

  it('a guest that powers off mid-session is reported and the debugger stays usable', () => {
    const d = atPrompt();
    must(d.break('copy_process'));
    d.type('quit\n');
    const e = d.continue(LIMIT);
    expect(e.reason).toBe('exit');
    expect(e.exitCode).toBe(0);
    expect(d.continue(LIMIT).reason).toBe('exit');
    expect(d.stepInstruction().reason).toBe('exit');
    expect(d.registers().length).toBeGreaterThan(32);
    expect(d.breakpoints().length).toBe(1);
  });
});

describe('source lines', () => {
  it('break file:line resolves through the DWARF line table', () => {
    const d = atPrompt();
    const b = must(d.break('fork.c:364'));
    expect(b.address).toBe(must(d.lookupSymbol('copy_process')));
    expect(d.lines.lineForAddress(b.address)).toEqual({ file: 'guest/kernel/kernel/fork.c', line: 364 });
    d.type('fork-new\n');
    expect(d.continue(LIMIT).number).toBe(b.number);
    expect(d.break('no-such-file.c:1').ok).toBe(false);
  });
});

describe('limits', () => {
  it('more breakpoints than the core holds is an error and leaves the others armed', () => {
    const d = atPrompt();
    const syms = ['copy_process', 'kernel_clone', 'dup_task_struct', 'copy_thread'];
    let last: ReturnType<Debugger['break']> | undefined;
    for (let i = 0; i < 70; i++) last = d.break(`${syms[i % 4]}+${2 * Math.floor(i / 4)}`);
    expect(last!.ok).toBe(false);
    expect(!last!.ok && last!.error).toMatch(/at most 64 breakpoints/);
    expect(d.breakpoints().length).toBe(64);
    d.type('fork-new\n');
    expect(d.continue(LIMIT).reason).toBe('breakpoint');
  });
});
