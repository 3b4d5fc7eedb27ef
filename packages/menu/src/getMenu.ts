import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { buttonsOutSchema, withoutStatus, type MatchRuleInfo, type MenuButtonInfo } from './_menu.ts'

/** What `getMenu` answers: the default menu and the conditional menus, their buttons as WeChat answers them. */
export interface MenuResult {
  menu: { button: MenuButtonInfo[]; menuid?: number }
  /** Conditional (personalized) menus, when there are any. */
  conditionalmenu?: { button: MenuButtonInfo[]; matchrule: MatchRuleInfo; menuid: number }[]
}

const endpoint = /* @__PURE__ */ defineEndpoint<MenuResult>({
  method: 'GET',
  path: '/cgi-bin/menu/get',
  retry: 'read',
  output: () =>
    v.pipe(
      v.looseObject({
        menu: v.looseObject({ button: buttonsOutSchema(), menuid: v.optional(v.number()) }),
        conditionalmenu: v.optional(v.array(v.looseObject({ button: buttonsOutSchema(), matchrule: v.looseObject({}), menuid: v.number() }))),
      }),
      v.transform(withoutStatus),
    ) as v.GenericSchema<unknown, MenuResult>,
})

/**
 * Reads the custom menu set through the API, with the conditional menus.
 *
 * Calls `GET /cgi-bin/menu/get`. Leaves carry `sub_button: []`, so the answer can be sent back to
 * `createMenu` as it is (`createMenu(ctx, menu as Menu)`: its buttons are typed as WeChat answers them,
 * loosely, and the structure is checked before sending). Menus made in the MP console are not returned here: use
 * `getCurrentSelfMenuInfo`. Errcodes that matter: 46003 (no menu exists).
 *
 * @example
 * const { menu, conditionalmenu } = await getMenu(ctx)
 */
export function getMenu(ctx: WxContext, opts?: CallOptions | null): Promise<MenuResult> {
  return callApi(ctx, endpoint, {}, opts)
}
