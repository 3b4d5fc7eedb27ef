// The test shared by the web-framework examples (express, hono): started with its documented command
// (node server.mjs, its own process, the built @wx/* through workspace links) against the fake WeChat on
// 127.0.0.1, an encrypted push is answered on /wechat, a forged one refused, and POST /send delivers one
// text with one token request (a bad body sends nothing).
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type Started, startExample } from './_start.ts'

export const root = fileURLToPath(new URL('../../', import.meta.url))

/** Defines the tests of `examples/<name>`, whose server prints a line matching `ready` (group 1: its origin). */
export function describePushAndSend(name: string, ready: RegExp): void {
  const dir = join(root, 'examples', name)
  const keys = { token: 'exampletoken', appid: '', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' }
  const user = `o_${name}`

  describe(`examples/${name}`, () => {
    let fake: FakeWeChat
    let app: Started
    beforeAll(async () => {
      for (const p of ['core', 'message', 'server']) {
        if (!existsSync(join(root, 'packages', p, 'dist/index.js'))) throw new Error('build first: pnpm build (the example runs on the built packages)')
      }
      const { scripts } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
      expect(scripts.start).toBe('node server.mjs')
      expect(readFileSync(join(dir, 'README.md'), 'utf8')).toContain('pnpm start')
      fake = await createFakeWeChat()
      keys.appid = fake.appid
      app = await startExample(
        dir,
        ['server.mjs'],
        { WX_APPID: fake.appid, WX_SECRET: fake.secret, WX_TOKEN: keys.token, WX_AES_KEY: keys.encodingAESKey, WX_BASE_URL: fake.url, PORT: '0' },
        ready,
      )
    }, 20_000)
    afterAll(async () => {
      await app?.stop()
      await fake?.close()
    })

    it('answers an encrypted text push on /wechat and refuses a forged one', async () => {
      const req = await buildPushRequest({ ...keys, url: `${app.url}/wechat`, message: { MsgType: 'text', Content: `hello ${name}`, FromUserName: user } })
      const body = await req.text()
      const res = await fetch(req.url, { method: 'POST', body })
      expect(res.status).toBe(200)
      const xml = await readPushReply(res, keys)
      expect(xml).toContain(`<Content><![CDATA[You said: hello ${name}]]></Content>`)
      expect(xml).toContain(`<ToUserName><![CDATA[${user}]]></ToUserName>`)
      const forged = await fetch(req.url.replace(/msg_signature=\w+/, `msg_signature=${'0'.repeat(40)}`), { method: 'POST', body })
      expect(forged.status).toBe(400)
    })

    it('POST /send delivers one text through the fake WeChat, and a bad body sends nothing', async () => {
      const send = (body: unknown) => fetch(`${app.url}/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
      const res = await send({ openid: user, text: `Hello from ${name}` })
      expect(res.status).toBe(200)
      expect(await res.json()).toEqual({ ok: true })
      expect(fake.deliveries).toHaveLength(1)
      expect(fake.deliveries[0]).toMatchObject({ to: user })
      expect(JSON.stringify(fake.deliveries[0]!.payload)).toContain(`Hello from ${name}`)
      expect(fake.stats().tokenRequests).toBe(1)

      expect((await send({ openid: user })).status).toBe(400)
      const empty = await send({ openid: user, text: '' })
      expect(empty.status).toBe(400)
      expect((await empty.json()).error).toBe('wx/validation')
      expect(fake.deliveries).toHaveLength(1)
      expect(app.output()).not.toContain(fake.secret)
    })
  })
}
