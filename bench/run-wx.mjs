#!/usr/bin/env node
// Measures @wx/* side by side with the reference clients on the shared harness (../shared/bench):
// copies the harness to a scratch folder, adds our adapter (clients/wx.mjs, entries/wx.mjs) pointing at
// this repo's built packages, installs the harness's pinned dependencies with npm, and runs it.
//   node bench/run-wx.mjs                      # everything: run-all with raw-http, raw-fetch, co-wechat-api, wx, wx-node
//   node bench/run-wx.mjs all --rounds 3       # the same with run-all options
//   node bench/run-wx.mjs wx herd              # one scenario for one client (run.mjs arguments)
//   node bench/run-wx.mjs all --clients raw-http,wx-node --scenarios throughput   # a subset
//   node bench/run-wx.mjs all --clients wx-node,esm-floor,esm-floor-dep --scenarios coldstart --pairs 15
//        # cold start against its floors: esm-floor imports one empty ES module, esm-floor-dep one that imports
//        # a package through its "exports" map (bench/esm-floor*-client.mjs, bench/esm-floor/)
// Needs `pnpm build` first and the npm registry. Prints run-all's tables (ratios against raw-http), then
// the targets as ratios taken inside each round: wx-node against co-wechat-api and raw-http,
// wx against raw-fetch.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
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
  ['esm-floor-client.mjs', 'clients/esm-floor.mjs'],
  ['esm-floor-dep-client.mjs', 'clients/esm-floor-dep.mjs'],
];
for (const [from, to] of adapters)
  writeFileSync(join(dir, to), readFileSync(join(here, from), 'utf8').replaceAll('WX_DIST', dist).replaceAll('WX_BENCH', here));
execFileSync('chmod', ['-R', 'u+w', dir]);
console.error(`harness copied to ${dir}; installing its dependencies...`);
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });

const args = process.argv.slice(2);
if (args.length && args[0] !== 'all') execFileSync('node', ['run.mjs', ...args], { cwd: dir, stdio: 'inherit' });
else {
  const extra = args.slice(1);
  const clients = ['--clients', 'raw-http,raw-fetch,co-wechat-api,wx,wx-node'];
  execFileSync('node', ['run-all.mjs', ...clients, '--ref', 'raw-http', ...extra], { cwd: dir, stdio: 'inherit' });
  console.log(targets(JSON.parse(readFileSync(join(dir, 'results/latest.json'), 'utf8'))));
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
