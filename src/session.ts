/**
 * Scripted console sessions: send text to the guest's UART and run until its
 * output matches, with limits counted in guest instructions (never in wall
 * time, so a script behaves the same on any machine).
 */
import type { Machine, StopReason } from './machine.js';
import { type Result, ok, err } from './result.js';

export interface WaitOptions {
  /** Give up after this many guest instructions (default 200 million). */
  maxInsns?: number;
}

export interface WaitResult {
  /** Output from the previous mark up to and including the match. */
  text: string;
  match: RegExpExecArray;
}

export class ConsoleSession {
  readonly machine: Machine;
  /** Everything the guest has printed. */
  output = '';
  /** Where the next wait starts looking. */
  private mark = 0;
  private queued: Uint8Array = new Uint8Array(0);
  /** Set when the guest powered off or reset. */
  ended: { reason: StopReason; exitCode: number } | undefined;

  constructor(machine: Machine) {
    this.machine = machine;
    machine.setInputMode('live');
  }

  /** Queue text for the UART (delivered as the guest's receive ring has room). */
  send(text: string | Uint8Array): void {
    const bytes = typeof text === 'string' ? new TextEncoder().encode(text) : text;
    const all = new Uint8Array(this.queued.length + bytes.length);
    all.set(this.queued);
    all.set(bytes, this.queued.length);
    this.queued = all;
    this.feed();
  }

  private feed(): void {
    if (this.queued.length) this.queued = this.queued.subarray(this.machine.pushInput(this.queued));
  }

  /** Run until the output since the last wait matches `pattern`. */
  waitFor(pattern: string | RegExp, opts: WaitOptions = {}): Result<WaitResult> {
    const re = typeof pattern === 'string' ? new RegExp(pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : pattern;
    const limit = BigInt(opts.maxInsns ?? 200_000_000);
    const start = this.machine.icount;
    const describe = `'${typeof pattern === 'string' ? pattern : pattern.source}'`;
    for (;;) {
      const m = re.exec(this.output.slice(this.mark));
      if (m) {
        const end = this.mark + m.index + m[0].length;
        const text = this.output.slice(this.mark, end);
        this.mark = end;
        return ok({ text, match: m });
      }
      if (this.ended) return err(`the guest stopped (${this.ended.reason}) before printing ${describe}`);
      const used = this.machine.icount - start;
      if (used >= limit) return err(`${describe} did not appear within ${limit} instructions`);
      this.feed();
      const left = limit - used;
      const r = this.machine.run(left < 100_000n ? Number(left) : 100_000);
      this.output += Buffer.from(this.machine.drainOutput()).toString('latin1');
      if (r.reason === 'exit' || r.reason === 'reset') this.ended = { reason: r.reason, exitCode: this.machine.exitCode };
      else if (r.reason === 'idle' && this.queued.length === 0 && this.machine.pendingInput === 0) {
        const again = re.exec(this.output.slice(this.mark));
        if (!again) return err(`the guest is idle waiting for input and ${describe} has not appeared`);
      }
    }
  }

  /** Run until the guest stops by itself (power-off or reset). */
  waitForEnd(opts: WaitOptions = {}): Result<{ reason: StopReason; exitCode: number }> {
    const limit = BigInt(opts.maxInsns ?? 200_000_000);
    const start = this.machine.icount;
    while (!this.ended) {
      if (this.machine.icount - start >= limit) return err(`the guest did not stop within ${limit} instructions`);
      this.feed();
      const r = this.machine.run(100_000);
      this.output += Buffer.from(this.machine.drainOutput()).toString('latin1');
      if (r.reason === 'exit' || r.reason === 'reset') this.ended = { reason: r.reason, exitCode: this.machine.exitCode };
      else if (r.reason === 'idle' && this.queued.length === 0 && this.machine.pendingInput === 0) {
        return err('the guest is idle waiting for input');
      }
    }
    return ok(this.ended);
  }
}
