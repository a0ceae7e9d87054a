// SPDX-License-Identifier: MIT
// Write a cpio "newc" archive, reproducible byte for byte: entries in the
// order given, inode numbers 1, 2, 3..., uid/gid 0, mtime 0, no device
// numbers.  Directories are created for every parent path.
//   node mkinitramfs.mjs OUT.cpio NAME=FILE[:MODE] ...
// e.g.  init=build/user/init  bin/crash=build/user/bin/crash
import { readFileSync, writeFileSync } from 'node:fs';

const [out, ...specs] = process.argv.slice(2);
if (!out || specs.length === 0) {
  console.error('usage: mkinitramfs.mjs OUT.cpio NAME=FILE[:MODE] ...');
  process.exit(2);
}

const chunks = [];
let size = 0;
let ino = 1;
const dirs = new Set();

function push(buf) {
  chunks.push(buf);
  size += buf.length;
}

function pad4() {
  if (size % 4) push(Buffer.alloc(4 - (size % 4)));
}

function entry(name, mode, data) {
  const hex = (n) => n.toString(16).padStart(8, '0');
  const nameBuf = Buffer.from(name + '\0');
  const fields = [
    ino++, mode, 0 /* uid */, 0 /* gid */, (mode & 0o170000) === 0o040000 ? 2 : 1,
    0 /* mtime */, data.length, 0, 0, 0, 0, nameBuf.length, 0 /* check */,
  ];
  push(Buffer.from('070701' + fields.map(hex).join(''), 'ascii'));
  push(nameBuf);
  pad4();
  push(data);
  pad4();
}

for (const spec of specs) {
  const eq = spec.indexOf('=');
  const name = spec.slice(0, eq);
  let [file, mode] = spec.slice(eq + 1).split(':');
  const parts = name.split('/');
  for (let i = 1; i < parts.length; i++) {
    const dir = parts.slice(0, i).join('/');
    if (!dirs.has(dir)) {
      dirs.add(dir);
      entry(dir, 0o040755, Buffer.alloc(0));
    }
  }
  entry(name, 0o100000 | parseInt(mode ?? '755', 8), readFileSync(file));
}
ino = 0;
entry('TRAILER!!!', 0, Buffer.alloc(0));
// Pad to 512 bytes, as cpio(1) does.
if (size % 512) push(Buffer.alloc(512 - (size % 512)));
writeFileSync(out, Buffer.concat(chunks));
