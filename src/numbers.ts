/** Parsing the sizes and counts users type on the command line. */
import { type Result, ok, err } from './result.js';

const MIB = 1024 * 1024;

/**
 * A memory size: "128M", "1G", "512K" or a plain number of MiB (as QEMU's -m).
 * Returns bytes; must be a whole number of MiB.
 */
export function parseMemSize(text: string): Result<number> {
  const m = /^\s*(\d+)\s*([kKmMgG]?)(i?[bB])?\s*$/.exec(text);
  if (!m) return err(`invalid memory size '${text}' (use e.g. 128M or 1G)`);
  const n = Number(m[1]);
  const unit = (m[2] || 'M').toUpperCase();
  const bytes = n * (unit === 'K' ? 1024 : unit === 'M' ? MIB : 1024 * MIB);
  if (!Number.isSafeInteger(bytes) || bytes === 0) return err(`invalid memory size '${text}'`);
  if (bytes % MIB !== 0) return err(`memory size '${text}' is not a whole number of MiB`);
  return ok(bytes);
}

/** A count: decimal or 0x hex, with an optional k/M/G (x1000) suffix; underscores allowed. */
export function parseCount(text: string, what: string): Result<number> {
  const t = text.trim().replace(/_/g, '');
  let m = /^0x([0-9a-fA-F]+)$/.exec(t);
  let n: number;
  if (m) n = parseInt(m[1], 16);
  else {
    m = /^(\d+)([kKmMgG]?)$/.exec(t);
    if (!m) return err(`invalid ${what} '${text}' (expected a positive whole number)`);
    const mult = { '': 1, K: 1e3, M: 1e6, G: 1e9 }[m[2].toUpperCase() as '' | 'K' | 'M' | 'G'];
    n = Number(m[1]) * mult;
  }
  if (!Number.isSafeInteger(n) || n <= 0) return err(`invalid ${what} '${text}' (expected a positive whole number)`);
  return ok(n);
}

/** A 64-bit address: 0x hex or decimal. */
export function parseAddress(text: string): Result<bigint> {
  const t = text.trim().replace(/_/g, '');
  if (!/^(0x[0-9a-fA-F]+|\d+)$/.test(t)) return err(`invalid address '${text}'`);
  const v = BigInt(t);
  if (v >= 1n << 64n) return err(`address '${text}' does not fit in 64 bits`);
  return ok(v);
}
