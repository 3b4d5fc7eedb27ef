// The same handler as a Cloudflare Worker module. Bindings: WX_TOKEN, WX_APPID, WX_AES_KEY (secrets).
import type { PushHandler } from '@wx/server'
import { createHandler, type Env } from './src/handler.ts'

interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void
}

let cached: { env: Env; handler: PushHandler } | undefined

export default {
  fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
    if (cached?.env !== env) cached = { env, handler: createHandler(env) }
    // Passing ctx lets replyLater's work finish under waitUntil after the answer was sent.
    return cached.handler(request, ctx)
  },
}
