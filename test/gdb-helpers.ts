/**
 * For the GDB server tests: a fake DebugTarget with scripted stops, and a
 * minimal RSP client over a real TCP socket.
 */
import { connect, type Socket } from 'node:net';
import type {
  BreakpointInfo, DebugTarget, RunLimits, StopEvent, WatchpointInfo,
} from '../src/debugger/types.js';
import { type Result, ok, err } from '../src/result.js';
import { PacketDecoder, encodePacket, type WireEvent } from '../src/gdb/packets.js';

/** Memory: two mapped pages, one low (user-like) and one in the kernel's range. */
export const LOW_PAGE = 0x1000n;
export const HIGH_PAGE = 0xffff_ffff_8000_0000n;

export class FakeTarget implements DebugTarget {
  regs: bigint[] = Array.from({ length: 33 }, (_, i) => BigInt(i) * 0x1111n);
  csrs = new Map<number, bigint>([
    [0x300, 0xa00000080n], // mstatus
    [0x301, 0x8000000000141105n], // misa
    [0x180, 0x8000000000080400n], // satp
    [0x141, 0xffffffff80001234n], // sepc
  ]);
  pages = new Map<bigint, Uint8Array>([
    [LOW_PAGE, new Uint8Array(4096).map((_, i) => i & 0xff)],
    [HIGH_PAGE, new Uint8Array(4096).map((_, i) => (i * 7) & 0xff)],
  ]);
  bps = new Map<number, BreakpointInfo>();
  wps = new Map<number, WatchpointInfo>();
  nextNumber = 1;
  /** Stops continueAsync reports in order; when empty it runs until interrupted. */
  script: (() => StopEvent)[] = [];
  typed = '';
  continues = 0;
  steps = 0;
  running = false;
  /** Make the next target call throw (a bug in the target must not kill the server). */
  throwOnRead = false;
  maxBreakpoints = 8;

  ev(reason: StopEvent['reason'], extra: Partial<StopEvent> = {}): StopEvent {
    return { reason, pc: this.regs[32], where: `0x${this.regs[32].toString(16)}`, privilege: 1, ...extra };
  }

  readRegister(n: number): bigint {
    if (this.throwOnRead) throw new Error('fake target failure');
    if (n < 0 || n > 32) throw new Error(`no register ${n}`);
    return n === 0 ? 0n : this.regs[n];
  }
  writeRegister(n: number, v: bigint): void {
    if (n !== 0) this.regs[n] = BigInt.asUintN(64, v);
  }
  readCsr(n: number): bigint | undefined {
    return this.csrs.get(n);
  }
  private page(addr: bigint): Uint8Array | undefined {
    return this.pages.get(addr & ~0xfffn);
  }
  readVirtual(addr: bigint, len: number): Result<Uint8Array> {
    const out = new Uint8Array(len);
    for (let i = 0; i < len; i++) {
      const a = addr + BigInt(i);
      const p = this.page(a);
      if (!p) return err(`cannot access memory at address 0x${a.toString(16)}`);
      out[i] = p[Number(a & 0xfffn)];
    }
    return ok(out);
  }
  writeVirtual(addr: bigint, data: Uint8Array): Result<void> {
    for (let i = 0; i < data.length; i++) if (!this.page(addr + BigInt(i))) return err('unmapped');
    data.forEach((b, i) => {
      const a = addr + BigInt(i);
      this.page(a)![Number(a & 0xfffn)] = b;
    });
    return ok(undefined);
  }
  readPhysical(): Result<Uint8Array> {
    return err('not in the fake');
  }
  break(location: string | bigint): Result<BreakpointInfo> {
    if (typeof location !== 'bigint') return err('the fake takes addresses only');
    if (this.bps.size >= this.maxBreakpoints) return err('too many breakpoints');
    const b: BreakpointInfo = {
      number: this.nextNumber++, location: `0x${location.toString(16)}`, address: location, enabled: true,
      temporary: false, ignoreCount: 0, hits: 0,
    };
    this.bps.set(b.number, b);
    return ok(b);
  }
  deleteBreakpoint(n: number): Result<void> {
    return this.bps.delete(n) ? ok(undefined) : err(`no breakpoint ${n}`);
  }
  enableBreakpoint(): Result<void> {
    return ok(undefined);
  }
  breakpoints(): BreakpointInfo[] {
    return [...this.bps.values()];
  }
  watch(expr: string | bigint, length: number, kind: 'write' | 'read' | 'access'): Result<WatchpointInfo> {
    if (typeof expr !== 'bigint') return err('the fake takes addresses only');
    const w: WatchpointInfo = { number: this.nextNumber++, expression: '', start: expr, length, kind, enabled: true, hits: 0 };
    this.wps.set(w.number, w);
    return ok(w);
  }
  deleteWatchpoint(n: number): Result<void> {
    return this.wps.delete(n) ? ok(undefined) : err(`no watchpoint ${n}`);
  }
  watchpoints(): WatchpointInfo[] {
    return [...this.wps.values()];
  }
  continue(): StopEvent {
    throw new Error('the server must not use the blocking continue');
  }
  stepInstruction(): StopEvent {
    this.steps++;
    this.regs[32] += 4n;
    return this.ev('step');
  }
  next(): StopEvent {
    return this.stepInstruction();
  }
  finish(): StopEvent {
    return this.stepInstruction();
  }
  async continueAsync(limits: RunLimits = {}): Promise<StopEvent> {
    this.continues++;
    this.running = true;
    try {
      for (;;) {
        await new Promise((r) => setImmediate(r));
        if (limits.interrupted?.()) return this.ev('interrupt');
        const s = this.script.shift();
        if (s) return s();
      }
    } finally {
      this.running = false;
    }
  }
  type(text: string): void {
    this.typed += text;
  }
}

/** A hand-driven RSP client: raw bytes out, decoded events in. */
export class RspClient {
  private decoder = new PacketDecoder(1 << 20);
  private events: WireEvent[] = [];
  private waiters: (() => void)[] = [];
  closed = false;
  ackMode = true;

  private constructor(readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d) => {
      this.events.push(...this.decoder.push(d));
      this.wake();
    });
    socket.on('close', () => {
      this.closed = true;
      this.wake();
    });
    socket.on('error', () => {});
  }

  static connect(port: number): Promise<RspClient> {
    return new Promise((resolve, reject) => {
      const s = connect(port, '127.0.0.1', () => resolve(new RspClient(s)));
      s.once('error', reject);
    });
  }

  private wake(): void {
    for (const w of this.waiters.splice(0)) w();
  }

  raw(data: string | Buffer): void {
    this.socket.write(typeof data === 'string' ? Buffer.from(data, 'latin1') : data);
  }

  /** The next event of any kind (acks included), or undefined after `ms`. */
  async nextEvent(ms = 2000): Promise<WireEvent | undefined> {
    const deadline = Date.now() + ms;
    while (this.events.length === 0) {
      if (this.closed) return undefined;
      const left = deadline - Date.now();
      if (left <= 0) return undefined;
      await new Promise<void>((r) => {
        const t = setTimeout(r, left);
        this.waiters.push(() => {
          clearTimeout(t);
          r();
        });
      });
    }
    return this.events.shift();
  }

  /** The next packet's body, skipping acks (acknowledging it in ack mode). */
  async reply(ms = 2000): Promise<string> {
    for (;;) {
      const e = await this.nextEvent(ms);
      if (!e) throw new Error('no reply');
      if (e.kind === 'packet') {
        if (this.ackMode) this.raw('+');
        return e.body;
      }
      if (e.kind === 'bad') throw new Error(`bad reply: ${e.error}`);
    }
  }

  /** Send a packet and return the reply body. */
  async request(body: string, ms?: number): Promise<string> {
    this.raw(encodePacket(body));
    return this.reply(ms);
  }

  /** Send a packet expecting no reply: resolves with the first event that comes (an ack) if any. */
  send(body: string): void {
    this.raw(encodePacket(body));
  }

  close(): void {
    this.socket.destroy();
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
