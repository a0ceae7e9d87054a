/** `rvlab debug` driven by a script (as a student's -x file or a pipe), and `rvlab run --gdb`. */
import { describe, it, expect } from 'vitest';
import { spawn } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, hasCommand, ROOT, BIN } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'rvlab-debug-'));

describe('rvlab debug', () => {
  it('does the fork lab from piped commands', () => {
    const script = [
      'break sys_clone', 'break kernel_clone', 'break copy_process', 'break dup_task_struct', 'break copy_thread', 'break ret_from_fork',
      'type "fork-new\\n"', 'c', 'c', 'c', 'c', 'c', 'c', 'bt', 'info breakpoints', 'tasks', 'quit',
    ].join('\n');
    const r = cli(['debug'], `${script}\n`);
    expect(r.status).toBe(0);
    const hits = [...r.stdout.matchAll(/Breakpoint (\d+), (\S+)/g)].map((m) => m[2]);
    expect(hits).toEqual(['__se_sys_clone', 'kernel_clone', 'copy_process', 'dup_task_struct', 'copy_thread', 'ret_from_fork']);
    expect(r.stdout).toMatch(/booted to the MenuOS prompt/);
    expect(r.stdout).toMatch(/clone flags: CLONE_CHILD_CLEARTID\|CLONE_CHILD_SETTID\|SIGCHLD/);
    expect(r.stdout).toMatch(/#0 +0x[0-9a-f]+ in ret_from_fork/);
    expect(r.stdout).toMatch(/breakpoint already hit 1 time/);
    expect(r.stdout).toMatch(/\n\* +3 +1 +3 [RN] init/); // the child is current at ret_from_fork
  });

  it('-x FILE --batch: registers, memory, disassembly, source, finish, watchpoints', () => {
    const f = join(tmp, 'cmds.gdb');
    writeFileSync(f, [
      'b copy_process', 'type "fork-new\\n"', 'c', 'info registers pc sp priv', 'x/3i $pc', 'x/2gx $sp', 'p/x $sp', 'list',
      'finish', 'watch total_forks', 'delete 1', 'type "fork-new\\n"', 'c', 'x/4x 0', 'break no_such_function', 'frobnicate',
    ].join('\n'));
    const r = cli(['debug', '-x', f, '--batch']);
    expect(r.status).toBe(0);
    const out = r.stdout;
    expect(out).toMatch(/pc +0xffffffff[0-9a-f]+ +0xffffffff[0-9a-f]+ <copy_process>/);
    expect(out).toMatch(/priv +0x1 /);
    expect(out).toMatch(/=> 0xffffffff[0-9a-f]+ <copy_process>:\tadd\tsp,sp,-\d+/);
    expect(out).toMatch(/copy_process\(struct pid \*pid/); // list shows the C source
    expect(out).toMatch(/Value returned is \$\d+ = 0xffffffd8/);
    expect(out).toMatch(/Hardware watchpoint 2: 0xffffffff8000c040/);
    const ov = /Old value = (\d+)\nNew value = (\d+)/.exec(out)!;
    expect(Number(ov[2])).toBe(Number(ov[1]) + 1);
    expect(out).toMatch(/Cannot access memory at address 0x0/);
    expect(out).toMatch(/no symbol "no_such_function"/);
    expect(out).toMatch(/Undefined command: "frobnicate"/);
  });

  it('continue N ignores the current breakpoint N-1 more times', () => {
    const r = cli(['debug'], 'break wake_up_new_task\ntype "fork-limit\\n"\nc\nc 5\ninfo breakpoints\nquit\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Will ignore next 4 crossings of breakpoint 1\./);
    expect(r.stdout).toMatch(/breakpoint already hit 6 times/);
  });

  it('debugs a bare-metal program by its own symbols', () => {
    const r = cli(['debug', join(BIN, 'hello.elf')], 'stepi\nstepi\ninfo registers pc\nc\nquit\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/Hello, rvlab!/);
    expect(r.stdout).toMatch(/the guest powered off/);
  });

  it('a missing -x file is a one-line error', () => {
    const r = cli(['debug', '-x', join(tmp, 'nope'), '--batch']);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe.skipIf(!hasCommand('gdb-multiarch'))('rvlab run --gdb with gdb-multiarch', () => {
  it('serves a bare-metal program: gdb stops at reset (--wait), steps, continues to the exit', async () => {
    const p = spawn(process.execPath, [join(ROOT, 'bin', 'rvlab.js'), 'run', join(BIN, 'hello.elf'), '--gdb', '0', '--wait'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let err = '';
    let out = '';
    p.stderr.on('data', (d) => (err += d));
    p.stdout.on('data', (d) => (out += d));
    const exited = new Promise((r) => p.on('close', r)); // rvlab may end before gdb does
    for (let i = 0; i < 100 && !/127\.0\.0\.1:(\d+)/.test(err); i++) await new Promise((r) => setTimeout(r, 50));
    const port = /127\.0\.0\.1:(\d+)/.exec(err)![1];
    const g = spawn('gdb-multiarch', ['-batch', '-nx', '-ex', 'set architecture riscv:rv64', '-ex', `file ${join(BIN, 'hello.elf')}`,
      '-ex', `target remote 127.0.0.1:${port}`, '-ex', 'info registers pc', '-ex', 'stepi', '-ex', 'info registers pc', '-ex', 'continue'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let gout = '';
    g.stdout.on('data', (d) => (gout += d));
    g.stderr.on('data', (d) => (gout += d));
    await new Promise((r) => g.on('close', r));
    const code = await exited;
    expect(gout).toMatch(/pc +0x80000000/);
    expect(gout).toMatch(/exited normally|exited with code 0/);
    expect(out).toBe('Hello, rvlab!\n');
    expect(code).toBe(0);
  });
});
