import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** One reply of an auto-reply rule: `type` is `text`, `img`, `voice`, `video` or `news`. */
export interface AutoreplyContent {
  type: string
  /** The text, or the media_id. */
  content: string
  /** For `news`: the articles. */
  news_info?: { list: Record<string, unknown>[] }
  [field: string]: unknown
}

/** A keyword rule (关键词自动回复). */
export interface KeywordAutoreplyRule {
  rule_name: string
  create_time: number
  /** `reply_all` or `random_one`. */
  reply_mode: string
  /** `match_mode`: `contain` or `equal`. */
  keyword_list_info: { type: string; match_mode: string; content: string }[]
  reply_list_info: AutoreplyContent[]
  [field: string]: unknown
}

/** The account's auto-reply settings made in the MP console. */
export interface AutoreplyInfo {
  /** 1 when the follow reply is on. */
  is_add_friend_reply_open: number
  /** 1 when message auto-replies are on. */
  is_autoreply_open: number
  add_friend_autoreply_info?: AutoreplyContent
  message_default_autoreply_info?: AutoreplyContent
  keyword_autoreply_info?: { list: KeywordAutoreplyRule[] }
  [field: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<AutoreplyInfo>({
  method: 'GET',
  path: '/cgi-bin/get_current_autoreply_info',
  retry: 'read',
  output: () =>
    v.looseObject({ is_add_friend_reply_open: v.optional(v.number(), 0), is_autoreply_open: v.optional(v.number(), 0) }) as unknown as v.GenericSchema<unknown, AutoreplyInfo>,
})

/**
 * Reads the account's auto-reply rules set in the MP console (获取公众号的自动回复规则): the follow reply,
 * the default reply, and the keyword rules. Replies set through the API (your push handler) are not
 * included.
 *
 * Calls `GET /cgi-bin/get_current_autoreply_info`. Errcodes that matter: 45009 (daily quota).
 *
 * @example
 * const { is_autoreply_open, keyword_autoreply_info } = await getCurrentAutoreplyInfo(ctx)
 */
export function getCurrentAutoreplyInfo(ctx: WxContext, opts?: CallOptions | null): Promise<AutoreplyInfo> {
  return callApi(ctx, endpoint, {}, opts)
}
