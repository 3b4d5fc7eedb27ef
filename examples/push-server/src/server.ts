// Hono on Node: WX_TOKEN=... WX_APPID=... WX_AES_KEY=... pnpm start (node start.mjs bundles and runs this file)
import { serve } from '@hono/node-server'
import { createApp } from './app.ts'
import { createHandler, type Env } from './handler.ts'

const env = process.env as unknown as Env
const port = Number(process.env.PORT ?? 3000)
const handler = createHandler(env)
const server = serve({ fetch: createApp(env, handler).fetch, port, hostname: process.env.HOST ?? '127.0.0.1' }, (info) => {
  console.log(`push server on http://${info.address}:${info.port}/wechat`)
})

// A deploy (SIGTERM): take no new pushes (WeChat retries elsewhere), then let the ones still being handled
// and their replyLater sends finish, within 25 s (under a typical 30 s grace period before SIGKILL).
process.once('SIGTERM', async () => {
  await new Promise((r) => server.close(r))
  if (!(await handler.drain({ timeout: 25_000 }))) console.error('shutdown: pushes still running after 25 s')
  process.exit(0)
})
