import { callApi, defineEndpoint, id64Schema, maxUtf8Bytes, openidSchema, urlOrEmptySchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { dataSchema, miniprogramSchema, templateIdSchema, type MiniProgramLink, type TemplateField } from './_schemas.ts'

/** A template message. */
export interface TemplateMessage {
  template_id: string
  /** `{ first: { value: 'Hi', color: '#173177' }, keyword1: { value: '...' } }` */
  data: Record<string, TemplateField>
  /**
   * Opened on click (when no mini program is given, or it cannot be opened). `''` means no link
   * (EasyWeChat sends it by default) and is left out of the request; with neither `url` nor
   * `miniprogram` the message opens nothing.
   */
  url?: string | undefined
  /** Opened on click, before `url`. */
  miniprogram?: MiniProgramLink | undefined
  /**
   * WeChat's dedupe key (`client_msg_id`): the same openid + key sends one message within 10 minutes.
   * It does not make an automatic resend safe beyond that window, so the SDK never resends.
   */
  client_msg_id?: string | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ msgid: string }>({
  method: 'POST',
  path: '/cgi-bin/message/template/send',
  retry: 'send',
  body: () =>
    v.object({
      touser: openidSchema(),
      template_id: templateIdSchema(),
      // '' (no link) is dropped from the body: WeChat documents url as optional, not as an empty string.
      url: v.optional(v.pipe(urlOrEmptySchema(), v.transform((u) => u || undefined))),
      miniprogram: v.optional(miniprogramSchema()),
      client_msg_id: v.optional(v.pipe(v.string(), v.nonEmpty('client_msg_id must not be empty'), maxUtf8Bytes(64, 'client_msg_id: at most 64 bytes'))),
      data: dataSchema(),
    }),
  // msgid is 64-bit: a number, or a string when core kept a big one exact; handed out as a string.
  output: () => v.object({ msgid: id64Schema() }),
})

/**
 * Sends a template message (模板消息) to one follower, with a link (`url`) or a mini-program page, and
 * per-field colours.
 *
 * Calls `POST /cgi-bin/message/template/send` and returns the `msgid` exactly (64-bit, as a string);
 * match it with the `TEMPLATESENDJOBFINISH` event to learn the delivery result. A `send`: never resent
 * after an ambiguous failure (that could deliver twice): it throws `wx/outcome-unknown` instead.
 * Errcodes that matter: 40037 (invalid template_id), 43004 (not a follower), 43101 (user refused
 * template messages), 47003 (data does not fit the template), 40003 (invalid openid), 45009 (daily quota).
 *
 * @example
 * const { msgid } = await sendTemplate(ctx, 'oUser', {
 *   template_id: templateId,
 *   url: 'https://example.com/order/42',
 *   data: { first: { value: 'Order paid', color: '#173177' }, keyword1: { value: '42' } },
 * })
 */
export function sendTemplate(ctx: WxContext, openid: string, message: TemplateMessage, opts?: CallOptions | null): Promise<{ msgid: string }> {
  return callApi(ctx, endpoint, { body: { ...message, touser: openid } }, opts)
}
