// Hono on Node: `pnpm start` (node server.mjs). Configuration from env vars, see README.md.
import { serve } from '@hono/node-server'
import { createApp } from './app.mjs'

const { WX_APPID, WX_SECRET, WX_TOKEN, WX_AES_KEY, WX_BASE_URL, PORT = '3000', HOST = '127.0.0.1' } = process.env
if (!WX_APPID || !WX_SECRET || !WX_TOKEN) {
  console.error('set WX_APPID, WX_SECRET and WX_TOKEN (and WX_AES_KEY in safe/compatible mode)')
  process.exit(1)
}
const app = createApp({ WX_APPID, WX_SECRET, WX_TOKEN, WX_AES_KEY, WX_BASE_URL })
serve({ fetch: app.fetch, port: Number(PORT), hostname: HOST }, (info) => {
  console.log(`hono on http://${info.address}:${info.port} (pushes on /wechat)`)
})
