// Type tests, compiled by `pnpm typecheck` (tsc -p tsconfig.json: strict, exactOptionalPropertyTypes), never run.
// Each `@ts-expect-error` marks a call the types must refuse; every other line must compile.
import {
  createPushHandler,
  createRouter,
  textReply,
  type ClickEvent,
  type PushHandlerOptions,
  type PushInfo,
  type PushMessage,
  type PushOf,
  type TextMessage,
} from '@wx/server'

const base = { token: 'token123', appid: 'wx' }

// onMessage and onError get every push / every error: a callback typed for less is refused.
createPushHandler({ ...base, onMessage: (m: PushMessage, push: PushInfo) => (m.type === 'text' ? textReply(m.Content) : push.waitUntil(Promise.resolve())) })
createPushHandler({ ...base, onMessage: () => undefined, onError: (e: unknown, r: Request) => console.log(e, r.url) })
createPushHandler({ ...base, onMessage(m) { return m.type === 'CLICK' ? m.EventKey : undefined }, onError(e) { console.log(e) } })
// @ts-expect-error onMessage typed for text pushes only: it gets every push
createPushHandler({ ...base, onMessage: (m: TextMessage) => m.Content.trim() })
// @ts-expect-error onMessage typed for one event only
createPushHandler({ ...base, onMessage: (m: ClickEvent) => m.EventKey })
// @ts-expect-error onError typed for one error class only: it gets whatever was thrown
createPushHandler({ ...base, onMessage: () => undefined, onError: (e: Error & { reason: string }) => console.log(e.reason) })
// @ts-expect-error the second argument of onError is the Request
createPushHandler({ ...base, onMessage: () => undefined, onError: (_e: unknown, r: URL) => console.log(r.host) })
// @ts-expect-error same through the options type
export const options: PushHandlerOptions = { ...base, onMessage: (m: TextMessage) => m.Content }

// Router handlers and middlewares are function types: their parameters are checked, not bivariant.
const router = createRouter()
  .use(async (_m, _push, next) => next())
  .on('text', (m) => textReply(m.Content))
  .on('CLICK', 'HELP', (m: ClickEvent) => m.EventKey)
  .otherwise((m: PushMessage) => m.type)
createPushHandler({ ...base, onMessage: router })
// @ts-expect-error a text route's handler gets a TextMessage, not an image
router.on('text', (m: PushOf<'image'>) => m.PicUrl)
// @ts-expect-error otherwise gets every push
router.otherwise((m: TextMessage) => m.Content)
// @ts-expect-error a middleware gets every push
router.use((m: TextMessage, _push, next) => next())

// The handler as runtimes call it: the second argument is whatever they pass.
const handler = createPushHandler({ ...base, onMessage: () => undefined })
declare function denoServe(h: (request: Request, info: { remoteAddr: { hostname: string; port: number }; completed: Promise<void> }) => Response | Promise<Response>): void
declare function bunServe(o: { fetch(this: unknown, request: Request, server: { requestIP(r: Request): { address: string } | null; port: number }): Response | Promise<Response> }): void
denoServe(handler)
bunServe({ fetch: handler })
export const worker = { fetch: (req: Request, _env: unknown, ctx: { waitUntil(p: Promise<unknown>): void; passThroughOnException(): void }) => handler(req, ctx) }
void handler(new Request('https://x/'))
void handler(new Request('https://x/'), undefined)
void handler(new Request('https://x/'), { waitUntil: (p: Promise<unknown>) => void p })
// @ts-expect-error waitUntil stays typed: it takes the work's promise
void handler(new Request('https://x/'), { waitUntil: (s: string) => void s })
// @ts-expect-error waitUntil stays typed: a function
void handler(new Request('https://x/'), { waitUntil: true })
// @ts-expect-error a platform is an object
void handler(new Request('https://x/'), 'ctx')
