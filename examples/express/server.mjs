// Express 5: WeChat pushes on /wechat (@wx/server through its Node adapter) and POST /send that sends a
// customer-service text (@wx/message). Configuration from env vars, see README.md.
import { createContext, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { createPushHandler, createRouter, textReply } from '@wx/server'
import { toNodeListener } from '@wx/server/node'
import express from 'express'

const { WX_APPID, WX_SECRET, WX_TOKEN, WX_AES_KEY, WX_BASE_URL, PORT = '3000', HOST = '127.0.0.1' } = process.env
if (!WX_APPID || !WX_SECRET || !WX_TOKEN) {
  console.error('set WX_APPID, WX_SECRET and WX_TOKEN (and WX_AES_KEY in safe/compatible mode)')
  process.exit(1)
}

const ctx = createContext({ appid: WX_APPID, secret: WX_SECRET, ...(WX_BASE_URL ? { baseURL: WX_BASE_URL } : {}) })

const push = createPushHandler({
  token: WX_TOKEN,
  appid: WX_APPID,
  ...(WX_AES_KEY ? { encodingAESKey: WX_AES_KEY } : {}),
  onMessage: createRouter()
    .on('text', (m) => textReply(`You said: ${m.Content}`))
    .on('subscribe', () => 'Welcome!'),
  onError: (e) => console.warn('push rejected or failed:', e.message),
})

const app = express()
// The push handler reads the raw body itself: mount it before any body parser.
app.all('/wechat', toNodeListener(push))

// The rest of the app may parse JSON as usual.
app.post('/send', express.json(), async (req, res) => {
  const { openid, text } = req.body ?? {}
  if (typeof openid !== 'string' || typeof text !== 'string') return res.status(400).json({ error: 'openid and text are required strings' })
  try {
    await sendText(ctx, openid, text)
    res.json({ ok: true })
  } catch (e) {
    // WxError messages never contain the secret or the access token.
    if (isWxError(e)) return res.status(e.code === 'wx/validation' ? 400 : 502).json({ error: e.code, errcode: e.errcode, message: e.message })
    throw e
  }
})

const server = app.listen(Number(PORT), HOST, () => {
  const { address, port } = server.address()
  console.log(`express on http://${address}:${port} (pushes on /wechat)`)
})
