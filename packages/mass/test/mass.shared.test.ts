import { callApi, defineEndpoint, type WxContext } from '@wx/core'
import {
  deleteMass, getMassMessageStatus, getMassSpeed, massSend, massSendCard, massSendImage, massSendMPVideo, massSendNews,
  massSendText, massSendVideo, massSendVoice, previewCard, previewImage, previewNews, previewText, previewVideo, previewVoice,
  setMassSpeed, uploadMPVideo, uploadNews, type MassSendResult, type MassTarget,
} from '@wx/mass'
import { describe, expect, it } from 'vitest'
import { rejectedLocally, rejects, useFake } from '../../../test/fake.ts'

const SENDALL = '/cgi-bin/message/mass/sendall'
const SEND = '/cgi-bin/message/mass/send'
const PREVIEW = '/cgi-bin/message/mass/preview'
const two = ['oUser1', 'oUser2']

async function setup(windowMs = 300) {
  const { fake, ctx } = await useFake()
  await fake.setData('massConfig', { dedupeWindowMs: windowMs })
  return { fake, c: ctx() }
}

describe('mass sends: targets, clientmsgid, exact ids', () => {
  it('sends to all followers with a derived clientmsgid and an exact 64-bit msg_id', async () => {
    const { fake, c } = await setup()
    const r = await massSendText(c, 'Hello, everyone', 'all')
    expect(r.msg_id).toMatch(/^\d{19}$/)
    expect(BigInt(r.msg_id)).toBeGreaterThan(BigInt(Number.MAX_SAFE_INTEGER))
    expect(r.clientmsgid).toMatch(/^[0-9a-f]{32}$/)
    expect(r.deduped).toBe(false)
    const [req] = await fake.requests()
    expect(req!.path).toBe(SENDALL)
    expect(req!.body).toEqual({ filter: { is_to_all: true }, msgtype: 'text', text: { content: 'Hello, everyone' }, clientmsgid: r.clientmsgid })
    expect((await fake.stats()).deliveries).toBe(1)
    const s = await getMassMessageStatus(c, r.msg_id)
    expect(s).toMatchObject({ msg_id: r.msg_id, msg_status: 'SEND_SUCCESS' })
  })

  it('sends to a tag (filter.tag_id) and to openids (one delivery each)', async () => {
    const { fake, c } = await setup()
    await massSendText(c, 'tagged', { tagId: 2 })
    await massSendText(c, 'listed', ['oA', 'oB', 'oC'], { clientmsgid: 'my-key-1' })
    const log = await fake.requests()
    expect(log[0]!.body).toMatchObject({ filter: { is_to_all: false, tag_id: 2 } })
    expect(log[1]).toMatchObject({ path: SEND, body: { touser: ['oA', 'oB', 'oC'], clientmsgid: 'my-key-1' } })
    expect((await fake.stats()).deliveries).toBe(4)
  })

  it('derives the same clientmsgid for the same content and recipients in any order, another for other content', async () => {
    const { c } = await setup()
    const a = await massSendText(c, 'same', ['oA', 'oB'])
    await new Promise((r) => setTimeout(r, 350))
    const b = await massSendText(c, 'same', ['oB', 'oA'])
    expect(b.clientmsgid).toBe(a.clientmsgid)
    expect(b).toMatchObject({ msg_id: a.msg_id, deduped: true })
    const d = await massSendText(c, 'other', ['oA', 'oB'])
    expect(d.clientmsgid).not.toBe(a.clientmsgid)
  })

  it('a send whose connection is reset after the request was written is not sent twice', async () => {
    const { fake, c } = await setup(300)
    await fake.failNext('reset', 1, SENDALL)
    const r = await massSendNews(c, 'news_media_1', 'all', { resendAfter: 300 })
    expect(r.deduped).toBe(true)
    const stats = await fake.stats()
    expect(stats.calls[SENDALL]).toBe(2)
    expect(stats.deliveries).toBe(1)
    const [first] = await fake.deliveries()
    expect(first!.payload).toMatchObject({ clientmsgid: r.clientmsgid })
    expect(r.msg_id).toBe(Object.keys((await fake.data()).mass.messages)[0])
    expect(r.msg_data_id).toMatch(/^\d+$/)
  })

  it('the same send with a clientmsgid retried within the 45066 window ends as one message', async () => {
    const { fake, c } = await setup(300)
    const opts = { clientmsgid: 'campaign-42', resendAfter: 350 }
    const first = await massSendText(c, 'Sale starts now', two, opts)
    const again = await massSendText(c, 'Sale starts now', two, opts)
    expect(again).toMatchObject({ msg_id: first.msg_id, deduped: true, clientmsgid: 'campaign-42' })
    const stats = await fake.stats()
    expect(stats.errcodes[45066]).toBe(1)
    expect(stats.calls[SEND]).toBe(3)
    expect(stats.deliveries).toBe(2) // one message to two openids
  })

  it('the resend fits the call: `timeout` bounds each attempt, the call has room for resendAfter and a second attempt', async () => {
    // timeout < resendAfter, as with the defaults (15 s against 60 s): the resend still happens.
    const { fake, c } = await setup(300)
    const opts = { timeout: 200, resendAfter: 300 }
    await fake.failNext('reset', 1, SENDALL)
    expect(await massSendText(c, 'after a reset', 'all', opts)).toMatchObject({ deduped: true })
    // A hung attempt ends after `timeout`, and the resend finds the first delivery.
    await fake.failNext('timeout', 1, SENDALL)
    expect(await massSendText(c, 'after a hang', 'all', opts)).toMatchObject({ deduped: true })
    let stats = await fake.stats()
    expect(stats.calls[SENDALL]).toBe(4)
    expect(stats.deliveries).toBe(2)
    // Two hung attempts: outcome unknown after about 2 x timeout + resendAfter, not later.
    await fake.failNext('timeout', 2, SENDALL)
    const t0 = Date.now()
    await rejects(massSendText(c, 'hung twice', 'all', opts), 'wx/outcome-unknown')
    expect(Date.now() - t0).toBeLessThan(2000)
    // Aborted during the wait: nothing is sent after the abort, and the first attempt (reset after it
    // was delivered) may have gone out: outcome unknown, not "aborted".
    await fake.failNext('reset', 1, SENDALL)
    const ac = new AbortController()
    setTimeout(() => ac.abort(), 150)
    await rejects(massSendText(c, 'aborted', 'all', { ...opts, signal: ac.signal }), 'wx/outcome-unknown')
    await new Promise((r) => setTimeout(r, 400))
    stats = await fake.stats()
    expect(stats.calls[SENDALL]).toBe(7)
    expect(stats.deliveries).toBe(4)
  })

  it('without resendAfter an ambiguous failure is outcome-unknown (never resent)', async () => {
    const { fake, c } = await setup()
    await fake.failNext('reset', 1, SENDALL)
    await rejects(massSendText(c, 'once', 'all', { resendAfter: 0 }), 'wx/outcome-unknown')
    expect((await fake.stats()).calls[SENDALL]).toBe(1)
    expect((await fake.stats()).deliveries).toBe(1)
  })

  it('resendAfter: null is the default (resent after 60 s), never "no resend"; Infinity, like 0, never resends', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('massConfig', { dedupeWindowMs: 300 })
    // An HTTP 502 is ambiguous: the resend is scheduled (onRetry), and the abort there ends the wait.
    let ac = new AbortController()
    const delays: number[] = []
    const c = ctx({ hooks: { onRetry: (e) => (delays.push(e.delay), ac.abort()) } })
    for (const resendAfter of [undefined, null]) {
      ac = new AbortController()
      await fake.failNext('http500', 1, SENDALL)
      await rejects(massSendText(c, `502 ${resendAfter}`, 'all', { resendAfter: resendAfter as never, signal: ac.signal }), 'wx/outcome-unknown')
    }
    expect(delays).toEqual([60_000, 60_000])
    for (const resendAfter of [0, Infinity]) {
      await fake.failNext('http500', 1, SENDALL)
      await rejects(massSendText(c, `502 ${resendAfter}`, 'all', { resendAfter }), 'wx/outcome-unknown')
    }
    expect(delays).toHaveLength(2)
    expect((await fake.stats()).calls[SENDALL]).toBe(4)
  })

  it('45066 (WeChat holds a send under this key) is outcome-unknown, never a plain failure: without a resend, and when the resend meets it', async () => {
    const { fake, c } = await setup()
    await fake.failNext(45066, 1, SENDALL)
    const e = await rejects(massSendText(c, 'held', 'all', { resendAfter: 0 }), 'wx/outcome-unknown')
    expect(e.known).toMatchObject({ errcode: 45066 })
    // The first attempt is delivered and reset; the resend (too early for WeChat's window) meets 45066.
    await fake.failNext('reset', 1, SENDALL)
    await fake.failNext(45066, 1, SENDALL)
    await rejects(massSendText(c, 'resent too early', 'all', { resendAfter: 50, timeout: 2000 }), 'wx/outcome-unknown')
  })

  it('after an ambiguous first attempt, any failure of the resend is outcome-unknown (here: the resend is refused)', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('massConfig', { dedupeWindowMs: 300 })
    // Every later attempt is refused before it connects, as a host that went down would.
    let sends = 0
    const refused = () => Promise.reject(Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } }))
    const c = ctx({ fetch: (u, init) => (String(u).includes(SENDALL) && sends++ > 0 ? refused() : fetch(u, init)) })
    await fake.failNext('reset', 1, SENDALL) // executed: delivered, then the connection drops
    const e = await rejects(massSendText(c, 'first went out', 'all', { resendAfter: 100, timeout: 1500 }), 'wx/outcome-unknown')
    expect(sends).toBeGreaterThan(1)
    expect(e.known).toMatchObject({ reason: 'wx/network' })
    expect((await fake.stats()).deliveries).toBe(1)
  })

  it('reports WeChat errcodes (45028 no quota, 40007 invalid media)', async () => {
    const { fake, c } = await setup()
    await fake.failNext(45028)
    await rejects(massSendText(c, 'x', 'all'), 'wx/api', 45028)
    await rejects(massSendNews(c, 'expired_media', 'all'), 'wx/api', 40007)
    expect((await fake.stats()).deliveries).toBe(0)
  })

  it.each<[string, MassTarget | unknown, string?]>([
    ['one openid', ['oOnly'], 'touser'],
    ['10001 openids', Array.from({ length: 10001 }, (_, i) => `o${i}`), 'touser'],
    ['a bad openid', ['oA', 'bad openid'], 'touser'],
    ['a negative tag', { tagId: -1 }],
    ['an unknown target', 'everyone'],
  ])('rejects %s before any request', async (_, target, field) => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, massSendText(c, 'x', target as MassTarget), field)
  })

  it('rejects a clientmsgid over 64 bytes and empty text before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, massSendText(c, 'x', 'all', { clientmsgid: 'é'.repeat(33) }), 'clientmsgid')
    await rejectedLocally(fake, massSendText(c, '', 'all'), 'text.content')
  })
})

type Sender = (c: WxContext, target: MassTarget, o?: object) => Promise<MassSendResult>
const senders: [string, string, Sender, Sender][] = [
  ['massSendNews', 'mpnews', (c, t, o) => massSendNews(c, 'news_1', t, o), (c, t) => massSendNews(c, 'bad id!', t)],
  ['massSendVoice', 'voice', (c, t, o) => massSendVoice(c, 'voice_1', t, o), (c, t) => massSendVoice(c, '', t)],
  ['massSendImage', 'image', (c, t, o) => massSendImage(c, 'img_1', t, o), (c, t) => massSendImage(c, [], t)],
  ['massSendVideo', 'mpvideo', (c, t, o) => massSendVideo(c, 'video_1', t, o), (c, t) => massSendVideo(c, 'x y', t)],
  ['massSendCard', 'wxcard', (c, t, o) => massSendCard(c, 'pFS7Fjg8kV1Id', t, o), (c, t) => massSendCard(c, 'bad card', t)],
  ['massSend', 'text', (c, t, o) => massSend(c, { msgtype: 'text', text: { content: 'generic' } }, t, o), (c, t) => massSend(c, { msgtype: 'music' } as never, t)],
]

describe.each(senders)('%s', (_, msgtype, send, bad) => {
  it('sends and answers an exact msg_id', async () => {
    const { fake, c } = await setup()
    const r = await send(c, two)
    expect(r.msg_id).toMatch(/^\d{19}$/)
    const [req] = await fake.requests()
    expect(req!.body).toMatchObject({ msgtype, touser: two, clientmsgid: r.clientmsgid })
    expect((await fake.stats()).deliveries).toBe(2)
  })
  it('reports an errcode', async () => {
    const { fake, c } = await setup()
    await fake.failNext(48001)
    await rejects(send(c, 'all'), 'wx/api', 48001)
  })
  it('rejects bad input before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, bad(c, 'all'))
  })
})

describe('massSendImage with several images, massSendMPVideo', () => {
  it('sends several images as an image post', async () => {
    const { fake, c } = await setup()
    await massSendImage(c, ['img_1', 'img_2'], 'all', { recommend: 'New shop', needOpenComment: true })
    const [req] = await fake.requests()
    expect(req!.body).toMatchObject({ msgtype: 'image', images: { media_ids: ['img_1', 'img_2'], recommend: 'New shop', need_open_comment: 1 } })
  })

  it('uploads the video, then mass-sends it; a repeat of the same call dedupes', async () => {
    const { fake, c } = await setup(100)
    const video = { media_id: 'tmp_video_1', title: 'Launch', description: 'Our launch' }
    const r = await massSendMPVideo(c, video, { tagId: 3 })
    const log = await fake.requests()
    expect(log.map((x) => x.path)).toEqual(['/cgi-bin/media/uploadvideo', SENDALL])
    expect(log[1]!.body).toMatchObject({ msgtype: 'mpvideo', mpvideo: { media_id: expect.stringMatching(/^video_/) } })
    await new Promise((res) => setTimeout(res, 150))
    const again = await massSendMPVideo(c, video, { tagId: 3 })
    expect(again).toMatchObject({ msg_id: r.msg_id, deduped: true })
    expect((await fake.stats()).deliveries).toBe(1)
  })

  it('massSendMPVideo: errcode from the upload, bad target rejected before the upload', async () => {
    const { c } = await setup()
    await rejects(massSendMPVideo(c, { media_id: 'expired_video' }, 'all'), 'wx/api', 40007)
    const f2 = await setup()
    await rejectedLocally(f2.fake, massSendMPVideo(f2.c, { media_id: 'tmp_video' }, ['oOnly']), 'touser')
  })

  it('massSendMPVideo: an upload answered without a media_id is a wx/api error about the answer (nothing sent); a numeric one is used', async () => {
    const { fake, c } = await setup()
    await fake.failNext({ body: JSON.stringify({ errcode: 0, type: 'video', created_at: 1 }) }, 1, '/cgi-bin/media/uploadvideo')
    const e = await rejects(massSendMPVideo(c, { media_id: 'tmp_video' }, 'all'), 'wx/api')
    expect(e.message).toMatch(/uploadvideo: answer without media_id/)
    expect(e.stage).toBeUndefined()
    expect((await fake.stats()).calls[SENDALL]).toBeUndefined()
    await fake.failNext({ body: JSON.stringify({ errcode: 0, type: 'video', media_id: 123456, created_at: 1 }) }, 1, '/cgi-bin/media/uploadvideo')
    await massSendMPVideo(c, { media_id: 'tmp_video' }, 'all')
    expect((await fake.requests()).at(-1)!.body).toMatchObject({ mpvideo: { media_id: '123456' } })
  })
})

describe('a mass send answered in a shape the docs do not give', () => {
  it.each([
    ['45065 without msg_id', { errcode: 45065, errmsg: 'clientmsgid exist' }, { deduped: true, msg_id: undefined }],
    ['45065 as a string, with msg_id', { errcode: '45065', errmsg: 'clientmsgid exist', msg_id: 1000001 }, { deduped: true, msg_id: '1000001' }],
    ['0 without msg_id', { errcode: 0, errmsg: 'send job submission success' }, { deduped: false, msg_id: undefined }],
    ['0 with msg_id null and msg_data_id', { errcode: 0, errmsg: 'ok', msg_id: null, msg_data_id: 2247483647 }, { deduped: false, msg_id: null, msg_data_id: '2247483647' }],
  ])('%s: the result still says whether it was deduped, and carries no errcode', async (_, body, expected) => {
    const { fake, c } = await setup()
    await fake.failNext({ body: JSON.stringify(body) }, 1, SENDALL)
    const r = await massSendText(c, 'Hello', 'all', { clientmsgid: 'k-drift' })
    expect(r).toEqual({ ...expected, clientmsgid: 'k-drift' })
  })
})

describe('uploadNews, uploadMPVideo', () => {
  const article = { thumb_media_id: 'thumb_1', title: 'Happy Day', content: '<p>Hi</p>', digest: 'digest', show_cover_pic: 1 as const }
  it('uploadNews returns a media_id for massSendNews', async () => {
    const { fake, c } = await setup()
    const r = await uploadNews(c, [article, { ...article, title: 'Second' }])
    expect(r).toMatchObject({ type: 'news', media_id: expect.any(String), created_at: expect.any(Number) })
    await massSendNews(c, r.media_id, two)
    expect((await fake.stats()).deliveries).toBe(2)
  })
  it('uploadNews: 40007 for an invalid thumb, 9 articles rejected before any request', async () => {
    const { c } = await setup()
    await rejects(uploadNews(c, [{ ...article, thumb_media_id: 'expired_thumb' }]), 'wx/api', 40007)
    const f2 = await setup()
    await rejectedLocally(f2.fake, uploadNews(f2.c, Array(9).fill(article)), 'articles')
  })
  it('uploadMPVideo: success, errcode, bad input', async () => {
    const { c } = await setup()
    expect(await uploadMPVideo(c, { media_id: 'tmp_1', title: 'T', description: 'D' })).toMatchObject({ type: 'video', media_id: expect.stringMatching(/^video_/) })
    await rejects(uploadMPVideo(c, { media_id: 'expired_1' }), 'wx/api', 40007)
    const f2 = await setup()
    await rejectedLocally(f2.fake, uploadMPVideo(f2.c, { media_id: '' }), 'media_id')
    await rejectedLocally(f2.fake, uploadMPVideo(f2.c, { media_id: 'tmp_1', title: 1 as never }), 'title')
  })
  it('uploadMPVideo: no length limit of its own on title and description (WeChat documents none)', async () => {
    const { fake, c } = await setup()
    const video = { media_id: 'tmp_1', title: 'T'.repeat(65), description: 'D'.repeat(121) }
    expect(await uploadMPVideo(c, video)).toMatchObject({ type: 'video' })
    expect((await fake.requests())[0]!.body).toEqual(video)
  })
})

describe('deleteMass, getMassMessageStatus', () => {
  it('sends msg_id as an exact JSON number and deletes', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('massConfig', { dedupeWindowMs: 300 })
    const bodies: string[] = []
    const c = ctx({ fetch: (u, init) => (typeof init?.body === 'string' && bodies.push(init.body), fetch(u, init)) })
    const { msg_id } = await massSendNews(c, 'news_1', 'all')
    await deleteMass(c, msg_id)
    expect(bodies.at(-1)).toBe(`{"msg_id":${msg_id}}`)
    expect(await getMassMessageStatus(c, msg_id)).toMatchObject({ msg_id, msg_status: 'DELETE' })
    expect(bodies.at(-1)).toBe(`{"msg_id":${msg_id}}`)
    await deleteMass(c, msg_id, { articleIdx: 2 })
    expect(bodies.at(-1)).toBe(`{"msg_id":${msg_id},"article_idx":2}`)
    await deleteMass(c, msg_id, { articleIdx: 0 }) // 0, as no index: every article (WeChat's docs)
    expect(bodies.at(-1)).toBe(`{"msg_id":${msg_id},"article_idx":0}`)
  })
  it('answers 47003 for an unknown msg_id', async () => {
    const { c } = await setup()
    await rejects(deleteMass(c, 34182), 'wx/api', 47003) // a safe-integer number id (the seed's form) is sent
    await rejects(getMassMessageStatus(c, 34182), 'wx/api', 47003)
    await rejects(deleteMass(c, '3147483652999999999'), 'wx/api', 47003)
    await rejects(getMassMessageStatus(c, '3147483652999999999'), 'wx/api', 47003)
  })
  it('the fake takes mass/get msg_id as a string of digits too, as WeChat does', async () => {
    const { fake, c } = await setup()
    const { msg_id } = await massSendNews(c, 'news_1', 'all')
    const get = defineEndpoint({ method: 'POST', path: '/cgi-bin/message/mass/get', retry: 'read' })
    expect(await callApi(c, get, { body: { msg_id } })).toMatchObject({ msg_id, msg_status: 'SEND_SUCCESS' })
    await rejects(callApi(c, get, { body: { msg_id: '34182' } }), 'wx/api', 47003) // read, then unknown
    const mass = (await fake.data()).mass
    await fake.setData('mass', { ...mass, messages: { ...mass.messages, 34182: { msg_id: '34182', status: 'SEND_SUCCESS' } } })
    expect(await callApi(c, get, { body: { msg_id: '34182' } })).toMatchObject({ msg_id: 34182, msg_status: 'SEND_SUCCESS' }) // raw: WeChat's JSON number
  })
  it('rejects a non-numeric msg_id before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, deleteMass(c, '12ab'))
    await rejectedLocally(fake, deleteMass(c, '1', { articleIdx: -1 }))
    await rejectedLocally(fake, getMassMessageStatus(c, 2 ** 60 as never))
  })
})

const previews: [string, string, (c: WxContext, o: string) => Promise<unknown>, (c: WxContext) => Promise<unknown>][] = [
  ['previewNews', 'mpnews', (c, o) => previewNews(c, o, 'news_1'), (c) => previewNews(c, 'oUser', '')],
  ['previewText', 'text', (c, o) => previewText(c, o, 'preview me'), (c) => previewText(c, 'oUser', '')],
  ['previewVoice', 'voice', (c, o) => previewVoice(c, o, 'voice_1'), (c) => previewVoice(c, 'oUser', 'a b')],
  ['previewImage', 'image', (c, o) => previewImage(c, o, 'img_1'), (c) => previewImage(c, 'bad openid', 'img_1')],
  ['previewVideo', 'mpvideo', (c, o) => previewVideo(c, o, 'video_1'), (c) => previewVideo(c, 'oUser', '')],
  ['previewCard', 'wxcard', (c, o) => previewCard(c, o, 'pFS7Fjg8', { cardExt: { code: '', openid: '', timestamp: '1', signature: 's' } }), (c) => previewCard(c, 'oUser', 'bad card')],
]

describe.each(previews)('%s', (_, msgtype, send, bad) => {
  it('previews to one follower', async () => {
    const { fake, c } = await setup()
    expect(await send(c, 'oUser')).toMatchObject({ msg_id: expect.any(String) })
    const [req] = await fake.requests()
    expect(req).toMatchObject({ path: PREVIEW, body: { touser: 'oUser', msgtype } })
    expect((await fake.stats()).deliveries).toBe(1)
  })
  it('answers 43004 for a non-follower', async () => {
    const { c } = await setup()
    await rejects(send(c, 'o_unfollowed'), 'wx/api', 43004)
  })
  it('rejects bad input before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, bad(c))
  })
})

describe('previewCard cardExt', () => {
  it('one JSON cannot encode (BigInt, cycle) or no object nor string: wx/validation in the pipeline, never a synchronous throw, nothing sent', async () => {
    const { fake, c } = await setup()
    const cyclic: any = {}
    cyclic.self = cyclic
    for (const cardExt of [{ code: 10n }, cyclic, 5, () => 1]) {
      let call: Promise<unknown> | undefined
      expect(() => (call = previewCard(c, 'oUser', 'pFS7Fjg8', { cardExt } as never))).not.toThrow()
      await rejectedLocally(fake, call!, 'card_ext')
    }
  })
  it('an object goes out as its JSON', async () => {
    const { fake, c } = await setup()
    await previewCard(c, 'oUser', 'pFS7Fjg8', { cardExt: { code: '', timestamp: '1' } })
    const [req] = await fake.requests()
    expect((req!.body as any).wxcard).toEqual({ card_id: 'pFS7Fjg8', card_ext: '{"code":"","timestamp":"1"}' })
  })
})

describe('null option fields', () => {
  it('are "not set": each call sends what it sends with the fields left out', async () => {
    const N = null as never
    const calls: [(c: WxContext, o?: any) => Promise<unknown>, object][] = [
      [(c, o) => massSendImage(c, 'img_1', two, o), { recommend: N, needOpenComment: N, onlyFansCanComment: N, sendIgnoreReprint: N, clientmsgid: N, resendAfter: N }],
      [(c, o) => massSendImage(c, ['img_1', 'img_2'], two, o), { recommend: N, needOpenComment: N, onlyFansCanComment: N }],
      [(c, o) => massSendNews(c, 'news_1', 'all', o), { sendIgnoreReprint: N, clientmsgid: N }],
      [(c, o) => deleteMass(c, '1', o), { articleIdx: N }],
      [(c, o) => previewCard(c, 'oUser', 'pFS7Fjg8', o), { cardExt: N }],
    ]
    for (const [call, nulls] of calls) {
      // Two accounts: the same send twice on one would meet WeChat's dedupe.
      const a = await setup()
      const b = await setup()
      await call(a.c, nulls).catch(() => {}) // deleteMass: 47003, after the request
      await call(b.c).catch(() => {})
      const [sent, leftOut] = await Promise.all([a, b].map(async ({ fake }) => (await fake.requests()).map(({ rid, ...r }) => r)))
      expect(sent).toHaveLength(1)
      expect(sent).toEqual(leftOut)
    }
  })
})

describe('getMassSpeed, setMassSpeed', () => {
  it('sets and reads the speed', async () => {
    const { c } = await setup()
    await setMassSpeed(c, 3)
    expect(await getMassSpeed(c)).toMatchObject({ speed: 3, realspeed: 30 }) // 30万/min
    await setMassSpeed(c, 0)
    expect(await getMassSpeed(c)).toMatchObject({ speed: 0, realspeed: 80 })
  })
  it('reports errcodes', async () => {
    const { fake, c } = await setup()
    await fake.failNext(48001, 2)
    await rejects(getMassSpeed(c), 'wx/api', 48001)
    await rejects(setMassSpeed(c, 1), 'wx/api', 48001)
  })
  it('rejects a speed outside 0-4 before any request', async () => {
    const { fake, c } = await setup()
    await rejectedLocally(fake, setMassSpeed(c, 5 as never), 'speed')
  })
})
