/**
 * Building ready-to-run machines: a bare-metal program (QEMU's
 * `-bios none -kernel`), or the bundled system (firmware + teaching kernel +
 * MenuOS initramfs, as `-bios firmware -kernel kernel -initrd initramfs`).
 */
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { Machine } from './machine.js';
import { readInput } from './files.js';
import { type Result, ok, err } from './result.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const IMAGES_DIR = join(root, 'guest', 'images');
export const KERNEL_BASE = 0x8020_0000n;

export interface ProgramOptions {
  memSize?: number;
  initrd?: string;
  append?: string;
}

/** A machine that starts `elfPath` in M-mode, as qemu -bios none -kernel does. */
export function programMachine(elfPath: string, opts: ProgramOptions = {}): Result<Machine> {
  const bytes = readInput(elfPath, 'program');
  if (!bytes.ok) return bytes;
  let initrd: Uint8Array | undefined;
  if (opts.initrd !== undefined) {
    const r = readInput(opts.initrd, 'initrd');
    if (!r.ok) return r;
    initrd = r.value;
  }
  const mr = Machine.create({ memSize: opts.memSize });
  if (!mr.ok) return mr;
  const m = mr.value;
  const elf = m.loadElf(bytes.value, elfPath);
  if (!elf.ok) return err(`${elfPath}: ${elf.error}`);
  const b = m.boot({ entry: elf.value.entry, bootargs: opts.append, initrd });
  if (!b.ok) return b;
  return ok(m);
}

export interface SystemOptions {
  memSize?: number;
  append?: string;
  imagesDir?: string;
}

/** The bundled system: firmware at 0x80000000, kernel at 0x80200000, MenuOS as the initrd. */
export function systemMachine(opts: SystemOptions = {}): Result<Machine> {
  const dir = opts.imagesDir ?? IMAGES_DIR;
  const fw = readInput(join(dir, 'firmware.elf'), 'firmware image');
  const kernel = readInput(join(dir, 'kernel.elf'), 'kernel image');
  const initrd = readInput(join(dir, 'initramfs.cpio'), 'initramfs image');
  for (const r of [fw, kernel, initrd]) if (!r.ok) return err(`${r.error} (the bundled images are built by npm run build:guest)`);
  if (!fw.ok || !kernel.ok || !initrd.ok) return err('unreachable');
  const mr = Machine.create({ memSize: opts.memSize });
  if (!mr.ok) return mr;
  const m = mr.value;
  const f = m.loadElf(fw.value, 'firmware');
  if (!f.ok) return err(`firmware: ${f.error}`);
  const k = m.loadElf(kernel.value, 'kernel');
  if (!k.ok) return err(`kernel: ${k.error}`);
  const b = m.boot({
    entry: f.value.entry,
    bootargs: opts.append,
    initrd: initrd.value,
    kernelBase: KERNEL_BASE,
  });
  if (!b.ok) return b;
  return ok(m);
}
