// examples/worker: bundled with its documented build (node build.mjs: esbuild, the built @wx/*), then run
// in workerd through miniflare on 127.0.0.1 against the fake WeChat: a text push is answered `success` at
// once and its answer delivered afterwards under ctx.waitUntil; POST /send answers 202 and delivers under
// ctx.waitUntil; a forged push is refused and a bad /send body sends nothing.
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { Miniflare } from 'miniflare'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = join(root, 'examples/worker')
const keys = { token: 'exampletoken', appid: '', encodingAESKey: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' }

/** Waits until `cond()` holds (background work under waitUntil finishes after the response). */
async function until(cond: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms
  while (!cond()) {
    if (Date.now() > end) throw new Error(`condition not met within ${ms} ms`)
    await new Promise((r) => setTimeout(r, 20))
  }
}

describe('examples/worker', () => {
  let fake: FakeWeChat
  let mf: Miniflare
  beforeAll(async () => {
    for (const p of ['core', 'message', 'server']) {
      if (!existsSync(join(root, 'packages', p, 'dist/index.js'))) throw new Error('build first: pnpm build (the bundle is made from the built packages)')
    }
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.build).toBe('node build.mjs')
    await promisify(execFile)(process.execPath, ['build.mjs'], { cwd: dir, timeout: 30_000 })
    const script = readFileSync(join(dir, 'dist/worker.js'), 'utf8')
    expect(script).not.toMatch(/from\s*["']node:/)
    fake = await createFakeWeChat()
    keys.appid = fake.appid
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: '2025-01-01',
      host: '127.0.0.1',
      bindings: { WX_APPID: fake.appid, WX_SECRET: fake.secret, WX_TOKEN: keys.token, WX_AES_KEY: keys.encodingAESKey, WX_BASE_URL: fake.url },
    })
    await mf.ready
  }, 30_000)
  afterAll(async () => {
    await mf?.dispose()
    await fake?.close()
  })

  it('answers a text push at once and delivers the answer under ctx.waitUntil; a forged push is refused', async () => {
    const req = await buildPushRequest({ ...keys, url: 'http://127.0.0.1/wechat', message: { MsgType: 'text', Content: 'hello worker', FromUserName: 'o_worker' } })
    const body = await req.text()
    const res = await mf.dispatchFetch(req.url, { method: 'POST', body })
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('success')
    await until(() => fake.deliveries.length === 1)
    expect(fake.deliveries[0]).toMatchObject({ to: 'o_worker' })
    expect(JSON.stringify(fake.deliveries[0]!.payload)).toContain('You said: hello worker')

    const forged = await mf.dispatchFetch(req.url.replace(/msg_signature=\w+/, `msg_signature=${'0'.repeat(40)}`), { method: 'POST', body })
    expect(forged.status).toBe(400)
    await forged.text()
    // the subscribe event is answered in the response itself (encrypted)
    const sub = await buildPushRequest({ ...keys, url: 'http://127.0.0.1/wechat', message: { MsgType: 'event', Event: 'subscribe', FromUserName: 'o_worker' } })
    const subRes = await mf.dispatchFetch(sub.url, { method: 'POST', body: await sub.text() })
    expect(await readPushReply(await subRes.text(), keys)).toContain('<Content><![CDATA[Welcome!]]></Content>')
    expect(fake.deliveries).toHaveLength(1)
  })

  it('POST /send answers 202 and sends under ctx.waitUntil with the cached token; a bad body sends nothing', async () => {
    fake.reset(true)
    const send = (b: unknown) => mf.dispatchFetch('http://127.0.0.1/send', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(b) })
    const res = await send({ openid: 'o_worker', text: 'Hello from a Worker' })
    expect(res.status).toBe(202)
    await res.text()
    await until(() => fake.deliveries.length === 1)
    expect(JSON.stringify(fake.deliveries[0]!.payload)).toContain('Hello from a Worker')
    expect(fake.stats().tokenRequests).toBe(0) // the token of the first test, cached in the isolate

    const bad = await send({ openid: 'o_worker', text: '' })
    expect(bad.status).toBe(400)
    await bad.text()
    await new Promise((r) => setTimeout(r, 100))
    expect(fake.deliveries).toHaveLength(1)
  })
})
