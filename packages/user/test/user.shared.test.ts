import {
  batchBlacklist,
  batchGetUsers,
  batchTagging,
  batchUnblacklist,
  batchUntagging,
  createGroup,
  createTag,
  deleteTag,
  getBlacklist,
  getFollowers,
  getGroups,
  getTags,
  getTagUsers,
  getUser,
  getUserTags,
  getWhichGroup,
  iterateFollowers,
  moveUserToGroup,
  updateGroup,
  updateRemark,
  updateTag,
} from '@wx/user'
import { describe, expect, it } from 'vitest'
import { useFake, type RemoteFake, rejection } from '../../../test/fake.ts'

/** Expects `wx/validation` matching `message`, and that the fake saw no request. */
async function invalid(fake: RemoteFake, p: Promise<unknown>, message: RegExp) {
  const e = await rejection(p)
  expect(e.code).toBe('wx/validation')
  expect(e.message).toMatch(message)
  const stats = await fake.stats()
  expect(stats.calls).toEqual({})
  expect(stats.tokenRequests).toBe(0)
}

const fan = (i: number) => `o_fan_${String(i).padStart(7, '0')}`
const calls = async (fake: RemoteFake, path: string) => (await fake.stats()).calls[path] ?? 0

describe('users', () => {
  it('getUser: profile with lang, 40003, bad input', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const u = await getUser(c, 'o_user', { lang: 'en' })
    expect(u).toMatchObject({ subscribe: 1, openid: 'o_user', language: 'en', tagid_list: [] })
    expect((await fake.requests())[0]!.query).toMatchObject({ openid: 'o_user', lang: 'en' })
    expect(await getUser(c, 'o_unfollowed')).toEqual({ subscribe: 0, openid: 'o_unfollowed' })
    expect((await rejection(getUser(c, 'o_other_app'))).errcode).toBe(40003)
    const { fake: f2, ctx: c2 } = await useFake()
    await invalid(f2, getUser(c2(), 'bad openid'), /openid/)
    await invalid(f2, getUser(c2(), 'o_user', { lang: 'fr' as 'en' }), /lang must be zh_CN, zh_TW or en/)
  })

  it('a post-2021 answer (empty nickname, sex, region, avatar) or one without them is data, not drift', async () => {
    const { fake, ctx } = await useFake()
    const drifts: unknown[] = []
    const c = ctx({ hooks: { onSchemaDrift: (d) => void drifts.push(d) } })
    // A user/info answer as WeChat sends it since 2021-12-27: the profile fields present, but empty.
    const recorded = {"subscribe":1,"openid":"o1","nickname":"","sex":0,"language":"zh_CN","city":"","province":"","country":"","headimgurl":"","subscribe_time":1700000000,"remark":"","groupid":0,"tagid_list":[],"subscribe_scene":"ADD_SCENE_QR_CODE","qr_scene":0,"qr_scene_str":""}
    const bare = { subscribe: 1, openid: 'o2', language: 'zh_CN', subscribe_time: 1700000000, tagid_list: [] }
    await fake.failNext({ body: JSON.stringify(recorded) }, 1, '/cgi-bin/user/info')
    expect(await getUser(c, 'o1')).toEqual(recorded)
    await fake.failNext({ body: JSON.stringify(bare) }, 1, '/cgi-bin/user/info')
    expect(await getUser(c, 'o2')).toEqual(bare)
    await fake.failNext({ body: JSON.stringify({ user_info_list: [recorded, bare] }) }, 1, '/cgi-bin/user/info/batchget')
    expect(await batchGetUsers(c, ['o1', 'o2'])).toEqual([recorded, bare])
    expect(drifts).toEqual([])
  })

  it('batchGetUsers: 250 users in 3 calls of ≤100, in order', async () => {
    const { fake, ctx } = await useFake()
    const ids = Array.from({ length: 250 }, (_, i) => fan(i))
    const users = await batchGetUsers(ctx(), ids, { lang: 'zh_TW' })
    expect(users.map((u) => u.openid)).toEqual(ids)
    expect(users[0]!.language).toBe('zh_TW')
    expect(await calls(fake, '/cgi-bin/user/info/batchget')).toBe(3)
    const sizes = (await fake.requests()).map((r: any) => r.body.user_list.length)
    expect(sizes).toEqual([100, 100, 50])
    expect(await batchGetUsers(ctx(), [])).toEqual([])
    expect(await calls(fake, '/cgi-bin/user/info/batchget')).toBe(3)
  })

  it('batchGetUsers: a chunk answered errcode 0 without user_info_list (drift) adds no user, not undefined', async () => {
    const { fake, ctx } = await useFake()
    const P = '/cgi-bin/user/info/batchget'
    const ids = Array.from({ length: 250 }, (_, i) => fan(i))
    await fake.failNext({ delay: 0 }, 1, P) // the first 100: answered normally
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok' }) }, 1, P)
    await fake.failNext({ body: JSON.stringify({ user_info_list: null }) }, 1, P)
    const users = await batchGetUsers(ctx(), ids)
    expect(users.map((u) => u.openid)).toEqual(ids.slice(0, 100))
    expect(await calls(fake, P)).toBe(3)
  })

  it('batchGetUsers: 40003 from WeChat; a bad openid anywhere sends nothing', async () => {
    const { fake, ctx } = await useFake()
    expect((await rejection(batchGetUsers(ctx(), ['o_a', 'o_other_x']))).errcode).toBe(40003)
    const { fake: f2, ctx: c2 } = await useFake()
    const ids = Array.from({ length: 150 }, (_, i) => fan(i))
    ids[120] = 'bad id'
    await invalid(f2, batchGetUsers(c2(), ids), /user_list\.120: Invalid openid/)
    void fake
  })

  it('updateRemark: sets it, 40003, rejects 30 bytes', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await updateRemark(c, 'o_user', '张三VIP')
    expect((await getUser(c, 'o_user')).remark).toBe('张三VIP')
    expect((await rejection(updateRemark(c, 'o_other_x', 'a'))).errcode).toBe(40003)
    const { fake: f2, ctx: c2 } = await useFake()
    await invalid(f2, updateRemark(c2(), 'o_user', '一二三四五六七八九十'), /remark must be under 30 UTF-8 bytes/)
    void fake
  })
})

describe('followers', () => {
  it('iterateFollowers walks 25,000 followers in 3 requests', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('followers', { count: 25000 })
    const seen: string[] = []
    for await (const openid of iterateFollowers(ctx())) seen.push(openid)
    expect(seen).toHaveLength(25000)
    expect(new Set(seen).size).toBe(25000)
    expect(seen[0]).toBe(fan(0))
    expect(seen[24999]).toBe(fan(24999))
    expect(await calls(fake, '/cgi-bin/user/get')).toBe(3)
    expect((await fake.requests()).map((r) => r.query.next_openid)).toEqual([undefined, fan(9999), fan(19999)])
  })

  it('iterateFollowers: exactly 20,000 in 2 requests, 0 in 1, break stops fetching', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('followers', { count: 20000 })
    let n = 0
    for await (const _ of iterateFollowers(ctx())) n++
    expect(n).toBe(20000)
    expect(await calls(fake, '/cgi-bin/user/get')).toBe(2)
    await fake.setData('followers', { count: 0 })
    for await (const _ of iterateFollowers(ctx())) n++
    expect(n).toBe(20000)
    expect(await calls(fake, '/cgi-bin/user/get')).toBe(3)
    await fake.setData('followers', { count: 25000 })
    for await (const _ of iterateFollowers(ctx())) if (++n > 20005) break
    expect(await calls(fake, '/cgi-bin/user/get')).toBe(4)
  })

  it('iterateFollowers resumes after a saved openid', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('followers', { openids: ['o_a', 'o_b', 'o_c'] })
    const got: string[] = []
    for await (const o of iterateFollowers(ctx(), { nextOpenid: 'o_a' })) got.push(o)
    expect(got).toEqual(['o_b', 'o_c'])
  })

  it('a page without count (WeChat answers drift) still pages: count is derived, data.openid is an array', async () => {
    const { fake, ctx } = await useFake()
    const drifts: unknown[] = []
    const c = ctx({ hooks: { onSchemaDrift: (d) => void drifts.push(d) } })
    const page = { body: JSON.stringify({ total: 2, data: { openid: ['o_a', 'o_b'] }, next_openid: '' }) }
    await fake.failNext(page, 1, '/cgi-bin/user/get')
    expect(await getFollowers(c)).toMatchObject({ total: 2, count: 2, data: { openid: ['o_a', 'o_b'] }, next_openid: '' })
    await fake.failNext({ body: JSON.stringify({ total: 0, next_openid: '' }) }, 1, '/cgi-bin/user/get')
    const got: string[] = []
    for await (const o of iterateFollowers(c)) got.push(o)
    expect(got).toEqual([])
    expect(drifts).toEqual([])
  })

  it('a page answered errcode 0 that fails the schema (drift) is data: data.openid an array, no TypeError, no characters, no call with a bad cursor', async () => {
    const { fake, ctx } = await useFake()
    const P = '/cgi-bin/user/get'
    const walk = async (...pages: unknown[]) => {
      for (const p of pages) await fake.failNext({ body: JSON.stringify(p) }, 1, P)
      const got: string[] = []
      for await (const o of iterateFollowers(ctx())) got.push(o)
      return got
    }
    expect(await walk({ total: 3, count: 0, data: null, next_openid: '' })).toEqual([])
    expect(await walk({ total: 3, count: 0, data: { openid: null }, next_openid: '' })).toEqual([])
    expect(await walk({ total: 3, count: 1, data: { openid: 'o_abcdef' }, next_openid: '' })).toEqual([])
    expect(await walk({ total: 2, count: 2, data: ['o_a', 'o_b'], next_openid: 'o_b' })).toEqual([])
    expect(await walk({ total: 2, count: '0', next_openid: '' })).toEqual([])
    expect(await calls(fake, P)).toBe(5)
    // next_openid no string: the walk ends there instead of sending it as the next cursor.
    expect(await walk({ total: 5, count: 1, data: { openid: ['o_a'] }, next_openid: 12345 })).toEqual(['o_a'])
    expect(await calls(fake, P)).toBe(6)
    // total null: paged on by next_openid, not stopped after the first page.
    expect(await walk({ total: null, data: { openid: ['o_a'] }, next_openid: 'o_a' }, { total: null, data: { openid: ['o_b'] }, next_openid: '' })).toEqual(['o_a', 'o_b'])
    // The one-page readers hand out the same normalised page.
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', total: 0, count: 0, data: null, next_openid: 7 }) }, 1, P)
    expect(await getFollowers(ctx())).toEqual({ total: 0, count: 0, data: { openid: [] }, next_openid: '' })
    await fake.failNext({ body: JSON.stringify({ count: 0, data: null, next_openid: '' }) }, 1, '/cgi-bin/user/tag/get')
    expect((await getTagUsers(ctx(), 2)).data.openid).toEqual([])
    await fake.failNext({ body: JSON.stringify({ total: 0, count: 0, data: { openid: null }, next_openid: '' }) }, 1, '/cgi-bin/tags/members/getblacklist')
    expect((await getBlacklist(ctx())).data.openid).toEqual([])
  })

  it('getFollowers pages by next_openid; 40003 for an unknown cursor; rejects a bad one', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.setData('followers', { count: 10001 })
    const p1 = await getFollowers(c)
    expect(p1).toMatchObject({ total: 10001, count: 10000, next_openid: fan(9999) })
    const p2 = await getFollowers(c, p1.next_openid)
    expect(p2).toMatchObject({ count: 1, data: { openid: [fan(10000)] }, next_openid: fan(10000) })
    const p3 = await getFollowers(c, p2.next_openid)
    expect(p3).toMatchObject({ count: 0, data: { openid: [] }, next_openid: '' })
    expect((await rejection(getFollowers(c, 'o_unknown'))).errcode).toBe(40003)
    const { fake: f2, ctx: c2 } = await useFake()
    await invalid(f2, getFollowers(c2(), 'bad cursor!'), /next_openid/)
  })
})

describe('tags', () => {
  it('create, list, rename, tag users, read them back, untag, delete', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const tag = await createTag(c, '广东')
    expect(tag).toEqual({ id: 100, name: '广东' })
    await updateTag(c, tag.id, '广州')
    const ids = Array.from({ length: 120 }, (_, i) => fan(i))
    await batchTagging(c, tag.id, ids)
    expect(await calls(fake, '/cgi-bin/tags/members/batchtagging')).toBe(3)
    expect(await getTags(c)).toEqual([
      { id: 2, name: '星标组', count: 0 },
      { id: 100, name: '广州', count: 120 },
    ])
    expect(await getUserTags(c, fan(3))).toEqual([100])
    const page = await getTagUsers(c, tag.id)
    expect(page.count).toBe(120)
    expect(page.data.openid[0]).toBe(fan(0))
    expect((await getTagUsers(c, tag.id, page.next_openid)).count).toBe(0)
    await batchUntagging(c, tag.id, ids.slice(0, 20))
    expect((await getTags(c))[1]!.count).toBe(100)
    expect(await getUserTags(c, fan(3))).toEqual([])
    await deleteTag(c, tag.id)
    expect(await getTags(c)).toHaveLength(1)
    expect(await getUserTags(c, fan(30))).toEqual([])
  })

  it('errcodes: 45157 duplicate (its own name too), 45159 unknown tag, 49003 other app, 45059 too many tags', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { id } = await createTag(c, 'a')
    expect((await rejection(createTag(c, 'a'))).errcode).toBe(45157)
    expect((await rejection(updateTag(c, 999, 'b'))).errcode).toBe(45159)
    // As WeChat does: renaming a tag to the name it has is 45157 too (what a resend of a rename that succeeded meets).
    expect((await rejection(updateTag(c, id, 'a'))).errcode).toBe(45157)
    expect((await rejection(deleteTag(c, 999))).errcode).toBe(45159)
    expect((await rejection(getTagUsers(c, 999))).errcode).toBe(45159)
    expect((await rejection(batchTagging(c, id, ['o_a', 'o_other_b']))).errcode).toBe(49003)
    expect((await rejection(batchUntagging(c, 999, ['o_a']))).errcode).toBe(45159)
    expect((await rejection(getUserTags(c, 'o_other_b'))).errcode).toBe(40003)
    await fake.setData('user', { tags: Array.from({ length: 20 }, (_, i) => ({ id: 100 + i, name: `t${i}` })), nextTagId: 120, userTags: { o_full: Array.from({ length: 20 }, (_, i) => 100 + i) }, remarks: {}, blacklist: [] })
    const t = await createTag(c, 'one more')
    expect((await rejection(batchTagging(c, t.id, ['o_full']))).errcode).toBe(45059)
    await fake.failNext(48001)
    expect((await rejection(getTags(c))).errcode).toBe(48001)
  })

  it('a list answered errcode 0 without the list (drift) is an empty list, not undefined or null', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext({ body: JSON.stringify({ errcode: 0 }) }, 1, '/cgi-bin/tags/get')
    expect(await getTags(c)).toEqual([])
    await fake.failNext({ body: JSON.stringify({ errcode: 0, tagid_list: null }) }, 1, '/cgi-bin/tags/getidlist')
    expect(await getUserTags(c, 'o_user')).toEqual([])
    await fake.failNext({ body: JSON.stringify({}) }, 1, '/cgi-bin/groups/get')
    expect(await getGroups(c)).toEqual([])
    await fake.failNext({ body: JSON.stringify({ groups: 'none' }) }, 1, '/cgi-bin/groups/get')
    expect(await getGroups(c)).toEqual([])
  })

  it('bad input is rejected before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await invalid(fake, createTag(c, ''), /tag name must not be empty/)
    await invalid(fake, createTag(c, '一二三四五六七八九十一'), /at most 30 UTF-8 bytes/)
    await invalid(fake, updateTag(c, 2, 'x'), /tags 0, 1 and 2 belong to WeChat/)
    await invalid(fake, deleteTag(c, 1), /tags 0, 1 and 2 belong to WeChat/)
    await invalid(fake, deleteTag(c, 1.5), /integer/)
    await invalid(fake, getTagUsers(c, -1), /tag id must be ≥ 0/)
    await invalid(fake, getUserTags(c, ''), /openid/)
    const ids = Array.from({ length: 60 }, (_, i) => fan(i))
    ids[55] = 'x y'
    await invalid(fake, batchTagging(c, 100, ids), /openid_list\.55: Invalid openid/)
    await invalid(fake, batchTagging(c, -3, ['o_a']), /tagid/)
    await invalid(fake, batchUntagging(c, 100, ['']), /openid_list\.0/)
    await batchTagging(c, 100, [])
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('blacklist', () => {
  it('blacklists 45 users in 3 calls of ≤20, pages them, unblacklists', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const ids = Array.from({ length: 45 }, (_, i) => fan(i))
    await batchBlacklist(c, ids)
    expect(await calls(fake, '/cgi-bin/tags/members/batchblacklist')).toBe(3)
    const p = await getBlacklist(c)
    expect(p).toMatchObject({ total: 45, count: 45, next_openid: fan(44) })
    expect((await getBlacklist(c, p.next_openid)).count).toBe(0)
    await batchUnblacklist(c, ids.slice(0, 40))
    expect((await getBlacklist(c)).data.openid).toEqual(ids.slice(40))
  })

  it('errcodes: 49003 other app, 40003 unknown cursor', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    expect((await rejection(batchBlacklist(c, ['o_other_1']))).errcode).toBe(49003)
    expect((await rejection(batchUnblacklist(c, ['o_other_1']))).errcode).toBe(49003)
    expect((await rejection(getBlacklist(c, 'o_nobody'))).errcode).toBe(40003)
  })

  it('bad input is rejected before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await invalid(fake, batchBlacklist(c, ['o_a', 'bad id']), /openid_list\.1: Invalid openid/)
    await invalid(fake, batchUnblacklist(c, 'o_a' as unknown as string[]), /openid_list must be an array/)
    await invalid(fake, getBlacklist(c, 'bad cursor!'), /begin_openid/)
  })
})

describe('legacy groups (deprecated)', () => {
  it('create, rename, move a user, read back', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const g = await createGroup(c, 'test')
    expect(g).toEqual({ id: 100, name: 'test' })
    await updateGroup(c, g.id, 'renamed')
    await moveUserToGroup(c, 'o_user', g.id)
    expect(await getWhichGroup(c, 'o_user')).toBe(g.id)
    expect(await getUserTags(c, 'o_user')).toEqual([g.id])
    const groups = await getGroups(c)
    expect(groups.map((x) => x.id)).toEqual([0, 1, 2, 100])
    expect(groups[3]).toEqual({ id: 100, name: 'renamed', count: 1 })
    await moveUserToGroup(c, 'o_user', 0)
    expect(await getWhichGroup(c, 'o_user')).toBe(0)
  })

  it('errcodes: 40050 invalid group, 45157 duplicate name (its own too), 40003 openid', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const g = await createGroup(c, 'a')
    expect((await rejection(createGroup(c, 'a'))).errcode).toBe(45157)
    expect((await rejection(updateGroup(c, g.id, 'a'))).errcode).toBe(45157)
    expect((await rejection(updateGroup(c, 555, 'b'))).errcode).toBe(40050)
    expect((await rejection(moveUserToGroup(c, 'o_user', 555))).errcode).toBe(40050)
    expect((await rejection(getWhichGroup(c, 'o_other_z'))).errcode).toBe(40003)
    await fake.failNext(48001)
    expect((await rejection(getGroups(c))).errcode).toBe(48001)
  })

  it('bad input is rejected before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await invalid(fake, createGroup(c, ''), /group name must not be empty/)
    await invalid(fake, updateGroup(c, 1, 'x'), /cannot be renamed/)
    await invalid(fake, moveUserToGroup(c, 'o_user', -1), /group id must be ≥ 0/)
    await invalid(fake, getWhichGroup(c, 'no good'), /openid/)
  })
})
