import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Options of `shortenGen`. */
export interface ShortenGenOptions extends CallOptions {
  /** How long the key lives, seconds: at most 2592000 (30 days, the default). */
  expireSeconds?: number | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ short_key: string }>({
  method: 'POST',
  path: '/cgi-bin/shorten/gen',
  retry: 'send',
  body: () =>
    v.object({
      long_data: v.pipe(v.string('long_data: expected a string'), v.nonEmpty('long_data must not be empty'), v.maxBytes(4096, 'long_data: at most 4 KB')),
      expire_seconds: v.pipe(v.number('expireSeconds: expected a number'), v.integer('expireSeconds: expected whole seconds'), v.minValue(1, 'expireSeconds: 1-2592000'), v.maxValue(2_592_000, 'expireSeconds: at most 2592000 (30 days)')),
    }),
  output: () => v.pipe(v.looseObject({ short_key: v.string() }), v.transform(({ short_key }) => ({ short_key }))),
})

/**
 * Stores up to 4 KB of data under a short key (短 key 托管), e.g. to fit a long state into a QR code's
 * scene: put the key in the code, read the data back with `shortenFetch`. The successor of `shorturl`.
 *
 * Calls `POST /cgi-bin/shorten/gen`. A `send` (each call makes a new key): never resent after an
 * ambiguous failure. Errcodes that matter: 47003 (long_data empty or over 4 KB), 45009 (daily quota).
 *
 * @example
 * const { short_key } = await shortenGen(ctx, JSON.stringify({ order: 42, coupon: 'SPRING' }), { expireSeconds: 86400 })
 */
export function shortenGen(ctx: WxContext, longData: string, opts?: ShortenGenOptions | null): Promise<{ short_key: string }> {
  return callApi(ctx, endpoint, { body: { long_data: longData, expire_seconds: opts?.expireSeconds ?? 2_592_000 } }, opts)
}
