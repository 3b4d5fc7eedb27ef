import { callApi, defineEndpoint, isWxError } from '@wx/core'
import {
  sendImage,
  sendMiniProgramPage,
  sendMpNews,
  sendMpNewsArticle,
  sendMsgMenu,
  sendMusic,
  sendNews,
  sendText,
  sendVideo,
  sendVoice,
  sendWxCard,
  setTyping,
} from '@wx/message'
import { describe, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const MUSIC = { title: 'Song', description: 'd', musicurl: 'https://example.com/a.mp3', hqmusicurl: 'https://example.com/hq.mp3', thumb_media_id: 'THUMB_1' }
const ARTICLE = { title: 'Happy Day', description: 'Is Really A Happy Day', url: 'https://example.com', picurl: 'https://example.com/a.jpg' }
const MENU = { head_content: 'Satisfied?', list: [{ id: '101', content: 'Yes' }, { id: '102', content: 'No' }], tail_content: 'Thanks' }
const PAGE = { title: 'Open', appid: 'wx0123456789abcdef', pagepath: 'pages/index', thumb_media_id: 'THUMB_1' }

/** Each send: how to call it, and the payload WeChat must receive. */
const cases = [
  { name: 'sendText', send: (c: any, to: string) => sendText(c, to, 'Hello world'), msgtype: 'text', payload: { content: 'Hello world' } },
  { name: 'sendImage', send: (c: any, to: string) => sendImage(c, to, 'MEDIA_1'), msgtype: 'image', payload: { media_id: 'MEDIA_1' } },
  { name: 'sendVoice', send: (c: any, to: string) => sendVoice(c, to, 'MEDIA_2'), msgtype: 'voice', payload: { media_id: 'MEDIA_2' } },
  {
    name: 'sendVideo',
    send: (c: any, to: string) => sendVideo(c, to, { mediaId: 'V1', thumbMediaId: 'T1', title: 'Demo' }),
    msgtype: 'video',
    payload: { media_id: 'V1', thumb_media_id: 'T1', title: 'Demo' },
  },
  { name: 'sendVideo (seed form)', send: (c: any, to: string) => sendVideo(c, to, 'V1', 'T1'), msgtype: 'video', payload: { media_id: 'V1', thumb_media_id: 'T1' } },
  { name: 'sendMusic', send: (c: any, to: string) => sendMusic(c, to, MUSIC), msgtype: 'music', payload: MUSIC },
  { name: 'sendNews', send: (c: any, to: string) => sendNews(c, to, [ARTICLE]), msgtype: 'news', payload: { articles: [ARTICLE] } },
  { name: 'sendMpNews', send: (c: any, to: string) => sendMpNews(c, to, 'NEWS_1'), msgtype: 'mpnews', payload: { media_id: 'NEWS_1' } },
  { name: 'sendMpNewsArticle', send: (c: any, to: string) => sendMpNewsArticle(c, to, 'ART_1-x'), msgtype: 'mpnewsarticle', payload: { article_id: 'ART_1-x' } },
  { name: 'sendMsgMenu', send: (c: any, to: string) => sendMsgMenu(c, to, MENU), msgtype: 'msgmenu', payload: MENU },
  { name: 'sendWxCard', send: (c: any, to: string) => sendWxCard(c, to, 'pCARD'), msgtype: 'wxcard', payload: { card_id: 'pCARD' } },
  { name: 'sendMiniProgramPage', send: (c: any, to: string) => sendMiniProgramPage(c, to, PAGE), msgtype: 'miniprogrampage', payload: PAGE },
]

describe('customer-service messages', () => {
  for (const k of cases) {
    it(`${k.name}: delivers the payload WeChat expects, and surfaces 45015`, async () => {
      const { fake, ctx } = await useFake()
      const c = ctx()
      await k.send(c, 'o_user')
      const [d] = await fake.deliveries()
      expect(d).toEqual({ path: '/cgi-bin/message/custom/send', to: 'o_user', payload: { touser: 'o_user', msgtype: k.msgtype, [k.msgtype]: k.payload } })
      const e = await k.send(c, 'o_window_closed').catch((e: unknown) => e)
      expect(isWxError(e, 45015)).toBe(true)
      expect((e as any).hint).toMatch(/48 h/)
    })
  }

  it('kfAccount sends as a customer-service account', async () => {
    const { fake, ctx } = await useFake()
    await sendText(ctx(), 'o_user', 'hi', { kfAccount: 'test1@kftest' })
    expect((await fake.deliveries())[0]?.payload).toMatchObject({ customservice: { kf_account: 'test1@kftest' } })
  })

  it('kfAccount: null is "not set", in every send: the same request as without it', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const sends: ((o?: { kfAccount: never }) => Promise<void>)[] = [
      (o) => sendText(c, 'o_user', 'hi', o),
      (o) => sendImage(c, 'o_user', 'MEDIA_1', o),
      (o) => sendVoice(c, 'o_user', 'MEDIA_2', o),
      (o) => sendVideo(c, 'o_user', { mediaId: 'V1' }, o),
      (o) => sendVideo(c, 'o_user', 'V1', 'T1', o),
      (o) => sendMusic(c, 'o_user', MUSIC, o),
      (o) => sendNews(c, 'o_user', [ARTICLE], o),
      (o) => sendMpNews(c, 'o_user', 'NEWS_1', o),
      (o) => sendMpNewsArticle(c, 'o_user', 'ART_1-x', o),
      (o) => sendMsgMenu(c, 'o_user', MENU, o),
      (o) => sendWxCard(c, 'o_user', 'pCARD', o),
      (o) => sendMiniProgramPage(c, 'o_user', PAGE, o),
    ]
    for (const send of sends) {
      await send({ kfAccount: null as never })
      await send()
    }
    const bodies = (await fake.requests()).map((r) => r.body)
    expect(bodies).toHaveLength(2 * sends.length)
    for (let i = 0; i < bodies.length; i += 2) {
      expect(bodies[i]).toEqual(bodies[i + 1])
      expect(bodies[i]).not.toHaveProperty('customservice')
    }
  })

  it('sendVideo takes its options last in every form: 4th after an object or a bare media id, 5th after the seed form', async () => {
    const { fake, ctx } = await useFake()
    await sendVideo(ctx(), 'o_user', { mediaId: 'V1' }, { kfAccount: 'test1@kftest' })
    await sendVideo(ctx(), 'o_user', 'V2', 'T2', { kfAccount: 'test2@kftest' })
    await sendVideo(ctx(), 'o_user', 'V3', { kfAccount: 'test3@kftest' })
    const [a, b, c] = (await fake.deliveries()).map((d) => d.payload)
    expect(a).toMatchObject({ video: { media_id: 'V1' }, customservice: { kf_account: 'test1@kftest' } })
    expect(b).toMatchObject({ video: { media_id: 'V2', thumb_media_id: 'T2' }, customservice: { kf_account: 'test2@kftest' } })
    expect(c).toMatchObject({ video: { media_id: 'V3' }, customservice: { kf_account: 'test3@kftest' } })
    expect((c as any).video).not.toHaveProperty('thumb_media_id')
  })

  it('setTyping sends Typing / CancelTyping', async () => {
    const { fake, ctx } = await useFake()
    await setTyping(ctx(), 'o_user')
    await setTyping(ctx(), 'o_user', false)
    await setTyping(ctx(), 'o_user', null) // null is the default (show), not "false"
    const log = await fake.requests()
    expect(log.map((r) => (r.body as any).command)).toEqual(['Typing', 'CancelTyping', 'Typing'])
    expect(isWxError(await setTyping(ctx(), 'o_unfollowed').catch((e) => e), 43004)).toBe(true)
  })

  it('setTyping: a repeated Typing within 15 s (WeChat: 45081, already typing) resolves', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await setTyping(c, 'o_user')
    await setTyping(c, 'o_user') // e.g. a retry after a lost success
    expect((await fake.stats()).calls).toEqual({ '/cgi-bin/message/custom/typing': 2 })
    // The fake answers 45081 to the repeat, as WeChat does: a raw call sees it.
    const raw = defineEndpoint({ method: 'POST', path: '/cgi-bin/message/custom/typing', retry: 'idempotent' })
    await rejects(callApi(c, raw, { body: { touser: 'o_user', command: 'Typing' } }), 'wx/api', 45081)
    // CancelTyping, or a message, ends it: Typing is accepted again.
    await setTyping(c, 'o_user', false)
    await callApi(c, raw, { body: { touser: 'o_user', command: 'Typing' } })
    await sendText(c, 'o_user', 'hi')
    await callApi(c, raw, { body: { touser: 'o_user', command: 'Typing' } })
  })

  it('rejects bad input before any request, naming the field', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const bad: [Promise<unknown>, string][] = [
      [sendText(c, '', 'x'), 'touser'],
      [sendText(c, 'o user', 'x'), 'touser'],
      [sendText(c, 'o_user', ''), 'text.content'],
      [sendImage(c, 'o_user', ''), 'image.media_id'],
      [sendVoice(c, 'o_user', 'bad id!'), 'voice.media_id'],
      [sendVideo(c, 'o_user', { mediaId: '' }), 'video.media_id'],
      [sendMusic(c, 'o_user', { ...MUSIC, musicurl: 'not a url' }), 'music.musicurl'],
      [sendNews(c, 'o_user', []), 'news.articles'],
      [sendNews(c, 'o_user', [ARTICLE, ARTICLE]), 'news.articles'],
      [sendMpNews(c, 'o_user', ''), 'mpnews.media_id'],
      [sendMpNewsArticle(c, 'o_user', 'a/b'), 'mpnewsarticle.article_id'],
      [sendMsgMenu(c, 'o_user', { list: [] }), 'msgmenu.list'],
      [sendWxCard(c, 'o_user', ''), 'wxcard.card_id'],
      [sendMiniProgramPage(c, 'o_user', { ...PAGE, appid: 'nope' }), 'miniprogrampage.appid'],
      [sendText(c, 'o_user', 'x', { kfAccount: 'no-at-sign' }), 'customservice.kf_account'],
      [setTyping(c, ''), 'touser'],
      [Promise.resolve().then(() => sendVideo(c, 'o_user', null as never)), 'video.media_id'],
    ]
    for (const [p, field] of bad) {
      const e: any = await p.catch((e) => e)
      expect(e?.code, field).toBe('wx/validation')
      expect(e.issues.map((i: any) => i.path)).toContain(field)
    }
    const stats = await fake.stats()
    expect(stats.calls).toEqual({})
    expect(stats.tokenRequests).toBe(0)
  })
})
