/**
 * The console: runs a machine in slices, connecting its UART to this
 * process's stdin and stdout.
 *
 * - A TTY stdin is put in raw mode; Ctrl-A x quits (as in QEMU), Ctrl-A a
 *   sends a literal Ctrl-A, Ctrl-A h lists these.
 * - A piped stdin is fed to the UART as the guest asks for it: a guest that
 *   waits for input (WFI, reading an empty receiver, or polling LSR for data)
 *   stops the machine, and then gets all the input that has arrived. Input
 *   from a file thus gives the same run every time.
 * - Output is written as it comes; stdout carries guest output only, and
 *   rvlab's own messages go to stderr.
 */
import type { Machine } from './machine.js';

export interface ConsoleOptions {
  maxInsns?: number;
  /** Called on a guest reset request; returns the machine to continue with. */
  onReset?: () => Machine | string;
  stdin?: NodeJS.ReadStream;
  stdout?: NodeJS.WriteStream;
  stderr?: NodeJS.WriteStream;
  slice?: number;
}

export interface ConsoleResult {
  exitCode: number;
  reason: 'exit' | 'limit' | 'quit' | 'idle' | 'error';
  insns: bigint;
}

const CTRL_A = 0x01;

export async function runConsole(machine: Machine, opts: ConsoleOptions = {}): Promise<ConsoleResult> {
  const stdin = opts.stdin ?? process.stdin;
  const stdout = opts.stdout ?? process.stdout;
  const stderr = opts.stderr ?? process.stderr;
  const slice = opts.slice ?? 100_000;
  const limit = opts.maxInsns !== undefined ? BigInt(opts.maxInsns) : undefined;
  const tty = stdin.isTTY === true;
  let m = machine;
  let total = 0n;

  const queue: Uint8Array[] = [];
  let eof = false;
  let quit = false;
  let escape = false;
  let wake: (() => void) | undefined;
  const notify = () => {
    const w = wake;
    wake = undefined;
    w?.();
  };

  const onData = (chunk: Buffer) => {
    if (!tty) {
      queue.push(chunk);
      notify();
      return;
    }
    const out: number[] = [];
    for (const b of chunk) {
      if (escape) {
        escape = false;
        if (b === 0x78 || b === 0x58) { quit = true; break; } // x
        if (b === 0x61 || b === CTRL_A) out.push(CTRL_A);
        else if (b === 0x68 || b === 0x3f) stderr.write('\r\nC-a x  exit rvlab\r\nC-a a  send C-a\r\nC-a h  this help\r\n');
        continue;
      }
      if (b === CTRL_A) { escape = true; continue; }
      out.push(b);
    }
    if (out.length) queue.push(Uint8Array.from(out));
    notify();
  };
  const onEnd = () => {
    eof = true;
    notify();
  };

  // A closed stdout (e.g. piped into `head`) ends the run quietly.
  let brokenPipe = false;
  const onOutError = () => {
    brokenPipe = true;
    quit = true;
  };
  stdout.on('error', onOutError);

  if (tty) stdin.setRawMode(true);
  stdin.on('data', onData);
  stdin.on('end', onEnd);
  stdin.on('error', onEnd);
  stdin.resume();

  const cleanup = () => {
    stdin.off('data', onData);
    stdin.off('end', onEnd);
    stdin.off('error', onEnd);
    if (tty) stdin.setRawMode(false);
    stdout.off('error', onOutError);
    stdin.pause();
    if (!tty) stdin.destroy();
  };

  // A terminal's input is live: the guest sees keys as they come. Piped input
  // is handed over only when the guest waits for it, all that has arrived at
  // once, so what the guest sees does not depend on when the pipe delivered it.
  const feed = (guestWaits: boolean) => {
    if (tty || guestWaits) {
      while (queue.length) {
        const head = queue[0];
        const n = m.pushInput(head);
        if (n === head.length) queue.shift();
        else {
          queue[0] = head.subarray(n);
          break;
        }
      }
    }
    m.setInputMode(tty ? 'live' : eof && queue.length === 0 ? 'ended' : 'more');
  };
  const waitForInput = () =>
    new Promise<void>((resolve) => {
      if (queue.length || eof || quit) return resolve();
      wake = resolve;
    });
  const flush = () => {
    const out = m.drainOutput();
    if (out.length && !brokenPipe) stdout.write(out);
  };

  let lastYield = Date.now();
  let waiting = false;
  try {
    for (;;) {
      if (quit) {
        if (brokenPipe) return { exitCode: 0, reason: 'quit', insns: total };
        flush();
        stderr.write('\r\nrvlab: terminated (C-a x)\n');
        return { exitCode: 0, reason: 'quit', insns: total };
      }
      feed(waiting);
      waiting = false;
      let budget = slice;
      if (limit !== undefined) {
        const left = limit - total;
        if (left <= 0n) {
          flush();
          stderr.write(`rvlab: stopped after ${total} instructions (--max-insns)\n`);
          return { exitCode: 124, reason: 'limit', insns: total };
        }
        if (left < BigInt(budget)) budget = Number(left);
      }
      const skipsBefore = m.wfiSkips;
      const r = m.run(budget);
      total += BigInt(r.executed);
      flush();
      switch (r.reason) {
        case 'exit':
          return { exitCode: m.exitCode, reason: 'exit', insns: total };
        case 'reset': {
          const next = opts.onReset ? opts.onReset() : 'the guest requested a reset';
          if (typeof next === 'string') {
            stderr.write(`rvlab: ${next}\n`);
            return { exitCode: 0, reason: 'exit', insns: total };
          }
          m = next;
          continue;
        }
        case 'idle':
        case 'input':
          waiting = true;
          if (!tty && eof && queue.length === 0 && m.pendingInput === 0) {
            stderr.write(
              r.reason === 'idle'
                ? 'rvlab: the guest is idle and there is no more input\n'
                : 'rvlab: the guest is waiting for input and there is no more\n',
            );
            return { exitCode: 0, reason: 'idle', insns: total };
          }
          if (queue.length === 0) await waitForInput();
          lastYield = Date.now();
          continue;
      }
      const now = Date.now();
      if (tty && m.wfiSkips !== skipsBefore) {
        // Idle at a timer: let wall-clock time pass instead of racing ahead.
        await new Promise((res) => setTimeout(res, 2));
        lastYield = Date.now();
      } else if (now - lastYield > 20) {
        await new Promise((res) => setImmediate(res));
        lastYield = Date.now();
      }
    }
  } finally {
    cleanup();
  }
}
