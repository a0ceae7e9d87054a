/** Reading cpio "newc" archives (the initramfs), for the debugger's user-program symbols. */
import { type Result, ok, err } from './result.js';

export interface CpioEntry {
  name: string;
  mode: number;
  data: Uint8Array;
}

export function parseCpio(bytes: Uint8Array): Result<CpioEntry[]> {
  const out: CpioEntry[] = [];
  const dec = new TextDecoder('latin1');
  let off = 0;
  const hex = (o: number) => {
    const s = dec.decode(bytes.subarray(o, o + 8));
    return /^[0-9a-fA-F]{8}$/.test(s) ? parseInt(s, 16) : NaN;
  };
  while (off + 110 <= bytes.length) {
    const magic = dec.decode(bytes.subarray(off, off + 6));
    if (magic !== '070701' && magic !== '070702') return err(`cpio: bad header magic at offset ${off}`);
    const mode = hex(off + 14);
    const filesize = hex(off + 54);
    const namesize = hex(off + 94);
    if ([mode, filesize, namesize].some(Number.isNaN)) return err(`cpio: bad header at offset ${off}`);
    const nameStart = off + 110;
    if (nameStart + namesize > bytes.length) return err('cpio: truncated name');
    const name = dec.decode(bytes.subarray(nameStart, nameStart + Math.max(0, namesize - 1)));
    const dataStart = (nameStart + namesize + 3) & ~3;
    if (dataStart + filesize > bytes.length) return err(`cpio: ${name}: truncated data`);
    if (name === 'TRAILER!!!') break;
    out.push({ name, mode, data: bytes.subarray(dataStart, dataStart + filesize) });
    off = (dataStart + filesize + 3) & ~3;
  }
  return ok(out);
}
