// The code of docs/edge-and-serverless.md (typechecked; see test/docs/guides.test.ts). One file holds every
// platform, so each entry is a named export here; in an app it is the module's default export.
import { checkTtl, createContext, readStoredToken, type StoredToken, type TokenStore, type WxContext } from '@wx/core'
import { brokerTokenSource } from '@wx/broker'
import { sendText } from '@wx/message'
import { createPushHandler, replyLater, type PushHandler } from '@wx/server'
import { durableObjectDedupeStore, durableObjectTokenStore, type DurableObjectNamespaceLike } from '@wx/store-cloudflare'
import { redisTokenStore } from '@wx/store-redis'
import Redis from 'ioredis'

declare const waitUntil: (promise: Promise<unknown>) => void // `@vercel/functions` in a Vercel app
const lookup = async (q: string) => `no result for ${q}`

// Cloudflare Workers
interface Env {
  WX_APPID: string
  WX_SECRET: string
  WX_TOKEN: string
  WX_AES_KEY: string
  WX_TOKENS: DurableObjectNamespaceLike
}

let app: { ctx: WxContext; handler: PushHandler } | undefined

function setup(env: Env) {
  const ctx = createContext({ appid: env.WX_APPID, secret: env.WX_SECRET, tokenStore: durableObjectTokenStore(env.WX_TOKENS) })
  const handler = createPushHandler({
    token: env.WX_TOKEN,
    appid: env.WX_APPID,
    encodingAESKey: env.WX_AES_KEY,
    dedupe: durableObjectDedupeStore(env.WX_TOKENS), // WeChat's retries may reach another isolate
    onMessage(m, push) {
      if (m.type === 'text') return replyLater(ctx, push, () => lookup(m.Content))
    },
  })
  return { ctx, handler }
}

export { TokenStoreDurableObject } from '@wx/store-cloudflare'
export const worker = {
  async fetch(request: Request, env: Env, context: { waitUntil(p: Promise<unknown>): void }) {
    app ??= setup(env) // once per isolate: the bindings arrive with the first request
    const url = new URL(request.url)
    if (url.pathname === '/wechat') return app.handler(request, context) // replyLater runs in context.waitUntil
    if (url.pathname === '/notify' && request.method === 'POST') {
      const { openid, text } = (await request.json()) as { openid: string; text: string }
      context.waitUntil(sendText(app.ctx, openid, text)) // answer now, send after the response
      return new Response('queued', { status: 202 })
    }
    return new Response('not found', { status: 404 })
  },
}

// Vercel Edge Functions (app/wechat/route.ts)
const edgeCtx = createContext({
  appid: process.env.WX_APPID!,
  getAccessToken: brokerTokenSource(process.env.WX_BROKER_URL!, { appid: process.env.WX_APPID!, secret: process.env.WX_BROKER_SECRET! }),
})
const edgeHandler = createPushHandler({
  token: process.env.WX_TOKEN!,
  appid: process.env.WX_APPID!,
  encodingAESKey: process.env.WX_AES_KEY!,
  onMessage(m, push) {
    if (m.type === 'text') return replyLater(edgeCtx, push, () => lookup(m.Content))
  },
})

export const runtime = 'edge'
export const GET = (request: Request) => edgeHandler(request) // WeChat's URL check (echostr)
export const POST = (request: Request) => edgeHandler(request, { waitUntil }) // waitUntil from '@vercel/functions'

// Vercel Functions (Node.js runtime)
const redis = new Redis(process.env.REDIS_URL!) // created once, reused while the instance is warm
const fnCtx = createContext({ appid: process.env.WX_APPID!, secret: process.env.WX_SECRET!, tokenStore: redisTokenStore(redis) })

export async function notify(request: Request) {
  const { openid, text } = (await request.json()) as { openid: string; text: string }
  await sendText(fnCtx, openid, text) // awaited: a Function may be frozen once it has answered
  return Response.json({ ok: true })
}

// Deno Deploy
/** The part of `Deno.Kv` the store uses (`await Deno.openKv()` in Deno). */
interface DenoKvLike {
  get(key: string[]): Promise<{ value: unknown }>
  set(key: string[], value: unknown, options?: { expireIn?: number }): Promise<unknown>
}

export function denoKvTokenStore(kv: DenoKvLike): TokenStore {
  return {
    async get(key) {
      return readStoredToken((await kv.get(['wx', key])).value) ?? null
    },
    async set(key, token: StoredToken, ttlSeconds = 7200) {
      checkTtl(ttlSeconds)
      await kv.set(['wx', key], token, { expireIn: ttlSeconds * 1000 })
    },
  }
}

export function denoDeploy(kv: DenoKvLike) {
  const ctx = createContext({ appid: process.env.WX_APPID!, secret: process.env.WX_SECRET!, tokenStore: denoKvTokenStore(kv) })
  const handler = createPushHandler({
    token: process.env.WX_TOKEN!,
    appid: process.env.WX_APPID!,
    encodingAESKey: process.env.WX_AES_KEY!,
    onMessage(m, push) {
      if (m.type === 'text') return replyLater(ctx, push, () => lookup(m.Content))
    },
  })
  return { fetch: (request: Request) => handler(request) } // `export default` this for `deno serve`
}

// Bun
export function bun(handler: PushHandler) {
  return { port: 3000, fetch: (request: Request) => handler(request) } // `export default` this for `bun run`
}
