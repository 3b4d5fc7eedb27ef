import { createContext, getAccessToken, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { createFakeWeChat } from '@wx/testing'
import { createServer } from 'node:net'
import { expect, it } from 'vitest'

/** A port nothing listens on. */
const closedPort = () =>
  new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number }
      s.close(() => resolve(port))
    })
  })

it('connection refused before sending: a send is retried (it cannot have been delivered)', async () => {
  const fake = await createFakeWeChat()
  try {
    const retried: { endpoint: string; reason: string }[] = []
    const ctx = createContext({
      appid: fake.appid, secret: fake.secret, baseURL: fake.url,
      retry: { baseDelay: 300, attempts: 5 },
      hooks: { onRetry: (e) => retried.push({ endpoint: e.endpoint, reason: e.reason }) },
    })
    await getAccessToken(ctx) // the token is cached: every retry below is the send itself
    await fake.pause()
    // Let the client read the close of its pooled keep-alive connection (a transport that pools sockets
    // would otherwise write the send on a socket the server is closing in this very tick: "unsure").
    await new Promise((r) => setTimeout(r, 30))
    const p = sendText(ctx, 'o_user', 'hi')
    setTimeout(() => void fake.resume(), 180)
    await p
    expect(retried.length).toBeGreaterThan(0)
    expect(retried.every((r) => r.endpoint === '/cgi-bin/message/custom/send' && r.reason === 'not-sent')).toBe(true)
    expect(fake.stats().tokenRequests).toBe(1)
    expect(fake.stats().deliveries).toBe(1)
  } finally {
    await fake.close()
  }
})

it('a server that is down: wx/network naming the cause, after bounded attempts', async () => {
  const ctx = createContext({ appid: 'wx1', secret: 's', baseURL: `http://127.0.0.1:${await closedPort()}`, retry: { baseDelay: 5 } })
  const e = await sendText(ctx, 'o_user', 'hi').catch((e) => e)
  expect(isWxError(e)).toBe(true)
  expect(e.code).toBe('wx/network')
  expect(e.message).toContain('ECONNREFUSED')
})
