/** The console: piped input reaches the guest deterministically; the machine's DTB. */
import { describe, it, expect } from 'vitest';
import { PassThrough, Writable } from 'node:stream';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../src/machine.js';
import { runConsole } from '../src/console.js';
import { parseDtb, dtGet, propU64s, propStrings, propU32s } from '../src/dtb.js';
import { BIN, ROOT, cli, hasCommand } from './helpers.js';

function machineFor(name: string, opts: { memSize?: number; bootargs?: string; initrd?: Uint8Array } = {}): Machine {
  const mr = Machine.create({ memSize: opts.memSize });
  if (!mr.ok) throw new Error(mr.error);
  const m = mr.value;
  const elf = m.loadElf(new Uint8Array(readFileSync(join(BIN, `${name}.elf`))));
  if (!elf.ok) throw new Error(elf.error);
  const b = m.boot({ entry: elf.value.entry, bootargs: opts.bootargs, initrd: opts.initrd });
  if (!b.ok) throw new Error(b.error);
  return m;
}

function sink() {
  const chunks: Buffer[] = [];
  const w = new Writable({
    write(c, _e, cb) {
      chunks.push(Buffer.from(c));
      cb();
    },
  });
  return { w, text: () => Buffer.concat(chunks).toString('latin1') };
}

/** Run `name` with input written in the given chunks, `gapMs` apart. */
async function runWithChunks(name: string, chunks: string[], gapMs: number) {
  const m = machineFor(name);
  const stdin = new PassThrough();
  const out = sink();
  const err = sink();
  const p = runConsole(m, {
    stdin: stdin as unknown as NodeJS.ReadStream,
    stdout: out.w as unknown as NodeJS.WriteStream,
    stderr: err.w as unknown as NodeJS.WriteStream,
    maxInsns: 50_000_000,
  });
  for (const c of chunks) {
    await new Promise((r) => setTimeout(r, gapMs));
    stdin.write(c);
  }
  stdin.end();
  const r = await p;
  return { ...r, out: out.text(), err: err.text() };
}

describe('piped input', () => {
  for (const prog of ['echo', 'echo-irq']) {
    it(`${prog}: the guest gets its input whenever it arrives; one delivery gives one run`, async () => {
      const a = await runWithChunks(prog, ['hello world\nq'], 0);
      const a2 = await runWithChunks(prog, ['hello world\nq'], 40);
      const b = await runWithChunks(prog, ['he', 'llo w', 'orld\n', 'q'], 30);
      expect(a.out).toBe(`${prog}>\nHELLO WORLD\n\nbye\nPASS\n`);
      expect(a.exitCode).toBe(0);
      expect(a2.insns).toBe(a.insns); // same input, different timing: same run
      expect(b.out).toBe(a.out);
    });
  }
  it('a guest that waits for input after the end of input stops with a message', () => {
    const r = cli(['run', join(BIN, 'echo.elf')], 'abc');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe('echo>\nABC');
    expect(r.stderr).toBe('rvlab: the guest is waiting for input and there is no more\n');
    const r2 = cli(['run', join(BIN, 'echo-irq.elf')], 'xyz');
    expect(r2.stdout).toBe('echo-irq>\nXYZ');
    expect(r2.stderr).toBe('rvlab: the guest is idle and there is no more input\n');
  });
});

describe('reset state and device tree', () => {
  it('starts in M-mode at the entry with a0 = 0 and a1 = the DTB, placed as QEMU does', () => {
    const m = machineFor('hello', { memSize: 256 * 1024 * 1024, bootargs: 'console=ttyS0 quiet', initrd: new Uint8Array(5000).fill(7) });
    expect(m.priv).toBe(3);
    expect(m.pc).toBe(0x8000_0000n);
    expect(m.reg(10)).toBe(0n);
    expect(m.reg(11)).toBe(m.dtbAddr);
    expect(m.dtbAddr).toBe(0x8fe0_0000n); // end of RAM, aligned down to 2 MiB
    const hdr = m.readPhys(m.dtbAddr, 8);
    if (!hdr.ok) throw new Error(hdr.error);
    const size = new DataView(hdr.value.buffer).getUint32(4, false);
    const blob = m.readPhys(m.dtbAddr, size);
    if (!blob.ok) throw new Error(blob.error);
    const tree = parseDtb(blob.value);
    if (!tree.ok) throw new Error(tree.error);
    const root = tree.value;
    expect(propU64s(dtGet(root, '/memory@80000000')!.props.get('reg')!)).toEqual([0x8000_0000n, 0x1000_0000n]);
    expect(propU32s(dtGet(root, '/cpus')!.props.get('timebase-frequency')!)).toEqual([10_000_000]);
    const isa = propStrings(dtGet(root, '/cpus/cpu@0')!.props.get('riscv,isa')!)[0];
    expect(isa).toMatch(/^rv64imac_/);
    expect(isa).not.toMatch(/^rv64[a-z]*[fd]/);
    const chosen = dtGet(root, '/chosen')!;
    expect(propStrings(chosen.props.get('bootargs')!)).toEqual(['console=ttyS0 quiet']);
    const start = propU64s(chosen.props.get('linux,initrd-start')!)[0];
    const end = propU64s(chosen.props.get('linux,initrd-end')!)[0];
    expect(end - start).toBe(5000n);
    expect(start).toBe(0x8000_0000n + 128n * 1024n * 1024n); // QEMU: min(mem/2, 128 MiB) past the kernel
    const rd = m.readPhys(start, 5000);
    expect(rd.ok && rd.value.every((b) => b === 7)).toBe(true);
    expect(dtGet(root, '/soc/serial@10000000')).toBeDefined();
    expect(dtGet(root, '/soc/clint@2000000')).toBeDefined();
    expect(dtGet(root, '/soc/plic@c000000')).toBeDefined();
    expect(dtGet(root, '/soc/test@100000')).toBeDefined();
  });
  it('zero-fills bss and loads segments at their physical addresses', () => {
    const m = machineFor('hello');
    const img = m.images[0].elf;
    for (const s of img.segments) {
      const r = m.readPhys(s.paddr, Number(s.memsz));
      if (!r.ok) throw new Error(r.error);
      expect(Buffer.from(r.value.subarray(0, s.data.length)).equals(Buffer.from(s.data))).toBe(true);
      expect(r.value.subarray(s.data.length).every((b) => b === 0)).toBe(true);
    }
  });
});

describe('terminal', () => {
  it.skipIf(!hasCommand('script'))('raw mode: keys reach the guest at once, Ctrl-A x quits', async () => {
    const { spawn } = await import('node:child_process');
    const cmd = `${process.execPath} ${join(ROOT, 'bin', 'rvlab.js')} run ${join(BIN, 'echo.elf')}`;
    const p = spawn('script', ['-qfec', cmd, '/dev/null'], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    p.stdout.on('data', (d) => (out += d.toString('latin1')));
    const until = async (re: RegExp) => {
      for (let i = 0; i < 200 && !re.test(out); i++) await new Promise((r) => setTimeout(r, 50));
    };
    await until(/echo>/);
    p.stdin.write('abc'); // no newline: raw mode delivers each key
    await until(/ABC/);
    p.stdin.write('\x01x');
    const code = await new Promise<number | null>((res) => p.on('close', res));
    expect(out).toMatch(/ABC/);
    expect(out).toMatch(/rvlab: terminated \(C-a x\)/);
    expect(code).toBe(0);
  });
});
