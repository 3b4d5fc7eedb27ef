// The secret and the access token never leave: not through inspect, console.log, JSON, errors or hooks.
import { createContext, getAccessToken, memoryTokenStore, redact, type StoreErrorEvent, type TokenStore } from '@wx/core'
import { getTicket } from '@wx/jssdk'
import { sendText } from '@wx/message'
import { ReplyError } from 'ioredis'
import { format, inspect } from 'node:util'
import { describe, expect, it } from 'vitest'
import { exposed, rejects, useFake } from '../../../test/fake.ts'

describe('secrets never leave', () => {
  it('console.log / util.inspect / JSON.stringify of a context show neither the secret nor the token', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await sendText(c, 'o_user', 'hi')
    const token = await getAccessToken(c)
    for (const shown of [inspect(c), inspect(c, { showHidden: true, depth: 20 }), format('%o', c), format('%O', c), format('%s', c), JSON.stringify(c), String(Object.entries(c))]) {
      expect(shown).not.toContain(fake.secret)
      expect(shown).not.toContain(token)
    }
    expect(JSON.stringify(c)).toBe(JSON.stringify({ appid: fake.appid, tokenMode: 'stable' }))
    expect(inspect(c)).toContain(fake.appid)
  })

  it('store errors are wrapped before a hook sees them: no command.args (which hold the token)', async () => {
    const { ctx } = await useFake()
    const events: StoreErrorEvent[] = []
    const inner = memoryTokenStore()
    let token = ''
    const store: TokenStore = {
      get: inner.get,
      async set(key, t) {
        token = t.accessToken
        const e = new ReplyError('ERR OOM command not allowed when used memory > maxmemory') as any
        e.command = { name: 'set', args: [key, JSON.stringify(t), 'PX', 7200000] }
        throw e
      },
    }
    const c = ctx({ tokenStore: store, hooks: { onStoreError: (e) => events.push(e) } })
    await sendText(c, 'o_user', 'hi')
    expect(events).toHaveLength(1)
    const e = events[0]!
    expect(e.error.code).toBe('wx/token')
    expect(e.error.message).toContain('maxmemory')
    for (const shown of [JSON.stringify(e), inspect(e, { depth: 20, showHidden: true }), format('%o', e.error), exposed(e.error)]) expect(shown).not.toContain(token)
  })

  it('redact covers the query, the JSON form and the literal values it is given', () => {
    expect(redact('/x?access_token=abc&b=1')).toBe('/x?access_token=***&b=1')
    expect(redact('{"access_token":"tok-123456","expires_in":7200}')).toBe('{"access_token":"***","expires_in":7200}')
    expect(redact('{"secret" : "s3cr3t-value"}')).toBe('{"secret" : "***"}')
    expect(redact('invalid appsecret s3cr3t-value, view more', ['s3cr3t-value'])).toBe('invalid appsecret ***, view more')
    // Prefixed names (JS-SDK tickets, third-party platform tokens, OAuth client secrets), query and JSON.
    expect(redact('sign input: jsapi_ticket=TICKET_VALUE_123&noncestr=x')).toBe('sign input: jsapi_ticket=***&noncestr=x')
    expect(redact('{"jsapi_ticket":"TICKET_VALUE_123"}')).toBe('{"jsapi_ticket":"***"}')
    expect(redact('/x?component_access_token=CAT_VALUE_123&authorizer_refresh_token=R1')).toBe('/x?component_access_token=***&authorizer_refresh_token=***')
    expect(redact('client_secret=abc')).toBe('client_secret=***')
    // Megabytes of name-like text (an answer's errmsg): no RangeError from the regex engine's backtracking.
    expect(redact('a_'.repeat(4_000_000)).length).toBe(8_000_000)
    // A path followed by an errcode is no credential.
    expect(redact('/sns/oauth2/access_token: 40029 invalid code')).toBe('/sns/oauth2/access_token: 40029 invalid code')
  })

  it("store errors that echo a record never show a JS-SDK ticket, nor a fleet token the context has not seen", async () => {
    const { ctx } = await useFake()
    const events: StoreErrorEvent[] = []
    // A store whose errors echo the record (a custom store, a proxy in front of one).
    const shared = memoryTokenStore()
    const echoing: TokenStore = {
      get: shared.get,
      set: async (key, t) => {
        throw new Error(`write of ${key} rejected: value ${t.accessToken} in ${JSON.stringify(t)}`)
      },
    }
    const c = ctx({ tokenStore: echoing, hooks: { onStoreError: (e) => events.push(e) } })
    const token = await getAccessToken(c)
    const ticket = await getTicket(c, 'jsapi')
    const fleetToken = await getAccessToken(ctx({ tokenStore: shared }))
    const reading: TokenStore = {
      ...shared,
      get: async (k) => {
        throw new Error(`cannot decode ${k}: ${JSON.stringify(await shared.get(k))}`)
      },
    }
    await getAccessToken(ctx({ tokenStore: reading, hooks: { onStoreError: (e) => events.push(e) } }))
    expect(events.map((e) => e.operation)).toEqual(['set', 'set', 'get', 'get'])
    const shown = events.map((e) => `${exposed(e.error)}\n${inspect(e, { depth: 20 })}`).join('\n')
    for (const value of [token, ticket, fleetToken]) expect(shown).not.toContain(value)
    expect(redact('{"accessToken":"tok-123456","expiresAt":1}')).toBe('{"accessToken":"***","expiresAt":1}')
  })

  it('an errmsg that echoes the bare secret or the token is redacted in the error', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ body: `{"errcode":40125,"errmsg":"invalid appsecret ${fake.secret} hint: [x]"}` }, 1, '/cgi-bin/stable_token')
    const e = await rejects(sendText(ctx(), 'o_user', 'hi'), 'wx/config', 40125)
    expect(exposed(e)).not.toContain(fake.secret)
    const c = ctx()
    const token = await getAccessToken(c)
    await fake.failNext({ body: `{"errcode":48001,"errmsg":"api unauthorized for ${token} rid: a-b-c"}` }, 1, '/cgi-bin/message/custom/send')
    const e2 = await rejects(sendText(c, 'o_user', 'hi'), 'wx/api', 48001)
    expect(exposed(e2)).not.toContain(token)
  })

  it("a transport error that carries the URL (Deno's do) is redacted", async () => {
    const c = createContext({
      appid: 'wx1',
      secret: 'secret-value-1',
      getAccessToken: async () => 'TOKEN_IN_URL_123456',
      retry: { attempts: 1 },
      // Deno's fetch errors read "error sending request for url (https://...?access_token=...)".
      transport: async ({ url }) => {
        throw new TypeError(`error sending request for url (${url}): connection closed before message completed`)
      },
    })
    const e = await rejects(sendText(c, 'o_user', 'hi'), 'wx/outcome-unknown')
    expect(exposed(e)).not.toContain('TOKEN_IN_URL_123456')
  })
})
