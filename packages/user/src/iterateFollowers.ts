import type { CallOptions, WxContext } from '@wx/core'
import { getFollowers } from './getFollowers.ts'

/** Options of `iterateFollowers`. */
export interface IterateFollowersOptions extends CallOptions {
  /** Start after this openid (a `next_openid` saved from an earlier walk). */
  nextOpenid?: string | undefined
}

/**
 * Walks every follower's openid, fetching pages of 10000 as needed.
 *
 * Calls `GET /cgi-bin/user/get` once per 10000 followers (25,000 followers: 3 calls). Stops when the
 * followers counted reach `total`, or on an empty page / empty `next_openid`. Stop early with `break`
 * (no further call is made) or with `signal`. `timeout` bounds each page's call, not the whole walk.
 * Errcodes that matter: 40003 (invalid next_openid).
 *
 * @example
 * for await (const openid of iterateFollowers(ctx)) console.log(openid)
 */
export async function* iterateFollowers(ctx: WxContext, opts?: IterateFollowersOptions | null): AsyncGenerator<string, void, undefined> {
  const { nextOpenid } = opts ?? {}
  let next = nextOpenid
  let seen = 0
  for (;;) {
    const page = await getFollowers(ctx, next, opts)
    yield* page.data.openid
    seen += page.data.openid.length
    if (!page.data.openid.length || !page.next_openid || page.next_openid === next || (!nextOpenid && page.total != null && seen >= page.total)) return
    next = page.next_openid
  }
}
