// One process of the multi-process token tests (started by ../_multiproc.ts, never by hand):
//   node burst.mjs '<json config>'
// Imports the BUILT packages, builds a context with the chosen shared store, says 'ready', waits for 'go',
// fires `calls` concurrent sendText, reports { ok, failed, codes, ms, storeErrors } and exits.
// Bounded: exits by itself after `maxMs` (default 30 s) or when the parent goes away.
import { boundChild, loadDist } from '../../../../test/workers/child.mjs'

const cfg = JSON.parse(process.argv[2])
boundChild(cfg.maxMs ?? 30_000)
const load = loadDist
const { createContext } = await load('core')
const { sendText } = await load('message')

let store
let close = async () => {}
if (cfg.store === 'ioredis' || cfg.store === 'node-redis') {
  const { redisTokenStore } = await load('store-redis')
  if (cfg.store === 'ioredis') {
    const { default: Redis } = await import('ioredis')
    const c = new Redis(cfg.url, { lazyConnect: true, enableOfflineQueue: false, maxRetriesPerRequest: 1 })
    await c.connect()
    store = redisTokenStore(c)
    close = async () => c.disconnect()
  } else {
    const { createClient } = await import('redis')
    const c = createClient({ url: cfg.url, disableOfflineQueue: true })
    await c.connect()
    store = redisTokenStore(c)
    close = async () => c.close().catch(() => {})
  }
} else if (cfg.store === 'file') {
  const { fileTokenStore } = await load('store-file')
  store = fileTokenStore(cfg.dir)
} else throw new Error(`unknown store ${cfg.store}`)

let storeErrors = 0
const ctx = createContext({
  appid: cfg.appid,
  secret: cfg.secret,
  baseURL: cfg.baseURL,
  tokenMode: cfg.tokenMode ?? 'legacy',
  tokenStore: store,
  ...(cfg.lockLease ? { lockLease: cfg.lockLease } : {}),
  hooks: { onStoreError: () => storeErrors++ },
})

process.once('message', async (m) => {
  if (m !== 'go') return
  const started = Date.now()
  const res = await Promise.all(
    Array.from({ length: cfg.calls }, (_, i) => sendText(ctx, `o_user_${process.pid}_${i}`, 'hi').then(() => null, (e) => e?.code ?? String(e?.message ?? e))),
  )
  const codes = res.filter((r) => r !== null)
  const report = { ok: res.length - codes.length, failed: codes.length, codes: [...new Set(codes)], ms: Date.now() - started, storeErrors }
  await close()
  process.send(report, () => process.exit(0))
})
process.send('ready')
