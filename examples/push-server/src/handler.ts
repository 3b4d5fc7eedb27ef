import { createContext } from '@wx/core'
import { createPushHandler, createRouter, replyLater, textReply, type PushHandler } from '@wx/server'

/** Configuration, from env vars (Node) or Worker bindings. */
export interface Env {
  WX_TOKEN: string
  WX_APPID: string
  /** The EncodingAESKey; leave unset for plaintext mode. */
  WX_AES_KEY?: string
  /** Only needed for `replyLater` (customer-service messages). */
  WX_SECRET?: string
  /** API host override (tests point it at the fake WeChat). */
  WX_BASE_URL?: string
}

/** The one push handler both servers use: a router per message type and event. */
export function createHandler(env: Env): PushHandler {
  const ctx = env.WX_SECRET
    ? createContext({ appid: env.WX_APPID, secret: env.WX_SECRET, ...(env.WX_BASE_URL ? { baseURL: env.WX_BASE_URL } : {}) })
    : undefined
  const router = createRouter()
    // Middleware: runs around every route (here: timing), like Koa's.
    .use(async (message, _push, next) => {
      const started = Date.now()
      const reply = await next()
      if (Date.now() - started > 1000) console.warn(`slow ${message.type} push: ${Date.now() - started} ms`)
      return reply
    })
    .on('text', (message, push) => {
      // Slow work: answer `success` now, send the result as a customer-service message later.
      if (ctx && message.Content.startsWith('slow ')) return replyLater(ctx, push, async () => `done: ${message.Content.slice(5)}`)
      return textReply(`You said: ${message.Content}`)
    })
    .on('subscribe', () => 'Welcome!')
    .on('CLICK', 'MENU_HELP', () => 'Send any text and I will echo it.')
    .on('CLICK', (message) => `You clicked ${message.EventKey}`)
    .otherwise(() => undefined) // everything else answers `success`
  return createPushHandler({
    token: env.WX_TOKEN,
    appid: env.WX_APPID,
    ...(env.WX_AES_KEY ? { encodingAESKey: env.WX_AES_KEY } : {}),
    onMessage: router,
    onError(error) {
      console.warn('push rejected or failed:', (error as Error).message)
    },
  })
}
