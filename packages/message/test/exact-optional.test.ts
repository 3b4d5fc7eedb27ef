// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options and inputs built from values that
// may be undefined, and `null` options, compile; run against the fake, the undefined fields are not sent.
import { sendMusic, sendNews, sendText, sendVideo } from '@wx/message'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { kf?: string | undefined; text?: string | undefined } = {}

it('option and input fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  await sendText(c, 'o_user', 'hi', { kfAccount: cfg.kf })
  await sendText(c, 'o_user', 'hi', null)
  await sendNews(c, 'o_user', [{ title: 't', url: 'https://example.com', description: cfg.text, picurl: cfg.text }], null)
  await sendVideo(c, 'o_user', { mediaId: 'V1', thumbMediaId: cfg.text, title: cfg.text, description: cfg.text }, null)
  await sendVideo(c, 'o_user', 'V1', 'T1', null)
  await sendMusic(c, 'o_user', { musicurl: 'https://example.com/a.mp3', thumb_media_id: 'T1', title: cfg.text, hqmusicurl: cfg.text }, { kfAccount: cfg.kf })
  expect((await fake.requests()).map((r) => r.body)).toEqual([
    { touser: 'o_user', msgtype: 'text', text: { content: 'hi' } },
    { touser: 'o_user', msgtype: 'text', text: { content: 'hi' } },
    { touser: 'o_user', msgtype: 'news', news: { articles: [{ title: 't', url: 'https://example.com' }] } },
    { touser: 'o_user', msgtype: 'video', video: { media_id: 'V1' } },
    { touser: 'o_user', msgtype: 'video', video: { media_id: 'V1', thumb_media_id: 'T1' } },
    { touser: 'o_user', msgtype: 'music', music: { musicurl: 'https://example.com/a.mp3', thumb_media_id: 'T1' } },
  ])
})
