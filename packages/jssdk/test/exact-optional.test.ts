// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): params built from values that may be
// undefined, and `null` options, compile; run against the fake, the undefined fields are absent.
import { getCardExt, getJsConfig, getTicket } from '@wx/jssdk'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { text?: string | undefined; n?: number | undefined; debug?: boolean | undefined; tags?: string[] | undefined } = {}

it('param fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const page = 'https://example.com/shop'
  const config = await getJsConfig(c, { url: page, jsApiList: ['chooseImage'], openTagList: cfg.tags, debug: cfg.debug, rejected: undefined }, null)
  expect(config).not.toHaveProperty('openTagList')
  expect(config.debug).toBe(false)
  expect(await fake.checkJsConfig(page, config)).toEqual({ errMsg: 'config:ok' })
  const card = await getCardExt(c, { cardId: 'pCARD', code: cfg.text, openid: cfg.text, fixedBeginTimestamp: cfg.n, outerStr: cfg.text, balance: cfg.n }, null)
  expect(Object.keys(JSON.parse(card.cardExt)).sort()).toEqual(['code', 'nonce_str', 'openid', 'signature', 'timestamp'])
  expect(await getTicket(c, 'jsapi', null)).toEqual(expect.any(String))
})
