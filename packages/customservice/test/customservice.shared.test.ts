import {
  addKfAccount,
  closeKfSession,
  createKfSession,
  delKfAccount,
  getCustomServiceList,
  getKfSession,
  getKfSessionList,
  getOnlineCustomServiceList,
  getRecords,
  getWaitCase,
  inviteKfWorker,
  updateKfAccount,
  uploadKfHeadImg,
} from '@wx/customservice'
import { describe, expect, it } from 'vitest'
import { useFake, rejection } from '../../../test/fake.ts'

const KF = 'alice@gh_test'

/** An online kf account, a waiting user and some records, seeded into the fake. */
const seed = (start: number) => ({
  accounts: {
    [KF]: { kf_account: KF, kf_nick: 'Alice', kf_id: 1001, kf_headimgurl: '', online: true },
    'bob@gh_test': { kf_account: 'bob@gh_test', kf_nick: 'Bob', kf_id: 1002, kf_headimgurl: '' },
  },
  sessions: { o_busy: { kf_account: 'bob@gh_test', createtime: start } },
  waiting: [{ openid: 'o_wait', latest_time: start }],
  records: Array.from({ length: 5 }, (_, i) => ({ openid: i % 2 ? 'o_a' : 'o_b', opercode: 2003, text: `msg ${i}`, time: start + i * 60, worker: KF })),
  nextId: 1003,
})

const jpg = () => {
  const b = new Uint8Array(2000)
  b.set([0xff, 0xd8, 0xff, 0xe0])
  return b
}

describe('kf accounts', () => {
  it('add, list, update, invite, head image, delete', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await addKfAccount(c, KF, 'Alice')
    await updateKfAccount(c, KF, '🙂'.repeat(16)) // 16 characters as WeChat counts them (32 UTF-16 units)
    await updateKfAccount(c, KF, 'Alice (support)')
    await inviteKfWorker(c, KF, 'alice_wx')
    await uploadKfHeadImg(c, KF, new Blob([jpg() as BlobPart], { type: 'image/jpeg' }))
    const { kf_list } = await getCustomServiceList(c)
    expect(kf_list).toHaveLength(1)
    expect(kf_list[0]).toMatchObject({ kf_account: KF, kf_nick: 'Alice (support)', invite_wx: 'alice_wx', invite_status: 'waiting' })
    expect(kf_list[0]?.kf_headimgurl).toMatch(/^http/)
    expect((await fake.stats()).deliveries).toBe(1)
    await delKfAccount(c, KF)
    expect((await getCustomServiceList(c)).kf_list).toEqual([])
  })

  it('errcodes: 65406 exists, 65401 unknown, 65411 pending invitation, 40005 not a JPG, 65400 not enabled', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await addKfAccount(c, KF, 'Alice')
    expect((await rejection(addKfAccount(c, KF, 'Again'))).errcode).toBe(65406)
    expect((await rejection(updateKfAccount(c, 'nobody@gh_test', 'X'))).errcode).toBe(65401)
    expect((await rejection(delKfAccount(c, 'nobody@gh_test'))).errcode).toBe(65401)
    await inviteKfWorker(c, KF, 'alice_wx')
    expect((await rejection(inviteKfWorker(c, KF, 'other_wx'))).errcode).toBe(65411)
    await fake.failNext(40005)
    expect((await rejection(uploadKfHeadImg(c, KF, jpg()))).errcode).toBe(40005)
    await fake.failNext(65400)
    expect((await rejection(getCustomServiceList(c))).errcode).toBe(65400)
    await fake.failNext(65400)
    expect((await rejection(getOnlineCustomServiceList(c))).errcode).toBe(65400)
  })

  it('rejects bad accounts, nicknames, WeChat ids and non-JPG head images before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const cases: Promise<unknown>[] = [
      addKfAccount(c, 'alice', 'Alice'),
      addKfAccount(c, 'waytoolongprefix@gh_test', 'Alice'),
      addKfAccount(c, KF, ''),
      addKfAccount(c, KF, 'x'.repeat(17)),
      updateKfAccount(c, 'a b@gh', 'Alice'),
      delKfAccount(c, '@gh_test'),
      inviteKfWorker(c, KF, 'bad wx id'),
      uploadKfHeadImg(c, KF, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.png', { type: 'image/png' })),
      uploadKfHeadImg(c, 'nope', jpg()),
      uploadKfHeadImg(c, KF, new Uint8Array(0)),
      // The content decides: PNG bytes under a JPG name or type, unknown bytes.
      uploadKfHeadImg(c, KF, new File([new Uint8Array([0x89, 0x50, 0x4e, 0x47])], 'a.jpg', { type: 'image/jpeg' })),
      uploadKfHeadImg(c, KF, { data: new Uint8Array([1, 2, 3, 4]), filename: 'a.jpg' }),
    ]
    for (const p of cases) expect((await rejection(p)).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })

  it('a head image from a stream is read inside the call: its timeout bounds a stalled stream; failures reach onError once', async () => {
    const { fake, ctx } = await useFake()
    const errors: unknown[] = []
    const c = ctx({ hooks: { onError: (e) => void errors.push(e.error) } })
    let cancelled = false
    // Never closes; cancelled once the call gave up on it.
    const stalled = new ReadableStream<Uint8Array>({ start: (ctl) => ctl.enqueue(jpg()), cancel: () => void (cancelled = true) })
    const started = Date.now()
    expect((await rejection(uploadKfHeadImg(c, KF, stalled, { timeout: 300 }))).code).toBe('wx/timeout')
    expect(Date.now() - started).toBeLessThan(1500)
    await new Promise((r) => setTimeout(r, 10))
    expect(cancelled).toBe(true)
    const e = await rejection(uploadKfHeadImg(c, KF, new Uint8Array([1, 2, 3])))
    expect(e).toMatchObject({ code: 'wx/validation', stage: 'input', path: '/customservice/kfaccount/uploadheadimg' })
    expect(errors).toHaveLength(2)
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('kf sessions', () => {
  it('create, get, list, close; online list and wait case', async () => {
    const start = Math.floor(Date.now() / 1000) - 3600
    const { fake, ctx } = await useFake()
    await fake.setData('kf', seed(start))
    const c = ctx()
    expect((await getWaitCase(c)).waitcaselist.map((w) => w.openid)).toEqual(['o_wait'])
    await createKfSession(c, KF, 'o_wait')
    expect(await getWaitCase(c)).toMatchObject({ count: 0, waitcaselist: [] })
    expect(await getKfSession(c, 'o_wait')).toMatchObject({ kf_account: KF, createtime: expect.any(Number) })
    expect((await getKfSessionList(c, KF)).sessionlist.map((s) => s.openid)).toEqual(['o_wait'])
    expect((await getOnlineCustomServiceList(c)).kf_online_list).toEqual([{ kf_account: KF, status: 1, kf_id: 1001, accepted_case: 1 }])
    await closeKfSession(c, KF, 'o_wait')
    expect(await getKfSession(c, 'o_wait')).toMatchObject({ kf_account: '', createtime: 0 })
  })

  it('errcodes: 65415 offline, 65414 served by another, 65413 no session, 65401 unknown, 40003 bad openid', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('kf', seed(Math.floor(Date.now() / 1000)))
    const c = ctx()
    expect((await rejection(createKfSession(c, 'bob@gh_test', 'o_new'))).errcode).toBe(65415)
    expect((await rejection(createKfSession(c, KF, 'o_busy'))).errcode).toBe(65414)
    expect((await rejection(closeKfSession(c, KF, 'o_nobody'))).errcode).toBe(65413)
    expect((await rejection(getKfSessionList(c, 'nobody@gh_test'))).errcode).toBe(65401)
    await fake.failNext(40003)
    expect((await rejection(getKfSession(c, 'o_x'))).errcode).toBe(40003)
    await fake.failNext(65400)
    expect((await rejection(getWaitCase(c))).errcode).toBe(65400)
    expect((await fake.stats()).deliveries).toBe(0)
  })

  it('rejects bad input before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const cases: Promise<unknown>[] = [
      createKfSession(c, 'alice', 'o_user'),
      createKfSession(c, KF, 'bad openid!'),
      closeKfSession(c, KF, ''),
      getKfSession(c, 'o u'),
      getKfSessionList(c, 'no-at-sign'),
    ]
    for (const p of cases) expect((await rejection(p)).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('chat records', () => {
  it('getmsglist form pages by msgid; the seed form pages by index', async () => {
    const start = Math.floor(Date.now() / 1000) - 3600
    const { fake, ctx } = await useFake()
    await fake.setData('kf', seed(start))
    const c = ctx()
    const first = await getRecords(c, { starttime: start, endtime: start + 3600, number: 3 })
    expect(first.recordlist.map((r) => r.text)).toEqual(['msg 0', 'msg 1', 'msg 2'])
    expect(first).toMatchObject({ number: 3, msgid: 4 })
    const next = await getRecords(c, { starttime: start, endtime: start + 3600, msgid: first.msgid!, number: 3 })
    expect(next.recordlist.map((r) => r.text)).toEqual(['msg 3', 'msg 4'])
    const legacy = await getRecords(c, { starttime: start, endtime: start + 3600, openid: 'o_a', pagesize: 1, pageindex: 2 })
    expect(legacy.recordlist.map((r) => r.text)).toEqual(['msg 3'])
    expect((await fake.stats()).calls).toEqual({ '/customservice/msgrecord/getmsglist': 2, '/cgi-bin/customservice/getrecord': 1 })
  })

  it('errcodes: 65417 and 65416 from WeChat', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(65417)
    expect((await rejection(getRecords(c, { starttime: 1000, endtime: 2000 }))).errcode).toBe(65417)
    await fake.failNext(65416)
    expect((await rejection(getRecords(c, { starttime: 1000, endtime: 2000, pagesize: 10, pageindex: 1 }))).errcode).toBe(65416)
  })

  it('rejects ranges over 24 hours, reversed ranges and bad paging before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const long = await rejection(getRecords(c, { starttime: 0, endtime: 86_401 }))
    expect(long.code).toBe('wx/validation')
    expect(long.issues?.[0]?.path).toBe('endtime')
    const cases: Promise<unknown>[] = [
      getRecords(c, { starttime: 2000, endtime: 1000 }),
      getRecords(c, { starttime: 1000, endtime: 2000, number: 10_001 }),
      getRecords(c, { starttime: 1000, endtime: 2000, msgid: 0 }),
      getRecords(c, { starttime: 1.5, endtime: 2000 }),
      getRecords(c, { starttime: 1000, endtime: 2000, pagesize: 51, pageindex: 1 }),
      getRecords(c, { starttime: 1000, endtime: 2000, pagesize: 10, pageindex: 0 }),
      getRecords(c, { starttime: 1000, endtime: 2000, pagesize: 10, pageindex: 1, openid: 'bad openid' }),
      // Not an object at all (JavaScript callers): a rejected promise, not a synchronous TypeError.
      Promise.resolve().then(() => getRecords(c, '2024-03-01' as never)),
      Promise.resolve().then(() => getRecords(c, 42 as never)),
    ]
    for (const p of cases) expect((await rejection(p)).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })
})
