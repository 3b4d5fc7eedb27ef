import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A template to add from the public library. */
export interface SubscribeTemplateChoice {
  /** The title id, from `getPubTemplateTitles`: a number or a digit string (sent as a string, as WeChat documents it). */
  tid: number | string
  /** 2-5 keyword ids from `getPubTemplateKeywords`, in the order to show them. */
  kidList: number[]
  /** What the notifications are for (服务场景描述), at most 15 characters. */
  sceneDesc: string
}

const id = (name: string) => v.pipe(v.number(`${name}: expected a number`), v.integer(`${name}: expected a whole number`), v.minValue(1, `${name}: expected a positive id`))

const TID = 'tid: expected a template title id from getPubTemplateTitles'

const endpoint = /* @__PURE__ */ defineEndpoint<{ priTmplId: string }>({
  method: 'POST',
  path: '/wxaapi/newtmpl/addtemplate',
  retry: 'send',
  body: () =>
    v.object({
      // WeChat documents `tid` as a string (peer SDKs send "401"): a positive id, as a number or digits.
      tid: v.pipe(v.union([v.string(), v.number()], TID), v.transform(String), v.regex(/^[1-9]\d{0,9}$/, TID)),
      kidList: v.pipe(
        v.array(id('kid')),
        v.minLength(2, 'kidList: 2-5 keyword ids'),
        v.maxLength(5, 'kidList: 2-5 keyword ids'),
        v.check((l) => new Set(l).size === l.length, 'kidList: each keyword once'),
      ),
      sceneDesc: v.pipe(v.string('sceneDesc: expected a string'), v.nonEmpty('sceneDesc must not be empty'), v.maxLength(15, 'sceneDesc: at most 15 characters')),
    }),
  output: () => v.pipe(v.looseObject({ priTmplId: v.string() }), v.transform(({ priTmplId }) => ({ priTmplId }))),
})

/**
 * Adds a subscribe-notification template from the public library to the account (选用模板) and returns
 * its `priTmplId`: the `template_id` of `sendSubscribeMessage`.
 *
 * Calls `POST /wxaapi/newtmpl/addtemplate`, with `tid` as a string. A `send` (each call adds a
 * template to the account's list, which WeChat caps): never resent after an ambiguous failure: check
 * `getSubscribeTemplates` instead. Errcodes that matter: 200012 (the account's template list is
 * full), 200013 (template banned), 200014 (unknown tid), 200020 (kidList invalid), 200021 (sceneDesc
 * invalid).
 *
 * @example
 * const { priTmplId } = await addSubscribeTemplate(ctx, { tid: 99, kidList: [1, 2], sceneDesc: 'Order shipped' })
 */
export function addSubscribeTemplate(ctx: WxContext, choice: SubscribeTemplateChoice, opts?: CallOptions | null): Promise<{ priTmplId: string }> {
  return callApi(ctx, endpoint, { body: choice }, opts)
}
