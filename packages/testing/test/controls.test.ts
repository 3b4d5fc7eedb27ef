// The controls a user's test drives the fake with: failNext (always, paths), clearFailures, extraRoutes,
// what the fake received (uploads, stats snapshots, waitForPushes), injected errmsgs, push helpers.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { createContext } from '@wx/core'
import { sendText } from '@wx/message'
import { sendTemplate } from '@wx/template'
import { allRoutes, buildPushRequest, connectFakeWeChat, createFakeWeChat, createFakeWeChatHandler, encryptPush, FakeState, type FakeRoute, type FakeWeChat } from '@wx/testing'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { fakeWithToken } from './_fake.ts'

let fake: FakeWeChat
let token: string
beforeEach(async () => {
  ;({ fake, token } = await fakeWithToken())
})
afterEach(() => fake.close())

const menu = async () => ((await (await fetch(`${fake.url}/cgi-bin/menu/get?access_token=${token}`)).json()) as { errcode: number; errmsg: string }).errcode
const MENU = '/cgi-bin/menu/get'

describe('failNext(what, Infinity): always, as one entry, until cleared', () => {
  it('fails every call to the path, keeps one entry, and clearFailures() ends it', async () => {
    fake.failNext(45009, Number.POSITIVE_INFINITY, MENU)
    expect(fake.state.failures).toHaveLength(1)
    expect([await menu(), await menu(), await menu()]).toEqual([45009, 45009, 45009])
    fake.failNext(-1, 2)
    fake.clearFailures()
    expect(fake.state.failures).toEqual([])
    expect(await menu()).toBe(46003)
    expect(fake.stats().calls[MENU]).toBe(4) // clearFailures kept the counters
  })

  it('a count is used up one call at a time', async () => {
    fake.failNext(45009, 2)
    expect([await menu(), await menu(), await menu()]).toEqual([45009, 45009, 46003])
  })

  it.each([0, -1, 1.5, Number.NaN, Number.NEGATIVE_INFINITY, '2' as never])('refuses n = %s with a TypeError', (n) => {
    expect(() => fake.failNext(45009, n)).toThrow(TypeError)
    expect(() => fake.failNext(45009, n)).toThrow(/positive integer or Infinity/)
    expect(fake.state.failures).toEqual([])
  })

  it('the remote form: Infinity travels, clearFailures works, a bad n is refused (HTTP 400)', async () => {
    const remote = await connectFakeWeChat(fake.url)
    const ctx = createContext({ appid: remote.appid, secret: remote.secret, baseURL: remote.baseURL })
    await remote.failNext(48002, Number.POSITIVE_INFINITY, '/cgi-bin/message/custom/send')
    for (const text of ['a', 'b']) await expect(sendText(ctx, 'o_user', text)).rejects.toMatchObject({ errcode: 48002 })
    await remote.clearFailures()
    await sendText(ctx, 'o_user', 'c')
    expect((await remote.stats()).deliveries).toBe(1)
    await expect(remote.failNext(45009, 0)).rejects.toThrow(/HTTP 400.*positive integer/)
  })
})

describe('failNext with a path that names no endpoint', () => {
  it('drops a missing leading / and a query, and the failure fires', async () => {
    fake.failNext(45009, 1, 'cgi-bin/menu/get')
    fake.failNext(45011, 1, '/cgi-bin/menu/get?access_token=x')
    expect([await menu(), await menu(), await menu()]).toEqual([45009, 45011, 46003])
  })

  it('throws at failNext time for a typo, naming the nearest endpoint, and queues nothing', () => {
    expect(() => fake.failNext(45009, 1, '/cgi-bin/message/custom/sendd')).toThrow(
      new TypeError('failNext: "/cgi-bin/message/custom/sendd" is no endpoint of this fake (did you mean "/cgi-bin/message/custom/send"?)'),
    )
    expect(() => fake.failNext(45009, 1, 'https://api.weixin.qq.com/cgi-bin/menu/get')).toThrow(TypeError)
    expect(fake.state.failures).toEqual([])
  })

  it('custom routes count; the remote form refuses a typo with HTTP 400', async () => {
    const extraRoutes: FakeRoute[] = [{ method: 'POST', path: '/cgi-bin/my/new_api', handle: () => ({ ok: 1 }) }]
    const own = await createFakeWeChat({ extraRoutes })
    try {
      expect(() => own.failNext(45009, 1, '/cgi-bin/my/new_api')).not.toThrow()
      const remote = await connectFakeWeChat(own.url)
      await expect(remote.failNext(45009, 1, '/cgi-bin/my/new_apii')).rejects.toThrow(/HTTP 400.*no endpoint of this fake/)
    } finally {
      await own.close()
    }
    expect(() => new FakeState().failNext(45009, 1, 'anything')).not.toThrow() // a state without routes takes any path
  })
})

describe('extraRoutes and allRoutes', () => {
  const mine: FakeRoute = { method: 'POST', path: '/cgi-bin/my/new_api', handle: ({ body }) => ({ echo: body?.x }) }

  it('extraRoutes adds an endpoint next to the built-in ones', async () => {
    const own = await createFakeWeChat({ extraRoutes: [mine] })
    try {
      const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
      await sendText(ctx, 'o_user', 'hi') // built-in still there
      const tok = own.state.stable!
      const res = await (await fetch(`${own.url}/cgi-bin/my/new_api?access_token=${tok}`, { method: 'POST', body: '{"x":7}' })).json()
      expect(res).toEqual({ errcode: 0, errmsg: 'ok', echo: 7 })
    } finally {
      await own.close()
    }
  })

  it('an extra route with the method and path of a built-in one replaces it; allRoutes() is the built-in table', async () => {
    const handler = createFakeWeChatHandler({ extraRoutes: [{ method: 'GET', path: MENU, bare: true, handle: () => ({ menu: { button: [] } }) }] })
    const tok = handler.state.issueToken('stable').token
    expect(await (await handler(new Request(`http://fake${MENU}?access_token=${tok}`))).json()).toEqual({ menu: { button: [] } })
    expect(allRoutes().some((r) => r.path === '/cgi-bin/message/custom/send')).toBe(true)
    const both = createFakeWeChatHandler({ extraRoutes: [mine] }, allRoutes().filter((r) => r.path.startsWith('/cgi-bin/token')))
    expect([...both.state.routePaths!].sort()).toEqual(['/cgi-bin/my/new_api', '/cgi-bin/token'])
  })
})

describe('what the fake received', () => {
  it('an upload is logged as its parts, never as "[FormData]" and never with the bytes', async () => {
    const fd = new FormData()
    fd.append('media', new File([new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2])], 'a.jpg', { type: 'image/jpeg' }))
    fd.append('description', '{"title":"T"}')
    await fetch(`${fake.url}/cgi-bin/media/upload?type=image&access_token=${token}`, { method: 'POST', body: fd })
    expect(fake.requests.at(-1)!.body).toEqual([
      { field: 'media', filename: 'a.jpg', type: 'image/jpeg', size: 6 },
      { field: 'description', value: '{"title":"T"}' },
    ])
  })

  it('stats() is a snapshot', async () => {
    const before = fake.stats()
    await menu()
    expect(before.calls).toEqual({})
    expect(fake.stats().calls).toEqual({ [MENU]: 1 })
  })

  it('setData is typed by domain name', () => {
    fake.setData('draftConfig', { publishDelayMs: 50 })
    // @ts-expect-error a typo'd domain name is refused by the types
    fake.setData('draftConfg', { publishDelayMs: 50 })
    // @ts-expect-error and so is a value of the wrong shape
    fake.setData('massConfig', { dedupeWindowMs: '300' })
  })
})

describe('waitForPushes', () => {
  let receiver: Server
  afterEach(() => new Promise<void>((r) => receiver.close(() => r())))
  const pushTarget = async () => {
    receiver = createServer((_, res) => res.end('success'))
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r))
    return { url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/wx`, token: 't' }
  }

  it('resolves once n pushes were sent, and clears its timer', async () => {
    const own = await createFakeWeChat({ push: await pushTarget() })
    const set = vi.spyOn(globalThis, 'setTimeout')
    const clear = vi.spyOn(globalThis, 'clearTimeout')
    try {
      own.setData('template', { templates: { TPL_ORDER_PAID: {} } })
      const ctx = createContext({ appid: own.appid, secret: own.secret, baseURL: own.url })
      const waiting = own.waitForPushes(2, 60_000)
      const timer = set.mock.results.find((r, i) => set.mock.calls[i]![1] === 60_000)!.value
      for (const n of ['1', '2']) await sendTemplate(ctx, 'o_user', { template_id: 'TPL_ORDER_PAID', data: { k: { value: n } } })
      const pushes = await waiting
      expect(pushes.map((p) => [p.event, p.status])).toEqual([
        ['TEMPLATESENDJOBFINISH', 200],
        ['TEMPLATESENDJOBFINISH', 200],
      ])
      expect(clear).toHaveBeenCalledWith(timer)
      expect(await own.waitForPushes(1)).toHaveLength(2) // already there: at once
    } finally {
      set.mockRestore()
      clear.mockRestore()
      await own.close()
    }
  })

  it('rejects after the timeout naming what it saw; the remote form too', async () => {
    await expect(fake.waitForPushes(1, 50)).rejects.toThrow('fake WeChat: 0 of 1 pushes after 50 ms (none)')
    const remote = await connectFakeWeChat(fake.url, { push: await pushTarget() })
    await expect(remote.waitForPushes(1, 50)).rejects.toThrow(/HTTP 408.*0 of 1 pushes after 50 ms/)
    await remote.setData('template', { templates: { T: {} } })
    const ctx = createContext({ appid: remote.appid, secret: remote.secret, baseURL: remote.baseURL })
    await sendTemplate(ctx, 'o_user', { template_id: 'T', data: { k: { value: 'v' } } })
    expect((await remote.waitForPushes(1, 2000)).map((p) => p.event)).toEqual(['TEMPLATESENDJOBFINISH'])
  })
})

describe('injected errcodes answer WeChat’s errmsg', () => {
  it("45009 answers 'reach max api daily quota limit', and the log marks the call injected", async () => {
    fake.failNext(45009)
    const res = (await (await fetch(`${fake.url}${MENU}?access_token=${token}`)).json()) as { errmsg: string }
    expect(res.errmsg).toMatch(/^reach max api daily quota limit rid: /)
    expect(fake.requests.at(-1)).toMatchObject({ errcode: 45009, errmsg: 'reach max api daily quota limit', injected: true })
    fake.failNext(48002)
    fake.failNext(99999)
    const texts = []
    for (let i = 0; i < 2; i++) texts.push(((await (await fetch(`${fake.url}${MENU}?access_token=${token}`)).json()) as { errmsg: string }).errmsg.split(' rid:')[0])
    expect(texts).toEqual(['api blocked by user', 'injected errcode 99999'])
    await menu()
    expect(fake.requests.at(-1)!.injected).toBeUndefined()
  })
})

describe('push helpers refuse a random that is not 16 bytes', () => {
  const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
  it.each(['abc', '', '0123456789abcdefg', 'ünicode-16-chars'])('%j', async (random) => {
    await expect(encryptPush({ encodingAESKey, appid: 'wx1', message: 'x', random })).rejects.toThrow(/random must be 16 bytes/)
    await expect(buildPushRequest({ token: 't', appid: 'wx1', encodingAESKey, random, message: { MsgType: 'text', Content: 'hi' } })).rejects.toThrow(/random must be 16 bytes/)
  })
  it('16 bytes are taken', async () => {
    await expect(encryptPush({ encodingAESKey, appid: 'wx1', message: 'x', random: '0123456789abcdef' })).resolves.toMatch(/^[A-Za-z0-9+/]+=*$/)
  })
})

describe('the review of these controls (2026-12-03)', () => {
  it('the remote form refuses NaN and -Infinity as n (JSON made them null: one failure)', async () => {
    const remote = await connectFakeWeChat(fake.url)
    for (const n of [Number.NaN, Number.NEGATIVE_INFINITY]) await expect(remote.failNext(45009, n), String(n)).rejects.toThrow(/HTTP 400.*positive integer/)
    await expect(remote.waitForPushes(Number.NaN, 50)).rejects.toThrow(/HTTP 400.*positive integer/)
  })

  it('failNext refuses errcode 0 and a fault it does not know (they used up a call and changed nothing)', () => {
    for (const what of [0, 'bogus', undefined, null, 'body', {}] as never[]) expect(() => fake.failNext(what), String(what)).toThrow(TypeError)
    expect(fake.state.failures).toEqual([])
    for (const what of [45009, -1, 'reset', 'timeout', 'http500', 'html', 'empty', 'truncated', { body: '{}' }, { delay: 1 }] as const) fake.failNext(what)
    expect(fake.state.failures).toHaveLength(10)
  })

  it('waitForPushes(n, Infinity) waits (a timer of 2^31 ms or more fired at once); close() ends it', async () => {
    const waiting = fake.waitForPushes(1, Number.POSITIVE_INFINITY).then(
      () => 'resolved',
      (e: Error) => e.message,
    )
    const first = await Promise.race([waiting, new Promise((r) => setTimeout(() => r('still waiting'), 100))])
    expect(first).toBe('still waiting')
    await fake.close()
    expect(await waiting).toMatch(/closed with 0 of 1 pushes/)
  })

  it('reset(true) keeps the tokens but starts the day of forced refreshes over', async () => {
    const own = await createFakeWeChat({ forceRefreshPerDay: 1, forceRefreshGapMs: 0 })
    try {
      const forced = async () =>
        (await (await fetch(`${own.url}/cgi-bin/stable_token`, { method: 'POST', body: JSON.stringify({ grant_type: 'client_credential', appid: own.appid, secret: own.secret, force_refresh: true }) })).json()) as {
          errcode?: number
          access_token?: string
        }
      expect((await forced()).access_token).toBeTruthy()
      expect((await forced()).errcode).toBe(45009) // the day's one forced refresh is used
      own.reset(true)
      // Before: reset(true) kept the count, so forced refreshes added up across a file's tests.
      expect((await forced()).access_token).toBeTruthy()
    } finally {
      await own.close()
    }
  })

  it('a call that ends after a reset() is logged and counted in the test it started in, not the next', async () => {
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const own = await createFakeWeChat({
      extraRoutes: [{ method: 'GET', path: '/cgi-bin/slow', handle: async () => (await gate, { errcode: 45009, errmsg: 'slow' }) } as unknown as FakeRoute],
    })
    try {
      const at = ((await (await fetch(`${own.url}/cgi-bin/token?grant_type=client_credential&appid=${own.appid}&secret=${own.secret}`)).json()) as { access_token: string }).access_token
      const call = fetch(`${own.url}/cgi-bin/slow?access_token=${at}`).then((r) => r.text())
      await new Promise((r) => setTimeout(r, 50))
      own.reset(true)
      release()
      await call
      expect(own.requests).toEqual([])
      expect(own.stats().errcodes).toEqual({})
    } finally {
      await own.close()
    }
  })

  it('getcallbackip, tags/get and the other data reads answer without errcode, as WeChat', async () => {
    for (const path of ['/cgi-bin/getcallbackip', '/cgi-bin/tags/get', '/cgi-bin/material/get_materialcount', '/cgi-bin/template/get_all_private_template']) {
      const body = (await (await fetch(`${fake.url}${path}?access_token=${token}`)).json()) as Record<string, unknown>
      expect(body, path).not.toHaveProperty('errcode')
    }
  })
})

it('a template seeded without its fields is listed with its id (getAllPrivateTemplate read no template_id)', async () => {
  fake.setData('template', { templates: { TPL_ORDER_PAID: {} } })
  const body = (await (await fetch(`${fake.url}/cgi-bin/template/get_all_private_template?access_token=${token}`)).json()) as { template_list: { template_id: string }[] }
  expect(body.template_list.map((t) => t.template_id)).toEqual(['TPL_ORDER_PAID'])
})
