/**
 * The core's decoded-instruction cache (assembly/code.ts): decoded pages
 * follow every change to guest memory (stores, the host's writes), and
 * breakpoints keep their meaning on decoded pages, through any alias of a
 * physical page, set before or after the page was decoded.
 * (test/asm/smc.S and alias.S check the guest-visible behaviour against QEMU.)
 */
import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Machine } from '../src/machine.js';
import { systemMachine } from '../src/boot.js';
import { findSymbol } from '../src/elf.js';
import { ConsoleSession } from '../src/session.js';
import { BIN } from './helpers.js';

// A few RV64I encodings.
const R = { zero: 0, ra: 1, t0: 5, t1: 6, t2: 7, s1: 9, a0: 10, t3: 28, t4: 29 };
const i = (imm: number, rs1: number, f3: number, rd: number, op: number) => (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const s = (imm: number, rs2: number, rs1: number, f3: number) =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | 0x23) >>> 0;
const b = (imm: number, rs2: number, rs1: number, f3: number) =>
  ((((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (((imm >> 1) & 0xf) << 8) | (((imm >> 11) & 1) << 7) | 0x63) >>> 0;
const jal = (imm: number, rd: number) =>
  ((((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20) | (((imm >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;
const addi = (rd: number, rs1: number, imm: number) => i(imm, rs1, 0, rd, 0x13);
const lw = (rd: number, rs1: number, imm: number) => i(imm, rs1, 2, rd, 0x03);
const sw = (rs2: number, rs1: number, imm: number) => s(imm, rs2, rs1, 2);
const auipc = (rd: number, imm20: number) => ((imm20 << 12) | (rd << 7) | 0x17) >>> 0;
const lui = (rd: number, imm20: number) => ((imm20 << 12) | (rd << 7) | 0x37) >>> 0;
const beq = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 0);
const bne = (rs1: number, rs2: number, off: number) => b(off, rs2, rs1, 1);

const BASE = 0x8000_0000n;

function program(words: number[], data: Record<number, number> = {}): Machine {
  const m = Machine.create({ memSize: 16 * 1024 * 1024 }).value!;
  const bytes = new Uint8Array(0x100);
  const dv = new DataView(bytes.buffer);
  words.forEach((w, k) => dv.setUint32(k * 4, w, true));
  for (const [off, w] of Object.entries(data)) dv.setUint32(Number(off), w, true);
  expect(m.writePhys(BASE, bytes).ok).toBe(true);
  m.pc = BASE;
  return m;
}

/** Finish with the test finisher (pass): lui t3, 0x100; lui t4, 0x5; addi t4, t4, 0x555; sw t4, 0(t3). */
const EXIT = [lui(R.t3, 0x100), lui(R.t4, 0x5), addi(R.t4, R.t4, 0x555), sw(R.t4, R.t3, 0)];

function runToExit(m: Machine, max = 1_000_000): void {
  for (let n = 0; n < max; ) {
    const r = m.run(10_000);
    n += r.executed;
    if (r.reason === 'exit') return;
    expect(r.reason).toBe('budget');
  }
  throw new Error('no exit');
}

describe('decoded instructions follow memory', () => {
  it('a store changes the very next instruction, which already ran once (no FENCE.I)', () => {
    const X = addi(R.a0, R.zero, 1);
    const Y = addi(R.a0, R.zero, 42);
    const m = program([
      /* 0x00 */ auipc(R.t0, 0),
      /* 0x04 */ lw(R.t1, R.t0, 0x80), // t1 = X on the first pass
      /* 0x08 */ addi(R.s1, R.s1, 1),
      /* 0x0c */ addi(R.t2, R.zero, 2),
      /* 0x10 */ bne(R.s1, R.t2, 8), // second pass: t1 = Y
      /* 0x14 */ lw(R.t1, R.t0, 0x84),
      /* 0x18 */ sw(R.t1, R.t0, 0x1c), // overwrite the next instruction
      /* 0x1c */ X,
      /* 0x20 */ addi(R.t2, R.zero, 1),
      /* 0x24 */ beq(R.s1, R.t2, -0x1c), // first pass: loop to 0x08 (0x1c is decoded now)
      ...EXIT,
    ], { 0x80: X, 0x84: Y });
    runToExit(m);
    expect(m.reg(R.a0)).toBe(42n);
    expect(m.reg(R.s1)).toBe(2n);
  });

  it('the host writing guest memory (writePhys) replaces decoded code', () => {
    // 0x00: addi a0, a0, 1; 0x04: j 0x00
    const m = program([addi(R.a0, R.a0, 1), jal(-4, 0)]);
    m.run(1000);
    expect(m.reg(R.a0)).toBe(500n);
    const w = new Uint8Array(4);
    new DataView(w.buffer).setUint32(0, addi(R.a0, R.a0, 3), true);
    m.writePhys(BASE, w);
    m.run(1000);
    expect(m.reg(R.a0)).toBe(500n + 1500n);
  });
});

describe('fused pairs (addiw + branch, slli + srli) keep instruction-by-instruction semantics', () => {
  // 0x00 addi s1, zero, 0; 0x04 addi t2, zero, 10;
  // 0x08 c.addiw s1, 1; 0x0a bne s1, t2, 0x08;   (a fused pair)
  // 0x0e slli a0, a0, 32; 0x12 c.srli a0, 32;     (a fused pair)
  // 0x14... exit
  function loop(): Machine {
    const bytes = new Uint8Array(0x100);
    const dv = new DataView(bytes.buffer);
    const put32 = (o: number, w: number) => { dv.setUint16(o, w & 0xffff, true); dv.setUint16(o + 2, w >>> 16, true); };
    put32(0x00, addi(R.s1, R.zero, 0));
    put32(0x04, addi(R.t2, R.zero, 10));
    dv.setUint16(0x08, 0x2485, true); // c.addiw s1, 1
    put32(0x0a, bne(R.s1, R.t2, -2));
    put32(0x0e, i(32, R.a0, 1, R.a0, 0x13)); // slli a0, a0, 32
    dv.setUint16(0x12, 0x9101, true); // c.srli a0, 32
    EXIT.forEach((w, k) => put32(0x14 + 4 * k, w));
    const m = Machine.create({ memSize: 16 * 1024 * 1024 }).value!;
    m.writePhys(BASE, bytes);
    m.pc = BASE;
    m.setReg(R.a0, 0xffff_ffff_8765_4321n);
    return m;
  }

  it('run as a whole, they compute what their instructions do', () => {
    const m = loop();
    runToExit(m);
    expect(m.reg(R.s1)).toBe(10n);
    expect(m.reg(R.a0)).toBe(0x8765_4321n);
    expect(m.icount).toBe(2n + 20n + 2n + 4n);
  });

  it('single steps stop between the two instructions of a pair', () => {
    const m = loop();
    const pcs: bigint[] = [];
    for (let n = 0; n < 24; n++) {
      pcs.push(m.pc - BASE);
      expect(m.run(1).executed).toBe(1);
    }
    expect(pcs).toEqual([0n, 4n, ...Array(10).fill([8n, 0xan]).flat(), 0xen, 0x12n]);
    expect(m.reg(R.a0)).toBe(0x8765_4321n);
  });

  it('a breakpoint on the second instruction of a pair stops there every time', () => {
    const m = loop();
    m.setBreakpoints([BASE + 0xan, BASE + 0x12n]);
    const stops: [bigint, bigint][] = [];
    for (let n = 0; n < 40; n++) {
      const r = m.run(1000);
      if (r.reason === 'exit') break;
      expect(r.reason).toBe('break');
      stops.push([m.pc - BASE, m.reg(R.s1)]);
      m.skipBreakpointOnce();
    }
    expect(stops).toEqual([...Array.from({ length: 10 }, (_, k) => [0xan, BigInt(k + 1)]), [0x12n, 10n]]);
    expect(m.reg(R.a0)).toBe(0x8765_4321n);
  });
});

describe('breakpoints on decoded pages', () => {
  const aliasElf = new Uint8Array(readFileSync(join(BIN, 'alias.elf')));
  const VA_A = 0x4000_0000n;
  const VA_B = 0x4000_1000n;

  function stops(bps: bigint[]): { pcs: bigint[]; output: string; exit: number } {
    const m = Machine.create().value!;
    const elf = m.loadElf(aliasElf, 'alias').value!;
    m.boot({ entry: elf.entry });
    m.setBreakpoints(bps);
    const pcs: bigint[] = [];
    let output = '';
    for (let n = 0; n < 100; n++) {
      const r = m.run(1_000_000);
      output += Buffer.from(m.drainOutput()).toString('latin1');
      if (r.reason === 'exit') return { pcs, output, exit: m.exitCode };
      if (r.reason === 'break') {
        pcs.push(m.pc);
        m.skipBreakpointOnce();
      }
    }
    throw new Error('alias.elf did not finish');
  }

  it('a breakpoint on one alias of a physical page stops only there', () => {
    const ref = readFileSync(join(BIN, 'alias.qemu.out'), 'latin1');
    const b = stops([VA_B]);
    expect(b.pcs).toEqual([VA_B, VA_B, VA_B, VA_B]);
    expect(b.output).toBe(ref);
    const a = stops([VA_A]);
    expect(a.pcs).toEqual([VA_A, VA_A, VA_A, VA_A, VA_A]);
    const both = stops([VA_A, VA_B]);
    expect(both.pcs).toEqual([VA_A, VA_A, VA_B, VA_A, VA_B, VA_A, VA_B, VA_B, VA_A]);
    expect(both.output).toBe(ref);
    expect(both.exit).toBe(0);
  });

  it('an armed breakpoint that is never hit changes nothing', () => {
    const plain = stops([]);
    const armed = stops([VA_A + 0x800n, VA_B + 0xffen, 0x4000_2000n, 0x4000_5000n]);
    expect(armed.pcs).toEqual([]);
    expect(armed.output).toBe(plain.output);
  });

  it('a breakpoint set after its page was decoded stops there', () => {
    const m = systemMachine().value!;
    const s = new ConsoleSession(m);
    expect(s.waitFor('MenuOS>>', { maxInsns: 15_000_000 }).ok).toBe(true); // boot forked twice: copy_process is decoded
    const cp = findSymbol(m.images.find((x) => x.name === 'kernel')!.elf, 'copy_process')!.value;
    m.setBreakpoints([cp]);
    m.pushInput(new TextEncoder().encode('fork-new\n'));
    let reason = '';
    for (let n = 0; n < 200 && reason !== 'break'; n++) reason = m.run(100_000).reason;
    expect(reason).toBe('break');
    expect(m.pc).toBe(cp);
    // The stop is before the instruction: without the skip it stops again at once.
    expect(m.run(1).executed).toBe(0);
    m.skipBreakpointOnce();
    expect(m.run(1).executed).toBe(1);
    m.setBreakpoints([]);
    let out = '';
    for (let n = 0; n < 200 && !out.includes('Child Complete!'); n++) {
      m.run(100_000);
      out += Buffer.from(m.drainOutput()).toString('latin1');
    }
    expect(out).toContain('Child Complete!');
  });
});
