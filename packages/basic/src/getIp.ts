import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ ip_list: string[] }>({
  method: 'GET',
  path: '/cgi-bin/getcallbackip',
  retry: 'read',
  output: () => v.looseObject({ ip_list: v.array(v.string()) }),
})

/**
 * Lists the IP addresses WeChat calls your server from (message push), for a firewall allowlist.
 *
 * Calls `GET /cgi-bin/getcallbackip`. The list changes over time: refresh it, do not hard-code it.
 * Errcodes that matter: 40164 (this server's IP is not on the account's API allowlist),
 * 45009 (daily quota used up).
 *
 * @example
 * const ips = await getIp(ctx) // ['101.226.103.0/25', ...]
 */
export async function getIp(ctx: WxContext, opts?: CallOptions | null): Promise<string[]> {
  const { ip_list } = await callApi(ctx, endpoint, {}, opts)
  // An answer without the list is data too (reported as drift): no list, not a null or a string.
  return Array.isArray(ip_list) ? ip_list : []
}
