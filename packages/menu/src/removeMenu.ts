import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({ method: 'GET', path: '/cgi-bin/menu/delete', retry: 'idempotent' })

/**
 * Deletes the custom menu, the conditional menus included.
 *
 * Calls `GET /cgi-bin/menu/delete`. Idempotent: deleting when there is no menu succeeds.
 * Errcodes that matter: 48001 (no menu permission).
 *
 * @example
 * await removeMenu(ctx)
 */
export async function removeMenu(ctx: WxContext, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, {}, opts)
}
