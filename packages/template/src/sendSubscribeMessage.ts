import { callApi, defineEndpoint, id64Schema, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { miniprogramSchema, templateIdSchema, type MiniProgramLink } from './_schemas.ts'

/** A subscribe message (订阅通知). */
export interface SubscribeMessage {
  /** The subscribe-message template id (from the MP console). */
  template_id: string
  /** `{ thing1: { value: 'Coffee' }, time2: { value: '2024-06-01 10:00' } }`; WeChat limits each type (thing: 20 characters...). */
  data: Record<string, { value: string }>
  /** A web page opened on click. */
  page?: string | undefined
  /** A mini-program page opened on click (instead of `page`). */
  miniprogram?: MiniProgramLink | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ msgid?: string }>({
  method: 'POST',
  path: '/cgi-bin/message/subscribe/bizsend',
  retry: 'send',
  body: () =>
    v.object({
      touser: openidSchema(),
      template_id: templateIdSchema(),
      page: v.optional(v.pipe(v.string(), v.nonEmpty('page must not be empty'))),
      miniprogram: v.optional(miniprogramSchema()),
      data: v.pipe(
        v.record(
          v.pipe(v.string(), v.regex(/^[a-z_]+\d*$/i, 'Invalid data key: expected e.g. thing1, time2')),
          v.object({ value: v.pipe(v.string(), v.nonEmpty('value must not be empty')) }),
        ),
        v.check((d) => Object.keys(d).length > 0, 'data must not be empty'),
      ),
    }),
  // msgid is 64-bit: a number, or a string when core kept a big one exact; handed out as a string.
  output: () => v.object({ msgid: v.optional(id64Schema()) }) as v.GenericSchema<unknown, { msgid?: string }>,
})

/**
 * Sends a subscribe message (发送订阅通知) to a user who subscribed to the template.
 *
 * Calls `POST /cgi-bin/message/subscribe/bizsend` and returns the `msgid` WeChat answers, exactly (64-bit,
 * as a string): the `MsgID` of the `subscribe_msg_sent_event` push that reports the delivery.
 * A `send`: never resent after an ambiguous failure.
 * Errcodes that matter: 43101 (the user has not subscribed, or refused), 40037 (invalid template_id),
 * 47003 (data does not fit the template: e.g. a `thing` over 20 characters), 40003 (invalid openid).
 *
 * @example
 * const { msgid } = await sendSubscribeMessage(ctx, 'oUser', { template_id: tplId, page: 'https://example.com/order/42', data: { thing1: { value: 'Coffee' }, time2: { value: '2024-06-01 10:00' } } })
 */
export function sendSubscribeMessage(ctx: WxContext, openid: string, message: SubscribeMessage, opts?: CallOptions | null): Promise<{ msgid?: string }> {
  return callApi(ctx, endpoint, { body: { ...message, touser: openid } }, opts)
}
