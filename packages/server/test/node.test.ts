// Node adapters (@wx/server/node): node:http, Express-style pre-read bodies, Koa-style contexts.
import { serve as serveHono } from '@hono/node-server'
import { createPushHandler, isPushError, replyLater, textReply } from '@wx/server'
import { honoPushHandler } from '@wx/server/hono'
import { toKoaMiddleware, toNodeListener } from '@wx/server/node'
import { buildPushRequest, readPushReply, signPush } from '@wx/testing/fetch'
import { Hono } from 'hono'
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { connect, type AddressInfo } from 'node:net'
import { afterAll, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

const keys = { token: 'nodetoken', appid: 'wx_node_app', encodingAESKey: 'jWmYm7qr5nMoAUwZRjGtBxmz3KA1tkAj3ykkR6q2B2C' }
const errors: unknown[] = []
const handler = createPushHandler({
  ...keys,
  maxBodyBytes: 8192,
  onMessage: (m) => (m.type === 'text' ? textReply(`node: ${m.Content}`) : undefined),
  onError: (e) => errors.push(e),
})

/** Starts a node:http server on 127.0.0.1 with `listener`, optionally pre-processing requests. */
async function listen(listener: (req: IncomingMessage, res: ServerResponse) => void) {
  const server = createServer(listener)
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`
}
const servers: ReturnType<typeof createServer>[] = []
afterAll(() => Promise.all(servers.map((s) => new Promise((r) => s.close(r)))))

async function send(base: string, content: string) {
  const req = await buildPushRequest({ ...keys, url: `${base}/wechat`, message: { MsgType: 'text', Content: content } })
  return fetch(req.url, { method: 'POST', body: await req.text() })
}

/** `handler` served through `toNodeListener`, or through `toKoaMiddleware` on a minimal Koa-style context. */
function adapterFor(adapter: 'node' | 'koa', handler: ReturnType<typeof createPushHandler>) {
  const listener = toNodeListener(handler)
  const mw = toKoaMiddleware(handler)
  return async (req: IncomingMessage, res: ServerResponse) => {
    if (adapter === 'node') return listener(req, res)
    const headers: Record<string, string> = {}
    const ctx = { req, res, request: {}, status: 404, body: undefined as unknown, set: (k: string, v: string) => (headers[k] = v) }
    await mw(ctx)
    res.writeHead(ctx.status, headers)
    res.end(ctx.body as Uint8Array)
  }
}

const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = []
  for await (const c of req) chunks.push(c as Buffer)
  return Buffer.concat(chunks)
}

describe('toNodeListener', () => {
  it('serves node:http from the raw stream', async () => {
    const base = await listen(toNodeListener(handler))
    expect(await readPushReply(await send(base, 'raw'), keys)).toContain('node: raw')
  })
  it('uses a Buffer body left by express.raw()', async () => {
    const listener = toNodeListener(handler)
    const base = await listen(async (req, res) => {
      ;(req as any).body = await readAll(req)
      await listener(req, res)
    })
    expect(await readPushReply(await send(base, 'express'), keys)).toContain('node: express')
  })
  it('refuses a body consumed by a JSON parser with wx/config, and passes it to next', async () => {
    const listener = toNodeListener(handler)
    const seen: unknown[] = []
    const base = await listen(async (req, res) => {
      await readAll(req)
      ;(req as any).body = {}
      await listener(req, res, (e) => seen.push(e))
    })
    const res = await send(base, 'x')
    expect(res.status).toBe(500)
    expect((seen[0] as any).code).toBe('wx/config')
  })
  it('serves behind an Express 4 style global express.json(): req.body = {} left on an unread XML request', async () => {
    // body-parser 1.x skips a text/xml request without reading it, but still sets req.body = {} (no req._body).
    const listener = toNodeListener(handler)
    const seen: unknown[] = []
    const base = await listen(async (req, res) => {
      ;(req as any).body = (req as any).body || {}
      await listener(req, res, (e) => seen.push(e))
    })
    expect(await readPushReply(await send(base, 'express4'), keys)).toContain('node: express4')
    expect(seen).toEqual([])
  })
  it('a Host header that is no valid authority reaches the push checks (no TypeError 500), and cannot move the query', async () => {
    const listener = toNodeListener(handler)
    const seen: unknown[] = []
    const base = await listen((req, res) => listener(req, res, (e) => seen.push(e)))
    const port = new URL(base).port
    /** Sends a raw HTTP/1.1 request with `host` as the Host header; resolves the status line and body. */
    const raw = (host: string, target: string, body: string) =>
      new Promise<string>((resolve, reject) => {
        const s = connect(Number(port), '127.0.0.1', () =>
          s.write(`POST ${target} HTTP/1.1\r\nHost: ${host}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`),
        )
        let d = ''
        s.on('data', (c) => (d += c)).on('end', () => resolve(d)).on('error', reject)
      })
    for (const host of ['exa mple.com', 'a:99999', '[::1', 'a/b?x', 'a#b']) {
      errors.length = 0
      const forged = await raw(host, '/wechat?signature=x&timestamp=1&nonce=2', '<xml/>')
      expect(forged.split('\r\n')[0], host).toBe('HTTP/1.1 400 Bad Request')
      expect(isPushError(errors[0]), host).toBe(true) // refused by openPush's checks (plaintext, with encodingAESKey set)
      const req = await buildPushRequest({ ...keys, url: 'http://127.0.0.1/wechat', message: { MsgType: 'text', Content: 'host' } })
      const ok = await raw(host, new URL(req.url).pathname + new URL(req.url).search, await req.text())
      expect(ok.split('\r\n')[0], host).toBe('HTTP/1.1 200 OK')
    }
    expect(seen).toEqual([])
  })
  it('caps streamed bodies', async () => {
    const base = await listen(toNodeListener(handler))
    errors.length = 0
    const res = await fetch(`${base}/wechat?encrypt_type=aes&msg_signature=${'0'.repeat(40)}`, { method: 'POST', body: 'x'.repeat(20_000) })
    expect(res.status).toBe(413)
    expect(isPushError(errors[0], 'too-large')).toBe(true)
  })
})

describe('toKoaMiddleware', () => {
  it('serves a Koa-style context, with rawBody', async () => {
    const mw = toKoaMiddleware(handler)
    const base = await listen(async (req, res) => {
      const rawBody = (await readAll(req)).toString()
      const headers: Record<string, string> = {}
      const ctx = { req, res, request: { rawBody }, status: 404, body: undefined as unknown, set: (k: string, v: string) => (headers[k] = v) }
      await mw(ctx)
      res.writeHead(ctx.status, headers)
      res.end(ctx.body as Uint8Array)
    })
    expect(await readPushReply(await send(base, 'koa'), keys)).toContain('node: koa')
  })
})

describe('real frameworks', () => {
  it('Express: mounted before any body parser, and behind express.raw()', async () => {
    const { default: express } = await import('express')
    const app = express()
    app.post('/wechat', toNodeListener(handler) as any)
    app.post('/raw/wechat', express.raw({ type: '*/*' }), toNodeListener(handler) as any)
    app.post('/json/wechat', express.json({ type: '*/*' }), toNodeListener(handler) as any)
    const base = await listen(app as any)
    expect(await readPushReply(await send(base, 'express'), keys)).toContain('node: express')
    expect(await readPushReply(await send(`${base}/raw`, 'raw'), keys)).toContain('node: raw')
    // A JSON parser in front refuses the XML body itself: an error answer, never a handler call.
    const res = await send(`${base}/json`, 'eaten')
    expect(res.status).toBeGreaterThanOrEqual(400)
  })

  it('Koa: the middleware reads the untouched request stream', async () => {
    const { default: Koa } = await import('koa')
    const app = new Koa()
    const mw = toKoaMiddleware(handler)
    app.use(async (ctx, next) => (ctx.path === '/wechat' ? mw(ctx as any) : next()))
    const base = await listen(app.callback())
    expect(await readPushReply(await send(base, 'koa for real'), keys)).toContain('node: koa for real')
  })
})

describe('a body over the cap, already buffered when reading starts', () => {
  const slow = (ms: number) => new Promise((r) => setTimeout(r, ms))
  /** 100 KB streamed without a length, over a 16 KiB cap. */
  const stream = () =>
    new ReadableStream({
      start(c) {
        for (let i = 0; i < 100; i++) c.enqueue(new TextEncoder().encode('A'.repeat(1000)))
        c.close()
      },
    })
  for (const adapter of ['node', 'koa'] as const)
    for (const mode of ['safe', 'plain'] as const)
      it(`answers 413 and never crashes the process (${adapter}, ${mode} mode)`, async () => {
        const crashes: unknown[] = []
        const onCrash = (e: unknown) => crashes.push(e)
        process.on('uncaughtException', onCrash)
        try {
          const small = createPushHandler({ ...(mode === 'safe' ? keys : { token: keys.token, appid: keys.appid }), maxBodyBytes: 16_384, onMessage: () => 'alive' })
          const serve = adapterFor(adapter, small)
          // An async step first (a session or rate-limit lookup): the socket buffers the body meanwhile.
          const base = await listen(async (req, res) => {
            await slow(20)
            await serve(req, res)
          })
          const query = mode === 'safe' ? `encrypt_type=aes&msg_signature=${'0'.repeat(40)}&timestamp=1&nonce=1` : new URLSearchParams({ ...(await signPush({ token: keys.token })) })
          const res = await fetch(`${base}/wechat?${query}`, { method: 'POST', body: stream(), duplex: 'half' } as RequestInit)
          expect(res.status).toBe(413)
          await slow(50) // the adapter's late pushes into the cancelled stream happened here
          // Still serving: a genuine push is answered.
          const again = await buildPushRequest({ ...(mode === 'safe' ? keys : { token: keys.token }), url: `${base}/wechat`, message: { MsgType: 'text', Content: 'x' } })
          expect(await readPushReply(await fetch(again.url, { method: 'POST', body: await again.text() }), keys)).toContain('alive')
        } finally {
          process.off('uncaughtException', onCrash)
        }
        expect(crashes).toEqual([])
      })
})

describe('a push refused before its body is read', () => {
  /** One keep-alive socket: a POST with a bad signature and a `size` body, then a GET: the status lines answered within 2 s. */
  async function twoOnOneSocket(base: string, size: number): Promise<string[]> {
    const { connect } = await import('node:net')
    const { port } = new URL(base)
    const sock = connect(Number(port), '127.0.0.1')
    let got = ''
    sock.on('data', (d) => (got += d.toString('latin1')))
    sock.on('error', () => {})
    sock.write(`POST /wechat?signature=bad&timestamp=1&nonce=1 HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: ${size}\r\n\r\n`)
    sock.write(Buffer.alloc(size, 'a'))
    sock.write('GET /wechat?signature=bad&timestamp=1&nonce=1&echostr=e HTTP/1.1\r\nHost: x\r\n\r\n')
    const until = Date.now() + 2000
    while ((got.match(/HTTP\/1\.1 \d+/g) ?? []).length < 2 && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
    sock.destroy()
    return got.match(/HTTP\/1\.1 \d+/g) ?? []
  }

  for (const adapter of ['node', 'koa'] as const)
    it(`its unread body is drained: the next request on the keep-alive connection is answered (${adapter})`, async () => {
      const plain = createPushHandler({ token: keys.token, appid: keys.appid, maxBodyBytes: 2 * 1024 * 1024, onMessage: () => undefined })
      const base = await listen(adapterFor(adapter, plain))
      expect(await twoOnOneSocket(base, 1024 * 1024)).toEqual(['HTTP/1.1 400', 'HTTP/1.1 400'])
    })
})

describe('a sender that closes the connection mid-body', () => {
  for (const adapter of ['node', 'koa'] as const)
    it(`reaches onError as PushError 'incomplete', not a raw stream error (${adapter})`, async () => {
      const seen: unknown[] = []
      const calls: unknown[] = []
      const plain = createPushHandler({ token: keys.token, appid: keys.appid, onMessage: (m) => void calls.push(m), onError: (e) => seen.push(e) })
      const base = await listen(adapterFor(adapter, plain))
      const { timestamp, nonce, signature } = await signPush({ token: keys.token })
      const { connect } = await import('node:net')
      const sock = connect(Number(new URL(base).port), '127.0.0.1')
      sock.on('error', () => {})
      await new Promise((r) => sock.on('connect', r))
      sock.write(`POST /wechat?signature=${signature}&timestamp=${timestamp}&nonce=${nonce} HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n<xml><ToUserName>`)
      await new Promise((r) => setTimeout(r, 100))
      sock.destroy()
      const until = Date.now() + 2000
      while (!seen.length && Date.now() < until) await new Promise((r) => setTimeout(r, 20))
      expect(seen).toHaveLength(1)
      expect(isPushError(seen[0], 'incomplete')).toBe(true)
      expect(calls).toEqual([])
    })
})

describe('shutdown: server.close(), then handler.drain()', () => {
  /** A node:http server for `handler` through each adapter (Hono on @hono/node-server: no executionCtx). */
  const servers: Record<string, (handler: ReturnType<typeof createPushHandler>) => Promise<Server>> = {
    'node:http': async (h) => createServer(toNodeListener(h)),
    express: async (h) => {
      const { default: express } = await import('express')
      const app = express()
      app.post('/wechat', toNodeListener(h) as any)
      return createServer(app)
    },
    koa: async (h) => {
      const { default: Koa } = await import('koa')
      const app = new Koa()
      const mw = toKoaMiddleware(h)
      app.use((ctx) => mw(ctx as any))
      return createServer(app.callback())
    },
    hono: async (h) => {
      const app = new Hono()
      app.all('/wechat', honoPushHandler(h))
      return new Promise((ok) => {
        const s = serveHono({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => ok(s as Server))
      })
    },
  }
  for (const [name, start] of Object.entries(servers))
    it(`drain waits for a push whose client gave up, and for the replyLater send it queues afterwards (${name})`, async () => {
      const { fake, ctx } = await useFake()
      const c = ctx()
      let entered!: () => void
      const inside = new Promise<void>((r) => (entered = r))
      let open!: () => void
      const gate = new Promise<void>((r) => (open = r))
      const handler = createPushHandler({
        ...keys,
        onMessage: async (m, push) => {
          entered()
          await gate // slow work before replyLater: WeChat gives up on the answer meanwhile
          replyLater(c, push, () => `later: ${m.type === 'text' ? m.Content : ''}`)
        },
      })
      const server = await start(handler)
      if (!server.listening) await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
      const req = await buildPushRequest({ ...keys, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, message: { MsgType: 'text', Content: 'bye', FromUserName: 'o_asker' } })
      const body = await req.text()
      const client = httpRequest(req.url, { method: 'POST' })
      client.on('error', () => {}) // destroyed below: the client gave up
      client.end(body)
      await inside
      client.destroy()
      // The documented shutdown: no new requests (the connection is gone: the callback comes at once), then drain.
      await new Promise((r) => server.close(r))
      let drained = false
      const draining = handler.drain().then(() => (drained = true))
      await new Promise((r) => setTimeout(r, 150))
      expect(drained).toBe(false) // the push is still being handled
      expect(await fake.deliveries()).toEqual([])
      open()
      await draining
      expect(await fake.deliveries()).toMatchObject([{ to: 'o_asker', payload: { msgtype: 'text', text: { content: 'later: bye' } } }])
    })
})

describe('drain({ timeout }) on Node', () => {
  it('leaves no timer behind when the work finishes before the timeout', async () => {
    const timers = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length
    let release!: () => void
    const h = createPushHandler({ ...keys, allowPlaintext: true, dedupe: false, onMessage: () => new Promise<void>((r) => (release = r)) })
    const answer = h(await buildPushRequest({ token: keys.token, appid: keys.appid, message: { MsgType: 'text', Content: 'hang' } }))
    expect(await h.drain({ timeout: 100 })).toBe(false)
    const before = timers()
    const draining = h.drain({ timeout: 600_000 })
    expect(timers()).toBe(before + 1)
    release()
    expect(await draining).toBe(true)
    await answer
    expect(timers()).toBe(before)
  })
})
