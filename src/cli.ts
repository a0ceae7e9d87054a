/**
 * The rvlab command line. Parsing and printing only: machines come from
 * boot.ts, running from console.ts. Errors are one line on stderr, exit 2.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { parseCount, parseMemSize } from './numbers.js';
import { programMachine, systemMachine } from './boot.js';
import { runConsole } from './console.js';
import { traceFork, formatTrace, traceMermaid } from './trace.js';
import { runDebugCli } from './debug-cli.js';
import { Debugger } from './debugger/debugger.js';
import { serveGdb, DEFAULT_GDB_PORT } from './gdb/serve.js';
import type { Machine } from './machine.js';
import type { Result } from './result.js';

class UsageError extends Error {}

function fail(msg: string): never {
  throw new UsageError(msg);
}

function unwrap<T>(r: Result<T>): T {
  if (!r.ok) fail(r.error);
  return r.value;
}

interface CommonArgs {
  mem?: string;
  'max-insns'?: string;
  append?: string;
}

function common(args: CommonArgs): { memSize: number; maxInsns?: number } {
  const memSize = unwrap(parseMemSize(args.mem ?? '128M'));
  const maxInsns = args['max-insns'] !== undefined ? unwrap(parseCount(String(args['max-insns']), '--max-insns')) : undefined;
  return { memSize, maxInsns };
}

function gdbPort(v: unknown): number | undefined {
  if (v === undefined || v === false) return undefined;
  if (v === true || v === '') return DEFAULT_GDB_PORT;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`invalid --gdb port '${String(v)}' (0..65535)`);
  return n;
}

/** QEMU's -s/-S: serve gdb's remote protocol; the console stays on this terminal. */
async function runWithGdb(m: Machine, port: number, wait: boolean): Promise<number> {
  const d = Debugger.create(m);
  d.onOutput = (t) => process.stdout.write(t);
  const onData = (b: Buffer) => d.type(b.toString('latin1'));
  process.stdin.on('data', onData);
  process.stdin.on('error', () => {});
  const svc = await serveGdb(d, {
    port,
    wait,
    log: (msg) => process.stderr.write(`rvlab: ${msg}\n`),
    onListening: (p, host) =>
      process.stderr.write(`rvlab: gdb server on ${host}:${p}${wait ? ' (the guest waits for gdb to continue)' : ''}: target remote ${host}:${p}\n`),
  });
  if (!svc.ok) {
    process.stdin.off('data', onData);
    process.stdin.pause();
    fail(svc.error);
  }
  const r = await svc.value.done;
  process.stdin.off('data', onData);
  process.stdin.pause();
  process.stdin.destroy();
  return r.exitCode;
}

async function runMachine(make: () => Result<Machine>, maxInsns?: number): Promise<number> {
  const m = unwrap(make());
  const r = await runConsole(m, {
    maxInsns,
    onReset: () => {
      const next = make();
      return next.ok ? next.value : `reset failed: ${next.error}`;
    },
  });
  return r.exitCode;
}

export async function main(argv: string[]): Promise<number> {
  let code = 0;
  const parser = yargs(argv)
    .scriptName('rvlab')
    .usage('$0 [command]\n\nA RISC-V RV64 machine (QEMU virt compatible) with a teaching kernel for the fork lab.')
    .command(
      '$0',
      'boot the bundled teaching kernel into the MenuOS shell',
      (y) =>
        y
          .option('mem', { type: 'string', describe: 'RAM size, e.g. 128M, 1G', default: '128M' })
          .option('max-insns', { type: 'string', describe: 'stop after N guest instructions (exit 124)' })
          .option('append', { type: 'string', describe: 'kernel command line' })
          .option('gdb', { type: 'string', describe: 'serve gdb on 127.0.0.1:PORT (default 1234), like QEMU -s' })
          .option('wait', { type: 'boolean', describe: 'with --gdb: do not start until gdb continues (QEMU -S)' }),
      async (args) => {
        const c = common(args);
        const make = () => systemMachine({ memSize: c.memSize, append: args.append });
        const port = gdbPort(args.gdb);
        code = port !== undefined ? await runWithGdb(unwrap(make()), port, !!args.wait) : await runMachine(make, c.maxInsns);
      },
    )
    .command(
      'run <elf>',
      'run a bare-metal program or kernel in M-mode (like qemu -M virt -bios none -kernel)',
      (y) =>
        y
          .positional('elf', { type: 'string', describe: 'ELF64 RISC-V executable', demandOption: true })
          .option('mem', { type: 'string', describe: 'RAM size, e.g. 128M, 1G', default: '128M' })
          .option('max-insns', { type: 'string', describe: 'stop after N guest instructions (exit 124)' })
          .option('initrd', { type: 'string', describe: 'file to load as the initial ramdisk' })
          .option('append', { type: 'string', describe: 'kernel command line (DTB /chosen/bootargs)' })
          .option('gdb', { type: 'string', describe: 'serve gdb on 127.0.0.1:PORT (default 1234), like QEMU -s' })
          .option('wait', { type: 'boolean', describe: 'with --gdb: do not start until gdb continues (QEMU -S)' }),
      async (args) => {
        const c = common(args);
        const elf = args.elf as string;
        const make = () => programMachine(elf, { memSize: c.memSize, initrd: args.initrd, append: args.append });
        const port = gdbPort(args.gdb);
        code = port !== undefined ? await runWithGdb(unwrap(make()), port, !!args.wait) : await runMachine(make, c.maxInsns);
      },
    )
    .command(
      'debug [elf]',
      'a gdb-like prompt: breakpoints on kernel symbols, stepping, backtraces, tasks (default: the bundled system, stopped at the MenuOS prompt)',
      (y) =>
        y
          .positional('elf', { type: 'string', describe: 'a bare-metal program instead of the bundled system' })
          .option('break', { type: 'string', array: true, alias: 'b', describe: 'set a breakpoint (repeatable)' })
          .option('x', { type: 'string', array: true, describe: 'run the commands in FILE first (repeatable)' })
          .option('batch', { type: 'boolean', describe: 'exit after the -x files instead of reading more commands' })
          .option('from-reset', { type: 'boolean', describe: 'stop at the reset vector instead of at the MenuOS prompt' })
          .option('mem', { type: 'string', describe: 'RAM size, e.g. 128M, 1G', default: '128M' }),
      async (args) => {
        const c = common(args);
        const elf = args.elf as string | undefined;
        const m = unwrap(elf ? programMachine(elf, { memSize: c.memSize }) : systemMachine({ memSize: c.memSize }));
        code = await runDebugCli({
          machine: m,
          bootToPrompt: !elf && !args['from-reset'],
          breaks: (args.break as string[] | undefined) ?? [],
          scripts: (args.x as string[] | undefined) ?? [],
          batch: !!args.batch,
        });
      },
    )
    .command(
      'trace-fork',
      'boot MenuOS, type a command and trace the fork path it takes through the kernel',
      (y) =>
        y
          .option('command', { type: 'string', describe: 'the MenuOS command to type', default: 'fork-new' })
          .option('json', { type: 'boolean', describe: 'print the trace as JSON' })
          .option('mermaid', { type: 'boolean', describe: 'print a Mermaid sequence diagram' })
          .option('max-insns', { type: 'string', describe: 'give up after N guest instructions' }),
      (args) => {
        const max = args['max-insns'] !== undefined ? unwrap(parseCount(String(args['max-insns']), '--max-insns')) : undefined;
        const t = unwrap(traceFork({ command: args.command, maxInsns: max }));
        if (args.json) process.stdout.write(`${JSON.stringify(t, null, 2)}\n`);
        else if (args.mermaid) process.stdout.write(`${traceMermaid(t)}\n`);
        else process.stdout.write(`${formatTrace(t)}\n`);
      },
    )
    .strict()
    .help()
    .alias('h', 'help')
    .version()
    .wrap(Math.min(100, process.stdout.columns || 100))
    .fail((msg, e) => {
      if (e) throw e;
      throw new UsageError(msg);
    });
  try {
    await parser.parseAsync();
  } catch (e) {
    if (e instanceof UsageError) {
      process.stderr.write(`rvlab: ${e.message.split('\n')[0]}\n`);
      return 2;
    }
    process.stderr.write(`rvlab: internal error: ${(e as Error).message}\n`);
    return 70;
  }
  return code;
}

export function cliMain(): void {
  main(hideBin(process.argv)).then(
    (code) => {
      // Exit once stdout has drained: a stdin pipe or a socket left open by a
      // guest session must not keep rvlab alive after the guest is done.
      process.exitCode = code;
      if (process.stdout.writableLength === 0) process.exit(code);
      else process.stdout.once('drain', () => process.exit(code));
    },
    (e) => {
      process.stderr.write(`rvlab: internal error: ${(e as Error).message}\n`);
      process.exitCode = 70;
    },
  );
}
