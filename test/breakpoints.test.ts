/**
 * Core breakpoints and watchpoints (the mechanism the debugger builds on):
 * virtual pcs, no guest memory modified, stop before the instruction, resume
 * past it; watchpoints stop after the access with its address and pc.
 */
import { describe, it, expect } from 'vitest';
import { systemMachine } from '../src/boot.js';
import { findSymbol } from '../src/elf.js';
import type { Machine } from '../src/machine.js';

function sym(m: Machine, name: string): bigint {
  for (const { elf } of m.images) {
    const s = findSymbol(elf, name);
    if (s) return s.value;
  }
  throw new Error(`no symbol ${name}`);
}

function runUntilStop(m: Machine, max = 50_000_000) {
  let n = 0;
  for (;;) {
    const r = m.run(100_000);
    n += r.executed;
    m.drainOutput();
    if (r.reason !== 'budget' && r.reason !== 'txfull') return r.reason;
    if (n > max) return 'limit';
  }
}

describe('breakpoints', () => {
  it('stop before the instruction at a kernel virtual address, and resume past it', () => {
    const m = systemMachine().value!;
    const cp = sym(m, 'copy_process');
    const kc = sym(m, 'kernel_clone');
    const before = m.readPhys(0x8020_0000n, 4096);
    m.setBreakpoints([kc, cp]);
    expect(runUntilStop(m)).toBe('break');
    expect(m.pc).toBe(kc); // boot's first kernel thread: kernel_clone, then copy_process
    expect(m.priv).toBe(1);
    const icount = m.icount;
    m.skipBreakpointOnce();
    expect(runUntilStop(m)).toBe('break');
    expect(m.pc).toBe(cp);
    expect(m.icount).toBeGreaterThan(icount);
    // Guest memory is never modified by breakpoints.
    expect(m.readPhys(0x8020_0000n, 4096)).toEqual(before);
  });

  it('a stepped instruction at a breakpoint runs once the skip is set', () => {
    const m = systemMachine().value!;
    const cp = sym(m, 'copy_process');
    m.setBreakpoints([cp]);
    expect(runUntilStop(m)).toBe('break');
    // Without the skip the same breakpoint stops again at once, executing nothing.
    const r0 = m.run(1);
    expect(r0.reason).toBe('break');
    expect(r0.executed).toBe(0);
    m.skipBreakpointOnce();
    const r = m.run(1);
    expect(r.executed).toBe(1);
    expect(m.pc).not.toBe(cp);
  });

  it('removing every breakpoint lets the system run to the prompt', () => {
    const m = systemMachine().value!;
    m.setBreakpoints([sym(m, 'copy_process')]);
    expect(runUntilStop(m)).toBe('break');
    m.setBreakpoints([]);
    let out = '';
    for (let i = 0; i < 200 && !out.includes('MenuOS>>'); i++) {
      m.run(100_000);
      out += Buffer.from(m.drainOutput()).toString('latin1');
    }
    expect(out).toContain('MenuOS>>');
  });
});

describe('watchpoints', () => {
  it('a write watchpoint on a kernel variable stops after the store, with its pc and address', () => {
    const m = systemMachine().value!;
    const tf = sym(m, 'total_forks');
    m.setWatchpoints([{ start: tf, end: tf + 8n, write: true, read: false }]);
    expect(runUntilStop(m)).toBe('watch');
    const hit = m.watchHit;
    expect(hit.kind).toBe('write');
    expect(hit.addr).toBe(tf);
    expect(m.pc).not.toBe(hit.pc); // stopped after the store
    const pa = m.translate(tf)!;
    const v = m.readPhys(pa, 8);
    expect(v.ok && new DataView(v.value.buffer).getBigUint64(0, true)).toBe(1n); // the first fork counted
  });

  it('a read watchpoint does not fire on writes', () => {
    const m = systemMachine().value!;
    const tf = sym(m, 'total_forks');
    m.setWatchpoints([{ start: tf, end: tf + 8n, write: false, read: true }]);
    expect(runUntilStop(m)).toBe('watch');
    expect(m.watchHit.kind).toBe('read');
  });
});

describe('debugger address translation', () => {
  it('translates kernel addresses through the current satp without side effects', () => {
    const m = systemMachine().value!;
    m.setBreakpoints([sym(m, 'copy_process')]);
    expect(runUntilStop(m)).toBe('break');
    const it = sym(m, 'init_task');
    const pa = m.translate(it);
    expect(pa).toBeDefined();
    expect(pa! >= 0x8020_0000n && pa! < 0x8800_0000n).toBe(true);
    expect(m.translate(0x1234_5678_9000n)).toBeUndefined(); // not canonical for Sv39
    expect(m.translate(0x10n)).toBeUndefined(); // unmapped
  });
});
