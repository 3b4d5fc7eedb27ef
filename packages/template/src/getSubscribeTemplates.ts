import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A subscribe-notification template of the account. */
export interface SubscribeTemplate {
  /** The `template_id` of `sendSubscribeMessage`. */
  priTmplId: string
  title: string
  /** e.g. `物品名称:{{thing1.DATA}}\n发货时间:{{time2.DATA}}`: the data keys to send. */
  content: string
  example: string
  /** 2 one-time, 3 long-term. */
  type: number
  [field: string]: unknown
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ data: SubscribeTemplate[] }>({
  method: 'GET',
  path: '/wxaapi/newtmpl/gettemplate',
  retry: 'read',
  output: () =>
    v.pipe(
      v.looseObject({
        data: v.optional(
          v.array(v.looseObject({ priTmplId: v.string(), title: v.string(), content: v.optional(v.string(), ''), example: v.optional(v.string(), ''), type: v.optional(v.number(), 0) })),
          [],
        ),
      }),
      v.transform(({ data }) => ({ data })),
    ) as unknown as v.GenericSchema<unknown, { data: SubscribeTemplate[] }>,
})

/**
 * Lists the account's subscribe-notification templates (获取私有模板列表).
 *
 * Calls `GET /wxaapi/newtmpl/gettemplate`. Errcodes that matter: 48001 (subscribe notifications not
 * enabled for the account).
 *
 * @example
 * const { data } = await getSubscribeTemplates(ctx)
 */
export function getSubscribeTemplates(ctx: WxContext, opts?: CallOptions | null): Promise<{ data: SubscribeTemplate[] }> {
  return callApi(ctx, endpoint, {}, opts)
}
