import type { WxContext } from '@wx/core'
import * as v from 'valibot'
import { customMessage, sendCustom, type SendOptions } from './_custom.ts'

/** A menu message: a question with clickable answers (the click comes back as a text message with `bizmsgmenuid`). */
export interface MsgMenu {
  head_content?: string | undefined
  list: { id: string; content: string }[]
  tail_content?: string | undefined
}

const endpoint = /* @__PURE__ */ customMessage('msgmenu', () =>
  v.object({
    head_content: v.optional(v.string()),
    list: v.pipe(
      v.array(v.object({ id: v.pipe(v.string(), v.nonEmpty('id must not be empty')), content: v.pipe(v.string(), v.nonEmpty('content must not be empty')) })),
      v.minLength(1, 'A menu needs at least one item'),
    ),
    tail_content: v.optional(v.string()),
  }),
)

/**
 * Sends a menu (菜单消息) customer-service message.
 *
 * Calls `POST /cgi-bin/message/custom/send` (msgtype `msgmenu`).
 * A `send`: never resent after an ambiguous failure. Errcodes that matter: 45015, 45047, 43004.
 *
 * @example
 * await sendMsgMenu(ctx, 'oUser', { head_content: 'Satisfied?', list: [{ id: '101', content: 'Yes' }, { id: '102', content: 'No' }], tail_content: 'Thanks' })
 */
export function sendMsgMenu(ctx: WxContext, openid: string, menu: MsgMenu, opts?: SendOptions | null): Promise<void> {
  return sendCustom(ctx, endpoint, openid, 'msgmenu', menu, opts)
}
