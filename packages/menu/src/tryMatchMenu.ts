import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { menuOutSchema, type MenuButtonInfo } from './_menu.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ button: MenuButtonInfo[] }>({
  method: 'POST',
  path: '/cgi-bin/menu/trymatch',
  retry: 'read',
  body: () => v.object({ user_id: v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'user_id must be an openid or a WeChat ID')) }),
  output: () => menuOutSchema() as v.GenericSchema<unknown, { button: MenuButtonInfo[] }>,
})

/**
 * Shows which menu a user would see (tests conditional menus).
 *
 * Calls `POST /cgi-bin/menu/trymatch`. `userId` is an openid or a WeChat ID. Returns the matching
 * menu's buttons. Errcodes that matter: 65302 (no such user), 46003 (no menu).
 *
 * @example
 * const { button } = await tryMatchMenu(ctx, 'oUser')
 */
export function tryMatchMenu(ctx: WxContext, userId: string, opts?: CallOptions | null): Promise<{ button: MenuButtonInfo[] }> {
  return callApi(ctx, endpoint, { body: { user_id: userId } }, opts)
}
