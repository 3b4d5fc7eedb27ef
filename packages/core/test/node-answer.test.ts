import { callApi, createContext, defineEndpoint, readFile, type FileResult } from '@wx/core'
import { nodeTransport } from '@wx/core/node'
import { sendText } from '@wx/message'
import { createFakeWeChat } from '@wx/testing'
import { Agent, createServer, request, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'
import { brotliCompressSync, deflateRawSync, deflateSync, gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it } from 'vitest'
import { rejects } from '../../../test/fake.ts'

// What `nodeTransport()` does with the answer itself: how much of it it reads, how it decodes it, and what
// becomes of a call given up while it waited for a socket.

const TOKEN = 'TOKEN_abc123_never_in_errors'
const MB = 1024 * 1024

/**
 * A plain HTTP server on 127.0.0.1: the token endpoints hand out `TOKEN`, any other path gets `reply`.
 * Counts connections and requests; every socket is dropped on close.
 */
async function server(reply: (req: IncomingMessage, res: ServerResponse) => void) {
  let connections = 0
  let requests = 0
  const sockets = new Set<Socket>()
  const s = createServer((req, res) => {
    if (/^\/cgi-bin\/(stable_)?token/.test(req.url!)) return res.end(JSON.stringify({ access_token: TOKEN, expires_in: 7200 }))
    requests++
    reply(req, res)
  })
  s.on('connection', (c) => (connections++, sockets.add(c), c.on('close', () => sockets.delete(c))))
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise<void>((r) => (s.close(() => r()), sockets.forEach((c) => c.destroy()))))
  return { url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, stats: () => ({ connections, requests }) }
}

/** A proxy in front of `target` that compresses every answer with `encode` under `content-encoding: coding`. */
async function compressingProxy(target: string, coding: string, encode: (b: Buffer) => Buffer) {
  const s = createServer((req, res) => {
    const out = request(target + req.url, { method: req.method, headers: req.headers }, (up) => {
      const chunks: Buffer[] = []
      up.on('data', (c: Buffer) => chunks.push(c))
      up.on('end', () => {
        const headers = { ...up.headers, 'content-encoding': coding }
        delete headers['content-length']
        res.writeHead(up.statusCode!, headers)
        res.end(encode(Buffer.concat(chunks)))
      })
    })
    req.pipe(out)
  })
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise<void>((r) => (s.closeAllConnections(), s.close(() => r()))))
  return `http://127.0.0.1:${(s.address() as AddressInfo).port}`
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

const read = defineEndpoint({ method: 'GET', path: '/read', retry: 'read' })
const ping = defineEndpoint({ method: 'POST', path: '/ping', retry: 'send' })
const download = defineEndpoint<FileResult>({ method: 'GET', path: '/file', retry: 'read', media: true, read: readFile })
const context = (baseURL: string, options = {}) =>
  createContext({ appid: 'wx1', secret: 's', baseURL, transport: nodeTransport(options), retry: { baseDelay: 1 } })
/** One exchange on the transport itself (given up after 5 s): the body, or the error. */
const exchange = (url: string, options = {}) =>
  nodeTransport(options)({ url, method: 'GET', headers: {}, signal: AbortSignal.timeout(5_000), once: false }).then(
    async (r) => Buffer.from(await r.arrayBuffer()),
    (e: Error & { notSent?: boolean }) => e,
  )

describe('nodeTransport: maxAnswerBytes', () => {
  it('an answer announced larger than the cap is refused before its body is read: unsure, the cap named, no token', async () => {
    const srv = await server((_, res) => (res.writeHead(200, { 'content-length': String(1024 * MB) }), res.write(Buffer.alloc(1024))))
    const started = Date.now()
    const e = await exchange(`${srv.url}/read`, { maxAnswerBytes: MB })
    expect(e).toBeInstanceOf(Error)
    expect((e as Error).message).toBe('nodeTransport: the answer is larger than maxAnswerBytes (1048576 bytes)')
    expect((e as { notSent?: boolean }).notSent).toBeUndefined()
    // Through core: a read is retried (and fails the same way), a send is outcome-unknown; the access
    // token that was in the URL is in neither error.
    const ctx = context(srv.url, { maxAnswerBytes: MB })
    const r = await rejects(callApi(ctx, read), 'wx/network')
    expect(r.message).toContain('maxAnswerBytes (1048576 bytes)')
    const s = await rejects(callApi(ctx, ping, { body: { a: 1 } }), 'wx/outcome-unknown')
    for (const x of [e, r, s]) expect(JSON.stringify({ ...x, message: x.message, cause: x.cause })).not.toContain(TOKEN)
    expect(srv.stats().requests).toBe(5)
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('an answer that grows past the cap while it streams (no content-length) is cut off there', async () => {
    let written = 0
    let closed = 0
    const srv = await server((_, res) => {
      const chunk = Buffer.alloc(64 * 1024, 'x')
      const pump = () => {
        while (!res.destroyed && written < 512 * MB && res.write(chunk)) written += chunk.length
      }
      res.on('drain', pump)
      res.on('close', () => closed++)
      pump()
    })
    const e = await exchange(`${srv.url}/read`, { maxAnswerBytes: MB })
    expect((e as Error).message).toBe('nodeTransport: the answer is larger than maxAnswerBytes (1048576 bytes)')
    await expect.poll(() => closed).toBe(1)
    expect(written).toBeLessThan(64 * MB)
  })

  it('default 64 MiB: a 10 MB download (the largest WeChat file) goes through, a 64 MiB + 1 answer does not', async () => {
    const image = Buffer.alloc(10 * MB, 7)
    let size = image.length
    const srv = await server((_, res) => {
      if (size > image.length) return res.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': String(size) }).flushHeaders()
      res.writeHead(200, { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="a.jpg"' }).end(image)
    })
    const ctx = context(srv.url)
    const got = await callApi(ctx, download)
    expect(got.data.byteLength).toBe(10 * MB)
    expect(got.filename).toBe('a.jpg')
    size = 64 * MB + 1
    expect(((await exchange(`${srv.url}/file`)) as Error).message).toBe('nodeTransport: the answer is larger than maxAnswerBytes (67108864 bytes)')
    expect(nodeTransport({ maxAnswerBytes: Number.POSITIVE_INFINITY })).toBeTypeOf('function')
  })

  it('refuses a maxAnswerBytes that is no whole number >= 1 (or Infinity) with wx/config', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, '1024' as unknown as number])
      expect(() => nodeTransport({ maxAnswerBytes: bad }), String(bad)).toThrow(/maxAnswerBytes must be a whole number of bytes >= 1, or Infinity/)
    expect(() => nodeTransport({ maxAnswerBytes: 1 })).not.toThrow()
  })
})

describe('nodeTransport: an answer compressed although nobody asked (a proxy did it)', () => {
  const codings: [string, (b: Buffer) => Buffer][] = [
    ['gzip', gzipSync],
    ['x-gzip', gzipSync],
    ['deflate', deflateSync],
    ['deflate', deflateRawSync], // raw deflate under the same name: fetch reads it too
    ['br', brotliCompressSync],
    ['gzip, br', (b) => brotliCompressSync(gzipSync(b))],
    ['GZIP', gzipSync],
  ]
  it.each(codings)('is decoded as fetch would: %s', async (coding, encode) => {
    const fake = await createFakeWeChat()
    closers.push(fake.close)
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: await compressingProxy(fake.url, coding, encode), transport: nodeTransport() })
    expect(await sendText(ctx, 'o_user', 'hi')).toBeUndefined()
    expect(fake.stats().deliveries).toBe(1)
  })

  it('bytes too (a media download), and a coding fetch does not decode leaves the body as it came', async () => {
    const image = Buffer.from([0xff, 0xd8, 0xff, 0xe0, ...Buffer.alloc(5000, 3)])
    let coding = 'gzip'
    const srv = await server((_, res) => res.writeHead(200, { 'content-type': 'image/jpeg', 'content-encoding': coding }).end(coding == 'gzip' ? gzipSync(image) : image))
    const ctx = context(srv.url)
    expect(Buffer.from((await callApi(ctx, download)).data).equals(image)).toBe(true)
    coding = 'compress'
    expect(Buffer.from((await callApi(ctx, download)).data).equals(image)).toBe(true)
  })

  it('a gzip bomb stops at the cap once decoded: unsure, the cap named, memory untouched', async () => {
    // 256 gzip members of 1 MB of zeros each, one after the other: 256 MB once decoded, 260 KB on the wire.
    const member = gzipSync(Buffer.alloc(MB))
    const zeros = (mb: number) => Buffer.concat(Array.from({ length: mb }, () => member))
    const bomb = zeros(256)
    const fits = gzipSync(Buffer.alloc(MB - 1, 'a'))
    let body = bomb
    let coding = 'gzip'
    const srv = await server((_, res) => res.writeHead(200, { 'content-encoding': coding }).end(body))
    const rss = process.memoryUsage().rss
    const e = await exchange(`${srv.url}/read`, { maxAnswerBytes: MB })
    expect((e as Error).message).toBe('nodeTransport: the answer is larger than maxAnswerBytes (1048576 bytes)')
    expect((e as { notSent?: boolean }).notSent).toBeUndefined()
    expect(process.memoryUsage().rss - rss).toBeLessThan(100 * MB)
    // The same bomb in two layers, and under the default cap.
    ;[body, coding] = [gzipSync(bomb), 'gzip, gzip']
    expect(((await exchange(`${srv.url}/read`, { maxAnswerBytes: MB })) as Error).message).toContain('maxAnswerBytes (1048576 bytes)')
    ;[body, coding] = [zeros(65), 'gzip']
    expect(((await exchange(`${srv.url}/read`)) as Error).message).toContain('maxAnswerBytes (67108864 bytes)')
    body = fits
    expect(((await exchange(`${srv.url}/read`, { maxAnswerBytes: MB })) as Buffer).length).toBe(MB - 1)
  })

  it('a body that is no such stream fails the call (unsure); one cut short gives what it decoded, as fetch: never a crash or a hang', async () => {
    const garbage = Buffer.from('this is no gzip at all')
    const json = '{"errcode":0,"errmsg":"ok"}'
    let body = garbage
    let coding = 'gzip'
    const srv = await server((_, res) => res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': coding }).end(body))
    for (const c of ['gzip', 'br', 'deflate']) {
      ;[coding, body] = [c, garbage]
      const e = await exchange(`${srv.url}/read`)
      expect(e, c).toBeInstanceOf(Error)
      expect((e as Error).message, c).toMatch(new RegExp(`^nodeTransport: the ${c} answer cannot be decoded`))
      expect((e as { notSent?: boolean }).notSent).toBeUndefined()
    }
    const ctx = context(srv.url)
    await rejects(callApi(ctx, ping, { body: {} }, { timeout: 5_000 }), 'wx/outcome-unknown')
    // Cut short (a proxy that drops the gzip trailer, or more): decoded as far as it goes, like the platform
    // fetch; a whole JSON answer without its trailer is read, a cut one is unreadable to core (unsure).
    const gz = gzipSync(json)
    for (const [c, b, text] of [['gzip', gz.subarray(0, gz.length - 8), json], ['gzip', gz.subarray(0, 20), '{"errcode'], ['br', brotliCompressSync(json).subarray(0, 10), '{"errco']] as const) {
      ;[coding, body] = [c, Buffer.from(b)]
      const fetched = await (await fetch(`${srv.url}/read`)).text()
      expect(fetched, `fetch, ${c}`).toBe(text)
      expect(String(await exchange(`${srv.url}/read`)), `nodeTransport, ${c}`).toBe(text)
    }
    ;[coding, body] = ['gzip', gz.subarray(0, gz.length - 8)]
    expect(await callApi(ctx, ping, { body: {} }, { timeout: 5_000 })).toMatchObject({ errcode: 0 })
    ;[coding, body] = ['gzip', gz.subarray(0, 20)]
    await rejects(callApi(ctx, ping, { body: {} }, { timeout: 5_000 }), 'wx/outcome-unknown')
    coding = 'gzip, gzip, gzip, gzip, gzip, gzip'
    expect(((await exchange(`${srv.url}/read`)) as Error).message).toMatch(/6 content codings, at most 5/)
  })
})

describe('nodeTransport: calls given up while they waited for a socket', () => {
  it('leave the agent queue at once (10,000 of them leave no entry and no connection) and never go out', async () => {
    // Node leaves a destroyed queued request in `agent.requests` (headers and body with it) until a socket
    // frees, and opens a connection just for it when a busy socket closes instead.
    let release = () => {}
    const srv = await server((req, res) => {
      req.resume()
      if (srv.stats().requests == 1) release = () => req.socket.destroy()
      else res.end('{"errcode":0}')
    })
    const agent = new Agent({ keepAlive: true, maxSockets: 1 })
    closers.push(async () => agent.destroy())
    const transport = nodeTransport({ agents: { http: agent } })
    const send = (signal: AbortSignal) => transport({ url: `${srv.url}/ping`, method: 'POST', headers: {}, body: '{"a":1}', signal, once: true })
    const first = send(new AbortController().signal).catch((e) => e)
    await expect.poll(() => srv.stats().requests).toBe(1) // the one socket is busy
    const queued = () => Object.values(agent.requests).reduce((n, q) => n + q!.length, 0)
    const given: Promise<unknown>[] = []
    const controllers = Array.from({ length: 10_000 }, () => new AbortController())
    for (const c of controllers) given.push(send(c.signal).catch((e) => e))
    expect(queued()).toBe(10_000)
    // Given up in any order: half from the back, half from the front.
    for (let i = 0; i < 5_000; i++) {
      controllers[9_999 - i]!.abort()
      controllers[i]!.abort()
    }
    expect(queued()).toBe(0)
    expect((await Promise.all(given)).filter((e) => (e as { notSent?: boolean }).notSent !== true)).toEqual([])
    // Through core too: a call that times out in the queue leaves it.
    const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: srv.url, transport })
    await rejects(callApi(ctx, defineEndpoint({ method: 'POST', path: '/ping', retry: 'send', auth: false }), { body: {} }, { timeout: 50 }), 'wx/timeout')
    expect(queued()).toBe(0)
    // The busy socket closes: no new connection for a dead request, nothing of theirs is written.
    release()
    await first
    await new Promise((r) => setTimeout(r, 100))
    expect(srv.stats()).toEqual({ connections: 1, requests: 1 })
    // A live call afterwards still goes out, on a connection of its own.
    await expect(send(new AbortController().signal).then((r) => r.status)).resolves.toBe(200)
    expect(srv.stats()).toEqual({ connections: 2, requests: 2 })
  })
})
