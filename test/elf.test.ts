import { describe, it, expect } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseElf, sectionData, findSymbol, type ElfImage } from '../src/elf.js';
import type { Result } from '../src/result.js';

// ---------------------------------------------------------------------------
// A tiny ELF64 writer, so the tests do not depend on a cross toolchain.

const PT_LOAD = 1;
const PT_NOTE = 4;
const SHT_PROGBITS = 1;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;
const STT = { notype: 0, object: 1, func: 2, section: 3, file: 4, tls: 6 };
const STB = { local: 0, global: 1, weak: 2, gnuUnique: 10 };

interface TSeg {
  type?: number;
  flags?: number;
  vaddr: bigint;
  paddr?: bigint;
  data: Uint8Array;
  memsz?: bigint;
}
interface TSym {
  name: string;
  value: bigint;
  size?: bigint;
  type?: number;
  bind?: number;
  shndx?: number;
}
interface TOpts {
  cls?: number;
  endian?: number;
  machine?: number;
  type?: number;
  entry?: bigint;
  segments?: TSeg[];
  symbols?: TSym[];
  symtabKind?: 'symtab' | 'dynsym';
  sections?: boolean;
}
interface Built {
  bytes: Uint8Array;
  phoff: number;
  shoff: number;
  shnum: number;
}

const enc = new TextEncoder();

class Buf {
  bytes = new Uint8Array(0);
  at(n: number): void {
    if (n > this.bytes.length) {
      const b = new Uint8Array(n);
      b.set(this.bytes);
      this.bytes = b;
    }
  }
  put(off: number, data: Uint8Array): void {
    this.at(off + data.length);
    this.bytes.set(data, off);
  }
  get dv(): DataView {
    return new DataView(this.bytes.buffer);
  }
}

const align = (n: number, a: number) => Math.ceil(n / a) * a;

function strtab(names: string[]): { data: Uint8Array; off: Map<string, number> } {
  const off = new Map<string, number>();
  let s = '\0';
  for (const n of names) {
    if (n === '' || off.has(n)) continue;
    off.set(n, s.length);
    s += n + '\0';
  }
  off.set('', 0);
  return { data: enc.encode(s), off };
}

function writeElf(o: TOpts = {}): Built {
  const segs: TSeg[] = o.segments ?? [
    { vaddr: 0x8000_0000n, flags: 5, data: new Uint8Array([0x13, 0, 0, 0, 0x6f, 0, 0, 0]) },
    { vaddr: 0x8000_1000n, flags: 6, data: new Uint8Array([1, 2, 3, 4]), memsz: 0x100n },
  ];
  const b = new Buf();
  b.at(64);
  const h = b.dv;
  b.put(0, new Uint8Array([0x7f, 0x45, 0x4c, 0x46, o.cls ?? 2, o.endian ?? 1, 1, 0]));
  h.setUint16(16, o.type ?? 2, true);
  h.setUint16(18, o.machine ?? 243, true);
  h.setUint32(20, 1, true);
  h.setBigUint64(24, o.entry ?? segs[0]?.vaddr ?? 0n, true);
  h.setUint16(52, 64, true);

  const phoff = 64;
  let pos = align(phoff + 56 * segs.length, 16);
  const segOffsets: number[] = [];
  for (const s of segs) {
    segOffsets.push(pos);
    b.put(pos, s.data);
    pos = align(pos + s.data.length, 16);
  }
  b.at(pos);
  segs.forEach((s, i) => {
    const dv = b.dv;
    const p = phoff + 56 * i;
    dv.setUint32(p, s.type ?? PT_LOAD, true);
    dv.setUint32(p + 4, s.flags ?? 5, true);
    dv.setBigUint64(p + 8, BigInt(segOffsets[i]), true);
    dv.setBigUint64(p + 16, s.vaddr, true);
    dv.setBigUint64(p + 24, s.paddr ?? s.vaddr, true);
    dv.setBigUint64(p + 32, BigInt(s.data.length), true);
    dv.setBigUint64(p + 40, s.memsz ?? BigInt(s.data.length), true);
    dv.setBigUint64(p + 48, 0x1000n, true);
  });
  {
    const dv = b.dv;
    dv.setBigUint64(32, BigInt(phoff), true);
    dv.setUint16(54, 56, true);
    dv.setUint16(56, segs.length, true);
  }
  if (o.sections === false) return { bytes: b.bytes, phoff, shoff: 0, shnum: 0 };

  // Sections: null, one per loaded segment (.text, .data, ...), .bss for the
  // last segment's zero fill, then the symbol table, its strings, .shstrtab.
  interface Sec {
    name: string;
    type: number;
    flags: bigint;
    addr: bigint;
    off: number;
    size: number;
    link: number;
    info: number;
    entsize: number;
  }
  const secs: Sec[] = [{ name: '', type: 0, flags: 0n, addr: 0n, off: 0, size: 0, link: 0, info: 0, entsize: 0 }];
  segs.forEach((s, i) => {
    if (s.type !== undefined && s.type !== PT_LOAD) return;
    const name = i === 0 ? '.text' : i === 1 ? '.data' : `.seg${i}`;
    const flags = i === 0 ? 6n : 3n;
    secs.push({ name, type: SHT_PROGBITS, flags, addr: s.vaddr, off: segOffsets[i], size: s.data.length, link: 0, info: 0, entsize: 0 });
    const memsz = s.memsz ?? BigInt(s.data.length);
    if (memsz > BigInt(s.data.length)) {
      const addr = s.vaddr + BigInt(s.data.length);
      secs.push({ name: '.bss', type: SHT_NOBITS, flags: 3n, addr, off: pos, size: Number(memsz) - s.data.length, link: 0, info: 0, entsize: 0 });
    }
  });

  const syms = o.symbols ?? [];
  if (syms.length > 0) {
    const dyn = o.symtabKind === 'dynsym';
    const st = strtab(syms.map((s) => s.name));
    const strIndex = secs.length + 1;
    const symData = new Uint8Array(24 * (syms.length + 1));
    const sdv = new DataView(symData.buffer);
    syms.forEach((s, i) => {
      const p = 24 * (i + 1);
      sdv.setUint32(p, st.off.get(s.name)!, true);
      sdv.setUint8(p + 4, ((s.bind ?? STB.global) << 4) | (s.type ?? STT.func));
      sdv.setUint16(p + 6, s.shndx ?? 1, true);
      sdv.setBigUint64(p + 8, s.value, true);
      sdv.setBigUint64(p + 16, s.size ?? 0n, true);
    });
    pos = align(pos, 8);
    b.put(pos, symData);
    secs.push({
      name: dyn ? '.dynsym' : '.symtab',
      type: dyn ? SHT_DYNSYM : SHT_SYMTAB,
      flags: 0n,
      addr: 0n,
      off: pos,
      size: symData.length,
      link: strIndex,
      info: 1,
      entsize: 24,
    });
    pos += symData.length;
    b.put(pos, st.data);
    secs.push({ name: dyn ? '.dynstr' : '.strtab', type: SHT_STRTAB, flags: 0n, addr: 0n, off: pos, size: st.data.length, link: 0, info: 0, entsize: 0 });
    pos += st.data.length;
  }

  const names = strtab([...secs.map((s) => s.name), '.shstrtab']);
  secs.push({ name: '.shstrtab', type: SHT_STRTAB, flags: 0n, addr: 0n, off: pos, size: names.data.length, link: 0, info: 0, entsize: 0 });
  b.put(pos, names.data);
  pos = align(pos + names.data.length, 8);

  const shoff = pos;
  b.at(shoff + 64 * secs.length);
  const dv = b.dv;
  secs.forEach((s, i) => {
    const p = shoff + 64 * i;
    dv.setUint32(p, names.off.get(s.name)!, true);
    dv.setUint32(p + 4, s.type, true);
    dv.setBigUint64(p + 8, s.flags, true);
    dv.setBigUint64(p + 16, s.addr, true);
    dv.setBigUint64(p + 24, BigInt(s.off), true);
    dv.setBigUint64(p + 32, BigInt(s.size), true);
    dv.setUint32(p + 40, s.link, true);
    dv.setUint32(p + 44, s.info, true);
    dv.setBigUint64(p + 48, 1n, true);
    dv.setBigUint64(p + 56, BigInt(s.entsize), true);
  });
  dv.setBigUint64(40, BigInt(shoff), true);
  dv.setUint16(58, 64, true);
  dv.setUint16(60, secs.length, true);
  dv.setUint16(62, secs.length - 1, true);
  return { bytes: b.bytes, phoff, shoff, shnum: secs.length };
}

const SYMS: TSym[] = [
  { name: '_start', value: 0x8000_0000n, size: 8n, type: STT.func, bind: STB.global, shndx: 1 },
  { name: 'counter', value: 0x8000_1000n, size: 4n, type: STT.object, bind: STB.global, shndx: 2 },
  { name: 'helper', value: 0x8000_0004n, size: 4n, type: STT.func, bind: STB.local, shndx: 1 },
  { name: 'weakling', value: 0x8000_0004n, type: STT.notype, bind: STB.weak, shndx: 1 },
  { name: 'main.c', value: 0n, type: STT.file, bind: STB.local, shndx: 0xfff1 },
  { name: '', value: 0x8000_0000n, type: STT.section, bind: STB.local, shndx: 1 },
  { name: 'tlsvar', value: 0n, type: STT.tls, bind: STB.gnuUnique, shndx: 2 },
];

function patch(bytes: Uint8Array, off: number, width: 2 | 4 | 8, value: number | bigint): Uint8Array {
  const out = bytes.slice();
  const dv = new DataView(out.buffer);
  if (width === 2) dv.setUint16(off, Number(value), true);
  else if (width === 4) dv.setUint32(off, Number(value), true);
  else dv.setBigUint64(off, BigInt(value), true);
  return out;
}

function expectOk(r: Result<ElfImage>): ElfImage {
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.value;
}

function expectErr(r: Result<ElfImage>): string {
  if (r.ok) throw new Error('expected an error, got success');
  return r.error;
}

// ---------------------------------------------------------------------------

describe('parseElf: well-formed files', () => {
  it('reads entry, type and PT_LOAD segments', () => {
    const { bytes } = writeElf({ entry: 0x8000_0004n });
    const img = expectOk(parseElf(bytes));
    expect(img.entry).toBe(0x8000_0004n);
    expect(img.type).toBe('exec');
    expect(img.bytes).toBe(bytes);
    expect(img.segments).toHaveLength(2);
    const [text, data] = img.segments;
    expect(text.vaddr).toBe(0x8000_0000n);
    expect(text.paddr).toBe(0x8000_0000n);
    expect(text.memsz).toBe(8n);
    expect(text.flags).toBe(5);
    expect([...text.data]).toEqual([0x13, 0, 0, 0, 0x6f, 0, 0, 0]);
    expect(data.memsz).toBe(0x100n);
    expect([...data.data]).toEqual([1, 2, 3, 4]);
    expect(data.flags).toBe(6);
  });

  it('accepts ET_DYN and keeps distinct physical addresses', () => {
    const img = expectOk(
      parseElf(
        writeElf({
          type: 3,
          segments: [{ vaddr: 0xffff_ffff_8000_0000n, paddr: 0x8020_0000n, data: new Uint8Array(16) }],
        }).bytes,
      ),
    );
    expect(img.type).toBe('dyn');
    expect(img.segments[0].vaddr).toBe(0xffff_ffff_8000_0000n);
    expect(img.segments[0].paddr).toBe(0x8020_0000n);
  });

  it('skips non-LOAD program headers and empty PT_LOADs', () => {
    const img = expectOk(
      parseElf(
        writeElf({
          segments: [
            { type: PT_NOTE, vaddr: 0n, data: new Uint8Array(8) },
            { vaddr: 0x8000_0000n, data: new Uint8Array(4) },
            { vaddr: 0x9000_0000n, data: new Uint8Array(0), memsz: 0n },
            { vaddr: 0x8000_2000n, data: new Uint8Array(0), memsz: 0x40n }, // pure bss
          ],
        }).bytes,
      ),
    );
    expect(img.segments.map((s) => s.vaddr)).toEqual([0x8000_0000n, 0x8000_2000n]);
    expect(img.segments[1].data.length).toBe(0);
    expect(img.segments[1].memsz).toBe(0x40n);
  });

  it('reads sections and their data', () => {
    const img = expectOk(parseElf(writeElf({ symbols: SYMS }).bytes));
    expect(img.sections.map((s) => s.name)).toEqual(['', '.text', '.data', '.bss', '.symtab', '.strtab', '.shstrtab']);
    const text = img.sections[1];
    expect(text.addr).toBe(0x8000_0000n);
    expect(text.type).toBe(SHT_PROGBITS);
    expect(text.flags).toBe(6n);
    expect(text.size).toBe(8);
    expect([...sectionData(img, '.text')!]).toEqual([...img.segments[0].data]);
    expect([...sectionData(img, '.data')!]).toEqual([1, 2, 3, 4]);
    expect(img.sections[3].size).toBe(0x100 - 4);
    expect(sectionData(img, '.bss')).toBeUndefined(); // NOBITS has no file data
    expect(sectionData(img, '.nope')).toBeUndefined();
  });

  it('reads named symbols with type and binding', () => {
    const img = expectOk(parseElf(writeElf({ symbols: SYMS }).bytes));
    // The unnamed section symbol is skipped.
    expect(img.symbols.map((s) => s.name)).toEqual(['_start', 'counter', 'helper', 'weakling', 'main.c', 'tlsvar']);
    expect(findSymbol(img, '_start')).toEqual({
      name: '_start',
      value: 0x8000_0000n,
      size: 8n,
      type: 'func',
      bind: 'global',
      shndx: 1,
    });
    expect(findSymbol(img, 'counter')).toMatchObject({ type: 'object', size: 4n, shndx: 2 });
    expect(findSymbol(img, 'helper')).toMatchObject({ bind: 'local' });
    expect(findSymbol(img, 'weakling')).toMatchObject({ bind: 'weak', type: 'notype' });
    expect(findSymbol(img, 'main.c')).toMatchObject({ type: 'file', shndx: 0xfff1 });
    expect(findSymbol(img, 'tlsvar')).toMatchObject({ type: 'other', bind: 'other' });
    expect(findSymbol(img, 'missing')).toBeUndefined();
  });

  it('findSymbol prefers a global over locals of the same name', () => {
    const img = expectOk(
      parseElf(
        writeElf({
          symbols: [
            { name: 'dup', value: 1n, bind: STB.local },
            { name: 'dup', value: 2n, bind: STB.global },
            { name: 'loc', value: 3n, bind: STB.local },
            { name: 'loc', value: 4n, bind: STB.local },
          ],
        }).bytes,
      ),
    );
    expect(findSymbol(img, 'dup')?.value).toBe(2n);
    expect(findSymbol(img, 'loc')?.value).toBe(3n);
  });

  it('falls back to .dynsym when there is no .symtab', () => {
    const img = expectOk(parseElf(writeElf({ symbols: SYMS.slice(0, 2), symtabKind: 'dynsym' }).bytes));
    expect(img.sections.some((s) => s.name === '.dynsym')).toBe(true);
    expect(img.symbols.map((s) => s.name)).toEqual(['_start', 'counter']);
  });

  it('loads a file without section headers', () => {
    const img = expectOk(parseElf(writeElf({ sections: false }).bytes));
    expect(img.segments).toHaveLength(2);
    expect(img.sections).toEqual([]);
    expect(img.symbols).toEqual([]);
  });

  it('works on a view into a larger buffer', () => {
    const { bytes } = writeElf({ symbols: SYMS });
    const big = new Uint8Array(bytes.length + 100);
    big.set(bytes, 37);
    const img = expectOk(parseElf(big.subarray(37, 37 + bytes.length)));
    expect([...img.segments[0].data]).toEqual([0x13, 0, 0, 0, 0x6f, 0, 0, 0]);
    expect(findSymbol(img, 'counter')?.value).toBe(0x8000_1000n);
  });
});

describe('parseElf: broken section headers still load', () => {
  const base = writeElf({ symbols: SYMS });
  const cases: [string, Uint8Array][] = [
    ['e_shoff past the end', patch(base.bytes, 40, 8, base.bytes.length + 1000)],
    ['e_shoff huge', patch(base.bytes, 40, 8, 0xffff_ffff_ffff_fff0n)],
    ['e_shnum too large', patch(base.bytes, 60, 2, 0x7fff)],
    ['e_shentsize wrong', patch(base.bytes, 58, 2, 40)],
    ['e_shstrndx out of range', patch(base.bytes, 62, 2, 200)],
    ['e_shstrndx not a string table', patch(base.bytes, 62, 2, 1)],
    ['a section outside the file', patch(base.bytes, base.shoff + 64 * 2 + 24, 8, 1n << 40n)],
    ['a bad section name offset', patch(base.bytes, base.shoff + 64 * 1, 4, 0xffff)],
  ];
  for (const [what, bytes] of cases) {
    it(what, () => {
      const img = expectOk(parseElf(bytes));
      expect(img.segments).toHaveLength(2);
      expect(img.sections).toEqual([]);
      expect(img.symbols).toEqual([]);
    });
  }

  it('a bad symbol table drops only the symbols', () => {
    // Section 4 is .symtab; give it a wrong entry size.
    const bytes = patch(base.bytes, base.shoff + 64 * 4 + 56, 8, 16);
    const img = expectOk(parseElf(bytes));
    expect(img.sections).toHaveLength(base.shnum);
    expect(img.symbols).toEqual([]);
  });

  it('a symbol with a bad name offset is skipped', () => {
    const img0 = expectOk(parseElf(base.bytes));
    const symtab = img0.sections.find((s) => s.name === '.symtab')!;
    // Symbol 1 is _start.
    const img = expectOk(parseElf(patch(base.bytes, symtab.offset + 24, 4, 0xffffff)));
    expect(img.symbols.map((s) => s.name)).toEqual(['counter', 'helper', 'weakling', 'main.c', 'tlsvar']);
  });
});

describe('parseElf: errors', () => {
  const good = writeElf().bytes;
  const cases: [string, Uint8Array, string][] = [
    ['empty file', new Uint8Array(0), 'not an ELF file (file is empty)'],
    ['bad magic', enc.encode('#!/bin/sh\necho hello\n'.padEnd(100)), 'not an ELF file (bad magic)'],
    ['a prefix of the magic', good.subarray(0, 3), 'truncated ELF header'],
    ['truncated header', good.subarray(0, 40), 'truncated ELF header'],
    ['32-bit', writeElf({ cls: 1 }).bytes, 'ELF is 32-bit; rvlab needs ELF64'],
    ['bad class', writeElf({ cls: 7 }).bytes, 'ELF class 7 is invalid (expected 2 for ELF64)'],
    ['big-endian', writeElf({ endian: 2 }).bytes, 'ELF is big-endian'],
    ['bad data encoding', writeElf({ endian: 0 }).bytes, 'ELF data encoding 0 is invalid (expected 1 for little-endian)'],
    ['bad ident version', patch(good, 6, 2, 0x0002), 'ELF version 2 is unsupported (expected 1)'],
    ['bad e_version', patch(good, 20, 4, 9), 'ELF version 9 is unsupported (expected 1)'],
    ['x86-64', writeElf({ machine: 62 }).bytes, 'ELF machine is x86-64 (62), not RISC-V (243)'],
    ['AArch64', writeElf({ machine: 183 }).bytes, 'ELF machine is AArch64 (183), not RISC-V (243)'],
    ['ARM', writeElf({ machine: 40 }).bytes, 'ELF machine is ARM (40), not RISC-V (243)'],
    ['i386', writeElf({ machine: 3 }).bytes, 'ELF machine is i386 (3), not RISC-V (243)'],
    ['unknown machine', writeElf({ machine: 4242 }).bytes, 'ELF machine is unknown (4242), not RISC-V (243)'],
    ['ET_REL', writeElf({ type: 1 }).bytes, 'ELF type is relocatable (ET_REL); need an executable'],
    ['ET_CORE', writeElf({ type: 4 }).bytes, 'ELF type is core dump (ET_CORE); need an executable'],
    ['ET_NONE', writeElf({ type: 0 }).bytes, 'ELF type is none (ET_NONE); need an executable'],
    ['unknown type', writeElf({ type: 0xfe00 }).bytes, 'ELF type is unknown (0xfe00); need an executable'],
    ['no program headers', writeElf({ segments: [] }).bytes, 'no loadable segments'],
    ['only non-LOAD segments', writeElf({ segments: [{ type: PT_NOTE, vaddr: 0n, data: new Uint8Array(4) }] }).bytes, 'no loadable segments'],
    ['only empty LOADs', writeElf({ segments: [{ vaddr: 0n, data: new Uint8Array(0) }] }).bytes, 'no loadable segments'],
    ['bad e_phentsize', patch(good, 54, 2, 32), 'program header entry size is 32; expected 56'],
    ['e_phoff past the end', patch(good, 32, 8, good.length), 'program header 0 lies outside the file'],
    ['e_phoff huge', patch(good, 32, 8, 0xffff_ffff_ffff_ffffn), 'program header 0 lies outside the file'],
    // Without sections the file ends inside program header 2.
    ['e_phnum too large', patch(writeElf({ sections: false }).bytes, 56, 2, 3), 'program header 2 lies outside the file'],
    ['filesz > memsz', patch(good, 64 + 56 + 40, 8, 2), 'segment 1: file size larger than memory size'],
    ['segment data outside the file', patch(good, 64 + 56 + 8, 8, good.length - 2), 'segment 1: data lies outside the file'],
    ['segment offset huge', patch(good, 64 + 8, 8, 0xffff_ffff_ffff_fff0n), 'segment 0: data lies outside the file'],
    ['vaddr wraps', patch(good, 64 + 16, 8, 0xffff_ffff_ffff_fffcn), 'segment 0: address range wraps past the end of the address space'],
    ['paddr wraps', patch(good, 64 + 24, 8, 0xffff_ffff_ffff_fffcn), 'segment 0: address range wraps past the end of the address space'],
    ['PN_XNUM without section 0', patch(patch(good, 56, 2, 0xffff), 40, 8, 0), 'program header count is in section header 0 (PN_XNUM), which lies outside the file'],
  ];
  for (const [what, bytes, message] of cases) {
    it(what, () => {
      expect(expectErr(parseElf(bytes))).toBe(message);
    });
  }

  it('reads the real program header count from section 0 (PN_XNUM)', () => {
    const b = writeElf();
    const bytes = patch(patch(b.bytes, 56, 2, 0xffff), b.shoff + 44, 4, 2);
    expect(expectOk(parseElf(bytes)).segments).toHaveLength(2);
  });
});

// ---------------------------------------------------------------------------
// Fuzzing: parseElf must return a Result for any input, never throw.

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const INTERESTING = [0n, 1n, 0x38n, 0x40n, 0x7fn, 0x80n, 0xffn, 0xffffn, 0x7fff_ffffn, 0xffff_ffffn, 1n << 53n, (1n << 63n) - 1n, (1n << 64n) - 1n];

/** One random corruption of `src`: byte noise, an interesting value at some offset, or truncation. */
function mutate(src: Uint8Array, rnd: () => number, fieldOffsets: number[]): Uint8Array {
  const pick = (n: number) => Math.floor(rnd() * n);
  const out = new Uint8Array(src); // a copy (Buffer#slice would be a view)
  const dv = new DataView(out.buffer);
  const rounds = 1 + pick(4);
  for (let r = 0; r < rounds; r++) {
    const kind = pick(4);
    if (kind === 0) {
      out[pick(out.length)] = pick(256);
    } else if (kind === 1 || kind === 2) {
      // Header-ish fields are where the bounds checks live: aim there often.
      const off = kind === 1 && fieldOffsets.length > 0 ? fieldOffsets[pick(fieldOffsets.length)] : pick(out.length);
      let v = INTERESTING[pick(INTERESTING.length)];
      if (rnd() < 0.3) v = BigInt(pick(src.length * 2));
      const width = [2, 4, 8][pick(3)];
      if (off + width > out.length) continue;
      if (width === 2) dv.setUint16(off, Number(v & 0xffffn), true);
      else if (width === 4) dv.setUint32(off, Number(v & 0xffff_ffffn), true);
      else dv.setBigUint64(off, v, true);
    } else {
      const start = pick(out.length);
      out.fill(pick(2) ? 0 : 0xff, start, start + pick(16));
    }
  }
  if (rnd() < 0.15) return out.subarray(0, pick(out.length + 1));
  return out;
}

function fieldOffsetsOf(b: Uint8Array): number[] {
  const dv = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const offs = [16, 18, 20, 24, 32, 40, 54, 56, 58, 60, 62];
  const phoff = Number(dv.getBigUint64(32, true));
  const phnum = dv.getUint16(56, true);
  for (let i = 0; i < phnum; i++) for (const f of [0, 4, 8, 16, 24, 32, 40]) offs.push(phoff + 56 * i + f);
  const shoff = Number(dv.getBigUint64(40, true));
  const shnum = dv.getUint16(60, true);
  for (let i = 0; i < shnum; i++) for (const f of [0, 4, 24, 32, 40, 56]) offs.push(shoff + 64 * i + f);
  return offs.filter((o) => o < b.length);
}

/** Asserts the Result is well-formed and everything it points at is usable. */
function checkResult(r: Result<ElfImage>, input: Uint8Array): void {
  expect(typeof r.ok).toBe('boolean');
  if (!r.ok) {
    expect(r.error.length).toBeGreaterThan(0);
    expect(r.error).not.toContain('\n');
    return;
  }
  const img = r.value;
  expect(img.segments.length).toBeGreaterThan(0);
  for (const s of img.segments) {
    expect(BigInt(s.data.length) <= s.memsz).toBe(true);
    expect(s.data.buffer).toBe(input.buffer);
  }
  for (const sec of img.sections) sectionData(img, sec.name);
  for (const sym of img.symbols) {
    expect(sym.name.length).toBeGreaterThan(0);
    findSymbol(img, sym.name);
  }
}

function fuzz(src: Uint8Array, iterations: number, seed: number): { ok: number; errors: Set<string> } {
  const rnd = mulberry32(seed);
  const fields = fieldOffsetsOf(src);
  const errors = new Set<string>();
  let okCount = 0;
  for (let i = 0; i < iterations; i++) {
    const input = mutate(src, rnd, fields);
    let r: Result<ElfImage>;
    try {
      r = parseElf(input);
    } catch (e) {
      throw new Error(`parseElf threw on mutation ${i} (seed ${seed}): ${String(e)}`);
    }
    checkResult(r, input);
    if (r.ok) okCount++;
    else errors.add(r.error.replace(/\d+/g, 'N'));
  }
  return { ok: okCount, errors };
}

describe('parseElf: fuzzing', () => {
  const src = writeElf({ symbols: SYMS }).bytes;

  it('never throws on any truncation', () => {
    for (let n = 0; n <= src.length; n++) {
      const input = src.slice(0, n);
      checkResult(parseElf(input), input);
    }
  });

  it('never throws on 10000 random mutations', () => {
    const { ok, errors } = fuzz(src, 10_000, 0x5eed);
    // Sanity: the fuzzer exercises both outcomes and many distinct checks.
    expect(ok).toBeGreaterThan(100);
    expect(errors.size).toBeGreaterThan(8);
  });
});

// ---------------------------------------------------------------------------
// Real files.

const GCC = '/usr/bin/riscv64-unknown-elf-gcc';
const READELF = '/usr/bin/riscv64-unknown-elf-readelf';
const hasGcc = existsSync(GCC);
const GCC_LIB = '/usr/lib/gcc/riscv64-unknown-elf';

describe('parseElf: real files', () => {
  it.skipIf(!existsSync('/bin/ls'))('rejects /bin/ls with the machine error', () => {
    const error = expectErr(parseElf(readFileSync('/bin/ls')));
    if (process.arch === 'x64') expect(error).toBe('ELF machine is x86-64 (62), not RISC-V (243)');
    else expect(error).toMatch(/^ELF machine is .+ \(\d+\), not RISC-V \(243\)$/);
  });

  it.skipIf(!existsSync(GCC_LIB))('rejects a toolchain object file (ET_REL)', () => {
    const found = execFileSync('find', [GCC_LIB, '-name', 'crtbegin.o'], { encoding: 'utf8' }).trim().split('\n')[0];
    if (!found) return;
    const bytes = readFileSync(found);
    const error = expectErr(parseElf(bytes));
    // rv32 multilib variants are ELF32; the default one is a 64-bit object.
    expect(['ELF type is relocatable (ET_REL); need an executable', 'ELF is 32-bit; rvlab needs ELF64']).toContain(error);
  });

  describe.skipIf(!hasGcc)('compiled with riscv64-unknown-elf-gcc', () => {
    const PROGRAM = `
      volatile int counter = 42;
      int table[64];
      static int helper(int x) { return x * 3 + counter; }
      int compute(int n) { int s = 0; for (int i = 0; i < n; i++) s += helper(i) + table[i & 63]; return s; }
      void _start(void) { counter = compute(10); for (;;) {} }
    `;
    let dir = '';
    const build = (args: string[], out: string): Uint8Array => {
      execFileSync(GCC, [...args, join(dir, 'prog.c'), '-o', join(dir, out)], { stdio: 'pipe' });
      return readFileSync(join(dir, out));
    };
    const withDir = <T>(f: () => T): T => {
      dir = mkdtempSync(join(tmpdir(), 'rvlab-elf-'));
      try {
        writeFileSync(join(dir, 'prog.c'), PROGRAM);
        return f();
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const exeArgs = ['-O1', '-march=rv64imac', '-mabi=lp64', '-mcmodel=medany', '-nostdlib', '-nostartfiles', '-static', '-Wl,-Ttext=0x80000000'];

    it('parses an executable and agrees with readelf', () => {
      withDir(() => {
        const bytes = build(exeArgs, 'prog.elf');
        const img = expectOk(parseElf(bytes));
        expect(img.type).toBe('exec');

        const start = findSymbol(img, '_start');
        expect(start?.type).toBe('func');
        expect(img.entry).toBe(start!.value);
        expect(findSymbol(img, 'counter')).toMatchObject({ type: 'object', bind: 'global', size: 4n });
        expect(findSymbol(img, 'table')).toMatchObject({ type: 'object', size: 256n });
        expect(findSymbol(img, 'compute')?.type).toBe('func');

        // .text bytes are found where the segment that contains them says.
        const text = img.sections.find((s) => s.name === '.text')!;
        const seg = img.segments.find((s) => s.vaddr <= text.addr && text.addr + BigInt(text.size) <= s.vaddr + BigInt(s.data.length))!;
        expect(seg.flags & 1).toBe(1); // PF_X
        const at = Number(text.addr - seg.vaddr);
        expect([...seg.data.subarray(at, at + text.size)]).toEqual([...sectionData(img, '.text')!]);
        expect(img.sections.find((s) => s.name === '.bss')?.type).toBe(SHT_NOBITS);

        // Cross-check the PT_LOADs with binutils, if readelf is there.
        if (existsSync(READELF)) {
          const out = execFileSync(READELF, ['-lW', join(dir, 'prog.elf')], { encoding: 'utf8' });
          const loads = [...out.matchAll(/^\s*LOAD\s+(0x\S+)\s+(0x\S+)\s+(0x\S+)\s+(0x\S+)\s+(0x\S+)/gm)]
            .map((m) => ({ vaddr: BigInt(m[2]), paddr: BigInt(m[3]), filesz: BigInt(m[4]), memsz: BigInt(m[5]) }))
            .filter((l) => l.memsz > 0n);
          expect(img.segments.map((s) => ({ vaddr: s.vaddr, paddr: s.paddr, filesz: BigInt(s.data.length), memsz: s.memsz }))).toEqual(loads);
        }
      });
    });

    it('loads a stripped executable (no symbols)', () => {
      withDir(() => {
        const img = expectOk(parseElf(build([...exeArgs, '-s'], 'prog.stripped')));
        expect(img.symbols).toEqual([]);
        expect(img.segments.length).toBeGreaterThan(0);
      });
    });

    it('rejects an object file and a 32-bit executable', () => {
      withDir(() => {
        expect(expectErr(parseElf(build(['-c', '-march=rv64imac', '-mabi=lp64'], 'prog.o')))).toBe(
          'ELF type is relocatable (ET_REL); need an executable',
        );
        const rv32 = build(['-march=rv32imac', '-mabi=ilp32', '-nostdlib', '-nostartfiles', '-Wl,-Ttext=0x80000000'], 'prog32.elf');
        expect(expectErr(parseElf(rv32))).toBe('ELF is 32-bit; rvlab needs ELF64');
      });
    });

    it('never throws on 5000 mutations of the compiled executable', () => {
      withDir(() => {
        const { ok } = fuzz(build(exeArgs, 'prog.elf'), 5000, 1234);
        expect(ok).toBeGreaterThan(10);
      });
    });
  });
});
