import type { FakeState } from './state.ts'

/** What a route handler gets. */
export interface RouteContext {
  state: FakeState
  query: URLSearchParams
  /** The parsed JSON body, the `FormData` of a multipart upload, the bytes of an image/audio/video/octet-stream body, or undefined. */
  body: any
  request: Request
}

/**
 * One endpoint of the fake WeChat. `handle` returns the JSON answer (`errcode: 0, errmsg: 'ok'` are
 * added, unless `bare`), or a `Response` (file downloads). Throw `new FakeApiError(code, msg)` (or use
 * `fail`) for errcodes.
 */
export interface FakeRoute {
  method: 'GET' | 'POST'
  path: string
  /**
   * `true` (default): requires a valid app `access_token`. `false`: the token endpoints (not counted in
   * `calls`, not logged). `'user'`: web OAuth2 calls that carry a user's token (or none), which the
   * route checks itself; counted and logged like any API call.
   */
  auth?: boolean | 'user' | undefined
  /**
   * `true`: takes a multipart upload (a `media` file); a multipart body that cannot be read answers
   * 41005 (media data missing) rather than 47001.
   */
  upload?: boolean | undefined
  /**
   * `true`: a success is answered with the route's JSON as it is, no `errcode`/`errmsg` added, as WeChat
   * answers its token endpoints (`{"access_token":"...","expires_in":7200}`), `user/info`, `menu/get`,
   * uploads... Errcodes are answered with `errcode` and `errmsg` all the same.
   */
  bare?: boolean | undefined
  /**
   * Runs for every request to this path that reaches the fake, whatever it is answered (an injected
   * failure, the wrong method, a bad body): the token endpoints count their requests here.
   */
  onRequest?(state: FakeState): void
  handle(c: RouteContext): unknown
}

/** An errcode answer, thrown from a route. */
export class FakeApiError extends Error {
  constructor(
    readonly errcode: number,
    readonly errmsg: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(errmsg)
  }
}

/**
 * Throws an errcode answer from inside a route.
 *
 * @example
 * if (!tag) fail(45159, 'invalid tag id')
 */
export function fail(errcode: number, errmsg: string, extra?: Record<string, unknown>): never {
  throw new FakeApiError(errcode, errmsg, extra)
}

/**
 * Byte length in UTF-8, as WeChat counts limits.
 *
 * @example
 * need(bytes(name) <= 30, 45158, 'tag name too long')
 */
export const bytes = (s: string) => new TextEncoder().encode(s).length

/**
 * Checks a field the way WeChat does: fails with `errcode` when `ok` is false.
 *
 * @example
 * need(body?.touser, 40003, 'invalid openid')
 */
export function need(ok: unknown, errcode: number, errmsg: string): void {
  if (!ok) fail(errcode, errmsg)
}

/** Openids that the fake treats specially, so tests can hit per-user errcodes. */
export const SPECIAL_OPENIDS: Record<string, [number, string]> = {
  o_unfollowed: [43004, 'require subscribe'],
  o_window_closed: [45015, 'response out of time limit or subscription is canceled'],
  o_refused: [48002, 'api blocked by user'],
  o_over_limit: [45047, 'out of response count limit'],
}

/** Openids with this prefix belong to another AppID: 40003 (or 49003 in batch calls). */
export const OTHER_APP_PREFIX = 'o_other_'

/**
 * Validates an openid: 40003 for empty/malformed or another AppID's (`o_other_...`), the special
 * ones' errcodes otherwise.
 *
 * @example
 * const to = checkOpenid(body.touser)
 */
export function checkOpenid(openid: unknown): string {
  need(typeof openid === 'string' && /^[\w-]{1,64}$/.test(openid) && !openid.startsWith(OTHER_APP_PREFIX), 40003, 'invalid openid')
  const special = SPECIAL_OPENIDS[openid as string]
  if (special) fail(special[0], special[1])
  return openid as string
}
