#!/usr/bin/env node
// Measures @wx/* side by side with the reference clients on the shared harness (../shared/bench):
// copies the harness to a scratch folder, adds our adapter (clients/wx.mjs, entries/wx.mjs) pointing at
// this repo's built packages, installs the harness's pinned dependencies with npm, and runs it.
//   node bench/run-wx.mjs                      # everything: run-all with raw-http, raw-fetch, co-wechat-api, wx, wx-node,
//                                              # then the scaling run (bench/scale.mjs), and writes bench/RESULTS.md
//   node bench/run-wx.mjs all --rounds 3       # the same with run-all options (--scale-n 50000, --write no: ours)
//   node bench/run-wx.mjs wx herd              # one scenario for one client (run.mjs arguments)
//   node bench/run-wx.mjs scale wx-node --n 50000   # the scaling run for one client
//   node bench/run-wx.mjs fetch-signal-cost          # what an AbortSignal costs bare fetch per call
//   node bench/run-wx.mjs all --clients raw-http,wx-node --scenarios throughput --scale-n 0 --write no   # a subset
// Needs `pnpm build` first and the npm registry. Prints run-all's tables (ratios against raw-http), the
// issue's targets as ratios taken inside each round (wx-node against co-wechat-api and raw-http, wx against
// raw-fetch), the scaling table and whether the two measuring loops agree; writes them to bench/RESULTS.md
// (the part above its end marker; the notes below it are kept).
//   node bench/run-wx.mjs all --clients wx-node,esm-floor,esm-floor-dep --scenarios coldstart --pairs 15
//        # cold start against its floors: esm-floor imports one empty ES module, esm-floor-dep one that imports
//        # a package through its "exports" map (bench/esm-floor*-client.mjs, bench/esm-floor/)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '..');
const shared = [process.env.WX_SHARED_BENCH, resolve(repo, '../shared/bench')].find((p) => p && existsSync(p));
if (!shared) throw new Error('shared bench harness not found: set WX_SHARED_BENCH to ../shared/bench');
for (const p of ['core', 'message', 'menu'])
  if (!existsSync(join(repo, 'packages', p, 'dist/index.js'))) throw new Error(`packages/${p} is not built: run pnpm build`);

const dir = mkdtempSync(join(tmpdir(), 'wx-bench-'));
cpSync(shared, dir, { recursive: true });
const dist = join(repo, 'packages');
const adapters = [
  ['wx-client.mjs', 'clients/wx.mjs'],
  ['wx-entry.mjs', 'entries/wx.mjs'],
  ['wx-node-client.mjs', 'clients/wx-node.mjs'],
  ['wx-node-entry.mjs', 'entries/wx-node.mjs'],
  ['scale.mjs', 'scale.mjs'],
  ['fetch-signal-cost.mjs', 'fetch-signal-cost.mjs'],
  ['esm-floor-client.mjs', 'clients/esm-floor.mjs'],
  ['esm-floor-dep-client.mjs', 'clients/esm-floor-dep.mjs'],
];
for (const [from, to] of adapters)
  writeFileSync(join(dir, to), readFileSync(join(here, from), 'utf8').replaceAll('WX_DIST', dist).replaceAll('WX_BENCH', here));
execFileSync('chmod', ['-R', 'u+w', dir]);
console.error(`harness copied to ${dir}; installing its dependencies...`);
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });

const argv = process.argv.slice(2);
// Our own options (the rest goes to run-all.mjs): --scale-n N (calls per client in the scaling run, 0 = skip),
// --write no (print only, leave bench/RESULTS.md alone).
const own = { 'scale-n': '200000', write: 'yes', clients: 'raw-http,raw-fetch,co-wechat-api,wx,wx-node' };
const args = [];
for (let i = 0; i < argv.length; i++) {
  const k = argv[i].replace(/^--/, '');
  if (argv[i].startsWith('--') && k in own) own[k] = argv[++i];
  else args.push(argv[i]);
}
const clients = own.clients.split(',');
if (args.length && args[0] !== 'all') {
  // One scenario for one client: run.mjs arguments, or `scale CLIENT [--n N]`.
  const [first, ...more] = args;
  if (first === 'scale') execFileSync('node', ['--expose-gc', 'scale.mjs', ...more], { cwd: dir, stdio: 'inherit' });
  else if (first === 'fetch-signal-cost') execFileSync('node', ['fetch-signal-cost.mjs'], { cwd: dir, stdio: 'inherit' });
  else execFileSync('node', ['run.mjs', first, ...more], { cwd: dir, stdio: 'inherit' });
} else {
  const load0 = loadavg();
  const t0 = Date.now();
  // Cold start runs on its own, with the two floors (esm-floor, esm-floor-dep) rotated in the same rounds;
  // they are cold-start references only, so every other scenario runs without them.
  const rest = args.slice(1);
  const si = rest.indexOf('--scenarios');
  const scenarios = si >= 0 ? rest.splice(si, 2)[1].split(',') : ['throughput', 'herd', 'retry', 'multiproc', 'coldstart', 'bundle'];
  const parts = [
    [clients, scenarios.filter((x) => x !== 'coldstart')],
    [[...clients, 'esm-floor', 'esm-floor-dep'], scenarios.filter((x) => x === 'coldstart')],
  ].filter(([, sc]) => sc.length);
  const run = { results: [] };
  const tables = [];
  for (const [cs, sc] of parts) {
    execFileSync('node', ['run-all.mjs', '--clients', cs.join(','), '--scenarios', sc.join(','), '--ref', 'raw-http', ...rest], { cwd: dir, stdio: 'inherit' });
    run.results.push(...JSON.parse(readFileSync(join(dir, 'results/latest.json'), 'utf8')).results);
    tables.push(readFileSync(join(dir, 'results/latest.md'), 'utf8').trim());
  }
  const scale = [];
  if (+own['scale-n'] > 0)
    for (const c of clients) {
      const out = execFileSync('node', ['--expose-gc', 'scale.mjs', c, '--n', own['scale-n']], { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
      scale.push(JSON.parse(out.trim().split('\n').pop()));
    }
  const setup = `\`node bench/run-wx.mjs ${argv.join(' ')}\``.replace(' `', '`');
  const report = [
    `Command: ${setup}. Machine: ${cpus().length} cores (${cpus()[0]?.model?.trim()}), ${Math.round(totalmem() / 2 ** 30)} GiB, ` +
      `Node ${process.version}, ${new Date(t0).toISOString().slice(0, 16).replace('T', ' ')} UTC, ${Math.round((Date.now() - t0) / 60_000)} min. ` +
      `Load average (1 min) before/after: ${load0[0].toFixed(1)} / ${loadavg()[0].toFixed(1)}.`,
    '',
    ...tables.flatMap((t) => [t, '']),
    '',
    targets(run),
    scaleTables(scale, run),
  ].join('\n');
  console.log(report);
  if (own.write !== 'no') writeResults(report);
}

/** Replaces the generated part of bench/RESULTS.md (up to the end marker), keeping the notes after it. */
function writeResults(report) {
  const file = join(here, 'RESULTS.md');
  const END = '<!-- end of the generated part: notes below are kept by pnpm bench -->';
  const old = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const notes = old.includes(END) ? old.slice(old.indexOf(END) + END.length) : '\n';
  const head = [
    '# Bench results',
    '',
    'Written by `pnpm bench` (`node bench/run-wx.mjs all`): the shared harness (`../shared/bench`) with raw',
    '`node:http`, raw `fetch`, co-wechat-api, `wx` (default transport, the platform fetch) and `wx-node`',
    '(`nodeTransport()` from `@wx/core/node`), clients rotated from round to round, ratios taken inside a',
    'round (reference: raw `node:http`), then the scaling run (`bench/scale.mjs`). Compare ratios, not',
    'absolute figures, when the load average is high.',
    '',
  ].join('\n');
  writeFileSync(file, `${head}\n${report}\n\n${END}${notes}`);
  console.error(`wrote ${file}`);
}

/** Scaling (CPU per call and memory by slice) and the agreement of the two measuring loops. */
function scaleTables(scale, run) {
  if (!scale.length) return '';
  const slices = scale[0].slices.map((x) => x.calls);
  const by = Object.fromEntries(scale.map((s) => [s.client, s]));
  const med = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const thr = {};
  for (const r of run.results) if (r.scenario === 'throughput' && !r.error) (thr[r.client] ??= []).push(r.cpuUsPerCall);
  const k = (n) => (n >= 1000 ? `${n / 1000}k` : n);
  const rows = scale.map((s) => {
    const first = s.slices[0], last = s.slices.at(-1);
    const half = Math.max(1, s.slices.length >> 1);
    const cpuLate = med(s.slices.slice(-half).map((x) => x.cpuUsPerCall)) / med(s.slices.slice(0, half).map((x) => x.cpuUsPerCall));
    return `| ${s.client} | ${s.slices.map((x) => x.cpuUsPerCall).join(' / ')} | ${cpuLate.toFixed(2)} | ${first.heapMB} → ${last.heapMB} | ${first.rssMB} → ${last.rssMB} | ${s.slices.find((x) => x.calls >= 50_000)?.peakRssMB ?? '–'} | ${last.peakRssMB} | ${s.errors} |`;
  });
  const ref = by['raw-http'];
  const agree = scale.map((s) => {
    const a = med(thr[s.client] ?? []), b = s.slices[0].cpuUsPerCall;
    const ra = a / med(thr['raw-http'] ?? []), rb = ref ? b / ref.slices[0].cpuUsPerCall : NaN;
    return `| ${s.client} | ${Number.isFinite(a) ? Math.round(a) : '–'} | ${b} | ${Number.isFinite(ra) ? ra.toFixed(2) : '–'} | ${Number.isFinite(rb) ? rb.toFixed(2) : '–'} |`;
  });
  return [
    `### Scale: ${k(scale[0].n)} sendText per client in slices of ${k(scale[0].slice)}, concurrency ${scale[0].concurrency}, one process per client (\`bench/scale.mjs\`)`,
    '',
    `CPU µs per call of each slice (${slices.map(k).join(', ')} calls); live heap and RSS after a full GC, first → last slice; peak RSS.`,
    '',
    '| client | CPU µs/call by slice | later half / first half | live heap MB | RSS MB | peak RSS MB at 50k | peak RSS MB at end | errors |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
    '### Do the harnesses agree: CPU µs per call, shared harness throughput (median of rounds) against the scaling loop\'s first slice',
    '',
    '| client | run.mjs throughput | scale.mjs first slice | × raw-http (run.mjs) | × raw-http (scale.mjs) |',
    '|---|---|---|---|---|',
    ...agree,
    '',
  ].join('\n');
}

/** The targets, each a ratio of two clients in the same round; median (min–max) over rounds. */
function targets(run) {
  const per = (scenario) => {
    const by = {};
    for (const r of run.results) if (r.scenario === scenario && !r.error) (by[r.client] ??= []).push(r);
    return by;
  };
  const T = per('throughput');
  const med = (xs) => { const s = xs.filter(Number.isFinite).sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const f = (xs) => (xs.length ? `${med(xs).toFixed(2)} (${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)})` : '–');
  const ratio = (a, b, key) => (T[a] && T[b] ? T[a].map((r, i) => r[key] / T[b][i]?.[key]).filter(Number.isFinite) : []);
  const rows = [
    ['wx-node / co-wechat-api', 'calls/s ≥ 1', ratio('wx-node', 'co-wechat-api', 'callsPerSec')],
    ['wx-node / co-wechat-api', 'CPU µs/call ≤ 1', ratio('wx-node', 'co-wechat-api', 'cpuUsPerCall')],
    ['wx-node / raw-http', 'CPU µs/call ≤ 1.1 (stretch)', ratio('wx-node', 'raw-http', 'cpuUsPerCall')],
    ['wx-node / raw-http', 'calls/s', ratio('wx-node', 'raw-http', 'callsPerSec')],
    ['wx / raw-fetch', 'CPU µs/call ≤ 1.1', ratio('wx', 'raw-fetch', 'cpuUsPerCall')],
    ['wx-node / wx', 'CPU µs/call', ratio('wx-node', 'wx', 'cpuUsPerCall')],
  ];
  const C = per('coldstart');
  const added = (c) => (C[c] ?? []).map((r) => r.addedMs);
  const overFloor = (c) => (C[c] && C['esm-floor'] ? C[c].map((r, i) => r.addedMs - C['esm-floor'][i]?.addedMs).filter(Number.isFinite) : []);
  return [
    '### Targets (ratios inside each round; median (min–max) over rounds)',
    '',
    '| pair | figure, target | ratio |',
    '|---|---|---|',
    ...rows.map(([pair, what, xs]) => `| ${pair} | ${what} | ${f(xs)} |`),
    `| wx-node | cold start, added ms over bare node ≤ 3 | ${f(added('wx-node'))} |`,
    `| wx | cold start, added ms over bare node (touches fetch) | ${f(added('wx'))} |`,
    `| esm-floor | cold start, added ms of one empty ES module import (Node's ESM loader; the floor) | ${f(added('esm-floor'))} |`,
    `| esm-floor-dep | cold start, added ms of a module importing one package (+ Node's first package-exports resolution) | ${f(added('esm-floor-dep'))} |`,
    `| wx-node − esm-floor | cold start, added ms over the floor, same round | ${f(overFloor('wx-node'))} |`,
    '',
  ].join('\n');
}
