import {
  addDraft,
  batchGetDrafts,
  batchGetPublished,
  closeComment,
  countDrafts,
  deleteComment,
  deleteCommentReply,
  deleteDraft,
  deletePublished,
  enableDraftSwitch,
  getDraft,
  getDraftSwitch,
  getPublishStatus,
  getPublishedArticle,
  listComments,
  markElectComment,
  openComment,
  publishDraft,
  replyComment,
  unmarkElectComment,
  updateDraft,
  type DraftArticle,
} from '@wx/draft'
import { callApi, defineEndpoint, type WxContext } from '@wx/core'
import { massSendNews } from '@wx/mass'
import { describe, expect, it } from 'vitest'
import { rejectedLocally, rejects, useFake, type RemoteFake } from '../../../test/fake.ts'
import { cover, readerComments } from './_util.ts'

const news = (thumb: string, title = 'Hello'): DraftArticle => ({ title, thumb_media_id: thumb, content: '<p>Hi</p>' })

/** A fake account with a published two-article draft; resolves once the job ended. */
async function published(fake: RemoteFake, c: WxContext) {
  await fake.setData('draftConfig', { publishDelayMs: 20 })
  const thumb = await cover(c)
  const { media_id } = await addDraft(c, [{ ...news(thumb, 'One'), need_open_comment: 1 }, news(thumb, 'Two')])
  const job = await publishDraft(c, media_id)
  await new Promise((r) => setTimeout(r, 40))
  const status = await getPublishStatus(c, job.publish_id)
  return { ...job, media_id, article_id: status.article_id! }
}

describe('drafts', () => {
  it('add, get, update, count, list and delete a draft', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const thumb = await cover(c)
    const { media_id } = await addDraft(c, [news(thumb, 'First'), news(thumb, 'Second')])
    expect((await getDraft(c, media_id)).news_item.map((a) => a.title)).toEqual(['First', 'Second'])
    await updateDraft(c, media_id, { index: 1, article: news(thumb, 'Second, edited') })
    expect((await getDraft(c, media_id)).news_item[1]).toMatchObject({ title: 'Second, edited', url: expect.stringContaining('http') })
    await addDraft(c, [{ article_type: 'newspic', title: 'Pics', content: 'text', image_info: { image_list: [{ image_media_id: thumb }] } }])
    expect(await countDrafts(c)).toEqual({ total_count: 2 })
    const page = await batchGetDrafts(c, { offset: 0, count: 1, noContent: true })
    expect(page).toMatchObject({ total_count: 2, item_count: 1 })
    expect(page.item[0]!.content.news_item[0]).not.toHaveProperty('content')
    expect((await batchGetDrafts(c)).item.map((i) => i.media_id)).toContain(media_id)
    await deleteDraft(c, media_id)
    expect(await countDrafts(c)).toEqual({ total_count: 1 })
    await rejects(getDraft(c, media_id), 'wx/api', 40007)
  })

  it('content_source_url "" (no link) is taken; product_info, cover_info and unknown fields reach WeChat as given', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const thumb = await cover(c)
    const product_info = { footer_product_info: { product_key: 'PK_123' } }
    const cover_info = { crop_percent_list: [{ ratio: '1_1', x1: '0', y1: '0', x2: '1', y2: '1' }] }
    const { media_id } = await addDraft(c, [
      { ...news(thumb), content_source_url: '', product_info } as DraftArticle,
      { article_type: 'newspic', title: 'Pics', content: 'text', image_info: { image_list: [{ image_media_id: thumb }] }, cover_info, product_info },
    ])
    const sent = (await fake.requests()).find((q) => q.path === '/cgi-bin/draft/add')!.body as any
    expect(sent.articles[0]).toMatchObject({ content_source_url: '', product_info })
    expect(sent.articles[1]).toMatchObject({ cover_info, product_info })
    // Read, modify, write: an article as getDraft gives it back goes in again.
    const [first] = (await getDraft(c, media_id)).news_item
    const { url: _url, ...article } = first as any
    await updateDraft(c, media_id, { index: 0, article: { ...article, title: 'Edited' } })
    await rejects(addDraft(c, [{ ...news(thumb), content_source_url: 'ftp://x' } as DraftArticle]), 'wx/validation')
  })

  it('answer WeChat errcodes: cover not a permanent material, unknown draft, index out of range', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    await rejects(addDraft(c, [news('not_a_material')]), 'wx/api', 40007)
    const { media_id } = await addDraft(c, [news(await cover(c))])
    await rejects(updateDraft(c, media_id, { index: 3, article: news(await cover(c)) }), 'wx/api', 40129)
    await rejects(deleteDraft(c, 'DRAFT_unknown'), 'wx/api', 40007)
  })

  it('addDraft is a send: not resent after a lost answer', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { baseDelayMs: 1 } } as any)
    const thumb = await cover(c)
    await fake.failNext('http500', 1, '/cgi-bin/draft/add')
    await rejects(addDraft(c, [news(thumb)]), 'wx/outcome-unknown')
    expect((await fake.stats()).calls['/cgi-bin/draft/add']).toBe(1)
  })

  it.each([
    ['no article', [], 'articles'],
    ['nine articles', Array.from({ length: 9 }, () => news('m1')), 'articles'],
    ['a 65-character title', [news('m1', 'x'.repeat(65))], 'title'],
    ['no cover', [{ title: 't', content: 'c' }], 'thumb_media_id'],
    ['a bad crop', [{ ...news('m1'), pic_crop_1_1: '2_0_1_1' }], 'pic_crop_1_1'],
    ['an image post without images', [{ article_type: 'newspic', title: 't', content: '', image_info: { image_list: [] } }], 'image_list'],
    ['an unknown article_type', [{ ...news('m1'), article_type: 'video' }], 'article_type'],
  ])('addDraft rejects %s before sending', async (_, articles, field) => {
    const { fake, ctx } = await useFake()
    await rejectedLocally(fake, addDraft(ctx(), articles as DraftArticle[]), field)
  })

  it('counts characters as WeChat does (an emoji is one); takes a missing page as the first', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const thumb = await cover(c)
    const emoji = { ...news(thumb, '🎉'.repeat(64)), author: '✍️'.repeat(8), digest: '📰'.repeat(128) }
    const { media_id } = await addDraft(c, [emoji])
    expect((await getDraft(c, media_id)).news_item[0]?.title).toBe('🎉'.repeat(64))
    const e = await rejects(addDraft(c, [news(thumb, '🎉'.repeat(65))]), 'wx/validation')
    expect(e.message).toMatch(/at most 64 characters/)
    expect((await batchGetDrafts(c, null as never)).item.map((i) => i.media_id)).toContain(media_id)
    expect((await fake.stats()).calls['/cgi-bin/draft/add']).toBe(1)
  })

  it('takes titles of 33-64 characters (WeChat accepts 64, though its page says 32); WeChat answers 45003 above 64', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const thumb = await cover(c)
    const { media_id } = await addDraft(c, [news(thumb, 'x'.repeat(33)), news(thumb, 'y'.repeat(64))])
    expect((await getDraft(c, media_id)).news_item.map((a) => a.title.length)).toEqual([33, 64])
    await updateDraft(c, media_id, { index: 0, article: news(thumb, 'z'.repeat(64)) })
    // Past the SDK's check, the fake answers as WeChat does.
    const raw = defineEndpoint({ method: 'POST', path: '/cgi-bin/draft/add', retry: 'send' })
    await rejects(callApi(c, raw, { body: { articles: [news(thumb, 'x'.repeat(65))] } }), 'wx/api', 45003)
    expect((await fake.stats()).calls['/cgi-bin/draft/add']).toBe(2)
  })

  it('an image post takes plain text of any length (WeChat documents no limit)', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const thumb = await cover(c)
    const content = '图'.repeat(5000)
    const { media_id } = await addDraft(c, [{ article_type: 'newspic', title: 'Pics', content, image_info: { image_list: [{ image_media_id: thumb }] } }])
    expect((await getDraft(c, media_id)).news_item[0]?.content).toBe(content)
  })

  it('deletePublished with index 0 deletes every article, as WeChat documents', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { article_id, publish_id } = await published(fake, c)
    await deletePublished(c, article_id, { index: 0 })
    expect((await getPublishStatus(c, publish_id)).publish_status).toBe(5)
  })

  it('reject bad ids and pages before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, getDraft(c, ''), 'media_id')
    await rejectedLocally(fake, deleteDraft(c, 'a b'), 'media_id')
    await rejectedLocally(fake, updateDraft(c, 'm1', { index: 8, article: news('m1') }), 'index')
    await rejectedLocally(fake, batchGetDrafts(c, { count: 21 }), 'count')
    await rejectedLocally(fake, batchGetPublished(c, { offset: -1 }), 'offset')
  })

  it('getDraftSwitch reads the switch with checkonly=1; enableDraftSwitch turns it on', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    expect(await getDraftSwitch(c)).toBe(true)
    expect(await enableDraftSwitch(c)).toBe(true)
    expect((await fake.requests()).map((r) => r.query.checkonly)).toEqual(['1', undefined])
    await fake.failNext(48001, 1, '/cgi-bin/draft/switch')
    await rejects(getDraftSwitch(c), 'wx/api', 48001)
  })

  it('a switch answer that drifted from the docs still reads as the state it says, a boolean (never an object, which is truthy)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const answer = (body: object) => fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', ...body }) }, 1, '/cgi-bin/draft/switch')
    const read = [] as boolean[]
    for (const body of [{ is_open: '0' }, { is_open: '1' }, {}, { is_open: null }, { is_open: false }]) {
      await answer(body)
      read.push(await getDraftSwitch(c))
    }
    expect(read).toEqual([false, true, false, false, false])
    // Enabling it succeeded once WeChat answered errcode 0, whatever the answer repeats.
    await answer({})
    expect(await enableDraftSwitch(c)).toBe(true)
    await answer({ is_open: '1' })
    expect(await enableDraftSwitch(c)).toBe(true)
  })
})

describe('errcodes of the reads', () => {
  it.each([
    ['countDrafts', '/cgi-bin/draft/count', 48001, (c: WxContext) => countDrafts(c)],
    ['batchGetDrafts', '/cgi-bin/draft/batchget', 45009, (c: WxContext) => batchGetDrafts(c)],
    ['batchGetPublished', '/cgi-bin/freepublish/batchget', 45009, (c: WxContext) => batchGetPublished(c)],
    ['enableDraftSwitch', '/cgi-bin/draft/switch', 48001, (c: WxContext) => enableDraftSwitch(c)],
  ] as const)('%s surfaces %s %i', async (_, path, code, call) => {
    const { fake, ctx } = await useFake()
    await fake.failNext(code, 1, path)
    await rejects(call(ctx()), 'wx/api', code)
  })
})

describe('publishing', () => {
  it("a draft's media_id goes to followers through massSendNews (@wx/mass)", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { media_id } = await addDraft(c, [news(await cover(c))])
    const { msg_data_id } = await massSendNews(c, media_id, 'all')
    expect(msg_data_id).toMatch(/^\d+$/)
    expect((await fake.deliveries()).map((d) => [d.path, (d.payload as any).mpnews])).toEqual([['/cgi-bin/message/mass/sendall', { media_id }]])
  })

  it('publishDraft consumes the draft; the job is publishing, then published', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.setData('draftConfig', { publishDelayMs: 300 })
    const { media_id } = await addDraft(c, [news(await cover(c))])
    const { publish_id } = await publishDraft(c, media_id)
    expect(await countDrafts(c)).toEqual({ total_count: 0 })
    await rejects(publishDraft(c, media_id), 'wx/api', 40007)
    expect(await getPublishStatus(c, publish_id)).toMatchObject({ publish_id, publish_status: 1, fail_idx: [] })
    await new Promise((r) => setTimeout(r, 350))
    const done = await getPublishStatus(c, publish_id)
    expect(done).toMatchObject({ publish_status: 0, article_id: expect.any(String), article_detail: { count: 1 } })
    await rejects(getPublishStatus(c, '999999'), 'wx/api', 40007)
  })

  it('getPublishedArticle, batchGetPublished and deletePublished (one article, then all)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { article_id, publish_id } = await published(fake, c)
    expect((await getPublishedArticle(c, article_id)).news_item.map((a) => a.title)).toEqual(['One', 'Two'])
    const page = await batchGetPublished(c, { noContent: true })
    expect(page).toMatchObject({ total_count: 1, item_count: 1, item: [{ article_id }] })
    await deletePublished(c, article_id, { index: 2 })
    expect((await getPublishedArticle(c, article_id)).news_item.map((a) => a.is_deleted)).toEqual([false, true])
    await deletePublished(c, article_id)
    expect((await getPublishStatus(c, publish_id)).publish_status).toBe(5)
    expect((await batchGetPublished(c)).total_count).toBe(0)
    expect((await fake.requests()).filter((r) => r.path === '/cgi-bin/freepublish/delete').map((r) => r.body)).toEqual([
      { article_id, index: 2 },
      { article_id },
    ])
    await rejects(getPublishedArticle(c, 'ART_unknown'), 'wx/api', 53600)
    await rejects(deletePublished(c, 'ART_unknown'), 'wx/api', 53600)
  })

  it('publishDraft is a send: a 53503 answer is thrown, an ambiguous failure is not resent', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { media_id } = await addDraft(c, [news(await cover(c))])
    await fake.failNext(53503, 1, '/cgi-bin/freepublish/submit')
    await rejects(publishDraft(c, media_id), 'wx/api', 53503)
    await fake.failNext('http500', 1, '/cgi-bin/freepublish/submit')
    await rejects(publishDraft(c, media_id), 'wx/outcome-unknown')
    expect((await fake.stats()).calls['/cgi-bin/freepublish/submit']).toBe(2)
  })

  it('reject bad ids before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, publishDraft(c, ''), 'media_id')
    await rejectedLocally(fake, getPublishStatus(c, 'abc'), 'publish_id')
    await rejectedLocally(fake, getPublishedArticle(c, 'x/y'), 'article_id')
    await rejectedLocally(fake, deletePublished(c, 'ART_1', { index: 9 }), 'index')
  })
})

describe('comments', () => {
  it('open, close, list (by type), feature, delete, reply and delete the reply', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { msg_data_id } = await published(fake, c)
    const target = { msg_data_id, index: 1 }
    await openComment(c, target)
    await closeComment(c, target)
    await openComment(c, target)
    const a = await readerComments(fake, msg_data_id, 1, 'o_a', 'first')
    const b = await readerComments(fake, msg_data_id, 1, 'o_b', 'second')
    await markElectComment(c, { ...target, user_comment_id: a })
    expect((await listComments(c, target, { type: 2 })).comment.map((x) => x.content)).toEqual(['first'])
    expect((await listComments(c, target, { type: 1 })).comment.map((x) => x.content)).toEqual(['second'])
    await unmarkElectComment(c, { ...target, user_comment_id: a })
    expect((await listComments(c, target, { type: 2 })).total).toBe(0)
    await replyComment(c, { ...target, user_comment_id: b }, 'thanks')
    await rejects(replyComment(c, { ...target, user_comment_id: b }, 'again'), 'wx/api', 88005)
    await deleteCommentReply(c, { ...target, user_comment_id: b })
    await rejects(deleteCommentReply(c, { ...target, user_comment_id: b }), 'wx/api', 88009)
    await deleteComment(c, { ...target, user_comment_id: a })
    expect((await listComments(c, target, { begin: 0, count: 10 })).comment.map((x) => x.user_comment_id)).toEqual([b])
    // Numbers as strings are sent as numbers; a missing index is left out.
    await listComments(c, { msg_data_id: String(msg_data_id) })
    const last = (await fake.requests()).at(-1)!
    expect(last.body).toEqual({ msg_data_id: Number(msg_data_id), begin: 0, count: 50, type: 0 })
    expect((await fake.deliveries()).map((d) => d.to)).toEqual(['o_b'])
  })

  it('answer 88001 for an unknown article and 88008 for an unknown comment', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { msg_data_id } = await published(fake, c)
    await rejects(openComment(c, { msg_data_id: 1, index: 0 }), 'wx/api', 88001)
    await rejects(closeComment(c, { msg_data_id, index: 5 }), 'wx/api', 88001)
    await rejects(listComments(c, { msg_data_id: 1 }), 'wx/api', 88001)
    for (const f of [markElectComment, unmarkElectComment, deleteComment, deleteCommentReply])
      await rejects(f(c, { msg_data_id, user_comment_id: 42 }), 'wx/api', 88008)
    await rejects(replyComment(c, { msg_data_id, user_comment_id: 42 }, 'hi'), 'wx/api', 88008)
  })

  it('msg_data_id as publishDraft hands it out: a string of digits (64-bit ids too), sent as an exact JSON number', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { msg_data_id } = await published(fake, c)
    // A string of a 10-digit id reaches WeChat as a number (the fake refuses a JSON string: 47001).
    await openComment(c, { msg_data_id: String(msg_data_id), index: 1 })
    expect(await readerComments(fake, msg_data_id, 1, 'o_a', 'first')).toBe(1)
    expect((await listComments(c, { msg_data_id: String(msg_data_id), index: 1 })).total).toBe(1)
    // A 64-bit id stays exact (as a JS number it would round to ...800 and miss the thread: 88001).
    const big = '2247483652123456789'
    const { draft } = await fake.data()
    draft.comments[`${big}:0`] = { open: true, seq: 0, list: [] }
    await fake.setData('draft', draft)
    expect(await readerComments(fake, big, 0, 'o_b', 'second')).toBe(1)
    const got = await listComments(c, { msg_data_id: big })
    expect(got.comment.map((x) => x.content)).toEqual(['second'])
    await replyComment(c, { msg_data_id: `00${big}`, user_comment_id: 1 }, 'thanks')
    await rejects(openComment(c, { msg_data_id: '123456789012345678901' }), 'wx/validation')
  })

  it('reject bad keys, pages and replies before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, openComment(c, { msg_data_id: 'abc' }), 'msg_data_id')
    await rejectedLocally(fake, closeComment(c, { msg_data_id: 1, index: 8 }), 'index')
    await rejectedLocally(fake, listComments(c, { msg_data_id: 1 }, { count: 51 }), 'count')
    await rejectedLocally(fake, listComments(c, { msg_data_id: 1 }, { type: 3 as 0 }), 'type')
    await rejectedLocally(fake, markElectComment(c, { msg_data_id: 1, user_comment_id: -1 }), 'user_comment_id')
    await rejectedLocally(fake, unmarkElectComment(c, { msg_data_id: 1 } as any), 'user_comment_id')
    await rejectedLocally(fake, deleteComment(c, { msg_data_id: 1.5, user_comment_id: 1 }), 'msg_data_id')
    await rejectedLocally(fake, deleteCommentReply(c, { msg_data_id: 0, user_comment_id: 1 }), 'msg_data_id')
    await rejectedLocally(fake, replyComment(c, { msg_data_id: 1, user_comment_id: 1 }, ''), 'content')
    await rejectedLocally(fake, replyComment(c, { msg_data_id: 1, user_comment_id: 1 }, 'x'.repeat(1001)), 'content')
  })
})

describe('null option fields', () => {
  it('are "not set": each call sends what it sends with the fields left out', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const N = null as never
    const calls: [(o?: any) => Promise<unknown>, object][] = [
      [(o) => listComments(c, { msg_data_id: 1 }, o), { begin: N, count: N, type: N }],
      [(o) => deletePublished(c, 'ART_unknown', o), { index: N }],
      [(o) => openComment(c, { msg_data_id: 1, ...o }), { index: N }],
    ]
    for (const [call, nulls] of calls) {
      // Both answer an errcode (no such article), after the request.
      await call(nulls).catch(() => {})
      await call().catch(() => {})
    }
    const bodies = (await fake.requests()).map((r) => r.body)
    expect(bodies).toHaveLength(6)
    for (let i = 0; i < 6; i += 2) expect(bodies[i]).toEqual(bodies[i + 1])
  })
})
