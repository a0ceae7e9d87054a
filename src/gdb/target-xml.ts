/**
 * The target description gdb reads with qXfer:features:read:target.xml, and
 * the register numbering it fixes for g/p/P.
 *
 * Numbering follows QEMU's RISC-V gdbstub (target/riscv/gdbstub.c) for a hart
 * without F/D, which is what rvlab is: the cpu feature is 0..31 = x0..x31 and
 * 32 = pc; then each extra feature takes the next numbers in order, so the
 * virtual `priv` register is 33 and the CSR feature starts at base 34 with
 * regnum = 34 + CSR number (QEMU: `base_reg + i` over its CSR table). gdb
 * matches registers by name, so `info registers mstatus` and `p $priv` work
 * whatever the numbers; keeping QEMU's numbers means raw `p`-packet traces
 * and scripts written against QEMU read the same here.
 */

export const PC_REGNUM = 32;
export const PRIV_REGNUM = 33;
export const CSR_BASE_REGNUM = 34;
/** Registers in a `g` packet: x0..x31 and pc (gdb fetches the rest with `p`, as from QEMU). */
export const G_REGS = 33;

/** gdb's names for x0..x31 (riscv-tdep.c / features/riscv/64bit-cpu.xml: x8 is "fp"). */
export const GDB_REG_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 'fp', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

/** Types as in gdb's own 64bit-cpu.xml, so `p $sp` prints a pointer and `p $ra` a code address. */
function cpuRegType(i: number): string {
  if (i === 1) return 'code_ptr';
  if (i === 2 || i === 3 || i === 4 || i === 8) return 'data_ptr';
  return 'int';
}

/** The CSRs rvlab's core implements, by the names gdb knows them by. */
export const CSRS: readonly { name: string; num: number }[] = [
  { name: 'sstatus', num: 0x100 },
  { name: 'sie', num: 0x104 },
  { name: 'stvec', num: 0x105 },
  { name: 'scounteren', num: 0x106 },
  { name: 'senvcfg', num: 0x10a },
  { name: 'sscratch', num: 0x140 },
  { name: 'sepc', num: 0x141 },
  { name: 'scause', num: 0x142 },
  { name: 'stval', num: 0x143 },
  { name: 'sip', num: 0x144 },
  { name: 'stimecmp', num: 0x14d },
  { name: 'satp', num: 0x180 },
  { name: 'mstatus', num: 0x300 },
  { name: 'misa', num: 0x301 },
  { name: 'medeleg', num: 0x302 },
  { name: 'mideleg', num: 0x303 },
  { name: 'mie', num: 0x304 },
  { name: 'mtvec', num: 0x305 },
  { name: 'mcounteren', num: 0x306 },
  { name: 'menvcfg', num: 0x30a },
  { name: 'mcountinhibit', num: 0x320 },
  { name: 'mscratch', num: 0x340 },
  { name: 'mepc', num: 0x341 },
  { name: 'mcause', num: 0x342 },
  { name: 'mtval', num: 0x343 },
  { name: 'mip', num: 0x344 },
  { name: 'pmpcfg0', num: 0x3a0 },
  { name: 'pmpcfg2', num: 0x3a2 },
  ...Array.from({ length: 16 }, (_, i) => ({ name: `pmpaddr${i}`, num: 0x3b0 + i })),
  { name: 'mcycle', num: 0xb00 },
  { name: 'minstret', num: 0xb02 },
  { name: 'cycle', num: 0xc00 },
  { name: 'time', num: 0xc01 },
  { name: 'instret', num: 0xc02 },
  { name: 'mvendorid', num: 0xf11 },
  { name: 'marchid', num: 0xf12 },
  { name: 'mimpid', num: 0xf13 },
  { name: 'mhartid', num: 0xf14 },
  { name: 'mconfigptr', num: 0xf15 },
];

/** The CSR number a gdb regnum stands for, if it is in the CSR block. */
export function csrOfRegnum(regnum: number): number | undefined {
  const n = regnum - CSR_BASE_REGNUM;
  return n >= 0 && n < 0x1000 ? n : undefined;
}

/**
 * The whole description as one document (gdb accepts it inline; QEMU splits
 * it with xi:include, which changes nothing gdb sees). `hasCsr` filters the
 * CSR list as QEMU's predicates do, so gdb is never offered a register it
 * cannot read.
 */
export function targetXml(hasCsr: (num: number) => boolean = () => true): string {
  const cpu = GDB_REG_NAMES.map(
    (name, i) => `    <reg name="${name}" bitsize="64" type="${cpuRegType(i)}" regnum="${i}"/>`,
  );
  cpu.push(`    <reg name="pc" bitsize="64" type="code_ptr" regnum="${PC_REGNUM}"/>`);
  const csrs = CSRS.filter((c) => hasCsr(c.num)).map(
    (c) => `    <reg name="${c.name}" bitsize="64" type="int" regnum="${CSR_BASE_REGNUM + c.num}"/>`,
  );
  return [
    '<?xml version="1.0"?>',
    '<!DOCTYPE target SYSTEM "gdb-target.dtd">',
    '<target version="1.0">',
    '  <architecture>riscv:rv64</architecture>',
    '  <feature name="org.gnu.gdb.riscv.cpu">',
    ...cpu,
    '  </feature>',
    '  <feature name="org.gnu.gdb.riscv.virtual">',
    `    <reg name="priv" bitsize="64" type="int" regnum="${PRIV_REGNUM}"/>`,
    '  </feature>',
    '  <feature name="org.gnu.gdb.riscv.csr">',
    ...csrs,
    '  </feature>',
    '</target>',
    '',
  ].join('\n');
}
