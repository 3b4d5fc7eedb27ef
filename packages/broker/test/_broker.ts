// Shared by the broker tests: a Fetch handler served over real HTTP on 127.0.0.1, and a broker owning a fake account.
import { serve, type ServerType } from '@hono/node-server'
import { createContext, memoryTokenStore } from '@wx/core'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { brokerTokenSource, createTokenBroker, type TokenBrokerOptions } from '../src/index.ts'

const servers: ServerType[] = []
/**
 * Closes every server `listen` started (called after each test), with its connections: a keep-alive
 * connection whose request the client aborted would otherwise hold `close` for seconds.
 */
export const closeAll = async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((r) => ('closeAllConnections' in s && s.closeAllConnections(), s.close(r)))))
}
afterEach(closeAll)
/** Serves a Fetch handler over real HTTP on 127.0.0.1. */
export async function listen(handler: (r: Request) => Promise<Response>): Promise<string> {
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: handler, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  servers.push(server)
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`
}
export const SECRET = 'broker-secret-0123456789abcdefghijklmnop'
export async function setup(o: Omit<TokenBrokerOptions, 'authorize'> = {}) {
  const { fake, ctx } = await useFake()
  const owner = ctx({ tokenStore: memoryTokenStore() })
  const broker = createTokenBroker(owner, { authorize: SECRET, ...o })
  const hits = { n: 0, methods: [] as string[] }
  const url = await listen((r) => (hits.n++, hits.methods.push(r.method), broker(r)))
  const source = (extra = {}) => brokerTokenSource(url, { appid: fake.appid, secret: SECRET, ...extra })
  const consumer = (extra = {}) => createContext({ appid: fake.appid, baseURL: fake.baseURL, getAccessToken: source(extra) })
  return { fake, owner, url, consumer, source, hits }
}

