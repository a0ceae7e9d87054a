/**
 * The bare-metal ISA, privilege, MMU and device programs (test/asm/*.S, built
 * into test/bin/ by scripts/build-test-images.sh). Each checks itself and
 * prints its intermediate results; their output and exit code must equal the
 * reference run recorded on qemu-system-riscv64 (test/bin/NAME.qemu.out/.rc).
 */
import { describe, it, expect } from 'vitest';
import { readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { ASM, BIN, testPrograms, listFile, runProgram } from './helpers.js';

const expectedRc = listFile('expected-rc.txt');
const cliOnly = listFile('cli-only.txt');

describe('bare-metal test programs match QEMU', () => {
  for (const name of testPrograms().filter((n) => !cliOnly.has(n))) {
    it(name, () => {
      // Programs that read the UART get test/asm/NAME.input.
      const inputFile = join(ASM, `${name}.input`);
      const r = runProgram(name, { input: existsSync(inputFile) ? readFileSync(inputFile, 'latin1') : undefined });
      const rc = Number(expectedRc.get(name) ?? '0');
      expect(r.reason).toBe('exit');
      const ref = join(BIN, `${name}.qemu.out`);
      if (existsSync(ref)) {
        expect(r.output.toString('latin1')).toBe(readFileSync(ref, 'latin1'));
        expect(r.exitCode).toBe(Number(readFileSync(join(BIN, `${name}.qemu.rc`), 'utf8').trim()));
      } else if (existsSync(join(ASM, `${name}.expected`))) {
        // Emulator-only programs with a known output (e.g. HTIF's console).
        expect(r.output.toString('latin1')).toBe(readFileSync(join(ASM, `${name}.expected`), 'latin1'));
      } else {
        // Emulator-only programs (no QEMU reference): they must check themselves.
        expect(r.output.toString('latin1')).toMatch(/PASS\n$/);
      }
      expect(r.exitCode).toBe(rc);
    });
  }
});

describe('determinism', () => {
  it('the same program gives the same output and instruction count twice', () => {
    const a = runProgram('rv64i');
    const b = runProgram('rv64i');
    expect(a.insns).toBe(b.insns);
    expect(a.output.equals(b.output)).toBe(true);
  });
});
