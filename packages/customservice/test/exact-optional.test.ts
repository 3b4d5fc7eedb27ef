// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): queries built from values that may be
// undefined, and `null` options, compile; run against the fake, the undefined fields are not sent.
import { addKfAccount, getCustomServiceList, getRecords, uploadKfHeadImg } from '@wx/customservice'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { n?: number | undefined; text?: string | undefined } = {}

it('query fields set to undefined are absent (or their default); null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const start = 1_700_000_000
  await getRecords(c, { starttime: start, endtime: start + 3600, msgid: cfg.n, number: cfg.n }, null)
  await getRecords(c, { starttime: start, endtime: start + 3600, openid: cfg.text, pagesize: 10, pageindex: 1 }, null)
  await addKfAccount(c, 'alice@gh_test', 'Alice', null)
  const jpg = new Uint8Array(2000)
  jpg.set([0xff, 0xd8, 0xff, 0xe0])
  await uploadKfHeadImg(c, 'alice@gh_test', { data: jpg, filename: cfg.text }, null)
  await getCustomServiceList(c, null)
  const bodies = (await fake.requests()).map((r) => r.body)
  expect(bodies.slice(0, 2)).toEqual([
    { starttime: start, endtime: start + 3600, msgid: 1, number: 10000 },
    { starttime: start, endtime: start + 3600, pagesize: 10, pageindex: 1 },
  ])
})
