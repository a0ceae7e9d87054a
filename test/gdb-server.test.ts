/**
 * The GDB server over a real TCP socket on 127.0.0.1, against a fake target:
 * acks, no-ack mode, running and Ctrl-C, stop replies, detach and kill, one
 * client at a time, and malformed input that gets errors and leaves the
 * server working. Then serveGdb, the `rvlab run --gdb` session.
 */
import { describe, it, expect, afterEach } from 'vitest';
import { startGdbServer, type GdbServer, type GdbServerOptions } from '../src/gdb/server.js';
import { serveGdb } from '../src/gdb/serve.js';
import { encodePacket } from '../src/gdb/packets.js';
import { FakeTarget, RspClient, sleep } from './gdb-helpers.js';

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function serve(t: FakeTarget, opts: Partial<GdbServerOptions> = {}) {
  const logs: string[] = [];
  const r = await startGdbServer(t, { port: 0, log: (m) => logs.push(m), ...opts });
  if (!r.ok) throw new Error(r.error);
  cleanups.push(() => r.value.close());
  return { server: r.value as GdbServer, logs };
}

async function client(port: number) {
  const c = await RspClient.connect(port);
  cleanups.push(() => c.close());
  return c;
}

/** Wait until `cond` holds (polling), failing after `ms`. */
async function until(cond: () => boolean, ms = 2000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(5);
  }
}

describe('gdb server: connection', () => {
  it('listens on 127.0.0.1 by default, on a free port when asked for 0', async () => {
    let heard: [number, string] | undefined;
    const { server } = await serve(new FakeTarget(), { onListening: (p, h) => (heard = [p, h]) });
    expect(server.host).toBe('127.0.0.1');
    expect(server.port).toBeGreaterThan(0);
    expect(heard).toEqual([server.port, '127.0.0.1']);
  });

  it('reports a port in use as an error value', async () => {
    const { server } = await serve(new FakeTarget());
    const r = await startGdbServer(new FakeTarget(), { port: server.port });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(/address in use/);
  });

  it('acks each packet, retransmits on NAK, and stops acking after QStartNoAckMode', async () => {
    const { server } = await serve(new FakeTarget());
    const c = await client(server.port);
    c.send('qAttached');
    expect(await c.nextEvent()).toEqual({ kind: 'ack' });
    expect(await c.nextEvent()).toEqual({ kind: 'packet', body: '1' });
    c.raw('-'); // "that reply was garbled": the server sends it again
    expect(await c.nextEvent()).toEqual({ kind: 'packet', body: '1' });
    c.raw('+');
    expect(await c.request('QStartNoAckMode')).toBe('OK');
    c.ackMode = false;
    c.send('qC');
    expect(await c.nextEvent()).toEqual({ kind: 'packet', body: 'QC1' }); // no '+' first
  });

  it('takes one client at a time; the next one can connect after the first leaves', async () => {
    const detaches: string[] = [];
    const { server, logs } = await serve(new FakeTarget(), { onDetach: (how) => detaches.push(how) });
    const a = await client(server.port);
    expect(await a.request('qC')).toBe('QC1');
    expect(server.attached).toBe(true);
    const b = await client(server.port);
    await until(() => b.closed);
    expect(logs.some((l) => /refusing a second client/.test(l))).toBe(true);
    expect(await a.request('?')).toBe('T05thread:1;'); // the first is unaffected
    a.close();
    await until(() => detaches.length === 1);
    expect(detaches).toEqual(['disconnect']);
    const c = await client(server.port);
    expect(await c.request('qC')).toBe('QC1');
  });
});

describe('gdb server: running', () => {
  it('c runs without blocking the event loop; Ctrl-C stops it with T02', async () => {
    const t = new FakeTarget();
    const { server } = await serve(t);
    const c = await client(server.port);
    c.send('c');
    expect(await c.nextEvent()).toEqual({ kind: 'ack' });
    await until(() => t.running);
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await sleep(30);
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(3); // timers fire while the guest runs
    c.raw('\x03');
    expect(await c.reply()).toBe('T02thread:1;');
    expect(t.running).toBe(false);
    expect(await c.request('qC')).toBe('QC1');
  });

  it("runs on past the target's own instruction limit (not a stop gdb knows)", async () => {
    const t = new FakeTarget();
    const { server } = await serve(t);
    const c = await client(server.port);
    t.script.push(() => t.ev('limit'), () => t.ev('limit'), () => t.ev('breakpoint', { number: 42 }));
    expect(await c.request('c')).toBe('T05thread:1;');
    expect(t.continues).toBe(3);
  });

  it('a 0x03 while stopped is ignored (it crossed our stop reply)', async () => {
    const { server } = await serve(new FakeTarget());
    const c = await client(server.port);
    c.raw('\x03');
    expect(await c.request('?')).toBe('T05thread:1;');
  });

  it('reports breakpoint, watchpoint, step and exit stops', async () => {
    const t = new FakeTarget();
    const exits: number[] = [];
    const { server } = await serve(t, { onExit: (code) => exits.push(code) });
    const c = await client(server.port);
    expect(await c.request('Z0,ffffffff80001000,4')).toBe('OK');
    expect(await c.request('Z2,1000,8')).toBe('OK');
    const bp = t.breakpoints()[0].number;
    const wp = t.watchpoints()[0].number;
    t.script.push(() => {
      t.regs[32] = 0xffffffff80001000n;
      return t.ev('breakpoint', { number: bp });
    });
    expect(await c.request('vCont;c:1')).toBe('T05swbreak:;thread:1;');
    expect(await c.request('p20')).toBe('00100080ffffffff');
    t.script.push(() => t.ev('watchpoint', { number: wp, watch: { addr: 0x1004n, kind: 'write' } }));
    expect(await c.request('c')).toBe('T05watch:1004;thread:1;');
    expect(await c.request('vCont;s:1')).toBe('T05thread:1;');
    expect(t.steps).toBe(1);
    expect(await c.request('s')).toBe('T05thread:1;');
    t.script.push(() => t.ev('exit', { exitCode: 7 }));
    expect(await c.request('c')).toBe('W07');
    await until(() => c.closed);
    expect(exits).toEqual([7]);
    // gdb's breakpoints do not outlive the session.
    expect(t.breakpoints()).toEqual([]);
    expect(t.watchpoints()).toEqual([]);
  });

  it('D detaches: OK, breakpoints removed, the owner told', async () => {
    const t = new FakeTarget();
    const detaches: string[] = [];
    const { server } = await serve(t, { onDetach: (how) => detaches.push(how) });
    const c = await client(server.port);
    await c.request('Z0,100,4');
    await c.request('Z1,200,4');
    expect(t.breakpoints().length).toBe(2);
    expect(await c.request('D')).toBe('OK');
    await until(() => c.closed);
    expect(detaches).toEqual(['detach']);
    expect(t.breakpoints()).toEqual([]);
  });

  it('k ends the session without a reply; vKill replies OK', async () => {
    for (const [pkt, reply] of [['k', undefined], ['vKill;1', 'OK']] as const) {
      const kills: number[] = [];
      const { server } = await serve(new FakeTarget(), { onKill: () => kills.push(1) });
      const c = await client(server.port);
      c.send(pkt);
      expect(await c.nextEvent()).toEqual({ kind: 'ack' });
      if (reply) expect(await c.reply()).toBe(reply);
      await until(() => c.closed);
      expect(kills).toEqual([1]);
    }
  });

  it('a client that disconnects while the guest runs stops it and counts as detached', async () => {
    const t = new FakeTarget();
    const detaches: string[] = [];
    const { server } = await serve(t, { onDetach: (how) => detaches.push(how) });
    const c = await client(server.port);
    await c.request('Z0,100,4');
    c.send('c');
    await until(() => t.running);
    c.close();
    await until(() => detaches.length === 1);
    expect(detaches).toEqual(['disconnect']);
    expect(t.running).toBe(false);
    expect(t.breakpoints()).toEqual([]);
  });

  it('packets that arrive while the guest runs are answered after it stops, in order', async () => {
    const t = new FakeTarget();
    const { server } = await serve(t);
    const c = await client(server.port);
    c.send('c');
    await until(() => t.running);
    c.send('qC');
    await sleep(20);
    c.raw('\x03');
    expect(await c.reply()).toBe('T02thread:1;');
    expect(await c.reply()).toBe('QC1');
  });

  it('waits for onAttach before answering, and uses its stop for priv', async () => {
    const t = new FakeTarget();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const { server } = await serve(t, {
      onAttach: async () => {
        await gate;
        return t.ev('interrupt', { privilege: 0 });
      },
    });
    const c = await client(server.port);
    c.send('p21');
    expect(await c.nextEvent()).toEqual({ kind: 'ack' });
    expect(await c.nextEvent(100)).toBeUndefined();
    release();
    expect(await c.reply()).toBe('0000000000000000');
    expect(await c.request('?')).toBe('T05thread:1;');
  });
});

describe('gdb server: malformed input', () => {
  it('NAKs bad checksums and non-hex checksums, and keeps serving', async () => {
    const { server, logs } = await serve(new FakeTarget());
    const c = await client(server.port);
    c.raw('$qC#00');
    expect(await c.nextEvent()).toEqual({ kind: 'nak' });
    c.raw('$qC#x!');
    expect(await c.nextEvent()).toEqual({ kind: 'nak' });
    expect(await c.request('qC')).toBe('QC1');
    expect(logs.filter((l) => /bad packet/.test(l)).length).toBe(2);
  });

  it('ignores garbage between packets', async () => {
    const { server } = await serve(new FakeTarget());
    const c = await client(server.port);
    c.raw(Buffer.from([0, 1, 2, 0xff, 0x0a, 0x41, 0x42]));
    expect(await c.request('qC')).toBe('QC1');
  });

  it('NAKs a huge packet without running out of memory, and keeps serving', async () => {
    const { server } = await serve(new FakeTarget());
    const c = await client(server.port);
    c.raw('$M1000,100000:' + '00'.repeat(0x100000) + '#00');
    expect(await c.nextEvent(5000)).toEqual({ kind: 'nak' });
    expect(await c.request('qC')).toBe('QC1');
  });

  it('bad hex, bad numbers and huge lengths get E replies', async () => {
    const { server } = await serve(new FakeTarget());
    const c = await client(server.port);
    expect(await c.request('mzz,4')).toBe('E22');
    expect(await c.request('m1000,ffffffff')).toBe('E22');
    expect(await c.request('m1000,999999999999')).toBe('E22');
    expect(await c.request('M1000,4:nothex!!')).toBe('E22');
    expect(await c.request('Gabc')).toBe('E22');
    expect(await c.request('P1=zz')).toBe('E22');
    expect(await c.request('Z0,,')).toBe('E22');
    expect(await c.request('qXfer:features:read:target.xml:0,')).toBe('E22');
    expect(await c.request('m5000,4')).toBe('E14');
    expect(await c.request('m1000,4')).toBe('00010203');
  });

  it('a target that throws gets E01 for that packet only', async () => {
    const t = new FakeTarget();
    const { server, logs } = await serve(t);
    const c = await client(server.port);
    t.throwOnRead = true;
    expect(await c.request('g')).toBe('E01');
    t.throwOnRead = false;
    expect((await c.request('g')).length).toBe(33 * 16);
    expect(logs.some((l) => /fake target failure/.test(l))).toBe(true);
  });

  it('survives random bytes', async () => {
    const { server } = await serve(new FakeTarget());
    const c = await client(server.port);
    let seed = 12345;
    const rand = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) >>> 16) & 0xff;
    // Random packets with valid framing (so the handler sees them), then raw noise, none of it 0x03.
    for (let i = 0; i < 200; i++) {
      const body = Array.from({ length: rand() % 40 }, () => String.fromCharCode(rand() % 0x5f + 0x20)).join('');
      if (/^[cCsSvDk]/.test(body)) continue; // would run or end the session
      c.send(body);
    }
    c.raw(Buffer.from(Array.from({ length: 4000 }, () => rand()).map((b) => (b === 3 || b === 0x24 ? 0 : b))));
    c.raw(encodePacket('qC'));
    // Drain until our qC reply comes back: the server answered everything and is still alive.
    for (;;) {
      const e = await c.nextEvent(5000);
      expect(e).toBeDefined();
      if (e!.kind === 'packet' && e!.body === 'QC1') break;
    }
  });
});

describe('serveGdb (rvlab run --gdb)', () => {
  it('with wait, the guest does not run until gdb continues', async () => {
    const t = new FakeTarget();
    const r = await serveGdb(t, { port: 0, wait: true });
    if (!r.ok) throw new Error(r.error);
    cleanups.push(() => r.value.stop());
    await sleep(30);
    expect(t.continues).toBe(0);
    const c = await client(r.value.port);
    expect(await c.request('?')).toBe('T05thread:1;');
    expect(await c.request('p21')).toBe(le64(3)); // still at reset, in M-mode
    expect(t.continues).toBe(0);
    t.script.push(() => t.ev('exit', { exitCode: 5 }));
    expect(await c.request('c')).toBe('W05');
    expect(await r.value.done).toEqual({ reason: 'exit', exitCode: 5 });
  });

  it('without wait the guest runs; attaching stops it, detaching lets it run on', async () => {
    const t = new FakeTarget();
    const r = await serveGdb(t, { port: 0 });
    if (!r.ok) throw new Error(r.error);
    cleanups.push(() => r.value.stop());
    await until(() => t.running);
    const c = await client(r.value.port);
    expect(await c.request('?')).toBe('T05thread:1;');
    expect(t.running).toBe(false);
    expect(await c.request('D')).toBe('OK');
    await until(() => t.running);
    // A second gdb can attach later and kill.
    const d = await client(r.value.port);
    expect(await d.request('qAttached')).toBe('1');
    expect(t.running).toBe(false);
    d.send('k');
    expect(await r.value.done).toEqual({ reason: 'kill', exitCode: 0 });
  });

  it('a guest that exits with nobody attached ends the session', async () => {
    const t = new FakeTarget();
    t.script.push(() => t.ev('breakpoint', { number: 99 }), () => t.ev('exit', { exitCode: 2 }));
    const r = await serveGdb(t, { port: 0 });
    if (!r.ok) throw new Error(r.error);
    expect(await r.value.done).toEqual({ reason: 'exit', exitCode: 2 });
    expect(t.continues).toBe(2); // the stray breakpoint stop was run past
  });

  it('a client that connects and leaves at once lets the guest run on', async () => {
    const t = new FakeTarget();
    const r = await serveGdb(t, { port: 0 });
    if (!r.ok) throw new Error(r.error);
    cleanups.push(() => r.value.stop());
    await until(() => t.running);
    for (let i = 0; i < 3; i++) {
      const before = t.continues;
      const c = await RspClient.connect(r.value.port);
      c.close();
      // Stopped for the client, then started again when it had gone.
      await until(() => t.continues > before && t.running);
    }
    const c = await client(r.value.port);
    expect(await c.request('qC')).toBe('QC1');
    expect(t.running).toBe(false);
  });

  it('stop() ends it from outside', async () => {
    const t = new FakeTarget();
    const r = await serveGdb(t, { port: 0 });
    if (!r.ok) throw new Error(r.error);
    await until(() => t.running);
    await r.value.stop();
    expect(await r.value.done).toEqual({ reason: 'quit', exitCode: 0 });
    expect(t.running).toBe(false);
  });
});

function le64(n: number): string {
  return Buffer.from(new BigUint64Array([BigInt(n)]).buffer).toString('hex');
}
