import { callApi, check, openidSchema, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** Language of the localized fields (country, province, city: `''` since 2021-10-20). */
export type UserLang = 'zh_CN' | 'zh_TW' | 'en'

/**
 * A user as `user/info` answers. WeChat still sends the profile fields, but empty: `sex` 0 and
 * `province`/`city`/`country` `''` since 2021-10-20, `nickname` and `headimgurl` `''` since 2021-12-27
 * (user/info: "2021年12月27日之后，不再输出头像、昵称信息"). `language` is still filled. They are
 * optional: present-but-empty and missing are both accepted as data, not reported as drift.
 */
export interface UserInfo {
  /** 1 follows the account; 0 does not (then only `openid` and `unionid` are set). */
  subscribe: number
  openid: string
  language?: string
  /** Unix seconds of the latest subscription. */
  subscribe_time?: number
  /** Only when the account is bound to an Open Platform account. */
  unionid?: string
  remark?: string
  /** Legacy group id (the first tag). */
  groupid?: number
  tagid_list?: number[]
  /** ADD_SCENE_SEARCH, ADD_SCENE_QR_CODE, ADD_SCENE_PROFILE_CARD, ... */
  subscribe_scene?: string
  qr_scene?: number
  qr_scene_str?: string
  /** `''` since 2021-12-27. */
  nickname?: string
  /** 0 (unknown) since 2021-10-20; 1 male, 2 female in older answers. */
  sex?: number
  /** `''` since 2021-12-27. */
  headimgurl?: string
  /** `''` since 2021-10-20. */
  country?: string
  /** `''` since 2021-10-20. */
  province?: string
  /** `''` since 2021-10-20. */
  city?: string
  [field: string]: unknown
}

/** One page of openids: followers, a tag's users, the blacklist. */
export interface OpenidPage {
  /** All of them (followers and blacklist only). */
  total?: number
  /** On this page (at most 10000). */
  count: number
  /** Always present (WeChat omits it on an empty page). */
  data: { openid: string[] }
  /** Pass to the next call; `''` at the end. WeChat repeats the page's last openid on the final page. */
  next_openid: string
}

export const langSchema = () => v.picklist(['zh_CN', 'zh_TW', 'en'], 'lang must be zh_CN, zh_TW or en')

export const userInfoSchema = () =>
  v.pipe(v.looseObject({ subscribe: v.number(), openid: v.string(), tagid_list: v.optional(v.array(v.number())) }), v.transform(withoutStatus)) as v.GenericSchema<unknown, UserInfo>

/** Drops WeChat's `errcode: 0, errmsg: 'ok'` from an answer handed out as data. */
export function withoutStatus<T extends object>(o: T): T {
  const { errcode, errmsg, ...rest } = o as T & { errcode?: unknown; errmsg?: unknown }
  return rest as T
}

export const pageSchema = () =>
  v.looseObject({
    total: v.optional(v.number()),
    count: v.optional(v.number()),
    data: v.optional(v.looseObject({ openid: v.array(v.string()) })),
    next_openid: v.optional(v.string()),
  }) as v.GenericSchema<unknown, OpenidPage>

/**
 * A page as `OpenidPage` promises it, read after `callApi` and not in `pageSchema` (valibot skips a transform
 * of an answer that fails the schema, and that answer is data too, reported as drift): `data.openid` an
 * array (WeChat omits `data` on an empty page), `count` derived when missing, `next_openid` `''` unless a string.
 */
export function toPage(p: OpenidPage): OpenidPage {
  const openid = Array.isArray(p.data?.openid) ? p.data.openid : []
  const next = p.next_openid
  return { ...withoutStatus(p), count: p.count ?? openid.length, data: { ...p.data, openid }, next_openid: typeof next == 'string' ? next : '' }
}

/** A tag id (0, 1, 2 are WeChat's own; yours start at 100). */
export const tagIdSchema = () => v.pipe(v.number('tag id must be a number'), v.integer('tag id must be an integer'), v.minValue(0, 'tag id must be ≥ 0'))

/** A tag id you may change: not WeChat's own 0, 1, 2 (errcode 45058). */
export const ownTagIdSchema = () => v.pipe(tagIdSchema(), v.minValue(3, 'tags 0, 1 and 2 belong to WeChat and cannot be changed (errcode 45058)'))

/** A tag name: 1–30 UTF-8 bytes (45158), unique per account (45157). */
export const tagNameSchema = () => v.pipe(v.string(), v.nonEmpty('tag name must not be empty'), v.maxBytes(30, 'tag name must be at most 30 UTF-8 bytes (errcode 45158)'))

/** An optional pagination openid: omitted or `''` starts at the beginning. */
export const cursorSchema = () => v.optional(v.union([v.literal(''), openidSchema()]))

/**
 * Sends `items` in chunks of `size` (WeChat's per-call limit), one call after the other. The whole list
 * is validated first (`field.<index>` names a bad item), so bad input sends nothing. An empty list sends
 * nothing. A failure stops the run: earlier chunks stay applied.
 */
export async function inChunks<T, Out>(
  ctx: WxContext,
  ep: Endpoint<Out>,
  items: readonly T[],
  size: number,
  field: string,
  item: () => v.GenericSchema,
  body: (chunk: T[]) => unknown,
  opts?: CallOptions | null,
): Promise<Out[]> {
  check(() => v.object({ [field]: v.array(item(), `${field} must be an array`) }), { [field]: items }, ep.path)
  const out: Out[] = []
  for (let i = 0; i < items.length; i += size) out.push(await callApi(ctx, ep, { body: body(items.slice(i, i + size)) }, opts))
  return out
}
