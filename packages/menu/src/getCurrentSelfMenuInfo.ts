import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { withoutStatus } from './_menu.ts'

/** One button of the live menu. Sub-menus come as `sub_button: { list }`; console menus carry `value`/`news_info`. */
export interface SelfMenuButton {
  type?: string
  name: string
  key?: string
  url?: string
  value?: string
  sub_button?: { list: SelfMenuButton[] }
  news_info?: { list: Record<string, unknown>[] }
  [field: string]: unknown
}

/** The menu live on the account, however it was made. */
export interface SelfMenuInfo {
  /** 1 when a menu is on, 0 otherwise. */
  is_menu_open: number
  selfmenu_info?: { button: SelfMenuButton[] }
}

const endpoint = /* @__PURE__ */ defineEndpoint<SelfMenuInfo>({
  method: 'GET',
  path: '/cgi-bin/get_current_selfmenu_info',
  retry: 'read',
  output: () =>
    v.pipe(
      v.looseObject({
        is_menu_open: v.number(),
        selfmenu_info: v.optional(v.looseObject({ button: v.array(v.looseObject({ name: v.string() })) })),
      }),
      v.transform(withoutStatus),
    ) as v.GenericSchema<unknown, SelfMenuInfo>,
})

/**
 * Reads the menu live on the account, whether it was set through the API or in the MP console.
 *
 * Calls `GET /cgi-bin/get_current_selfmenu_info`. Unlike `getMenu`, this sees console menus (their
 * buttons may be `text`, `img`, `news`, `voice`, `video` with a `value`). Conditional menus are not
 * included. Errcodes that matter: 48001 (no permission).
 *
 * @example
 * const { is_menu_open, selfmenu_info } = await getCurrentSelfMenuInfo(ctx)
 */
export function getCurrentSelfMenuInfo(ctx: WxContext, opts?: CallOptions | null): Promise<SelfMenuInfo> {
  return callApi(ctx, endpoint, {}, opts)
}
