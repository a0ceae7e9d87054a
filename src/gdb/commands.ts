/**
 * One gdb client's view of the target: turns a packet body into an action.
 *
 * Synchronous and socket-free, so every packet can be tested directly.
 * Requests that only read or write state are answered here; anything that
 * runs the guest (c, s, vCont) or ends the session is handed back to the
 * server as an action, because running is asynchronous and the server owns
 * the connection.
 *
 * Error codes follow QEMU's stub: E14 (EFAULT) for memory and registers that
 * cannot be accessed, E22 (EINVAL) for a malformed request.
 */
import type { DebugTarget, StopEvent } from '../debugger/types.js';
import type { Result } from '../result.js';
import {
  PACKET_SIZE, asciiHex, fromHex, le64Hex, parseHexNumber, parseLe64, toHex, unescapeBinary,
} from './packets.js';
import { G_REGS, PC_REGNUM, PRIV_REGNUM, csrOfRegnum, targetXml } from './target-xml.js';
import { Insertions, type ZType } from './insertions.js';

/**
 * A DebugTarget, with two optional extras DebugTarget does not have yet: the
 * current privilege (0 U, 1 S, 3 M) and CSR writes. Without them `priv`
 * comes from the last stop and CSR writes are refused.
 */
export type GdbTarget = DebugTarget & {
  privilege?: () => number;
  writeCsr?: (n: number, v: bigint) => Result<void>;
};

export type Action =
  | { kind: 'reply'; body: string }
  /** Run the guest (one instruction if step), then send the stop reply. */
  | { kind: 'resume'; step: boolean }
  /** Reply OK and switch acknowledgements off (QStartNoAckMode). */
  | { kind: 'noack' }
  /** Reply OK, forget gdb's breakpoints and let the guest go. */
  | { kind: 'detach' }
  /** End the session and the guest (`k` gets no reply; vKill gets OK). */
  | { kind: 'kill'; reply?: string };

const E_FAULT = 'E14';
const E_INVAL = 'E22';

/** The largest `m` read whose hex reply fits in one packet. */
export const MAX_MEM_READ = (PACKET_SIZE - 16) >> 1;

const reply = (body: string): Action => ({ kind: 'reply', body });

/** The single thread gdb sees (the one hart). */
const THREAD = 'thread:1;';

export class GdbSession {
  readonly insertions: Insertions;
  /** The last stop: answers `?`, and gives `priv` (the privilege at the stop). */
  lastStop: StopEvent | undefined;
  private xml: string | undefined;

  constructor(private readonly target: GdbTarget, initialStop?: StopEvent) {
    this.insertions = new Insertions(target);
    this.lastStop = initialStop;
  }

  /**
   * The current privilege for gdb's `priv`. DebugTarget has no accessor for
   * it yet, so without one it is the privilege at the last stop (exact while
   * the guest is stopped, which it is whenever gdb asks), or M-mode, the
   * reset state, before the first stop.
   */
  private privilege(): number {
    return this.target.privilege?.() ?? this.lastStop?.privilege ?? 3;
  }

  get exited(): boolean {
    return this.lastStop?.reason === 'exit';
  }

  handle(body: string): Action {
    switch (body[0]) {
      // QEMU answers `?` with SIGTRAP whatever stopped the guest, and gdb
      // prints nothing alarming on attach for it; only an exit is different.
      case '?': return reply(this.exited ? this.stopReply(this.lastStop!) : `T05${THREAD}`);
      case 'g': return reply(this.readAll());
      case 'G': return reply(this.writeAll(body.slice(1)));
      case 'p': return reply(this.readOne(body.slice(1)));
      case 'P': return reply(this.writeOne(body.slice(1)));
      case 'm': return reply(this.readMem(body.slice(1)));
      case 'M': return reply(this.writeMemHex(body.slice(1)));
      case 'X': return reply(this.writeMemBinary(body.slice(1)));
      case 'c': case 's': return this.resume(body[0] === 's', body.slice(1));
      case 'C': case 'S': {
        // "C sig[;addr]": the signal means nothing to a bare machine; honour the address.
        const semi = body.indexOf(';');
        return this.resume(body[0] === 'S', semi < 0 ? '' : body.slice(semi + 1));
      }
      case 'Z': case 'z': return reply(this.point(body[0] === 'Z', body.slice(1)));
      case 'D': return { kind: 'detach' };
      case 'k': return { kind: 'kill' };
      case 'H': case 'T': return reply('OK'); // one thread: selecting it or asking if it is alive
      case 'q': return reply(this.query(body));
      case 'Q': return body === 'QStartNoAckMode' ? { kind: 'noack' } : reply('');
      case 'v': return this.vPacket(body);
      default: return reply(''); // unknown or empty: "not supported"
    }
  }

  /** The stop reply for an event: T05 with the reason gdb needs, T02 for Ctrl-C, W for exit. */
  stopReply(ev: StopEvent): string {
    if (ev.reason === 'exit') return `W${hex2(ev.exitCode ?? 0)}`;
    if (ev.reason === 'interrupt') return `T02${THREAD}`;
    let why = '';
    if (ev.reason === 'breakpoint' && ev.number !== undefined) {
      const ins = this.insertions.breakpoint(ev.number);
      if (ins) why = ins.type === 0 ? 'swbreak:;' : 'hwbreak:;';
    } else if (ev.reason === 'watchpoint' && ev.number !== undefined && ev.watch) {
      const ins = this.insertions.watchpoint(ev.number);
      if (ins) {
        const name = ins.type === 2 ? 'watch' : ins.type === 3 ? 'rwatch' : 'awatch';
        // gdb matches the address against the watched range; an access that
        // only overlaps it (an 8-byte store over a 4-byte variable) would
        // otherwise go unrecognised, so report an address inside the range.
        const last = ins.addr + BigInt(ins.length) - 1n;
        const a = ev.watch.addr < ins.addr ? ins.addr : ev.watch.addr > last ? last : ev.watch.addr;
        why = `${name}:${a.toString(16)};`;
      }
    }
    return `T05${why}${THREAD}`;
  }

  // --- registers ---

  private readAll(): string {
    let s = '';
    for (let i = 0; i < G_REGS; i++) s += le64Hex(this.target.readRegister(i));
    return s;
  }

  private writeAll(hex: string): string {
    if (hex.length !== G_REGS * 16) return E_INVAL;
    const values: bigint[] = [];
    for (let i = 0; i < G_REGS; i++) {
      const v = parseLe64(hex.slice(i * 16, i * 16 + 16));
      if (!v.ok) return E_INVAL;
      values.push(v.value);
    }
    // Validated first, so a bad packet changes nothing.
    values.forEach((v, i) => { if (i !== 0) this.target.writeRegister(i, v); });
    return 'OK';
  }

  private readOne(arg: string): string {
    const n = parseHexNumber(arg, 32);
    if (!n.ok) return E_INVAL;
    const r = Number(n.value);
    if (r <= PC_REGNUM) return le64Hex(this.target.readRegister(r));
    if (r === PRIV_REGNUM) return le64Hex(BigInt(this.privilege()));
    const csr = csrOfRegnum(r);
    if (csr === undefined) return E_FAULT;
    const v = this.target.readCsr(csr);
    return v === undefined ? E_FAULT : le64Hex(v);
  }

  private writeOne(arg: string): string {
    const eq = arg.indexOf('=');
    if (eq < 0) return E_INVAL;
    const n = parseHexNumber(arg.slice(0, eq), 32);
    const v = parseLe64(arg.slice(eq + 1));
    if (!n.ok || !v.ok) return E_INVAL;
    const r = Number(n.value);
    if (r === 0) return 'OK'; // x0 is hardwired; gdb may still write it back
    if (r <= PC_REGNUM) {
      this.target.writeRegister(r, v.value);
      return 'OK';
    }
    const csr = csrOfRegnum(r);
    if (csr !== undefined && this.target.writeCsr) return this.target.writeCsr(csr, v.value).ok ? 'OK' : E_FAULT;
    // No way to write it (priv, or CSRs on a target without writeCsr): say so rather than pretend.
    return E_FAULT;
  }

  // --- memory (virtual, through the current satp, as QEMU's stub) ---

  private readMem(arg: string): string {
    const a = parseAddrLen(arg);
    if (!a) return E_INVAL;
    if (a.len === 0 || a.len > MAX_MEM_READ) return E_INVAL;
    if (a.addr + BigInt(a.len) > 1n << 64n) return E_FAULT;
    const r = this.target.readVirtual(a.addr, a.len);
    return r.ok ? toHex(r.value) : E_FAULT;
  }

  private writeMemHex(arg: string): string {
    const colon = arg.indexOf(':');
    if (colon < 0) return E_INVAL;
    const a = parseAddrLen(arg.slice(0, colon));
    const data = fromHex(arg.slice(colon + 1));
    if (!a || !data.ok || data.value.length !== a.len) return E_INVAL;
    return this.write(a.addr, data.value);
  }

  private writeMemBinary(arg: string): string {
    const colon = arg.indexOf(':');
    if (colon < 0) return E_INVAL;
    const a = parseAddrLen(arg.slice(0, colon));
    const data = unescapeBinary(arg.slice(colon + 1));
    if (!a || !data.ok || data.value.length !== a.len) return E_INVAL;
    return this.write(a.addr, data.value);
  }

  private write(addr: bigint, data: Uint8Array): string {
    if (data.length === 0) return 'OK'; // gdb probes X support with a zero-length write
    if (addr + BigInt(data.length) > 1n << 64n) return E_FAULT;
    const r = this.target.writeVirtual(addr, data);
    return r.ok ? 'OK' : E_FAULT;
  }

  // --- running ---

  private resume(step: boolean, addrText: string): Action {
    if (this.exited) return reply(this.stopReply(this.lastStop!));
    if (addrText !== '') {
      const a = parseHexNumber(addrText);
      if (!a.ok) return reply(E_INVAL);
      this.target.writeRegister(PC_REGNUM, a.value);
    }
    return { kind: 'resume', step };
  }

  private vPacket(body: string): Action {
    if (body === 'vCont?') return reply('vCont;c;C;s;S');
    if (body.startsWith('vCont;')) {
      // Actions apply leftmost first; with one thread the first one decides.
      const first = body.slice(6).split(';')[0];
      const m = /^([cCsS])([0-9a-fA-F]{2})?(?::[-.0-9a-fA-Fp]+)?$/.exec(first);
      if (!m) return reply(E_INVAL);
      if (this.exited) return reply(this.stopReply(this.lastStop!));
      return { kind: 'resume', step: m[1] === 's' || m[1] === 'S' };
    }
    if (body.startsWith('vKill')) return { kind: 'kill', reply: 'OK' };
    return reply(''); // vMustReplyEmpty, vFile, vRun, ...: not supported
  }

  // --- breakpoints and watchpoints ---

  private point(insert: boolean, arg: string): string {
    // "type,addr,kind" with optional ";cond..." or ";cmds..." that gdb only
    // sends if we advertised them (we do not); ignore anything after ';'.
    if (/^[5-9a-fA-F],/.test(arg)) return ''; // a type we do not implement: "not supported"
    const m = /^([0-4]),([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})(?:;.*)?$/.exec(arg);
    if (!m) return E_INVAL;
    const type = Number(m[1]) as ZType;
    const addr = BigInt('0x' + m[2]);
    const len = parseInt(m[3], 16);
    const r = insert ? this.insertions.insert(type, addr, len) : this.insertions.remove(type, addr, len);
    return r.ok ? 'OK' : E_FAULT;
  }

  // --- queries ---

  private query(body: string): string {
    if (body.startsWith('qSupported')) {
      return `PacketSize=${PACKET_SIZE.toString(16)};qXfer:features:read+;swbreak+;hwbreak+;vContSupported+;QStartNoAckMode+`;
    }
    if (body === 'qAttached' || body.startsWith('qAttached:')) return '1';
    if (body === 'qC') return 'QC1';
    if (body === 'qfThreadInfo') return 'm1';
    if (body === 'qsThreadInfo') return 'l';
    if (body.startsWith('qThreadExtraInfo,')) return asciiHex('hart 0');
    if (body.startsWith('qSymbol:')) return 'OK'; // no symbols wanted
    if (body.startsWith('qXfer:features:read:')) return this.features(body.slice('qXfer:features:read:'.length));
    return '';
  }

  private features(arg: string): string {
    const m = /^([^:]+):([0-9a-fA-F]{1,8}),([0-9a-fA-F]{1,8})$/.exec(arg);
    if (!m) return E_INVAL;
    if (m[1] !== 'target.xml') return 'E00'; // gdb: no such annex
    this.xml ??= targetXml((n) => this.target.readCsr(n) !== undefined);
    const off = parseInt(m[2], 16);
    const len = Math.min(parseInt(m[3], 16), PACKET_SIZE - 16);
    if (off > this.xml.length) return E_INVAL;
    const chunk = this.xml.slice(off, off + len);
    return (off + chunk.length >= this.xml.length ? 'l' : 'm') + chunk;
  }
}

function parseAddrLen(text: string): { addr: bigint; len: number } | undefined {
  const m = /^([0-9a-fA-F]{1,16}),([0-9a-fA-F]{1,8})$/.exec(text);
  if (!m) return undefined;
  return { addr: BigInt('0x' + m[1]), len: parseInt(m[2], 16) };
}

function hex2(n: number): string {
  return (n & 0xff).toString(16).padStart(2, '0');
}
