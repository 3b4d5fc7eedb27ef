// Reference measurement for ../shared/bench (copied next to run.mjs by run-wx.mjs): what an AbortSignal
// costs Node's fetch per call, with no SDK at all: bare fetch() of the sendText request against the harness's
// mock, alternated over 6 rounds of 5,000 calls at concurrency 50, client CPU µs per call. Variants:
//   none      no signal (what raw fetch does)
//   signal    a per-call AbortController + timeout, its signal handed to fetch (what any abortable call needs)
//   ctl-only  the same controller + timeout made and cleared, but not handed to fetch: our own share
//   timeout   AbortSignal.timeout(15000) handed to fetch (no controller of ours): undici's share alone
//   manual    `signal` plus `redirect: 'manual'` (what fetchTransport sends since it follows no redirect)
// Prints the median CPU per call and each variant's median paired ratio to `none`; signal − ctl-only is
// what undici's handling of a signal costs (it follows the signal with its own controller, a WeakRef and a
// FinalizationRegistry entry per request).
//   node bench/run-wx.mjs fetch-signal-cost
import { startMockProcess } from './lib/mock-process.mjs'
const mock = await startMockProcess({})
const { APPID, SECRET } = await import('./lib/config.mjs')
const tok = await (await fetch(`${mock.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)).json()
const url = `${mock.url}/cgi-bin/message/custom/send?access_token=${tok.access_token}`
const body = JSON.stringify({ touser: 'oBENCH', msgtype: 'text', text: { content: 'hi' } })
const headers = { 'content-type': 'application/json' }
const variants = {
  none: () => fetch(url, { method: 'POST', body, headers }),
  signal: () => { const ac = new AbortController(); const t = setTimeout(() => ac.abort(), 15000); return fetch(url, { method: 'POST', body, headers, signal: ac.signal }).finally(() => clearTimeout(t)) },
  'ctl-only': () => { const ac = new AbortController(); const t = setTimeout(() => ac.abort(), 15000); return fetch(url, { method: 'POST', body, headers }).finally(() => clearTimeout(t)) },
  timeout: () => fetch(url, { method: 'POST', body, headers, signal: AbortSignal.timeout(15000) }),
  manual: () => { const ac = new AbortController(); const t = setTimeout(() => ac.abort(), 15000); return fetch(url, { method: 'POST', body, headers, signal: ac.signal, redirect: 'manual' }).finally(() => clearTimeout(t)) },
}
const run = async (f, n) => { let i = 0; const c0 = process.cpuUsage(); await Promise.all(Array.from({ length: 50 }, async () => { while (i++ < n) await (await f()).text() })); const c = process.cpuUsage(c0); return (c.user + c.system) / n }
for (const f of Object.values(variants)) await run(f, 3000)
const res = Object.fromEntries(Object.keys(variants).map((k) => [k, []]))
for (let r = 0; r < 6; r++) for (const [k, f] of Object.entries(variants)) res[k].push(await run(f, 5000))
const med = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1]
const out = {}
for (const k of Object.keys(variants)) {
  const paired = res[k].map((x, i) => x / res.none[i]) // each round's runs back to back
  out[k] = { us: Math.round(med(res[k])), ratio: +med(paired).toFixed(3), ratioPerRound: paired.map((r) => +r.toFixed(2)) }
}
for (const [k, o] of Object.entries(out)) console.log(`${k.padEnd(9)} ${String(o.us).padStart(4)} µs/call  × none ${o.ratio.toFixed(2)}  by round ${o.ratioPerRound.join(' ')}`)
await mock.stop(); process.exit(0)
