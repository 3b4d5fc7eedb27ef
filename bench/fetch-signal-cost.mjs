// Reference measurement for ../shared/bench (copied next to run.mjs by run-wx.mjs): what an AbortSignal
// costs Node's fetch per call, with no SDK at all: bare fetch() of the sendText request against the harness's
// mock, without a signal and with a per-call AbortController + timeout (what any abortable call needs),
// alternated over 6 rounds of 5,000 calls at concurrency 50. Prints CPU µs per call and the ratio.
//   node bench/run-wx.mjs fetch-signal-cost
import { startMockProcess } from './lib/mock-process.mjs'
const mock = await startMockProcess({})
const { APPID, SECRET } = await import('./lib/config.mjs')
const tok = await (await fetch(`${mock.url}/cgi-bin/token?grant_type=client_credential&appid=${APPID}&secret=${SECRET}`)).json()
const url = `${mock.url}/cgi-bin/message/custom/send?access_token=${tok.access_token}`
const body = JSON.stringify({ touser: 'oBENCH', msgtype: 'text', text: { content: 'hi' } })
const variants = {
  none: () => fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' } }),
  signal: () => { const ac = new AbortController(); const t = setTimeout(() => ac.abort(), 15000); return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/json' }, signal: ac.signal }).finally(() => clearTimeout(t)) },
}
const run = async (f, n) => { let i = 0; const c0 = process.cpuUsage(); await Promise.all(Array.from({ length: 50 }, async () => { while (i++ < n) await (await f()).text() })); const c = process.cpuUsage(c0); return (c.user + c.system) / n }
for (const f of Object.values(variants)) await run(f, 3000)
const res = { none: [], signal: [] }
for (let r = 0; r < 6; r++) for (const [k, f] of Object.entries(variants)) res[k].push(await run(f, 5000))
const med = (xs) => xs.sort((a, b) => a - b)[xs.length >> 1]
const paired = res.signal.map((x, i) => x / res.none[i]) // each round's two runs back to back
console.log(JSON.stringify({ noneUs: Math.round(med([...res.none])), signalUs: Math.round(med([...res.signal])), ratioPerRound: paired.map((r) => +r.toFixed(2)), ratio: +med([...paired]).toFixed(2) }))
await mock.stop(); process.exit(0)
