/**
 * Expressions for conditions and `print`: C-like operators over 64-bit
 * integers, registers ($a0, $pc, $sp, $mstatus ...), symbols (their address),
 * debugger variables ($pid) and memory (*addr reads 8 bytes). Comparisons
 * treat values as signed 64-bit, as gdb does for registers.
 */
import { type Result, ok, err } from '../result.js';

export interface ExprContext {
  /** $name: a register or a debugger variable. */
  variable(name: string): bigint | undefined;
  /** A bare identifier: a symbol's address. */
  symbol(name: string): bigint | undefined;
  /** *addr: the 8 bytes at a virtual address. */
  deref(addr: bigint): bigint | undefined;
}

type Tok = { k: 'num'; v: bigint } | { k: 'var'; v: string } | { k: 'id'; v: string } | { k: 'op'; v: string };

const OPS = ['<<', '>>', '<=', '>=', '==', '!=', '&&', '||', '+', '-', '*', '/', '%', '&', '|', '^', '~', '!', '<', '>', '(', ')'];

function lex(src: string): Result<Tok[]> {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    let m = /^(0[xX][0-9a-fA-F_]+|0[bB][01_]+|\d[\d_]*)/.exec(src.slice(i));
    if (m) { out.push({ k: 'num', v: BigInt(m[1].replace(/_/g, '')) }); i += m[1].length; continue; }
    m = /^\$([A-Za-z_][A-Za-z0-9_]*)/.exec(src.slice(i));
    if (m) { out.push({ k: 'var', v: m[1] }); i += m[0].length; continue; }
    m = /^[A-Za-z_.][A-Za-z0-9_.]*/.exec(src.slice(i));
    if (m) { out.push({ k: 'id', v: m[0] }); i += m[0].length; continue; }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) { out.push({ k: 'op', v: op }); i += op.length; continue; }
    return err(`unexpected '${c}' in expression`);
  }
  return ok(out);
}

const s64 = (v: bigint) => BigInt.asIntN(64, v);
const u64 = (v: bigint) => BigInt.asUintN(64, v);
const levels: string[][] = [['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '<=', '>', '>='], ['<<', '>>'], ['+', '-'], ['*', '/', '%']];

function apply(op: string, a: bigint, b: bigint): Result<bigint> {
  switch (op) {
    case '||': return ok(a !== 0n || b !== 0n ? 1n : 0n);
    case '&&': return ok(a !== 0n && b !== 0n ? 1n : 0n);
    case '|': return ok(u64(a | b));
    case '^': return ok(u64(a ^ b));
    case '&': return ok(u64(a & b));
    case '==': return ok(u64(a) === u64(b) ? 1n : 0n);
    case '!=': return ok(u64(a) !== u64(b) ? 1n : 0n);
    case '<': return ok(s64(a) < s64(b) ? 1n : 0n);
    case '<=': return ok(s64(a) <= s64(b) ? 1n : 0n);
    case '>': return ok(s64(a) > s64(b) ? 1n : 0n);
    case '>=': return ok(s64(a) >= s64(b) ? 1n : 0n);
    case '<<': return ok(u64(a << (b & 63n)));
    case '>>': return ok(u64(a) >> (b & 63n));
    case '+': return ok(u64(a + b));
    case '-': return ok(u64(a - b));
    case '*': return ok(u64(a * b));
    case '/': return b === 0n ? err('division by zero') : ok(u64(s64(a) / s64(b)));
    case '%': return b === 0n ? err('division by zero') : ok(u64(s64(a) % s64(b)));
  }
  return err(`unknown operator ${op}`);
}

export function evaluate(src: string, ctx: ExprContext): Result<bigint> {
  const lx = lex(src);
  if (!lx.ok) return lx;
  const toks = lx.value;
  if (toks.length === 0) return err('empty expression');
  let pos = 0;
  const peek = () => toks[pos];
  const isOp = (v: string) => peek()?.k === 'op' && peek()!.v === v;

  function binary(level: number): Result<bigint> {
    if (level === levels.length) return unary();
    let left = binary(level + 1);
    if (!left.ok) return left;
    while (peek()?.k === 'op' && levels[level].includes(peek()!.v as string)) {
      const op = toks[pos++].v as string;
      const right = binary(level + 1);
      if (!right.ok) return right;
      const r = apply(op, left.value, right.value);
      if (!r.ok) return r;
      left = r;
    }
    return left;
  }
  function unary(): Result<bigint> {
    if (isOp('-')) { pos++; const v = unary(); return v.ok ? ok(u64(-v.value)) : v; }
    if (isOp('!')) { pos++; const v = unary(); return v.ok ? ok(v.value === 0n ? 1n : 0n) : v; }
    if (isOp('~')) { pos++; const v = unary(); return v.ok ? ok(u64(~v.value)) : v; }
    if (isOp('*')) {
      pos++;
      const v = unary();
      if (!v.ok) return v;
      const d = ctx.deref(v.value);
      return d === undefined ? err(`cannot access memory at address 0x${v.value.toString(16)}`) : ok(d);
    }
    return primary();
  }
  function primary(): Result<bigint> {
    const t = toks[pos++];
    if (!t) return err('unexpected end of expression');
    if (t.k === 'num') return ok(u64(t.v));
    if (t.k === 'var') {
      const v = ctx.variable(t.v);
      return v === undefined ? err(`no register or variable $${t.v}`) : ok(u64(v));
    }
    if (t.k === 'id') {
      const v = ctx.symbol(t.v);
      return v === undefined ? err(`no symbol "${t.v}" in the loaded images`) : ok(v);
    }
    if (t.v === '(') {
      const v = binary(0);
      if (!v.ok) return v;
      if (!isOp(')')) return err("missing ')'");
      pos++;
      return v;
    }
    return err(`unexpected '${t.v}'`);
  }
  const r = binary(0);
  if (!r.ok) return r;
  if (pos !== toks.length) return err(`unexpected '${(toks[pos] as { v: unknown }).v}' after the expression`);
  return r;
}
