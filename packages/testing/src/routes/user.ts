import { bytes, fail, need, OTHER_APP_PREFIX, type FakeRoute } from '../route.ts'
import type { FakeState } from '../state.ts'

/**
 * The fake's followers, set with `fake.setData('followers', { count: 25000 })` (openids
 * `followerOpenid(0..count-1)`, deterministic) or `{ openids: [...] }`. Default: 3 followers.
 */
export interface FakeFollowers {
  count?: number | undefined
  openids?: string[] | undefined
}

/** The `i`-th generated follower's openid: `o_fan_0000000`, `o_fan_0000001`, ... */
export const followerOpenid = (i: number): string => `o_fan_${String(i).padStart(7, '0')}`

export { OTHER_APP_PREFIX } from '../route.ts'

/** Per-account user records: tags, tag membership, remarks, blacklist. */
export interface UserBag {
  tags: { id: number; name: string }[]
  nextTagId: number
  userTags: Record<string, number[]>
  remarks: Record<string, string>
  blacklist: string[]
}

const SYSTEM_TAGS = [{ id: 2, name: '星标组' }]
const PAGE = 10_000

export const userBag = (s: FakeState): UserBag =>
  s.bag<UserBag>('user', () => ({ tags: [], nextTagId: 100, userTags: {}, remarks: {}, blacklist: [] }))

/** Every follower's openid, in subscription order. */
export function followersOf(s: FakeState): string[] {
  const f: FakeFollowers = s.data.followers ?? { count: 3 }
  if (Array.isArray(f.openids)) return f.openids
  return Array.from({ length: Math.max(0, Math.min(f.count ?? 0, 1_000_000)) }, (_, i) => followerOpenid(i))
}

/** The tag ids of one user. */
export const tagsOf = (s: FakeState, openid: string): number[] => userBag(s).userTags[openid] ?? []

const wellFormed = (o: unknown): o is string => typeof o === 'string' && /^[\w-]{1,64}$/.test(o)

/** A well-formed openid of this account: 40003 otherwise. */
function checkUser(openid: unknown): string {
  need(wellFormed(openid) && !openid.startsWith(OTHER_APP_PREFIX), 40003, 'invalid openid')
  return openid as string
}

/** An `openid_list` of 1..max openids of this account (40032 for the size, 49003 for another app's). */
function openidList(list: unknown, max: number): string[] {
  need(Array.isArray(list) && list.length > 0 && list.length <= max, 40032, 'invalid openid_list size')
  for (const o of list as unknown[]) {
    need(wellFormed(o), 40003, 'invalid openid')
    need(!(o as string).startsWith(OTHER_APP_PREFIX), 49003, 'not match openid with appid')
  }
  return list as string[]
}

/** One page of a list after `after` (exclusive), WeChat-style: `next_openid` is the page's last openid. */
function page(list: string[], after: unknown, withTotal: boolean) {
  let start = 0
  if (typeof after === 'string' && after) {
    const i = list.indexOf(after)
    need(i >= 0, 40003, 'invalid next_openid')
    start = i + 1
  }
  const ids = list.slice(start, start + PAGE)
  return {
    ...(withTotal ? { total: list.length } : {}),
    count: ids.length,
    ...(ids.length ? { data: { openid: ids } } : {}),
    next_openid: ids.length ? ids[ids.length - 1] : '',
  }
}

/** A tag name not yet used, the tag's own included: WeChat answers 45157 to a rename to the current name. */
function tagName(name: unknown, b: UserBag): string {
  need(typeof name === 'string' && name.length > 0, 40003, 'invalid tag name')
  need(bytes(name as string) <= 30, 45158, 'tag name too long')
  need(![...SYSTEM_TAGS, ...b.tags].some((t) => t.name === name), 45157, 'invalid tag name, tag name duplicate')
  return name as string
}

/** How many users carry tag `id` (what `tags/get` answers as its `count`). */
export function tagCount(s: FakeState, id: number): number {
  return Object.values(userBag(s).userTags).filter((l) => l.includes(id)).length
}

function findTag(b: UserBag, id: unknown, code = 45159): { id: number; name: string } {
  const t = [...SYSTEM_TAGS, ...b.tags].find((t) => t.id === Number(id))
  if (!t) fail(code, 'invalid tag id')
  return t
}

function createTag(s: FakeState, name: unknown) {
  const b = userBag(s)
  const n = tagName(name, b)
  need(b.tags.length < 100, 45056, 'too many tags, max 100')
  const tag = { id: b.nextTagId++, name: n }
  b.tags.push(tag)
  return tag
}

function updateTag(s: FakeState, id: unknown, name: unknown, code = 45159) {
  const b = userBag(s)
  need(Number(id) > 2, 45058, 'can not modify the system tag (0, 1, 2)')
  const t = findTag(b, id, code)
  t.name = tagName(name, b)
}

function info(s: FakeState, openid: string, lang: string) {
  if (openid === 'o_unfollowed') return { subscribe: 0, openid }
  const tags = tagsOf(s, openid)
  const n = [...openid].reduce((a, c) => a + c.charCodeAt(0), 0)
  return {
    subscribe: 1,
    openid,
    language: lang,
    subscribe_time: 1_600_000_000 + n,
    remark: userBag(s).remarks[openid] ?? '',
    groupid: tags[0] ?? 0,
    tagid_list: tags,
    subscribe_scene: 'ADD_SCENE_QR_CODE',
    qr_scene: 0,
    qr_scene_str: '',
  }
}

const LANGS = ['zh_CN', 'zh_TW', 'en']

/** Users, tags, blacklist and the legacy groups (mapped onto tags, as WeChat did in 2016). */
export const userRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/user/info',
    bare: true,
    handle({ state, query }) {
      const openid = checkUser(query.get('openid'))
      const lang = query.get('lang') ?? 'zh_CN'
      need(LANGS.includes(lang), 40005, 'invalid lang')
      return info(state, openid, lang)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/info/batchget',
    bare: true,
    handle({ state, body }) {
      const list = body?.user_list
      need(Array.isArray(list) && list.length > 0 && list.length <= 100, 40032, 'invalid user_list size, max 100')
      return { user_info_list: list.map((u: any) => info(state, checkUser(u?.openid), u?.lang ?? 'zh_CN')) }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/user/get',
    bare: true,
    handle({ state, query }) {
      return page(followersOf(state), query.get('next_openid'), true)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/info/updateremark',
    handle({ state, body }) {
      const openid = checkUser(body?.openid)
      need(typeof body.remark === 'string', 44002, 'empty remark')
      need(bytes(body.remark) < 30, 40092, 'remark too long')
      userBag(state).remarks[openid] = body.remark
      return {}
    },
  },
  // Tags
  {
    method: 'POST',
    path: '/cgi-bin/tags/create',
    bare: true,
    handle({ state, body }) {
      return { tag: createTag(state, body?.tag?.name) }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/tags/get',
    bare: true,
    handle({ state }) {
      return { tags: [...SYSTEM_TAGS, ...userBag(state).tags].map((t) => ({ ...t, count: tagCount(state, t.id) })) }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/update',
    handle({ state, body }) {
      updateTag(state, body?.tag?.id, body?.tag?.name)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/delete',
    handle({ state, body }) {
      const b = userBag(state)
      const id = Number(body?.tag?.id)
      need(id > 2, 45058, 'can not delete the system tag (0, 1, 2)')
      findTag(b, id)
      need(tagCount(state, id) <= 100_000, 45057, 'tag has more than 100000 fans, delete them first')
      b.tags = b.tags.filter((t) => t.id !== id)
      for (const [o, l] of Object.entries(b.userTags)) b.userTags[o] = l.filter((t) => t !== id)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/user/tag/get',
    handle({ state, body }) {
      const b = userBag(state)
      const id = findTag(b, body?.tagid).id
      const list = Object.keys(b.userTags).filter((o) => b.userTags[o]!.includes(id))
      return page(list, body?.next_openid, false)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchtagging',
    handle({ state, body }) {
      const b = userBag(state)
      const id = findTag(b, body?.tagid).id
      const list = openidList(body?.openid_list, 50)
      for (const o of list) need((b.userTags[o] ?? []).length < 20 || b.userTags[o]!.includes(id), 45059, 'user has too many tags, max 20')
      for (const o of list) if (!(b.userTags[o] ??= []).includes(id)) b.userTags[o]!.push(id)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchuntagging',
    handle({ state, body }) {
      const b = userBag(state)
      const id = findTag(b, body?.tagid).id
      for (const o of openidList(body?.openid_list, 50)) b.userTags[o] = (b.userTags[o] ?? []).filter((t) => t !== id)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/getidlist',
    handle({ state, body }) {
      return { tagid_list: tagsOf(state, checkUser(body?.openid)) }
    },
  },
  // Blacklist
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/getblacklist',
    handle({ state, body }) {
      return page(userBag(state).blacklist, body?.begin_openid, true)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchblacklist',
    handle({ state, body }) {
      const b = userBag(state)
      for (const o of openidList(body?.openid_list, 20)) if (!b.blacklist.includes(o)) b.blacklist.push(o)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/tags/members/batchunblacklist',
    handle({ state, body }) {
      const b = userBag(state)
      const list = openidList(body?.openid_list, 20)
      b.blacklist = b.blacklist.filter((o) => !list.includes(o))
      return {}
    },
  },
  // Legacy groups (WeChat maps them onto tags; 0 = ungrouped, 1 = blacklist, 2 = starred)
  {
    method: 'GET',
    path: '/cgi-bin/groups/get',
    handle({ state }) {
      const b = userBag(state)
      const tagged = Object.values(b.userTags).filter((l) => l.length).length
      return {
        groups: [
          { id: 0, name: '未分组', count: Math.max(0, followersOf(state).length - tagged) },
          { id: 1, name: '黑名单', count: b.blacklist.length },
          ...[...SYSTEM_TAGS, ...b.tags].map((t) => ({ ...t, count: tagCount(state, t.id) })),
        ],
      }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/groups/getid',
    handle({ state, body }) {
      return { groupid: tagsOf(state, checkUser(body?.openid))[0] ?? 0 }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/groups/create',
    handle({ state, body }) {
      return { group: createTag(state, body?.group?.name) }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/groups/update',
    handle({ state, body }) {
      updateTag(state, body?.group?.id, body?.group?.name, 40050)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/groups/members/update',
    handle({ state, body }) {
      const openid = checkUser(body?.openid)
      const to = Number(body?.to_groupid)
      const b = userBag(state)
      if (to !== 0) findTag(b, to, 40050)
      b.userTags[openid] = to === 0 ? [] : [to]
      return {}
    },
  },
]
