#!/usr/bin/env node
// npm run bench: how fast rvlab runs guests, side by side with QEMU.
//
//   node scripts/bench.js [--runs N] [--rounds N] [--only a,b] [--baseline CORE.wasm]
//                         [--no-qemu] [--markdown]
//
// Benchmarks (each run in a fresh Node process, so every run pays V8's
// tiering as a user's first run does; the figures are medians of --runs):
//   bare      guest/images/bench.elf (guest/bench: CRC-32, sieve, quicksort,
//             matrix multiply, hash table, string search; --rounds rounds,
//             every checksum checked) in M-mode, as qemu -bios none runs it
//   user      the same kernels as /bin/bench under the teaching kernel
//             (U-mode, Sv39), started from MenuOS with "bench ROUNDS"
//   boot      firmware + kernel + MenuOS up to the first prompt
//   trace     `rvlab trace-fork` end to end (wall time including Node's start)
//   bare-bp   bare again with 16 breakpoints armed on functions that never run
//   qemu      bench.elf on qemu-system-riscv64 -M virt -bios none, where installed
//
// Wall times are the guest's run time (the run loop, not Node's start or
// loading the images) except for trace. MIPS = guest instructions retired /
// wall time. --baseline runs every benchmark a second time with another core
// (RVLAB_WASM), interleaved with the current one, and prints the speedup.
// Benchmarks are not tests: nothing here asserts a time.
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BENCH_ELF = join(ROOT, 'guest', 'images', 'bench.elf');
const PROMPT = 'MenuOS>>';
const ROUNDS_SYMBOL = 'bench_rounds_wanted';
const COLD_PREFIX = 'bench_cold_';

function usage(msg) {
  process.stderr.write(`bench: ${msg}\nusage: node scripts/bench.js [--runs N] [--rounds N] [--only bare,user,boot,trace,bare-bp,qemu] [--baseline CORE.wasm] [--no-qemu] [--markdown]\n`);
  process.exit(2);
}

function parseArgs(argv) {
  const o = { runs: 3, rounds: 100, only: null, baseline: null, qemu: true, markdown: false, child: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--runs') o.runs = Number(val());
    else if (a === '--rounds') o.rounds = Number(val());
    else if (a === '--only') o.only = val().split(',');
    else if (a === '--baseline') o.baseline = resolve(val());
    else if (a === '--no-qemu') o.qemu = false;
    else if (a === '--markdown') o.markdown = true;
    else if (a === '--child') o.child = val();
    else usage(`unknown option ${a}`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) usage('--runs must be a positive integer');
  if (!Number.isInteger(o.rounds) || o.rounds < 0) usage('--rounds must be a non-negative integer');
  if (o.baseline && !existsSync(o.baseline)) usage(`no such core: ${o.baseline}`);
  return o;
}

// ---------------------------------------------------------------- children

function symbols(elf, pred) {
  return elf.symbols.filter(pred);
}

async function child(kind, rounds) {
  const { programMachine, systemMachine } = await import(join(ROOT, 'dist', 'boot.js'));
  const { runToEnd } = await import(join(ROOT, 'dist', 'machine.js'));
  const { ConsoleSession } = await import(join(ROOT, 'dist', 'session.js'));
  const unwrap = (r) => {
    if (!r.ok) throw new Error(r.error);
    return r.value;
  };
  const now = () => performance.now();
  const cpu0 = { v: 0 };
  const cpuStart = () => { const u = process.cpuUsage(); cpu0.v = (u.user + u.system) / 1000; };
  const cpuMs = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000 - cpu0.v; };
  let out;
  const bareMachine = (bps) => {
    const m = unwrap(programMachine(BENCH_ELF));
    const elf = m.images[0].elf;
    const sym = elf.symbols.find((s) => s.name === ROUNDS_SYMBOL);
    if (!sym) throw new Error(`${BENCH_ELF} has no ${ROUNDS_SYMBOL}`);
    const word = new Uint8Array(4);
    new DataView(word.buffer).setUint32(0, rounds, true);
    unwrap(m.writePhys(sym.value, word));
    if (bps) {
      const cold = symbols(elf, (s) => s.name.startsWith(COLD_PREFIX) && s.type === 'func');
      if (cold.length < 16) throw new Error(`${BENCH_ELF} has only ${cold.length} ${COLD_PREFIX}* functions`);
      unwrap(m.setBreakpoints(cold.slice(0, 16).map((s) => s.value)));
    }
    return m;
  };
  const bareResult = (m, r) => {
    const text = r.output.toString('latin1');
    const ok = r.reason === 'exit' && r.exitCode === 0 && /rounds: ok/.test(text);
    return { ok, text: ok ? text.trim() : `${r.reason} ${r.exitCode}: ${text.trim()}` };
  };
  if (kind === 'bare') {
    const m = bareMachine(false);
    cpuStart();
    const t0 = now();
    const r = runToEnd(m, { maxInsns: 1e13 });
    const ms = now() - t0;
    const cpu = cpuMs();
    const b = bareResult(m, r);
    out = { insns: Number(r.insns), ms, cpu, ok: b.ok, note: b.text };
  } else if (kind === 'bare-bp') {
    // The same run with and without the 16 breakpoints, in alternating slices
    // of 4M instructions in this one process, so that both see the same
    // machine (the host's other load, V8's tiering): the slowdown is their ratio.
    const ms = [0, 0];
    const runs = [bareMachine(false), bareMachine(true)].map((m) => ({ m, chunks: [], done: undefined }));
    let insns = 0;
    while (runs.some((x) => !x.done)) {
      runs.forEach((x, i) => {
        if (x.done) return;
        const t0 = now();
        const r = runToEnd(x.m, { maxInsns: 4_000_000 });
        ms[i] += now() - t0;
        x.chunks.push(r.output);
        if (r.reason !== 'limit') x.done = { ...r, output: Buffer.concat(x.chunks), insns: x.m.icount };
      });
    }
    const [plain, bp] = runs.map((x) => bareResult(x.m, x.done));
    insns = Number(runs[1].done.insns);
    out = { insns, ms: ms[1], plainMs: ms[0], ok: plain.ok && bp.ok, note: bp.text };
  } else if (kind === 'user') {
    const m = unwrap(systemMachine());
    const s = new ConsoleSession(m);
    unwrap(s.waitFor(PROMPT, { maxInsns: 50_000_000 }));
    const i0 = m.icount;
    cpuStart();
    const t0 = now();
    s.send(`bench ${rounds}\n`);
    const w = s.waitFor(PROMPT, { maxInsns: 1e13 });
    const ms = now() - t0;
    const cpu = cpuMs();
    const text = w.ok ? w.value.text : w.error;
    const ok = w.ok && /rounds: ok/.test(text) && /exited with status 0/.test(text);
    out = { insns: Number(m.icount - i0), ms, cpu, ok, note: text.replace(/\r/g, '').split('\n').filter((l) => /^bench: \d+ kernels/.test(l)).join(' ') || text };
  } else if (kind === 'boot') {
    const c0 = now();
    const m = unwrap(systemMachine());
    const setup = now() - c0;
    const s = new ConsoleSession(m);
    cpuStart();
    const t0 = now();
    const w = s.waitFor(PROMPT, { maxInsns: 50_000_000 });
    const ms = now() - t0;
    const cpu = cpuMs();
    out = { insns: Number(m.icount), ms, cpu, ok: w.ok, note: `machine setup ${setup.toFixed(1)} ms (not counted)` };
  } else {
    throw new Error(`unknown benchmark ${kind}`);
  }
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

// ---------------------------------------------------------------- parent

function runChild(kind, rounds, wasm) {
  const env = { ...process.env };
  if (wasm) env.RVLAB_WASM = wasm;
  else delete env.RVLAB_WASM;
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', kind, '--rounds', String(rounds)], {
    env,
    encoding: 'utf8',
    maxBuffer: 1 << 24,
  });
  const line = r.stdout.trim().split('\n').pop();
  if (r.status !== 0 || !line?.startsWith('{')) throw new Error(`${kind} failed (status ${r.status}): ${r.stderr.trim() || line}`);
  return JSON.parse(line);
}

function traceAvailable() {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rvlab.js'), 'trace-fork', '--help'], { encoding: 'utf8' });
  return r.status === 0;
}

function runTrace(wasm) {
  const env = { ...process.env };
  if (wasm) env.RVLAB_WASM = wasm;
  else delete env.RVLAB_WASM;
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [join(ROOT, 'bin', 'rvlab.js'), 'trace-fork', '--json'], { env, encoding: 'utf8', maxBuffer: 1 << 26 });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  let insns = NaN;
  try {
    insns = JSON.parse(r.stdout).insns;
  } catch {
    /* not JSON: no count */
  }
  return { insns, ms, ok: r.status === 0, note: r.status === 0 ? 'wall time including Node start' : r.stderr.trim().split('\n')[0] };
}

function patchedElf(dir, rounds) {
  const bytes = new Uint8Array(readFileSync(BENCH_ELF));
  const dv = new DataView(bytes.buffer);
  // ELF64 little-endian: find the symbol, then the section holding it.
  const shoff = Number(dv.getBigUint64(0x28, true));
  const shentsize = dv.getUint16(0x3a, true);
  const shnum = dv.getUint16(0x3c, true);
  const sh = (i) => {
    const b = shoff + i * shentsize;
    return {
      type: dv.getUint32(b + 4, true), addr: dv.getBigUint64(b + 16, true), offset: Number(dv.getBigUint64(b + 24, true)),
      size: Number(dv.getBigUint64(b + 32, true)), link: dv.getUint32(b + 40, true), entsize: Number(dv.getBigUint64(b + 56, true)),
    };
  };
  let value;
  for (let i = 0; i < shnum && value === undefined; i++) {
    const s = sh(i);
    if (s.type !== 2) continue; // SHT_SYMTAB
    const str = sh(s.link);
    for (let o = s.offset; o < s.offset + s.size; o += s.entsize) {
      let n = str.offset + dv.getUint32(o, true);
      let name = '';
      while (bytes[n]) name += String.fromCharCode(bytes[n++]);
      if (name === ROUNDS_SYMBOL) {
        value = dv.getBigUint64(o + 8, true);
        break;
      }
    }
  }
  if (value === undefined) throw new Error(`no ${ROUNDS_SYMBOL} in ${BENCH_ELF}`);
  for (let i = 0; i < shnum; i++) {
    const s = sh(i);
    if (s.type === 1 && value >= s.addr && value < s.addr + BigInt(s.size)) { // SHT_PROGBITS
      dv.setUint32(s.offset + Number(value - s.addr), rounds, true);
      const file = join(dir, `bench-${rounds}.elf`);
      writeFileSync(file, bytes);
      return file;
    }
  }
  throw new Error(`${ROUNDS_SYMBOL} is not in a PROGBITS section`);
}

function qemuVersion() {
  const r = spawnSync('qemu-system-riscv64', ['--version'], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.split('\n')[0].replace(/^QEMU emulator version /, '') : null;
}

function runQemu(elf) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync('qemu-system-riscv64', ['-M', 'virt', '-m', '128M', '-bios', 'none', '-nographic', '-cpu', 'rv64,f=false,d=false,v=false,h=false', '-kernel', elf], { encoding: 'latin1', timeout: 600_000, input: '' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  return { ms, ok: r.status === 0 && /rounds: ok/.test(r.stdout), out: r.stdout.trim() };
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const fmtInsns = (n) => (Number.isFinite(n) ? (n >= 1e6 ? `${(n / 1e6).toFixed(1)} M` : `${n}`) : '-');
const fmtMs = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(1)} ms`);
const fmtMips = (x) => (Number.isFinite(x) ? x.toFixed(1) : '-');

function table(rows, markdown) {
  const head = Object.keys(rows[0]);
  if (markdown) {
    const line = (cells) => `| ${cells.join(' | ')} |`;
    return [line(head), line(head.map(() => '---')), ...rows.map((r) => line(head.map((h) => r[h])))].join('\n');
  }
  const w = head.map((h) => Math.max(h.length, ...rows.map((r) => String(r[h]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(w[i])).join('  ').trimEnd();
  return [line(head), line(w.map((n) => '-'.repeat(n))), ...rows.map((r) => line(head.map((h) => r[h])))].join('\n');
}

async function main() {
  const o = parseArgs(process.argv.slice(2));
  if (o.child) return child(o.child, o.rounds);
  if (!existsSync(join(ROOT, 'dist', 'boot.js')) || !existsSync(join(ROOT, 'build', 'rvlab.wasm'))) usage('build first: npm run build');

  const want = (k) => !o.only || o.only.includes(k);
  const kinds = ['bare', 'bare-bp', 'user', 'boot', 'trace'].filter(want);
  const hasTrace = kinds.includes('trace') && traceAvailable();
  const qv = o.qemu && want('qemu') ? qemuVersion() : null;
  const cores = [{ name: 'rvlab', wasm: null }];
  if (o.baseline) cores.push({ name: 'baseline', wasm: o.baseline });

  const cpu = cpus();
  const machine = `${cpu[0]?.model.trim() ?? 'unknown CPU'}, ${cpu.length} cores, Node ${process.version}${qv ? `, QEMU ${qv}` : ''}`;
  process.stderr.write(`bench: ${machine}; ${o.runs} runs each, ${o.rounds} rounds${o.baseline ? `; baseline ${o.baseline}` : ''}\n`);

  // results[kind][core] = [{insns, ms, ok, note}]
  const results = {};
  for (let run = 0; run < o.runs; run++) {
    for (const kind of kinds) {
      if (kind === 'trace' && !hasTrace) continue;
      for (const c of cores) {
        const r = kind === 'trace' ? runTrace(c.wasm) : runChild(kind, kind === 'boot' ? 0 : o.rounds, c.wasm);
        ((results[kind] ??= {})[c.name] ??= []).push(r);
        const cpu = r.cpu !== undefined ? ` (cpu ${fmtMs(r.cpu)}, ${fmtMips(r.insns / r.cpu / 1000)} MIPS)` : '';
        process.stderr.write(`  ${kind} [${c.name}] run ${run + 1}: ${fmtInsns(r.insns)} insns, ${fmtMs(r.ms)}, ${fmtMips(r.insns / r.ms / 1000)} MIPS${cpu}${r.ok ? '' : `  FAILED: ${r.note}`}\n`);
        if (!r.ok) process.exitCode = 1;
      }
    }
  }

  let qemu = null;
  if (qv) {
    const dir = mkdtempSync(join(tmpdir(), 'rvlab-bench-'));
    try {
      const full = patchedElf(dir, o.rounds);
      const empty = patchedElf(dir, 0);
      const t = [], t0 = [];
      for (let run = 0; run < o.runs; run++) {
        const a = runQemu(full);
        const b = runQemu(empty);
        if (!a.ok || !b.ok) {
          process.stderr.write(`  qemu run ${run + 1} FAILED: ${a.out || b.out}\n`);
          process.exitCode = 1;
        }
        t.push(a.ms);
        t0.push(b.ms);
        process.stderr.write(`  qemu run ${run + 1}: ${fmtMs(a.ms)} (${fmtMs(b.ms)} with 0 rounds)\n`);
      }
      qemu = { ms: median(t), startMs: median(t0) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }

  const rows = [];
  const labels = {
    bare: `bare-metal bench.elf, ${o.rounds} rounds (M-mode)`,
    user: `/bin/bench ${o.rounds} under MenuOS (U-mode, Sv39)`,
    boot: 'boot to the MenuOS prompt',
    trace: 'rvlab trace-fork (wall incl. Node start)',
    'bare-bp': 'bare-metal, 16 breakpoints armed (never hit)',
  };
  const stat = (rs) => ({ insns: median(rs.map((r) => r.insns)), ms: median(rs.map((r) => r.ms)), mips: median(rs.map((r) => r.insns / r.ms / 1000)) });
  const bareMips = results.bare ? stat(results.bare.rvlab).mips : NaN;
  for (const kind of kinds) {
    if (!results[kind]) {
      if (kind === 'trace') rows.push({ benchmark: labels.trace, 'guest insns': '-', wall: '-', MIPS: '-', ...(o.baseline ? { baseline: '-', speedup: '-' } : {}), notes: 'rvlab trace-fork is not available in this build' });
      continue;
    }
    const cur = stat(results[kind].rvlab);
    const row = { benchmark: labels[kind], 'guest insns': kind === 'trace' ? '-' : fmtInsns(cur.insns), wall: fmtMs(cur.ms), MIPS: kind === 'trace' ? '-' : fmtMips(cur.mips) };
    if (o.baseline) {
      const base = stat(results[kind].baseline);
      row.baseline = kind === 'trace' ? fmtMs(base.ms) : `${fmtMips(base.mips)} MIPS`;
      row.speedup = `${(base.ms / cur.ms).toFixed(2)}x`;
    }
    let note = '';
    if (kind === 'user' && Number.isFinite(bareMips)) note = `${((cur.mips / bareMips) * 100).toFixed(0)}% of bare-metal MIPS`;
    if (kind === 'bare-bp') {
      const slow = median(results[kind].rvlab.map((r) => r.ms / r.plainMs - 1)) * 100;
      note = `${slow >= 0 ? '+' : ''}${slow.toFixed(1)}% time vs the same run without them, interleaved in one process`;
    }
    if (kind === 'boot') note = results.boot.rvlab[0].note;
    if (kind === 'trace') note = `${fmtInsns(cur.insns)} guest instructions traced (fork-new), boot included in the wall time`;
    row.notes = note;
    rows.push(row);
  }
  if (qemu && results.bare) {
    const insns = stat(results.bare.rvlab).insns;
    const qmips = insns / (qemu.ms - qemu.startMs) / 1000;
    rows.push({
      benchmark: `qemu-system-riscv64 -bios none, ${o.rounds} rounds`, 'guest insns': fmtInsns(insns), wall: fmtMs(qemu.ms), MIPS: fmtMips(qmips),
      ...(o.baseline ? { baseline: '-', speedup: '-' } : {}),
      notes: `wall incl. ${fmtMs(qemu.startMs)} QEMU start (MIPS without it); rvlab = ${((bareMips / qmips) * 100).toFixed(0)}% of QEMU`,
    });
  }
  process.stdout.write(`${table(rows, o.markdown)}\n\n${machine}; medians of ${o.runs} runs\n`);
}

main().catch((e) => {
  process.stderr.write(`bench: ${e.message}\n`);
  process.exit(1);
});
