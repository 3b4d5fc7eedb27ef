// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options and inputs built from values that
// may be undefined, and `null` options, compile; run against the fake, the undefined fields are not sent.
import { addTemplate, getAllPrivateTemplate, getPubTemplateTitles, getSubscribeAuthorizeURL, sendSubscribeOnce, sendTemplate } from '@wx/template'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { text?: string | undefined; n?: number | undefined; names?: string[] | undefined } = {}

it('option and input fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const { template_id } = await addTemplate(c, 'TM00015', { keywordNames: cfg.names })
  const data = { first: { value: 'Paid', color: cfg.text } }
  await sendTemplate(c, 'oUser', { template_id, data, url: cfg.text, miniprogram: { appid: 'wx0123456789abcdef', pagepath: cfg.text }, client_msg_id: cfg.text }, null)
  await sendSubscribeOnce(c, 'oUser', { template_id: 'once_tpl_1', scene: 1, title: 'T', data: { content: { value: 'v', color: cfg.text } }, url: cfg.text, miniprogram: undefined }, null)
  await getPubTemplateTitles(c, [616], { start: cfg.n, limit: cfg.n })
  await getAllPrivateTemplate(c, null)
  const reqs = await fake.requests()
  expect(reqs.map((r) => r.body)).toEqual([
    { template_id_short: 'TM00015' },
    { touser: 'oUser', template_id, data: { first: { value: 'Paid' } }, miniprogram: { appid: 'wx0123456789abcdef' } },
    { touser: 'oUser', template_id: 'once_tpl_1', scene: '1', title: 'T', data: { content: { value: 'v' } } },
    undefined,
    undefined,
  ])
  expect(reqs[3]!.query).toMatchObject({ ids: '616', start: '0', limit: '30' })
  expect(getSubscribeAuthorizeURL({ appid: 'wx1' }, { template_id: 'T', scene: 1, redirect_url: 'https://a.example', reserved: cfg.text })).not.toContain('reserved')
})
