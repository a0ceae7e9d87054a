/**
 * DWARF line information (.debug_line), for the debugger's `break file:line`
 * and `list`.
 *
 * parseLineTable decodes every line-number program in .debug_line (DWARF 2
 * to 5, 32- and 64-bit DWARF) into rows, the matrix DWARF describes: one row
 * per emitted address with its file, line, column and flags. The rows are
 * exactly the ones `objdump --dwarf=decodedline` prints, in the same order.
 *
 * Every standard and extended opcode is implemented; standard opcodes this
 * decoder does not know (opcode_base > 13) are skipped by the operand counts
 * the header declares, unknown extended opcodes by their length. The input is
 * untrusted: every read is bounds-checked, and malformed input gives a Result
 * error, never an exception.
 *
 * File names are the directory entry joined with the recorded path; for
 * DWARF 5 directory 0 is the compilation directory, which is joined only to
 * files that name directory 0. With the guest's -ffile-prefix-map the names
 * come out relative to the repository root: `guest/kernel/kernel/fork.c`.
 * (addr2line also prefixes the compilation directory to the other directories,
 * giving `guest/kernel/guest/kernel/kernel/fork.c`, which names no file.)
 */
import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { type ElfImage, sectionData } from './elf.js';
import { type Result, ok, err } from './result.js';

export interface LineRow {
  address: bigint;
  /** The recorded path joined with its directory entry. */
  file: string;
  line: number;
  column: number;
  isStmt: boolean;
  /** The first address after a sequence; this row describes no instruction. */
  endSequence: boolean;
}

export interface LineTable {
  /** All rows of all line programs, in program order (ascending address within each sequence). */
  rows: LineRow[];
  /** Every distinct file named in the file tables, in order of appearance. */
  files: string[];
}

export interface LineLocations {
  /** The line used: the requested one, or the next line that has code (as gdb does). */
  line: number;
  /** The table's files that matched the requested name. */
  files: string[];
  /** Breakpoint addresses: the lowest address of the line in each function, ascending. */
  addresses: bigint[];
}

// ---------------------------------------------------------------------------
// Constants (DWARF 5, section 6.2 and 7.22)

const DW_LNS_copy = 1;
const DW_LNS_advance_pc = 2;
const DW_LNS_advance_line = 3;
const DW_LNS_set_file = 4;
const DW_LNS_set_column = 5;
const DW_LNS_negate_stmt = 6;
const DW_LNS_set_basic_block = 7;
const DW_LNS_const_add_pc = 8;
const DW_LNS_fixed_advance_pc = 9;
const DW_LNS_set_prologue_end = 10;
const DW_LNS_set_epilogue_begin = 11;
const DW_LNS_set_isa = 12;

const DW_LNE_end_sequence = 1;
const DW_LNE_set_address = 2;
const DW_LNE_define_file = 3;
const DW_LNE_set_discriminator = 4;

const DW_LNCT_path = 1;
const DW_LNCT_directory_index = 2;

const DW_FORM_block2 = 0x03;
const DW_FORM_block4 = 0x04;
const DW_FORM_data2 = 0x05;
const DW_FORM_data4 = 0x06;
const DW_FORM_data8 = 0x07;
const DW_FORM_string = 0x08;
const DW_FORM_block = 0x09;
const DW_FORM_block1 = 0x0a;
const DW_FORM_data1 = 0x0b;
const DW_FORM_sdata = 0x0d;
const DW_FORM_strp = 0x0e;
const DW_FORM_udata = 0x0f;
const DW_FORM_sec_offset = 0x17;
const DW_FORM_strx = 0x1a;
const DW_FORM_data16 = 0x1e;
const DW_FORM_line_strp = 0x1f;
const DW_FORM_strx1 = 0x25;
const DW_FORM_strx2 = 0x26;
const DW_FORM_strx3 = 0x27;
const DW_FORM_strx4 = 0x28;

const SHF_ALLOC = 2n;
const MASK64 = (1n << 64n) - 1n;

const utf8 = new TextDecoder('utf-8');

// ---------------------------------------------------------------------------
// Reading

/** Thrown inside this module only; parseLineTable turns it into a Result. */
class DwarfError extends Error {}

function fail(msg: string): never {
  throw new DwarfError(msg);
}

/** A bounds-checked little-endian cursor over [pos, end) of a byte array. */
class Reader {
  private readonly dv: DataView;

  constructor(
    readonly bytes: Uint8Array,
    public pos: number,
    public end: number,
  ) {
    this.dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  need(n: number, what: string): void {
    if (n < 0 || this.pos + n > this.end) fail(`${what} runs past the end at offset 0x${this.pos.toString(16)}`);
  }
  u8(what = 'data'): number {
    this.need(1, what);
    return this.dv.getUint8(this.pos++);
  }
  i8(what = 'data'): number {
    this.need(1, what);
    return this.dv.getInt8(this.pos++);
  }
  u16(what = 'data'): number {
    this.need(2, what);
    const v = this.dv.getUint16(this.pos, true);
    this.pos += 2;
    return v;
  }
  u32(what = 'data'): number {
    this.need(4, what);
    const v = this.dv.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }
  u64(what = 'data'): bigint {
    this.need(8, what);
    const v = this.dv.getBigUint64(this.pos, true);
    this.pos += 8;
    return v;
  }
  /** An unsigned little-endian value of n bytes (n <= 8). */
  uN(n: number, what = 'data'): bigint {
    this.need(n, what);
    let v = 0n;
    for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(this.bytes[this.pos + i]);
    this.pos += n;
    return v;
  }
  /** A section offset: 4 or 8 bytes. */
  offset(size: number, what = 'offset'): bigint {
    return size === 8 ? this.u64(what) : BigInt(this.u32(what));
  }
  skip(n: number | bigint, what = 'data'): void {
    if (typeof n === 'bigint') {
      if (n > BigInt(this.end - this.pos)) fail(`${what} runs past the end at offset 0x${this.pos.toString(16)}`);
      n = Number(n);
    }
    this.need(n, what);
    this.pos += n;
  }
  uleb(what = 'LEB128 value'): bigint {
    let v = 0n;
    let shift = 0n;
    for (;;) {
      const b = this.u8(what);
      // Bits beyond 64 are dropped, as binutils does; the loop still ends
      // at the end of the data.
      if (shift < 64n) v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
      if ((b & 0x80) === 0) return v & MASK64;
    }
  }
  sleb(what = 'LEB128 value'): bigint {
    let v = 0n;
    let shift = 0n;
    let b: number;
    do {
      b = this.u8(what);
      if (shift < 64n) v |= BigInt(b & 0x7f) << shift;
      shift += 7n;
    } while (b & 0x80);
    if (b & 0x40 && shift < 64n) v -= 1n << shift;
    return BigInt.asIntN(64, v);
  }
  /** A ULEB128 that must fit a JavaScript number exactly. */
  ulebNum(what: string): number {
    const v = this.uleb(what);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`${what} ${v} is too large`);
    return Number(v);
  }
  cstring(what: string): string {
    const rest = this.bytes.subarray(this.pos, this.end);
    const n = rest.indexOf(0);
    if (n < 0) fail(`${what} is not NUL-terminated`);
    this.pos += n + 1;
    return utf8.decode(rest.subarray(0, n));
  }
}

/** A NUL-terminated string at `off` in a string section. */
function stringAt(sec: Uint8Array | undefined, secName: string, off: bigint): string {
  if (!sec) fail(`file table refers to ${secName}, which the ELF does not have`);
  if (off >= BigInt(sec.length)) fail(`string offset 0x${off.toString(16)} lies outside ${secName}`);
  const rest = sec.subarray(Number(off));
  const n = rest.indexOf(0);
  if (n < 0) fail(`string at 0x${off.toString(16)} in ${secName} is not NUL-terminated`);
  return utf8.decode(rest.subarray(0, n));
}

function joinPath(dir: string, name: string): string {
  // Absolute paths, and pseudo-files such as gcc's "<built-in>", stand alone.
  if (name.startsWith('/') || name.startsWith('<') || dir === '') return name;
  return dir.endsWith('/') ? dir + name : `${dir}/${name}`;
}

// ---------------------------------------------------------------------------
// The unit header

interface Unit {
  version: number;
  offsetSize: number;
  minInstLength: number;
  maxOps: number;
  defaultIsStmt: boolean;
  lineBase: number;
  lineRange: number;
  opcodeBase: number;
  /** Operand counts of standard opcodes 1 .. opcodeBase-1 (index 0 unused). */
  opcodeLengths: number[];
  /** Joined file names, indexed as DW_LNS_set_file operands are (1-based before DWARF 5). */
  files: string[];
  /** Include directories for DW_LNE_define_file, indexed like file entries' directory indices. */
  dirs: string[];
  programStart: number;
  end: number;
}

interface StrSections {
  lineStr: Uint8Array | undefined;
  str: Uint8Array | undefined;
}

interface EntryFormat {
  type: number;
  form: number;
}

function readFormats(r: Reader, what: string): EntryFormat[] {
  const count = r.u8(`${what} format count`);
  const formats: EntryFormat[] = [];
  for (let i = 0; i < count; i++) {
    const type = r.ulebNum(`${what} content type`);
    const form = r.ulebNum(`${what} form`);
    formats.push({ type, form });
  }
  return formats;
}

/** One attribute value: a string, a number, or undefined for values kept as neither. */
function readForm(r: Reader, form: number, u: { offsetSize: number }, strs: StrSections): string | bigint | undefined {
  switch (form) {
    case DW_FORM_string:
      return r.cstring('string attribute');
    case DW_FORM_line_strp:
      return stringAt(strs.lineStr, '.debug_line_str', r.offset(u.offsetSize, 'string offset'));
    case DW_FORM_strp:
      return stringAt(strs.str, '.debug_str', r.offset(u.offsetSize, 'string offset'));
    case DW_FORM_strx:
    case DW_FORM_strx1:
    case DW_FORM_strx2:
    case DW_FORM_strx3:
    case DW_FORM_strx4: {
      // Indices into .debug_str_offsets need the compilation unit's
      // DW_AT_str_offsets_base, which lives in .debug_info.
      const n = form === DW_FORM_strx ? r.uleb() : r.uN(form === DW_FORM_strx1 ? 1 : form === DW_FORM_strx2 ? 2 : form === DW_FORM_strx3 ? 3 : 4);
      return `<strx ${n}>`;
    }
    case DW_FORM_udata:
      return r.uleb();
    case DW_FORM_sdata:
      return r.sleb();
    case DW_FORM_data1:
      return r.uN(1);
    case DW_FORM_data2:
      return r.uN(2);
    case DW_FORM_data4:
      return r.uN(4);
    case DW_FORM_data8:
      return r.uN(8);
    case DW_FORM_sec_offset:
      return r.offset(u.offsetSize);
    case DW_FORM_data16:
      r.skip(16, 'data16 attribute');
      return undefined;
    case DW_FORM_block1:
      r.skip(r.u8(), 'block attribute');
      return undefined;
    case DW_FORM_block2:
      r.skip(r.u16(), 'block attribute');
      return undefined;
    case DW_FORM_block4:
      r.skip(r.u32(), 'block attribute');
      return undefined;
    case DW_FORM_block:
      r.skip(r.uleb(), 'block attribute');
      return undefined;
    default:
      fail(`unsupported form 0x${form.toString(16)} in a directory or file entry`);
  }
}

/** DWARF 5 directory or file name entries: [path, directory index] of each. */
function readEntries(
  r: Reader,
  u: { offsetSize: number },
  strs: StrSections,
  what: string,
): { path: string; dir: number }[] {
  const formats = readFormats(r, what);
  const count = r.uleb(`${what} count`);
  if (count === 0n) return [];
  // Every supported form takes at least one byte, so the count is bounded
  // by the data left; without formats the entries would take none.
  if (formats.length === 0) fail(`${what} entries have no format`);
  if (count > BigInt(r.end - r.pos)) fail(`${what} count ${count} is larger than the header`);
  const entries: { path: string; dir: number }[] = [];
  for (let i = 0; i < Number(count); i++) {
    let path = '';
    let dir = 0;
    for (const f of formats) {
      const v = readForm(r, f.form, u, strs);
      if (f.type === DW_LNCT_path && typeof v === 'string') path = v;
      else if (f.type === DW_LNCT_directory_index && typeof v === 'bigint') dir = v > 0xffffffffn ? -1 : Number(v);
    }
    entries.push({ path, dir });
  }
  return entries;
}

function readUnitHeader(r: Reader, strs: StrSections): Unit {
  const unitStart = r.pos;
  let offsetSize = 4;
  let length = BigInt(r.u32('unit length'));
  if (length === 0xffffffffn) {
    offsetSize = 8;
    length = r.u64('unit length');
  } else if (length >= 0xfffffff0n) {
    fail(`reserved unit length 0x${length.toString(16)} at offset 0x${unitStart.toString(16)}`);
  }
  if (length > BigInt(r.end - r.pos)) fail(`unit at offset 0x${unitStart.toString(16)} runs past the end of .debug_line`);
  const end = r.pos + Number(length);
  const ur = new Reader(r.bytes, r.pos, end);

  const version = ur.u16('version');
  if (version < 2 || version > 5) fail(`unit at offset 0x${unitStart.toString(16)} has DWARF version ${version} (2 to 5 are supported)`);
  if (version >= 5) {
    ur.u8('address size');
    ur.u8('segment selector size');
  }
  const headerLength = ur.offset(offsetSize, 'header length');
  if (headerLength > BigInt(end - ur.pos)) fail(`header of unit at offset 0x${unitStart.toString(16)} runs past the unit`);
  const programStart = ur.pos + Number(headerLength);
  // The rest of the header may not read past its declared length.
  ur.end = programStart;

  const minInstLength = ur.u8('minimum instruction length');
  const maxOps = version >= 4 ? ur.u8('maximum operations per instruction') : 1;
  const defaultIsStmt = ur.u8('default_is_stmt') !== 0;
  const lineBase = ur.i8('line_base');
  const lineRange = ur.u8('line_range');
  const opcodeBase = ur.u8('opcode_base');
  const opcodeLengths = [0];
  for (let i = 1; i < opcodeBase; i++) opcodeLengths.push(ur.u8('standard opcode lengths'));

  const files: string[] = [];
  const dirs: string[] = [];
  if (version >= 5) {
    const u = { offsetSize };
    for (const d of readEntries(ur, u, strs, 'directory')) dirs.push(d.path);
    for (const f of readEntries(ur, u, strs, 'file name')) {
      const dir = f.dir >= 0 && f.dir < dirs.length ? dirs[f.dir] : '';
      files.push(joinPath(dir, f.path));
    }
  } else {
    // Directory 0 is the compilation directory, which is not in the table.
    dirs.push('');
    for (;;) {
      const d = ur.cstring('include directory');
      if (d === '') break;
      dirs.push(d);
    }
    files.push(''); // file numbers start at 1
    for (;;) {
      const name = ur.cstring('file name');
      if (name === '') break;
      const dir = ur.uleb('file directory index');
      ur.uleb('file modification time');
      ur.uleb('file length');
      files.push(joinPath(dir < BigInt(dirs.length) ? dirs[Number(dir)] : '', name));
    }
  }
  r.pos = end;
  return {
    version,
    offsetSize,
    minInstLength,
    maxOps: maxOps === 0 ? 1 : maxOps,
    defaultIsStmt,
    lineBase,
    lineRange,
    opcodeBase,
    opcodeLengths,
    files,
    dirs,
    programStart,
    end,
  };
}

// ---------------------------------------------------------------------------
// The line-number program

function runProgram(bytes: Uint8Array, u: Unit, rows: LineRow[]): void {
  const r = new Reader(bytes, u.programStart, u.end);
  const fileName = (n: number): string => {
    const f = n >= 0 && n < u.files.length ? u.files[n] : undefined;
    return f === undefined || (f === '' && u.version < 5 && n === 0) ? `<file ${n}>` : f;
  };

  // State registers (DWARF 5, 6.2.2).
  let address = 0n;
  let opIndex = 0;
  let file = 1;
  let line = 1;
  let column = 0;
  let isStmt = u.defaultIsStmt;
  const reset = () => {
    address = 0n;
    opIndex = 0;
    file = 1;
    line = 1;
    column = 0;
    isStmt = u.defaultIsStmt;
  };
  const emit = (endSequence: boolean) => {
    rows.push({ address, file: fileName(file), line, column, isStmt, endSequence });
  };
  const advance = (operationAdvance: bigint) => {
    if (u.maxOps === 1) {
      address = (address + BigInt(u.minInstLength) * operationAdvance) & MASK64;
    } else {
      const total = BigInt(opIndex) + operationAdvance;
      const maxOps = BigInt(u.maxOps);
      address = (address + BigInt(u.minInstLength) * (total / maxOps)) & MASK64;
      opIndex = Number(total % maxOps);
    }
  };
  const needRange = () => {
    if (u.lineRange === 0) fail('special opcode in a unit whose line_range is 0');
  };

  while (r.pos < r.end) {
    const op = r.u8('opcode');
    if (op >= u.opcodeBase) {
      needRange();
      const adjusted = op - u.opcodeBase;
      advance(BigInt(Math.floor(adjusted / u.lineRange)));
      line = (line + u.lineBase + (adjusted % u.lineRange)) >>> 0;
      emit(false);
      continue;
    }
    switch (op) {
      case 0: {
        const len = r.uleb('extended opcode length');
        if (len === 0n) break;
        if (len > BigInt(r.end - r.pos)) fail(`extended opcode at offset 0x${(r.pos - 1).toString(16)} runs past the unit`);
        const next = r.pos + Number(len);
        const sub = r.u8('extended opcode');
        const er = new Reader(bytes, r.pos, next);
        switch (sub) {
          case DW_LNE_end_sequence:
            emit(true);
            reset();
            break;
          case DW_LNE_set_address: {
            const n = next - r.pos;
            if (n < 1 || n > 8) fail(`DW_LNE_set_address with a ${n}-byte operand`);
            address = er.uN(n, 'address');
            opIndex = 0;
            break;
          }
          case DW_LNE_define_file: {
            const name = er.cstring('DW_LNE_define_file name');
            const dir = er.uleb('file directory index');
            er.uleb('file modification time');
            er.uleb('file length');
            u.files.push(joinPath(dir < BigInt(u.dirs.length) ? u.dirs[Number(dir)] : '', name));
            break;
          }
          case DW_LNE_set_discriminator:
            er.uleb('discriminator');
            break;
          default:
            // DW_LNE_lo_user .. hi_user and unknown ones: skip by length.
            break;
        }
        r.pos = next;
        break;
      }
      case DW_LNS_copy:
        emit(false);
        break;
      case DW_LNS_advance_pc:
        advance(r.uleb('DW_LNS_advance_pc operand'));
        break;
      case DW_LNS_advance_line:
        line = (line + Number(BigInt.asIntN(32, r.sleb('DW_LNS_advance_line operand')))) >>> 0;
        break;
      case DW_LNS_set_file: {
        const f = r.uleb('DW_LNS_set_file operand');
        file = f > 0xffffffffn ? -1 : Number(f);
        break;
      }
      case DW_LNS_set_column: {
        const c = r.uleb('DW_LNS_set_column operand');
        column = Number(c & 0xffffffffn);
        break;
      }
      case DW_LNS_negate_stmt:
        isStmt = !isStmt;
        break;
      case DW_LNS_set_basic_block:
      case DW_LNS_set_prologue_end:
      case DW_LNS_set_epilogue_begin:
        break;
      case DW_LNS_const_add_pc:
        needRange();
        advance(BigInt(Math.floor((255 - u.opcodeBase) / u.lineRange)));
        break;
      case DW_LNS_fixed_advance_pc:
        address = (address + BigInt(r.u16('DW_LNS_fixed_advance_pc operand'))) & MASK64;
        opIndex = 0;
        break;
      case DW_LNS_set_isa:
        r.uleb('DW_LNS_set_isa operand');
        break;
      default:
        // A standard opcode from a later DWARF: skip its declared operands.
        for (let i = 0; i < u.opcodeLengths[op]; i++) r.uleb(`operand of opcode ${op}`);
        break;
    }
  }
}

// ---------------------------------------------------------------------------
// Parsing

/**
 * The line table of an ELF: undefined when it has no .debug_line, an error
 * when .debug_line is malformed.
 */
export function parseLineTable(elf: ElfImage): Result<LineTable | undefined> {
  const data = sectionData(elf, '.debug_line');
  if (!data) return ok(undefined);
  const strs: StrSections = { lineStr: sectionData(elf, '.debug_line_str'), str: sectionData(elf, '.debug_str') };
  const rows: LineRow[] = [];
  const files: string[] = [];
  const seen = new Set<string>();
  try {
    const r = new Reader(data, 0, data.length);
    while (r.pos < r.end) {
      const unit = readUnitHeader(r, strs);
      runProgram(data, unit, rows);
      for (const f of unit.files) {
        if (f === '' || seen.has(f)) continue;
        seen.add(f);
        files.push(f);
      }
    }
  } catch (e) {
    if (e instanceof DwarfError) return err(`.debug_line: ${e.message}`);
    return err(`.debug_line: internal error: ${e instanceof Error ? e.message : String(e)}`);
  }
  const table: LineTable = { rows, files };
  indexes.set(table, buildIndex(table, elf));
  return ok(table);
}

// ---------------------------------------------------------------------------
// Lookups

interface Range {
  start: bigint;
  end: bigint;
  row: LineRow;
}

interface StmtRow {
  row: LineRow;
  group: string;
}

interface Index {
  /** Non-empty address ranges, sorted by start: what lineForAddress searches. */
  ranges: Range[];
  /** Every is_stmt row (empty ones too, as gdb keeps them), for addressesForLine. */
  stmts: StmtRow[];
}

const indexes = new WeakMap<LineTable, Index>();

/**
 * Address ranges of the rows, skipping sequences that start outside every
 * allocated section: with --gc-sections the line programs of discarded
 * functions remain, relocated to address 0, and would shadow real code.
 */
function buildIndex(t: LineTable, elf: ElfImage): Index {
  const alloc = elf.sections.filter((s) => (s.flags & SHF_ALLOC) !== 0n && s.size > 0);
  const inImage = (a: bigint) => alloc.length === 0 || alloc.some((s) => a >= s.addr && a < s.addr + BigInt(s.size));
  const funcs = elf.symbols
    .filter((s) => s.type === 'func' && s.size > 0n)
    .sort((a, b) => (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
  const funcOf = (a: bigint): string | undefined => {
    let lo = 0;
    let hi = funcs.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (funcs[mid].value <= a) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    const f = funcs[best];
    return a < f.value + f.size ? `f${f.value.toString(16)}` : undefined;
  };

  const ranges: Range[] = [];
  const stmts: StmtRow[] = [];
  const rows = t.rows;
  let seq = 0;
  let i = 0;
  while (i < rows.length) {
    // One sequence: rows up to and including an end_sequence row.
    let j = i;
    while (j < rows.length && !rows[j].endSequence) j++;
    const last = Math.min(j, rows.length - 1);
    if (inImage(rows[i].address)) {
      for (let k = i; k < last; k++) {
        const a = rows[k];
        const b = rows[k + 1];
        if (a.isStmt && a.line !== 0) stmts.push({ row: a, group: funcOf(a.address) ?? `s${seq}` });
        // Of several rows at one address, the last one describes the code.
        if (a.address >= b.address) continue;
        ranges.push({ start: a.address, end: b.address, row: a });
      }
    }
    seq++;
    i = last + 1;
  }
  ranges.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { ranges, stmts };
}

function indexOf(t: LineTable): Index {
  let ix = indexes.get(t);
  if (!ix) {
    // A table built by hand (not by parseLineTable): no ELF to filter with.
    ix = buildIndex(t, { entry: 0n, type: 'exec', segments: [], symbols: [], sections: [], bytes: new Uint8Array() });
    indexes.set(t, ix);
  }
  return ix;
}

/**
 * The source line of the instruction at `addr`, as addr2line reports it;
 * undefined when no row covers the address or its line is 0 (no source).
 */
export function lineForAddress(t: LineTable, addr: bigint): { file: string; line: number; column: number } | undefined {
  const { ranges } = indexOf(t);
  let lo = 0;
  let hi = ranges.length - 1;
  let best = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (ranges[mid].start <= addr) {
      best = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  if (best < 0) return undefined;
  const r = ranges[best];
  if (addr >= r.end || r.row.line === 0) return undefined;
  return { file: r.row.file, line: r.row.line, column: r.row.column };
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/\/\.\//g, '/').replace(/^(\.\/)+/, '').replace(/\/{2,}/g, '/');
}

/**
 * The table's files that `name` designates: the same path, a path ending in
 * `/name` ("fork.c", "kernel/fork.c"), or one that `name` ends with (an
 * absolute path to the source file in the checkout).
 */
export function matchFiles(t: LineTable, name: string): string[] {
  const n = normalize(name);
  if (n === '') return [];
  return t.files.filter((f) => {
    const g = normalize(f);
    return g === n || g.endsWith('/' + n) || n.endsWith('/' + g);
  });
}

/**
 * Where `break file:line` puts its breakpoints. As gdb does: only is_stmt
 * rows count; when the line has no code, the next line that has code in the
 * matching files is used; each function (ELF symbol) gets one breakpoint, at
 * the lowest address of the line in it, with no prologue skipping.
 *
 * Two differences from gdb, which reads blocks from .debug_info: gdb puts one
 * location in each inlined copy of a function, not one per function; and gdb
 * drops a file's rows at an address where the program switches to another
 * file (an inlined header function), so for `INIT_LIST_HEAD(&p->children);`
 * it moves on to a later line, while this stops where the inlined code starts.
 * Sequences outside the image (discarded by --gc-sections) are ignored, as
 * gdb ignores them. Errors name the file or line that was not found.
 */
export function addressesForLine(t: LineTable, file: string, line: number): Result<LineLocations> {
  if (!Number.isSafeInteger(line) || line < 1) return err(`line ${line} is not a line number`);
  const files = matchFiles(t, file);
  if (files.length === 0) return err(`no source file named ${file} in the line table`);
  const wanted = new Set(files);
  const candidates = indexOf(t).stmts.filter((s) => wanted.has(s.row.file));
  let best = Infinity;
  for (const r of candidates) {
    if (r.row.line >= line && r.row.line < best) best = r.row.line;
  }
  if (best === Infinity) return err(`line ${line} is past the last line with code in ${files.join(', ')}`);
  const byGroup = new Map<string, bigint>();
  for (const s of candidates) {
    if (s.row.line !== best) continue;
    const prev = byGroup.get(s.group);
    if (prev === undefined || s.row.address < prev) byGroup.set(s.group, s.row.address);
  }
  const addresses = [...byGroup.values()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return ok({ line: best, files, addresses });
}

/** Where sourceLines looks for a relative path, below the repository root. */
export const SOURCE_DIRS = ['.', 'guest', 'guest/kernel', 'guest/firmware', 'guest/user'];

/**
 * Lines from..to (1-based, inclusive, clamped to the file) of a source file
 * named by the line table, for `list`. Relative paths are tried against
 * rootDir (the repository root) and the guest source directories below it
 * (SOURCE_DIRS), then `extraDirs`. Undefined when the file is not found.
 */
export function sourceLines(rootDir: string, file: string, from: number, to: number, extraDirs: string[] = []): string[] | undefined {
  const candidates = isAbsolute(file)
    ? [file]
    : [...SOURCE_DIRS.map((d) => join(rootDir, d, file)), ...extraDirs.map((d) => join(d, file))];
  for (const p of candidates) {
    let text: string;
    try {
      text = readFileSync(p, 'utf8');
    } catch {
      continue;
    }
    const lines = text.split('\n');
    if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
    const a = Math.max(1, Math.floor(from));
    const b = Math.min(lines.length, Math.floor(to));
    return a > b ? [] : lines.slice(a - 1, b).map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
  }
  return undefined;
}
