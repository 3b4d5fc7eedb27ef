// Run by runtimes.test.ts in Deno and Bun: sends through the packages against the fake WeChat, whose next
// sends are executed and then reset on a reused keep-alive connection. Prints one JSON line.
import { createContext, isWxError } from '@wx/core'
import { sendText } from '@wx/message'

const [base, appid, secret, mode] = globalThis.Deno?.args ?? process.argv.slice(2)
const control = (c) => fetch(`${base}/__fake/control`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(c) }).then((r) => r.text())
const stats = () => fetch(`${base}/__fake/stats`).then((r) => r.json())
// 'plain': the runtime's own fetch for everything (what the SDK did before); 'default': the SDK's transport.
const transport = mode === 'plain' ? { transport: ({ url, method, headers, body, signal }) => fetch(url, { method, headers, body, signal }) } : {}
const ctx = createContext({ appid, secret, baseURL: base, timeout: 5000, ...transport })
await sendText(ctx, 'o_user', 'warm-up') // token and a first send: keep-alive connections exist now
await control({ action: 'fail', what: 'reset', n: 3, path: '/cgi-bin/message/custom/send' })
let outcome
try {
  await sendText(ctx, 'o_user', 'once')
  outcome = 'resolved'
} catch (e) {
  outcome = isWxError(e) ? e.code : String(e)
}
const s = await stats()
console.log(JSON.stringify({ outcome, deliveries: s.deliveries, sends: s.calls['/cgi-bin/message/custom/send'] }))
