// `pnpm start` (node fleet.mjs): starts FLEET_SIZE (4) processes of member.mjs that share a Redis token
// store (REDIS_URL, default redis://127.0.0.1:6379), lets all of them send a text at the same moment,
// and reports how many token requests WeChat saw.
// Without WX_APPID/WX_SECRET it starts the bundled fake WeChat on 127.0.0.1 (no account needed) and a
// fresh fake appid per run (its Redis key is new). With them it talks to api.weixin.qq.com (set
// WX_OPENID to a follower who messaged the account in the last 48 h; the IP must be whitelisted).
import { fork } from 'node:child_process'

const { WX_APPID, WX_SECRET, WX_OPENID, REDIS_URL = 'redis://127.0.0.1:6379' } = process.env
const size = Number(process.env.FLEET_SIZE ?? 4)
const real = Boolean(WX_APPID && WX_SECRET)
const fake = real ? undefined : await (await import('@wx/testing')).createFakeWeChat({ appid: `wx_fleet_${crypto.randomUUID().slice(0, 8)}` })
const env = {
  ...process.env,
  REDIS_URL,
  WX_APPID: real ? WX_APPID : fake.appid,
  WX_SECRET: real ? WX_SECRET : fake.secret,
  ...(fake ? { WX_BASE_URL: fake.url, WX_OPENID: WX_OPENID ?? 'o_fleet_user' } : {}),
}
console.log(real ? `Fleet of ${size} processes for ${WX_APPID}, tokens in ${REDIS_URL}` : `Fleet of ${size} processes against the fake WeChat at ${fake.url}, tokens in ${REDIS_URL}`)

const members = Array.from({ length: size }, (_, i) => fork(new URL('./member.mjs', import.meta.url), [], { env: { ...env, FLEET_MEMBER: String(i) } }))
const message = (child) => new Promise((resolve, reject) => {
  child.once('message', resolve)
  child.once('exit', (code) => reject(new Error(`a member exited with ${code} before answering`)))
})
let failed = 0
try {
  await Promise.all(members.map(message))
  const results = members.map(message)
  for (const m of members) m.send('go')
  for (const r of await Promise.all(results)) if (!r.ok) (failed++, console.error(`member failed: ${r.error}`))
  console.log(`${size - failed} of ${size} members sent their text`)
  if (fake) console.log(`fake WeChat saw: ${fake.stats().tokenRequests} token request, ${fake.stats().deliveries} delivered messages`)
} finally {
  for (const m of members) if (m.exitCode === null) m.kill()
  await fake?.close()
}
process.exitCode = failed ? 1 : 0
