/**
 * The RSP codec, the target description and the packet handler, without
 * sockets (the server tests cover the wire).
 */
import { describe, it, expect } from 'vitest';
import {
  PacketDecoder, encodePacket, fromHex, le64Hex, parseHexNumber, parseLe64, toHex, unescapeBinary,
  PACKET_SIZE,
} from '../src/gdb/packets.js';
import { targetXml, CSRS, CSR_BASE_REGNUM, PRIV_REGNUM, csrOfRegnum } from '../src/gdb/target-xml.js';
import { GdbSession, MAX_MEM_READ } from '../src/gdb/commands.js';
import { FakeTarget, HIGH_PAGE, LOW_PAGE } from './gdb-helpers.js';

const bytes = (s: string) => Buffer.from(s, 'latin1');

describe('packet framing', () => {
  it('encodes with the checksum gdb expects', () => {
    expect(encodePacket('OK').toString('latin1')).toBe('$OK#9a');
    expect(encodePacket('').toString('latin1')).toBe('$#00');
  });

  it('escapes $ # } and * and checksums the escaped bytes', () => {
    const p = encodePacket('a$b#c}d*e').toString('latin1');
    expect(p.slice(0, -3)).toBe('$a}\x04b}\x03c}]d}\x0ae');
    const sum = [...bytes(p.slice(1, -3))].reduce((a, b) => a + b, 0) & 0xff;
    expect(p.slice(-2)).toBe(sum.toString(16).padStart(2, '0'));
    // And the decoder gives back the escaped body, which unescapes to the original.
    const [ev] = new PacketDecoder().push(encodePacket('a$b#c}d*e'));
    expect(ev.kind).toBe('packet');
    if (ev.kind === 'packet') expect(Buffer.from(unescapeBinary(ev.body).value!).toString('latin1')).toBe('a$b#c}d*e');
  });

  it('decodes packets split anywhere, with acks and interrupts between them', () => {
    const d = new PacketDecoder();
    const stream = Buffer.concat([bytes('+'), encodePacket('qSupported:swbreak+'), bytes('-\x03$g#67')]);
    const events = [];
    for (const b of stream) events.push(...d.push(Uint8Array.of(b)));
    expect(events.map((e) => e.kind)).toEqual(['ack', 'packet', 'nak', 'interrupt', 'packet']);
    expect(events[1]).toEqual({ kind: 'packet', body: 'qSupported:swbreak+' });
    expect(events[4]).toEqual({ kind: 'packet', body: 'g' });
  });

  it('takes 0x03 inside a packet as data, not as an interrupt', () => {
    const [ev] = new PacketDecoder().push(encodePacket('X0,1:\x03'));
    expect(ev).toEqual({ kind: 'packet', body: 'X0,1:\x03' });
  });

  it('ignores line noise between packets', () => {
    const evs = new PacketDecoder().push(bytes('hello\r\n\x00\xff$?#3f'));
    expect(evs).toEqual([{ kind: 'packet', body: '?' }]);
  });

  it('reports a wrong checksum, a non-hex checksum and a packet cut short, then recovers', () => {
    const d = new PacketDecoder();
    expect(d.push(bytes('$g#00'))).toEqual([{ kind: 'bad', error: 'checksum mismatch' }]);
    expect(d.push(bytes('$g#zz')).map((e) => e.kind)).toEqual(['bad']);
    expect(d.push(bytes('$g#6'))).toEqual([]);
    expect(d.push(bytes('$'))).toEqual([{ kind: 'bad', error: 'checksum is not two hex digits' }]);
    expect(d.push(bytes('?#3f'))).toEqual([{ kind: 'packet', body: '?' }]);
    expect(d.push(bytes('$abc$?#3f')).map((e) => e.kind)).toEqual(['bad', 'packet']);
    // A bad checksum digit that is itself an ack is still seen as one.
    expect(d.push(bytes('$g#+')).map((e) => e.kind)).toEqual(['bad', 'ack']);
  });

  it('drops an over-long packet without buffering it, then recovers', () => {
    const d = new PacketDecoder(64);
    const huge = '$' + 'A'.repeat(1_000_000) + '#00';
    expect(d.push(bytes(huge))).toEqual([{ kind: 'bad', error: 'packet longer than 64 bytes' }]);
    expect(d.push(encodePacket('qC'))).toEqual([{ kind: 'packet', body: 'qC' }]);
  });
});

describe('hex helpers', () => {
  it('hex data both ways, rejecting odd lengths and non-hex', () => {
    expect(toHex(Uint8Array.of(0, 0xab, 0x10))).toBe('00ab10');
    expect([...fromHex('00aB10').value!]).toEqual([0, 0xab, 0x10]);
    expect(fromHex('abc').ok).toBe(false);
    expect(fromHex('zz').ok).toBe(false);
  });

  it('numbers within a width', () => {
    expect(parseHexNumber('ffffffff80000000').value).toBe(0xffffffff80000000n);
    expect(parseHexNumber('1ffffffff80000000').ok).toBe(false);
    expect(parseHexNumber('').ok).toBe(false);
    expect(parseHexNumber('12g').ok).toBe(false);
    expect(parseHexNumber('100', 8).ok).toBe(false);
  });

  it('registers are 8 bytes little-endian', () => {
    expect(le64Hex(0x1122334455667788n)).toBe('8877665544332211');
    expect(le64Hex(-1n)).toBe('ffffffffffffffff');
    expect(parseLe64('8877665544332211').value).toBe(0x1122334455667788n);
    expect(parseLe64('88776655').ok).toBe(false);
    expect(parseLe64('xx77665544332211').ok).toBe(false);
  });

  it('binary unescaping', () => {
    expect([...unescapeBinary('a}\x03b').value!]).toEqual([0x61, 0x23, 0x62]);
    expect(unescapeBinary('ab}').ok).toBe(false);
  });
});

describe('target.xml', () => {
  const xml = targetXml();

  it('describes riscv:rv64 with gdb names for x0..x31 and pc at QEMU regnums', () => {
    expect(xml).toContain('<architecture>riscv:rv64</architecture>');
    expect(xml).toContain('<feature name="org.gnu.gdb.riscv.cpu">');
    const cpu = [...xml.matchAll(/<reg name="(\w+)" bitsize="64" type="\w+" regnum="(\d+)"\/>/g)].slice(0, 33);
    expect(cpu.map((m) => m[1]).join(' ')).toBe(
      'zero ra sp gp tp t0 t1 t2 fp s1 a0 a1 a2 a3 a4 a5 a6 a7 s2 s3 s4 s5 s6 s7 s8 s9 s10 s11 t3 t4 t5 t6 pc',
    );
    expect(cpu.map((m) => Number(m[2]))).toEqual([...Array(33).keys()]);
  });

  it('has priv (virtual) and the CSRs gdb asks for, numbered base + csrno', () => {
    expect(xml).toMatch(/<feature name="org.gnu.gdb.riscv.virtual">\s*<reg name="priv" [^>]*regnum="33"/);
    for (const name of ['mstatus', 'misa', 'mie', 'mtvec', 'mscratch', 'mepc', 'mcause', 'mtval', 'mip',
      'sstatus', 'sie', 'stvec', 'sscratch', 'sepc', 'scause', 'stval', 'sip', 'satp', 'cycle', 'time', 'instret']) {
      const c = CSRS.find((x) => x.name === name)!;
      expect(c, name).toBeDefined();
      expect(xml).toContain(`<reg name="${name}" bitsize="64" type="int" regnum="${CSR_BASE_REGNUM + c.num}"/>`);
    }
    expect(csrOfRegnum(CSR_BASE_REGNUM + 0x300)).toBe(0x300);
    expect(csrOfRegnum(PRIV_REGNUM)).toBeUndefined();
  });

  it('offers only the CSRs the target has', () => {
    const only = targetXml((n) => n === 0x300);
    expect(only).toContain('"mstatus"');
    expect(only).not.toContain('"satp"');
  });

  it('is well formed: every tag closes', () => {
    const opens = (xml.match(/<feature /g) ?? []).length;
    expect((xml.match(/<\/feature>/g) ?? []).length).toBe(opens);
    expect(xml.trim().endsWith('</target>')).toBe(true);
  });
});

describe('packet handling (GdbSession)', () => {
  const setup = () => {
    const t = new FakeTarget();
    return { t, s: new GdbSession(t) };
  };
  const r = (s: GdbSession, body: string) => {
    const a = s.handle(body);
    if (a.kind !== 'reply') throw new Error(`expected a reply to ${body}, got ${a.kind}`);
    return a.body;
  };

  it('g gives x0..x31 and pc; G writes them all, or nothing if malformed', () => {
    const { t, s } = setup();
    const g = r(s, 'g');
    expect(g.length).toBe(33 * 16);
    expect(g.slice(0, 16)).toBe('0000000000000000');
    expect(parseLe64(g.slice(16, 32)).value).toBe(0x1111n);
    expect(parseLe64(g.slice(32 * 16)).value).toBe(t.regs[32]);
    const values = Array.from({ length: 33 }, (_, i) => le64Hex(BigInt(i) + 0x100n)).join('');
    expect(r(s, 'G' + values.slice(0, -2))).toBe('E22');
    expect(r(s, 'G' + values.slice(0, -2) + 'zz')).toBe('E22');
    expect(t.regs[5]).toBe(5n * 0x1111n);
    expect(r(s, 'G' + values)).toBe('OK');
    expect(t.regs[5]).toBe(0x105n);
    expect(t.regs[32]).toBe(0x120n);
  });

  it('p and P for x registers, pc, priv and CSRs', () => {
    const { t, s } = setup();
    expect(r(s, 'p20')).toBe(le64Hex(t.regs[32]));
    expect(r(s, 'pa')).toBe(le64Hex(10n * 0x1111n));
    expect(r(s, 'p21')).toBe(le64Hex(3n)); // priv before any stop: M, as at reset
    s.lastStop = t.ev('breakpoint');
    expect(r(s, 'p21')).toBe(le64Hex(1n));
    expect(r(s, `p${(CSR_BASE_REGNUM + 0x300).toString(16)}`)).toBe(le64Hex(0xa00000080n));
    expect(r(s, `p${(CSR_BASE_REGNUM + 0x305).toString(16)}`)).toBe('E14'); // not in the fake
    expect(r(s, 'p2000')).toBe('E14');
    expect(r(s, 'pzz')).toBe('E22');
    expect(r(s, 'p')).toBe('E22');
    expect(r(s, `P1=${le64Hex(0xdeadbeefn)}`)).toBe('OK');
    expect(t.regs[1]).toBe(0xdeadbeefn);
    expect(r(s, `P0=${le64Hex(5n)}`)).toBe('OK');
    expect(t.readRegister(0)).toBe(0n);
    expect(r(s, `P20=${le64Hex(0x80000000n)}`)).toBe('OK');
    expect(t.regs[32]).toBe(0x80000000n);
    expect(r(s, 'P1=12')).toBe('E22');
    expect(r(s, 'P1')).toBe('E22');
    expect(r(s, `P${(CSR_BASE_REGNUM + 0x300).toString(16)}=${le64Hex(0n)}`)).toBe('E14');
  });

  it('uses the optional privilege() and writeCsr() when the target has them', () => {
    const t = new FakeTarget();
    const written: [number, bigint][] = [];
    const ext = Object.assign(t, {
      privilege: () => 0,
      writeCsr: (n: number, v: bigint) => (n === 0x340 ? (written.push([n, v]), { ok: true as const, value: undefined }) : { ok: false as const, error: 'read-only' }),
    });
    const s = new GdbSession(ext, t.ev('breakpoint', { privilege: 1 }));
    expect(r(s, 'p21')).toBe(le64Hex(0n));
    expect(r(s, `P${(CSR_BASE_REGNUM + 0x340).toString(16)}=${le64Hex(0x1234n)}`)).toBe('OK');
    expect(written).toEqual([[0x340, 0x1234n]]);
    expect(r(s, `P${(CSR_BASE_REGNUM + 0xf14).toString(16)}=${le64Hex(1n)}`)).toBe('E14');
    expect(r(s, `P21=${le64Hex(1n)}`)).toBe('E14'); // priv stays read-only
  });

  it('m reads virtual memory; unmapped is E14, malformed E22', () => {
    const { s } = setup();
    expect(r(s, 'm1000,4')).toBe('00010203');
    expect(r(s, 'mffffffff80000001,3')).toBe('070e15');
    expect(r(s, 'm1ffe,4')).toBe('E14'); // runs off the mapped page
    expect(r(s, 'm5000,4')).toBe('E14');
    expect(r(s, 'mffffffffffffffff,10')).toBe('E14'); // wraps past 2^64
    expect(r(s, 'm1000')).toBe('E22');
    expect(r(s, 'm1000,')).toBe('E22');
    expect(r(s, 'mxyz,4')).toBe('E22');
    expect(r(s, 'm10000000000000000,4')).toBe('E22');
    expect(r(s, `m1000,${(MAX_MEM_READ + 1).toString(16)}`)).toBe('E22');
    expect(r(s, 'm1000,ffffffff')).toBe('E22');
    expect(r(s, 'm1000,0')).toBe('E22');
  });

  it('M and X write memory, checking lengths and hex', () => {
    const { t, s } = setup();
    expect(r(s, 'M1000,2:abcd')).toBe('OK');
    expect(t.readVirtual(LOW_PAGE, 2).value).toEqual(Uint8Array.of(0xab, 0xcd));
    expect(r(s, 'M1000,2:abc')).toBe('E22');
    expect(r(s, 'M1000,3:abcd')).toBe('E22');
    expect(r(s, 'M1000,2:zzzz')).toBe('E22');
    expect(r(s, 'M5000,1:00')).toBe('E14');
    expect(r(s, 'M1000,2')).toBe('E22');
    expect(r(s, 'X1000,0:')).toBe('OK'); // gdb's probe
    // X carries escaped binary: '}' 0x03 is '#'.
    expect(r(s, 'X1004,3:a}\x03b')).toBe('OK');
    expect(t.readVirtual(LOW_PAGE + 4n, 3).value).toEqual(Uint8Array.of(0x61, 0x23, 0x62));
    expect(r(s, 'X1004,3:ab')).toBe('E22');
    expect(r(s, 'X1004,1:}')).toBe('E22');
    expect(r(s, `X${HIGH_PAGE.toString(16)},1:\x00`)).toBe('OK');
  });

  it('Z0/Z1 set breakpoints through the target, idempotently; z removes them', () => {
    const { t, s } = setup();
    expect(r(s, 'Z0,ffffffff80001000,2')).toBe('OK');
    expect(r(s, 'Z0,ffffffff80001000,2')).toBe('OK');
    expect(r(s, 'Z1,ffffffff80002000,4')).toBe('OK');
    expect(t.breakpoints().map((b) => b.address)).toEqual([0xffffffff80001000n, 0xffffffff80002000n]);
    expect(r(s, 'z0,ffffffff80001000,2')).toBe('OK');
    expect(r(s, 'z0,ffffffff80001000,2')).toBe('OK'); // already gone: harmless
    expect(t.breakpoints().map((b) => b.address)).toEqual([0xffffffff80002000n]);
    expect(r(s, 'Z0,1000,4;X2,0a')).toBe('OK'); // conditions we did not ask for are ignored
    expect(r(s, 'Z0,zz,4')).toBe('E22');
    expect(r(s, 'Z0,1000')).toBe('E22');
    expect(r(s, 'Z9,1000,4')).toBe(''); // unsupported type
    t.maxBreakpoints = t.bps.size;
    expect(r(s, 'Z0,3000,4')).toBe('E14');
  });

  it('Z2/Z3/Z4 are write, read and access watchpoints', () => {
    const { t, s } = setup();
    expect(r(s, 'Z2,1000,8')).toBe('OK');
    expect(r(s, 'Z3,1010,4')).toBe('OK');
    expect(r(s, 'Z4,1020,1')).toBe('OK');
    expect(t.watchpoints().map((w) => [w.start, w.length, w.kind])).toEqual([
      [0x1000n, 8, 'write'], [0x1010n, 4, 'read'], [0x1020n, 1, 'access'],
    ]);
    expect(r(s, 'Z2,1000,0')).toBe('E14');
    expect(r(s, 'z3,1010,4')).toBe('OK');
    expect(t.watchpoints().length).toBe(2);
  });

  it('stop replies name the reason gdb needs', () => {
    const { t, s } = setup();
    r(s, 'Z0,100,4');
    r(s, 'Z1,200,4');
    r(s, 'Z2,1000,4');
    r(s, 'Z3,1010,4');
    r(s, 'Z4,1020,8');
    const bn = (a: bigint) => t.breakpoints().find((b) => b.address === a)!.number;
    const wn = (a: bigint) => t.watchpoints().find((w) => w.start === a)!.number;
    expect(s.stopReply(t.ev('breakpoint', { number: bn(0x100n) }))).toBe('T05swbreak:;thread:1;');
    expect(s.stopReply(t.ev('breakpoint', { number: bn(0x200n) }))).toBe('T05hwbreak:;thread:1;');
    expect(s.stopReply(t.ev('breakpoint', { number: 999 }))).toBe('T05thread:1;');
    const w = (n: number, addr: bigint) => t.ev('watchpoint', { number: n, watch: { addr, kind: 'write' } });
    expect(s.stopReply(w(wn(0x1000n), 0x1002n))).toBe('T05watch:1002;thread:1;');
    expect(s.stopReply(w(wn(0x1000n), 0xffcn))).toBe('T05watch:1000;thread:1;'); // clamped into the range
    expect(s.stopReply(w(wn(0x1010n), 0x1010n))).toBe('T05rwatch:1010;thread:1;');
    expect(s.stopReply(w(wn(0x1020n), 0x1024n))).toBe('T05awatch:1024;thread:1;');
    expect(s.stopReply(t.ev('step'))).toBe('T05thread:1;');
    expect(s.stopReply(t.ev('interrupt'))).toBe('T02thread:1;');
    expect(s.stopReply(t.ev('exit', { exitCode: 3 }))).toBe('W03');
  });

  it('? is T05 while alive and W after an exit; resuming an exited guest repeats W', () => {
    const { t, s } = setup();
    expect(r(s, '?')).toBe('T05thread:1;');
    s.lastStop = t.ev('interrupt');
    expect(r(s, '?')).toBe('T05thread:1;');
    s.lastStop = t.ev('exit', { exitCode: 0 });
    expect(r(s, '?')).toBe('W00');
    expect(r(s, 'c')).toBe('W00');
    expect(r(s, 'vCont;s:1')).toBe('W00');
  });

  it('c, s and vCont resume; an address sets pc first', () => {
    const { t, s } = setup();
    expect(s.handle('c')).toEqual({ kind: 'resume', step: false });
    expect(s.handle('s')).toEqual({ kind: 'resume', step: true });
    expect(s.handle('c80001000')).toEqual({ kind: 'resume', step: false });
    expect(t.regs[32]).toBe(0x80001000n);
    expect(s.handle('S05;80002000')).toEqual({ kind: 'resume', step: true });
    expect(t.regs[32]).toBe(0x80002000n);
    expect(r(s, 'czz')).toBe('E22');
    expect(r(s, 'vCont?')).toBe('vCont;c;C;s;S');
    expect(s.handle('vCont;c')).toEqual({ kind: 'resume', step: false });
    expect(s.handle('vCont;s:1;c')).toEqual({ kind: 'resume', step: true });
    expect(s.handle('vCont;C05:p1.1')).toEqual({ kind: 'resume', step: false });
    expect(s.handle('vCont;c:-1')).toEqual({ kind: 'resume', step: false });
    expect(r(s, 'vCont;x')).toBe('E22');
    expect(r(s, 'vCont;')).toBe('E22');
  });

  it('queries: qSupported, qAttached, threads, qXfer target.xml in chunks', () => {
    const { s } = setup();
    const sup = r(s, 'qSupported:multiprocess+;swbreak+;hwbreak+;qRelocInsn+;xmlRegisters=i386');
    expect(sup.split(';')).toEqual(expect.arrayContaining([
      `PacketSize=${PACKET_SIZE.toString(16)}`, 'qXfer:features:read+', 'swbreak+', 'hwbreak+', 'vContSupported+',
    ]));
    expect(r(s, 'qAttached')).toBe('1');
    expect(r(s, 'qAttached:1')).toBe('1');
    expect(r(s, 'qC')).toBe('QC1');
    expect(r(s, 'qfThreadInfo')).toBe('m1');
    expect(r(s, 'qsThreadInfo')).toBe('l');
    expect(r(s, 'qSymbol::')).toBe('OK');
    expect(r(s, 'Hg0')).toBe('OK');
    expect(r(s, 'Hc-1')).toBe('OK');
    expect(r(s, 'vMustReplyEmpty')).toBe('');
    expect(r(s, 'qTStatus')).toBe('');
    expect(r(s, 'qOffsets')).toBe('');
    let xml = '';
    for (let off = 0; ; ) {
      const chunk = r(s, `qXfer:features:read:target.xml:${off.toString(16)},200`);
      expect(['m', 'l']).toContain(chunk[0]);
      xml += chunk.slice(1);
      off += chunk.length - 1;
      if (chunk[0] === 'l') break;
    }
    expect(xml).toContain('riscv:rv64');
    expect(xml).toContain('"mstatus"');
    expect(xml).not.toContain('"mtvec"'); // the fake has no mtvec
    expect(r(s, 'qXfer:features:read:other.xml:0,100')).toBe('E00');
    expect(r(s, 'qXfer:features:read:target.xml:zz,100')).toBe('E22');
    expect(r(s, 'qXfer:features:read:target.xml:ffffff,100')).toBe('E22');
    expect(r(s, 'qXfer:features:read:target.xml')).toBe('E22');
  });

  it('unknown and empty packets get the empty reply', () => {
    const { s } = setup();
    for (const p of ['', '!', 'bc', 'qFoo', 'QFoo', 'vFoo', '\x00\xff', 'x']) expect(r(s, p), p).toBe('');
  });

  it('D, k, vKill and QStartNoAckMode are actions for the server', () => {
    const { s } = setup();
    expect(s.handle('D')).toEqual({ kind: 'detach' });
    expect(s.handle('D;1')).toEqual({ kind: 'detach' });
    expect(s.handle('k')).toEqual({ kind: 'kill' });
    expect(s.handle('vKill;1')).toEqual({ kind: 'kill', reply: 'OK' });
    expect(s.handle('QStartNoAckMode')).toEqual({ kind: 'noack' });
  });
});
