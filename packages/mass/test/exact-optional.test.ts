// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options and inputs built from values that
// may be undefined, and `null` options, compile; run against the fake, the undefined fields are not sent.
import { deleteMass, massSend, massSendImage, massSendText, previewCard, previewText } from '@wx/mass'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { key?: string | undefined; ms?: number | undefined; flag?: boolean | undefined; text?: string | undefined } = {}

it('option and input fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const a = await massSendText(c, 'hello', 'all', { clientmsgid: cfg.key, resendAfter: cfg.ms, sendIgnoreReprint: cfg.flag })
  await fake.reset(true)
  // The same derived key as without the options: nothing undefined went into it.
  expect((await massSendText(c, 'hello', 'all', null)).clientmsgid).toBe(a.clientmsgid)
  await massSendImage(c, 'IMG_1', { tagId: 2 }, { recommend: cfg.text, needOpenComment: cfg.flag, onlyFansCanComment: cfg.flag })
  await massSend(c, { msgtype: 'image', images: { media_ids: ['IMG_1'], recommend: cfg.text, need_open_comment: undefined } }, ['oA', 'oB'], null)
  await deleteMass(c, a.msg_id, { articleIdx: cfg.ms })
  await previewCard(c, 'o_user', 'pCARD', { cardExt: cfg.text })
  await previewText(c, 'o_user', 'hi', null)
  const bodies = (await fake.requests()).map((r) => r.body as Record<string, unknown>)
  expect(bodies[1]).toMatchObject({ msgtype: 'image', image: { media_id: 'IMG_1' } })
  expect(bodies[2]).toMatchObject({ msgtype: 'image', images: { media_ids: ['IMG_1'] } })
  expect(bodies[2]!.images).toEqual({ media_ids: ['IMG_1'] })
  expect(bodies[3]).toEqual({ msg_id: a.msg_id })
  expect(bodies[4]).toEqual({ touser: 'o_user', msgtype: 'wxcard', wxcard: { card_id: 'pCARD' } })
  expect(bodies).toHaveLength(6)
})
