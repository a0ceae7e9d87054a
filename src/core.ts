/**
 * Loading the AssemblyScript core and typed access to its state.
 *
 * All machine state lives in the core's linear memory at addresses the core
 * exports; this module only knows how to find them. Views are re-created
 * whenever the memory has grown (a grow detaches the old ArrayBuffer).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

interface RawExports {
  memory: WebAssembly.Memory;
  run(budget: number): number;
  reset(ramBytes: number): number;
  uartRxPush(b: number): number;
  uartRxCount(): number;
  debugTranslate(va: bigint): bigint;
  debugCsr(csr: number): bigint;
  flushTlb(): void;
  /** Forget decoded instructions of host range [host, host+len) (host 0: all). Absent in older cores. */
  invalidateCode?(host: number, len: number): void;
  [name: string]: unknown;
}

export const enum Stop {
  Budget = 0,
  Exit = 1,
  Reset = 2,
  Idle = 3,
  TxFull = 4,
  Break = 5,
  Input = 6,
}

const here = dirname(fileURLToPath(import.meta.url));
let cachedModule: WebAssembly.Module | undefined;

/**
 * Path of the compiled core (build/rvlab.wasm next to src/ and dist/).
 * RVLAB_WASM names another release core (scripts/bench.js compares builds with it).
 */
export function wasmPath(debug = false): string {
  if (!debug && process.env.RVLAB_WASM) return process.env.RVLAB_WASM;
  return join(here, '..', 'build', debug ? 'rvlab.debug.wasm' : 'rvlab.wasm');
}

function compile(): WebAssembly.Module {
  if (!cachedModule) cachedModule = new WebAssembly.Module(readFileSync(wasmPath()));
  return cachedModule;
}

export class Core {
  readonly raw: RawExports;
  private buf: ArrayBuffer;
  private dv: DataView;
  private u8: Uint8Array;
  readonly addr: Record<string, number> = {};

  constructor() {
    const instance = new WebAssembly.Instance(compile(), {
      env: {
        abort: () => {
          throw new Error('rvlab core aborted (internal error)');
        },
      },
    });
    this.raw = instance.exports as unknown as RawExports;
    for (const [name, v] of Object.entries(instance.exports)) {
      if (v instanceof WebAssembly.Global) this.addr[name] = Number(v.value) >>> 0;
    }
    this.buf = this.raw.memory.buffer;
    this.dv = new DataView(this.buf);
    this.u8 = new Uint8Array(this.buf);
  }

  private views(): void {
    if (this.raw.memory.buffer !== this.buf) {
      this.buf = this.raw.memory.buffer;
      this.dv = new DataView(this.buf);
      this.u8 = new Uint8Array(this.buf);
    }
  }

  get bytes(): Uint8Array {
    this.views();
    return this.u8;
  }

  get64(a: number): bigint {
    this.views();
    return this.dv.getBigUint64(a, true);
  }
  set64(a: number, v: bigint): void {
    this.views();
    this.dv.setBigUint64(a, BigInt.asUintN(64, v), true);
  }
  get32(a: number): number {
    this.views();
    return this.dv.getUint32(a, true);
  }
  set32(a: number, v: number): void {
    this.views();
    this.dv.setUint32(a, v >>> 0, true);
  }
  set8(a: number, v: number): void {
    this.views();
    this.u8[a] = v;
  }

  reset(ramBytes: number): boolean {
    const okv = this.raw.reset(ramBytes) !== 0;
    this.views();
    return okv;
  }

  run(budget: number): number {
    return this.raw.run(budget);
  }
}
