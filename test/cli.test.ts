/** The command line: exit codes, clean stdout, one-line errors. */
import { describe, it, expect } from 'vitest';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cli, BIN } from './helpers.js';

const tmp = mkdtempSync(join(tmpdir(), 'rvlab-cli-'));
const hello = join(BIN, 'hello.elf');

function expectOneLineError(r: ReturnType<typeof cli>, pattern: RegExp) {
  expect(r.status).toBe(2);
  expect(r.stdout).toBe('');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/^rvlab: /);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\bat .*\.(js|ts):\d+/); // no stack trace
}

describe('rvlab run', () => {
  it('prints the guest UART output on stdout and nothing else', () => {
    const r = cli(['run', hello]);
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(BIN, 'hello.qemu.out'), 'latin1'));
    expect(r.stderr).toBe('');
  });
  it('exits with the guest exit code from the test finisher', () => {
    const r = cli(['run', join(BIN, 'finisher.elf')]);
    expect(r.status).toBe(3);
  });
  it('--max-insns stops with a one-line message and exit code 124', () => {
    const r = cli(['run', hello, '--max-insns', '50']);
    expect(r.status).toBe(124);
    expect(r.stderr).toBe('rvlab: stopped after 50 instructions (--max-insns)\n');
  });
  it('a reset request from the guest restarts the machine from its images', () => {
    const r = cli(['run', join(BIN, 'reset.elf'), '--max-insns', '2000']);
    expect(r.status).toBe(124);
    expect(r.stdout.startsWith('boot\nboot\nboot\n')).toBe(true);
  });
  it('accepts memory sizes with units', () => {
    expect(cli(['run', hello, '--mem', '64M']).status).toBe(0);
    expect(cli(['run', hello, '--mem', '1G']).status).toBe(0);
    expect(cli(['run', hello, '--mem', '256']).status).toBe(0);
  });
  it('--help works for every command', () => {
    for (const args of [['--help'], ['run', '--help']]) {
      const r = cli(args);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/rvlab/);
    }
  });
});

describe('errors are one line and exit 2', () => {
  it('missing file', () => expectOneLineError(cli(['run', join(tmp, 'nope.elf')]), /does not exist/));
  it('a directory', () => expectOneLineError(cli(['run', tmp]), /is a directory/));
  it('not an ELF', () => {
    const p = join(tmp, 'text.elf');
    writeFileSync(p, 'hello world, not an elf at all\n');
    expectOneLineError(cli(['run', p]), /not an ELF/);
  });
  it('an empty file', () => {
    const p = join(tmp, 'empty.elf');
    writeFileSync(p, '');
    expectOneLineError(cli(['run', p]), /ELF/);
  });
  it('wrong machine', () => expectOneLineError(cli(['run', process.execPath]), /not RISC-V/));
  it('wrong class', () => {
    const b = Buffer.from(readFileSync(hello));
    b[4] = 1; // ELFCLASS32
    const p = join(tmp, 'class32.elf');
    writeFileSync(p, b);
    expectOneLineError(cli(['run', p]), /32-bit/);
  });
  it('segments outside RAM', () => {
    // Move the first PT_LOAD (program header 1) to physical 0x90000000.
    const b = Buffer.from(readFileSync(hello));
    const phoff = Number(b.readBigUInt64LE(0x20));
    b.writeBigUInt64LE(0x9000_0000n, phoff + 56 + 0x18);
    const p = join(tmp, 'high.elf');
    writeFileSync(p, b);
    expectOneLineError(cli(['run', p]), /outside RAM/);
  });
  it('no room for the device tree', () => expectOneLineError(cli(['run', hello, '--mem', '1M']), /device tree/));
  it('bad memory size', () => expectOneLineError(cli(['run', hello, '--mem', 'lots']), /memory size/));
  it('memory size not in MiB', () => expectOneLineError(cli(['run', hello, '--mem', '1500K']), /MiB/));
  it('too much memory', () => expectOneLineError(cli(['run', hello, '--mem', '8G']), /too large/));
  it('bad instruction count', () => expectOneLineError(cli(['run', hello, '--max-insns', '-5']), /max-insns/));
  it('non-numeric instruction count', () => expectOneLineError(cli(['run', hello, '--max-insns', 'ten']), /max-insns/));
  it('unknown option', () => expectOneLineError(cli(['run', hello, '--frobnicate']), /Unknown argument/i));
  it('unknown command', () => expectOneLineError(cli(['frobnicate', 'x']), /Unknown argument|Unknown command/i));
  it('missing initrd', () => expectOneLineError(cli(['run', hello, '--initrd', join(tmp, 'no.cpio')]), /initrd/));
});
