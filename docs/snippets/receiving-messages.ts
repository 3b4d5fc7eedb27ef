// The code of docs/receiving-messages.md (typechecked; see test/docs/guides.test.ts).
import { createServer } from 'node:http'
import { createContext } from '@wx/core'
import { createPushHandler, isPushError, replyLater, textReply } from '@wx/server'
import { toNodeListener } from '@wx/server/node'

const env = { WX_TOKEN: 'token123', WX_APPID: 'wx1234567890abcdef', WX_AES_KEY: 'a'.repeat(43), WX_SECRET: 'secret' }
const ctx = createContext({ appid: env.WX_APPID, secret: env.WX_SECRET })
const lookup = async (q: string) => `no result for ${q}`

export const handler = createPushHandler({
  token: env.WX_TOKEN, // the Token on the admin page
  appid: env.WX_APPID,
  encodingAESKey: env.WX_AES_KEY, // safe or compatible mode; omit for plaintext mode
  onMessage(m, push) {
    if (m.type === 'text' && m.Content.startsWith('search ')) {
      // WeChat waits 5 s: answer `success` now, send the result as a customer-service message later.
      return replyLater(ctx, push, async () => lookup(m.Content.slice(7)))
    }
    if (m.type === 'text') return textReply(`You said: ${m.Content}`)
    if (m.type === 'subscribe') return 'Welcome!' // a string is a text reply
    if (m.type === 'CLICK' && m.EventKey === 'TODAY') return textReply('Today: ...')
    // nothing returned: WeChat gets `success`
  },
  onError: (e) => {
    if (isPushError(e, 'duplicate')) return
    console.warn(e)
  },
})

export function node() {
  createServer(toNodeListener(handler)).listen(3000)
}

export default { fetch: (request: Request, _env: unknown, ctx: { waitUntil(p: Promise<unknown>): void }) => handler(request, ctx) }
