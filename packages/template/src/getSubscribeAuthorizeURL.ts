import { check, urlSchema } from '@wx/core'
import * as v from 'valibot'
import { templateIdSchema } from './_schemas.ts'

/** What the one-time subscription page asks for. */
export interface SubscribeAuthorizeOptions {
  /** The one-time subscription template id (from the MP console). */
  template_id: string
  /** 0-10000: pass the same `scene` to `sendSubscribeOnce`. */
  scene: number
  /** Where WeChat sends the user back, with `openid`, `template_id`, `action` (`confirm`/`cancel`), `scene` and `reserved`. */
  redirect_url: string
  /** State handed back unchanged (CSRF protection): letters and digits, at most 128 bytes. */
  reserved?: string | undefined
}

const schema = () =>
  v.object({
    appid: v.pipe(v.string('appid: expected the account appid'), v.regex(/^[\w-]{1,64}$/, 'appid: expected the account appid')),
    template_id: templateIdSchema(),
    scene: v.pipe(v.number('scene: expected a number'), v.integer('scene: expected an integer 0-10000'), v.minValue(0, 'scene: expected an integer 0-10000'), v.maxValue(10000, 'scene: expected an integer 0-10000')),
    redirect_url: urlSchema(),
    reserved: v.nullish(v.pipe(v.string(), v.regex(/^[A-Za-z0-9]{1,128}$/, 'reserved: 1-128 letters and digits'))),
  })

/**
 * Builds the link of WeChat's one-time subscription page (一次性订阅消息授权页). Open it in WeChat; after
 * the user confirms, send one message with `sendSubscribeOnce`. Pure: no request, no token.
 *
 * Throws `WxError` `wx/validation` for a bad template_id, scene (0-10000), redirect URL or reserved.
 *
 * @example
 * const url = getSubscribeAuthorizeURL(ctx, { template_id: tplId, scene: 1000, redirect_url: 'https://example.com/subscribed', reserved: 'abc123' })
 */
export function getSubscribeAuthorizeURL(account: { appid: string }, options: SubscribeAuthorizeOptions): string {
  const o = check(schema, { ...options, appid: account?.appid }, 'getSubscribeAuthorizeURL')
  const q = new URLSearchParams({ action: 'get_confirm', appid: o.appid, scene: String(o.scene), template_id: o.template_id, redirect_url: o.redirect_url })
  if (o.reserved != null) q.set('reserved', o.reserved)
  return `https://mp.weixin.qq.com/mp/subscribemsg?${q}#wechat_redirect`
}
