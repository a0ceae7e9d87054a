/** Register and CSR names, as gdb and the RISC-V ABI spell them. */

export const ABI_NAMES = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

export const CSR_NAMES: Record<string, number> = {
  sstatus: 0x100, sie: 0x104, stvec: 0x105, scounteren: 0x106, senvcfg: 0x10a, sscratch: 0x140, sepc: 0x141,
  scause: 0x142, stval: 0x143, sip: 0x144, stimecmp: 0x14d, satp: 0x180,
  mstatus: 0x300, misa: 0x301, medeleg: 0x302, mideleg: 0x303, mie: 0x304, mtvec: 0x305, mcounteren: 0x306,
  menvcfg: 0x30a, mcountinhibit: 0x320, mscratch: 0x340, mepc: 0x341, mcause: 0x342, mtval: 0x343, mip: 0x344,
  pmpcfg0: 0x3a0, pmpcfg2: 0x3a2, pmpaddr0: 0x3b0, pmpaddr1: 0x3b1, pmpaddr2: 0x3b2, pmpaddr3: 0x3b3,
  mcycle: 0xb00, minstret: 0xb02, cycle: 0xc00, time: 0xc01, instret: 0xc02,
  mvendorid: 0xf11, marchid: 0xf12, mimpid: 0xf13, mhartid: 0xf14,
};

export const CSR_BY_NUMBER = new Map(Object.entries(CSR_NAMES).map(([k, v]) => [v, k]));

/** x-register index for a name: x0..x31, ABI names, fp. */
export function gprIndex(name: string): number | undefined {
  const m = /^x(\d+)$/.exec(name);
  if (m && Number(m[1]) < 32) return Number(m[1]);
  if (name === 'fp') return 8;
  const i = ABI_NAMES.indexOf(name);
  return i >= 0 ? i : undefined;
}
