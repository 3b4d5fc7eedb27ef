// One process of the fleet (started by fleet.mjs; in production: one container, one machine, one
// serverless instance). Its context keeps the access token in Redis, so every process of the fleet uses
// one token and only one of them asks WeChat for it.
import { createContext } from '@wx/core'
import { sendText } from '@wx/message'
import { redisTokenStore } from '@wx/store-redis'
import Redis from 'ioredis'

const { WX_APPID, WX_SECRET, WX_BASE_URL, WX_OPENID, REDIS_URL, FLEET_MEMBER = '0' } = process.env
// No offline queue: with Redis down, store calls fail at once and the SDK goes on with its own token.
const redis = new Redis(REDIS_URL, { enableOfflineQueue: false, maxRetriesPerRequest: 1 })
await new Promise((resolve, reject) => {
  redis.once('ready', resolve)
  redis.once('error', reject)
})

const ctx = createContext({
  appid: WX_APPID,
  secret: WX_SECRET,
  ...(WX_BASE_URL ? { baseURL: WX_BASE_URL } : {}),
  tokenStore: redisTokenStore(redis),
  hooks: {
    onTokenRefresh: (e) => console.log(`member ${FLEET_MEMBER}: fetched a token from WeChat (${e.reason})`),
    onStoreError: (e) => console.warn(`member ${FLEET_MEMBER}: token store failed, using its own token: ${e.error.message}`),
  },
})

// Ready: wait for the launcher's `go`, so every member asks for the token at the same moment.
process.send?.('ready')
await new Promise((resolve) => process.once('message', resolve))
try {
  if (WX_OPENID) await sendText(ctx, WX_OPENID, `Hello from fleet member ${FLEET_MEMBER}`)
  process.send?.({ ok: true })
} catch (e) {
  process.send?.({ ok: false, error: `${e.code ?? ''} ${e.message}` })
  process.exitCode = 1
} finally {
  redis.disconnect()
  process.disconnect?.()
}
