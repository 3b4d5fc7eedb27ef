import { Hono } from 'hono'
import { honoPushHandler } from '@wx/server/hono'
import type { PushHandler } from '@wx/server'
import { createHandler, type Env } from './handler.ts'

/**
 * A Hono app with the push handler on `/wechat`. Runs on Node (see server.ts) and on any edge runtime.
 * Pass the handler when you need it yourself (server.ts drains it on shutdown).
 */
export function createApp(env: Env, handler: PushHandler = createHandler(env)): Hono {
  const app = new Hono()
  app.all('/wechat', honoPushHandler(handler))
  app.get('/', (c) => c.text('ok'))
  return app
}
