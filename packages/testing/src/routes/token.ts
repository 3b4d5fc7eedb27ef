import { fail, type FakeRoute, type RouteContext } from '../route.ts'

/** WeChat's token errcodes: 40002 grant_type, 41002/41004 appid/secret missing, 40013 unknown appid, 40125 wrong secret, 40164 IP. */
function checkCredentials({ state }: RouteContext, grantType: unknown, appid: unknown, secret: unknown): void {
  if (grantType !== 'client_credential') fail(40002, 'invalid grant_type')
  if (appid == null || appid === '') fail(41002, 'appid missing')
  if (secret == null || secret === '') fail(41004, 'appsecret missing')
  if (appid !== state.appid) fail(40013, 'invalid appid')
  if (secret !== state.secret) fail(40125, 'invalid appsecret')
  if (state.rejectIp) fail(40164, `invalid ip ${state.rejectIp} ipv6 ::ffff:${state.rejectIp}, not in whitelist`)
}

/**
 * `GET /cgi-bin/token` and `POST /cgi-bin/stable_token`, with WeChat's semantics (see `FakeState.issueToken`
 * and `FakeState.stableToken`). Every request that reaches them is counted, whatever it is answered.
 */
export const tokenRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/token',
    bare: true,
    auth: false,
    onRequest(state) {
      state.stats.tokenRequests++
      state.stats.legacyTokenRequests++
    },
    handle(c) {
      checkCredentials(c, c.query.get('grant_type'), c.query.get('appid'), c.query.get('secret'))
      const { token, expiresIn } = c.state.issueToken('legacy')
      return { access_token: token, expires_in: expiresIn }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/stable_token',
    bare: true,
    auth: false,
    onRequest(state) {
      state.stats.tokenRequests++
      state.stats.stableTokenRequests++
    },
    handle(c) {
      const b = c.body ?? {}
      checkCredentials(c, b.grant_type, b.appid, b.secret)
      if (b.force_refresh !== undefined && typeof b.force_refresh !== 'boolean') fail(47001, 'data format error')
      const { token, expiresIn } = c.state.stableToken(b.force_refresh === true)
      return { access_token: token, expires_in: expiresIn }
    },
  },
]
