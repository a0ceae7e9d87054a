/**
 * Symbol tables: name → address and address → name+offset, over every
 * loaded image (firmware, kernel) and the user programs of the initramfs.
 */
import type { ElfImage, ElfSymbol } from '../elf.js';

export interface Sym {
  name: string;
  address: bigint;
  size: bigint;
  image: string;
  func: boolean;
}

function useful(s: ElfSymbol): boolean {
  if (s.type === 'section' || s.type === 'file') return false;
  if (s.shndx === 0) return false; // undefined
  if (s.name.startsWith('.L') || s.name.startsWith('$')) return false;
  return true;
}

/** One image's symbols, sorted for address lookups. */
export class SymbolTable {
  readonly image: string;
  readonly byName = new Map<string, Sym>();
  private sorted: Sym[];

  constructor(image: string, elf: ElfImage) {
    this.image = image;
    const syms: Sym[] = [];
    for (const s of elf.symbols) {
      if (!useful(s)) continue;
      const sym = { name: s.name, address: s.value, size: s.size, image, func: s.type === 'func' };
      syms.push(sym);
      const prev = this.byName.get(s.name);
      // Prefer a global definition over a local one of the same name.
      if (!prev || (s.bind !== 'local' && prev)) this.byName.set(s.name, sym);
    }
    // For aliases at one address (sys_clone = __se_sys_clone), prefer sized
    // functions, then the longer name (what gdb shows for 6.1's syscalls).
    syms.sort((a, b) =>
      a.address < b.address ? -1 : a.address > b.address ? 1
        : Number(b.size > 0n) - Number(a.size > 0n) || Number(b.func) - Number(a.func) || b.name.length - a.name.length,
    );
    this.sorted = syms;
  }

  get symbols(): readonly Sym[] {
    return this.sorted;
  }

  /** The symbol covering addr (sized symbols exactly; unsized labels up to the next symbol). */
  lookup(addr: bigint): Sym | undefined {
    const a = this.sorted;
    let lo = 0;
    let hi = a.length - 1;
    let best = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (a[mid].address <= addr) {
        best = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (best < 0) return undefined;
    // Step back to the preferred alias at that address.
    let i = best;
    while (i > 0 && a[i - 1].address === a[best].address) i--;
    // A sized symbol that ends before addr does not cover it; look for an enclosing one.
    for (let j = i; j >= 0 && j > i - 64; j--) {
      const s = a[j];
      if (s.size > 0n ? addr < s.address + s.size : j === i && addr - s.address < 0x10000n) return s;
    }
    return undefined;
  }
}

export function formatAddress(sym: Sym | undefined, addr: bigint): string {
  if (!sym) return `0x${addr.toString(16)}`;
  const off = addr - sym.address;
  return off === 0n ? sym.name : `${sym.name}+0x${off.toString(16)}`;
}

/** Names close to `name` (for "did you mean"). */
export function suggest(name: string, candidates: Iterable<string>, max = 3): string[] {
  const scored: [number, string][] = [];
  const lower = name.toLowerCase();
  for (const c of candidates) {
    const cl = c.toLowerCase();
    let d = editDistance(lower, cl, 4);
    if (cl.includes(lower) || lower.includes(cl)) d = Math.min(d, 1 + Math.abs(cl.length - lower.length) / 10);
    if (d <= 3) scored.push([d, c]);
  }
  scored.sort((a, b) => a[0] - b[0] || a[1].length - b[1].length || (a[1] < b[1] ? -1 : 1));
  return [...new Set(scored.map((s) => s[1]))].slice(0, max);
}

function editDistance(a: string, b: string, cap: number): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      rowMin = Math.min(rowMin, cur[j]);
    }
    if (rowMin > cap) return cap + 1;
    prev = cur;
  }
  return prev[b.length];
}
