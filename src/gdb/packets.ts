/**
 * GDB remote serial protocol framing: `$body#cs` packets, `+`/`-` acks, the
 * 0x03 interrupt byte, and the hex and binary encodings packets carry.
 *
 * Everything here is pure. The decoder never throws on what a peer sends:
 * framing errors become 'bad' events (the server NAKs them), and the hex
 * parsers return Results, so a hostile or confused client cannot take the
 * server down.
 */
import { type Result, ok, err } from '../result.js';

/** The packet size we advertise (qSupported PacketSize, hex 4000). */
export const PACKET_SIZE = 0x4000;

export type WireEvent =
  /** A well-framed packet with a correct checksum; body is still escaped (binary packets unescape it themselves). */
  | { kind: 'packet'; body: string }
  | { kind: 'ack' }
  | { kind: 'nak' }
  /** 0x03 between packets: gdb's Ctrl-C. */
  | { kind: 'interrupt' }
  /** A packet that could not be accepted (bad checksum, too long, cut short by a new '$'). */
  | { kind: 'bad'; error: string };

type State = 'idle' | 'body' | 'cs1' | 'cs2';

/**
 * Incremental decoder: feed it socket chunks, get events in order.
 * Bodies are latin1 strings, so every byte maps to one char and back.
 */
export class PacketDecoder {
  private state: State = 'idle';
  private body: number[] = [];
  private sum = 0;
  private cs = 0;
  private overflow = false;

  constructor(private readonly maxBody = PACKET_SIZE) {}

  push(chunk: Uint8Array): WireEvent[] {
    const out: WireEvent[] = [];
    for (const b of chunk) this.byte(b, out);
    return out;
  }

  private start(): void {
    this.state = 'body';
    this.body = [];
    this.sum = 0;
    this.overflow = false;
  }

  private byte(b: number, out: WireEvent[]): void {
    switch (this.state) {
      case 'idle':
        if (b === 0x24) this.start(); // $
        else if (b === 0x2b) out.push({ kind: 'ack' });
        else if (b === 0x2d) out.push({ kind: 'nak' });
        else if (b === 0x03) out.push({ kind: 'interrupt' });
        // Anything else between packets is line noise; the protocol says to ignore it.
        return;
      case 'body':
        if (b === 0x23) { this.state = 'cs1'; return; } // #
        if (b === 0x24) {
          // A '$' can never appear inside a body (it would be escaped): the
          // previous packet was cut short. Report it and start over.
          out.push({ kind: 'bad', error: 'packet interrupted by a new $' });
          this.start();
          return;
        }
        this.sum = (this.sum + b) & 0xff;
        // Past the limit keep only the checksum: the packet is dropped at '#',
        // and memory stays bounded whatever the peer sends.
        if (this.body.length >= this.maxBody) this.overflow = true;
        else this.body.push(b);
        return;
      case 'cs1': {
        const d = hexDigit(b);
        if (d < 0) return this.badChecksum(out, b);
        this.cs = d << 4;
        this.state = 'cs2';
        return;
      }
      case 'cs2': {
        const d = hexDigit(b);
        if (d < 0) return this.badChecksum(out, b);
        this.state = 'idle';
        if (this.overflow) out.push({ kind: 'bad', error: `packet longer than ${this.maxBody} bytes` });
        else if ((this.cs | d) !== this.sum) out.push({ kind: 'bad', error: 'checksum mismatch' });
        else out.push({ kind: 'packet', body: Buffer.from(this.body).toString('latin1') });
        return;
      }
    }
  }

  private badChecksum(out: WireEvent[], b: number): void {
    out.push({ kind: 'bad', error: 'checksum is not two hex digits' });
    this.state = 'idle';
    // The offending byte may itself start the next packet or be an ack.
    this.byte(b, out);
  }
}

function hexDigit(b: number): number {
  if (b >= 0x30 && b <= 0x39) return b - 0x30;
  if (b >= 0x61 && b <= 0x66) return b - 0x57;
  if (b >= 0x41 && b <= 0x46) return b - 0x37;
  return -1;
}

/**
 * Frame a reply. `$ # } *` are escaped (`*` too, so gdb never mistakes our
 * data for run-length encoding); the checksum covers the escaped bytes.
 */
export function encodePacket(body: string): Buffer {
  const bytes: number[] = [0x24];
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const c = body.charCodeAt(i) & 0xff;
    if (c === 0x24 || c === 0x23 || c === 0x7d || c === 0x2a) {
      bytes.push(0x7d, c ^ 0x20);
      sum += 0x7d + (c ^ 0x20);
    } else {
      bytes.push(c);
      sum += c;
    }
  }
  bytes.push(0x23);
  const cs = (sum & 0xff).toString(16).padStart(2, '0');
  bytes.push(cs.charCodeAt(0), cs.charCodeAt(1));
  return Buffer.from(bytes);
}

/** Undo the `}` escaping of binary data (X packets). */
export function unescapeBinary(data: string): Result<Uint8Array> {
  const out = new Uint8Array(data.length);
  let n = 0;
  for (let i = 0; i < data.length; i++) {
    let c = data.charCodeAt(i);
    if (c === 0x7d) {
      if (++i >= data.length) return err('binary data ends in an escape');
      c = data.charCodeAt(i) ^ 0x20;
    }
    out[n++] = c & 0xff;
  }
  return ok(out.subarray(0, n));
}

// --- hex ---

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('hex');
}

const HEX_RE = /^[0-9a-fA-F]*$/;

export function fromHex(text: string): Result<Uint8Array> {
  if (text.length % 2 !== 0 || !HEX_RE.test(text)) return err(`bad hex data '${clip(text)}'`);
  return ok(new Uint8Array(Buffer.from(text, 'hex')));
}

/** A big-endian hex number as in addresses and lengths, at most `bits` wide. */
export function parseHexNumber(text: string, bits = 64): Result<bigint> {
  if (text.length === 0 || !HEX_RE.test(text)) return err(`bad hex number '${clip(text)}'`);
  const v = BigInt('0x' + text);
  if (v >> BigInt(bits) !== 0n) return err(`hex number '${clip(text)}' does not fit in ${bits} bits`);
  return ok(v);
}

/** A register value as gdb transfers it: 8 bytes, little-endian, 16 hex digits. */
export function le64Hex(v: bigint): string {
  let s = '';
  let x = BigInt.asUintN(64, v);
  for (let i = 0; i < 8; i++) {
    s += Number(x & 0xffn).toString(16).padStart(2, '0');
    x >>= 8n;
  }
  return s;
}

export function parseLe64(text: string): Result<bigint> {
  if (text.length !== 16) return err(`a 64-bit register value is 16 hex digits, got ${text.length}`);
  const b = fromHex(text);
  if (!b.ok) return b;
  let v = 0n;
  for (let i = 7; i >= 0; i--) v = (v << 8n) | BigInt(b.value[i]);
  return ok(v);
}

/** Hex of an ASCII string (qRcmd output, O packets). */
export function asciiHex(text: string): string {
  return Buffer.from(text, 'latin1').toString('hex');
}

function clip(s: string): string {
  return s.length > 40 ? `${s.slice(0, 40)}...` : s;
}
