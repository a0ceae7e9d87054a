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
          .option('append', { type: 'string', describe: 'kernel command line' }),
      async (args) => {
        const c = common(args);
        code = await runMachine(() => systemMachine({ memSize: c.memSize, append: args.append }), c.maxInsns);
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
          .option('append', { type: 'string', describe: 'kernel command line (DTB /chosen/bootargs)' }),
      async (args) => {
        const c = common(args);
        const elf = args.elf as string;
        code = await runMachine(
          () => programMachine(elf, { memSize: c.memSize, initrd: args.initrd, append: args.append }),
          c.maxInsns,
        );
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
      process.exitCode = code;
    },
    (e) => {
      process.stderr.write(`rvlab: internal error: ${(e as Error).message}\n`);
      process.exitCode = 70;
    },
  );
}
