import { memoryTokenStore, type TokenStore, type WxError } from '@wx/core'
import { checkUserAccessToken, createState, getAuthorizeURL, getUserAccessToken, getUserInfo, refreshUserAccessToken, verifyState } from '@wx/oauth'
import { describe, expect, it } from 'vitest'
import { exposed, rejectedLocally, rejects, useFake } from '../../../test/fake.ts'

const KEY = 'state-secret-of-at-least-32-bytes!!'

/** A token store that records every key written. */
function spyStore(): TokenStore & { written: string[]; values: string[] } {
  const inner = memoryTokenStore()
  const written: string[] = []
  const values: string[] = []
  return {
    written,
    values,
    get: (k) => inner.get(k),
    set: (k, t, ttl) => (written.push(k), values.push(t.accessToken), inner.set(k, t, ttl)),
  }
}

describe('the OAuth2 flow against the fake', () => {
  it("a hash-routed page gets code and state in the query, before its #fragment (as WeChat sends them)", async () => {
    const { fake } = await useFake()
    const url = getAuthorizeURL({ appid: fake.appid, redirectUri: 'https://example.com/app?x=1#/login', scope: 'snsapi_base', state: 's1', baseURL: fake.baseURL })
    const back = new URL((await fetch(url, { redirect: 'manual' })).headers.get('location')!)
    expect(back.hash).toBe('#/login')
    expect(back.searchParams.get('x')).toBe('1')
    expect(back.searchParams.get('state')).toBe('s1')
    expect(back.searchParams.get('code')).toMatch(/\w/)
  })

  it("the authorize page answers 10016 for an appid that is not the account's, 10003 for a bad redirect_uri", async () => {
    const { fake } = await useFake()
    const answer = async (appid: string, redirect: string) =>
      ((await (await fetch(`${fake.baseURL}/connect/oauth2/authorize?appid=${appid}&redirect_uri=${encodeURIComponent(redirect)}&response_type=code&scope=snsapi_base&state=s`, { redirect: 'manual' })).json()) as { errcode: number }).errcode
    expect(await answer('wx_not_this_account', 'https://example.com/cb')).toBe(10016)
    expect(await answer(fake.appid, 'example.com/cb')).toBe(10003)
  })

  it('authorize → code → user token → userinfo → check → refresh, apart from the app token', async () => {
    const { fake, ctx } = await useFake()
    const tokenStore = spyStore()
    const c = ctx({ tokenStore })
    const state = await createState(KEY, { bind: 'session-1' })
    const url = getAuthorizeURL({ appid: fake.appid, redirectUri: 'https://example.com/login/cb?next=/me', scope: 'snsapi_userinfo', state, baseURL: fake.baseURL })
    expect(url.endsWith('#wechat_redirect')).toBe(true)
    // The user consents in WeChat: the fake's authorize page redirects back with code and state.
    const res = await fetch(url, { redirect: 'manual' })
    expect(res.status).toBe(302)
    const back = new URL(res.headers.get('location')!)
    expect(back.origin + back.pathname).toBe('https://example.com/login/cb')
    expect(back.searchParams.get('next')).toBe('/me')
    expect(back.searchParams.get('state')).toBe(state)
    expect(await verifyState(KEY, back.searchParams.get('state'), { bind: 'session-1' })).toBe(true)

    const user = await getUserAccessToken(c, back.searchParams.get('code')!)
    expect(user).toMatchObject({ openid: 'o_oauth_user', scope: 'snsapi_userinfo', expires_in: 7200 })
    expect(user.access_token).toMatch(/^FAKE_USER_AT_/)
    expect(user.refresh_token).toMatch(/^FAKE_USER_RT_/)
    const info = await getUserInfo(c, user, { lang: 'en' })
    expect(info).toMatchObject({ openid: 'o_oauth_user', nickname: 'Fake User', privilege: [] })
    expect(await checkUserAccessToken(c, user)).toBe(true)
    const renewed = await refreshUserAccessToken(c, user.refresh_token)
    expect(renewed.access_token).not.toBe(user.access_token)
    expect(renewed.refresh_token).toBe(user.refresh_token)
    expect(await getUserInfo(c, renewed)).toMatchObject({ nickname: '测试用户' })

    // The app's token was never needed, nor stored; the user's token went in the query, alone.
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(0)
    expect(tokenStore.written).toEqual([])
    const log = await fake.requests()
    expect(log.map((r) => r.path)).toEqual(['/sns/oauth2/access_token', '/sns/userinfo', '/sns/auth', '/sns/oauth2/refresh_token', '/sns/userinfo'])
    expect(log[0]!.query).toMatchObject({ appid: fake.appid, secret: '***', grant_type: 'authorization_code' })
    expect(log[1]!.query).toEqual({ access_token: '***', openid: 'o_oauth_user', lang: 'en' })
  })

  it('a code works once (40163), an unknown code is 40029, an expired one 42003; the app token is untouched', async () => {
    const { fake, ctx } = await useFake()
    const tokenStore = spyStore()
    const seen: WxError[] = []
    const c = ctx({ tokenStore, hooks: { onError: (e) => seen.push(e.error) } })
    const code = await fake.authorize({ scope: 'snsapi_base' })
    await getUserAccessToken(c, code)
    const used = await rejects(getUserAccessToken(c, code), 'wx/api', 40163)
    expect(used.hint).toMatch(/already used/)
    // onError sees the error the caller gets (a user's errcode is no configuration alert).
    expect(seen).toEqual([used])
    const invalid = await rejects(getUserAccessToken(c, 'no_such_code'), 'wx/api', 40029)
    expect(invalid.message).toMatch(/^\/sns\/oauth2\/access_token \(errcode 40029\): invalid code.*\(invalid code: use the code/)
    const late = await fake.authorize({ scope: 'snsapi_base' })
    await fake.expireOauth('code')
    await rejects(getUserAccessToken(c, late), 'wx/api', 42003)
    expect(tokenStore.written).toEqual([])
    expect((await fake.stats()).tokenRequests).toBe(0)
  })

  it('user tokens: 48001 for snsapi_base, 42001 expired, 40001 unknown, 40003 another openid; 42002 refresh expired', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const base = await getUserAccessToken(c, await fake.authorize({ scope: 'snsapi_base', openid: 'o_alice' }))
    expect(base.openid).toBe('o_alice')
    const e48001 = await rejects(getUserInfo(c, base), 'wx/api', 48001)
    expect(e48001.hint).toMatch(/snsapi_userinfo/)
    expect(await checkUserAccessToken(c, { ...base, openid: 'o_bob' })).toBe(false)
    await rejects(getUserInfo(c, { ...base, openid: 'o_bob' }), 'wx/api', 40003)
    const unknown = { access_token: 'FAKE_USER_AT_nope', openid: 'o_alice' }
    expect(await checkUserAccessToken(c, unknown)).toBe(false)
    const e40001 = await rejects(getUserInfo(c, unknown), 'wx/api', 40001)
    expect(exposed(e40001)).not.toContain('FAKE_USER_AT_nope')
    await fake.expireOauth('access_token')
    expect(await checkUserAccessToken(c, base)).toBe(false)
    const e42001 = await rejects(getUserInfo(c, base), 'wx/api', 42001)
    // A user token rejected is never taken for the app's: no app token refresh, no repeat.
    expect(exposed(e42001)).not.toContain(base.access_token)
    expect((await fake.stats()).tokenRequests).toBe(0)
    expect((await fake.stats()).calls['/sns/userinfo']).toBe(4)
    const again = await refreshUserAccessToken(c, base.refresh_token)
    expect(await checkUserAccessToken(c, again)).toBe(true)
    await fake.expireOauth('refresh_token')
    const e42002 = await rejects(refreshUserAccessToken(c, base.refresh_token), 'wx/api', 42002)
    expect(e42002.hint).toMatch(/authorization again/)
    expect(exposed(e42002)).not.toContain(base.refresh_token)
    await rejects(refreshUserAccessToken(c, 'FAKE_USER_RT_nope'), 'wx/api', 40030)
  })

  it('a wrong secret is wx/config; errors never show the secret or the user token', async () => {
    const { fake, ctx } = await useFake()
    const e = await rejects(getUserAccessToken(ctx({ secret: 'wrong_secret_value' }), await fake.authorize({ scope: 'snsapi_base' })), 'wx/config', 40125)
    expect(exposed(e)).not.toContain('wrong_secret_value')
    const c = ctx()
    const user = await getUserAccessToken(c, await fake.authorize({ scope: 'snsapi_userinfo' }))
    await fake.failNext('http500', 3)
    const e5 = await rejects(getUserInfo(c, user, { timeout: 3000 }), 'wx/http')
    expect(exposed(e5)).not.toContain(user.access_token)
    // A code is not resent after an ambiguous failure: it would only answer 40163.
    await fake.failNext('http500')
    await rejects(getUserAccessToken(c, await fake.authorize({ scope: 'snsapi_base' })), 'wx/outcome-unknown')
    const noSecret = ctx({ secret: undefined as any, getAccessToken: async () => 'x' })
    await rejects(getUserAccessToken(noSecret, 'code'), 'wx/config')
    // 40164 (IP not whitelisted): the IP to whitelist and core's hint survive, as on the app's own endpoints.
    const code = await fake.authorize({ scope: 'snsapi_base' })
    const errmsg = 'invalid ip 203.0.113.9 ipv6 ::ffff:203.0.113.9, not in whitelist rid: 1-2-3'
    await fake.failNext({ body: JSON.stringify({ errcode: 40164, errmsg }) }, 1, '/sns/oauth2/access_token')
    const ip = await rejects(getUserAccessToken(c, code), 'wx/config', 40164)
    expect(ip.ip).toBe('203.0.113.9')
    expect(ip.hint).toMatch(/whitelist/)
  })

  it('rejects bad input before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, getUserAccessToken(c, ''), 'code')
    await rejectedLocally(fake, getUserAccessToken(c, 'a&b=c'), 'code')
    await rejectedLocally(fake, refreshUserAccessToken(c, 'has space'), 'refresh_token')
    await rejectedLocally(fake, getUserInfo(c, { access_token: 't', openid: 'bad openid' }), 'openid')
    await rejectedLocally(fake, getUserInfo(c, { access_token: 't', openid: 'o_x' }, { lang: 'fr' as any }), 'lang')
    await rejectedLocally(fake, checkUserAccessToken(c, { access_token: '', openid: 'o_x' }), 'access_token')
  })
})

describe("the user's credentials in errors", () => {
  it('a user token, refresh token or code that WeChat or a proxy echoes in errmsg is redacted from the error and every hook event', async () => {
    const { fake, ctx } = await useFake()
    const events: any[] = []
    const hooked: unknown[] = []
    const c = ctx({ hooks: { onError: (e) => events.push(e), onResponse: (e) => hooked.push(e), onRetry: (e) => hooked.push(e) } })
    const user = await getUserAccessToken(c, await fake.authorize({ scope: 'snsapi_userinfo', openid: 'o_user_1' }))
    const echo = (errcode: number, value: string) => fake.failNext({ body: JSON.stringify({ errcode, errmsg: `invalid credential, value is ${value} rid: 6-7-8` }) }, 1)
    const seen: [WxError, string][] = []
    await echo(40001, user.access_token)
    seen.push([await rejects(getUserInfo(c, user), 'wx/api', 40001), user.access_token])
    await echo(40003, user.access_token)
    // checkUserAccessToken answers false for 40001/40003/42001; another errcode is thrown.
    await fake.failNext({ body: JSON.stringify({ errcode: 40066, errmsg: `bad ${user.access_token}` }) }, 1)
    expect(await checkUserAccessToken(c, user)).toBe(false)
    seen.push([await rejects(checkUserAccessToken(c, user), 'wx/api', 40066), user.access_token])
    await echo(40030, user.refresh_token)
    seen.push([await rejects(refreshUserAccessToken(c, user.refresh_token), 'wx/api', 40030), user.refresh_token])
    const code = await fake.authorize({ scope: 'snsapi_base' })
    await echo(40029, code)
    seen.push([await rejects(getUserAccessToken(c, code), 'wx/api', 40029), code])
    for (const [e, secret] of seen) {
      expect(exposed(e)).not.toContain(secret)
      expect(e.errmsg).toMatch(/value is \*\*\*|bad \*\*\*/)
      expect(e.rid ?? '6-7-8').toBe('6-7-8')
    }
    // One more: the 40003 that checkUserAccessToken answered false for reached onError too (echoing the token).
    expect(events).toHaveLength(seen.length + 1)
    const logged = JSON.stringify(events.map((x) => [x.error.message, x.error.errmsg]))
    for (const [, secret] of seen) expect(logged).not.toContain(secret)
    // A transient failure that echoes the token, then success: the retry's events carry no token either.
    await fake.failNext({ body: JSON.stringify({ errcode: -1, errmsg: `system busy: GET /sns/userinfo ${user.access_token}` }) }, 1)
    expect((await getUserInfo(c, user)).openid).toBe('o_user_1')
    const retried = hooked.filter((e: any) => e.reason !== undefined)
    expect(retried).toHaveLength(1)
    expect(hooked.filter((e: any) => /\*\*\*/.test(e.errmsg ?? '')).length).toBeGreaterThanOrEqual(seen.length + 2)
    const all = JSON.stringify(hooked)
    for (const [, secret] of seen) expect(all).not.toContain(secret)
    // The fake's request log (what a test prints on failure) masks the codes too.
    const exchanged = (await fake.requests()).filter((r) => r.path === '/sns/oauth2/access_token')
    expect(exchanged.length).toBeGreaterThan(1)
    expect(exchanged.map((r) => r.query.code)).toEqual(exchanged.map(() => '***'))
  })
})

describe('getAuthorizeURL', () => {
  it('builds the documented link, with #wechat_redirect', () => {
    expect(getAuthorizeURL({ appid: 'wx520c15f417810387', redirectUri: 'https://chong.qq.com/php/index.php?d=&c=wxAdapter&m=mobileDeal', scope: 'snsapi_base', state: '123' })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx520c15f417810387&redirect_uri=https%3A%2F%2Fchong.qq.com%2Fphp%2Findex.php%3Fd%3D%26c%3DwxAdapter%26m%3DmobileDeal&response_type=code&scope=snsapi_base&state=123#wechat_redirect',
    )
    expect(getAuthorizeURL({ appid: 'wx1', redirectUri: 'http://a.example/cb', scope: 'snsapi_userinfo', state: '', forcePopup: true })).toBe(
      'https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1&redirect_uri=http%3A%2F%2Fa.example%2Fcb&response_type=code&scope=snsapi_userinfo&state=&forcePopup=true#wechat_redirect',
    )
  })
  it('rejects bad input', async () => {
    const p = { appid: 'wx1', redirectUri: 'https://a.example/cb', scope: 'snsapi_base', state: 's' } as const
    const bad = (o: object, field: string) => {
      let e: any
      try {
        getAuthorizeURL({ ...p, ...o } as any)
      } catch (x) {
        e = x
      }
      expect(e?.code).toBe('wx/validation')
      expect(JSON.stringify(e.issues)).toContain(field)
    }
    bad({ scope: 'snsapi_login' }, 'scope')
    bad({ redirectUri: '/cb' }, 'redirectUri')
    bad({ state: 'has space' }, 'state')
    bad({ state: 'x'.repeat(129) }, 'state')
    bad({ appid: '' }, 'appid')
  })
})

describe('state helpers', () => {
  it('a signed, expiring, bound state: letters and digits, ≤ 128 bytes', async () => {
    const s = await createState(KEY, { bind: 'sid-1' })
    expect(s).toMatch(/^[0-9a-z]{90}$/)
    expect(await createState(KEY)).not.toBe(await createState(KEY))
    expect(await verifyState(KEY, s, { bind: 'sid-1' })).toBe(true)
    expect(await verifyState(KEY, s, { bind: 'sid-2' })).toBe(false)
    expect(await verifyState(KEY, s)).toBe(false)
    expect(await verifyState('another-secret-of-at-least-32-bytes', s, { bind: 'sid-1' })).toBe(false)
    const flipped = s.slice(0, 89) + (s[89] === '0' ? '1' : '0')
    expect(await verifyState(KEY, flipped, { bind: 'sid-1' })).toBe(false)
    // The expiry is signed: moving it forward breaks the MAC.
    const exp = s.slice(16, 26)
    expect(await verifyState(KEY, s.slice(0, 16) + String(Number(exp) + 3600) + s.slice(26), { bind: 'sid-1' })).toBe(false)
    for (const junk of [null, undefined, '', 'x', s + '0', s.toUpperCase(), 'a'.repeat(100_000)]) expect(await verifyState(KEY, junk as any)).toBe(false)
  })
  it('expires', async () => {
    const s = await createState(KEY, { ttl: 1 })
    expect(await verifyState(KEY, s)).toBe(true)
    await new Promise((r) => setTimeout(r, 2100))
    expect(await verifyState(KEY, s)).toBe(false)
  })
  it('binds to strings only: an object, array or symbol bind is wx/validation, never "[object Object]" for every browser', async () => {
    const st = await createState(KEY, { bind: 'A' })
    for (const bind of [{ id: 'A' }, ['A'], Symbol('A'), 42, null, () => 'A']) {
      const e = await rejects(createState(KEY, { bind } as any), 'wx/validation')
      expect(JSON.stringify(e.issues)).toContain('bind')
      expect(exposed(e)).not.toContain('"A"')
      await rejects(verifyState(KEY, st, { bind } as any), 'wx/validation')
    }
    // What the reviewer found: bound to {id:'A'}, verified with {id:'B'}; bound to ['A'], verified with 'A'.
    await rejects(verifyState(KEY, st, { bind: { id: 'B' } } as any), 'wx/validation')
    expect(await verifyState(KEY, st, { bind: 'A' })).toBe(true)
  })
  it('options: null is none; anything but an object is wx/validation', async () => {
    const st = await createState(KEY, null)
    expect(await verifyState(KEY, st, null)).toBe(true)
    expect(await verifyState(KEY, await createState(KEY, { bind: 'sid' }), null)).toBe(false)
    for (const bad of ['ttl=60', 60, true, Symbol('o'), 10n]) {
      const e = await rejects(createState(KEY, bad as any), 'wx/validation')
      expect(exposed(e)).not.toContain('ttl=60')
      await rejects(verifyState(KEY, st, bad as any), 'wx/validation')
    }
    for (const ttl of ['60', -1, NaN, Infinity, 86_401, {}]) await rejects(createState(KEY, { ttl } as any), 'wx/validation')
    expect(await createState(KEY, { ttl: null } as any)).toMatch(/^[0-9a-z]{90}$/)
  })
  it('refuses short secrets and bad ttls', async () => {
    await rejects(createState('short'), 'wx/config')
    await rejects(verifyState('short', 'x'), 'wx/config')
    await rejects(createState(KEY, { ttl: 0 }), 'wx/validation')
    await rejects(createState(KEY, { ttl: 1.5 }), 'wx/validation')
  })
})
