import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** What to understand, and where (for the categories that need a place). */
export interface SemanticQuery {
  /** The user's sentence, e.g. `查一下明天从北京到上海的南航机票`. */
  query: string
  /**
   * The services to try: `flight`, `hotel`, `train`, `restaurant`, `map`, `nearby`, `weather`, `movie`,
   * `music`, `video`, `novel`, `stock`, `remind`, `cookbook`, `baike`, `news`, `tv`, `instruction`,
   * `telephone`, ... as a comma-separated string (spaces are dropped) or an array. WeChat advises a single category when the
   * intent is known.
   */
  category: string | readonly string[]
  /** City name; the alternative to `latitude`/`longitude`. */
  city?: string | undefined
  /** District name (may be left out when `city` is given); an alternative to the coordinates. */
  region?: string | undefined
  /** Latitude, sent together with `longitude`. */
  latitude?: number | undefined
  /** Longitude, sent together with `latitude`. */
  longitude?: number | undefined
}

/** WeChat's understanding of the sentence. */
export interface SemanticResult {
  /** The sentence as WeChat read it. WeChat may leave it out with errcode 7000000 (no result). */
  query?: string
  /** The service that matched, e.g. `flight`. Absent with errcode 7000000 (no result). */
  type?: string
  /** Details and intent, shaped per service (see WeChat's protocol document for each category). */
  semantic?: { details?: Record<string, unknown>; intent?: string; [field: string]: unknown }
  /** Set to 7000000 when WeChat understood the request but found no semantic result. */
  errcode?: number
  [field: string]: unknown
}

const text = (what: string) => v.pipe(v.string(`${what} must be a string`), v.nonEmpty(`${what} must not be empty`))

const endpoint = /* @__PURE__ */ defineEndpoint<SemanticResult>({
  method: 'POST',
  path: '/semantic/semproxy/search',
  retry: 'read',
  ok: [7000000],
  body: () =>
    v.pipe(
      v.object({
        query: text('query'),
        category: v.pipe(text('category'), v.transform((c) => c.replace(/\s+/g, '')), v.regex(/^[a-z_]+(,[a-z_]+)*$/, 'category: expected service names separated by commas, e.g. "flight,hotel"')),
        city: v.optional(text('city')),
        region: v.optional(text('region')),
        latitude: v.optional(v.pipe(v.number('latitude must be a number'), v.minValue(-90), v.maxValue(90))),
        longitude: v.optional(v.pipe(v.number('longitude must be a number'), v.minValue(-180), v.maxValue(180))),
        appid: text('appid'),
        uid: v.optional(v.pipe(v.string('uid must be a string'), v.maxLength(64, 'uid: at most 64 characters'))),
      }),
      v.forward(
        v.partialCheck([['latitude'], ['longitude']], (b) => (b.latitude === undefined) === (b.longitude === undefined), 'latitude and longitude go together'),
        ['longitude'],
      ),
    ),
  output: () => v.looseObject({ query: v.optional(v.string()), type: v.optional(v.string()) }) as unknown as v.GenericSchema<unknown, SemanticResult>,
})

/**
 * Understands a user's sentence (语义理解): which service it asks for and the structured details.
 *
 * Calls `POST /semantic/semproxy/search`; the body carries the context's `appid` and `uid`, which
 * together let WeChat use the earlier sentences of the same user (context understanding). Pass the
 * user's openid as `uid`, or `''` to turn context understanding off.
 * Errcodes that matter: 7000000 (no semantic result: returned as a result without `type`, and
 * possibly without `query`), 7000001 (query missing), 7000002 (category missing), 7000030 (category
 * not supported), 7000005 (semantic service failed), 48001 (no permission).
 *
 * @example
 * const r = await semantic(ctx, 'oUser', { query: '查一下明天从北京到上海的南航机票', city: '北京', category: 'flight,hotel' })
 * if (r.type === 'flight') console.log(r.semantic?.details)
 */
export function semantic(ctx: WxContext, uid: string, q: SemanticQuery, opts?: CallOptions | null): Promise<SemanticResult> {
  const { category, ...rest } = q ?? ({} as SemanticQuery)
  const body: Record<string, unknown> = { ...rest, category: Array.isArray(category) ? category.join(',') : category, appid: ctx?.appid }
  if (uid !== '') body.uid = uid
  return callApi(ctx, endpoint, { body }, opts)
}
