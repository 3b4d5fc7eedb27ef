// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): articles and options built from values
// that may be undefined, and `null` options, compile; run against the fake, the undefined fields are absent.
import { addDraft, batchGetDrafts, countDrafts, listComments, openComment, publishDraft } from '@wx/draft'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { cover } from './_util.ts'

/** A user's own config: every value may be missing. */
const cfg: { text?: string | undefined; n?: number | undefined; flag?: 0 | 1 | undefined; yes?: boolean | undefined } = {}

it('article and option fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const thumb = await cover(c)
  const article = {
    article_type: undefined, title: 'One', thumb_media_id: thumb, content: '<p>Hi</p>', author: cfg.text, digest: cfg.text,
    content_source_url: cfg.text, need_open_comment: cfg.flag, pic_crop_1_1: cfg.text, product_info: { footer_product_info: { product_key: cfg.text } },
  }
  const { media_id } = await addDraft(c, [article], null)
  expect((await fake.requests()).at(-1)!.body).toEqual({
    articles: [{ title: 'One', thumb_media_id: thumb, content: '<p>Hi</p>', product_info: { footer_product_info: {} } }],
  })
  expect(await batchGetDrafts(c, { offset: cfg.n, count: cfg.n, noContent: cfg.yes }, null)).toMatchObject({ item_count: 1 })
  expect((await fake.requests()).at(-1)!.body).toEqual({ offset: 0, count: 20, no_content: 0 })
  expect(await countDrafts(c, null)).toEqual({ total_count: 1 })
  await fake.setData('draftConfig', { publishDelayMs: 20 })
  const { msg_data_id } = await publishDraft(c, media_id, null)
  await new Promise((r) => setTimeout(r, 40))
  await openComment(c, { msg_data_id, index: cfg.n }, null)
  await listComments(c, { msg_data_id, index: cfg.n }, { begin: cfg.n, count: cfg.n, type: undefined })
  expect((await fake.requests()).at(-1)!.body).toEqual({ msg_data_id: Number(msg_data_id), begin: 0, count: 50, type: 0 })
})
