/**
 * Flattened device tree (DTB, format version 17): a builder for rvlab's
 * QEMU-virt-compatible board, and a validating parser.
 *
 * The board tree mirrors what QEMU 7.2's `virt` machine generates, minus the
 * devices rvlab does not emulate (virtio-mmio, PCI, RTC, flash, fw-cfg,
 * platform bus, PMU). Keeping the same addresses, phandles, property names and
 * property order means a kernel or firmware that boots on QEMU virt sees the
 * tree it expects here, and `dtc` dumps of the two can be compared side by side.
 *
 * Blob layout (same as QEMU's): 40-byte header, empty memory reservation map
 * at 0x28, structure block at 0x38, then the strings block; no free space.
 */
import { type Result, ok, err } from './result.js';

export interface BoardConfig {
  memBase: bigint;
  memSize: bigint;
  /** Hz of the mtime counter; QEMU virt uses 10_000_000. */
  timebaseFrequency: number;
  /** ISA string, e.g. 'rv64imac_zicsr_zifencei_zicntr_sstc'. */
  isa: string;
  mmuType: 'riscv,sv39' | 'riscv,sv48';
  bootargs?: string;
  initrd?: { start: bigint; end: bigint };
}

export interface DtNode {
  /** Node name with unit address, e.g. 'serial@10000000'; '' for the root. */
  name: string;
  /** Raw property values, in blob order. */
  props: Map<string, Uint8Array>;
  children: DtNode[];
}

// ---------------------------------------------------------------------------
// Board layout. Addresses, sizes and phandle numbers are QEMU virt's.

const PHANDLE_CPU0 = 1;
const PHANDLE_CPU0_INTC = 2;
const PHANDLE_PLIC = 3;
const PHANDLE_TEST = 4;

const CLINT_BASE = 0x0200_0000n;
const CLINT_SIZE = 0x1_0000n;
const PLIC_BASE = 0x0c00_0000n;
const PLIC_SIZE = 0x60_0000n;
// QEMU 7.2 writes 96 here, but source 0 is reserved and only 1..95 exist;
// QEMU fixed this to 95 after 7.2, and the PLIC model implements 1..95.
const PLIC_NDEV = 95;
const UART0_BASE = 0x1000_0000n;
const UART0_SIZE = 0x100n;
const UART0_CLOCK = 0x38_4000; // 3.6864 MHz
const UART0_IRQ = 10;
const TEST_BASE = 0x10_0000n;
const TEST_SIZE = 0x1000n;

// Local interrupt numbers on the hart's interrupt controller (mip bits).
// As in QEMU, the CLINT drives only the M-mode software and timer lines.
const IRQ_M_SOFT = 3;
const IRQ_M_TIMER = 7;
const IRQ_S_EXT = 9;
const IRQ_M_EXT = 11;

// Values the SiFive test device ("finisher") acts on when written to offset 0.
const FINISHER_PASS = 0x5555; // power off, exit status 0
const FINISHER_RESET = 0x7777;

/**
 * The device tree for an rvlab board. Throws RangeError on a configuration
 * that cannot be described (e.g. an unparseable ISA string): that is a bug in
 * the caller, not bad user input.
 */
export function buildDtb(cfg: BoardConfig): Uint8Array {
  return encodeDtb(boardTree(cfg));
}

function boardTree(cfg: BoardConfig): DtNode {
  checkConfig(cfg);
  const isa = parseIsa(cfg.isa);
  const reg = (base: bigint, size: bigint) => u64s(base, size);

  // QEMU builds the tree with libfdt, which inserts each new property at the
  // front of its node, so the blob lists properties in reverse order of the
  // QEMU source. The order below is the blob's, as `dtc` prints it.
  const chosen: Prop[] = [];
  if (cfg.initrd) {
    // QEMU 7.2 writes 32-bit cells; 64-bit values are valid (Linux reads
    // either size) and do not truncate RAM above 4 GiB.
    chosen.push(['linux,initrd-end', u64s(cfg.initrd.end)]);
    chosen.push(['linux,initrd-start', u64s(cfg.initrd.start)]);
  }
  if (cfg.bootargs !== undefined) chosen.push(['bootargs', strs(cfg.bootargs)]);
  chosen.push(['stdout-path', strs(`/soc/serial@${hex(UART0_BASE)}`)]);

  const intc = node('interrupt-controller', [
    // Not in QEMU: without it dtc warns about an interrupt provider lacking
    // #address-cells. Nothing reads it here; 0 is the only sensible value.
    ['#address-cells', u32s(0)],
    ['#interrupt-cells', u32s(1)],
    ['interrupt-controller', empty()],
    ['compatible', strs('riscv,cpu-intc')],
    ['phandle', u32s(PHANDLE_CPU0_INTC)],
  ]);

  const cpu0 = node(
    'cpu@0',
    [
      ['phandle', u32s(PHANDLE_CPU0)],
      ['device_type', strs('cpu')],
      ['reg', u32s(0)],
      ['status', strs('okay')],
      ['compatible', strs('riscv')],
      // isa-extensions/isa-base are from QEMU 8.2+; kept in its order.
      ['riscv,isa-extensions', strs(...isa.extensions)],
      ['riscv,isa-base', strs(isa.base)],
      // The binding's schema only allows lower case.
      ['riscv,isa', strs(cfg.isa.toLowerCase())],
      ['mmu-type', strs(cfg.mmuType)],
    ],
    [intc],
  );

  const cpuMap = node('cpu-map', [], [node('cluster0', [], [node('core0', [['cpu', u32s(PHANDLE_CPU0)]])])]);

  const cpus = node(
    'cpus',
    [
      ['#address-cells', u32s(1)],
      ['#size-cells', u32s(0)],
      ['timebase-frequency', u32s(cfg.timebaseFrequency)],
    ],
    [cpu0, cpuMap],
  );

  const soc = node(
    'soc',
    [
      ['#address-cells', u32s(2)],
      ['#size-cells', u32s(2)],
      ['compatible', strs('simple-bus')],
      ['ranges', empty()],
    ],
    [
      node(`serial@${hex(UART0_BASE)}`, [
        ['interrupts', u32s(UART0_IRQ)],
        ['interrupt-parent', u32s(PHANDLE_PLIC)],
        ['clock-frequency', u32s(UART0_CLOCK)],
        ['reg', reg(UART0_BASE, UART0_SIZE)],
        ['compatible', strs('ns16550a')],
      ]),
      node(`test@${hex(TEST_BASE)}`, [
        ['phandle', u32s(PHANDLE_TEST)],
        ['reg', reg(TEST_BASE, TEST_SIZE)],
        ['compatible', strs('sifive,test1', 'sifive,test0', 'syscon')],
      ]),
      node(`plic@${hex(PLIC_BASE)}`, [
        ['phandle', u32s(PHANDLE_PLIC)],
        ['riscv,ndev', u32s(PLIC_NDEV)],
        ['reg', reg(PLIC_BASE, PLIC_SIZE)],
        // Context 0 is hart 0 M-mode, context 1 is hart 0 S-mode.
        ['interrupts-extended', u32s(PHANDLE_CPU0_INTC, IRQ_M_EXT, PHANDLE_CPU0_INTC, IRQ_S_EXT)],
        ['interrupt-controller', empty()],
        ['compatible', strs('sifive,plic-1.0.0', 'riscv,plic0')],
        ['#address-cells', u32s(0)],
        ['#interrupt-cells', u32s(1)],
      ]),
      node(`clint@${hex(CLINT_BASE)}`, [
        ['interrupts-extended', u32s(PHANDLE_CPU0_INTC, IRQ_M_SOFT, PHANDLE_CPU0_INTC, IRQ_M_TIMER)],
        ['reg', reg(CLINT_BASE, CLINT_SIZE)],
        ['compatible', strs('sifive,clint0', 'riscv,clint0')],
      ]),
    ],
  );

  // QEMU 7.2 puts poweroff/reboot at the root (older versions nested them
  // under test@100000); both point at the test device through regmap.
  const syscon = (name: string, compatible: string, value: number) =>
    node(name, [
      ['value', u32s(value)],
      ['offset', u32s(0)],
      ['regmap', u32s(PHANDLE_TEST)],
      ['compatible', strs(compatible)],
    ]);

  return node(
    '',
    [
      ['#address-cells', u32s(2)],
      ['#size-cells', u32s(2)],
      ['compatible', strs('riscv-virtio')],
      ['model', strs('riscv-virtio,qemu')],
    ],
    [
      node('chosen', chosen),
      syscon('poweroff', 'syscon-poweroff', FINISHER_PASS),
      syscon('reboot', 'syscon-reboot', FINISHER_RESET),
      node(`memory@${hex(cfg.memBase)}`, [
        ['device_type', strs('memory')],
        ['reg', reg(cfg.memBase, cfg.memSize)],
      ]),
      cpus,
      soc,
    ],
  );
}

function checkConfig(cfg: BoardConfig): void {
  const u64max = (1n << 64n) - 1n;
  if (cfg.memSize <= 0n || cfg.memBase < 0n || cfg.memBase + cfg.memSize - 1n > u64max) {
    throw new RangeError(`memory range 0x${hex(cfg.memBase)}+0x${hex(cfg.memSize)} is invalid`);
  }
  const tb = cfg.timebaseFrequency;
  if (!Number.isInteger(tb) || tb <= 0 || tb > 0xffff_ffff) {
    throw new RangeError(`timebase frequency ${tb} does not fit a 32-bit cell`);
  }
  if (cfg.initrd) {
    const { start, end } = cfg.initrd;
    if (start < 0n || end < start || end > u64max) {
      throw new RangeError(`initrd range 0x${hex(start)}..0x${hex(end)} is invalid`);
    }
  }
  if (cfg.bootargs?.includes('\0')) throw new RangeError('bootargs must not contain NUL');
}

/**
 * Splits an ISA string into riscv,isa-base and riscv,isa-extensions, the
 * way QEMU 8.2+ does: single-letter extensions first (with G expanded), then
 * the multi-letter ones (z*, s*, x*), each once, in the order written.
 * Version suffixes ("i2p1", "zicsr2p0") are dropped.
 */
function parseIsa(isa: string): { base: string; extensions: string[] } {
  const m = /^rv64([a-z0-9_]*)$/.exec(isa.toLowerCase());
  if (!m) throw new RangeError(`ISA string "${isa}" must start with rv64`);
  const [first = '', ...rest] = m[1].split('_');
  const singles: string[] = [];
  const multis: string[] = [];
  const multi = (name: string) => {
    const bare = name.replace(/\d+p\d+$/, '');
    if (!/^[zsx][a-z0-9]+$/.test(bare)) throw new RangeError(`ISA string "${isa}": bad extension "${name}"`);
    multis.push(bare);
  };

  for (let j = 0; j < first.length; ) {
    const c = first[j];
    if (c === 'z' || c === 's' || c === 'x') {
      // A multi-letter extension may follow the single letters directly.
      multi(first.slice(j));
      break;
    }
    if (!/[a-z]/.test(c)) throw new RangeError(`ISA string "${isa}": unexpected "${c}"`);
    if (c === 'g') {
      singles.push('i', 'm', 'a', 'f', 'd');
      multis.push('zicsr', 'zifencei');
    } else {
      singles.push(c);
    }
    j++;
    const ver = /^\d+(p\d+)?/.exec(first.slice(j));
    if (ver) j += ver[0].length;
  }
  if (singles[0] !== 'i') throw new RangeError(`ISA string "${isa}" must have base I (rv64i... or rv64g...)`);
  for (const name of rest) {
    if (name !== '') multi(name);
  }
  return { base: 'rv64i', extensions: [...new Set([...singles, ...multis])] };
}

// ---------------------------------------------------------------------------
// Property values. All integers in a device tree are big-endian.

type Prop = [string, Uint8Array];

function node(name: string, props: Prop[], children: DtNode[] = []): DtNode {
  return { name, props: new Map(props), children };
}

function u32s(...cells: number[]): Uint8Array {
  const out = new Uint8Array(cells.length * 4);
  const dv = new DataView(out.buffer);
  cells.forEach((c, i) => dv.setUint32(i * 4, c));
  return out;
}

/** 64-bit values as two cells each, which is what #address-cells = 2 means. */
function u64s(...values: bigint[]): Uint8Array {
  const out = new Uint8Array(values.length * 8);
  const dv = new DataView(out.buffer);
  values.forEach((v, i) => dv.setBigUint64(i * 8, BigInt.asUintN(64, v)));
  return out;
}

/** One or more strings, each NUL-terminated (a "stringlist"). */
function strs(...list: string[]): Uint8Array {
  return utf8enc.encode(list.map((s) => s + '\0').join(''));
}

function empty(): Uint8Array {
  return new Uint8Array(0);
}

function hex(v: bigint): string {
  return v.toString(16);
}

const utf8enc = new TextEncoder();
const utf8dec = new TextDecoder('utf-8');

// ---------------------------------------------------------------------------
// Encoding.

const FDT_MAGIC = 0xd00dfeed;
const FDT_BEGIN_NODE = 1;
const FDT_END_NODE = 2;
const FDT_PROP = 3;
const FDT_NOP = 4;
const FDT_END = 9;
const HEADER_SIZE = 40;
const RSVMAP_ENTRY = 16;
const VERSION = 17;
const LAST_COMP_VERSION = 16;
const MAX_DEPTH = 64;

/** Growable big-endian byte buffer. */
class Writer {
  private buf = new Uint8Array(1024);
  len = 0;

  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
  u32(v: number): void {
    this.reserve(4);
    new DataView(this.buf.buffer).setUint32(this.len, v);
    this.len += 4;
  }
  bytes(b: Uint8Array): void {
    this.reserve(b.length);
    this.buf.set(b, this.len);
    this.len += b.length;
  }
  align4(): void {
    while (this.len % 4 !== 0) this.bytes(new Uint8Array(1));
  }
  result(): Uint8Array {
    return this.buf.slice(0, this.len);
  }
}

/**
 * Serializes any tree (the board's, or one from parseDtb) to a DTB with an
 * empty memory reservation map. Property names are deduplicated in the
 * strings block. encodeDtb(parseDtb(b)) reproduces b for blobs in this
 * layout, which is what the round-trip tests rely on.
 */
export function encodeDtb(root: DtNode): Uint8Array {
  if (root.name !== '') throw new RangeError('root node name must be empty');
  const struct = new Writer();
  const strings = new Writer();
  const stringOffsets = new Map<string, number>();

  const nameOffset = (name: string): number => {
    let off = stringOffsets.get(name);
    if (off === undefined) {
      off = strings.len;
      strings.bytes(utf8enc.encode(name + '\0'));
      stringOffsets.set(name, off);
    }
    return off;
  };

  const walk = (n: DtNode, depth: number): void => {
    if (depth > MAX_DEPTH) throw new RangeError('device tree nested too deeply');
    if (n.name.includes('\0') || (depth > 0 && n.name === '')) throw new RangeError(`bad node name "${n.name}"`);
    struct.u32(FDT_BEGIN_NODE);
    struct.bytes(utf8enc.encode(n.name + '\0'));
    struct.align4();
    for (const [name, value] of n.props) {
      if (name === '' || name.includes('\0')) throw new RangeError(`bad property name "${name}"`);
      struct.u32(FDT_PROP);
      struct.u32(value.length);
      struct.u32(nameOffset(name));
      struct.bytes(value);
      struct.align4();
    }
    for (const c of n.children) walk(c, depth + 1);
    struct.u32(FDT_END_NODE);
  };
  walk(root, 0);
  struct.u32(FDT_END);

  const structBytes = struct.result();
  const stringBytes = strings.result();
  const offRsvmap = HEADER_SIZE; // already 8-aligned
  const offStruct = offRsvmap + RSVMAP_ENTRY; // one all-zero terminator entry
  const offStrings = offStruct + structBytes.length;
  const total = offStrings + stringBytes.length;

  const out = new Uint8Array(total);
  const dv = new DataView(out.buffer);
  const header = [
    FDT_MAGIC,
    total,
    offStruct,
    offStrings,
    offRsvmap,
    VERSION,
    LAST_COMP_VERSION,
    0, // boot_cpuid_phys
    stringBytes.length,
    structBytes.length,
  ];
  header.forEach((v, i) => dv.setUint32(i * 4, v));
  out.set(structBytes, offStruct);
  out.set(stringBytes, offStrings);
  return out;
}

// ---------------------------------------------------------------------------
// Parsing. Every offset is checked before it is read; malformed input gives an
// error message, never an exception.

/** Parses and structurally validates a DTB. Property values are copies. */
export function parseDtb(bytes: Uint8Array): Result<DtNode> {
  const len = bytes.byteLength;
  if (len < HEADER_SIZE) return err('truncated device tree header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, len);
  const word = (i: number) => dv.getUint32(i * 4);

  if (word(0) !== FDT_MAGIC) return err('not a device tree blob (bad magic)');
  const total = word(1);
  const offStruct = word(2);
  const offStrings = word(3);
  const offRsvmap = word(4);
  const version = word(5);
  const lastComp = word(6);
  const sizeStrings = word(8);

  if (total < HEADER_SIZE) return err(`device tree total size ${total} is smaller than its header`);
  if (total > len) return err(`device tree is truncated (header says ${total} bytes, file has ${len})`);
  if (version < 16) return err(`device tree version ${version} is unsupported (need 16 or later)`);
  if (lastComp > VERSION) return err(`device tree needs a version ${lastComp} reader; this one reads ${VERSION}`);
  // size_dt_struct appeared in version 17; before that the block runs to the end.
  const sizeStruct = version >= 17 ? word(9) : total - offStruct;

  const inBlob = (off: number, size: number) => off >= HEADER_SIZE && size >= 0 && off + size <= total;
  if (offRsvmap % 8 !== 0 || !inBlob(offRsvmap, 0)) {
    return err(`memory reservation map offset 0x${offRsvmap.toString(16)} is invalid`);
  }
  if (offStruct % 4 !== 0 || !inBlob(offStruct, sizeStruct)) {
    return err(`structure block (offset 0x${offStruct.toString(16)}, size ${sizeStruct}) is outside the blob`);
  }
  if (!inBlob(offStrings, sizeStrings)) {
    return err(`strings block (offset 0x${offStrings.toString(16)}, size ${sizeStrings}) is outside the blob`);
  }

  // The reservation map is a list of (address, size) pairs ending in (0, 0).
  for (let at = offRsvmap; ; at += RSVMAP_ENTRY) {
    if (at + RSVMAP_ENTRY > total) return err('memory reservation map has no terminator');
    if (dv.getBigUint64(at) === 0n && dv.getBigUint64(at + 8) === 0n) break;
  }

  return parseStruct(bytes, dv, offStruct, offStruct + sizeStruct, offStrings, sizeStrings);
}

function parseStruct(
  bytes: Uint8Array,
  dv: DataView,
  start: number,
  end: number,
  offStrings: number,
  sizeStrings: number,
): Result<DtNode> {
  // Each open node, and whether it has had a child yet (properties must come first).
  const stack: { node: DtNode; hasChild: boolean }[] = [];
  const path = () => '/' + stack.slice(1).map((s) => s.node.name).join('/');
  const at = (pos: number) => `at structure offset 0x${(pos - start).toString(16)}`;
  let root: DtNode | undefined;
  let pos = start;

  // Byte length of the NUL-terminated string at `from` within [from, limit), or -1.
  const strlen = (from: number, limit: number): number => bytes.subarray(from, limit).indexOf(0);
  const text = (from: number, n: number): string => utf8dec.decode(bytes.subarray(from, from + n));

  for (;;) {
    if (pos + 4 > end) return err('device tree structure block ends without FDT_END');
    const tokenPos = pos;
    const token = dv.getUint32(pos);
    pos += 4;

    switch (token) {
      case FDT_NOP:
        break;

      case FDT_BEGIN_NODE: {
        const n0 = strlen(pos, end);
        if (n0 < 0) return err(`unterminated node name ${at(tokenPos)}`);
        const name = text(pos, n0);
        pos = align4(pos + n0 + 1);
        if (root && stack.length === 0) return err(`node after the root node ${at(tokenPos)}`);
        const n: DtNode = { name, props: new Map(), children: [] };
        const parent = stack[stack.length - 1];
        if (!parent) {
          if (name !== '') return err(`root node has a name ("${name}")`);
          root = n;
        } else {
          if (name === '') return err(`node with an empty name in ${path()}`);
          // A '/' would make the node unreachable by path.
          if (name.includes('/')) return err(`node name "${name}" in ${path()} contains '/'`);
          if (parent.node.children.some((c) => c.name === name)) {
            return err(`duplicate node ${stack.length > 1 ? path() : ''}/${name}`);
          }
          if (stack.length >= MAX_DEPTH) return err(`nodes nested too deeply in ${path()}`);
          parent.node.children.push(n);
          parent.hasChild = true;
        }
        stack.push({ node: n, hasChild: false });
        break;
      }

      case FDT_END_NODE:
        if (stack.length === 0) return err(`unbalanced FDT_END_NODE ${at(tokenPos)}`);
        stack.pop();
        break;

      case FDT_PROP: {
        const top = stack[stack.length - 1];
        if (!top) return err(`property outside any node ${at(tokenPos)}`);
        if (pos + 8 > end) return err(`truncated property ${at(tokenPos)}`);
        const size = dv.getUint32(pos);
        const nameOff = dv.getUint32(pos + 4);
        pos += 8;
        if (size > end - pos) return err(`property value runs past the structure block ${at(tokenPos)}`);
        if (nameOff >= sizeStrings) return err(`property name offset ${nameOff} is outside the strings block`);
        const n0 = strlen(offStrings + nameOff, offStrings + sizeStrings);
        if (n0 < 0) return err(`unterminated property name at strings offset ${nameOff}`);
        const name = text(offStrings + nameOff, n0);
        if (name === '') return err(`property with an empty name in ${path()}`);
        if (top.hasChild) return err(`property "${name}" after a child node in ${path()}`);
        if (top.node.props.has(name)) return err(`duplicate property "${name}" in ${path()}`);
        // A copy (not Buffer#slice, which would alias the input).
        top.node.props.set(name, new Uint8Array(bytes.subarray(pos, pos + size)));
        pos = align4(pos + size);
        break;
      }

      case FDT_END:
        if (!root) return err('device tree has no root node');
        if (stack.length !== 0) return err(`FDT_END inside node ${path()}`);
        return ok(root);

      default:
        return err(`unknown token 0x${token.toString(16)} ${at(tokenPos)}`);
    }
  }
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

// ---------------------------------------------------------------------------
// Lookup and property decoding.

/**
 * The node at an absolute path such as '/soc/serial@10000000'. As in libfdt,
 * a component without a unit address also matches a node that has one
 * ('/memory' finds 'memory@80000000'), taking the first such child.
 */
export function dtGet(root: DtNode, path: string): DtNode | undefined {
  if (!path.startsWith('/')) return undefined;
  let n: DtNode | undefined = root;
  for (const part of path.split('/')) {
    if (part === '' || !n) continue;
    const kids: DtNode[] = n.children;
    n =
      kids.find((c) => c.name === part) ??
      (part.includes('@') ? undefined : kids.find((c) => c.name.split('@')[0] === part));
  }
  return n;
}

/** Big-endian 32-bit cells; a trailing partial cell is ignored. */
export function propU32s(p: Uint8Array): number[] {
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const out: number[] = [];
  for (let i = 0; i + 4 <= p.length; i += 4) out.push(dv.getUint32(i));
  return out;
}

/** Big-endian 64-bit values (cell pairs); a trailing partial value is ignored. */
export function propU64s(p: Uint8Array): bigint[] {
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const out: bigint[] = [];
  for (let i = 0; i + 8 <= p.length; i += 8) out.push(dv.getBigUint64(i));
  return out;
}

/** The NUL-separated strings of a string or stringlist property. */
export function propStrings(p: Uint8Array): string[] {
  if (p.length === 0) return [];
  const text = utf8dec.decode(p);
  const parts = text.split('\0');
  // A well-formed value ends in NUL, which leaves one empty string at the end.
  if (text.endsWith('\0')) parts.pop();
  return parts;
}
