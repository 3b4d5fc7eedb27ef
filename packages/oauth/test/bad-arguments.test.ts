import * as oauth from '@wx/oauth'
import { createState } from '@wx/oauth'
import { describe, expect, it } from 'vitest'
import { fuzzCalls, type GoodCalls } from '../../../test/bad.ts'
import { useFake } from '../../../test/fake.ts'

describe('every export of @wx/oauth, with bad values in each of its first 4 argument slots and in each field of an object argument', () => {
  it('returns/resolves or throws/rejects a WxError, never a raw error; a Promise-returning function never throws', async () => {
    const { ctx } = await useFake()
    const KEY = 'state-secret-of-at-least-32-bytes!!'
    const state = await createState(KEY, { bind: 'sid' })
    const user = { access_token: 'FAKE_USER_AT_unknown', openid: 'o_fuzz_user' }
    // The good call of each export; `true`: it returns a Promise.
    const good: GoodCalls = {
      getAuthorizeURL: [false, () => [{ appid: 'wx1', redirectUri: 'https://example.com/cb', scope: 'snsapi_base', state, forcePopup: false, baseURL: 'https://open.weixin.qq.com' }]],
      getUserAccessToken: [true, (c) => [c, 'CODE_NEVER_ISSUED', { timeout: 5000 }]],
      refreshUserAccessToken: [true, (c) => [c, 'FAKE_USER_RT_unknown', { timeout: 5000 }]],
      getUserInfo: [true, (c) => [c, user, { lang: 'en', timeout: 5000 }]],
      checkUserAccessToken: [true, (c) => [c, user, { signal: new AbortController().signal }]],
      createState: [true, () => [KEY, { ttl: 60, bind: 'sid' }]],
      verifyState: [true, () => [KEY, state, { bind: 'sid' }]],
    }
    const exported = Object.keys(oauth).filter((k) => typeof (oauth as any)[k] == 'function')
    expect(exported.sort()).toEqual(Object.keys(good).sort())
    const found = await fuzzCalls(oauth, good, () => ctx())
    expect(found).toEqual([])
  })
})

describe('createState / verifyState bind', () => {
  it("an empty bind (a missing session cookie) is wx/validation: it would bind every browser alike", async () => {
    const KEY = 'state-secret-of-at-least-32-bytes!!'
    const e1 = await createState(KEY, { bind: '' }).then(() => undefined, (e) => e)
    expect(e1?.code).toBe('wx/validation')
    const state = await createState(KEY)
    const e2 = await oauth.verifyState(KEY, state, { bind: '' }).then(() => undefined, (e) => e)
    expect(e2?.code).toBe('wx/validation')
    expect(await oauth.verifyState(KEY, state)).toBe(true)
  })

  it('a bind given as undefined (`{ bind: req.cookies.sid }` without the cookie) is wx/validation; leaving bind out is an unbound state', async () => {
    const KEY = 'state-secret-of-at-least-32-bytes!!'
    const e1 = await createState(KEY, { bind: undefined } as never).then(() => undefined, (e) => e)
    expect(e1?.code).toBe('wx/validation')
    const state = await createState(KEY, { ttl: 60 })
    const e2 = await oauth.verifyState(KEY, state, { bind: undefined } as never).then(() => undefined, (e) => e)
    expect(e2?.code).toBe('wx/validation')
    expect(await oauth.verifyState(KEY, state, {})).toBe(true)
  })
})

describe('null option fields', () => {
  it('are "not set" (getUserInfo lang, getAuthorizeURL forcePopup/baseURL): the same request or link as without them', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const user = await oauth.getUserAccessToken(c, await fake.authorize({ scope: 'snsapi_userinfo' }))
    const N = null as never
    expect(await oauth.getUserInfo(c, user, { lang: N })).toEqual(await oauth.getUserInfo(c, user))
    const [a, b] = (await fake.requests()).filter((r) => r.path == '/sns/userinfo')
    expect(a).toEqual(b)
    expect(a!.query).not.toHaveProperty('lang')
    const params = { appid: 'wx1', redirectUri: 'https://example.com/cb', scope: 'snsapi_base', state: 's' } as const
    expect(oauth.getAuthorizeURL({ ...params, forcePopup: N, baseURL: N })).toBe(oauth.getAuthorizeURL(params))
  })

  it('except bind: null, refused (wx/validation) like any bind that is no string: a missing session id must not make an unbound state', async () => {
    const KEY = 'state-secret-of-at-least-32-bytes!!'
    const e1 = await createState(KEY, { bind: null as never }).then(() => undefined, (e) => e)
    expect(e1?.code).toBe('wx/validation')
    const e2 = await oauth.verifyState(KEY, await createState(KEY), { bind: null as never }).then(() => undefined, (e) => e)
    expect(e2?.code).toBe('wx/validation')
  })
})
