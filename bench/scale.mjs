// Scaling run for the shared harness (copied next to its run.mjs as scale.mjs by run-wx.mjs):
//   node --expose-gc scale.mjs CLIENT [--n 200000] [--slice 25000] [--concurrency 50]
// One client, one process, warm token, `n` sendText at concurrency C against the harness's mock, in slices.
// After each slice: CPU µs per call of that slice, then a full GC and the live heap, RSS and peak RSS.
// "Flat" means: no growth of the live heap (no listener, map, timer or closure kept per call) and CPU per
// call of the later slices no higher than the first ones. Prints one JSON line.
// It is also a second, independent measuring loop: its first slice is compared with run.mjs's
// throughput figure for the same client (RESULTS.md, "Do the harnesses agree").
import { startMockProcess } from './lib/mock-process.mjs';
import { OPENID, TEXT } from './lib/config.mjs';

const [client, ...rest] = process.argv.slice(2);
const opts = {};
for (let i = 0; i < rest.length; i += 2) opts[rest[i].replace(/^--/, '')] = Number(rest[i + 1]);
const n = opts.n ?? 200_000;
const slice = opts.slice ?? 25_000;
const conc = opts.concurrency ?? 50;
if (!client || typeof globalThis.gc != 'function') {
  console.error('usage: node --expose-gc scale.mjs CLIENT [--n 200000] [--slice 25000] [--concurrency 50]');
  process.exit(2);
}
setTimeout(() => { console.error('scale.mjs: gave up after 600 s'); process.exit(3); }, 600_000).unref();

const { make } = await import(`./clients/${client}.mjs`);
const mock = await startMockProcess({});
const slices = [];
let errors = 0;
try {
  const c = await make(mock.url);
  await c.sendText(OPENID, TEXT); // the token
  let next = 0;
  await Promise.all(Array.from({ length: conc }, async () => { while (next++ < 2000) await c.sendText(OPENID, TEXT); })); // JIT warm-up
  for (let done = 0; done < n; done += slice) {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    let i = 0;
    await Promise.all(Array.from({ length: conc }, async () => {
      while (i++ < slice) await c.sendText(OPENID, TEXT).catch(() => errors++);
    }));
    const wallMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    globalThis.gc();
    globalThis.gc();
    const m = process.memoryUsage();
    slices.push({
      calls: done + slice,
      callsPerSec: Math.round(slice / (wallMs / 1000)),
      cpuUsPerCall: Math.round((cpu.user + cpu.system) / slice),
      heapMB: Math.round((m.heapUsed / 2 ** 20) * 10) / 10,
      rssMB: Math.round(m.rss / 2 ** 20),
      peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    });
    process.stderr.write(`. ${client} ${done + slice}\n`);
  }
} finally {
  await mock.stop();
}
console.log(JSON.stringify({ client, scenario: 'scale', node: process.version, n, slice, concurrency: conc, errors, slices }));
process.exit(0);
