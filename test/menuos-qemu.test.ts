/**
 * MenuOS on rvlab against the reference: the same command sequence that
 * guest/test-qemu.sh types at QEMU, compared with QEMU's transcript
 * (guest/tests/qemu-session.expected, recorded on qemu-system-riscv64 -M virt).
 * Where QEMU (and qemu-user) are installed, guest/test-qemu.sh itself runs too:
 * it boots the images on QEMU and runs the user programs on Linux under qemu-riscv64.
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { systemMachine } from '../src/boot.js';
import { ConsoleSession } from '../src/session.js';
import { ROOT, hasCommand } from './helpers.js';

const COMMANDS = ['fork-new', 'fork-puzzle', 'vfork-demo', 'thread-demo', 'preempt-demo', 'clone-check',
  'fork-limit', 'cow-demo', 'exec', 'crash-null', 'crash-illegal', 'crash-kernel', 'no-such-command'];

// Memory figures depend on the image sizes; the golden transcript has <N> there.
function normalize(t: string): string {
  return t
    .split('\n')
    .map((l) => l.replace(/^(Memory: )\d+K/, '$1<N>K').replace(/^(MemTotal: +|MemFree: +|FreePages: +)\d+/, '$1<N>'))
    .join('\n');
}

describe('MenuOS transcript', () => {
  it('is the same on rvlab as on QEMU', () => {
    const seq = ['meminfo', ...COMMANDS.flatMap((c) => [c, 'ps', 'meminfo']), 'help', 'version', 'quit'];
    const m = systemMachine();
    if (!m.ok) throw new Error(m.error);
    const s = new ConsoleSession(m.value);
    for (const c of seq) {
      const r = s.waitFor('MenuOS>>', { maxInsns: 200_000_000 });
      if (!r.ok) throw new Error(r.error);
      s.send(`${c}\n`); // typed only once the prompt is back, as a person would
    }
    const end = s.waitForEnd({ maxInsns: 50_000_000 });
    expect(end.ok && end.value).toEqual({ reason: 'exit', exitCode: 0 });
    const expected = readFileSync(join(ROOT, 'guest', 'tests', 'qemu-session.expected'), 'latin1');
    expect(normalize(s.output.replace(/\r\n/g, '\n'))).toBe(expected);
  });
});

describe.skipIf(!hasCommand('qemu-system-riscv64'))('guest/test-qemu.sh', () => {
  it('passes on QEMU (and on Linux under qemu-user where installed)', () => {
    const r = spawnSync('bash', [join(ROOT, 'guest', 'test-qemu.sh')], { encoding: 'utf8', timeout: 300_000 });
    expect(r.stdout).toMatch(/\d+ passed, 0 failed/);
    expect(r.status).toBe(0);
  });
});
