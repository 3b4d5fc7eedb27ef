import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Options of `checkCallback`. */
export interface CheckCallbackOptions extends CallOptions {
  /** `all` (default), `dns` (resolve only) or `ping` (reach only). */
  action?: 'all' | 'dns' | 'ping' | undefined
  /** The network to check from: `DEFAULT` (WeChat picks), `CHINANET`, `UNICOM` or `CAP` (Tencent). */
  operator?: 'DEFAULT' | 'CHINANET' | 'UNICOM' | 'CAP' | undefined
}

/** What WeChat found when it reached the callback URL. */
export interface CallbackCheck {
  /** The callback host's addresses and their network. */
  dns: { ip: string; real_operator: string }[]
  /** Reaching each address: `package_loss` like `0%`, `time` like `23.887ms`. */
  ping: { ip: string; from_operator: string; package_loss: string; time: string }[]
}

const endpoint = /* @__PURE__ */ defineEndpoint<CallbackCheck>({
  method: 'POST',
  path: '/cgi-bin/callback/check',
  retry: 'read',
  body: () =>
    v.object({
      action: v.picklist(['all', 'dns', 'ping'], 'action: all, dns or ping'),
      check_operator: v.picklist(['DEFAULT', 'CHINANET', 'UNICOM', 'CAP'], 'operator: DEFAULT, CHINANET, UNICOM or CAP'),
    }),
  output: () =>
    v.pipe(
      v.looseObject({
        dns: v.optional(v.array(v.looseObject({ ip: v.string(), real_operator: v.optional(v.string(), '') })), []),
        ping: v.optional(v.array(v.looseObject({ ip: v.string(), from_operator: v.optional(v.string(), ''), package_loss: v.optional(v.string(), ''), time: v.optional(v.string(), '') })), []),
      }),
      v.transform(({ dns, ping }) => ({ dns, ping })),
    ),
})

/**
 * Asks WeChat to resolve and reach the account's callback URL (网络检测): to tell a DNS or network
 * problem between WeChat and your server from a bug in your push handler.
 *
 * Calls `POST /cgi-bin/callback/check`. Errcodes that matter: 45009 (daily quota), 48001 (no permission).
 *
 * @example
 * const { dns, ping } = await checkCallback(ctx, { action: 'all', operator: 'DEFAULT' })
 */
export function checkCallback(ctx: WxContext, opts?: CheckCallbackOptions | null): Promise<CallbackCheck> {
  return callApi(ctx, endpoint, { body: { action: opts?.action ?? 'all', check_operator: opts?.operator ?? 'DEFAULT' } }, opts)
}
