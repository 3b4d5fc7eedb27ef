#!/usr/bin/env node
// Measures @wx/* side by side with the reference clients on the shared harness (../shared/bench):
// copies the harness to a scratch folder, adds our adapter (clients/wx.mjs, entries/wx.mjs) pointing at
// this repo's built packages, installs the harness's pinned dependencies with npm, and runs it.
//   node bench/run-wx.mjs                      # everything: run-all with raw-http, raw-fetch, co-wechat-api, wx
//   node bench/run-wx.mjs all --rounds 3       # the same with run-all options
//   node bench/run-wx.mjs wx herd              # one scenario for one client (run.mjs arguments)
// Needs `pnpm build` first and the npm registry. Prints ratios against raw-http (run-all's reference).
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
for (const [from, to] of [['wx-client.mjs', 'clients/wx.mjs'], ['wx-entry.mjs', 'entries/wx.mjs']])
  writeFileSync(join(dir, to), readFileSync(join(here, from), 'utf8').replaceAll('WX_DIST', dist));
execFileSync('chmod', ['-R', 'u+w', dir]);
console.error(`harness copied to ${dir}; installing its dependencies...`);
execFileSync('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir, stdio: 'inherit' });

const args = process.argv.slice(2);
if (args.length && args[0] !== 'all') execFileSync('node', ['run.mjs', ...args], { cwd: dir, stdio: 'inherit' });
else {
  const extra = args.slice(1);
  execFileSync('node', ['run-all.mjs', '--clients', 'raw-http,raw-fetch,co-wechat-api,wx', '--ref', 'raw-http', ...extra], { cwd: dir, stdio: 'inherit' });
  console.log(readFileSync(join(dir, 'results/latest.md'), 'utf8'));
}
