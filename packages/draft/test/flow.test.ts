// The whole publishing flow, end to end over HTTP: draft -> publish -> status -> article -> comments,
// with the fake WeChat pushing PUBLISHJOBFINISH to a real @wx/server handler.
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { addDraft, getPublishStatus, getPublishedArticle, listComments, openComment, publishDraft, replyComment, type PublishStatus } from '@wx/draft'
import { createPushHandler, type PublishJobFinishEvent, type PushMessage } from '@wx/server'
import { toNodeListener } from '@wx/server/node'
import { afterEach, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { cover, readerComments } from './_util.ts'

const token = 'pushtoken123'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const closers: (() => Promise<void>)[] = []
afterEach(async () => {
  for (const c of closers.splice(0)) await c()
})

/** A @wx/server push handler on 127.0.0.1 that records every push. */
async function pushServer(appid: string) {
  const seen: PushMessage[] = []
  const errors: unknown[] = []
  const handler = createPushHandler({ token, appid, encodingAESKey, onMessage: (m) => void seen.push(m), onError: (e) => void errors.push(e) })
  const server = createServer(toNodeListener(handler))
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r))
  closers.push(() => new Promise((r) => server.close(() => r())))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/wechat`, seen, errors }
}

const until = async <T>(f: () => Promise<T>, done: (x: T) => boolean, ms = 5000): Promise<T> => {
  const end = Date.now() + ms
  for (;;) {
    const x = await f()
    if (done(x) || Date.now() > end) return x
    await new Promise((r) => setTimeout(r, 25))
  }
}

describe('publishing flow', () => {
  it('addDraft -> publishDraft -> getPublishStatus -> getPublishedArticle -> openComment -> listComments -> replyComment, with the PUBLISHJOBFINISH push', async () => {
    const appid = 'wx_flow_appid'
    const push = await pushServer(appid)
    const { fake, ctx } = await useFake({ appid, push: { url: push.url, token, encodingAESKey } })
    const c = ctx()

    const { media_id } = await addDraft(c, [
      { title: 'Launch day', author: 'Team', thumb_media_id: await cover(c), content: '<p>We shipped.</p>' },
      { article_type: 'newspic', title: 'Photos', content: 'The party', image_info: { image_list: [{ image_media_id: await cover(c) }] } },
    ])
    const { publish_id, msg_data_id } = await publishDraft(c, media_id)
    expect(publish_id).toMatch(/^\d+$/)
    expect(msg_data_id).toMatch(/^\d+$/)

    const status: PublishStatus = await until(() => getPublishStatus(c, publish_id), (s) => s.publish_status !== 1)
    expect(status).toMatchObject({ publish_id, publish_status: 0, fail_idx: [] })
    expect(status.article_detail?.item).toHaveLength(2)

    const { news_item } = await getPublishedArticle(c, status.article_id!)
    expect(news_item.map((a) => [a.title, a.is_deleted])).toEqual([['Launch day', false], ['Photos', false]])
    expect(news_item[0]!.url).toBe(status.article_detail!.item[0]!.article_url)

    await openComment(c, { msg_data_id, index: 0 })
    const id = await readerComments(fake, msg_data_id, 0, 'o_reader', 'Congrats!')
    const { total, comment } = await listComments(c, { msg_data_id, index: 0 })
    expect(total).toBe(1)
    expect(comment[0]).toMatchObject({ user_comment_id: id, openid: 'o_reader', content: 'Congrats!', comment_type: 0 })
    await replyComment(c, { msg_data_id, index: 0, user_comment_id: id }, 'Thank you!')
    expect((await listComments(c, { msg_data_id })).comment[0]!.reply).toMatchObject({ content: 'Thank you!' })

    // The push reached @wx/server (encrypted, signed) as a typed PUBLISHJOBFINISH message.
    const seen = await until(async () => push.seen, (s) => s.length > 0)
    expect(push.errors).toEqual([])
    expect(seen.map((m) => m.type)).toEqual(['PUBLISHJOBFINISH'])
    const m = seen[0]!
    if (m.type !== 'PUBLISHJOBFINISH') throw new Error('not narrowed')
    const info: PublishJobFinishEvent['PublishEventInfo'] = m.PublishEventInfo
    expect(info).toMatchObject({ publish_id, publish_status: '0', article_id: status.article_id })
    expect(info.article_detail?.count).toBe('2')
    expect(info.article_detail?.item).toEqual([
      { idx: '1', article_url: status.article_detail!.item[0]!.article_url },
      { idx: '2', article_url: status.article_detail!.item[1]!.article_url },
    ])
    expect((await fake.pushes()).map((p) => [p.event, p.status])).toEqual([['PUBLISHJOBFINISH', 200]])
  })

  it('a failed publish job pushes its status and fail_idx', async () => {
    const appid = 'wx_flow_appid2'
    const push = await pushServer(appid)
    const { ctx } = await useFake({ appid, push: { url: push.url, token, encodingAESKey } })
    const c = ctx()
    const thumb = await cover(c)
    const { media_id } = await addDraft(c, [
      { title: 'Fine', thumb_media_id: thumb, content: '<p>ok</p>' },
      { title: 'Rejected', thumb_media_id: thumb, content: '<p>FAKE_PUBLISH_FAIL</p>' },
    ])
    const { publish_id } = await publishDraft(c, media_id)
    const seen = await until(async () => push.seen, (s) => s.length > 0)
    expect(seen[0]).toMatchObject({ type: 'PUBLISHJOBFINISH', PublishEventInfo: { publish_id, publish_status: '4', fail_idx: '2' } })
    expect(await getPublishStatus(c, publish_id)).toMatchObject({ publish_status: 4, fail_idx: [2] })
  })
})
