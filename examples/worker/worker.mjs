// A Cloudflare Worker (module syntax). Bindings (secrets): WX_APPID, WX_SECRET, WX_TOKEN, WX_AES_KEY;
// WX_BASE_URL optional (the test points it at the fake WeChat).
//   /wechat      WeChat's pushes. A text is answered at once (`success`, well inside WeChat's 5 s) and the
//                answer goes out afterwards as a customer-service message, kept alive by ctx.waitUntil.
//   POST /send   { openid, text }: answers 202 at once, the send runs under ctx.waitUntil.
import { createContext, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { createPushHandler, createRouter, replyLater } from '@wx/server'

/** One context and handler per isolate and bindings object, so the access token is cached between requests. */
let cached

function setup(env) {
  if (cached?.env === env) return cached
  const ctx = createContext({ appid: env.WX_APPID, secret: env.WX_SECRET, ...(env.WX_BASE_URL ? { baseURL: env.WX_BASE_URL } : {}) })
  const handler = createPushHandler({
    token: env.WX_TOKEN,
    appid: env.WX_APPID,
    ...(env.WX_AES_KEY ? { encodingAESKey: env.WX_AES_KEY } : {}),
    onMessage: createRouter()
      // replyLater answers `success` now and sends under the waitUntil of the ctx given to handler().
      .on('text', (m, push) => replyLater(ctx, push, () => `You said: ${m.Content}`))
      .on('subscribe', () => 'Welcome!'),
    onError: (e) => console.warn('push rejected or failed:', e.message),
  })
  cached = { env, ctx, handler }
  return cached
}

export default {
  async fetch(request, env, ctx) {
    const { pathname } = new URL(request.url)
    const app = setup(env)
    if (pathname === '/wechat') return app.handler(request, ctx)
    if (pathname === '/send' && request.method === 'POST') {
      const { openid, text } = (await request.json().catch(() => undefined)) ?? {}
      if (typeof openid !== 'string' || typeof text !== 'string' || text === '') {
        return Response.json({ error: 'openid and text are required, non-empty strings' }, { status: 400 })
      }
      ctx.waitUntil(
        sendText(app.ctx, openid, text).catch((e) => {
          // WxError messages never contain the secret or the access token.
          console.warn('send failed:', isWxError(e) ? `${e.code} ${e.errcode ?? ''} ${e.message}` : e)
        }),
      )
      return Response.json({ accepted: true }, { status: 202 })
    }
    return new Response('not found', { status: 404 })
  },
}
