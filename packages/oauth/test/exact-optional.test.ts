// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): params and options built from values
// that may be undefined, and `null` options, compile; run against the fake, the undefined fields are absent.
import { createState, getAuthorizeURL, getUserAccessToken, getUserInfo, verifyState } from '@wx/oauth'
import { expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const KEY = 'state-secret-of-at-least-32-bytes!!'

/** A user's own config: every value may be missing. */
const cfg: { n?: number | undefined; yes?: boolean | undefined; text?: string | undefined; lang?: 'en' | undefined } = {}

it('param and option fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const state = await createState(KEY, { ttl: cfg.n })
  expect(await verifyState(KEY, state, null)).toBe(true)
  const url = getAuthorizeURL({ appid: 'wx1', redirectUri: 'https://example.com/cb', scope: 'snsapi_base', state, forcePopup: cfg.yes, baseURL: cfg.text })
  expect(url).toBe(`https://open.weixin.qq.com/connect/oauth2/authorize?appid=wx1&redirect_uri=${encodeURIComponent('https://example.com/cb')}&response_type=code&scope=snsapi_base&state=${state}#wechat_redirect`)
  const user = await getUserAccessToken(c, await fake.authorize({ scope: 'snsapi_userinfo', openid: undefined }), null)
  await getUserInfo(c, user, { lang: cfg.lang })
  expect((await fake.requests()).at(-1)!.query).not.toHaveProperty('lang')
  // `bind` stays `bind?: string`: an undefined session id (a missing cookie) is refused on purpose.
  // @ts-expect-error bind: undefined is refused at runtime
  await rejects(createState(KEY, { bind: cfg.text }), 'wx/validation')
})
