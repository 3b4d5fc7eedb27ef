import { mediaIdSchema, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

/** A mini-program card. The mini program must be linked to the Official Account. */
export interface MiniProgramPage {
  title: string
  appid: string
  pagepath: string
  thumb_media_id: string
}

const endpoint = /* @__PURE__ */ customMessage('miniprogrampage', () =>
  v.object({
    title: v.string(),
    appid: v.pipe(v.string(), v.regex(/^wx[\da-f]{16}$/i, 'Invalid mini-program appid: expected wx + 16 hex digits')),
    pagepath: v.pipe(v.string(), v.nonEmpty('pagepath must not be empty')),
    thumb_media_id: mediaIdSchema(),
  }),
)

/**
 * Sends a mini-program page card (小程序卡片) customer-service message.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `miniprogrampage`).
 * A `send`: never resent after an ambiguous failure. Errcodes that matter: 40165 (invalid pagepath),
 * 45015, 45047, 43004.
 *
 * @example
 * await sendMiniProgramPage(ctx, 'oUser', { title: 'Open me', appid: 'wx0123456789abcdef', pagepath: 'pages/index', thumb_media_id: thumbId })
 */
export function sendMiniProgramPage(ctx: WxContext, openid: string, page: MiniProgramPage, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'miniprogrampage', page, opts)
}
