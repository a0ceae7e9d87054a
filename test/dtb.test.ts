import { describe, it, expect } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  buildDtb,
  encodeDtb,
  parseDtb,
  dtGet,
  propU32s,
  propU64s,
  propStrings,
  type BoardConfig,
  type DtNode,
} from '../src/dtb.js';
import type { Result } from '../src/result.js';

const CFG: BoardConfig = {
  memBase: 0x8000_0000n,
  memSize: 128n << 20n,
  timebaseFrequency: 10_000_000,
  isa: 'rv64imac_zicsr_zifencei_zicntr_sstc',
  mmuType: 'riscv,sv39',
};
const FULL: BoardConfig = {
  ...CFG,
  bootargs: 'console=ttyS0 earlycon=sbi rdinit=/init',
  initrd: { start: 0x8400_0000n, end: 0x8412_3456n },
};

function expectOk<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`expected success, got: ${r.error}`);
  return r.value;
}
function expectErr<T>(r: Result<T>): string {
  if (r.ok) throw new Error('expected an error, got success');
  return r.error;
}

function tree(cfg: BoardConfig = FULL): DtNode {
  return expectOk(parseDtb(buildDtb(cfg)));
}

function node(root: DtNode, path: string): DtNode {
  const n = dtGet(root, path);
  if (!n) throw new Error(`no node ${path}`);
  return n;
}

function prop(root: DtNode, path: string, name: string): Uint8Array {
  const p = node(root, path).props.get(name);
  if (!p) throw new Error(`no property ${path}:${name}`);
  return p;
}

const u32 = (root: DtNode, path: string, name: string) => propU32s(prop(root, path, name));
const strs = (root: DtNode, path: string, name: string) => propStrings(prop(root, path, name));

function* walk(n: DtNode, path = ''): Generator<[string, DtNode]> {
  yield [path === '' ? '/' : path, n];
  for (const c of n.children) yield* walk(c, `${path}/${c.name}`);
}

const be = (bytes: Uint8Array) => new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

// ---------------------------------------------------------------------------

describe('buildDtb: blob layout', () => {
  const blob = buildDtb(FULL);
  const h = be(blob);
  const word = (i: number) => h.getUint32(i * 4);

  it('has a v17 header in the same layout as QEMU', () => {
    expect(word(0)).toBe(0xd00dfeed);
    expect(word(1)).toBe(blob.length); // totalsize
    expect(word(2)).toBe(0x38); // off_dt_struct
    expect(word(4)).toBe(0x28); // off_mem_rsvmap
    expect(word(5)).toBe(17); // version
    expect(word(6)).toBe(16); // last_comp_version
    expect(word(7)).toBe(0); // boot_cpuid_phys
    expect(word(3)).toBe(0x38 + word(9)); // strings follow the structure block
    expect(word(3) + word(8)).toBe(blob.length);
    expect(h.getBigUint64(0x28)).toBe(0n); // empty reservation map
    expect(h.getBigUint64(0x30)).toBe(0n);
  });

  it('deduplicates the strings block', () => {
    const strings = new TextDecoder().decode(blob.subarray(word(3), word(3) + word(8)));
    const names = strings.split('\0').slice(0, -1);
    expect(new Set(names).size).toBe(names.length);
    const used = new Set<string>();
    for (const [, n] of walk(tree())) for (const k of n.props.keys()) used.add(k);
    expect(new Set(names)).toEqual(used);
    expect(names.filter((n) => n === 'compatible')).toHaveLength(1);
  });

  it('is deterministic', () => {
    expect(buildDtb(FULL)).toEqual(blob);
  });

  it('round-trips through parseDtb and encodeDtb byte for byte', () => {
    for (const cfg of [CFG, FULL]) {
      const b = buildDtb(cfg);
      expect(encodeDtb(expectOk(parseDtb(b)))).toEqual(b);
    }
  });
});

describe('buildDtb: board contents', () => {
  const t = tree();

  it('root', () => {
    expect(t.name).toBe('');
    expect([...t.props.keys()]).toEqual(['#address-cells', '#size-cells', 'compatible', 'model']);
    expect(u32(t, '/', '#address-cells')).toEqual([2]);
    expect(u32(t, '/', '#size-cells')).toEqual([2]);
    expect(strs(t, '/', 'compatible')).toEqual(['riscv-virtio']);
    expect(strs(t, '/', 'model')).toEqual(['riscv-virtio,qemu']);
    expect(t.children.map((c) => c.name)).toEqual(['chosen', 'poweroff', 'reboot', 'memory@80000000', 'cpus', 'soc']);
  });

  it('memory', () => {
    expect(strs(t, '/memory@80000000', 'device_type')).toEqual(['memory']);
    expect(propU64s(prop(t, '/memory@80000000', 'reg'))).toEqual([0x8000_0000n, 128n << 20n]);

    const big = tree({ ...CFG, memBase: 0x1_0000_0000n, memSize: 6n << 30n });
    expect(propU64s(prop(big, '/memory@100000000', 'reg'))).toEqual([0x1_0000_0000n, 6n << 30n]);
    expect(propU32s(prop(big, '/memory', 'reg'))).toEqual([1, 0, 1, 0x8000_0000]);
  });

  it('chosen with bootargs and initrd', () => {
    expect([...node(t, '/chosen').props.keys()]).toEqual(['linux,initrd-end', 'linux,initrd-start', 'bootargs', 'stdout-path']);
    expect(strs(t, '/chosen', 'bootargs')).toEqual([FULL.bootargs]);
    expect(strs(t, '/chosen', 'stdout-path')).toEqual(['/soc/serial@10000000']);
    expect(prop(t, '/chosen', 'linux,initrd-start')).toHaveLength(8);
    expect(propU64s(prop(t, '/chosen', 'linux,initrd-start'))).toEqual([0x8400_0000n]);
    expect(propU64s(prop(t, '/chosen', 'linux,initrd-end'))).toEqual([0x8412_3456n]);
    expect(dtGet(t, strs(t, '/chosen', 'stdout-path')[0])).toBeDefined();
  });

  it('chosen without bootargs or initrd', () => {
    const plain = tree(CFG);
    expect([...node(plain, '/chosen').props.keys()]).toEqual(['stdout-path']);
    const high = tree({ ...CFG, initrd: { start: 0x2_0000_0000n, end: 0x2_0001_0000n }, bootargs: '' });
    expect(propU64s(prop(high, '/chosen', 'linux,initrd-start'))).toEqual([0x2_0000_0000n]);
    expect(strs(high, '/chosen', 'bootargs')).toEqual(['']);
  });

  it('cpus', () => {
    expect(u32(t, '/cpus', '#address-cells')).toEqual([1]);
    expect(u32(t, '/cpus', '#size-cells')).toEqual([0]);
    expect(u32(t, '/cpus', 'timebase-frequency')).toEqual([10_000_000]);

    const cpu = '/cpus/cpu@0';
    expect(strs(t, cpu, 'device_type')).toEqual(['cpu']);
    expect(u32(t, cpu, 'reg')).toEqual([0]);
    expect(strs(t, cpu, 'status')).toEqual(['okay']);
    expect(strs(t, cpu, 'compatible')).toEqual(['riscv']);
    expect(strs(t, cpu, 'riscv,isa')).toEqual(['rv64imac_zicsr_zifencei_zicntr_sstc']);
    expect(strs(t, cpu, 'riscv,isa-base')).toEqual(['rv64i']);
    expect(strs(t, cpu, 'riscv,isa-extensions')).toEqual(['i', 'm', 'a', 'c', 'zicsr', 'zifencei', 'zicntr', 'sstc']);
    expect(strs(t, cpu, 'mmu-type')).toEqual(['riscv,sv39']);
    expect(strs(tree({ ...CFG, mmuType: 'riscv,sv48' }), cpu, 'mmu-type')).toEqual(['riscv,sv48']);

    const intc = `${cpu}/interrupt-controller`;
    expect(strs(t, intc, 'compatible')).toEqual(['riscv,cpu-intc']);
    expect(u32(t, intc, '#interrupt-cells')).toEqual([1]);
    expect(prop(t, intc, 'interrupt-controller')).toHaveLength(0);

    expect(u32(t, '/cpus/cpu-map/cluster0/core0', 'cpu')).toEqual(u32(t, cpu, 'phandle'));
  });

  it('soc devices', () => {
    expect(strs(t, '/soc', 'compatible')).toEqual(['simple-bus']);
    expect(prop(t, '/soc', 'ranges')).toHaveLength(0);
    expect(u32(t, '/soc', '#address-cells')).toEqual([2]);
    expect(u32(t, '/soc', '#size-cells')).toEqual([2]);

    const reg = (p: string) => propU64s(prop(t, p, 'reg'));
    expect(reg('/soc/clint@2000000')).toEqual([0x200_0000n, 0x1_0000n]);
    expect(strs(t, '/soc/clint@2000000', 'compatible')).toEqual(['sifive,clint0', 'riscv,clint0']);
    expect(reg('/soc/plic@c000000')).toEqual([0xc00_0000n, 0x60_0000n]);
    expect(strs(t, '/soc/plic@c000000', 'compatible')).toEqual(['sifive,plic-1.0.0', 'riscv,plic0']);
    expect(u32(t, '/soc/plic@c000000', 'riscv,ndev')).toEqual([95]);
    expect(u32(t, '/soc/plic@c000000', '#interrupt-cells')).toEqual([1]);
    expect(u32(t, '/soc/plic@c000000', '#address-cells')).toEqual([0]);
    expect(prop(t, '/soc/plic@c000000', 'interrupt-controller')).toHaveLength(0);
    expect(reg('/soc/serial@10000000')).toEqual([0x1000_0000n, 0x100n]);
    expect(strs(t, '/soc/serial@10000000', 'compatible')).toEqual(['ns16550a']);
    expect(u32(t, '/soc/serial@10000000', 'clock-frequency')).toEqual([0x38_4000]);
    expect(u32(t, '/soc/serial@10000000', 'interrupts')).toEqual([10]);
    expect(reg('/soc/test@100000')).toEqual([0x10_0000n, 0x1000n]);
    expect(strs(t, '/soc/test@100000', 'compatible')).toEqual(['sifive,test1', 'sifive,test0', 'syscon']);
    expect(strs(t, '/poweroff', 'compatible')).toEqual(['syscon-poweroff']);
    expect(u32(t, '/poweroff', 'offset')).toEqual([0]);
    expect(u32(t, '/poweroff', 'value')).toEqual([0x5555]);
    expect(strs(t, '/reboot', 'compatible')).toEqual(['syscon-reboot']);
    expect(u32(t, '/reboot', 'value')).toEqual([0x7777]);
  });

  it('phandle references point at the right nodes', () => {
    const phandles = new Map<number, string>();
    for (const [path, n] of walk(t)) {
      const p = n.props.get('phandle');
      if (!p) continue;
      const [h] = propU32s(p);
      expect(phandles.has(h)).toBe(false);
      phandles.set(h, path);
    }
    const target = (path: string, name: string, i = 0) => phandles.get(u32(t, path, name)[i]);

    const intc = u32(t, '/cpus/cpu@0/interrupt-controller', 'phandle')[0];
    expect(u32(t, '/soc/clint@2000000', 'interrupts-extended')).toEqual([intc, 3, intc, 7]);
    expect(u32(t, '/soc/plic@c000000', 'interrupts-extended')).toEqual([intc, 11, intc, 9]);
    expect(target('/soc/serial@10000000', 'interrupt-parent')).toBe('/soc/plic@c000000');
    expect(target('/poweroff', 'regmap')).toBe('/soc/test@100000');
    expect(target('/reboot', 'regmap')).toBe('/soc/test@100000');
    expect(target('/cpus/cpu-map/cluster0/core0', 'cpu')).toBe('/cpus/cpu@0');
    expect(target('/soc/clint@2000000', 'interrupts-extended', 2)).toBe('/cpus/cpu@0/interrupt-controller');
  });
});

describe('buildDtb: ISA strings', () => {
  const ext = (isa: string) => {
    const t = tree({ ...CFG, isa });
    return { base: strs(t, '/cpus/cpu@0', 'riscv,isa-base')[0], exts: strs(t, '/cpus/cpu@0', 'riscv,isa-extensions'), isa: strs(t, '/cpus/cpu@0', 'riscv,isa')[0] };
  };

  it('expands G and keeps single letters before multi-letter extensions', () => {
    expect(ext('rv64gc').exts).toEqual(['i', 'm', 'a', 'f', 'd', 'c', 'zicsr', 'zifencei']);
    expect(ext('rv64gc_zicsr_zba').exts).toEqual(['i', 'm', 'a', 'f', 'd', 'c', 'zicsr', 'zifencei', 'zba']);
    expect(ext('rv64i').exts).toEqual(['i']);
  });

  it('drops version numbers and lower-cases', () => {
    expect(ext('rv64i2p1m2p0a2p1c_zicsr2p0_zifencei2p0').exts).toEqual(['i', 'm', 'a', 'c', 'zicsr', 'zifencei']);
    const up = ext('RV64IMAC_Zicsr_Sstc');
    expect(up.exts).toEqual(['i', 'm', 'a', 'c', 'zicsr', 'sstc']);
    expect(up.isa).toBe('rv64imac_zicsr_sstc');
    expect(up.base).toBe('rv64i');
  });

  it('accepts a multi-letter extension right after the single letters, and empty parts', () => {
    expect(ext('rv64imaczicsr__zifencei_').exts).toEqual(['i', 'm', 'a', 'c', 'zicsr', 'zifencei']);
    expect(ext('rv64imac_zve32x_zvl128b_xfoo').exts).toEqual(['i', 'm', 'a', 'c', 'zve32x', 'zvl128b', 'xfoo']);
  });

  it('rejects ISA strings it cannot describe', () => {
    for (const isa of ['rv32imac', 'x86_64', '', 'rv64', 'rv64mac', 'rv64e', 'rv64imac_foo', 'rv64imac_z', 'rv64ima-c']) {
      expect(() => buildDtb({ ...CFG, isa }), isa).toThrow(RangeError);
    }
  });
});

describe('buildDtb: invalid configuration', () => {
  const bad: [string, Partial<BoardConfig>][] = [
    ['zero memory', { memSize: 0n }],
    ['memory past 2^64', { memBase: 0xffff_ffff_ffff_0000n, memSize: 0x1_0000_0000n }],
    ['zero timebase', { timebaseFrequency: 0 }],
    ['fractional timebase', { timebaseFrequency: 1.5 }],
    ['timebase over 32 bits', { timebaseFrequency: 2 ** 32 }],
    ['initrd end before start', { initrd: { start: 0x9000_0000n, end: 0x8000_0000n } }],
    ['NUL in bootargs', { bootargs: 'a\0b' }],
  ];
  for (const [what, patch] of bad) {
    it(what, () => {
      expect(() => buildDtb({ ...CFG, ...patch })).toThrow(RangeError);
    });
  }

  it('encodeDtb rejects trees it cannot encode', () => {
    const n = (name: string, children: DtNode[] = [], props: [string, Uint8Array][] = []): DtNode => ({ name, props: new Map(props), children });
    expect(() => encodeDtb(n('root'))).toThrow(RangeError);
    expect(() => encodeDtb(n('', [n('')]))).toThrow(RangeError);
    expect(() => encodeDtb(n('', [n('a\0b')]))).toThrow(RangeError);
    expect(() => encodeDtb(n('', [], [['', new Uint8Array(0)]]))).toThrow(RangeError);
  });
});

// ---------------------------------------------------------------------------
// Lookup and property helpers.

describe('dtGet', () => {
  const t = tree();
  it('finds nodes by absolute path', () => {
    expect(dtGet(t, '/')).toBe(t);
    expect(dtGet(t, '/soc/serial@10000000')?.name).toBe('serial@10000000');
    expect(dtGet(t, '/cpus/cpu@0/interrupt-controller')?.name).toBe('interrupt-controller');
    expect(dtGet(t, '/soc/')?.name).toBe('soc');
  });
  it('matches a node name without its unit address', () => {
    expect(dtGet(t, '/memory')?.name).toBe('memory@80000000');
    expect(dtGet(t, '/soc/plic')?.name).toBe('plic@c000000');
    expect(dtGet(t, '/cpus/cpu')?.name).toBe('cpu@0');
  });
  it('returns undefined for missing nodes and relative paths', () => {
    expect(dtGet(t, '/soc/serial@10000001')).toBeUndefined();
    expect(dtGet(t, '/soc/serial@')).toBeUndefined();
    expect(dtGet(t, '/nope')).toBeUndefined();
    expect(dtGet(t, '/nope/soc')).toBeUndefined();
    expect(dtGet(t, 'soc')).toBeUndefined();
    expect(dtGet(t, '')).toBeUndefined();
  });
});

describe('property decoders', () => {
  const b = (...xs: number[]) => new Uint8Array(xs);
  it('propU32s', () => {
    expect(propU32s(b())).toEqual([]);
    expect(propU32s(b(0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff))).toEqual([1, 0xffff_ffff]);
    expect(propU32s(b(0, 0, 0, 1, 9, 9))).toEqual([1]); // partial cell ignored
    expect(propU32s(b(7, 0, 0, 0, 2).subarray(1))).toEqual([2]); // unaligned view
  });
  it('propU64s', () => {
    expect(propU64s(b(0, 0, 0, 1, 0, 0, 0, 2))).toEqual([0x1_0000_0002n]);
    expect(propU64s(b(0, 0, 0, 1))).toEqual([]);
  });
  it('propStrings', () => {
    const e = new TextEncoder();
    expect(propStrings(b())).toEqual([]);
    expect(propStrings(e.encode('okay\0'))).toEqual(['okay']);
    expect(propStrings(e.encode('a\0bc\0\0d\0'))).toEqual(['a', 'bc', '', 'd']);
    expect(propStrings(e.encode('unterminated'))).toEqual(['unterminated']);
    expect(propStrings(e.encode('\0'))).toEqual(['']);
  });
});

// ---------------------------------------------------------------------------
// parseDtb validation, with hand-made blobs.

type Tok = ['begin', string] | ['end'] | ['prop', string, Uint8Array?] | ['nop'] | ['fdtend'] | ['word', number];

/** Assembles a blob from raw tokens, so tests can make structures encodeDtb refuses to. */
function rawDtb(toks: Tok[], version = 17): Uint8Array {
  const enc = new TextEncoder();
  const struct: number[] = [];
  const strings: number[] = [];
  const names = new Map<string, number>();
  const word = (v: number) => struct.push((v >>> 24) & 0xff, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
  const bytes = (b: Uint8Array) => {
    struct.push(...b);
    while (struct.length % 4) struct.push(0);
  };
  for (const t of toks) {
    if (t[0] === 'begin') {
      word(1);
      bytes(enc.encode(t[1] + '\0'));
    } else if (t[0] === 'end') word(2);
    else if (t[0] === 'nop') word(4);
    else if (t[0] === 'fdtend') word(9);
    else if (t[0] === 'word') word(t[1]);
    else {
      const v = t[2] ?? new Uint8Array(0);
      if (!names.has(t[1])) {
        names.set(t[1], strings.length);
        strings.push(...enc.encode(t[1] + '\0'));
      }
      word(3);
      word(v.length);
      word(names.get(t[1])!);
      bytes(v);
    }
  }
  const offStruct = 0x38;
  const offStrings = offStruct + struct.length;
  const total = offStrings + strings.length;
  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  [0xd00dfeed, total, offStruct, offStrings, 0x28, version, 16, 0, strings.length, struct.length].forEach((v, i) => dv.setUint32(i * 4, v));
  out.set(struct, offStruct);
  out.set(strings, offStrings);
  return out;
}

function setWord(blob: Uint8Array, index: number, value: number): Uint8Array {
  const out = blob.slice();
  new DataView(out.buffer).setUint32(index * 4, value);
  return out;
}

const cell = (v: number) => new Uint8Array([v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff]);

describe('parseDtb: hand-made blobs', () => {
  it('parses NOPs, empty properties and nested nodes', () => {
    const t = expectOk(
      parseDtb(
        rawDtb([
          ['nop'],
          ['begin', ''],
          ['prop', 'a', cell(1)],
          ['nop'],
          ['prop', 'flag'],
          ['begin', 'child@1'],
          ['prop', 'a', cell(2)],
          ['begin', 'grandchild'],
          ['end'],
          ['end'],
          ['nop'],
          ['end'],
          ['nop'],
          ['fdtend'],
        ]),
      ),
    );
    expect([...t.props.keys()]).toEqual(['a', 'flag']);
    expect(propU32s(t.props.get('a')!)).toEqual([1]);
    expect(propU32s(dtGet(t, '/child@1')!.props.get('a')!)).toEqual([2]);
    expect(dtGet(t, '/child/grandchild')).toBeDefined();
  });

  it('accepts a version 16 blob (no size_dt_struct)', () => {
    const blob = setWord(buildDtb(CFG), 9, 0);
    expect(expectErr(parseDtb(blob))).toContain('without FDT_END'); // as v17 the size is now 0
    expect(expectOk(parseDtb(setWord(blob, 5, 16)))).toEqual(tree(CFG));
  });

  it('copies property values out of the input', () => {
    const blob = buildDtb(CFG);
    const t = expectOk(parseDtb(blob));
    blob.fill(0);
    expect(u32(t, '/cpus', 'timebase-frequency')).toEqual([10_000_000]);
  });

  const deep: Tok[] = [['begin', '']];
  for (let i = 0; i < 70; i++) deep.push(['begin', `n${i}`]);
  for (let i = 0; i <= 70; i++) deep.push(['end']);
  deep.push(['fdtend']);

  const structErrors: [string, Tok[], string | RegExp][] = [
    ['no root', [['fdtend']], 'device tree has no root node'],
    ['root with a name', [['begin', 'x'], ['end'], ['fdtend']], 'root node has a name ("x")'],
    ['missing FDT_END', [['begin', ''], ['end']], 'device tree structure block ends without FDT_END'],
    ['FDT_END inside a node', [['begin', ''], ['begin', 'a'], ['fdtend']], 'FDT_END inside node /a'],
    ['unbalanced END_NODE', [['begin', ''], ['end'], ['end'], ['fdtend']], /^unbalanced FDT_END_NODE at structure offset 0xc$/],
    ['second root', [['begin', ''], ['end'], ['begin', ''], ['end'], ['fdtend']], /^node after the root node/],
    ['property before the root', [['prop', 'a'], ['begin', ''], ['end'], ['fdtend']], /^property outside any node/],
    ['property after a child', [['begin', ''], ['begin', 'a'], ['end'], ['prop', 'p'], ['end'], ['fdtend']], 'property "p" after a child node in /'],
    ['duplicate property', [['begin', ''], ['begin', 'a'], ['prop', 'p'], ['prop', 'p'], ['end'], ['end'], ['fdtend']], 'duplicate property "p" in /a'],
    ['duplicate node', [['begin', ''], ['begin', 'a'], ['end'], ['begin', 'a'], ['end'], ['end'], ['fdtend']], 'duplicate node /a'],
    ['empty node name', [['begin', ''], ['begin', ''], ['end'], ['end'], ['fdtend']], 'node with an empty name in /'],
    ['slash in a node name', [['begin', ''], ['begin', 'a'], ['begin', 'b/c'], ['end'], ['end'], ['end'], ['fdtend']], `node name "b/c" in /a contains '/'`],
    ['empty property name', [['begin', ''], ['prop', ''], ['end'], ['fdtend']], 'property with an empty name in /'],
    ['unknown token', [['begin', ''], ['word', 7], ['end'], ['fdtend']], 'unknown token 0x7 at structure offset 0x8'],
    ['nesting too deep', deep, /^nodes nested too deeply in \/n0\/n1\//],
  ];
  for (const [what, toks, message] of structErrors) {
    it(`rejects: ${what}`, () => {
      const e = expectErr(parseDtb(rawDtb(toks)));
      if (typeof message === 'string') expect(e).toBe(message);
      else expect(e).toMatch(message);
    });
  }

  // Layout of rawDtb([begin '', prop 'p' <1>, begin 'child', end, end, fdtend]) from 0x38:
  //   0x38 BEGIN_NODE, 0x3c "" | 0x40 PROP, 0x44 len, 0x48 nameoff, 0x4c value |
  //   0x50 BEGIN_NODE, 0x54 "child\0\0\0" | 0x5c END_NODE | 0x60 END_NODE | 0x64 END
  const small = rawDtb([['begin', ''], ['prop', 'p', cell(1)], ['begin', 'child'], ['end'], ['end'], ['fdtend']]);
  const at = (off: number, value: number) => {
    const out = small.slice();
    new DataView(out.buffer).setUint32(off, value);
    return out;
  };

  it('the small blob is valid', () => {
    expect(dtGet(expectOk(parseDtb(small)), '/child')).toBeDefined();
  });

  const layoutErrors: [string, Uint8Array, string | RegExp][] = [
    ['empty input', new Uint8Array(0), 'truncated device tree header'],
    ['short header', small.subarray(0, 39), 'truncated device tree header'],
    ['bad magic', setWord(small, 0, 0xedfe0dd0), 'not a device tree blob (bad magic)'],
    ['truncated blob', small.subarray(0, small.length - 1), `device tree is truncated (header says ${small.length} bytes, file has ${small.length - 1})`],
    ['totalsize below the header', setWord(small, 1, 8), 'device tree total size 8 is smaller than its header'],
    ['old version', setWord(small, 5, 15), 'device tree version 15 is unsupported (need 16 or later)'],
    ['future last_comp_version', setWord(small, 6, 18), 'device tree needs a version 18 reader; this one reads 17'],
    ['misaligned reservation map', setWord(small, 4, 0x2c), 'memory reservation map offset 0x2c is invalid'],
    ['reservation map inside the header', setWord(small, 4, 0x10), 'memory reservation map offset 0x10 is invalid'],
    ['reservation map past the end', setWord(small, 4, 0x1000), 'memory reservation map offset 0x1000 is invalid'],
    ['misaligned structure block', setWord(small, 2, 0x3a), /^structure block \(offset 0x3a, size \d+\) is outside the blob$/],
    ['structure block too big', setWord(small, 9, 0xffff_fff0), /^structure block .* is outside the blob$/],
    ['strings block past the end', setWord(small, 8, 0x100), /^strings block \(offset 0x\w+, size 256\) is outside the blob$/],
    ['strings offset huge', setWord(small, 3, 0xffff_ffff), /^strings block .* is outside the blob$/],
    ['reservation map without terminator', at(0x28, 1), 'memory reservation map has no terminator'],
    ['structure block ends inside a node name', setWord(small, 9, 0x1e), 'unterminated node name at structure offset 0x18'],
    ['structure block ends inside a property header', setWord(small, 9, 0x0c), 'truncated property at structure offset 0x8'],
    ['property value past the block', at(0x44, 0x100), 'property value runs past the structure block at structure offset 0x8'],
    ['property name offset past the strings', at(0x48, 2), 'property name offset 2 is outside the strings block'],
    ['property name unterminated', setWord(small, 8, 1), 'unterminated property name at strings offset 0'],
  ];
  for (const [what, blob, message] of layoutErrors) {
    it(`rejects: ${what}`, () => {
      const e = expectErr(parseDtb(blob));
      if (typeof message === 'string') expect(e).toBe(message);
      else expect(e).toMatch(message);
    });
  }

  it('skips memory reservation entries before the terminator', () => {
    // Move the structure block back by one 16-byte entry and fill that entry in.
    const out = new Uint8Array(small.length + 16);
    out.set(small.subarray(0, 0x38));
    out.set(small.subarray(0x38), 0x48);
    const dv = new DataView(out.buffer);
    dv.setUint32(4, out.length);
    dv.setUint32(8, 0x48);
    dv.setUint32(12, dv.getUint32(12) + 16);
    dv.setBigUint64(0x28, 0x8000_0000n);
    dv.setBigUint64(0x30, 0x1000n);
    expect(dtGet(expectOk(parseDtb(out)), '/child')).toBeDefined();
  });
});

// ---------------------------------------------------------------------------
// Fuzzing: parseDtb must return a Result for any input, never throw.

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

describe('parseDtb: fuzzing', () => {
  const src = buildDtb(FULL);
  const check = (input: Uint8Array, what: string) => {
    let r: Result<DtNode>;
    try {
      r = parseDtb(input);
    } catch (e) {
      throw new Error(`parseDtb threw on ${what}: ${String(e)}`);
    }
    if (r.ok) {
      for (const [path, n] of walk(r.value)) dtGet(r.value, path) ?? expect.unreachable(path);
      encodeDtb(r.value); // anything parseDtb accepts can be re-encoded
      return true;
    }
    expect(r.error.length).toBeGreaterThan(0);
    expect(r.error).not.toContain('\n');
    return false;
  };

  it('never throws on any truncation', () => {
    for (let n = 0; n <= src.length; n++) check(src.subarray(0, n), `truncation to ${n}`);
  });

  it('never throws on 10000 random mutations', () => {
    const rnd = mulberry32(0xdeb);
    const pick = (n: number) => Math.floor(rnd() * n);
    // Sizes near the real layout hit the boundary checks; the rest is noise.
    const interesting = [0, 1, 3, 4, 8, 0x28, 0x38, 0x40, src.length - 1, src.length, src.length + 1, 0x7fff_ffff, 0xffff_ffff];
    let okCount = 0;
    for (let i = 0; i < 10_000; i++) {
      const out = src.slice();
      const dv = new DataView(out.buffer);
      for (let r = 1 + pick(3); r > 0; r--) {
        const kind = pick(4);
        if (kind === 0) dv.setUint32(pick(10) * 4, interesting[pick(interesting.length)]); // header field
        else if (kind === 1) {
          const off = 0x38 + pick((out.length - 0x38) >> 2) * 4; // aligned word: tokens, lengths, name offsets
          dv.setUint32(off, pick(2) ? pick(12) : interesting[pick(interesting.length)]);
        } else if (kind === 2) out[pick(out.length)] = pick(256);
        else out[pick(out.length)] ^= 1 << pick(8);
      }
      const input = rnd() < 0.1 ? out.subarray(0, pick(out.length)) : out;
      if (check(input, `mutation ${i}`)) okCount++;
    }
    expect(okCount).toBeGreaterThan(100);
    expect(okCount).toBeLessThan(10_000);
  });
});

// ---------------------------------------------------------------------------
// External tools: dtc (device-tree-compiler) and QEMU, when installed.

function which(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}
const hasDtc = which('dtc');
const qemuVersion = which('qemu-system-riscv64')
  ? (spawnSync('qemu-system-riscv64', ['--version'], { encoding: 'utf8' }).stdout ?? '')
  : '';

function inTmp<T>(f: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), 'rvlab-dtb-'));
  try {
    return f(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe.skipIf(!hasDtc)('dtc', () => {
  it('decompiles our blob without any warnings, and recompiles to the same tree', () => {
    inTmp((dir) => {
      for (const cfg of [CFG, FULL]) {
        writeFileSync(join(dir, 'board.dtb'), buildDtb(cfg));
        const r = spawnSync('dtc', ['-I', 'dtb', '-O', 'dts', '-o', join(dir, 'board.dts'), join(dir, 'board.dtb')], { encoding: 'utf8' });
        expect(r.status).toBe(0);
        expect(r.stderr).toBe('');
        const dts = readFileSync(join(dir, 'board.dts'), 'utf8');
        expect(dts).toContain('riscv,isa = "rv64imac_zicsr_zifencei_zicntr_sstc";');
        expect(dts).toContain('interrupts-extended = <0x02 0x0b 0x02 0x09>;');

        // dtc's encoder is independent of ours (its own strings table layout):
        // decoding its output must give the same tree.
        execFileSync('dtc', ['-I', 'dts', '-O', 'dtb', '-o', join(dir, 'again.dtb'), join(dir, 'board.dts')], { stdio: 'pipe' });
        expect(expectOk(parseDtb(readFileSync(join(dir, 'again.dtb'))))).toEqual(tree(cfg));
      }
    });
  });
});

describe.skipIf(!qemuVersion.includes('version 7.2'))('QEMU 7.2 virt', () => {
  // What rvlab deliberately does differently, by node path.
  const OMITTED_NODES = /^\/(pmu|fw-cfg@.*|flash@.*|platform-bus@.*|soc\/(rtc@.*|pci@.*|virtio_mmio@.*))$/;
  const ONLY_QEMU: Record<string, string[]> = { '/chosen': ['rng-seed'] };
  const ONLY_OURS: Record<string, string[]> = {
    '/cpus/cpu@0': ['riscv,isa-extensions', 'riscv,isa-base'],
    '/cpus/cpu@0/interrupt-controller': ['#address-cells'],
  };
  const VALUE_DIFFERS: Record<string, string[]> = {
    '/cpus/cpu@0': ['riscv,isa'],
    '/soc/plic@c000000': ['riscv,ndev'],
  };

  it('has the same nodes, property order and values, apart from the documented differences', () => {
    inTmp((dir) => {
      const file = join(dir, 'virt.dtb');
      execFileSync('qemu-system-riscv64', ['-M', `virt,dumpdtb=${file}`, '-m', '128M', '-nographic', '-bios', 'none'], { stdio: 'pipe' });
      const qemu = expectOk(parseDtb(readFileSync(file))); // also: our parser reads QEMU's blob
      const ours = tree({ ...CFG, mmuType: 'riscv,sv48' });

      const qemuNodes = new Map(walk(qemu));
      const ourNodes = new Map(walk(ours));
      for (const path of qemuNodes.keys()) {
        if (!ourNodes.has(path)) expect(path, 'node only in QEMU').toMatch(OMITTED_NODES);
      }
      for (const [path, n] of ourNodes) {
        const q = qemuNodes.get(path);
        expect(q, `node ${path} missing in QEMU`).toBeDefined();
        const qNames = [...q!.props.keys()].filter((k) => !ONLY_QEMU[path]?.includes(k));
        const oNames = [...n.props.keys()].filter((k) => !ONLY_OURS[path]?.includes(k));
        expect(oNames, `property order of ${path}`).toEqual(qNames);
        expect(n.children.map((c) => c.name), `children of ${path}`).toEqual(q!.children.map((c) => c.name).filter((c) => ourNodes.has(`${path === '/' ? '' : path}/${c}`)));
        for (const k of oNames) {
          if (VALUE_DIFFERS[path]?.includes(k)) continue;
          expect(n.props.get(k), `${path}:${k}`).toEqual(q!.props.get(k));
        }
      }
      expect(u32(qemu, '/soc/plic@c000000', 'riscv,ndev')).toEqual([96]);
    });
  });
});
