/**
 * The bundled system: SBI firmware → teaching kernel → MenuOS, driven through
 * the UART exactly as a student would, with exact expected output.
 */
import { describe, it, expect } from 'vitest';
import { systemMachine } from '../src/boot.js';
import { ConsoleSession } from '../src/session.js';
import { cli } from './helpers.js';

const PROMPT = 'MenuOS>>';

function boot(): ConsoleSession {
  const m = systemMachine();
  if (!m.ok) throw new Error(m.error);
  const s = new ConsoleSession(m.value);
  const r = s.waitFor(PROMPT, { maxInsns: 15_000_000 });
  if (!r.ok) throw new Error(r.error);
  return s;
}

/** Type a command line; return what it printed (without the echo and the next prompt). */
function run(s: ConsoleSession, line: string, maxInsns = 100_000_000): string {
  s.send(`${line}\n`);
  const r = s.waitFor(PROMPT, { maxInsns });
  if (!r.ok) throw new Error(r.error);
  const text = r.value.text.replace(/\r\n/g, '\n');
  const echo = `${line}\n`;
  expect(text.startsWith(echo)).toBe(true); // the terminal echoes the line
  return text.slice(echo.length, -PROMPT.length);
}

interface Task { pid: number; ppid: number; tgid: number; state: string; comm: string }
function ps(s: ConsoleSession): Task[] {
  const out = run(s, 'ps').split('\n');
  expect(out[0]).toBe('ps - list the tasks');
  expect(out[1]).toMatch(/^\s+PID\s+PPID\s+TGID\s+S\s+COMMAND$/);
  return out.slice(2).filter((l) => l.trim()).map((l) => {
    const [pid, ppid, tgid, state, comm] = l.trim().split(/\s+/);
    return { pid: +pid, ppid: +ppid, tgid: +tgid, state, comm };
  });
}
function freePages(s: ConsoleSession): number {
  const m = /FreePages:\s+(\d+)/.exec(run(s, 'meminfo'));
  expect(m).not.toBeNull();
  return Number(m![1]);
}

describe('boot', () => {
  it('reaches the MenuOS prompt in well under 15 million instructions', () => {
    const m = systemMachine();
    if (!m.ok) throw new Error(m.error);
    const s = new ConsoleSession(m.value);
    const r = s.waitFor(PROMPT, { maxInsns: 15_000_000 });
    expect(r.ok).toBe(true);
    expect(s.output).toMatch(/^rvlab-sbi: SBI v1\.0/);
    expect(s.output).toMatch(/Linux version 6\.1\.0-rvlab/);
    expect(s.output).toMatch(/Run \/init as init process/);
    expect(s.output).toMatch(/MenuOS on rvlab/);
  });
});

describe('MenuOS commands', () => {
  it('help lists every command as "    * cmd - desc"', () => {
    const s = boot();
    const out = run(s, 'help').split('\n');
    expect(out[0]).toBe('help - list all commands');
    expect(out[1]).toBe('Menu List:');
    const cmds = out.slice(2).filter(Boolean).map((l) => {
      expect(l).toMatch(/^ {4}\* \S+ - .+$/);
      return l.trim().split(' ')[1];
    });
    for (const c of ['help', 'version', 'quit', 'fork-new', 'fork-puzzle', 'vfork-demo', 'thread-demo', 'clone-check', 'fork-limit', 'ps', 'meminfo']) {
      expect(cmds).toContain(c);
    }
  });

  it('fork-new: the child and the parent print, the parent waits, the prompt returns once', () => {
    const s = boot();
    expect(run(s, 'fork-new')).toBe(
      'fork-new - Fork a new process\nThis is Parent Process!\nThis is Child Process!\nChild Complete!\n',
    );
    // Exactly one prompt came back, and the system is still usable.
    expect(run(s, 'version')).toMatch(/^version - MenuOS V1\.0/);
  });

  it('fork-puzzle: exactly 8 "+" and 6 "-"', () => {
    const s = boot();
    const out = run(s, 'fork-puzzle');
    const line = out.split('\n')[1];
    expect([...line].filter((c) => c === '+').length).toBe(8);
    expect([...line].filter((c) => c === '-').length).toBe(6);
    expect(line).toMatch(/^[+-]{14}$/);
  });

  it('vfork-demo: the vfork child writes the parent\'s memory, the fork child does not', () => {
    const s = boot();
    expect(run(s, 'vfork-demo')).toBe(
      'vfork-demo - vfork shares the parent\'s memory, fork copies it\n' +
        'before:              "hello, world"\n' +
        'vfork child changed it to "HELLO, WORLD"\n' +
        'after vfork, parent: "HELLO, WORLD" (shared memory)\n' +
        'fork child changed it to "HELLO, WORLD"\n' +
        'after fork, parent:  "hello, world" (its own copy)\n',
    );
  });

  it('thread-demo: a CLONE_VM|CLONE_THREAD child shares memory, same getpid, its own gettid', () => {
    const s = boot();
    const out = run(s, 'thread-demo');
    const main = /main: +getpid\(\) = (\d+), gettid\(\) = (\d+), shared = 1/.exec(out);
    const thr = /thread: getpid\(\) = (\d+), gettid\(\) = (\d+), sets shared = 2/.exec(out);
    expect(main && thr).toBeTruthy();
    expect(thr![1]).toBe(main![1]);
    expect(thr![2]).not.toBe(main![2]);
    expect(out).toMatch(new RegExp(`main: +joined thread ${thr![2]}, shared = 2`));
    expect(out).toMatch(/same getpid\(\): yes, different gettid\(\): yes/);
  });

  it('clone-check: every invalid flag combination is -EINVAL', () => {
    const s = boot();
    const lines = run(s, 'clone-check').split('\n').slice(1).filter(Boolean);
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l).toMatch(/^clone\(.+\) = -22 \(EINVAL\)/);
    const all = lines.join('\n');
    for (const f of ['CLONE_NEWNS|CLONE_FS', 'CLONE_NEWUSER|CLONE_FS', '(CLONE_THREAD)', '(CLONE_SIGHAND)', 'CLONE_PIDFD']) {
      expect(all).toContain(f);
    }
  });

  it('fork-limit: forks until -EAGAIN and reaps them all', () => {
    const s = boot();
    const out = run(s, 'fork-limit');
    const m = /fork-limit: (\d+) children forked, then fork\(\) = -11 \(EAGAIN\)\nfork-limit: (\d+) children reaped/.exec(out);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(10);
    expect(m![2]).toBe(m![1]);
  });

  it('after every command there are no zombies and the free memory is back', () => {
    const s = boot();
    const tasks0 = ps(s);
    const free0 = freePages(s);
    for (const c of ['fork-new', 'fork-puzzle', 'vfork-demo', 'thread-demo', 'clone-check', 'fork-limit', 'cow-demo', 'exec', 'crash-null']) {
      run(s, c);
      const tasks = ps(s);
      expect(tasks.filter((t) => t.state === 'Z'), `zombies after ${c}`).toEqual([]);
      expect(tasks.map((t) => t.pid), `tasks after ${c}`).toEqual(tasks0.map((t) => t.pid));
      expect(freePages(s), `free pages after ${c}`).toBe(free0);
    }
  });

  it('ps: init is pid 1 and every parent exists', () => {
    const s = boot();
    const tasks = ps(s);
    const init = tasks.find((t) => t.pid === 1);
    expect(init?.comm).toBe('init');
    for (const t of tasks) if (t.ppid !== 0) expect(tasks.map((x) => x.pid)).toContain(t.ppid);
  });

  it('copy-on-write separates parent and child', () => {
    const s = boot();
    const out = run(s, 'cow-demo');
    expect(out).toMatch(/child: +wrote (\d+) shared pages, \1 pages were copied/);
    expect(out).toMatch(/parent: its \d+ pages still hold its own data: yes/);
    expect(out).toMatch(/free pages after reaping the child: as before the fork/);
  });

  it('exec: the child runs /bin/hello with its argv and the parent reaps it', () => {
    const s = boot();
    const out = run(s, 'exec');
    const m = /hello: pid (\d+), ppid (\d+), argv: "hello" "from" "MenuOS"\nexec: child (\d+) exited with status 0/.exec(out);
    expect(m).not.toBeNull();
    expect(m![3]).toBe(m![1]);
    expect(m![2]).toBe('1'); // MenuOS is init, pid 1
  });

  it('a user program that faults is killed with a one-line message and MenuOS goes on', () => {
    const s = boot();
    const cases: [string, RegExp][] = [
      ['crash-null', /^crash\[(\d+)\]: unhandled signal 11 code 0x1 at 0x0000000000000000 \(store page fault\)\ncrash-null: child \1 killed by signal 11\n$/],
      ['crash-illegal', /^crash\[(\d+)\]: unhandled signal 4 code 0x1 at 0x[0-9a-f]{16} \(illegal instruction\)\ncrash-illegal: child \1 killed by signal 4\n$/],
      ['crash-kernel', /^crash\[(\d+)\]: unhandled signal 11 code 0x1 at 0xffffffff80000000 \(instruction page fault\)\ncrash-kernel: child \1 killed by signal 11\n$/],
    ];
    for (const [c, re] of cases) {
      const out = run(s, c);
      expect(out.slice(out.indexOf('\n') + 1)).toMatch(re);
    }
    expect(run(s, 'version')).toMatch(/^version - /);
  });

  it('an unknown command prints the prompt again', () => {
    const s = boot();
    expect(run(s, 'no-such-command')).toBe('');
    expect(run(s, 'version')).toMatch(/^version - /);
  });

  it('quit powers the machine off through SBI SRST', () => {
    const s = boot();
    s.send('quit\n');
    const r = s.waitForEnd({ maxInsns: 10_000_000 });
    expect(r.ok && r.value).toEqual({ reason: 'exit', exitCode: 0 });
    expect(s.output).toMatch(/quit - power off/);
  });
});

describe('npm start / rvlab', () => {
  it('boots MenuOS, runs piped commands, and quit ends the run with exit code 0', () => {
    const r = cli([], 'fork-new\nquit\n');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/MenuOS>>/);
    expect(r.stdout).toMatch(/This is Child Process!/);
    expect(r.stdout).toMatch(/Child Complete!/);
    expect(r.stderr).toBe('');
  });
});
