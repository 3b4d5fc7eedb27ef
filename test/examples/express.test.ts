// examples/express: started with its documented command (node server.mjs, its own process, the built
// @wx/* through workspace links) against the fake WeChat on 127.0.0.1: an encrypted push is answered
// through Express, and POST /send delivers one text with one token request.
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Started, startExample } from './_start.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = join(root, 'examples/express')
const keys = { token: 'exampletoken', appid: '', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' }

describe('examples/express', () => {
  let fake: FakeWeChat
  let app: Started
  beforeAll(async () => {
    for (const p of ['core', 'message', 'server']) {
      if (!existsSync(join(root, 'packages', p, 'dist/index.js'))) throw new Error('build first: pnpm build (the example runs on the built packages)')
    }
    fake = await createFakeWeChat()
    keys.appid = fake.appid
    const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    expect(scripts.start).toBe('node server.mjs')
    app = await startExample(dir, ['server.mjs'], {
      WX_APPID: fake.appid,
      WX_SECRET: fake.secret,
      WX_TOKEN: keys.token,
      WX_AES_KEY: keys.encodingAESKey,
      WX_BASE_URL: fake.url,
      PORT: '0',
    }, /express on (http:\/\/127\.0\.0\.1:\d+)/)
  }, 20_000)
  afterAll(async () => {
    await app?.stop()
    await fake?.close()
  })

  it('answers an encrypted text push on /wechat and refuses a forged one', async () => {
    const req = await buildPushRequest({ ...keys, url: `${app.url}/wechat`, message: { MsgType: 'text', Content: 'hello express', FromUserName: 'o_express' } })
    const body = await req.text()
    const res = await fetch(req.url, { method: 'POST', body })
    expect(res.status).toBe(200)
    const xml = await readPushReply(res, keys)
    expect(xml).toContain('<Content><![CDATA[You said: hello express]]></Content>')
    expect(xml).toContain('<ToUserName><![CDATA[o_express]]></ToUserName>')
    const forged = await fetch(req.url.replace(/msg_signature=\w+/, `msg_signature=${'0'.repeat(40)}`), { method: 'POST', body })
    expect(forged.status).toBe(400)
  })

  it('POST /send delivers one text through the fake WeChat, and a bad body sends nothing', async () => {
    const send = (body: unknown) => fetch(`${app.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
    const res = await send({ openid: 'o_express', text: 'Hello from Express' })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ ok: true })
    expect(fake.deliveries).toHaveLength(1)
    expect(fake.deliveries[0]).toMatchObject({ to: 'o_express' })
    expect(JSON.stringify(fake.deliveries[0]!.payload)).toContain('Hello from Express')
    expect(fake.stats().tokenRequests).toBe(1)

    expect((await send({ openid: 'o_express' })).status).toBe(400)
    const empty = await send({ openid: 'o_express', text: '' })
    expect(empty.status).toBe(400)
    expect((await empty.json()).error).toBe('wx/validation')
    expect(fake.deliveries).toHaveLength(1)
    expect(app.output()).not.toContain(fake.secret)
  })
})
