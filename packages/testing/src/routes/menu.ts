import { bytes, fail, need, type FakeRoute } from '../route.ts'
import type { FakeState } from '../state.ts'
import { OTHER_APP_PREFIX, tagsOf } from './user.ts'

type Button = Record<string, any>
interface Conditional {
  button: Button[]
  matchrule: Record<string, string>
  menuid: string
}
interface MenuBag {
  menu: { button: Button[] } | undefined
  menuid: number
  conditional: Conditional[]
  nextId: number
}
const bag = (s: FakeState) => s.bag<MenuBag>('menu', () => ({ menu: undefined, menuid: 0, conditional: [], nextId: 208379533 }))

const KEY_TYPES = ['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select']
const TYPES = [...KEY_TYPES, 'view', 'miniprogram', 'media_id', 'view_limited', 'article_id', 'article_view_limited']
const str = (v: unknown): v is string => typeof v === 'string' && v.length > 0

/** Checks one leaf button as WeChat does; `sub` selects the sub-button errcodes. */
function checkLeaf(b: Button, sub: boolean): void {
  const c = (top: number, subCode: number) => (sub ? subCode : top)
  need(TYPES.includes(b.type), c(40017, 40024), `invalid ${sub ? 'sub ' : ''}button type`)
  if (KEY_TYPES.includes(b.type)) need(str(b.key) && bytes(b.key) <= 128, c(40019, 40026), `invalid ${sub ? 'sub ' : ''}button key size`)
  if (b.type === 'view' || b.type === 'miniprogram') {
    need(str(b.url) && bytes(b.url) <= 1024, c(40020, 40027), `invalid ${sub ? 'sub ' : ''}button url size`)
    need(/^https?:\/\//.test(b.url), c(40055, 40054), `invalid ${sub ? 'sub ' : ''}button url domain`)
  }
  if (b.type === 'miniprogram') need(str(b.appid) && str(b.pagepath), 40165, 'invalid weapp pagepath')
  if (b.type === 'media_id' || b.type === 'view_limited') need(str(b.media_id), 40007, 'invalid media_id')
  if (b.type === 'article_id' || b.type === 'article_view_limited') need(str(b.article_id), 40007, 'invalid article_id')
}

/** Checks a menu's buttons with WeChat's errcodes; answers them as `menu/get` shows them (`sub_button: []` on leaves). */
function checkButtons(buttons: unknown): Button[] {
  need(Array.isArray(buttons) && buttons.length > 0 && buttons.length <= 3, 40016, 'invalid button size')
  return (buttons as Button[]).map((b) => {
    need(b && typeof b === 'object', 40016, 'invalid button')
    need(str(b.name) && bytes(b.name) <= 16, 40018, 'invalid button name size')
    if (Array.isArray(b.sub_button) && b.sub_button.length) {
      need(b.sub_button.length <= 5, 40023, 'invalid sub button size')
      return {
        name: b.name,
        sub_button: b.sub_button.map((s: Button) => {
          need(s && typeof s === 'object', 40024, 'invalid sub button')
          need(str(s.name) && bytes(s.name) <= 60, 40025, 'invalid sub button name size')
          need(!(Array.isArray(s.sub_button) && s.sub_button.length), 40024, 'invalid sub button type')
          checkLeaf(s, true)
          return { ...s, sub_button: [] }
        }),
      }
    }
    checkLeaf(b, false)
    return { ...b, sub_button: [] }
  })
}

/** As `get_current_selfmenu_info` shows a button: sub-menus as `{ list }`. */
const selfButton = (b: Button): Button => {
  const { sub_button, ...rest } = b
  return sub_button?.length ? { ...rest, sub_button: { list: sub_button.map(selfButton) } } : rest
}

/**
 * Custom menus. `GET /cgi-bin/menu/get` answers 46003 until one is created. Conditional menus match
 * on `tag_id` (the user's tags, see user.ts); a match rule with sex, country, province, city or
 * language answers 65320, as WeChat does since it retired them; user ids starting `o_other_` or
 * `o_nobody` answer 65302.
 */
export const menuRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/menu/create',
    handle({ state, body }) {
      const b = bag(state)
      b.menu = { button: checkButtons(body?.button) }
      b.menuid = b.nextId++
      return {}
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/get',
    bare: true,
    handle({ state }) {
      const { menu, menuid, conditional } = bag(state)
      need(menu, 46003, 'menu no exist')
      return {
        menu: { ...menu, menuid },
        ...(conditional.length ? { conditionalmenu: conditional.map((c) => ({ ...c, menuid: Number(c.menuid) })) } : {}),
      }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    handle({ state }) {
      const b = bag(state)
      b.menu = undefined
      b.conditional = []
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/addconditional',
    handle({ state, body }) {
      const b = bag(state)
      need(b.menu, 65303, 'there is no menu, please create a default menu first')
      const rule = body?.matchrule
      need(rule && typeof rule === 'object' && Object.values(rule).some((v) => v !== '' && v !== undefined && v !== null), 65304, 'match rule empty')
      // Retired for privacy: WeChat refuses a rule that still uses them.
      need(!['sex', 'country', 'province', 'city', 'language'].some((k) => rule[k] != null && rule[k] !== ''), 65320, 'matchrule field not supported')
      if (rule.tag_id !== undefined) need(/^\d+$/.test(String(rule.tag_id)), 40003, 'invalid tag_id')
      need(b.conditional.length < 20, 65305, 'personalized menu count limit')
      const button = checkButtons(body.button)
      const menuid = String(b.nextId++)
      const matchrule: Record<string, string> = {}
      for (const [k, v] of Object.entries(rule)) matchrule[k] = String(v)
      b.conditional.push({ button, matchrule, menuid })
      return { menuid }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/delconditional',
    handle({ state, body }) {
      const b = bag(state)
      const i = b.conditional.findIndex((c) => c.menuid === String(body?.menuid))
      need(i >= 0, 65301, 'no such conditional menu')
      b.conditional.splice(i, 1)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/menu/trymatch',
    handle({ state, body }) {
      const id = body?.user_id
      if (typeof id !== 'string' || !id || id.startsWith(OTHER_APP_PREFIX) || id.startsWith('o_nobody')) fail(65302, 'no such user')
      const b = bag(state)
      need(b.menu, 46003, 'menu no exist')
      const tags = tagsOf(state, id).map(String)
      const hit = [...b.conditional].reverse().find((c) => c.matchrule.tag_id !== undefined && tags.includes(c.matchrule.tag_id))
      return { button: (hit ?? b.menu!).button }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/get_current_selfmenu_info',
    handle({ state }) {
      const { menu } = bag(state)
      return menu ? { is_menu_open: 1, selfmenu_info: { button: menu.button.map(selfButton) } } : { is_menu_open: 0 }
    },
  },
]
