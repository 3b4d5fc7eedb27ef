import {
  addConditionalMenu,
  createMenu,
  delConditionalMenu,
  getCurrentSelfMenuInfo,
  getMenu,
  removeMenu,
  tryMatchMenu,
  type MatchRule,
  type Menu,
} from '@wx/menu'
import { callApi, defineEndpoint } from '@wx/core'
import { describe, expect, it } from 'vitest'
import { useFake, rejection } from '../../../test/fake.ts'

const MENU: Menu = {
  button: [
    { type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC' },
    {
      name: '菜单',
      sub_button: [
        { type: 'view', name: '搜索', url: 'http://www.soso.com/' },
        { type: 'miniprogram', name: 'wxa', url: 'http://mp.weixin.qq.com', appid: 'wx286b93c14bbf93aa', pagepath: 'pages/lunar/index' },
        { type: 'click', name: '赞一下我们', key: 'V1001_GOOD' },
      ],
    },
  ],
}

/** Expects `wx/validation` with this message and no request at all. */
async function rejectsMenu(menu: unknown, message: string | RegExp) {
  const { fake, ctx } = await useFake()
  const e = await rejection(createMenu(ctx(), menu as Menu))
  expect(e.code).toBe('wx/validation')
  expect(e.message).toMatch(message)
  expect((await fake.stats()).calls).toEqual({})
  expect((await fake.stats()).tokenRequests).toBe(0)
  return e
}

const leaf = (i: number) => ({ type: 'click' as const, name: `b${i}`, key: `K${i}` })

describe('createMenu / getMenu / removeMenu', () => {
  it('creates, reads back (leaves with sub_button: []) and removes', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    expect((await rejection(getMenu(c))).errcode).toBe(46003)
    await createMenu(c, MENU)
    const { menu } = await getMenu(c)
    expect(menu.button).toHaveLength(2)
    expect(menu.button[0]).toMatchObject({ type: 'click', name: '今日歌曲', key: 'V1001_TODAY_MUSIC', sub_button: [] })
    expect((menu.button[1] as any).sub_button[1]).toMatchObject({ type: 'miniprogram', pagepath: 'pages/lunar/index' })
    // getMenu's answer can be sent back as it is (its buttons are typed as answered: asserted a Menu)
    await createMenu(c, { button: menu.button } as Menu)
    await removeMenu(c)
    await removeMenu(c)
    expect((await rejection(getMenu(c))).errcode).toBe(46003)
    expect((await fake.stats()).calls['/cgi-bin/menu/delete']).toBe(2)
  })

  it('createMenu surfaces WeChat errcodes', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext(48001)
    const e = await rejection(createMenu(ctx(), MENU))
    expect(e.errcode).toBe(48001)
    expect(e.code).toBe('wx/api')
  })

  it('removeMenu surfaces WeChat errcodes', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext(48001)
    expect((await rejection(removeMenu(ctx()))).errcode).toBe(48001)
  })
})

describe('the menu validator names the button for each documented violation', () => {
  it('no top buttons', () => rejectsMenu({ button: [] }, /a menu needs 1-3 top buttons, got 0/))
  it('missing button list', () => rejectsMenu({}, /a menu needs 1-3 top buttons, got 0/))
  it('four top buttons', () => rejectsMenu({ button: [leaf(0), leaf(1), leaf(2), leaf(3)] }, /got 4/))
  it('six sub buttons', () =>
    rejectsMenu({ button: [{ name: 'More', sub_button: [0, 1, 2, 3, 4, 5].map(leaf) }] }, 'button[0] "More": a sub-menu holds 1-5 buttons, got 6'))
  it('top name over 16 bytes (UTF-8)', () =>
    rejectsMenu({ button: [{ type: 'click', name: '一二三四五六', key: 'K' }] }, 'button[0] "一二三四五六": name is 18 bytes, top buttons allow 16'))
  it('sub name over 60 bytes', () =>
    rejectsMenu({ button: [leaf(0), { name: 'M', sub_button: [{ type: 'click', name: 'x'.repeat(61), key: 'K' }] }] }, /button\[1\]\.sub_button\[0\] "x+": name is 61 bytes, sub buttons allow 60/))
  it('sub name of 60 bytes passes the check', async () => {
    const { ctx } = await useFake()
    await createMenu(ctx(), { button: [{ name: 'M', sub_button: [{ type: 'click', name: '一'.repeat(20), key: 'K' }] }] })
  })
  it('missing name', () => rejectsMenu({ button: [{ type: 'click', key: 'K' }] }, 'button[0]: needs a name'))
  it('key over 128 bytes', () => rejectsMenu({ button: [{ type: 'click', name: 'A', key: 'k'.repeat(129) }] }, 'button[0] "A": key is 129 bytes, WeChat allows 128'))
  it('url over 1024 bytes', () =>
    rejectsMenu({ button: [{ type: 'view', name: 'A', url: 'https://a.com/' + 'x'.repeat(1011) }] }, 'button[0] "A": url is 1025 bytes, WeChat allows 1024'))
  it('url without http(s)', () => rejectsMenu({ button: [{ type: 'view', name: 'A', url: 'ftp://a.com' }] }, 'url must start with http:// or https://'))
  it('unknown type', () => rejectsMenu({ button: [{ type: 'bogus', name: 'A' }] }, 'button[0] "A": unknown type "bogus"'))
  it('neither type nor sub buttons', () => rejectsMenu({ button: [{ name: 'A' }] }, 'button[0] "A": needs a type, or a sub_button list'))
  it('sub buttons of sub buttons', () =>
    rejectsMenu({ button: [{ name: 'M', sub_button: [{ name: 'S', type: 'click', key: 'K', sub_button: [leaf(1)] }] }] }, 'button[0].sub_button[0] "S": sub buttons cannot have sub buttons'))
  it('view needs url (the example of the issue)', () =>
    rejectsMenu({ button: [leaf(0), { name: 'More', sub_button: [leaf(1), leaf(2), { type: 'view', name: 'Help' }] }] }, '/cgi-bin/menu/create: button[1].sub_button[2] "Help": view needs url'))
  for (const type of ['click', 'scancode_push', 'scancode_waitmsg', 'pic_sysphoto', 'pic_photo_or_album', 'pic_weixin', 'location_select'])
    it(`${type} needs key`, () => rejectsMenu({ button: [{ type, name: 'A' }] }, `button[0] "A": ${type} needs key`))
  for (const f of ['url', 'appid', 'pagepath']) {
    it(`miniprogram needs ${f}`, () => {
      const b: Record<string, string> = { type: 'miniprogram', name: 'A', url: 'https://a.com', appid: 'wx1', pagepath: 'p/i' }
      delete b[f]
      return rejectsMenu({ button: [b] }, `button[0] "A": miniprogram needs ${f}`)
    })
  }
  for (const [type, f] of [['media_id', 'media_id'], ['view_limited', 'media_id'], ['article_id', 'article_id'], ['article_view_limited', 'article_id']])
    it(`${type} needs ${f}`, () => rejectsMenu({ button: [{ type, name: 'A' }] }, `button[0] "A": ${type} needs ${f}`))
  it('lists every problem with its own path', async () => {
    const e = await rejectsMenu({ button: [{ type: 'view', name: 'A' }, { type: 'click', name: 'B' }] }, /view needs url; .*click needs key/)
    expect(e.issues).toEqual([
      { path: 'button[0] "A"', message: 'view needs url' },
      { path: 'button[1] "B"', message: 'click needs key' },
    ])
  })
})

describe('conditional menus', () => {
  it('adds, matches by tag, deletes', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await createMenu(c, MENU)
    await fake.setData('user', { tags: [{ id: 100, name: 'vip' }], nextTagId: 101, userTags: { o_vip: [100] }, remarks: {}, blacklist: [] })
    const vip: Menu = { button: [{ type: 'click', name: 'VIP', key: 'VIP' }] }
    const { menuid } = await addConditionalMenu(c, vip, { tag_id: 100 })
    expect(menuid).toMatch(/^\d+$/)
    expect(Object.keys(await getMenu(c)).sort()).toEqual(['conditionalmenu', 'menu'])
    const got = await getMenu(c)
    expect(got.conditionalmenu).toHaveLength(1)
    expect(got.conditionalmenu![0]).toMatchObject({ matchrule: { tag_id: '100' }, button: [{ name: 'VIP' }] })
    expect((await tryMatchMenu(c, 'o_vip')).button[0]).toMatchObject({ name: 'VIP' })
    expect((await tryMatchMenu(c, 'o_plain')).button).toHaveLength(2)
    expect(Object.keys(await tryMatchMenu(c, 'o_plain'))).toEqual(['button'])
    await delConditionalMenu(c, menuid)
    expect((await getMenu(c)).conditionalmenu).toBeUndefined()
    const e = await rejection(delConditionalMenu(c, Number(menuid)))
    expect(e.errcode).toBe(65301)
  })

  it('addConditionalMenu: 65303 without a default menu', async () => {
    const { ctx } = await useFake()
    const e = await rejection(addConditionalMenu(ctx(), MENU, { tag_id: '2' }))
    expect(e.errcode).toBe(65303)
  })

  it('addConditionalMenu rejects an empty match rule and bad buttons before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    // @ts-expect-error an empty rule (refused by the types too)
    let e = await rejection(addConditionalMenu(c, MENU, {}))
    expect(e.code).toBe('wx/validation')
    expect(e.message).toMatch(/matchrule needs at least one criterion/)
    // WeChat refuses sex, region and language for privacy (65320): refused here, with the way out.
    for (const rule of [{ sex: 1 }, { country: '中国', province: '广东' }, { city: 'Guangzhou' }, { language: 'zh_CN' }, { tag_id: 100, sex: '2' }]) {
      e = await rejection(addConditionalMenu(c, MENU, rule as MatchRule)) // (cast: the types refuse a rule without tag_id or client_platform_type)
      expect(e.code).toBe('wx/validation')
      expect(e.message).toMatch(/no longer supported: WeChat refuses a match rule with them \(errcode 65320\); match by tag_id/)
    }
    // @ts-expect-error 1, 2 or 3 (refused by the types too)
    await rejection(addConditionalMenu(c, MENU, { client_platform_type: 4 }))
    // @ts-expect-error a view button without url (refused by the types too)
    e = await rejection(addConditionalMenu(c, { button: [{ type: 'view', name: 'Help' }] }, { tag_id: 2 }))
    expect(e.message).toMatch(/button\[0\] "Help": view needs url/)
    expect((await fake.stats()).calls).toEqual({})
  })

  it("the fake answers 65320 for the retired criteria, as WeChat does (sent raw, past the client's check)", async () => {
    const { ctx } = await useFake()
    const c = ctx()
    await createMenu(c, MENU)
    const raw = defineEndpoint<{ menuid: string }>({ method: 'POST', path: '/cgi-bin/menu/addconditional', retry: 'send' })
    for (const rule of [{ sex: '1' }, { country: '中国', province: '广东' }, { city: '广州' }, { language: 'zh_CN' }, { tag_id: '100', sex: '2' }]) {
      const e = await rejection(callApi(c, raw, { body: { ...MENU, matchrule: rule } }))
      expect(e.errcode).toBe(65320)
    }
    // Empty leftovers of the old fields are no criterion.
    expect((await callApi(c, raw, { body: { ...MENU, matchrule: { tag_id: '100', sex: '', city: '' } } })).menuid).toMatch(/^\d+$/)
  })

  it('delConditionalMenu rejects a non-numeric menuid before sending', async () => {
    const { fake, ctx } = await useFake()
    const e = await rejection(delConditionalMenu(ctx(), 'abc'))
    expect(e.code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })

  it('tryMatchMenu: 65302 for an unknown user, validation for a bad id', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await createMenu(c, MENU)
    expect((await rejection(tryMatchMenu(c, 'o_nobody'))).errcode).toBe(65302)
    await fake.reset(true)
    const e = await rejection(tryMatchMenu(c, 'not an id'))
    expect(e.code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('getCurrentSelfMenuInfo', () => {
  it('shows the live menu with sub-menus as { list }', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    expect(await getCurrentSelfMenuInfo(c)).toEqual({ is_menu_open: 0 })
    await createMenu(c, MENU)
    const info = await getCurrentSelfMenuInfo(c)
    expect(info.is_menu_open).toBe(1)
    expect(info.selfmenu_info!.button[1]!.sub_button!.list).toHaveLength(3)
  })

  it('surfaces errcodes', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext(48001)
    expect((await rejection(getCurrentSelfMenuInfo(ctx()))).errcode).toBe(48001)
  })
})
