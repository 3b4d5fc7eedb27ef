// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options built from values that may be
// undefined, and `null` options, compile; run against the fake, the undefined fields are not sent.
import { batchGetUsers, getTags, getUser, iterateFollowers, type UserLang } from '@wx/user'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { lang?: UserLang | undefined; from?: string | undefined } = {}

it('option fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  await getUser(c, 'o_user', { lang: cfg.lang })
  await batchGetUsers(c, ['o_user'], { lang: cfg.lang })
  const seen: string[] = []
  for await (const o of iterateFollowers(c, { nextOpenid: cfg.from })) seen.push(o)
  for await (const o of iterateFollowers(c, null)) seen.push(o)
  expect(seen).toHaveLength(6)
  await getTags(c, null)
  const reqs = await fake.requests()
  expect(reqs[0]!.query).toMatchObject({ openid: 'o_user', lang: 'zh_CN' })
  expect(reqs[1]!.body).toEqual({ user_list: [{ openid: 'o_user', lang: 'zh_CN' }] })
  expect(reqs[2]!.query).not.toHaveProperty('next_openid')
})
