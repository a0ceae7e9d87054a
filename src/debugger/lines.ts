/** file:line for the debugger: DWARF line tables of every image with line information. */
import type { ElfImage } from '../elf.js';
import { parseLineTable, lineForAddress, addressesForLine, type LineTable } from '../dwarf.js';
import { type Result, ok, err } from '../result.js';
import type { LineLookup } from './debugger.js';

export class LineTables implements LineLookup {
  private tables: { name: string; table: LineTable; lo: bigint; hi: bigint }[] = [];

  constructor(images: { name: string; elf: ElfImage }[]) {
    for (const { name, elf } of images) {
      const t = parseLineTable(elf);
      if (!t.ok || !t.value) continue;
      let lo = -1n;
      let hi = 0n;
      for (const r of t.value.rows) {
        if (lo < 0n || r.address < lo) lo = r.address;
        if (r.address > hi) hi = r.address;
      }
      this.tables.push({ name, table: t.value, lo, hi });
    }
  }

  get empty(): boolean {
    return this.tables.length === 0;
  }

  lineForAddress(addr: bigint): { file: string; line: number } | undefined {
    for (const t of this.tables) {
      if (addr < t.lo || addr > t.hi) continue;
      const l = lineForAddress(t.table, addr);
      if (l) return { file: l.file, line: l.line };
    }
    return undefined;
  }

  addressesForLine(file: string, line: number): Result<{ addresses: bigint[]; line: number }> {
    let firstErr: string | undefined;
    for (const t of this.tables) {
      const r = addressesForLine(t.table, file, line);
      if (r.ok && r.value.addresses.length) return ok({ addresses: r.value.addresses, line: r.value.line });
      if (!r.ok) firstErr ??= r.error;
    }
    return err(firstErr ?? `no source file named ${file} has line information`);
  }
}
