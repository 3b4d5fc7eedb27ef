// Hono on Node: WX_TOKEN=... WX_APPID=... WX_AES_KEY=... pnpm start (node start.mjs bundles and runs this file)
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'

const env = process.env as unknown as import('./handler.ts').Env
const port = Number(process.env.PORT ?? 3000)
serve({ fetch: createApp(env).fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`push server on http://${info.address}:${info.port}/wechat`)
})
