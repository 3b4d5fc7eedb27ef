import { callApi, defineEndpoint, openidSchema, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Options of every customer-service send. */
export interface SendOptions extends CallOptions {
  /** Send as this customer-service account (`name@wxid`), shown to the user instead of the account. */
  kfAccount?: string | undefined
}

const PATH = '/cgi-bin/message/custom/send'

/**
 * Declares `POST /cgi-bin/message/custom/send` for one `msgtype`, with that type's payload schema.
 * Each message type gets its own declaration so a bundle holds only the schemas it sends.
 */
export const customMessage = /* @__NO_SIDE_EFFECTS__ */ (msgtype: string, payload: () => v.GenericSchema): Endpoint<unknown> =>
  defineEndpoint({
    method: 'POST',
    path: PATH,
    retry: 'send',
    body: () =>
      v.object({
        touser: openidSchema(),
        msgtype: v.string(),
        [msgtype]: payload(),
        customservice: v.optional(v.object({ kf_account: v.pipe(v.string(), v.regex(/^[\w.-]+@[\w.-]+$/, 'Invalid kf_account: expected name@wxid')) })),
      }),
  })

/** Sends one customer-service message through the pipeline. */
export async function sendCustom(ctx: WxContext, ep: Endpoint<unknown>, openid: string, msgtype: string, payload: unknown, opts?: SendOptions | null): Promise<void> {
  const body: Record<string, unknown> = { touser: openid, msgtype, [msgtype]: payload }
  if (opts?.kfAccount != null) body.customservice = { kf_account: opts.kfAccount }
  await callApi(ctx, ep, { body }, opts)
}
