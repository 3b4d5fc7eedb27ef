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
