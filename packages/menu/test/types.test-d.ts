// Type tests, compiled by `pnpm typecheck` (tsc -p tsconfig.json: strict, exactOptionalPropertyTypes), never run.
// Each `@ts-expect-error` marks a call the types must refuse (and the runtime refuses with wx/validation);
// every other line must compile.
import { createContext } from '@wx/core'
import {
  addConditionalMenu,
  createMenu,
  getMenu,
  tryMatchMenu,
  type MatchRule,
  type MatchRuleInfo,
  type Menu,
  type MenuButton,
  type MenuButtonInfo,
  type MenuLeafButton,
} from '@wx/menu'

const ctx = createContext({ appid: 'wx', secret: 's' })
const vip: Menu = { button: [{ type: 'click', name: 'VIP', key: 'VIP' }] }

export async function leaves() {
  // Every type with the fields it needs.
  await createMenu(ctx, {
    button: [
      { type: 'click', name: 'Today', key: 'K' },
      {
        name: 'More',
        sub_button: [
          { type: 'view', name: 'Search', url: 'https://x' },
          { type: 'miniprogram', name: 'App', url: 'https://x', appid: 'wx1', pagepath: 'pages/index' },
          { type: 'media_id', name: 'Pic', media_id: 'M' },
          { type: 'article_view_limited', name: 'Read', article_id: 'A' },
          { type: 'scancode_waitmsg', name: 'Scan', key: 'S', sub_button: [] },
        ],
      },
      { type: 'location_select', name: 'Where', key: 'L' },
    ],
  })
  for (const type of ['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'] as const)
    void ({ type, name: 'x', key: 'k' } satisfies MenuLeafButton)
  const leaf: MenuLeafButton = { type: 'view_limited', name: 'x', media_id: 'm' }
  // The type narrows the fields.
  if (leaf.type === 'view_limited') void leaf.media_id.length
  // @ts-expect-error view without url
  await createMenu(ctx, { button: [{ type: 'view', name: 'S' }] })
  // @ts-expect-error click without key
  await createMenu(ctx, { button: [{ type: 'click', name: 'S' }] })
  // @ts-expect-error scancode_push without key (in a sub-menu)
  await createMenu(ctx, { button: [{ name: 'M', sub_button: [{ type: 'scancode_push', name: 'S' }] }] })
  // @ts-expect-error miniprogram without appid and pagepath
  await createMenu(ctx, { button: [{ type: 'miniprogram', name: 'S', url: 'https://x' }] })
  // @ts-expect-error miniprogram without url
  await createMenu(ctx, { button: [{ type: 'miniprogram', name: 'S', appid: 'wx1', pagepath: 'p' }] })
  // @ts-expect-error media_id without media_id
  await createMenu(ctx, { button: [{ type: 'media_id', name: 'S' }] })
  // @ts-expect-error view_limited takes media_id, not article_id
  await createMenu(ctx, { button: [{ type: 'view_limited', name: 'S', article_id: 'A' }] })
  // @ts-expect-error article_id without article_id
  await createMenu(ctx, { button: [{ type: 'article_id', name: 'S' }] })
  // @ts-expect-error article_view_limited without article_id
  const b: MenuButton = { type: 'article_view_limited', name: 'S' }
  // @ts-expect-error not a button type
  await createMenu(ctx, { button: [{ type: 'link', name: 'S', url: 'https://x' }] })
  // @ts-expect-error a leaf needs a name
  await createMenu(ctx, { button: [{ type: 'click', key: 'K' }] })
  void b
}

export async function matchRules() {
  await addConditionalMenu(ctx, vip, { tag_id: 100 })
  await addConditionalMenu(ctx, vip, { tag_id: '100' })
  await addConditionalMenu(ctx, vip, { client_platform_type: 2 })
  await addConditionalMenu(ctx, vip, { tag_id: 100, client_platform_type: '1' })
  // The retired criteria are still typed (deprecated), beside a criterion that counts.
  const old: MatchRule = { tag_id: 100, sex: '' }
  await addConditionalMenu(ctx, vip, old)
  // @ts-expect-error an empty rule (65304)
  await addConditionalMenu(ctx, vip, {})
  // @ts-expect-error only a retired criterion (65320)
  await addConditionalMenu(ctx, vip, { sex: 1 })
  // @ts-expect-error only retired criteria (65320)
  await addConditionalMenu(ctx, vip, { country: '中国', province: '广东' })
  // @ts-expect-error client_platform_type is 1, 2 or 3
  await addConditionalMenu(ctx, vip, { client_platform_type: 4 })
  // @ts-expect-error tag_id may not be undefined alone
  await addConditionalMenu(ctx, vip, { tag_id: undefined })
}

export async function answers() {
  // Answers are typed as WeChat sends them: not narrowed by the create-time rules.
  const { menu, conditionalmenu } = await getMenu(ctx)
  for (const b of menu.button) {
    if ('type' in b) {
      const t: string = b.type
      const url: string | undefined = b.url
      void [t, url]
    } else b.sub_button.map((s) => s.name)
  }
  // An odd button WeChat may answer (a type this SDK does not know, a leaf without its field) fits the answer type.
  const odd: MenuButtonInfo[] = [{ type: 'text', name: 'Old', sub_button: [] }, { type: 'view', name: 'No url' }]
  // A rule made before the retired criteria were refused reads back.
  const rule: MatchRuleInfo | undefined = conditionalmenu?.[0]?.matchrule
  const oldRule: MatchRuleInfo = { sex: '1', country: '中国' }
  const id: number | undefined = conditionalmenu?.[0]?.menuid
  // Sent back as it is, with an assertion (the structure is checked before sending).
  await createMenu(ctx, menu as Menu)
  const matched: MenuButtonInfo[] = (await tryMatchMenu(ctx, 'oUser')).button
  void [odd, rule, oldRule, id, matched]
  await getMenu(ctx, null)
}
