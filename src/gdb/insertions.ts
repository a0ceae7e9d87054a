/**
 * What gdb has inserted with Z packets, mapped onto the debugger's numbered
 * breakpoints and watchpoints.
 *
 * gdb removes and re-inserts its breakpoints around every stop, and Z must be
 * idempotent, so insertions are keyed by (type, address, length): a repeated
 * Z is a no-op and z of something never inserted is harmless. The reverse map
 * (debugger number → insertion) tells a stop reply which kind of hit it was.
 */
import type { DebugTarget } from '../debugger/types.js';
import { type Result, ok, err } from '../result.js';

/** Z packet types: 0 software breakpoint, 1 hardware breakpoint, 2 write, 3 read, 4 access watchpoint. */
export type ZType = 0 | 1 | 2 | 3 | 4;

export interface Insertion {
  type: ZType;
  addr: bigint;
  length: number;
  /** The debugger's breakpoint or watchpoint number. */
  number: number;
}

const WATCH_KIND = { 2: 'write', 3: 'read', 4: 'access' } as const;

export class Insertions {
  private byKey = new Map<string, Insertion>();

  constructor(private readonly target: DebugTarget) {}

  private static key(type: ZType, addr: bigint, length: number): string {
    // Breakpoint "kind" is the instruction length (2 or 4); it does not make a different breakpoint.
    return type <= 1 ? `${type}:${addr}` : `${type}:${addr}:${length}`;
  }

  insert(type: ZType, addr: bigint, length: number): Result<void> {
    const key = Insertions.key(type, addr, length);
    if (this.byKey.has(key)) return ok(undefined);
    let number: number;
    if (type <= 1) {
      const r = this.target.break(addr);
      if (!r.ok) return r;
      number = r.value.number;
    } else {
      if (length <= 0) return err('a watchpoint needs a length');
      const r = this.target.watch(addr, length, WATCH_KIND[type as 2 | 3 | 4]);
      if (!r.ok) return r;
      number = r.value.number;
    }
    this.byKey.set(key, { type, addr, length, number });
    return ok(undefined);
  }

  remove(type: ZType, addr: bigint, length: number): Result<void> {
    const key = Insertions.key(type, addr, length);
    const ins = this.byKey.get(key);
    if (!ins) return ok(undefined);
    this.byKey.delete(key);
    return ins.type <= 1 ? this.target.deleteBreakpoint(ins.number) : this.target.deleteWatchpoint(ins.number);
  }

  /** Remove everything gdb inserted (detach, disconnect): the guest runs on without gdb's stops. */
  clear(): void {
    for (const ins of [...this.byKey.values()]) this.remove(ins.type, ins.addr, ins.length);
  }

  breakpoint(number: number): Insertion | undefined {
    for (const ins of this.byKey.values()) if (ins.type <= 1 && ins.number === number) return ins;
    return undefined;
  }

  watchpoint(number: number): Insertion | undefined {
    for (const ins of this.byKey.values()) if (ins.type >= 2 && ins.number === number) return ins;
    return undefined;
  }

  get size(): number {
    return this.byKey.size;
  }
}
