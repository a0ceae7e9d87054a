/**
 * The teaching kernel's data structures, read from guest memory: the task
 * list from init_task, the current task, and each task's saved context.
 * Layouts come from the kernel build's generated offsets
 * (guest/images/kernel-offsets.json, like Linux's asm-offsets).
 */
import { readFileSync } from 'node:fs';
import { type Result, ok, err } from '../result.js';

export interface KernelLayout {
  task: Record<string, number>;
  ptRegs: Record<string, number>;
  pid: Record<string, number>;
  constants: Record<string, number | string>;
}

export function loadLayout(path: string): Result<KernelLayout> {
  try {
    const j = JSON.parse(readFileSync(path, 'utf8'));
    if (!j.task_struct || !j.pt_regs || !j.constants) return err(`${path}: not a kernel offsets file`);
    return ok({ task: j.task_struct, ptRegs: j.pt_regs, pid: j.pid ?? {}, constants: j.constants });
  } catch (e) {
    return err(`cannot read kernel offsets ${path}: ${(e as Error).message}`);
  }
}

export interface MemoryReader {
  readVirtual(addr: bigint, len: number): Result<Uint8Array>;
}

export interface TaskInfo {
  address: bigint;
  pid: number;
  tgid: number;
  comm: string;
  state: string;
  stateValue: number;
  exitState: number;
  parentPid: number;
  mm: bigint;
  stack: bigint;
  thread: { ra: bigint; sp: bigint; s: bigint[] };
  /** The user-mode registers saved at the top of the kernel stack. */
  ptRegs: Record<string, bigint>;
  ptRegsAddress: bigint;
}

const PT_ORDER = ['epc', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7',
  's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6', 'status', 'badaddr', 'cause', 'orig_a0'];

export class KernelView {
  constructor(
    readonly layout: KernelLayout,
    readonly mem: MemoryReader,
    readonly initTask: bigint,
  ) {}

  private u64(a: bigint): bigint | undefined {
    const r = this.mem.readVirtual(a, 8);
    return r.ok ? new DataView(r.value.buffer, r.value.byteOffset).getBigUint64(0, true) : undefined;
  }
  private u32(a: bigint): number | undefined {
    const r = this.mem.readVirtual(a, 4);
    return r.ok ? new DataView(r.value.buffer, r.value.byteOffset).getUint32(0, true) : undefined;
  }

  private stateName(state: number, exitState: number): string {
    const c = this.layout.constants;
    if (exitState & Number(c.EXIT_ZOMBIE)) return 'Z';
    if (exitState & Number(c.EXIT_DEAD) || state & Number(c.TASK_DEAD)) return 'X';
    if (state & Number(c.TASK_NEW)) return 'N';
    if (state === 0) return 'R';
    if (state & Number(c.TASK_UNINTERRUPTIBLE)) return 'D';
    if (state & Number(c.TASK_INTERRUPTIBLE)) return 'S';
    return '?';
  }

  /** Is this plausibly a task_struct (used to validate tp/sscratch)? */
  isTask(addr: bigint): boolean {
    if (addr < 0xffff_ffc0_0000_0000n) return false;
    const t = this.layout.task;
    const pid = this.u32(addr + BigInt(t.pid));
    const stack = this.u64(addr + BigInt(t.stack));
    return pid !== undefined && pid < 1 << 22 && stack !== undefined && stack >= 0xffff_ffc0_0000_0000n;
  }

  task(addr: bigint): Result<TaskInfo> {
    const t = this.layout.task;
    const f = (name: string) => addr + BigInt(t[name]);
    const pid = this.u32(f('pid'));
    if (pid === undefined) return err(`cannot read the task_struct at 0x${addr.toString(16)}`);
    const commBytes = this.mem.readVirtual(f('comm'), Number(this.layout.constants.TASK_COMM_LEN ?? 16));
    const comm = commBytes.ok ? Buffer.from(commBytes.value).toString('latin1').replace(/\0.*$/s, '') : '?';
    const state = this.u32(f('__state')) ?? 0;
    const exitState = this.u32(f('exit_state')) ?? 0;
    const parent = this.u64(f('real_parent')) ?? 0n;
    const parentPid = parent ? (this.u32(parent + BigInt(t.pid)) ?? -1) : -1;
    const stack = this.u64(f('stack')) ?? 0n;
    const threadBase = f('thread');
    const s: bigint[] = [];
    for (let i = 0; i < 12; i++) s.push(this.u64(f('thread.s') + BigInt(i * 8)) ?? 0n);
    const ptSize = BigInt(this.layout.ptRegs.size);
    const ptAddr = stack + BigInt(Number(this.layout.constants.THREAD_SIZE)) - ptSize;
    const ptRegs: Record<string, bigint> = {};
    const raw = stack ? this.mem.readVirtual(ptAddr, Number(ptSize)) : undefined;
    if (raw?.ok) {
      const dv = new DataView(raw.value.buffer, raw.value.byteOffset);
      for (const name of PT_ORDER) {
        const off = this.layout.ptRegs[name];
        if (off !== undefined) ptRegs[name] = dv.getBigUint64(off, true);
      }
    }
    return ok({
      address: addr,
      pid,
      tgid: this.u32(f('tgid')) ?? pid,
      comm,
      state: this.stateName(state, exitState),
      stateValue: state,
      exitState,
      parentPid,
      mm: this.u64(f('mm')) ?? 0n,
      stack,
      thread: { ra: this.u64(threadBase) ?? 0n, sp: this.u64(f('thread.sp')) ?? 0n, s },
      ptRegs,
      ptRegsAddress: ptAddr,
    });
  }

  /** Every task, in task-list order from init_task (pid 0, the idle task, first). */
  tasks(): Result<TaskInfo[]> {
    const off = BigInt(this.layout.task.tasks);
    const out: TaskInfo[] = [];
    let node = this.initTask + off;
    for (let n = 0; n < 4096; n++) {
      const t = this.task(node - off);
      if (!t.ok) return t;
      out.push(t.value);
      const next = this.u64(node);
      if (next === undefined) return err('the task list is not readable');
      node = next;
      if (node === this.initTask + off) return ok(out);
    }
    return err('the task list does not lead back to init_task');
  }
}
