// SPDX-License-Identifier: MIT
// Boot the guest on QEMU and type MenuOS commands at it, one at a time:
// each command is sent only when the prompt is back, so that the echo of
// what we type never interleaves with output (as when a person types).
// Prints the transcript (CR LF -> LF) and exits with QEMU's status.
//
//   node qemu-session.mjs [--icount N] [--append ARGS] [--timeout SECONDS] CMD...
// The last command may be "quit" (QEMU then powers off); otherwise QEMU is
// stopped after the last prompt.  Environment: QEMU (binary), IMAGES (dir).
import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const images = process.env.IMAGES ?? join(here, '..', 'images');
const args = process.argv.slice(2);
const cmds = [];
let icount = null, append = null, timeout = 60;
while (args.length) {
  const a = args.shift();
  if (a === '--icount') icount = args.shift();
  else if (a === '--append') append = args.shift();
  else if (a === '--timeout') timeout = Number(args.shift());
  else cmds.push(a);
}

const qargs = [
  '-M', 'virt', '-m', '128M', '-nographic',
  '-cpu', 'rv64,f=false,d=false,v=false,h=false',
  '-bios', join(images, 'firmware.elf'),
  '-kernel', join(images, 'kernel.elf'),
  '-initrd', join(images, 'initramfs.cpio'),
];
if (icount !== null) qargs.push('-icount', `shift=${icount}`);
if (append !== null) qargs.push('-append', append);

const PROMPT = 'MenuOS>>';
const qemu = spawn(process.env.QEMU ?? 'qemu-system-riscv64', qargs, {
  stdio: ['pipe', 'pipe', 'inherit'],
});
let out = '';
let seen = 0;		// prompts seen so far
let sent = 0;		// commands sent so far

const timer = setTimeout(() => {
  process.stderr.write(`qemu-session: timeout after ${timeout}s\n`);
  qemu.kill('SIGKILL');
}, timeout * 1000);

qemu.stdout.on('data', (chunk) => {
  out += chunk.toString('latin1');
  const prompts = out.split(PROMPT).length - 1;
  while (seen < prompts) {
    seen++;
    if (sent < cmds.length) {
      qemu.stdin.write(cmds[sent++] + '\n');
    } else {
      qemu.kill('SIGTERM');	// back at the prompt after the last command
    }
  }
});

qemu.on('exit', (code, signal) => {
  clearTimeout(timer);
  process.stdout.write(out.replace(/\r\n/g, '\n'));
  process.exit(signal === 'SIGTERM' ? 0 : code ?? 1);
});
