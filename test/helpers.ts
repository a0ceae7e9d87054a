/** Shared helpers for the tests: paths, running test programs, QEMU detection. */
import { readFileSync, existsSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawnSync } from 'node:child_process';
import { Machine, runToEnd, type RunToEndResult } from '../src/machine.js';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = join(ROOT, 'test', 'bin');
export const ASM = join(ROOT, 'test', 'asm');

export function testPrograms(): string[] {
  return readdirSync(BIN)
    .filter((f) => f.endsWith('.elf'))
    .map((f) => f.slice(0, -4))
    .sort();
}

export function listFile(name: string): Map<string, string> {
  const p = join(ASM, name);
  const m = new Map<string, string>();
  if (!existsSync(p)) return m;
  for (const line of readFileSync(p, 'utf8').split('\n')) {
    const t = line.replace(/#.*/, '').trim();
    if (!t) continue;
    const [k, ...rest] = t.split(/\s+/);
    m.set(k, rest.join(' '));
  }
  return m;
}

export function runProgram(name: string, opts: { maxInsns?: number; input?: string; memSize?: number } = {}): RunToEndResult {
  const mr = Machine.create({ memSize: opts.memSize });
  if (!mr.ok) throw new Error(mr.error);
  const m = mr.value;
  const elf = m.loadElf(new Uint8Array(readFileSync(join(BIN, `${name}.elf`))), name);
  if (!elf.ok) throw new Error(elf.error);
  const b = m.boot({ entry: elf.value.entry });
  if (!b.ok) throw new Error(b.error);
  return runToEnd(m, { maxInsns: opts.maxInsns ?? 50_000_000, input: opts.input });
}

export function hasCommand(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' }).status === 0;
}

/** Run the rvlab CLI (the compiled dist/, as users get it). */
export function cli(args: string[], input?: string | Buffer, timeout = 30_000) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rvlab.js'), ...args], {
    input: input ?? '',
    timeout,
    maxBuffer: 64 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout.toString('latin1'), stderr: r.stderr.toString('utf8'), signal: r.signal };
}
