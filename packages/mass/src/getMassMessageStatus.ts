import { callApi, defineEndpoint, id64Schema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { msgIdBody } from './_msgId.ts'

/** The state of a mass message. */
export interface MassMessageStatus {
  /** Exact, as a string. */
  msg_id: string
  /** `SEND_SUCCESS`, `SENDING`, `SEND_FAIL` or `DELETE`. */
  msg_status: string
}

const PATH = '/cgi-bin/message/mass/get'
const endpoint = /* @__PURE__ */ defineEndpoint<MassMessageStatus>({
  method: 'POST',
  path: PATH,
  retry: 'read',
  output: () => v.looseObject({ msg_id: id64Schema(), msg_status: v.string() }),
})

/**
 * Reads whether a mass message was sent (查询群发消息发送状态).
 *
 * Calls `POST /cgi-bin/message/mass/get` with `msg_id` written as an exact JSON number.
 * Errcodes that matter: 47003 (unknown msg_id).
 *
 * `msgId` is the string a mass send answers; a number is accepted while it is a safe integer.
 *
 * @example
 * const { msg_status } = await getMassMessageStatus(ctx, msgId) // 'SEND_SUCCESS'
 */
export async function getMassMessageStatus(ctx: WxContext, msgId: string | number, opts?: CallOptions | null): Promise<MassMessageStatus> {
  return callApi(ctx, endpoint, { body: msgIdBody(msgId, PATH) }, opts)
}
