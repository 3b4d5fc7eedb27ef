import { fail, need, type FakeRoute, type RouteContext } from '../route.ts'
import type { FakeState } from '../state.ts'

/** A code, a user access token or a refresh token the fake handed out. */
interface Grant {
  openid: string
  scope: string
  expiresAt: number
  used?: boolean
}

/** Web OAuth2 records: codes (single use, 5 minutes), user tokens (2 hours), refresh tokens (30 days). */
interface OauthBag {
  codes: Record<string, Grant>
  tokens: Record<string, Grant>
  refresh: Record<string, Grant>
  next: number
}
const bag = (s: FakeState) => s.bag<OauthBag>('oauth', () => ({ codes: {}, tokens: {}, refresh: {}, next: 1 }))

const CODE_TTL = 300_000
const TOKEN_TTL = 7200
const REFRESH_TTL = 30 * 86400_000
const SCOPES = ['snsapi_base', 'snsapi_userinfo']

const id = (b: OauthBag, prefix: string) => `${prefix}_${b.next++}_${Math.random().toString(36).slice(2, 14)}`

/**
 * What the user's consent in WeChat produces: a code for `openid` (default `o_oauth_user`), valid once
 * for 5 minutes. The fake's `GET /connect/oauth2/authorize` and `RemoteFake.authorize` both use it.
 */
export function issueCode(s: FakeState, scope: string, openid = 'o_oauth_user'): string {
  if (!SCOPES.includes(scope)) fail(10005, 'scope invalid')
  const b = bag(s)
  const code = id(b, 'CODE')
  b.codes[code] = { openid, scope, expiresAt: Date.now() + CODE_TTL }
  return code
}

/** Makes every code, user access token or refresh token issued so far expire now. */
export function expireGrants(s: FakeState, what: 'code' | 'access_token' | 'refresh_token'): void {
  const b = bag(s)
  for (const g of Object.values(what === 'code' ? b.codes : what === 'access_token' ? b.tokens : b.refresh)) g.expiresAt = Date.now()
}

function tokenAnswer(b: OauthBag, g: Grant, refreshToken?: string) {
  const access_token = id(b, 'FAKE_USER_AT')
  b.tokens[access_token] = { openid: g.openid, scope: g.scope, expiresAt: Date.now() + TOKEN_TTL * 1000 }
  if (!refreshToken) b.refresh[(refreshToken = id(b, 'FAKE_USER_RT'))] = { openid: g.openid, scope: g.scope, expiresAt: Date.now() + REFRESH_TTL }
  return { access_token, expires_in: TOKEN_TTL, refresh_token: refreshToken, openid: g.openid, scope: g.scope }
}

/** The app and grant of a token request: 40013 wrong appid, 40002 wrong grant_type. */
function checkGrant({ state, query }: RouteContext, grantType: string): void {
  if (query.get('appid') !== state.appid) fail(40013, 'invalid appid')
  if (query.get('grant_type') !== grantType) fail(40002, 'invalid grant_type')
}

/** The user token of a `/sns/*` call: 41001 missing, 40001 unknown, 42001 expired, 40003 another user's openid. */
function userToken({ state, query }: RouteContext): Grant {
  const t = query.get('access_token')
  need(t, 41001, 'access_token missing')
  const g = bag(state).tokens[t!]
  if (!g) fail(40001, 'invalid credential, access_token is invalid or not latest')
  if (Date.now() >= g.expiresAt) fail(42001, 'access_token expired')
  if (query.get('openid') !== g.openid) fail(40003, 'invalid openid')
  return g
}

/** Web OAuth2 (网页授权): authorize → code → user token → userinfo, refresh, auth check. */
export const oauthRoutes: FakeRoute[] = [
  {
    // On open.weixin.qq.com in WeChat; here the user consents at once and is sent back with a code.
    method: 'GET',
    path: '/connect/oauth2/authorize',
    auth: false,
    handle({ state, query }) {
      if (query.get('appid') !== state.appid) fail(10016, 'invalid appid')
      const redirect = query.get('redirect_uri') ?? ''
      if (!/^https?:\/\//.test(redirect)) fail(10003, 'redirect_uri invalid')
      const code = issueCode(state, query.get('scope') ?? '', query.get('openid') ?? undefined)
      // As WeChat does, the code and state go into the query, before any #fragment (hash-routed pages).
      const hash = redirect.indexOf('#')
      const [base, fragment] = hash < 0 ? [redirect, ''] : [redirect.slice(0, hash), redirect.slice(hash)]
      const to = `${base}${base.includes('?') ? '&' : '?'}code=${code}&state=${encodeURIComponent(query.get('state') ?? '')}${fragment}`
      return new Response(null, { status: 302, headers: { location: to } })
    },
  },
  {
    method: 'GET',
    path: '/sns/oauth2/access_token',
    auth: 'user',
    handle(c) {
      const { state, query } = c
      checkGrant(c, 'authorization_code')
      if (query.get('secret') !== state.secret) fail(40125, 'invalid appsecret')
      const code = query.get('code')
      need(code, 41008, 'missing code')
      const b = bag(state)
      const g = b.codes[code!]
      if (!g) fail(40029, 'invalid code')
      if (g.used) fail(40163, 'code been used')
      if (Date.now() >= g.expiresAt) fail(42003, 'code expired')
      g.used = true
      return tokenAnswer(b, g)
    },
  },
  {
    method: 'GET',
    path: '/sns/oauth2/refresh_token',
    auth: 'user',
    handle(c) {
      const { state, query } = c
      checkGrant(c, 'refresh_token')
      const rt = query.get('refresh_token')
      need(rt, 41003, 'refresh_token missing')
      const b = bag(state)
      const g = b.refresh[rt!]
      if (!g) fail(40030, 'invalid refresh_token')
      if (Date.now() >= g.expiresAt) fail(42002, 'refresh_token expired')
      // WeChat hands back the same refresh token (valid 30 days from the first grant) with a new access token.
      return tokenAnswer(b, g, rt!)
    },
  },
  {
    method: 'GET',
    path: '/sns/userinfo',
    auth: 'user',
    handle(c) {
      const g = userToken(c)
      if (g.scope !== 'snsapi_userinfo') fail(48001, 'api unauthorized')
      const lang = c.query.get('lang')
      return {
        openid: g.openid,
        nickname: lang === 'en' ? 'Fake User' : '测试用户',
        sex: 0,
        province: '',
        city: '',
        country: '',
        headimgurl: 'https://thirdwx.qlogo.cn/mmopen/fake/132',
        privilege: [],
      }
    },
  },
  {
    method: 'GET',
    path: '/sns/auth',
    auth: 'user',
    handle(c) {
      userToken(c)
      return {}
    },
  },
]
