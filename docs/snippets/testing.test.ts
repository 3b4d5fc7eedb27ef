// The code of docs/testing.md (typechecked; see test/docs/guides.test.ts).
import { createContext, isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { createPushHandler } from '@wx/server'
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// Your code under test: takes a context, so tests pass one pointed at the fake.
async function notify(ctx: ReturnType<typeof createContext>, openid: string) {
  try {
    await sendText(ctx, openid, 'Your order shipped')
    return 'sent'
  } catch (e) {
    if (isWxError(e, 45015)) return 'window closed'
    throw e
  }
}

describe('notify', () => {
  let fake: FakeWeChat
  beforeAll(async () => {
    fake = await createFakeWeChat()
  })
  afterAll(() => fake.close())
  const ctx = () => createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })

  it('sends once', async () => {
    fake.reset()
    expect(await notify(ctx(), 'o_user')).toBe('sent')
    expect(fake.stats().deliveries).toBe(1)
    expect(fake.stats().tokenRequests).toBe(1)
  })

  it('reports a closed window', async () => {
    expect(await notify(ctx(), 'o_window_closed')).toBe('window closed') // a special openid: 45015
  })

  it('refreshes a token WeChat rejects', async () => {
    fake.reset()
    const c = ctx()
    await notify(c, 'o_user')
    fake.revokeTokens() // every token issued so far answers 40001
    expect(await notify(c, 'o_user')).toBe('sent') // refreshed once, repeated once
    expect(fake.stats().tokenRequests).toBe(2)
    expect(fake.stats().deliveries).toBe(2)
  })

  it('never resends a send WeChat may have acted on', async () => {
    fake.reset()
    fake.failNext(-1) // the next API call answers errcode -1 (system busy)
    await expect(notify(ctx(), 'o_user')).rejects.toMatchObject({ code: 'wx/outcome-unknown', errcode: -1 })
    expect(fake.stats().calls['/cgi-bin/message/custom/send']).toBe(1)
  })
})

describe('push handler', () => {
  const cfg = { token: 'token123', appid: 'wx1234567890abcdef', encodingAESKey: 'a'.repeat(43) }
  const handler = createPushHandler({ ...cfg, onMessage: (m) => (m.type === 'text' ? `echo: ${m.Content}` : undefined) })

  it('answers an encrypted text', async () => {
    const req = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'hi' } })
    const xml = await readPushReply(await handler(req), cfg)
    expect(xml).toContain('echo: hi')
  })
})
