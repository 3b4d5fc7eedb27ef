import { Hono } from 'hono'
import { honoPushHandler } from '@wx/server/hono'
import { createHandler, type Env } from './handler.ts'

/** A Hono app with the push handler on `/wechat`. Runs on Node (see server.ts) and on any edge runtime. */
export function createApp(env: Env): Hono {
  const app = new Hono()
  app.all('/wechat', honoPushHandler(createHandler(env)))
  app.get('/', (c) => c.text('ok'))
  return app
}
