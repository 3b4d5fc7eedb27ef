import { createContext } from '@wx/core'
import { createPushHandler, replyLater, textReply, type PushHandler } from '@wx/server'

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

/** The one push handler both servers use. */
export function createHandler(env: Env): PushHandler {
  const ctx = env.WX_SECRET
    ? createContext({ appid: env.WX_APPID, secret: env.WX_SECRET, ...(env.WX_BASE_URL ? { baseURL: env.WX_BASE_URL } : {}) })
    : undefined
  return createPushHandler({
    token: env.WX_TOKEN,
    appid: env.WX_APPID,
    ...(env.WX_AES_KEY ? { encodingAESKey: env.WX_AES_KEY } : {}),
    onMessage(message, push) {
      switch (message.type) {
        case 'text':
          // Slow work: answer `success` now, send the result as a customer-service message later.
          if (ctx && message.Content.startsWith('slow ')) return replyLater(ctx, push, async () => `done: ${message.Content.slice(5)}`)
          return textReply(`You said: ${message.Content}`)
        case 'subscribe':
          return 'Welcome!'
        default:
          return undefined // answers `success`
      }
    },
    onError(error) {
      console.warn('push rejected or failed:', (error as Error).message)
    },
  })
}
