import { defineEndpoint, openidSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { inChunks, langSchema, userInfoSchema, type UserInfo } from './_user.ts'
import type { GetUserOptions } from './getUser.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ user_info_list: UserInfo[] }>({
  method: 'POST',
  path: '/cgi-bin/user/info/batchget',
  retry: 'read',
  body: () =>
    v.object({
      user_list: v.pipe(v.array(v.object({ openid: openidSchema(), lang: langSchema() })), v.minLength(1), v.maxLength(100, 'at most 100 users per call')),
    }),
  output: () => v.object({ user_info_list: v.array(userInfoSchema()) }),
})

/**
 * Reads many users' profiles, 100 per WeChat call (chunked for you, calls made one after the other).
 *
 * Calls `POST /cgi-bin/user/info/batchget` once per 100 openids. Every openid is validated before the
 * first call; an empty list makes no call. Answers in the order asked. `lang` applies to all users.
 * Nickname, avatar, sex and region come back empty (`''`/0) in current answers: see `UserInfo`.
 * Errcodes that matter: 40003 (an invalid openid fails its whole chunk), 45009 (daily quota).
 * `opts.timeout` bounds each of these calls, not the whole run (a long list makes many); `opts.signal`
 * stops the run: no call starts after it fired.
 *
 * @example
 * const users = await batchGetUsers(ctx, ['oUser1', 'oUser2'], { lang: 'en' })
 */
export async function batchGetUsers(ctx: WxContext, openids: readonly string[], opts?: GetUserOptions | null): Promise<UserInfo[]> {
  const lang = opts?.lang ?? 'zh_CN'
  const pages = await inChunks(ctx, endpoint, openids, 100, 'user_list', openidSchema, (chunk) => ({ user_list: chunk.map((openid) => ({ openid, lang })) }), opts)
  // Only lists: an answer without one is data too (reported as drift), no `undefined` user.
  return pages.flatMap((p) => (Array.isArray(p.user_info_list) ? p.user_info_list : []))
}
