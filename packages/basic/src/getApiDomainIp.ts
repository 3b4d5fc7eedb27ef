import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<{ ip_list: string[] }>({
  method: 'GET',
  path: '/cgi-bin/get_api_domain_ip',
  retry: 'read',
  output: () => v.looseObject({ ip_list: v.array(v.string()) }),
})

/**
 * Lists the IP addresses behind `api.weixin.qq.com`, for an egress allowlist or a DNS sanity check.
 *
 * Calls `GET /cgi-bin/get_api_domain_ip`.
 * Errcodes that matter: 40164 (this server's IP is not on the account's API allowlist), 45009 (daily quota).
 *
 * @example
 * const ips = await getApiDomainIp(ctx) // ['101.89.47.18', '101.91.34.103', ...]
 */
export async function getApiDomainIp(ctx: WxContext, opts?: CallOptions | null): Promise<string[]> {
  const { ip_list } = await callApi(ctx, endpoint, {}, opts)
  // An answer without the list is data too (reported as drift): no list, not a null or a string.
  return Array.isArray(ip_list) ? ip_list : []
}
