/**
 * `rvlab run --gdb [PORT] [--wait]`: QEMU's `-s` / `-S` on top of the
 * server. Between gdb clients the guest runs by itself (or, with `wait`, does
 * not start until a client resumes it); a client that connects stops it, a
 * client that detaches or disconnects lets it run on, `kill` ends the
 * session, and so does the guest exiting.
 */
import type { StopEvent } from '../debugger/types.js';
import { type Result, ok } from '../result.js';
import { startGdbServer } from './server.js';
import type { GdbTarget } from './commands.js';

export const DEFAULT_GDB_PORT = 1234;

export interface ServeGdbOptions {
  /** Default 1234, as QEMU's -s; 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Do not start the guest until gdb connects and continues (QEMU's -S). */
  wait?: boolean;
  /** Diagnostics for stderr. */
  log?: (msg: string) => void;
  onListening?: (port: number, host: string) => void;
}

export interface ServeGdbResult {
  /** exit: the guest exited (exitCode is its code); kill: gdb sent k; quit: stop() was called. */
  reason: 'exit' | 'kill' | 'quit';
  exitCode: number;
}

export interface GdbService {
  readonly port: number;
  readonly host: string;
  /** Settles when the session is over; the listener is closed by then. */
  readonly done: Promise<ServeGdbResult>;
  /** End the session now (e.g. the user quit): stops the guest and the listener. */
  stop(): Promise<void>;
}

export async function serveGdb(target: GdbTarget, opts: ServeGdbOptions = {}): Promise<Result<GdbService>> {
  const log = opts.log ?? (() => {});
  let freeRun: Promise<StopEvent> | undefined;
  let stopFree = false;
  let over = false;
  let settle!: (r: ServeGdbResult) => void;
  const done = new Promise<ServeGdbResult>((r) => (settle = r));

  /** Run the guest with nobody attached, until it exits or stopFree is set. */
  const runFree = () => {
    if (over || freeRun) return;
    stopFree = false;
    freeRun = (async () => {
      for (;;) {
        const ev = await target.continueAsync({ interrupted: () => stopFree || over });
        if (ev.reason === 'exit') {
          log(`gdb: the guest exited with code ${ev.exitCode ?? 0}`);
          void finish({ reason: 'exit', exitCode: ev.exitCode ?? 0 });
          return ev;
        }
        if (stopFree || over) return ev;
        // A stop nobody asked for (a breakpoint set through the API, a limit): run on.
      }
    })();
  };

  const server = await startGdbServer(target, {
    port: opts.port ?? DEFAULT_GDB_PORT,
    host: opts.host,
    log,
    onListening: opts.onListening,
    onAttach: async () => {
      if (!freeRun) return undefined; // not started yet (wait) or already stopped
      stopFree = true;
      const ev = await freeRun;
      freeRun = undefined;
      return ev;
    },
    onDetach: () => runFree(),
    onKill: () => void finish({ reason: 'kill', exitCode: 0 }),
    onExit: (code) => void finish({ reason: 'exit', exitCode: code }),
  });
  if (!server.ok) return server;

  async function finish(r: ServeGdbResult): Promise<void> {
    if (over) return;
    over = true;
    stopFree = true;
    await freeRun;
    freeRun = undefined;
    if (server.ok) await server.value.close();
    settle(r);
  }

  if (!opts.wait) runFree();
  return ok({
    port: server.value.port,
    host: server.value.host,
    done,
    stop: () => finish({ reason: 'quit', exitCode: 0 }),
  });
}
