/**
 * The GDB remote serial protocol server: a TCP listener (127.0.0.1 unless
 * told otherwise: the stub can read and write all guest memory, so it is not
 * offered to the network by default), one client at a time, and for that
 * client the ack discipline, the packet loop and running the guest.
 *
 * Running never blocks the event loop: `c` uses target.continueAsync, whose
 * `interrupted` poll sees a 0x03 byte (gdb's Ctrl-C) or a client that went
 * away. Packets that arrive while the guest runs wait until it stops (gdb
 * sends none in all-stop mode, but a confused client must not reorder them).
 *
 * What happens to the guest between clients (run it, stop it, end the
 * process) is the owner's business: the hooks say when a client arrives and
 * leaves; serve.ts uses them for `rvlab run --gdb`.
 */
import { createServer, type Server, type Socket } from 'node:net';
import type { StopEvent } from '../debugger/types.js';
import { type Result, ok, err } from '../result.js';
import { PacketDecoder, encodePacket } from './packets.js';
import { GdbSession, type GdbTarget } from './commands.js';

export interface GdbServerOptions {
  /** TCP port; 0 picks a free one (see GdbServer.port). */
  port: number;
  /** Default 127.0.0.1. */
  host?: string;
  onListening?: (port: number, host: string) => void;
  /** Diagnostics (connections, framing errors); rvlab sends them to stderr. */
  log?: (msg: string) => void;
  /**
   * A client connected. The server reads none of its packets until this has
   * returned (or its promise settled), so the owner can stop a running guest
   * first; the stop event, if any, is what `?` reports.
   */
  onAttach?: () => Promise<StopEvent | undefined> | StopEvent | undefined;
  /** The client detached (D) or went away; gdb's breakpoints are already removed. */
  onDetach?: (how: 'detach' | 'disconnect') => void;
  /** The client sent k or vKill. */
  onKill?: () => void;
  /** The guest exited while a client was attached (it has been sent W). */
  onExit?: (code: number) => void;
}

export interface GdbServer {
  readonly port: number;
  readonly host: string;
  readonly attached: boolean;
  /** Stop listening and drop the client, if any. */
  close(): Promise<void>;
}

export function startGdbServer(target: GdbTarget, opts: GdbServerOptions): Promise<Result<GdbServer>> {
  const host = opts.host ?? '127.0.0.1';
  const log = opts.log ?? (() => {});
  let current: Connection | undefined;
  // Every socket, so close() does not wait on a client that never hangs up.
  const sockets = new Set<Socket>();

  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    if (current) {
      log(`gdb: refusing a second client from ${socket.remoteAddress}:${socket.remotePort} (one at a time)`);
      socket.destroy();
      return;
    }
    log(`gdb: client connected from ${socket.remoteAddress}:${socket.remotePort}`);
    const conn = new Connection(socket, target, opts, log);
    current = conn;
    conn.done.then(() => {
      if (current === conn) current = undefined;
    });
  });

  return new Promise((resolve) => {
    const onError = (e: NodeJS.ErrnoException) => {
      resolve(err(`cannot listen on ${host}:${opts.port}: ${e.code === 'EADDRINUSE' ? 'address in use' : e.message}`));
    };
    server.once('error', onError);
    server.listen(opts.port, host, () => {
      server.off('error', onError);
      server.on('error', (e) => log(`gdb: server error: ${e.message}`));
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : opts.port;
      opts.onListening?.(port, host);
      resolve(
        ok({
          port,
          host,
          get attached() {
            return current !== undefined;
          },
          close: () =>
            new Promise<void>((done) => {
              server.close(() => done());
              for (const s of sockets) {
                // A client we are already saying goodbye to (W, OK to D) gets a
                // moment for the last packet to leave; anyone else goes now.
                if (s.writableEnded) setTimeout(() => s.destroy(), 200).unref();
                else s.destroy();
              }
            }),
        }),
      );
    });
  });
}

/** One client: framing, acks, the packet queue and the run state. */
class Connection {
  private readonly decoder = new PacketDecoder();
  private session: GdbSession;
  private ackMode = true;
  private lastSent: Buffer | undefined;
  /** Attaching or running: packets wait in `queue`. */
  private busy = true;
  private running = false;
  private attaching = true;
  private interruptRequested = false;
  private closed = false;
  private finished = false;
  private readonly queue: string[] = [];
  private resolveDone!: () => void;
  readonly done = new Promise<void>((r) => (this.resolveDone = r));

  constructor(
    private readonly socket: Socket,
    private readonly target: GdbTarget,
    private readonly opts: GdbServerOptions,
    private readonly log: (msg: string) => void,
  ) {
    this.session = new GdbSession(target);
    socket.setNoDelay(true);
    socket.on('data', (chunk) => this.onData(chunk));
    socket.on('error', (e) => log(`gdb: connection error: ${e.message}`));
    socket.on('close', () => this.onClose());
    void this.attach();
  }

  private async attach(): Promise<void> {
    try {
      this.session.lastStop = (await this.opts.onAttach?.()) ?? undefined;
    } catch (e) {
      this.log(`gdb: could not stop the guest for the client: ${(e as Error).message}`);
      this.drop();
    }
    this.attaching = false;
    // A client that left while the owner was stopping the guest has detached.
    if (this.closed) {
      this.finish('disconnect');
      return;
    }
    this.busy = false;
    this.drain();
  }

  /** Disconnect without ceremony (server shutdown, fatal error). */
  drop(): void {
    this.socket.destroy();
  }

  private onData(chunk: Buffer): void {
    for (const ev of this.decoder.push(chunk)) {
      switch (ev.kind) {
        case 'interrupt':
          // Only meaningful while running; a 0x03 that crosses our stop reply is stale.
          if (this.running) this.interruptRequested = true;
          break;
        case 'nak':
          if (this.ackMode && this.lastSent) this.raw(this.lastSent);
          break;
        case 'ack':
          break;
        case 'bad':
          this.log(`gdb: bad packet (${ev.error})`);
          // NAK even without acks: in no-ack mode gdb skips a stray '-', and
          // a hand-driven client still learns its packet was refused.
          this.raw(Buffer.from('-'));
          break;
        case 'packet':
          if (this.ackMode) this.raw(Buffer.from('+'));
          this.queue.push(ev.body);
          break;
      }
    }
    this.drain();
  }

  private drain(): void {
    while (!this.busy && !this.closed && !this.finished && this.queue.length) this.process(this.queue.shift()!);
  }

  private process(body: string): void {
    let action;
    try {
      action = this.session.handle(body);
    } catch (e) {
      // A target method threw: answer this packet with an error and carry on.
      this.log(`gdb: '${body.slice(0, 40)}' failed: ${(e as Error).message}`);
      this.send('E01');
      return;
    }
    switch (action.kind) {
      case 'reply':
        this.send(action.body);
        return;
      case 'noack':
        this.send('OK');
        this.ackMode = false;
        return;
      case 'resume':
        void this.run(action.step);
        return;
      case 'detach':
        this.send('OK');
        this.finish('detach');
        this.socket.end();
        return;
      case 'kill':
        if (action.reply) this.send(action.reply);
        this.finish('kill');
        this.socket.end();
        return;
    }
  }

  private async run(step: boolean): Promise<void> {
    this.busy = true;
    this.running = true;
    this.interruptRequested = false;
    let ev: StopEvent;
    try {
      const interrupted = () => this.interruptRequested || this.closed;
      if (step) ev = this.target.stepInstruction();
      else {
        // The target's own instruction limit is no reason gdb knows of: run on.
        do ev = await this.target.continueAsync({ interrupted });
        while (ev.reason === 'limit' && !interrupted());
      }
    } catch (e) {
      this.log(`gdb: running the guest failed: ${(e as Error).message}`);
      ev = { reason: 'interrupt', pc: 0n, where: '', privilege: this.session.lastStop?.privilege ?? 3 };
    }
    this.running = false;
    this.interruptRequested = false;
    this.session.lastStop = ev;
    if (this.closed) {
      this.finish('disconnect');
      return;
    }
    this.send(this.session.stopReply(ev));
    if (ev.reason === 'exit') {
      this.finish('exit', ev.exitCode ?? 0);
      this.socket.end();
      return;
    }
    this.busy = false;
    this.drain();
  }

  private onClose(): void {
    this.closed = true;
    this.log('gdb: client disconnected');
    // While running (or attaching), that code sees `closed` and finishes.
    if (!this.running && !this.attaching) this.finish('disconnect');
  }

  /** Once per connection: drop gdb's breakpoints and tell the owner how the session ended. */
  private finish(how: 'detach' | 'disconnect' | 'kill' | 'exit', code = 0): void {
    if (this.finished) return;
    this.finished = true;
    try {
      this.session.insertions.clear();
    } catch (e) {
      this.log(`gdb: removing breakpoints failed: ${(e as Error).message}`);
    }
    if (how === 'kill') this.opts.onKill?.();
    else if (how === 'exit') this.opts.onExit?.(code);
    else this.opts.onDetach?.(how);
    this.resolveDone();
  }

  private send(body: string): void {
    const buf = encodePacket(body);
    this.lastSent = buf;
    this.raw(buf);
  }

  private raw(buf: Buffer): void {
    if (!this.closed && !this.socket.destroyed) this.socket.write(buf);
  }
}
