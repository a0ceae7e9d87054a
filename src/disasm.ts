/**
 * RISC-V disassembler for the ISA rvlab's hart implements: RV64I, M, A, C,
 * Zicsr, Zifencei and the privileged instructions (ecall, ebreak, mret, sret,
 * wfi, sfence.vma).
 *
 * The output is exactly what GNU objdump 2.40 (Debian's binutils-riscv64-
 * unknown-elf) prints with plain `-d` for code whose architecture is
 * rv64imac_zicsr_zifencei — the architecture every committed image is built
 * for — including its quirks:
 *
 * - objdump's aliases: li, mv, not, neg, negw, sext.w, seqz, snez, sltz, sgtz,
 *   zext.b, beqz, bnez, blez, bgez, bltz, bgtz, j, jal (rd = ra), jr, jalr
 *   (rd = ra), ret, nop, csrr, csrw, csrs, csrc, rdcycle, rdtime, rdinstret,
 *   unimp (0x0000 and csrw cycle,zero), fence (iorw,iorw), fence.tso;
 * - binutils 2.40 prints the register-immediate forms under the register
 *   mnemonic: `addi` is `add`, `slli` is `sll`, `andi` is `and`, `addiw` is
 *   `addw`, ... (`add sp,sp,-16`), and likewise csrrwi/csrrsi/csrrci as
 *   csrrw/csrrs/csrrc (csrwi as csrw, ...) with the immediate as a number;
 * - compressed instructions print as the instruction they expand to, except
 *   the HINT encodings, which print as themselves: `c.nop 3`, `c.li zero,5`,
 *   `c.lui zero,0x1`, `c.mv zero,a0`, `c.add zero,a0`, `c.slli zero,0x4`,
 *   `c.slli64 a0`, `c.srli64 s0`, `c.srai64 s0`;
 * - CSRs print by name, from objdump's table for the privileged spec in force
 *   (the newest, 1.12, unless the ELF's attributes say otherwise: the test
 *   images say 1.11, where menvcfg is 0x30a); unnamed CSRs print as 0x...;
 * - fence pred/succ sets print by letter, an empty set as `unknown` (pause,
 *   0x0100000f, is `fence w,unknown`: Zihintpause is not in the ISA);
 * - uret, hret and sfence.vm (privileged spec 1.9) still decode;
 * - anything else (F/D, other extensions, reserved encodings) prints the way
 *   objdump prints an undecodable word: `.4byte 0x...` / `.2byte 0x...`.
 *   Words whose low bits announce a 48-bit or longer encoding are .4byte with
 *   length 4 (objdump would consume 6 or 8 bytes; the hart traps on them).
 *
 * objdump also annotates an instruction with an address comment (`# 80001000
 * <sym>`) when it can compute the address an instruction forms: from an
 * earlier lui/auipc of the base register (a stateful trick, see
 * Disassembler), or from a base of gp (when __global_pointer$ is known), tp or
 * zero. Decoded.ref carries that address; formatInsn prints it.
 */

export interface Decoded {
  length: 2 | 4;
  /** objdump style, without symbols or comment: mnemonic, then '\t' and the operands ('addi\tsp,sp,-16' prints as 'add\tsp,sp,-16'). */
  text: string;
  /** Branches and jumps (jal, j, b*, c.j, c.beqz, ...): the absolute target, printed in text as the last operand. */
  target?: bigint;
  /** The address objdump prints as a `# addr <sym>` comment after the instruction. */
  ref?: bigint;
  /** True for a word that does not decode (printed as .2byte/.4byte). */
  illegal?: boolean;
}

export interface DisasmOptions {
  /** The value of __global_pointer$, for gp-relative address comments (objdump reads it from the ELF's symbols). */
  gp?: bigint;
  /** The privileged spec for CSR names (objdump: the ELF's Tag_RISCV_priv_spec attribute). Default '1.12', objdump's default. */
  privSpec?: PrivSpec;
  /** False to decode as objdump does in code assembled without C (`.option norvc`): every 16-bit word is .2byte. Default true. */
  compressed?: boolean;
}

const MASK64 = (1n << 64n) - 1n;

const REG = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2',
  's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7',
  's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

// objdump 2.40's CSR names (number in hex : name), as it prints them with the
// default (newest) privileged spec.
const CSR_TABLE = [
  '1:fflags 2:frm 3:fcsr 8:vstart 9:vxsat a:vxrm f:vcsr 15:seed 100:sstatus 104:sie 105:stvec',
  '106:scounteren 10a:senvcfg 10c:sstateen0 10d:sstateen1 10e:sstateen2 10f:sstateen3 114:sieh',
  '140:sscratch 141:sepc 142:scause 143:stval 144:sip 14d:stimecmp 150:siselect 151:sireg',
  '154:siph 15c:stopei 15d:stimecmph 180:satp 200:vsstatus 204:vsie 205:vstvec 214:vsieh',
  '240:vsscratch 241:vsepc 242:vscause 243:vstval 244:vsip 24d:vstimecmp 250:vsiselect',
  '251:vsireg 254:vsiph 25c:vstopei 25d:vstimecmph 280:vsatp 300:mstatus 301:misa 302:medeleg',
  '303:mideleg 304:mie 305:mtvec 306:mcounteren 308:mvien 309:mvip 30a:menvcfg 30c:mstateen0',
  '30d:mstateen1 30e:mstateen2 30f:mstateen3 310:mstatush 313:midelegh 314:mieh 318:mvienh',
  '319:mviph 31a:menvcfgh 31c:mstateen0h 31d:mstateen1h 31e:mstateen2h 31f:mstateen3h',
  '320:mcountinhibit 323:mhpmevent3 324:mhpmevent4 325:mhpmevent5 326:mhpmevent6',
  '327:mhpmevent7 328:mhpmevent8 329:mhpmevent9 32a:mhpmevent10 32b:mhpmevent11',
  '32c:mhpmevent12 32d:mhpmevent13 32e:mhpmevent14 32f:mhpmevent15 330:mhpmevent16',
  '331:mhpmevent17 332:mhpmevent18 333:mhpmevent19 334:mhpmevent20 335:mhpmevent21',
  '336:mhpmevent22 337:mhpmevent23 338:mhpmevent24 339:mhpmevent25 33a:mhpmevent26',
  '33b:mhpmevent27 33c:mhpmevent28 33d:mhpmevent29 33e:mhpmevent30 33f:mhpmevent31',
  '340:mscratch 341:mepc 342:mcause 343:mtval 344:mip 34a:mtinst 34b:mtval2 350:miselect',
  '351:mireg 354:miph 35c:mtopei 3a0:pmpcfg0 3a1:pmpcfg1 3a2:pmpcfg2 3a3:pmpcfg3 3a4:pmpcfg4',
  '3a5:pmpcfg5 3a6:pmpcfg6 3a7:pmpcfg7 3a8:pmpcfg8 3a9:pmpcfg9 3aa:pmpcfg10 3ab:pmpcfg11',
  '3ac:pmpcfg12 3ad:pmpcfg13 3ae:pmpcfg14 3af:pmpcfg15 3b0:pmpaddr0 3b1:pmpaddr1 3b2:pmpaddr2',
  '3b3:pmpaddr3 3b4:pmpaddr4 3b5:pmpaddr5 3b6:pmpaddr6 3b7:pmpaddr7 3b8:pmpaddr8 3b9:pmpaddr9',
  '3ba:pmpaddr10 3bb:pmpaddr11 3bc:pmpaddr12 3bd:pmpaddr13 3be:pmpaddr14 3bf:pmpaddr15',
  '3c0:pmpaddr16 3c1:pmpaddr17 3c2:pmpaddr18 3c3:pmpaddr19 3c4:pmpaddr20 3c5:pmpaddr21',
  '3c6:pmpaddr22 3c7:pmpaddr23 3c8:pmpaddr24 3c9:pmpaddr25 3ca:pmpaddr26 3cb:pmpaddr27',
  '3cc:pmpaddr28 3cd:pmpaddr29 3ce:pmpaddr30 3cf:pmpaddr31 3d0:pmpaddr32 3d1:pmpaddr33',
  '3d2:pmpaddr34 3d3:pmpaddr35 3d4:pmpaddr36 3d5:pmpaddr37 3d6:pmpaddr38 3d7:pmpaddr39',
  '3d8:pmpaddr40 3d9:pmpaddr41 3da:pmpaddr42 3db:pmpaddr43 3dc:pmpaddr44 3dd:pmpaddr45',
  '3de:pmpaddr46 3df:pmpaddr47 3e0:pmpaddr48 3e1:pmpaddr49 3e2:pmpaddr50 3e3:pmpaddr51',
  '3e4:pmpaddr52 3e5:pmpaddr53 3e6:pmpaddr54 3e7:pmpaddr55 3e8:pmpaddr56 3e9:pmpaddr57',
  '3ea:pmpaddr58 3eb:pmpaddr59 3ec:pmpaddr60 3ed:pmpaddr61 3ee:pmpaddr62 3ef:pmpaddr63',
  '5a8:scontext 600:hstatus 602:hedeleg 603:hideleg 604:hie 605:htimedelta 606:hcounteren',
  '607:hgeie 608:hvien 609:hvictl 60a:henvcfg 60c:hstateen0 60d:hstateen1 60e:hstateen2',
  '60f:hstateen3 613:hidelegh 615:htimedeltah 618:hvienh 61a:henvcfgh 61c:hstateen0h',
  '61d:hstateen1h 61e:hstateen2h 61f:hstateen3h 643:htval 644:hip 645:hvip 646:hviprio1',
  '647:hviprio2 64a:htinst 655:hviph 656:hviprio1h 657:hviprio2h 680:hgatp 6a8:hcontext',
  '723:mhpmevent3h 724:mhpmevent4h 725:mhpmevent5h 726:mhpmevent6h 727:mhpmevent7h',
  '728:mhpmevent8h 729:mhpmevent9h 72a:mhpmevent10h 72b:mhpmevent11h 72c:mhpmevent12h',
  '72d:mhpmevent13h 72e:mhpmevent14h 72f:mhpmevent15h 730:mhpmevent16h 731:mhpmevent17h',
  '732:mhpmevent18h 733:mhpmevent19h 734:mhpmevent20h 735:mhpmevent21h 736:mhpmevent22h',
  '737:mhpmevent23h 738:mhpmevent24h 739:mhpmevent25h 73a:mhpmevent26h 73b:mhpmevent27h',
  '73c:mhpmevent28h 73d:mhpmevent29h 73e:mhpmevent30h 73f:mhpmevent31h 747:mseccfg',
  '757:mseccfgh 7a0:tselect 7a1:tdata1 7a2:tdata2 7a3:tdata3 7a4:tinfo 7a5:tcontrol',
  '7a8:mcontext 7aa:mscontext 7b0:dcsr 7b1:dpc 7b2:dscratch0 7b3:dscratch1 b00:mcycle',
  'b02:minstret b03:mhpmcounter3 b04:mhpmcounter4 b05:mhpmcounter5 b06:mhpmcounter6',
  'b07:mhpmcounter7 b08:mhpmcounter8 b09:mhpmcounter9 b0a:mhpmcounter10 b0b:mhpmcounter11',
  'b0c:mhpmcounter12 b0d:mhpmcounter13 b0e:mhpmcounter14 b0f:mhpmcounter15 b10:mhpmcounter16',
  'b11:mhpmcounter17 b12:mhpmcounter18 b13:mhpmcounter19 b14:mhpmcounter20 b15:mhpmcounter21',
  'b16:mhpmcounter22 b17:mhpmcounter23 b18:mhpmcounter24 b19:mhpmcounter25 b1a:mhpmcounter26',
  'b1b:mhpmcounter27 b1c:mhpmcounter28 b1d:mhpmcounter29 b1e:mhpmcounter30 b1f:mhpmcounter31',
  'b80:mcycleh b82:minstreth b83:mhpmcounter3h b84:mhpmcounter4h b85:mhpmcounter5h',
  'b86:mhpmcounter6h b87:mhpmcounter7h b88:mhpmcounter8h b89:mhpmcounter9h b8a:mhpmcounter10h',
  'b8b:mhpmcounter11h b8c:mhpmcounter12h b8d:mhpmcounter13h b8e:mhpmcounter14h',
  'b8f:mhpmcounter15h b90:mhpmcounter16h b91:mhpmcounter17h b92:mhpmcounter18h',
  'b93:mhpmcounter19h b94:mhpmcounter20h b95:mhpmcounter21h b96:mhpmcounter22h',
  'b97:mhpmcounter23h b98:mhpmcounter24h b99:mhpmcounter25h b9a:mhpmcounter26h',
  'b9b:mhpmcounter27h b9c:mhpmcounter28h b9d:mhpmcounter29h b9e:mhpmcounter30h',
  'b9f:mhpmcounter31h c00:cycle c01:time c02:instret c03:hpmcounter3 c04:hpmcounter4',
  'c05:hpmcounter5 c06:hpmcounter6 c07:hpmcounter7 c08:hpmcounter8 c09:hpmcounter9',
  'c0a:hpmcounter10 c0b:hpmcounter11 c0c:hpmcounter12 c0d:hpmcounter13 c0e:hpmcounter14',
  'c0f:hpmcounter15 c10:hpmcounter16 c11:hpmcounter17 c12:hpmcounter18 c13:hpmcounter19',
  'c14:hpmcounter20 c15:hpmcounter21 c16:hpmcounter22 c17:hpmcounter23 c18:hpmcounter24',
  'c19:hpmcounter25 c1a:hpmcounter26 c1b:hpmcounter27 c1c:hpmcounter28 c1d:hpmcounter29',
  'c1e:hpmcounter30 c1f:hpmcounter31 c20:vl c21:vtype c22:vlenb c80:cycleh c81:timeh',
  'c82:instreth c83:hpmcounter3h c84:hpmcounter4h c85:hpmcounter5h c86:hpmcounter6h',
  'c87:hpmcounter7h c88:hpmcounter8h c89:hpmcounter9h c8a:hpmcounter10h c8b:hpmcounter11h',
  'c8c:hpmcounter12h c8d:hpmcounter13h c8e:hpmcounter14h c8f:hpmcounter15h c90:hpmcounter16h',
  'c91:hpmcounter17h c92:hpmcounter18h c93:hpmcounter19h c94:hpmcounter20h c95:hpmcounter21h',
  'c96:hpmcounter22h c97:hpmcounter23h c98:hpmcounter24h c99:hpmcounter25h c9a:hpmcounter26h',
  'c9b:hpmcounter27h c9c:hpmcounter28h c9d:hpmcounter29h c9e:hpmcounter30h c9f:hpmcounter31h',
  'da0:scountovf db0:stopi e12:hgeip eb0:vstopi f11:mvendorid f12:marchid f13:mimpid',
  'f14:mhartid f15:mconfigptr fb0:mtopi',
];

/** Privileged spec versions objdump knows; the CSR names depend on it. */
export type PrivSpec = '1.9.1' | '1.10' | '1.11' | '1.12';

// How each older spec differs from the next newer one, as objdump 2.40 prints
// them ('num:name' a different name, 'num:' or 'lo-hi:' no name).
const CSR_OLDER: [PrivSpec, string][] = [
  ['1.11', '0:ustatus 4:uie 5:utvec 40:uscratch 41:uepc 42:ucause 43:utval 44:uip 102:sedeleg 103:sideleg ' +
    '10a: 30a: 310: 31a: 34a: 34b: 3a4-3af: 3c0-3ef: 747: 757: f15:'],
  ['1.10', '320:'],
  ['1.9.1', '43:ubadaddr 106: 143:sbadaddr 180:sptbr 306: 320:mucounteren 321:mscounteren 322:mhcounteren ' +
    '343:mbadaddr 380:mbase 381:mbound 382:mibase 383:mibound 384:mdbase 385:mdbound 3a0-3a3: 3b0-3bf:'],
];

function applyCsrList(m: Map<number, string>, list: string): void {
  for (const item of list.split(' ')) {
    const i = item.indexOf(':');
    const [lo, hi = lo] = item.slice(0, i).split('-').map((x) => parseInt(x, 16));
    const name = item.slice(i + 1);
    for (let n = lo; n <= hi; n++) {
      if (name) m.set(n, name);
      else m.delete(n);
    }
  }
}

const csrTables = new Map<PrivSpec, Map<number, string>>();

function csrTable(spec: PrivSpec): Map<number, string> {
  let m = csrTables.get(spec);
  if (m) return m;
  if (spec === '1.12') {
    m = new Map();
    applyCsrList(m, CSR_TABLE.join(' '));
  } else {
    const k = CSR_OLDER.findIndex(([v]) => v === spec);
    m = new Map(csrTable(k === 0 ? '1.12' : CSR_OLDER[k - 1][0]));
    applyCsrList(m, CSR_OLDER[k][1]);
  }
  csrTables.set(spec, m);
  return m;
}

/**
 * objdump's name for a CSR, or 0x... when it has none. `spec` is the
 * privileged spec: objdump takes it from the ELF's attributes
 * (Tag_RISCV_priv_spec) and uses the newest, 1.12, when there are none.
 */
export function csrName(csr: number, spec: PrivSpec = '1.12'): string {
  return csrTable(spec).get(csr) ?? `0x${csr.toString(16)}`;
}

/** Hex without 0x and without leading zeros, as objdump prints addresses. */
export function hexAddr(a: bigint): string {
  return (a & MASK64).toString(16);
}

// ---------------------------------------------------------------------------
// Decoding. Each decoder returns the printed instruction plus what the
// address-comment machinery needs: a lui/auipc result (hi) and the list of
// objdump's maybe_print_address calls (base register, offset, 32-bit wrap),
// in the order objdump makes them.

type Ref = [base: number, offset: number, wide: boolean];

interface Raw {
  text: string;
  target?: bigint;
  hi?: [rd: number, value: bigint];
  refs?: Ref[];
  illegal?: boolean;
}

const sext = (v: number, bits: number): number => (v << (32 - bits)) >> (32 - bits);

function illegal(word: number, len: 2 | 4): Raw {
  const v = len === 2 ? word & 0xffff : word >>> 0;
  return { text: `.${len}byte\t0x${v.toString(16)}`, illegal: true };
}

const PRED_SUCC = ['unknown', 'w', 'r', 'rw', 'o', 'ow', 'or', 'orw', 'i', 'iw', 'ir', 'irw', 'io', 'iow', 'ior', 'iorw'];

const LOADS = ['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu', ''];
const STORES = ['sb', 'sh', 'sw', 'sd'];

function branch(op: string, ops: string, target: bigint): Raw {
  return { text: `${op}\t${ops}${ops ? ',' : ''}${hexAddr(target)}`, target: target & MASK64 };
}

function decode32(w: number, pc: bigint, spec: PrivSpec): Raw {
  const opcode = w & 0x7f;
  const rd = (w >>> 7) & 31;
  const f3 = (w >>> 12) & 7;
  const rs1 = (w >>> 15) & 31;
  const rs2 = (w >>> 20) & 31;
  const f7 = w >>> 25;
  const iimm = w >> 20;
  const D = REG[rd], S = REG[rs1], T = REG[rs2];

  switch (opcode) {
    case 0x37: // lui
      return { text: `lui\t${D},0x${(w >>> 12).toString(16)}`, hi: [rd, BigInt(w & 0xfffff000 | 0) & MASK64] };
    case 0x17: // auipc
      return {
        text: `auipc\t${D},0x${(w >>> 12).toString(16)}`,
        hi: [rd, (pc + BigInt(w & 0xfffff000 | 0)) & MASK64],
      };
    case 0x6f: { // jal
      const imm = sext(((w >>> 31) << 20) | (((w >>> 12) & 0xff) << 12) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 0x3ff) << 1), 21);
      const t = pc + BigInt(imm);
      if (rd === 0) return branch('j', '', t);
      if (rd === 1) return branch('jal', '', t);
      return branch('jal', D, t);
    }
    case 0x67: { // jalr
      if (f3 !== 0) return illegal(w, 4);
      // Operand patterns: 's' makes one maybe_print_address call, 'o(s)' three
      // ('o', its fall-through into 'j', then 's'), 'd,o(s)' the same.
      const s1: Ref = [rs1, iimm, false];
      if (rd === 0) {
        if (rs1 === 1 && iimm === 0) return { text: 'ret' };
        if (iimm === 0) return { text: `jr\t${S}`, refs: [s1] };
        return { text: `jr\t${iimm}(${S})`, refs: [s1, s1, s1] };
      }
      if (rd === 1) {
        if (iimm === 0) return { text: `jalr\t${S}`, refs: [s1] };
        return { text: `jalr\t${iimm}(${S})`, refs: [s1, s1, s1] };
      }
      if (iimm === 0) return { text: `jalr\t${D},${S}`, refs: [s1] };
      return { text: `jalr\t${D},${iimm}(${S})`, refs: [s1, s1, s1] };
    }
    case 0x63: { // branches
      const imm = sext(((w >>> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 0xf) << 1), 13);
      const t = pc + BigInt(imm);
      switch (f3) {
        case 0: return rs2 === 0 ? branch('beqz', S, t) : branch('beq', `${S},${T}`, t);
        case 1: return rs2 === 0 ? branch('bnez', S, t) : branch('bne', `${S},${T}`, t);
        case 4:
          if (rs2 === 0) return branch('bltz', S, t);
          if (rs1 === 0) return branch('bgtz', T, t);
          return branch('blt', `${S},${T}`, t);
        case 5:
          if (rs1 === 0) return branch('blez', T, t);
          if (rs2 === 0) return branch('bgez', S, t);
          return branch('bge', `${S},${T}`, t);
        case 6: return branch('bltu', `${S},${T}`, t);
        case 7: return branch('bgeu', `${S},${T}`, t);
      }
      return illegal(w, 4);
    }
    case 0x03: { // loads
      const m = LOADS[f3];
      if (!m) return illegal(w, 4);
      return { text: `${m}\t${D},${iimm}(${S})`, refs: [[rs1, iimm, false]] };
    }
    case 0x23: { // stores
      if (f3 > 3) return illegal(w, 4);
      const imm = ((w >> 25) << 5) | ((w >>> 7) & 31);
      return { text: `${STORES[f3]}\t${T},${imm}(${S})`, refs: [[rs1, imm, false]] };
    }
    case 0x13: { // OP-IMM
      switch (f3) {
        case 0: // addi
          if (rd === 0 && rs1 === 0 && iimm === 0) return { text: 'nop' };
          if (rs1 === 0) return { text: `li\t${D},${iimm}` };
          if (iimm === 0) return { text: `mv\t${D},${S}` };
          return { text: `add\t${D},${S},${iimm}`, refs: [[rs1, iimm, false]] };
        case 2: return { text: `slti\t${D},${S},${iimm}` };
        case 3: return iimm === 1 ? { text: `seqz\t${D},${S}` } : { text: `sltiu\t${D},${S},${iimm}` };
        case 4: return iimm === -1 ? { text: `not\t${D},${S}` } : { text: `xor\t${D},${S},${iimm}` };
        case 6: return { text: `or\t${D},${S},${iimm}` };
        case 7: return iimm === 255 ? { text: `zext.b\t${D},${S}` } : { text: `and\t${D},${S},${iimm}` };
        case 1:
          if (w >>> 26 !== 0) return illegal(w, 4);
          return { text: `sll\t${D},${S},0x${((w >>> 20) & 63).toString(16)}` };
        case 5: {
          const f6 = w >>> 26;
          if (f6 !== 0 && f6 !== 0x10) return illegal(w, 4);
          return { text: `${f6 ? 'sra' : 'srl'}\t${D},${S},0x${((w >>> 20) & 63).toString(16)}` };
        }
      }
      return illegal(w, 4);
    }
    case 0x1b: { // OP-IMM-32
      switch (f3) {
        case 0:
          if (iimm === 0) return { text: `sext.w\t${D},${S}` };
          return { text: `addw\t${D},${S},${iimm}`, refs: rs1 !== 0 ? [[rs1, iimm, true]] : undefined };
        case 1:
          if (f7 !== 0) return illegal(w, 4);
          return { text: `sllw\t${D},${S},0x${rs2.toString(16)}` };
        case 5:
          if (f7 !== 0 && f7 !== 0x20) return illegal(w, 4);
          return { text: `${f7 ? 'sraw' : 'srlw'}\t${D},${S},0x${rs2.toString(16)}` };
      }
      return illegal(w, 4);
    }
    case 0x33: { // OP
      if (f7 === 0) {
        switch (f3) {
          case 0: return { text: `add\t${D},${S},${T}` };
          case 1: return { text: `sll\t${D},${S},${T}` };
          case 2:
            if (rs2 === 0) return { text: `sltz\t${D},${S}` };
            if (rs1 === 0) return { text: `sgtz\t${D},${T}` };
            return { text: `slt\t${D},${S},${T}` };
          case 3: return rs1 === 0 ? { text: `snez\t${D},${T}` } : { text: `sltu\t${D},${S},${T}` };
          case 4: return { text: `xor\t${D},${S},${T}` };
          case 5: return { text: `srl\t${D},${S},${T}` };
          case 6: return { text: `or\t${D},${S},${T}` };
          case 7: return { text: `and\t${D},${S},${T}` };
        }
      } else if (f7 === 0x20) {
        if (f3 === 0) return rs1 === 0 ? { text: `neg\t${D},${T}` } : { text: `sub\t${D},${S},${T}` };
        if (f3 === 5) return { text: `sra\t${D},${S},${T}` };
      } else if (f7 === 1) {
        const m = ['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu'][f3];
        return { text: `${m}\t${D},${S},${T}` };
      }
      return illegal(w, 4);
    }
    case 0x3b: { // OP-32
      if (f7 === 0) {
        if (f3 === 0) return { text: `addw\t${D},${S},${T}` };
        if (f3 === 1) return { text: `sllw\t${D},${S},${T}` };
        if (f3 === 5) return { text: `srlw\t${D},${S},${T}` };
      } else if (f7 === 0x20) {
        if (f3 === 0) return rs1 === 0 ? { text: `negw\t${D},${T}` } : { text: `subw\t${D},${S},${T}` };
        if (f3 === 5) return { text: `sraw\t${D},${S},${T}` };
      } else if (f7 === 1) {
        const m = ['mulw', '', '', '', 'divw', 'divuw', 'remw', 'remuw'][f3];
        if (m) return { text: `${m}\t${D},${S},${T}` };
      }
      return illegal(w, 4);
    }
    case 0x0f: { // MISC-MEM
      if (f3 === 1) return (w >>> 0) === 0x100f ? { text: 'fence.i' } : illegal(w, 4);
      if (f3 !== 0) return illegal(w, 4);
      if ((w >>> 0) === 0x8330000f) return { text: 'fence.tso' };
      if (rd !== 0 || rs1 !== 0 || w >>> 28 !== 0) return illegal(w, 4);
      const pred = (w >>> 24) & 15, succ = (w >>> 20) & 15;
      if (pred === 15 && succ === 15) return { text: 'fence' };
      return { text: `fence\t${PRED_SUCC[pred]},${PRED_SUCC[succ]}` };
    }
    case 0x2f: { // AMO
      if (f3 !== 2 && f3 !== 3) return illegal(w, 4);
      const sz = f3 === 2 ? 'w' : 'd';
      const f5 = w >>> 27;
      const ord = ['', '.rl', '.aq', '.aqrl'][(w >>> 25) & 3];
      if (f5 === 2) {
        if (rs2 !== 0) return illegal(w, 4);
        return { text: `lr.${sz}${ord}\t${D},(${S})` };
      }
      const names: Record<number, string> = {
        0x03: 'sc', 0x01: 'amoswap', 0x00: 'amoadd', 0x04: 'amoxor', 0x0c: 'amoand', 0x08: 'amoor',
        0x10: 'amomin', 0x14: 'amomax', 0x18: 'amominu', 0x1c: 'amomaxu',
      };
      const m = names[f5];
      if (!m) return illegal(w, 4);
      return { text: `${m}.${sz}${ord}\t${D},${T},(${S})` };
    }
    case 0x73: { // SYSTEM
      const csr = w >>> 20;
      switch (f3) {
        case 0: {
          switch (w >>> 0) {
            case 0x00000073: return { text: 'ecall' };
            case 0x00100073: return { text: 'ebreak' };
            case 0x10200073: return { text: 'sret' };
            case 0x30200073: return { text: 'mret' };
            case 0x7b200073: return { text: 'dret' };
            case 0x10500073: return { text: 'wfi' };
            // Privileged spec 1.9 leftovers objdump 2.40 still knows (illegal on rvlab).
            case 0x00200073: return { text: 'uret' };
            case 0x20200073: return { text: 'hret' };
          }
          if (((w >>> 0) & 0xfff07fff) === 0x10400073) return { text: rs1 === 0 ? 'sfence.vm' : `sfence.vm\t${S}` };
          if (f7 === 0x09 && rd === 0) { // sfence.vma
            if (rs2 === 0) return { text: rs1 === 0 ? 'sfence.vma' : `sfence.vma\t${S}` };
            return { text: `sfence.vma\t${S},${T}` };
          }
          return illegal(w, 4);
        }
        case 1: // csrrw
          if ((w >>> 0) === 0xc0001073) return { text: 'unimp' };
          if (rd === 0) return { text: `csrw\t${csrName(csr, spec)},${S}` };
          return { text: `csrrw\t${D},${csrName(csr, spec)},${S}` };
        case 2: // csrrs
          if (rs1 === 0) {
            if (csr === 0xc00) return { text: `rdcycle\t${D}` };
            if (csr === 0xc01) return { text: `rdtime\t${D}` };
            if (csr === 0xc02) return { text: `rdinstret\t${D}` };
            return { text: `csrr\t${D},${csrName(csr, spec)}` };
          }
          if (rd === 0) return { text: `csrs\t${csrName(csr, spec)},${S}` };
          return { text: `csrrs\t${D},${csrName(csr, spec)},${S}` };
        case 3: // csrrc
          if (rd === 0) return { text: `csrc\t${csrName(csr, spec)},${S}` };
          return { text: `csrrc\t${D},${csrName(csr, spec)},${S}` };
        // The immediate forms: binutils 2.40 lists csrw/csrrw (and s, c) with
        // an immediate operand before csrwi/csrrwi, so they print without the i.
        case 5:
          if (rd === 0) return { text: `csrw\t${csrName(csr, spec)},${rs1}` };
          return { text: `csrrw\t${D},${csrName(csr, spec)},${rs1}` };
        case 6:
          if (rd === 0) return { text: `csrs\t${csrName(csr, spec)},${rs1}` };
          return { text: `csrrs\t${D},${csrName(csr, spec)},${rs1}` };
        case 7:
          if (rd === 0) return { text: `csrc\t${csrName(csr, spec)},${rs1}` };
          return { text: `csrrc\t${D},${csrName(csr, spec)},${rs1}` };
      }
      return illegal(w, 4);
    }
  }
  return illegal(w, 4);
}

function decode16(h: number, pc: bigint): Raw {
  const op = h & 3;
  const f3 = h >>> 13;
  const rdFull = (h >>> 7) & 31;
  const rs2Full = (h >>> 2) & 31;
  const rdP = ((h >>> 2) & 7) + 8; // rd' / rs2' (bits 4:2)
  const rs1P = ((h >>> 7) & 7) + 8; // rs1' / rd' (bits 9:7)
  const ciImm = sext((((h >>> 12) & 1) << 5) | ((h >>> 2) & 31), 6);
  const shamt = (((h >>> 12) & 1) << 5) | ((h >>> 2) & 31);

  if (op === 0) {
    switch (f3) {
      case 0: { // c.addi4spn
        if (h === 0) return { text: 'unimp' };
        const imm = (((h >>> 11) & 3) << 4) | (((h >>> 7) & 15) << 6) | (((h >>> 6) & 1) << 2) | (((h >>> 5) & 1) << 3);
        if (imm === 0) return illegal(h, 2);
        return { text: `add\t${REG[rdP]},sp,${imm}` };
      }
      case 2: { // c.lw
        const imm = (((h >>> 10) & 7) << 3) | (((h >>> 6) & 1) << 2) | (((h >>> 5) & 1) << 6);
        return { text: `lw\t${REG[rdP]},${imm}(${REG[rs1P]})` };
      }
      case 3: { // c.ld
        const imm = (((h >>> 10) & 7) << 3) | (((h >>> 5) & 3) << 6);
        return { text: `ld\t${REG[rdP]},${imm}(${REG[rs1P]})` };
      }
      case 6: {
        const imm = (((h >>> 10) & 7) << 3) | (((h >>> 6) & 1) << 2) | (((h >>> 5) & 1) << 6);
        return { text: `sw\t${REG[rdP]},${imm}(${REG[rs1P]})` };
      }
      case 7: {
        const imm = (((h >>> 10) & 7) << 3) | (((h >>> 5) & 3) << 6);
        return { text: `sd\t${REG[rdP]},${imm}(${REG[rs1P]})` };
      }
    }
    return illegal(h, 2);
  }

  if (op === 1) {
    const D = REG[rdFull];
    switch (f3) {
      case 0: // c.addi / c.nop
        if (rdFull === 0) return ciImm === 0 ? { text: 'nop' } : { text: `c.nop\t${ciImm}` };
        return { text: `add\t${D},${D},${ciImm}`, refs: [[rdFull, ciImm, false]] };
      case 1: // c.addiw
        if (rdFull === 0) return illegal(h, 2);
        if (ciImm === 0) return { text: `sext.w\t${D},${D}` };
        return { text: `addw\t${D},${D},${ciImm}`, refs: [[rdFull, ciImm, true]] };
      case 2: // c.li
        if (rdFull === 0) return { text: `c.li\tzero,${ciImm}` };
        return { text: `li\t${D},${ciImm}` };
      case 3:
        if (rdFull === 2) { // c.addi16sp
          const imm = sext((((h >>> 12) & 1) << 9) | (((h >>> 6) & 1) << 4) | (((h >>> 5) & 1) << 6) | (((h >>> 3) & 3) << 7) | (((h >>> 2) & 1) << 5), 10);
          // objdump 2.40 prints the reserved imm = 0 encoding (0x6101) as `add sp,sp,0` too.
          return { text: `add\tsp,sp,${imm}` };
        }
        if (ciImm === 0) return illegal(h, 2);
        if (rdFull === 0) return { text: `c.lui\tzero,0x${(ciImm & 0xfffff).toString(16)}` };
        return { text: `lui\t${D},0x${(ciImm & 0xfffff).toString(16)}`, hi: [rdFull, BigInt(ciImm << 12) & MASK64] };
      case 4: {
        const R = REG[rs1P];
        const f2 = (h >>> 10) & 3;
        if (f2 === 0 || f2 === 1) {
          if (shamt === 0) return { text: `${f2 ? 'c.srai64' : 'c.srli64'}\t${R}` };
          return { text: `${f2 ? 'sra' : 'srl'}\t${R},${R},0x${shamt.toString(16)}` };
        }
        if (f2 === 2) return { text: `and\t${R},${R},${ciImm}` };
        const T = REG[rdP];
        const sel = (((h >>> 12) & 1) << 2) | ((h >>> 5) & 3);
        const m = ['sub', 'xor', 'or', 'and', 'subw', 'addw', '', ''][sel];
        if (!m) return illegal(h, 2);
        return { text: `${m}\t${R},${R},${T}` };
      }
      case 5: { // c.j
        const imm = sext((((h >>> 12) & 1) << 11) | (((h >>> 11) & 1) << 4) | (((h >>> 9) & 3) << 8) | (((h >>> 8) & 1) << 10) |
          (((h >>> 7) & 1) << 6) | (((h >>> 6) & 1) << 7) | (((h >>> 3) & 7) << 1) | (((h >>> 2) & 1) << 5), 12);
        return branch('j', '', pc + BigInt(imm));
      }
      case 6:
      case 7: { // c.beqz / c.bnez
        const imm = sext((((h >>> 12) & 1) << 8) | (((h >>> 10) & 3) << 3) | (((h >>> 5) & 3) << 6) | (((h >>> 3) & 3) << 1) | (((h >>> 2) & 1) << 5), 9);
        return branch(f3 === 6 ? 'beqz' : 'bnez', REG[rs1P], pc + BigInt(imm));
      }
    }
    return illegal(h, 2);
  }

  // op === 2
  const D = REG[rdFull];
  switch (f3) {
    case 0: // c.slli
      if (shamt === 0) return { text: `c.slli64\t${D}` };
      if (rdFull === 0) return { text: `c.slli\tzero,0x${shamt.toString(16)}` };
      return { text: `sll\t${D},${D},0x${shamt.toString(16)}` };
    case 2: { // c.lwsp
      if (rdFull === 0) return illegal(h, 2);
      const imm = (((h >>> 12) & 1) << 5) | (((h >>> 4) & 7) << 2) | (((h >>> 2) & 3) << 6);
      return { text: `lw\t${D},${imm}(sp)` };
    }
    case 3: { // c.ldsp
      if (rdFull === 0) return illegal(h, 2);
      const imm = (((h >>> 12) & 1) << 5) | (((h >>> 5) & 3) << 3) | (((h >>> 2) & 7) << 6);
      return { text: `ld\t${D},${imm}(sp)` };
    }
    case 4: {
      const T = REG[rs2Full];
      if (((h >>> 12) & 1) === 0) {
        if (rs2Full === 0) {
          if (rdFull === 0) return illegal(h, 2);
          if (rdFull === 1) return { text: 'ret' };
          return { text: `jr\t${D}` };
        }
        if (rdFull === 0) return { text: `c.mv\tzero,${T}` };
        return { text: `mv\t${D},${T}` };
      }
      if (rs2Full === 0) {
        if (rdFull === 0) return { text: 'ebreak' };
        return { text: `jalr\t${D}` };
      }
      if (rdFull === 0) return { text: `c.add\tzero,${T}` };
      return { text: `add\t${D},${D},${T}` };
    }
    case 6: { // c.swsp
      const imm = (((h >>> 9) & 15) << 2) | (((h >>> 7) & 3) << 6);
      return { text: `sw\t${REG[rs2Full]},${imm}(sp)` };
    }
    case 7: { // c.sdsp
      const imm = (((h >>> 10) & 7) << 3) | (((h >>> 7) & 7) << 6);
      return { text: `sd\t${REG[rs2Full]},${imm}(sp)` };
    }
  }
  return illegal(h, 2);
}

/** Instruction length from the low bits, as the hart fetches: 2 for compressed, else 4. */
export function insnLength(word: number): 2 | 4 {
  return (word & 3) === 3 ? 4 : 2;
}

function decodeRaw(word: number, pc: bigint, compressed: boolean, spec: PrivSpec): [2 | 4, Raw] {
  pc &= MASK64;
  if ((word & 3) !== 3) return [2, compressed ? decode16(word & 0xffff, pc) : illegal(word, 2)];
  // 48-bit and longer encodings (bits 4:2 = 111) are not implemented: objdump
  // would consume more than 4 bytes; rvlab's hart raises illegal instruction.
  return [4, decode32(word | 0, pc, spec)];
}

/**
 * objdump's address-comment state: the value each register got from its last
 * lui/auipc (until an instruction uses it as a base), and gp.
 */
class AddrState {
  private hi: (bigint | undefined)[] = new Array(32).fill(undefined);
  constructor(private readonly gp: bigint | undefined) {}

  apply(raw: Raw): bigint | undefined {
    if (raw.hi) this.hi[raw.hi[0]] = raw.hi[1];
    let addr: bigint | undefined;
    for (const [base, off, wide] of raw.refs ?? []) {
      let a: bigint;
      const h = this.hi[base];
      if (h !== undefined) {
        a = (base !== 0 ? h : 0n) + BigInt(off);
        this.hi[base] = undefined;
      } else if (base === 3 && this.gp !== undefined) {
        a = this.gp + BigInt(off);
      } else if (base === 4 || base === 0) {
        a = BigInt(off);
      } else {
        continue;
      }
      a &= MASK64;
      if (wide) a = BigInt.asUintN(64, BigInt.asIntN(32, a));
      addr = a;
    }
    return addr;
  }

  reset(): void {
    this.hi.fill(undefined);
  }
}

function finish(length: 2 | 4, raw: Raw, ref: bigint | undefined): Decoded {
  const d: Decoded = { length, text: raw.text };
  if (raw.target !== undefined) d.target = raw.target;
  if (ref !== undefined) d.ref = ref;
  if (raw.illegal) d.illegal = true;
  return d;
}

/**
 * Disassemble one instruction. `word` is the 32 bits read at pc (for a
 * compressed instruction the upper 16 are ignored). Stateless: the address
 * comment (ref) is only given when it does not depend on earlier
 * instructions (a base of zero or tp, or gp when options.gp is set).
 * Never throws.
 */
export function disassemble(word: number, pc: bigint, options: DisasmOptions = {}): Decoded {
  const [len, raw] = decodeRaw(word, pc, options.compressed ?? true, options.privSpec ?? '1.12');
  return finish(len, raw, new AddrState(options.gp).apply(raw));
}

/**
 * Sequential disassembly, as objdump does it: remembers lui/auipc results so
 * that the instruction using the register as a base gets the full address as
 * its ref (`auipc a0,0x4` / `add a0,a0,-308 # 80005018 <trap_cause>`).
 */
export class Disassembler {
  private readonly state: AddrState;
  constructor(private readonly options: DisasmOptions = {}) {
    this.state = new AddrState(options.gp);
  }

  next(word: number, pc: bigint, compressed = this.options.compressed ?? true): Decoded {
    const [len, raw] = decodeRaw(word, pc, compressed, this.options.privSpec ?? '1.12');
    return finish(len, raw, this.state.apply(raw));
  }

  /** Forget the lui/auipc results (objdump keeps them for the whole run). */
  reset(): void {
    this.state.reset();
  }
}

/**
 * objdump's line for an instruction: the text, with ` <sym+off>` after a
 * branch or jump target and ` # addr <sym+off>` for the ref. `symbolize`
 * returns the text between the angle brackets ('main+0x1c'), or undefined
 * to print the bare address.
 */
export function formatInsn(d: Decoded, symbolize?: (addr: bigint) => string | undefined): string {
  let s = d.text;
  if (d.target !== undefined) {
    const sym = symbolize?.(d.target);
    if (sym !== undefined) s += ` <${sym}>`;
  }
  if (d.ref !== undefined) {
    s += ` # ${hexAddr(d.ref)}`;
    const sym = symbolize?.(d.ref);
    if (sym !== undefined) s += ` <${sym}>`;
  }
  return s;
}
