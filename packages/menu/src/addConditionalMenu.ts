import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { conditionalMenuBodySchema, matchRuleSchema, type MatchRule, type Menu } from './_menu.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<{ menuid: string }>({
  method: 'POST',
  path: '/cgi-bin/menu/addconditional',
  retry: 'send',
  body: () => conditionalMenuBodySchema({ matchrule: matchRuleSchema() }),
  output: () => v.object({ menuid: v.pipe(v.union([v.string(), v.number()]), v.transform(String)) }),
})

/**
 * Adds a conditional (personalized, 个性化) menu shown to the users the match rule selects.
 *
 * Calls `POST /cgi-bin/menu/addconditional`. The buttons are checked like `createMenu`'s; the match
 * rule needs at least one criterion: `tag_id` or `client_platform_type`. WeChat stopped matching on
 * sex, region and language for privacy and refuses new rules with them (65320), so they are refused
 * before sending. Each call creates a new menu, so it is never resent after an ambiguous failure
 * (`wx/outcome-unknown`: check `getMenu`). Returns the new `menuid` (a string).
 * Errcodes that matter: 65303 (no default menu yet: call `createMenu` first), 65304 (empty match
 * rule), 65305 (too many conditional menus), 65320 (a private criterion), 40016–40027.
 *
 * @example
 * const { menuid } = await addConditionalMenu(ctx, { button: [{ type: 'click', name: 'VIP', key: 'VIP' }] }, { tag_id: 100 })
 */
export function addConditionalMenu(ctx: WxContext, menu: Menu, matchrule: MatchRule, opts?: CallOptions | null): Promise<{ menuid: string }> {
  return callApi(ctx, endpoint, { body: { ...menu, matchrule } }, opts)
}
