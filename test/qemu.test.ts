/**
 * Differential test against the reference: where qemu-system-riscv64 is
 * installed, run each bare-metal program on it now (-M virt -bios none) and
 * on rvlab, and compare UART output and exit code. (isa.test.ts compares with
 * the recorded QEMU runs, so machines without QEMU still check the same.)
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ASM, BIN, hasCommand, listFile, runProgram, testPrograms } from './helpers.js';

const qemu = hasCommand('qemu-system-riscv64');
const cpu = readFileSync(join(ASM, 'qemu-cpu.txt'), 'utf8').trim();
const emulatorOnly = listFile('no-qemu.txt');

describe.skipIf(!qemu)('rvlab and qemu-system-riscv64 agree', () => {
  for (const name of testPrograms().filter((n) => !emulatorOnly.has(n))) {
    it(name, () => {
      const q = spawnSync(
        'qemu-system-riscv64',
        ['-M', 'virt', '-bios', 'none', '-nographic', '-m', '128M', '-cpu', cpu, '-kernel', join(BIN, `${name}.elf`)],
        { input: '', timeout: 30_000, maxBuffer: 16 * 1024 * 1024 },
      );
      expect(q.signal).toBeNull();
      const r = runProgram(name);
      expect(r.output.toString('latin1')).toBe(q.stdout.toString('latin1'));
      expect(r.exitCode).toBe(q.status);
    });
  }
});
