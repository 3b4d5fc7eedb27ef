// The code of docs/context-and-tokens.md (typechecked; see test/docs/guides.test.ts).
import { callApi, createContext, defineEndpoint, getAccessToken, getTokenInfo, invalidateToken, memoryTokenStore, type WxContext } from '@wx/core'
import { getFollowers } from '@wx/user'

export function contexts() {
  const ctx = createContext({
    appid: 'wx1234567890abcdef',
    secret: process.env.WX_SECRET!,
    timeout: { json: 10_000, media: 60_000 }, // the whole call's deadline, retries included
    retry: { attempts: 3, baseDelay: 200, maxDelay: 5000 },
    hooks: {
      onTokenRefresh: (e) => console.log(`token ${e.reason}, valid until ${new Date(e.expiresAt).toISOString()}`),
      onRetry: (e) => console.log(`retry ${e.endpoint} after ${e.reason} in ${e.delay} ms`),
      onError: (e) => console.warn(`${e.endpoint}: ${e.error.code} ${e.error.message}`),
    },
  })
  return ctx
}

export function sharedStore() {
  const store = memoryTokenStore()
  const a = createContext({ appid: 'wx1234567890abcdef', secret: process.env.WX_SECRET!, tokenStore: store })
  const b = createContext({ appid: 'wx1234567890abcdef', secret: process.env.WX_SECRET!, tokenStore: store })
  return [a, b]
}

export async function perCall(ctx: WxContext) {
  const { data } = await getFollowers(ctx, undefined, { timeout: 3000 })

  const controller = new AbortController()
  setTimeout(() => controller.abort(), 1000)
  await getFollowers(ctx, undefined, { signal: controller.signal }) // throws wx/aborted after 1 s
  return data
}

export async function tokens(ctx: WxContext) {
  const token = await getAccessToken(ctx) // cached, refreshed ahead of expiry, one refresh at a time
  const { expiresAt } = await getTokenInfo(ctx)
  invalidateToken(ctx, token) // true if it was still the current one; the next call fetches a new one
  return expiresAt
}

// An endpoint the SDK does not wrap yet: the same pipeline (token, retries, errors) as every package.
const getCallbackIp = /* @__PURE__ */ defineEndpoint<{ ip_list: string[] }>({ method: 'GET', path: '/cgi-bin/getcallbackip', retry: 'read' })

export async function ownEndpoint(ctx: WxContext) {
  const { ip_list } = await callApi(ctx, getCallbackIp)
  return ip_list
}
