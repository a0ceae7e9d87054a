// Zicsr: CSR reads and writes with their privilege, read-only and WARL rules.
//
// csrInstruction() executes a whole CSRRx instruction and returns false when
// it is illegal; the caller raises the illegal-instruction exception.

import {
  PRIV, MSTATUS, MEDELEG, MIDELEG, MIE, MIP, MTVEC, MCOUNTEREN, MENVCFG, MSCRATCH, MEPC, MCAUSE,
  MTVAL, MCOUNTINHIBIT, STVEC, SCOUNTEREN, SENVCFG, SSCRATCH, SEPC, SCAUSE, STVAL, SATP,
  STIMECMP, MINSTRET_OFF, MCYCLE_OFF, NTRAPS, PMPCFG, PMPADDR, getX, setX, rd64, wr64,
} from "./state";
import { icount, mtime, requestCheck } from "./events";
import {
  MS_SIE, MS_MIE, MS_SPIE, MS_MPIE, MS_SPP, MS_MPP, MS_MPRV, MS_SUM, MS_MXR, MS_TVM, MS_TW,
  MS_TSR, IRQ_SSI, IRQ_STI, IRQ_SEI, ENVCFG_STCE, currentMip,
} from "./trap";
import { tlbFlush } from "./mmu";

export const MISA: u64 = (<u64>2 << 62) | (1 << 0) | (1 << 2) | (1 << 8) | (1 << 12) | (1 << 18) | (1 << 20);
const XL64: u64 = (<u64>2 << 32) | (<u64>2 << 34); // UXL = SXL = 64
const MSTATUS_WMASK: u64 =
  MS_SIE | MS_MIE | MS_SPIE | MS_MPIE | MS_SPP | MS_MPP | MS_MPRV | MS_SUM | MS_MXR | MS_TVM | MS_TW | MS_TSR;
const SSTATUS_RMASK: u64 = MS_SIE | MS_SPIE | MS_SPP | MS_SUM | MS_MXR | (<u64>3 << 32) | (<u64>1 << 63) | (3 << 13) | (3 << 9) | (3 << 15);
const SSTATUS_WMASK: u64 = MS_SIE | MS_SPIE | MS_SPP | MS_SUM | MS_MXR;
const MEDELEG_MASK: u64 = 0xb3ff; // all synchronous causes except ecall from M
const MIDELEG_MASK: u64 = IRQ_SSI | IRQ_STI | IRQ_SEI;
const MIE_MASK: u64 = 0xaaa;
const TRANSLATION_BITS: u64 = MS_MPRV | MS_MPP | MS_SUM | MS_MXR;

let bad: bool = false;

// Instructions retired before the current one (icount already counts it).
@inline function retired(): u64 {
  return icount - 1 - rd64(NTRAPS);
}

function counterAllowed(idx: u32): bool {
  const priv = rd64(PRIV);
  if (priv < 3 && ((rd64(MCOUNTEREN) >> idx) & 1) == 0) return false;
  if (priv < 1 && ((rd64(SCOUNTEREN) >> idx) & 1) == 0) return false;
  return true;
}

function stimecmpAllowed(): bool {
  const priv = rd64(PRIV);
  if (priv == 3) return true;
  if ((rd64(MENVCFG) & ENVCFG_STCE) == 0) return false;
  if ((rd64(MCOUNTEREN) & 2) == 0) return false; // TM gates stimecmp too (Sstc)
  return priv == 1;
}

export function csrRead(csr: u32): u64 {
  bad = false;
  const priv = <u32>rd64(PRIV);
  if (priv < ((csr >> 8) & 3)) { bad = true; return 0; }
  switch (csr) {
    case 0x100: return (rd64(MSTATUS) | XL64) & SSTATUS_RMASK;
    case 0x104: return rd64(MIE) & rd64(MIDELEG);
    case 0x105: return rd64(STVEC);
    case 0x106: return rd64(SCOUNTEREN);
    case 0x10a: return rd64(SENVCFG);
    case 0x140: return rd64(SSCRATCH);
    case 0x141: return rd64(SEPC);
    case 0x142: return rd64(SCAUSE);
    case 0x143: return rd64(STVAL);
    case 0x144: return currentMip() & rd64(MIDELEG);
    case 0x14d:
      if (!stimecmpAllowed()) { bad = true; return 0; }
      return rd64(STIMECMP);
    case 0x180:
      if (priv == 1 && (rd64(MSTATUS) & MS_TVM)) { bad = true; return 0; }
      return rd64(SATP);
    case 0x300: return rd64(MSTATUS) | XL64;
    case 0x301: return MISA;
    case 0x302: return rd64(MEDELEG);
    case 0x303: return rd64(MIDELEG);
    case 0x304: return rd64(MIE);
    case 0x305: return rd64(MTVEC);
    case 0x306: return rd64(MCOUNTEREN);
    case 0x30a: return rd64(MENVCFG);
    case 0x320: return rd64(MCOUNTINHIBIT);
    case 0x340: return rd64(MSCRATCH);
    case 0x341: return rd64(MEPC);
    case 0x342: return rd64(MCAUSE);
    case 0x343: return rd64(MTVAL);
    case 0x344: return currentMip();
    case 0xb00: return retired() + rd64(MCYCLE_OFF);
    case 0xb02: return retired() + rd64(MINSTRET_OFF);
    case 0xc00:
      if (!counterAllowed(0)) { bad = true; return 0; }
      return retired() + rd64(MCYCLE_OFF);
    case 0xc01:
      if (!counterAllowed(1)) { bad = true; return 0; }
      return mtime();
    case 0xc02:
      if (!counterAllowed(2)) { bad = true; return 0; }
      return retired() + rd64(MINSTRET_OFF);
    case 0xf11: case 0xf12: case 0xf13: case 0xf14: case 0xf15:
      return 0;
  }
  if (csr >= 0x3a0 && csr <= 0x3a3) {
    if (csr & 1) { bad = true; return 0; } // odd pmpcfg do not exist on RV64
    return rd64(PMPCFG + ((csr - 0x3a0) << 3));
  }
  if (csr >= 0x3b0 && csr <= 0x3bf) return rd64(PMPADDR + ((csr - 0x3b0) << 3));
  if (csr >= 0x323 && csr <= 0x33f) return 0; // mhpmevent3..31
  if (csr >= 0xb03 && csr <= 0xb1f) return 0; // mhpmcounter3..31
  if (csr >= 0xc03 && csr <= 0xc1f) {
    if (!counterAllowed(csr - 0xc00)) { bad = true; return 0; }
    return 0;
  }
  bad = true;
  return 0;
}

function writeMstatus(v: u64): void {
  const old = rd64(MSTATUS);
  let nv = (old & ~MSTATUS_WMASK) | (v & MSTATUS_WMASK);
  if (((nv >> 11) & 3) == 2) nv = (nv & ~MS_MPP) | (old & MS_MPP); // MPP is WARL: H-mode does not exist
  wr64(MSTATUS, nv);
  if ((old ^ nv) & TRANSLATION_BITS) tlbFlush();
}

function pmpcfgWrite(idx: u32, v: u64): void {
  // Each byte is one entry's config; a locked entry keeps its value.
  const old = rd64(PMPCFG + (idx << 3));
  let nv: u64 = 0;
  for (let i: u32 = 0; i < 8; i++) {
    const sh = <u64>(i << 3);
    const ob = (old >> sh) & 0xff;
    let nb = (v >> sh) & 0xff;
    if (ob & 0x80) nb = ob;
    else if ((nb & 3) == 2) nb &= ~<u64>3; // W without R is reserved: clear both
    nv |= (nb & 0x9f) << sh;
  }
  wr64(PMPCFG + (idx << 3), nv);
}

function pmpaddrLocked(i: u32): bool {
  const cfg = (rd64(PMPCFG + ((i >> 3) << 4)) >> (<u64>(i & 7) << 3)) & 0xff;
  if (cfg & 0x80) return true;
  if (i < 15) {
    // A locked TOR entry also locks the address below it.
    const n = i + 1;
    const ncfg = (rd64(PMPCFG + ((n >> 3) << 4)) >> (<u64>(n & 7) << 3)) & 0xff;
    if ((ncfg & 0x80) && ((ncfg >> 3) & 3) == 1) return true;
  }
  return false;
}

export function csrWrite(csr: u32, v: u64): void {
  bad = false;
  switch (csr) {
    case 0x100: writeMstatus((rd64(MSTATUS) & ~SSTATUS_WMASK) | (v & SSTATUS_WMASK)); break;
    case 0x104: {
      const d = rd64(MIDELEG);
      wr64(MIE, (rd64(MIE) & ~d) | (v & d & MIE_MASK));
      break;
    }
    case 0x105: if ((v & 3) < 2) wr64(STVEC, v); break;
    case 0x106: wr64(SCOUNTEREN, v & 0xffffffff); break;
    case 0x10a: wr64(SENVCFG, v & 1); break;
    case 0x140: wr64(SSCRATCH, v); break;
    case 0x141: wr64(SEPC, v & ~<u64>1); break;
    case 0x142: wr64(SCAUSE, v); break;
    case 0x143: wr64(STVAL, v); break;
    case 0x144: {
      const m = rd64(MIDELEG) & IRQ_SSI;
      wr64(MIP, (rd64(MIP) & ~m) | (v & m));
      break;
    }
    case 0x14d: wr64(STIMECMP, v); break;
    case 0x180: {
      const mode = v >> 60;
      if (mode == 0 || mode == 8 || mode == 9) {
        wr64(SATP, v);
        tlbFlush();
      }
      break;
    }
    case 0x300: writeMstatus(v); break;
    case 0x301: break; // misa is WARL and fixed here
    case 0x302: wr64(MEDELEG, v & MEDELEG_MASK); break;
    case 0x303: wr64(MIDELEG, v & MIDELEG_MASK); break;
    case 0x304: wr64(MIE, v & MIE_MASK); break;
    case 0x305: if ((v & 3) < 2) wr64(MTVEC, v); break;
    case 0x306: wr64(MCOUNTEREN, v & 0xffffffff); break;
    case 0x30a: wr64(MENVCFG, v & (ENVCFG_STCE | 1)); break;
    case 0x320: wr64(MCOUNTINHIBIT, v & 0xfffffffd); break;
    case 0x340: wr64(MSCRATCH, v); break;
    case 0x341: wr64(MEPC, v & ~<u64>1); break;
    case 0x342: wr64(MCAUSE, v); break;
    case 0x343: wr64(MTVAL, v); break;
    case 0x344: {
      let m: u64 = IRQ_SSI | IRQ_SEI;
      if ((rd64(MENVCFG) & ENVCFG_STCE) == 0) m |= IRQ_STI;
      wr64(MIP, (rd64(MIP) & ~m) | (v & m));
      break;
    }
    // A write makes the next instruction read v: this one does not count itself.
    case 0xb00: wr64(MCYCLE_OFF, v - (retired() + 1)); break;
    case 0xb02: wr64(MINSTRET_OFF, v - (retired() + 1)); break;
    default:
      if (csr == 0x3a0 || csr == 0x3a2) pmpcfgWrite(csr - 0x3a0, v);
      else if (csr >= 0x3b0 && csr <= 0x3bf) {
        const i = csr - 0x3b0;
        if (!pmpaddrLocked(i)) wr64(PMPADDR + (i << 3), v & 0x3fffffffffffff);
      }
      // mhpmevent / mhpmcounter: read-only zero, writes ignored
  }
  requestCheck();
}

// Execute CSRRW/CSRRS/CSRRC and their immediate forms. False = illegal.
export function csrInstruction(insn: u32): bool {
  const f3 = (insn >> 12) & 7;
  const rd = (insn >> 7) & 31;
  const rs1 = (insn >> 15) & 31;
  const csr = insn >> 20;
  const src: u64 = f3 >= 5 ? <u64>rs1 : getX(rs1);
  const op = f3 & 3;
  if (op == 0) return false;
  const writes = op == 1 || rs1 != 0;
  const old = csrRead(csr);
  if (bad) return false;
  if (writes) {
    if ((csr >> 10) == 3) return false; // read-only CSR
    // Read-modify-write of mip works on its software-writable bits only.
    const cur = csr == 0x344 ? rd64(MIP) : old;
    const nv = op == 1 ? src : op == 2 ? cur | src : cur & ~src;
    csrWrite(csr, nv);
    if (bad) return false;
  }
  setX(rd, old);
  return true;
}
