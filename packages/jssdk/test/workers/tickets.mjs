// One process of the multi-process ticket test (started by ../multiproc.test.ts, never by hand):
//   node tickets.mjs '<json config>'
// Imports the BUILT packages, builds a context on a shared Redis store, says 'ready', waits for 'go',
// fires `calls` concurrent getJsConfig, reports { ok, failed, codes } and exits.
// Bounded: exits by itself after 30 s or when the parent goes away.
import { boundChild, loadDist } from '../../../../test/workers/child.mjs'

const cfg = JSON.parse(process.argv[2])
boundChild(30_000)
const load = loadDist
const { createContext } = await load('core')
const { getJsConfig } = await load('jssdk')
const { redisTokenStore } = await load('store-redis')
const { default: Redis } = await import('ioredis')
const client = new Redis(cfg.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
await client.connect()
const ctx = createContext({ appid: cfg.appid, secret: cfg.secret, baseURL: cfg.baseURL, tokenStore: redisTokenStore(client) })

process.once('message', async (m) => {
  if (m !== 'go') return
  const res = await Promise.all(
    Array.from({ length: cfg.calls }, (_, i) => getJsConfig(ctx, { url: `https://example.com/p/${process.pid}/${i}`, jsApiList: ['chooseImage'] }).then(() => null, (e) => e?.code ?? String(e?.message ?? e))),
  )
  const codes = res.filter((r) => r !== null)
  client.disconnect()
  process.send({ ok: res.length - codes.length, failed: codes.length, codes: [...new Set(codes)] }, () => process.exit(0))
})
process.send('ready')
