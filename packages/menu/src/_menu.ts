import * as v from 'valibot'

/** Button types WeChat knows, with the field each one needs. */
const NEEDS: Record<string, readonly string[]> = {
  click: ['key'],
  scancode_push: ['key'],
  scancode_waitmsg: ['key'],
  pic_sysphoto: ['key'],
  pic_photo_or_album: ['key'],
  pic_weixin: ['key'],
  location_select: ['key'],
  view: ['url'],
  miniprogram: ['url', 'appid', 'pagepath'],
  media_id: ['media_id'],
  view_limited: ['media_id'],
  article_id: ['article_id'],
  article_view_limited: ['article_id'],
}

/** The type of a menu button (`click`, `view`, `miniprogram`, ...). */
export type MenuButtonType =
  | 'click'
  | 'view'
  | 'scancode_push'
  | 'scancode_waitmsg'
  | 'pic_sysphoto'
  | 'pic_photo_or_album'
  | 'pic_weixin'
  | 'location_select'
  | 'media_id'
  | 'view_limited'
  | 'article_id'
  | 'article_view_limited'
  | 'miniprogram'

/** What every leaf button has besides its type's fields. */
interface LeafBase {
  /** ≤ 16 bytes on the top row, ≤ 60 bytes in a sub-menu. */
  name: string
  /** `getMenu` answers `sub_button: []` on leaves; accepted so its output can be sent back. */
  sub_button?: readonly [] | undefined
}

/** A button that pushes an event with its `key` to your server (click, scancode_*, pic_*, location_select). */
export interface MenuKeyButton extends LeafBase {
  type: 'click' | 'scancode_push' | 'scancode_waitmsg' | 'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin' | 'location_select'
  /** The key pushed to your server, ≤ 128 bytes. */
  key: string
}

/** A button that opens a web page. */
export interface MenuViewButton extends LeafBase {
  type: 'view'
  /** The page, http(s), ≤ 1024 bytes. */
  url: string
}

/** A button that opens a mini program page. */
export interface MenuMiniProgramButton extends LeafBase {
  type: 'miniprogram'
  /** The page for clients without mini-program support, http(s), ≤ 1024 bytes. */
  url: string
  /** The mini program's AppID. */
  appid: string
  /** The page path inside the mini program. */
  pagepath: string
}

/** A button that sends a permanent material (`media_id`) or opens it (`view_limited`). */
export interface MenuMediaButton extends LeafBase {
  type: 'media_id' | 'view_limited'
  /** A permanent material id. */
  media_id: string
}

/** A button that sends a published article (`article_id`) or opens it (`article_view_limited`). */
export interface MenuArticleButton extends LeafBase {
  type: 'article_id' | 'article_view_limited'
  /** A published article id. */
  article_id: string
}

/**
 * A button that does something (a leaf): one of the types, with the fields that type needs (checked before
 * sending too: click, scancode_*, pic_*, location_select: `key`; view: `url`; miniprogram: `url`, `appid`,
 * `pagepath`; media_id, view_limited: `media_id`; article_id, article_view_limited: `article_id`).
 */
export type MenuLeafButton = MenuKeyButton | MenuViewButton | MenuMiniProgramButton | MenuMediaButton | MenuArticleButton

/** A top-row button that opens a sub-menu of 1–5 buttons. */
export interface MenuParentButton {
  /** ≤ 16 bytes. */
  name: string
  sub_button: MenuLeafButton[]
}

/** A top-row button: a leaf or a sub-menu. */
export type MenuButton = MenuLeafButton | MenuParentButton

/** A custom menu: 1–3 top-row buttons. */
export interface Menu {
  button: MenuButton[]
}

/** A leaf button as WeChat answers it (`getMenu`, `tryMatchMenu`): typed as loosely as it may come. */
export interface MenuLeafButtonInfo {
  type: MenuButtonType | (string & {})
  name: string
  key?: string
  url?: string
  appid?: string
  pagepath?: string
  media_id?: string
  article_id?: string
  /** `[]` on leaves. */
  sub_button?: readonly unknown[]
}

/** A sub-menu as WeChat answers it. */
export interface MenuParentButtonInfo {
  name: string
  sub_button: MenuLeafButtonInfo[]
}

/**
 * A button as WeChat answers it. Send an answer back with `createMenu(ctx, menu as Menu)`: its structure is
 * checked before sending, like any menu's.
 */
export type MenuButtonInfo = MenuLeafButtonInfo | MenuParentButtonInfo

/** The criteria of a match rule. */
interface MatchRuleCriteria {
  tag_id?: string | number | undefined
  /** 1 iOS, 2 Android, 3 others. */
  client_platform_type?: 1 | 2 | 3 | '1' | '2' | '3' | undefined
  /**
   * 1 male, 2 female.
   * @deprecated WeChat no longer matches on it: a new rule with it is refused (65320). Use `tag_id`.
   */
  sex?: string | number | undefined
  /** @deprecated Refused in new rules (65320), like every private criterion. Use `tag_id`. */
  country?: string | undefined
  /** @deprecated Refused in new rules (65320). Use `tag_id`. */
  province?: string | undefined
  /** @deprecated Refused in new rules (65320). Use `tag_id`. */
  city?: string | undefined
  /** zh_CN, zh_TW, en, ... @deprecated Refused in new rules (65320). Use `tag_id`. */
  language?: string | undefined
}

/**
 * Which users a new conditional (personalized) menu is for: `tag_id`, `client_platform_type` or both (WeChat
 * refuses an empty rule, 65304, and the retired private criteria, 65320: both are refused before sending).
 */
export type MatchRule = MatchRuleCriteria & ({ tag_id: string | number } | { client_platform_type: 1 | 2 | 3 | '1' | '2' | '3' })

/** A conditional menu's match rule as `getMenu` answers it: rules made before WeChat retired the private criteria may hold only those. */
export interface MatchRuleInfo {
  tag_id?: string | number
  client_platform_type?: string | number
  sex?: string | number
  country?: string
  province?: string
  city?: string
  language?: string
}

const enc = /* @__PURE__ */ new TextEncoder()
const bytes = (s: string) => enc.encode(s).length
const isStr = (x: unknown): x is string => typeof x === 'string'

/** One problem found in a menu: the button's label (`button[1].sub_button[2] "Help"`) and what is wrong. */
export interface MenuProblem {
  label: string
  message: string
}

type Bad = (label: string) => (message: string) => void

/**
 * Checks a menu's structure against WeChat's documented limits (自定义菜单 / 创建接口): 1–3 top buttons,
 * 1–5 sub buttons, name ≤ 16 bytes (top) / ≤ 60 bytes (sub; 40 in 2014), key ≤ 128 bytes, url ≤ 1024
 * bytes (256 in 2014), and the fields each button type needs. Indices are 0-based.
 */
export function menuProblems(menu: unknown): MenuProblem[] {
  const out: MenuProblem[] = []
  const bad: Bad = (label) => (message) => void out.push({ label, message })
  const buttons = (menu as { button?: unknown } | null)?.button
  const n = Array.isArray(buttons) ? buttons.length : 0
  if (n < 1 || n > 3) bad('button')(`a menu needs 1-3 top buttons, got ${n} (errcode 40016)`)
  else (buttons as unknown[]).forEach((b, i) => checkButton(b, `button[${i}]`, true, bad))
  return out
}

/** One button, top row (`top`) or in a sub-menu; a top button's sub-menu is checked here too. */
function checkButton(b: any, at: string, top: boolean, bad: Bad): void {
  const err = bad(`${at}${isStr(b?.name) ? ` ${JSON.stringify(b.name)}` : ''}`)
  if (!b || typeof b !== 'object') return void err('must be an object')
  const max = top ? 16 : 60
  if (!isStr(b.name) || !b.name) err('needs a name')
  else if (bytes(b.name) > max) err(`name is ${bytes(b.name)} bytes, ${top ? 'top' : 'sub'} buttons allow ${max} (UTF-8)`)
  const subs = b.sub_button
  if (Array.isArray(subs) && subs.length) {
    if (!top) return void err('sub buttons cannot have sub buttons (menus have two levels)')
    if (subs.length > 5) err(`a sub-menu holds 1-5 buttons, got ${subs.length} (errcode 40023)`)
    subs.forEach((s, j) => checkButton(s, `${at}.sub_button[${j}]`, false, bad))
  } else if (top && subs !== undefined && !Array.isArray(subs)) err('sub_button must be an array')
  else if (top && b.type === undefined) err('needs a type, or a sub_button list of 1-5 buttons')
  else checkLeaf(b, err)
}

function checkLeaf(b: any, bad: (m: string) => void): void {
  const needs = NEEDS[b.type]
  if (!needs) return void bad(`unknown type ${JSON.stringify(b.type)} (expected ${Object.keys(NEEDS).join(', ')})`)
  for (const f of needs) if (!isStr(b[f]) || !b[f]) bad(`${b.type} needs ${f}`)
  if (isStr(b.key) && bytes(b.key) > 128) bad(`key is ${bytes(b.key)} bytes, WeChat allows 128`)
  if (isStr(b.url) && b.url) {
    if (bytes(b.url) > 1024) bad(`url is ${bytes(b.url)} bytes, WeChat allows 1024`)
    else if (!/^https?:\/\/\S+$/.test(b.url)) bad('url must start with http:// or https://')
  }
}

/**
 * A menu body (`{ button }`) with the structure check. Each issue's path is the button's
 * label, so the error reads `button[1].sub_button[2] "Help": view needs url`.
 */
export const menuBodySchema = () =>
  // Any object passes on as it is (the check reads it): no looseObject code in createMenu's bundle.
  v.pipe(v.custom<Record<string, unknown>>((m) => !!m && typeof m === 'object', 'a menu is an object: { button: [...] }'), menuCheck())

/** A conditional menu body: `{ button, ...entries }` with the same structure check. */
export const conditionalMenuBodySchema = (entries: v.ObjectEntries) => v.pipe(v.looseObject(entries), menuCheck())

/** The structure check as one valibot action, each issue under its button's label. */
const menuCheck = () =>
  v.rawCheck<Record<string, unknown>>(({ dataset, addIssue }) => {
    if (!dataset.typed) return
    for (const p of menuProblems(dataset.value))
      addIssue({ message: p.message, path: [{ type: 'object', origin: 'value', input: dataset.value, key: p.label, value: undefined }] })
  })

/** Criteria WeChat stopped honouring for privacy: a new match rule with any of them is refused (65320). */
const PRIVATE_CRITERIA = ['sex', 'country', 'province', 'city', 'language'] as const

/** `matchrule` of a new conditional menu: at least one criterion, none of the retired private ones. */
export const matchRuleSchema = () => {
  const code = () => v.optional(v.pipe(v.union([v.string(), v.number()]), v.transform(String)))
  const retired = () => v.optional(v.union([v.string(), v.number()]))
  return v.pipe(
    v.object({
      tag_id: code(),
      client_platform_type: v.optional(
        v.pipe(v.union([v.string(), v.number()]), v.transform(String), v.picklist(['1', '2', '3'], 'client_platform_type must be 1 (iOS), 2 (Android) or 3 (others)')),
      ),
      sex: retired(),
      country: retired(),
      province: retired(),
      city: retired(),
      language: retired(),
    }),
    v.check(
      (m) => PRIVATE_CRITERIA.every((k) => m[k] === undefined || m[k] === ''),
      `${PRIVATE_CRITERIA.join(', ')} are no longer supported: WeChat refuses a match rule with them (errcode 65320); match by tag_id or client_platform_type`,
    ),
    v.check((m) => Object.values(m).some((x) => x !== undefined && x !== ''), 'matchrule needs at least one criterion (errcode 65304)'),
  )
}

/** A menu as `getMenu`/`tryMatchMenu` answer it (leaves carry `sub_button: []`). */
export const menuOutSchema = () => v.pipe(v.looseObject({ button: buttonsOutSchema() }), v.transform(withoutStatus))

/** Buttons as WeChat answers them. */
export const buttonsOutSchema = () => v.array(v.looseObject({ name: v.string() })) as unknown as v.GenericSchema<unknown, MenuButtonInfo[]>

/** Drops WeChat's `errcode: 0, errmsg: 'ok'` from an answer handed out as data. */
export function withoutStatus<T extends object>(o: T): T {
  const { errcode, errmsg, ...rest } = o as T & { errcode?: unknown; errmsg?: unknown }
  return rest as T
}
