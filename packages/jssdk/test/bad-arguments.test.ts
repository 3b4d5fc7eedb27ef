import * as jssdk from '@wx/jssdk'
import { describe, expect, it } from 'vitest'
import { fuzzCalls, type GoodCalls } from '../../../test/bad.ts'
import { useFake } from '../../../test/fake.ts'

describe('every export of @wx/jssdk, with bad values in each of its first 4 argument slots and in each field of an object argument', () => {
  it('returns/resolves or throws/rejects a WxError, never a raw error; a Promise-returning function never throws', async () => {
    const { ctx } = await useFake()
    const url = 'https://example.com/page?id=1'
    // The good call of each export; `true`: it returns a Promise.
    const good: GoodCalls = {
      getTicket: [true, (c) => [c, 'jsapi', { timeout: 5000, getTicket: async () => 'SOURCE_TICKET' }]],
      invalidateTicket: [false, (c) => [c, 'jsapi', 'FAKE_JS_TICKET_not_current']],
      getJsConfig: [true, (c) => [c, { url, jsApiList: ['chooseImage'], openTagList: ['wx-open-launch-weapp'], debug: false }, { timeout: 5000 }]],
      getCardExt: [true, (c) => [c, { cardId: 'card_1', code: 'c1', openid: 'o_fuzz_user', balance: 0 }, { signal: new AbortController().signal }]],
      signJsConfig: [true, () => ['a-ticket', { url, nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457 }]],
      signCardExt: [true, () => ['a-ticket', { cardId: 'card_1', nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457, code: 'c1', openid: 'o_fuzz_user' }]],
    }
    const exported = Object.keys(jssdk).filter((k) => typeof (jssdk as any)[k] == 'function')
    expect(exported.sort()).toEqual(Object.keys(good).sort())
    const found = await fuzzCalls(jssdk, good, () => ctx())
    expect(found).toEqual([])
  })
})

describe('signJsConfig / signCardExt with the ticket and the fields swapped', () => {
  it('the error never carries the ticket', async () => {
    const ticket = 'sM4AOVdWfPE4DxkXGEs8VMCPGGVi4C3VM0P37wVUCFvkVAy_90u5h9nbSlYy3-Sl-HhTdfl2fzFy1AOcHKP7qg'
    const p = { url: 'https://example.com/', nonceStr: 'n', timestamp: 1 }
    for (const run of [() => jssdk.signJsConfig(p as never, ticket as never), () => jssdk.signCardExt(p as never, ticket as never)]) {
      const e = await run().then(() => undefined, (x) => x)
      expect(e?.code).toBe('wx/validation')
      expect(JSON.stringify({ m: e.message, i: e.issues })).not.toContain(ticket.slice(0, 12))
    }
  })
})

describe('signCardExt with null optional fields', () => {
  it('code: null / openid: null sign as if absent (cardSignature reads null as empty), not wx/validation', async () => {
    const p = { cardId: 'card_1', nonceStr: 'Wm3WZYTPz0wzccnW', timestamp: 1414587457 }
    const absent = await jssdk.signCardExt('a-ticket', p)
    expect(await jssdk.signCardExt('a-ticket', { ...p, code: null, openid: null } as never)).toEqual(absent)
  })
})

describe('null option fields', () => {
  it('are "not set" (getCardExt, getJsConfig): the same result as with the fields left out', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const N = null as never
    const opts = { getTicket: async () => 'a-ticket' }
    const cardId = 'card_1'
    const card = await jssdk.getCardExt(c, { cardId, code: N, openid: N, fixedBeginTimestamp: N, outerStr: N, balance: N }, opts)
    const ext = JSON.parse(card.cardExt)
    expect(Object.keys(ext)).toEqual(Object.keys(JSON.parse((await jssdk.getCardExt(c, { cardId }, opts)).cardExt)))
    expect(ext).toMatchObject({ code: '', openid: '' })
    expect(ext.signature).toBe(await jssdk.signCardExt('a-ticket', { cardId, timestamp: ext.timestamp, nonceStr: ext.nonce_str }))
    const url = 'https://example.com/page?id=1'
    const config = await jssdk.getJsConfig(c, { url, jsApiList: ['chooseImage'], openTagList: N, debug: N, rejected: N }, opts)
    expect(Object.keys(config)).toEqual(Object.keys(await jssdk.getJsConfig(c, { url, jsApiList: ['chooseImage'] }, opts)))
    expect(config).toMatchObject({ debug: false, appId: fake.appid, jsApiList: ['chooseImage'] })
    expect(config.signature).toBe(await jssdk.signJsConfig('a-ticket', { url, timestamp: config.timestamp, nonceStr: config.nonceStr }))
  })
})
