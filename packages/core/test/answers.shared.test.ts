// What WeChat (or a proxy in front of it) answers is read in linear time and tolerated once WeChat acted.
import { callApi, defineEndpoint, getTokenInfo, parseJson, type SchemaDriftEvent } from '@wx/core'
import { getWaitCase } from '@wx/customservice'
import { massSendText } from '@wx/mass'
import { getMedia, uploadMedia } from '@wx/media'
import { sendText } from '@wx/message'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const SEND = '/cgi-bin/message/custom/send'
const getMenu = defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get', retry: 'read' })

describe('parseJson: linear time, every valid document', () => {
  it('a 1 MiB run of digits is read in under 50 ms (it took 27 s per 100 KB with the old regex)', () => {
    const digits = '7'.repeat(1 << 20)
    // The fastest of 3 runs: the bound is about the parser's work, not about a busy machine's scheduler.
    const fastest = (run: () => void) => Math.min(...[0, 1, 2].map(() => ((t) => (run(), performance.now() - t))(performance.now())))
    expect(fastest(() => expect(parseJson(`{"msg_id":${digits}}`).msg_id).toBe(digits))).toBeLessThan(50)
    expect(fastest(() => expect(() => parseJson(`{"Encrypt":${digits}`)).toThrow(SyntaxError))).toBeLessThan(50)
    expect(fastest(() => expect(() => parseJson(`{"a":"${'1'.repeat(1 << 20)}`)).toThrow(SyntaxError))).toBeLessThan(50)
  })

  it('keeps 64-bit integers exact, leaves decimals, exponents and strings alone', () => {
    expect(parseJson('{"a":0.12345678901234567}').a).toBe(0.12345678901234567)
    expect(parseJson('{"a":1.2345678901234567e5,"b":-12345678901234567890}')).toEqual({ a: 1.2345678901234567e5, b: '-12345678901234567890' })
    expect(parseJson('{"s":"x\\"1234567890123456789","n":[1234567890123456789]}')).toEqual({ s: 'x"1234567890123456789', n: ['1234567890123456789'] })
    expect(parseJson('{"small":123456789012345}').small).toBe(123456789012345)
  })

  it('refuses invalid JSON like JSON.parse: a long integer with a leading zero is not quoted into validity', () => {
    for (const bad of ['{"a":01234567890123456789}', '[0000000000000000]', '{"a":-00000000000000001}']) {
      expect(() => JSON.parse(bad)).toThrow(SyntaxError)
      expect(() => parseJson(bad)).toThrow(SyntaxError)
    }
    expect(parseJson('[-1234567890123456789,0,1234567890123456789]')).toEqual(['-1234567890123456789', 0, '1234567890123456789'])
  })

  it('a 1 MiB run of digits in an API answer is read or rejected in under 50 ms of parsing', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await callApi(c, defineEndpoint({ method: 'POST', path: '/cgi-bin/menu/create', retry: 'idempotent' }), { body: { button: [{ type: 'click', name: 'a', key: 'a' }] } })
    const body = `{"errcode":0,"menu":{"button":[]},"n":${'9'.repeat(1 << 20)}}`
    await fake.failNext({ body })
    const started = performance.now()
    const menu = await callApi(c, getMenu)
    expect(menu.n).toHaveLength(1 << 20)
    expect(performance.now() - started).toBeLessThan(1000) // HTTP included; parsing alone is measured above
  })
})

describe('a send WeChat may have acted on is never reported as a plain failure', () => {
  for (const what of ['html', 'empty', 'truncated'] as const) {
    it(`HTTP 200 with ${what === 'html' ? 'an HTML page' : what === 'empty' ? 'an empty body' : 'a truncated body'}: wx/outcome-unknown, not resent`, async () => {
      const { fake, ctx } = await useFake()
      await fake.failNext(what, 1, SEND)
      const e = await rejects(sendText(ctx(), 'o_user', 'hi'), 'wx/outcome-unknown')
      expect(e.known.status).toBe(200)
      const stats = await fake.stats()
      expect(stats.calls[SEND]).toBe(1)
      expect(stats.deliveries).toBe(1)
    })
  }

  it('a read answered with an unreadable body is retried', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { baseDelay: 5 } })
    await callApi(c, defineEndpoint({ method: 'POST', path: '/cgi-bin/menu/create', retry: 'idempotent' }), { body: { button: [{ type: 'click', name: 'a', key: 'a' }] } })
    await fake.failNext('html')
    expect((await callApi(c, getMenu)).menu.button).toHaveLength(1)
  })

  it('an answer that starts with a UTF-8 byte order mark is read (as fetch reads it) on every transport', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ body: '\uFEFF{"errcode":0,"errmsg":"ok"}' }, 1, SEND)
    await sendText(ctx(), 'o_user', 'hi')
    expect((await fake.stats()).calls[SEND]).toBe(1)
  })

  it('a redirect is never followed: a send is not posted again elsewhere, its outcome is unknown', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ body: '', status: 307, headers: { location: SEND } }, 1, SEND)
    const e = await rejects(sendText(ctx(), 'o_user', 'hi'), 'wx/outcome-unknown')
    expect(e.known.status).toBe(307)
    expect((await fake.stats()).calls[SEND]).toBe(1)
  })

  it('a download whose filename is not valid percent-encoding keeps the name as sent (read once, no retry)', async () => {
    const { fake, ctx } = await useFake()
    const headers = { 'content-type': 'image/jpeg', 'content-disposition': 'attachment; filename="100%.jpg"' }
    const c = ctx()
    const { media_id } = await uploadMedia(c, new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16]), 'image')
    await fake.failNext({ body: 'JPEG', headers }, 1, '/cgi-bin/media/get')
    const file = await getMedia(c, media_id)
    expect((file as { filename?: string }).filename).toBe('100%.jpg')
    expect((await fake.stats()).calls['/cgi-bin/media/get']).toBe(1)
  })

  it('an errcode that is no number is an error, not a success', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ body: '{"errcode":"abc","errmsg":"??"}' }, 1, SEND)
    await rejects(sendText(ctx(), 'o_user', 'hi'), 'wx/outcome-unknown')
    await fake.failNext({ body: '{"errcode":"45015","errmsg":"response out of time limit rid: 1-2-3"}' }, 1, SEND)
    await rejects(sendText(ctx(), 'o_user', 'hi'), 'wx/api', 45015)
  })
})

describe('once WeChat answered errcode 0, the call succeeds', () => {
  it('a mass send answered with msg_id null returns what it read and reports the drift once', async () => {
    const { fake, ctx } = await useFake()
    const drift: SchemaDriftEvent[] = []
    const c = ctx({ hooks: { onSchemaDrift: (e) => drift.push(e) } })
    await fake.failNext({ body: '{"errcode":0,"errmsg":"send job submission success","msg_id":null}' }, 2, '/cgi-bin/message/mass/sendall')
    const r = await massSendText(c, 'hello all', 'all', { clientmsgid: 'k1' })
    expect(r).toMatchObject({ msg_id: null, clientmsgid: 'k1' })
    await massSendText(c, 'hello again', 'all', { clientmsgid: 'k2' })
    expect(drift).toHaveLength(1)
    expect(drift[0]!.endpoint).toBe('/cgi-bin/message/mass/sendall')
    expect(drift[0]!.issues[0]!.path).toBe('msg_id')
  })

  it('the recorded getwaitcase answer (createtime, not latest_time) comes back as data with one drift report', async () => {
    const { fake, ctx } = await useFake()
    const drift: SchemaDriftEvent[] = []
    const c = ctx({ hooks: { onSchemaDrift: (e) => drift.push(e) } })
    const recorded = '{"count":1,"waitcaselist":[{"openid":"oDF3iY9WMaswOPWjCIp_f3Bnpljk","createtime":1554968460,"kf_account":""}],"errcode":0,"errmsg":"ok"}'
    await fake.failNext({ body: recorded }, 1, '/customservice/kfsession/getwaitcase')
    const r = await getWaitCase(c)
    expect(r.waitcaselist[0]).toMatchObject({ openid: 'oDF3iY9WMaswOPWjCIp_f3Bnpljk', createtime: 1554968460 })
    expect(drift).toHaveLength(1)
    expect(drift[0]!.endpoint).toBe('/customservice/kfsession/getwaitcase')
  })

  it('a drift report and an input error name the type of a string they did not expect, never its value', async () => {
    const { fake, ctx } = await useFake()
    const drift: SchemaDriftEvent[] = []
    const c = ctx({ hooks: { onSchemaDrift: (e) => drift.push(e) } })
    const ep = defineEndpoint({ method: 'GET', path: '/cgi-bin/menu/get', retry: 'read', output: () => v.looseObject({ expires_in: v.number() }) })
    // An answer with a credential where a number belongs (a proxy, a changed answer).
    await fake.failNext({ body: '{"errcode":0,"expires_in":"REFRESH_TOKEN_VALUE_42"}' }, 1, '/cgi-bin/menu/get')
    expect(await callApi(c, ep)).toMatchObject({ expires_in: 'REFRESH_TOKEN_VALUE_42' })
    expect(drift).toHaveLength(1)
    expect(drift[0]!.issues).toEqual([{ path: 'expires_in', message: 'Invalid type: Expected number but received a string' }])
    // A caller's value in the wrong place (a token where a number belongs): the error names its type only.
    const input = defineEndpoint({ method: 'POST', path: '/cgi-bin/tags/delete', retry: 'idempotent', body: () => v.object({ tag: v.object({ id: v.number() }) }) })
    const e = await rejects(callApi(c, input, { body: { tag: { id: 'USER_TOKEN_VALUE_42' } } }), 'wx/validation')
    expect(JSON.stringify([e.message, e.issues])).not.toContain('VALUE_42')
    expect(e.issues).toEqual([{ path: 'tag.id', message: 'Invalid type: Expected number but received a string' }])
    // valibot's other form, `Received "…"` (actions without an expectation, such as digits or url).
    const digits = await rejects(callApi(c, defineEndpoint({ method: 'GET', path: '/cgi-bin/x', retry: 'read', query: () => v.object({ n: v.pipe(v.string(), v.digits()) }) }), { query: { n: 'USER_TOKEN_VALUE_42' } }), 'wx/validation')
    expect(JSON.stringify([digits.message, digits.issues])).not.toContain('VALUE_42')
    expect(digits.issues![0]!.message).toBe('Invalid digits: Received a string')
  })

  it('input validation errors say that nothing was sent', async () => {
    const { ctx } = await useFake()
    const ep = defineEndpoint({ method: 'POST', path: '/cgi-bin/menu/create', retry: 'idempotent', body: () => v.object({ button: v.array(v.unknown()) }) })
    const e = await rejects(callApi(ctx(), ep, { body: {} }), 'wx/validation')
    expect(e.stage).toBe('input')
    expect(e.message).toMatch(/nothing was sent/)
  })
})

describe('token answers', () => {
  it('a token answer without expires_in is taken as 7200 s: no refresh on every call', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ body: '{"access_token":"TOKEN_WITHOUT_EXPIRY_1234"}' }, 1, '/cgi-bin/stable_token')
    const c = ctx()
    const { expiresAt } = await getTokenInfo(c)
    expect(expiresAt - Date.now()).toBeGreaterThan(7190_000)
    expect(expiresAt - Date.now()).toBeLessThanOrEqual(7200_000)
    await getTokenInfo(c)
    expect((await fake.stats()).tokenRequests).toBe(1)
  })
})
