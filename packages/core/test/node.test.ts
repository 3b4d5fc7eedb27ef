import { callApi, createContext, defineEndpoint } from '@wx/core'
import { nodeTransport } from '@wx/core/node'
import { sendText } from '@wx/message'
import { createFakeWeChat } from '@wx/testing'
import { createServer, type Server } from 'node:http'
import { createServer as createTcpServer, type AddressInfo, type Socket } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { rejects } from '../../../test/fake.ts'

// What only `nodeTransport()` does (the whole core suite also runs over it: vitest project "node-transport").

/** A plain HTTP server on 127.0.0.1 that counts connections and holds every answer `hold` ms. */
async function server(hold = 0, reply = (res: any) => res.end('{"errcode":0}')) {
  let connections = 0
  let open = 0
  let peak = 0
  const sockets = new Set<Socket>()
  const s: Server = createServer((req, res) => {
    req.resume()
    req.on('end', () => setTimeout(() => reply(res), hold))
  })
  s.on('connection', (c) => {
    connections++
    peak = Math.max(peak, ++open)
    sockets.add(c)
    c.on('close', () => (open--, sockets.delete(c)))
  })
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
  return {
    url: `http://127.0.0.1:${(s.address() as AddressInfo).port}`,
    stats: () => ({ connections, peak }),
    close: () => new Promise<void>((r) => (s.close(() => r()), sockets.forEach((c) => c.destroy()))),
  }
}

const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  while (closers.length) await closers.pop()!()
})

const ping = defineEndpoint({ method: 'POST', path: '/ping', retry: 'send', auth: false })
const read = defineEndpoint({ method: 'GET', path: '/read', retry: 'read', auth: false })

describe('nodeTransport', () => {
  it('keeps connections alive and bounds them: 40 concurrent calls over at most maxSockets sockets', async () => {
    const srv = await server(20)
    closers.push(srv.close)
    const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: srv.url, transport: nodeTransport({ maxSockets: 3 }) })
    await Promise.all(Array.from({ length: 40 }, () => callApi(ctx, ping, { body: { a: 1 } })))
    await Promise.all(Array.from({ length: 40 }, () => callApi(ctx, ping, { body: { a: 1 } })))
    expect(srv.stats().peak).toBeLessThanOrEqual(3)
    expect(srv.stats().connections).toBeLessThanOrEqual(3)
  })

  it('connect-phase failure is "not sent" (a send is retried); a reset after writing is "unsure" (never resent)', async () => {
    const fake = await createFakeWeChat()
    closers.push(fake.close)
    const retried: string[] = []
    const ctx = createContext({
      appid: fake.appid, secret: fake.secret, baseURL: fake.url, transport: nodeTransport(),
      retry: { baseDelay: 5 }, hooks: { onRetry: (e) => retried.push(e.reason) },
    })
    await fake.failNext('reset')
    await rejects(sendText(ctx, 'o_user', 'hi'), 'wx/outcome-unknown')
    expect(fake.stats().deliveries).toBe(1)
    expect(retried).toEqual([])
    const t = nodeTransport()
    const e: any = await t({ url: 'http://127.0.0.1:1/x', method: 'POST', headers: {}, body: '{}', signal: new AbortController().signal, once: true }).catch((e) => e)
    expect(e.code).toBe('ECONNREFUSED')
    expect(e.notSent).toBe(true)
  })

  it('a request queued for a pooled socket counts as sent on it: a reset there is "unsure", never resent', async () => {
    // maxSockets 1: the second call waits in the agent's queue and is handed the first one's socket once
    // that is free (no `reusedSocket` flag, no 'connect' event). The server resets it on that request.
    let requests = 0
    const perSocket = new WeakMap<object, number>()
    const srv = createServer((req, res) => {
      requests++
      const n = (perSocket.get(req.socket) ?? 0) + 1
      perSocket.set(req.socket, n)
      req.resume()
      req.on('end', () => (n == 1 ? setTimeout(() => res.end('{"errcode":0}'), 20) : req.socket.destroy()))
    })
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r))
    closers.push(() => new Promise<void>((r) => (srv.closeAllConnections(), srv.close(() => r()))))
    const ctx = createContext({
      appid: 'wx1', secret: 's', baseURL: `http://127.0.0.1:${(srv.address() as AddressInfo).port}`,
      transport: nodeTransport({ maxSockets: 1 }), retry: { baseDelay: 5 },
    })
    const [first, second] = await Promise.allSettled([callApi(ctx, ping, { body: { a: 1 } }), callApi(ctx, ping, { body: { a: 2 } })])
    expect(first.status).toBe('fulfilled')
    expect(second.status == 'rejected' && (second.reason as any).code).toBe('wx/outcome-unknown')
    expect(requests).toBe(2)
  })

  it('https: a failed TLS handshake is "not sent" although the TCP connection was made', async () => {
    const accepted: Socket[] = []
    const tcp = createTcpServer((c) => (accepted.push(c), c.end('HTTP/1.1 400 not TLS\r\n\r\n')))
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
    closers.push(() => new Promise((r) => (tcp.close(() => r()), accepted.forEach((c) => c.destroy()))))
    const url = `https://127.0.0.1:${(tcp.address() as AddressInfo).port}/cgi-bin/message/custom/send`
    const e: any = await nodeTransport()({ url, method: 'POST', headers: {}, body: '{}', signal: new AbortController().signal, once: true }).catch((e) => e)
    expect(accepted.length).toBe(1)
    expect(e).toBeInstanceOf(Error)
    expect(e.notSent).toBe(true)
  })

  it('aborts a request in flight with the call signal, and with the call timeout', async () => {
    const srv = await server(5_000)
    closers.push(srv.close)
    const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: srv.url, transport: nodeTransport() })
    const started = Date.now()
    await rejects(callApi(ctx, read, {}, { signal: AbortSignal.timeout(100) }), 'wx/aborted')
    // A send aborted after its request went out may have arrived: outcome unknown, as with the fetch transport.
    expect((await rejects(callApi(ctx, ping, {}, { signal: AbortSignal.timeout(100) }), 'wx/outcome-unknown')).known).toMatchObject({ reason: 'wx/aborted' })
    await rejects(callApi(ctx, read, {}, { timeout: 100 }), 'wx/timeout')
    expect(Date.now() - started).toBeLessThan(2_000)
  })

  it('an answer cut short after the headers is a failure, not a truncated success', async () => {
    const srv = await server(0, (res) => {
      // A whole JSON object, but 100 bytes were announced: the answer was cut short.
      res.writeHead(200, { 'content-length': '100' })
      res.write('{"errcode":0}')
      setTimeout(() => res.destroy(), 10)
    })
    closers.push(srv.close)
    const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: srv.url, transport: nodeTransport() })
    await rejects(callApi(ctx, ping, {}), 'wx/outcome-unknown')
  })

  it('sends FormData as multipart (only uploads touch the platform Response)', async () => {
    let seen = ''
    const s = createServer((req, res) => {
      let b = ''
      req.on('data', (c) => (b += c))
      req.on('end', () => ((seen = `${req.headers['content-type']}\n${b}`), res.end('{"errcode":0}')))
    })
    await new Promise<void>((r) => s.listen(0, '127.0.0.1', r))
    closers.push(() => new Promise((r) => s.close(() => r())))
    const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: `http://127.0.0.1:${(s.address() as AddressInfo).port}`, transport: nodeTransport() })
    const fd = new FormData()
    fd.append('media', new Blob(['hello']), 'a.txt')
    await callApi(ctx, ping, { body: fd })
    expect(seen).toMatch(/^multipart\/form-data; boundary=/)
    expect(seen).toContain('filename="a.txt"')
    expect(seen).toContain('hello')
  })
})

describe('nodeTransport: waits it cannot see, answers it cannot read, options it cannot honour', () => {
  it('a call queued behind a full pool ends at its timeout or abort, as wx/timeout / wx/aborted: nothing was sent', async () => {
    let requests = 0
    const srv = await server(2_000)
    closers.push(srv.close)
    const counting = createContext({ appid: 'wx1', secret: 's', baseURL: srv.url, transport: nodeTransport({ maxSockets: 1 }) })
    const first = callApi(counting, ping, { body: { n: 1 } }).then(() => requests++)
    await new Promise((r) => setTimeout(r, 50)) // the one socket is busy for 2 s
    let started = Date.now()
    await rejects(callApi(counting, ping, { body: { n: 2 } }, { timeout: 200 }), 'wx/timeout')
    expect(Date.now() - started).toBeLessThan(1_000)
    started = Date.now()
    await rejects(callApi(counting, ping, { body: { n: 3 } }, { signal: AbortSignal.timeout(200) }), 'wx/aborted')
    expect(Date.now() - started).toBeLessThan(1_000)
    await first
    expect(srv.stats().connections).toBe(1)
    expect(requests).toBe(1)
  })

  it('a 101 Switching Protocols answer fails the call (unsure), instead of leaving it pending past its timeout', async () => {
    const tcp = createTcpServer((c) => c.once('data', () => c.end('HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n')))
    await new Promise<void>((r) => tcp.listen(0, '127.0.0.1', r))
    closers.push(() => new Promise((r) => tcp.close(() => r())))
    const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: `http://127.0.0.1:${(tcp.address() as AddressInfo).port}`, transport: nodeTransport() })
    const started = Date.now()
    await rejects(callApi(ctx, ping, {}, { timeout: 5_000 }), 'wx/outcome-unknown')
    expect(Date.now() - started).toBeLessThan(1_000)
  })

  it('refuses options the agent would misread (0 or NaN: no bound; negative: never) with wx/config', () => {
    for (const bad of [{ maxSockets: 0 }, { maxSockets: -1 }, { maxSockets: Number.NaN }, { maxSockets: 1.5 }, { idleTimeout: 0 }, { idleTimeout: -1 }, { idleTimeout: Number.POSITIVE_INFINITY }])
      expect(() => nodeTransport(bad), JSON.stringify(bad)).toThrow(/maxSockets must be a whole number >= 1 and idleTimeout a positive number/)
    expect(() => nodeTransport({ maxSockets: Number.POSITIVE_INFINITY })).not.toThrow()
  })

  it('refuses options of the wrong type with wx/config (a string or BigInt idleTimeout passed `>` and then failed every request)', () => {
    for (const bad of [{ idleTimeout: '4000' }, { idleTimeout: 4000n }, { idleTimeout: [4000] }, { idleTimeout: true }, { maxSockets: Symbol('x') }, { agents: { http: 'x' } }, { agents: 5 }])
      expect(() => nodeTransport(bad as never), String(Object.keys(bad))).toThrow(expect.objectContaining({ code: 'wx/config' }))
    expect(() => nodeTransport(null)).not.toThrow()
  })

  it('null fields are the defaults, as everywhere in the SDK', () => {
    expect(() => nodeTransport({ maxSockets: null, idleTimeout: null, maxAnswerBytes: null, agents: null } as never)).not.toThrow()
  })
})

describe('createContext: baseURL', () => {
  it('anything but an http(s) URL is wx/config at once (not a send reported as outcome-unknown later), and the value is not echoed', () => {
    for (const baseURL of ['api.weixin.qq.com', 'ftp://api.example', 'https://user:pw@proxy.example', 'https://api.example?x=1', 'https://api.example#x', 'http://[', 'https:///']) {
      const e = (() => {
        try {
          createContext({ appid: 'wx1', secret: 's', baseURL })
        } catch (x) {
          return x as Error & { code?: string }
        }
      })()
      expect(e?.code, baseURL).toBe('wx/config')
      expect(e?.message).not.toContain('pw')
    }
    for (const ok of ['http://[::1]:8080/prefix/', 'HTTP://Proxy.Example:8080', 'http://localhost:8080/@wechat', 'https://proxy.example/my proxy/%E4%BB%A3'])
      expect(() => createContext({ appid: 'wx1', secret: 's', baseURL: ok }), ok).not.toThrow()
  })

  it('a base given in capitals or with a space in its path still reaches the server, over both transports', async () => {
    const srv = await server(0)
    closers.push(srv.close)
    const base = srv.url.replace('http://', 'HTTP://') + '/my proxy'
    for (const transport of [undefined, nodeTransport()]) {
      const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: base, ...(transport ? { transport } : {}) })
      await callApi(ctx, read)
    }
    expect(srv.stats().connections).toBeGreaterThan(0)
  })
})

describe('a redirect whose body says errcode 0', () => {
  it('is no answer of WeChat (it sends none): a send is outcome-unknown, a read is retried, never a success; on both transports', async () => {
    let asked = 0
    const srv = await server(0, (res) => (asked++, res.writeHead(302, { location: 'https://portal.example/login', 'content-type': 'application/json' }), res.end('{"errcode":0,"errmsg":"ok"}')))
    closers.push(srv.close)
    for (const transport of [undefined, nodeTransport()]) {
      const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: srv.url, retry: { baseDelay: 1 }, ...(transport ? { transport } : {}) })
      asked = 0
      await rejects(callApi(ctx, ping, { body: { a: 1 } }), 'wx/outcome-unknown')
      expect(asked).toBe(1)
      expect((await rejects(callApi(ctx, read), 'wx/http')).status).toBe(302)
      expect(asked).toBe(4) // the read: 3 attempts
    }
  })
})
