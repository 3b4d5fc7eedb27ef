import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** The data stored under a short key. */
export interface ShortenedData {
  long_data: string
  /** Unix seconds. */
  create_time: number
  /** Seconds left before the key expires. */
  expire_seconds: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<ShortenedData>({
  method: 'POST',
  path: '/cgi-bin/shorten/fetch',
  retry: 'read',
  body: () => v.object({ short_key: v.pipe(v.string('short_key: expected a string'), v.regex(/^[\w-]{1,64}$/, 'short_key: expected the key shortenGen returned')) }),
  output: () =>
    v.pipe(
      v.looseObject({ long_data: v.string(), create_time: v.number(), expire_seconds: v.number() }),
      v.transform(({ long_data, create_time, expire_seconds }) => ({ long_data, create_time, expire_seconds })),
    ),
})

/**
 * Reads the data stored under a short key (`shortenGen`).
 *
 * Calls `POST /cgi-bin/shorten/fetch`. Errcodes that matter: 9410012 (unknown key, expired, or made by
 * another account).
 *
 * @example
 * const { long_data } = await shortenFetch(ctx, shortKey)
 */
export function shortenFetch(ctx: WxContext, shortKey: string, opts?: CallOptions | null): Promise<ShortenedData> {
  return callApi(ctx, endpoint, { body: { short_key: shortKey } }, opts)
}
