// SPDX-License-Identifier: MIT
// kernel-offsets.json for rvlab's debugger, from the "=>struct field value"
// markers that arch/riscv/kernel/asm-offsets.c makes the compiler write.
// Usage: node gen-offsets-json.mjs asm-offsets.s kernel-offsets.json
import { readFileSync, writeFileSync } from 'node:fs';

const [src, dst] = process.argv.slice(2);
const out = { generated_from: 'guest/kernel/arch/riscv/kernel/asm-offsets.c' };
const re = /^\s*\.ascii\s+"=>(\S+) (\S+) (-?\d+)"/;

for (const line of readFileSync(src, 'utf8').split('\n')) {
  const m = re.exec(line);
  if (!m) continue;
  const [, group, name, text] = m;
  let v = BigInt(text);
  if (v < 0n) v += 1n << 64n; // the compiler prints 64-bit constants signed
  const value = v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : '0x' + v.toString(16);
  (out[group] ??= {})[name === '__size' ? 'size' : name] = value;
}
writeFileSync(dst, JSON.stringify(out, null, 2) + '\n');
