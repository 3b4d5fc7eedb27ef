import { callApi, defineEndpoint, maxChars, openidSchema, urlSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { colorSchema, miniprogramSchema, templateIdSchema, type MiniProgramLink } from './_schemas.ts'

/** A one-time subscription message. */
export interface SubscribeOnceMessage {
  /** The one-time subscription template id from the MP console. */
  template_id: string
  /** The `scene` the user subscribed with (0-10000), as on the authorization page. */
  scene: string | number
  /** Title, at most 15 characters. */
  title: string
  /** The message text, at most 200 characters. */
  data: { content: { value: string; color?: string | undefined } }
  url?: string | undefined
  miniprogram?: MiniProgramLink | undefined
}

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/message/template/subscribe',
  retry: 'send',
  body: () =>
    v.object({
      touser: openidSchema(),
      template_id: templateIdSchema(),
      url: v.optional(urlSchema()),
      miniprogram: v.optional(miniprogramSchema()),
      scene: v.pipe(
        v.string(),
        v.regex(/^\d{1,5}$/, 'scene: expected an integer 0-10000'),
        v.check((s) => +s <= 10000, 'scene: expected an integer 0-10000'),
      ),
      title: v.pipe(v.string(), v.nonEmpty('title must not be empty'), maxChars(15, 'title: at most 15 characters')),
      data: v.object({
        content: v.object({ value: v.pipe(v.string(), v.nonEmpty('content must not be empty'), maxChars(200, 'content: at most 200 characters')), color: v.optional(colorSchema()) }),
      }),
    }),
})

/**
 * Sends a one-time subscription message (一次性订阅消息) to a user who authorized it on the subscribe page.
 *
 * Calls `POST /cgi-bin/message/template/subscribe`. A `send`: never resent after an ambiguous failure.
 * Each authorization allows one message. Errcodes that matter: 43101 (no authorization left for this
 * user and scene), 40037 (invalid template_id), 47003 (title or content too long), 40003 (invalid openid).
 *
 * @example
 * await sendSubscribeOnce(ctx, 'oUser', { template_id: tplId, scene: 1000, title: 'Order shipped', data: { content: { value: 'Your parcel is on its way', color: '#173177' } } })
 */
export async function sendSubscribeOnce(ctx: WxContext, openid: string, message: SubscribeOnceMessage, opts?: CallOptions | null): Promise<void> {
  const scene = typeof message?.scene === 'number' ? String(message.scene) : message?.scene
  await callApi(ctx, endpoint, { body: { ...message, scene, touser: openid } }, opts)
}
