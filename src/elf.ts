/**
 * ELF64 RISC-V loader: parsing only.
 *
 * parseElf turns the bytes of an executable into a description of what to put
 * where (segments), plus the symbol and section tables for debugging and for
 * test harnesses (e.g. finding `tohost`). Copying segments into guest RAM is
 * the machine's job.
 *
 * The input is untrusted: users point rvlab at arbitrary files. Every offset
 * and size read from the file is bounds-checked before use, and every failure
 * comes back as a one-line message meant to be shown to the user verbatim.
 * parseElf never throws, whatever the bytes.
 *
 * Segment data and sectionData() are views into the input bytes, not copies,
 * so the input must not be modified while the image is in use.
 */
import { type Result, ok, err } from './result.js';

export interface ElfSegment {
  paddr: bigint;
  vaddr: bigint;
  /** The p_filesz bytes stored in the file; the rest up to memsz is zero (bss). */
  data: Uint8Array;
  memsz: bigint;
  /** p_flags: PF_X = 1, PF_W = 2, PF_R = 4. */
  flags: number;
}

export interface ElfSymbol {
  name: string;
  value: bigint;
  size: bigint;
  type: 'notype' | 'object' | 'func' | 'section' | 'file' | 'other';
  bind: 'local' | 'global' | 'weak' | 'other';
  shndx: number;
}

export interface ElfSection {
  name: string;
  addr: bigint;
  offset: number;
  size: number;
  /** sh_type, e.g. 1 = SHT_PROGBITS, 8 = SHT_NOBITS. */
  type: number;
  flags: bigint;
}

export interface ElfImage {
  entry: bigint;
  type: 'exec' | 'dyn';
  /** PT_LOAD segments with memsz > 0, in program header order. */
  segments: ElfSegment[];
  /** Named symbols from .symtab, or from .dynsym when there is no .symtab. */
  symbols: ElfSymbol[];
  /** Empty when the file has no (usable) section header table. */
  sections: ElfSection[];
  /** The input, which segment and section data views point into. */
  bytes: Uint8Array;
}

const EM_RISCV = 243;

// Names for the machines people are most likely to feed us by mistake.
const MACHINE_NAMES: Record<number, string> = {
  2: 'SPARC',
  3: 'i386',
  8: 'MIPS',
  20: 'PowerPC',
  21: 'PowerPC64',
  22: 'S/390',
  40: 'ARM',
  43: 'SPARC V9',
  62: 'x86-64',
  183: 'AArch64',
  243: 'RISC-V',
  247: 'BPF',
  258: 'LoongArch',
};

const ET_EXEC = 2;
const ET_DYN = 3;
const OTHER_TYPES: Record<number, string> = {
  0: 'none (ET_NONE)',
  1: 'relocatable (ET_REL)',
  4: 'core dump (ET_CORE)',
};

const EHDR_SIZE = 64;
const PHDR_SIZE = 56;
const SHDR_SIZE = 64;
const SYM_SIZE = 24;

const PT_LOAD = 1;
const SHT_NULL = 0;
const SHT_SYMTAB = 2;
const SHT_STRTAB = 3;
const SHT_NOBITS = 8;
const SHT_DYNSYM = 11;

// Extended numbering: when a count does not fit in the 16-bit header field,
// the header holds a marker and the real value lives in section header 0.
const PN_XNUM = 0xffff;
const SHN_XINDEX = 0xffff;

const ADDR_LIMIT = 1n << 64n;

const utf8 = new TextDecoder('utf-8');

/** Little-endian reads plus the bounds check every read must be preceded by. */
class View {
  private readonly dv: DataView;
  readonly len: number;

  constructor(readonly bytes: Uint8Array) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    this.len = bytes.byteLength;
  }

  /** True when [off, off+size) lies inside the file. Exact, via bigint. */
  has(off: bigint | number, size: bigint | number): boolean {
    const o = BigInt(off);
    const s = BigInt(size);
    return o >= 0n && s >= 0n && o + s <= BigInt(this.len);
  }

  u8(off: number): number {
    return this.dv.getUint8(off);
  }
  u16(off: number): number {
    return this.dv.getUint16(off, true);
  }
  u32(off: number): number {
    return this.dv.getUint32(off, true);
  }
  u64(off: number): bigint {
    return this.dv.getBigUint64(off, true);
  }

  /**
   * NUL-terminated string at `off` inside the table [base, base+size), which
   * the caller has already checked lies in the file. Undefined when the offset
   * is outside the table or the string runs off its end.
   */
  cstring(base: number, size: number, off: number): string | undefined {
    if (off >= size) return undefined;
    // Search only the table, so a table without terminators costs O(size).
    const rest = this.bytes.subarray(base + off, base + size);
    const end = rest.indexOf(0);
    if (end < 0) return undefined;
    return utf8.decode(rest.subarray(0, end));
  }
}

interface Header {
  type: 'exec' | 'dyn';
  entry: bigint;
  phoff: bigint;
  phentsize: number;
  phnum: number;
  shoff: bigint;
  shentsize: number;
  shnum: number;
  shstrndx: number;
}

interface RawSection {
  nameOff: number;
  type: number;
  flags: bigint;
  addr: bigint;
  offset: bigint;
  size: bigint;
  link: number;
  entsize: bigint;
}

const MAGIC = [0x7f, 0x45, 0x4c, 0x46]; // "\x7fELF"

export function parseElf(bytes: Uint8Array): Result<ElfImage> {
  const v = new View(bytes);
  const h = parseHeader(v);
  if (!h.ok) return h;
  const hdr = h.value;

  // Section 0 is needed before the program headers when the program header
  // count overflowed 16 bits (PN_XNUM); it is harmless to read it early.
  const sh0 = hdr.shoff !== 0n && v.has(hdr.shoff, SHDR_SIZE) ? readShdr(v, Number(hdr.shoff)) : undefined;

  let phnum = hdr.phnum;
  if (phnum === PN_XNUM) {
    if (!sh0) return err('program header count is in section header 0 (PN_XNUM), which lies outside the file');
    phnum = sh0.info;
  }
  const segs = parseSegments(v, hdr, phnum);
  if (!segs.ok) return segs;

  // Section headers are optional for loading: a stripped or mangled section
  // table should not stop a program whose program headers are fine.
  const secs = parseSections(v, hdr, sh0);
  const sections = secs.ok ? secs.value.sections : [];
  const symbols = secs.ok ? parseSymbols(v, secs.value.raw) : [];

  return ok({ entry: hdr.entry, type: hdr.type, segments: segs.value, symbols, sections, bytes });
}

function parseHeader(v: View): Result<Header> {
  if (v.len === 0) return err('not an ELF file (file is empty)');
  for (let i = 0; i < MAGIC.length; i++) {
    if (i >= v.len) return err('truncated ELF header');
    if (v.u8(i) !== MAGIC[i]) return err('not an ELF file (bad magic)');
  }
  if (v.len < 5) return err('truncated ELF header');
  const cls = v.u8(4);
  if (cls === 1) return err('ELF is 32-bit; rvlab needs ELF64');
  if (cls !== 2) return err(`ELF class ${cls} is invalid (expected 2 for ELF64)`);
  if (v.len < 6) return err('truncated ELF header');
  const data = v.u8(5);
  if (data === 2) return err('ELF is big-endian');
  if (data !== 1) return err(`ELF data encoding ${data} is invalid (expected 1 for little-endian)`);
  if (v.len < EHDR_SIZE) return err('truncated ELF header');
  const identVersion = v.u8(6);
  if (identVersion !== 1) return err(`ELF version ${identVersion} is unsupported (expected 1)`);

  const machine = v.u16(18);
  if (machine !== EM_RISCV) {
    const name = MACHINE_NAMES[machine] ?? 'unknown';
    return err(`ELF machine is ${name} (${machine}), not RISC-V (${EM_RISCV})`);
  }
  const type = v.u16(16);
  if (type !== ET_EXEC && type !== ET_DYN) {
    const name = OTHER_TYPES[type] ?? `unknown (0x${type.toString(16)})`;
    return err(`ELF type is ${name}; need an executable`);
  }
  const version = v.u32(20);
  if (version !== 1) return err(`ELF version ${version} is unsupported (expected 1)`);

  return ok({
    type: type === ET_EXEC ? 'exec' : 'dyn',
    entry: v.u64(24),
    phoff: v.u64(32),
    shoff: v.u64(40),
    phentsize: v.u16(54),
    phnum: v.u16(56),
    shentsize: v.u16(58),
    shnum: v.u16(60),
    shstrndx: v.u16(62),
  });
}

function parseSegments(v: View, hdr: Header, phnum: number): Result<ElfSegment[]> {
  if (phnum === 0) return err('no loadable segments');
  if (hdr.phentsize !== PHDR_SIZE) {
    return err(`program header entry size is ${hdr.phentsize}; expected ${PHDR_SIZE}`);
  }
  const segments: ElfSegment[] = [];
  for (let i = 0; i < phnum; i++) {
    const at = hdr.phoff + BigInt(i * PHDR_SIZE);
    if (!v.has(at, PHDR_SIZE)) return err(`program header ${i} lies outside the file`);
    const o = Number(at);
    if (v.u32(o) !== PT_LOAD) continue;
    const flags = v.u32(o + 4);
    const offset = v.u64(o + 8);
    const vaddr = v.u64(o + 16);
    const paddr = v.u64(o + 24);
    const filesz = v.u64(o + 32);
    const memsz = v.u64(o + 40);
    // Segments are numbered by program header index, as `readelf -l` does.
    if (filesz > memsz) return err(`segment ${i}: file size larger than memory size`);
    if (!v.has(offset, filesz)) return err(`segment ${i}: data lies outside the file`);
    if (vaddr + memsz > ADDR_LIMIT || paddr + memsz > ADDR_LIMIT) {
      return err(`segment ${i}: address range wraps past the end of the address space`);
    }
    if (memsz === 0n) continue;
    const start = Number(offset);
    const data = v.bytes.subarray(start, start + Number(filesz));
    segments.push({ paddr, vaddr, data, memsz, flags });
  }
  if (segments.length === 0) return err('no loadable segments');
  return ok(segments);
}

function readShdr(v: View, o: number): RawSection & { info: number } {
  return {
    nameOff: v.u32(o),
    type: v.u32(o + 4),
    flags: v.u64(o + 8),
    addr: v.u64(o + 16),
    offset: v.u64(o + 24),
    size: v.u64(o + 32),
    link: v.u32(o + 40),
    info: v.u32(o + 44),
    entsize: v.u64(o + 56),
  };
}

/** Section data [offset, offset+size) lies in the file; NOBITS has no data. */
function hasData(v: View, s: RawSection): boolean {
  return s.type === SHT_NOBITS || s.type === SHT_NULL || v.has(s.offset, s.size);
}

/**
 * The whole table or nothing: a section table with any inconsistency is
 * treated as absent, since its other entries cannot be trusted either. The
 * error is internal; parseElf only uses it to decide to drop the table.
 */
function parseSections(
  v: View,
  hdr: Header,
  sh0: (RawSection & { info: number }) | undefined,
): Result<{ sections: ElfSection[]; raw: RawSection[] }> {
  if (hdr.shoff === 0n) return ok({ sections: [], raw: [] });
  if (!sh0) return err('section header table lies outside the file');
  if (hdr.shentsize !== SHDR_SIZE) return err(`section header entry size is ${hdr.shentsize}`);

  const shnum = hdr.shnum === 0 ? sh0.size : BigInt(hdr.shnum);
  // Bounding by the file size also bounds the loop below.
  if (!v.has(hdr.shoff, shnum * BigInt(SHDR_SIZE))) return err('section header table lies outside the file');
  const count = Number(shnum);
  const shstrndx = hdr.shstrndx === SHN_XINDEX ? sh0.link : hdr.shstrndx;

  const raw: RawSection[] = [];
  for (let i = 0; i < count; i++) {
    const s = readShdr(v, Number(hdr.shoff) + i * SHDR_SIZE);
    if (!hasData(v, s)) return err(`section ${i} lies outside the file`);
    // ElfSection carries offset/size as numbers; NOBITS sizes are not bounded
    // by the file, so check they are still exact.
    if (s.offset > BigInt(Number.MAX_SAFE_INTEGER) || s.size > BigInt(Number.MAX_SAFE_INTEGER)) {
      return err(`section ${i} is too large`);
    }
    raw.push(s);
  }

  let names: RawSection | undefined;
  if (shstrndx !== 0) {
    names = raw[shstrndx];
    if (!names || names.type !== SHT_STRTAB) return err('section name table is missing');
  }
  const sections: ElfSection[] = [];
  for (let i = 0; i < raw.length; i++) {
    const s = raw[i];
    let name = '';
    if (names && !(i === 0 && s.type === SHT_NULL)) {
      const n = v.cstring(Number(names.offset), Number(names.size), s.nameOff);
      if (n === undefined) return err(`section ${i} has a bad name offset`);
      name = n;
    }
    sections.push({
      name,
      addr: s.addr,
      offset: Number(s.offset),
      size: Number(s.size),
      type: s.type,
      flags: s.flags,
    });
  }
  return ok({ sections, raw });
}

const SYM_TYPES: ElfSymbol['type'][] = ['notype', 'object', 'func', 'section', 'file'];
const SYM_BINDS: ElfSymbol['bind'][] = ['local', 'global', 'weak'];

/**
 * Symbols are best-effort: a bad symbol table yields no symbols, and a symbol
 * whose name cannot be read is skipped like an unnamed one.
 */
function parseSymbols(v: View, raw: RawSection[]): ElfSymbol[] {
  const tab = raw.find((s) => s.type === SHT_SYMTAB) ?? raw.find((s) => s.type === SHT_DYNSYM);
  if (!tab || tab.entsize !== BigInt(SYM_SIZE)) return [];
  const strtab = raw[tab.link];
  if (!strtab || strtab.type !== SHT_STRTAB) return [];
  const strBase = Number(strtab.offset);
  const strSize = Number(strtab.size);

  const base = Number(tab.offset);
  const count = Math.floor(Number(tab.size) / SYM_SIZE);
  const symbols: ElfSymbol[] = [];
  for (let i = 0; i < count; i++) {
    const o = base + i * SYM_SIZE;
    const name = v.cstring(strBase, strSize, v.u32(o));
    if (!name) continue;
    const info = v.u8(o + 4);
    symbols.push({
      name,
      value: v.u64(o + 8),
      size: v.u64(o + 16),
      type: SYM_TYPES[info & 0xf] ?? 'other',
      bind: SYM_BINDS[info >> 4] ?? 'other',
      shndx: v.u16(o + 6),
    });
  }
  return symbols;
}

/**
 * Contents of the first section called `name`, as a view into img.bytes.
 * Undefined when there is no such section or it has no file data
 * (SHT_NOBITS, e.g. .bss, which is all zeros at load time).
 */
export function sectionData(img: ElfImage, name: string): Uint8Array | undefined {
  const s = img.sections.find((sec) => sec.name === name);
  if (!s || s.type === SHT_NOBITS || s.type === SHT_NULL) return undefined;
  return img.bytes.subarray(s.offset, s.offset + s.size);
}

/**
 * The symbol called `name`. Local symbols can share a name across object
 * files, so a global or weak definition wins over locals; among equals the
 * first in the table wins.
 */
export function findSymbol(img: ElfImage, name: string): ElfSymbol | undefined {
  let local: ElfSymbol | undefined;
  for (const s of img.symbols) {
    if (s.name !== name) continue;
    if (s.bind !== 'local') return s;
    local ??= s;
  }
  return local;
}
