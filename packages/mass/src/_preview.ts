import { callApi, defineEndpoint, id64Schema, openidSchema, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** What a preview returns. */
export interface PreviewResult {
  /** The preview message's id, exact, when WeChat returns one. */
  msg_id?: string
}

/** Declares `POST /cgi-bin/message/mass/preview` for one message type. */
export const previewEndpoint = /* @__NO_SIDE_EFFECTS__ */ (msgtype: string, payload: () => v.GenericSchema): Endpoint<PreviewResult> =>
  defineEndpoint({
    method: 'POST',
    path: '/cgi-bin/message/mass/preview',
    retry: 'send',
    body: () => v.object({ touser: openidSchema(), msgtype: v.literal(msgtype), [msgtype]: payload() }),
    output: () =>
      v.pipe(
        v.looseObject({ msg_id: v.optional(id64Schema()) }),
        v.transform(({ msg_id }) => (msg_id === undefined ? {} : { msg_id })),
      ),
  })

/** Sends one preview. */
export function sendPreview(ctx: WxContext, ep: Endpoint<PreviewResult>, openid: string, msgtype: string, payload: unknown, opts?: CallOptions | null): Promise<PreviewResult> {
  return callApi(ctx, ep, { body: { touser: openid, msgtype, [msgtype]: payload } }, opts)
}
