/**
 * Whatever the guest does, the core must not trap the WebAssembly instance,
 * touch memory outside guest RAM, or hang a slice: run random code (random
 * instruction words, and random mixes of valid loads, stores, CSR writes,
 * atomics and jumps) in every privilege mode and check that each slice returns.
 */
import { describe, it, expect } from 'vitest';
import { Machine } from '../src/machine.js';

function rng(seed: number) {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s >>>= 0;
    s ^= s >>> 17;
    s ^= s << 5;
    s >>>= 0;
    return s;
  };
}

// Encoders for the "plausible" instruction mix.
const R = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number) =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const I = (imm: number, rs1: number, f3: number, rd: number, op: number) =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;

function plausible(r: () => number): number {
  const rd = r() % 32, rs1 = r() % 32, rs2 = r() % 32;
  switch (r() % 10) {
    case 0: return I(r(), rs1, r() % 8, rd, 0x03); // loads (any address)
    case 1: return (R(r() % 128, rs2, rs1, r() % 4, r() % 32, 0x23)) >>> 0; // stores
    case 2: return I(r(), rs1, 1 + (r() % 7), rd, 0x73); // CSR ops on random CSRs
    case 3: return R((r() % 32) << 2, rs2, rs1, 2 + (r() % 2), rd, 0x2f); // atomics
    case 4: return I(r(), rs1, 0, rd, 0x67); // jalr anywhere
    case 5: return [0x00000073, 0x00100073, 0x30200073, 0x10200073, 0x10500073, 0x12000073][r() % 6];
    case 6: return ((r() & 0xfffff000) | (rd << 7) | 0x37) >>> 0; // lui
    case 7: return R(r() % 2, rs2, rs1, r() % 8, rd, 0x33);
    case 8: return I(r(), rs1, r() % 8, rd, 0x13);
    default: return r();
  }
}

function fuzz(seed: number, gen: (r: () => number) => number, priv: number) {
  const m = Machine.create({ memSize: 2 * 1024 * 1024 });
  if (!m.ok) throw new Error(m.error);
  const mach = m.value;
  const r = rng(seed);
  const code = new Uint8Array(64 * 1024);
  const dv = new DataView(code.buffer);
  for (let i = 0; i < code.length; i += 4) dv.setUint32(i, gen(r), true);
  mach.writePhys(0x8000_0000n, code);
  mach.pc = 0x8000_0000n;
  // Registers point at interesting places: RAM, devices, nowhere.
  const bases = [0x8000_0000n, 0x8000_1000n, 0x801f_fff8n, 0x1000_0000n, 0x0200_0000n, 0x0c00_0000n, 0x10_0000n, 0n, (1n << 64n) - 8n, 0x7fff_ffffn];
  for (let i = 1; i < 32; i++) mach.setReg(i, bases[r() % bases.length] + BigInt(r() % 4096));
  mach.core.set64(mach.core.addr.PRIV_ADDR, BigInt(priv));
  let total = 0;
  for (let slice = 0; slice < 20; slice++) {
    const res = mach.run(10_000);
    total += res.executed;
    expect(res.executed).toBeLessThanOrEqual(10_000);
    if (res.reason === 'exit' || res.reason === 'reset') break;
    mach.drainOutput();
  }
  return total;
}

describe('random guests cannot hurt the host', () => {
  it('random instruction words in M, S and U mode', () => {
    for (let seed = 1; seed <= 30; seed++) for (const p of [0, 1, 3]) fuzz(seed * 7919 + p, (r) => r(), p);
  });
  it('random loads, stores, CSR writes, atomics, xRET, WFI and jumps', () => {
    for (let seed = 1; seed <= 30; seed++) for (const p of [0, 1, 3]) fuzz(seed * 104729 + p, plausible, p);
  });
  it('random compressed instructions', () => {
    for (let seed = 1; seed <= 20; seed++) fuzz(seed * 31 + 5, (r) => (r() & 0xffff) | ((r() & 0xffff) << 16), 3);
  });
});
