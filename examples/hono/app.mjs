// The Hono app: WeChat pushes on /wechat (@wx/server/hono) and POST /send that sends a customer-service
// text (@wx/message). Web APIs only, so the same app runs on Node (server.mjs), Deno, Bun or a Worker.
import { createContext, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { createPushHandler, createRouter, textReply } from '@wx/server'
import { honoPushHandler } from '@wx/server/hono'
import { Hono } from 'hono'

/**
 * @param {{ WX_APPID: string, WX_SECRET: string, WX_TOKEN: string, WX_AES_KEY?: string, WX_BASE_URL?: string }} env
 */
export function createApp(env) {
  const ctx = createContext({ appid: env.WX_APPID, secret: env.WX_SECRET, ...(env.WX_BASE_URL ? { baseURL: env.WX_BASE_URL } : {}) })
  const push = createPushHandler({
    token: env.WX_TOKEN,
    appid: env.WX_APPID,
    ...(env.WX_AES_KEY ? { encodingAESKey: env.WX_AES_KEY } : {}),
    onMessage: createRouter()
      .on('text', (m) => textReply(`You said: ${m.Content}`))
      .on('subscribe', () => 'Welcome!'),
    onError: (e) => console.warn('push rejected or failed:', e.message),
  })

  const app = new Hono()
  app.all('/wechat', honoPushHandler(push))
  app.post('/send', async (c) => {
    const body = await c.req.json().catch(() => undefined)
    const { openid, text } = body ?? {}
    if (typeof openid !== 'string' || typeof text !== 'string') return c.json({ error: 'openid and text are required strings' }, 400)
    try {
      await sendText(ctx, openid, text)
      return c.json({ ok: true })
    } catch (e) {
      // WxError messages never contain the secret or the access token.
      if (isWxError(e)) return c.json({ error: e.code, errcode: e.errcode, message: e.message }, e.code === 'wx/validation' ? 400 : 502)
      throw e
    }
  })
  return app
}
