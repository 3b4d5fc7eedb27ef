// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options and settings built from values
// that may be undefined, and `null` options, compile; at runtime an undefined field is absent (its default,
// or for `set()` unchanged).
import { createContext } from '@wx/core'
import { sendText } from '@wx/message'
import { buildPushRequest, createFakeWeChat, createFakeWeChatHandler, readPushReply, runDedupeStoreContract, runTokenStoreContract, signPush, type DedupeStoreUnderTest } from '@wx/testing'
import { connectFakeWeChat } from '@wx/testing/fetch'
import { expect, inject, it } from 'vitest'

/** A user's own config: every value may be missing. */
const cfg: { n?: number | undefined; text?: string | undefined; yes?: boolean | undefined } = {}

it('option and setting fields set to undefined are absent; null options are none', async () => {
  const fake = await createFakeWeChat({ port: cfg.n, latency: cfg.n, tokenTtl: cfg.n, rejectIp: cfg.text, push: undefined, routes: undefined, extraRoutes: undefined, keepProcessAlive: cfg.yes })
  try {
    fake.set({ latency: 5 })
    fake.set({ latency: cfg.n, rejectIp: cfg.text, push: undefined })
    expect(fake.state.latency).toBe(5)
    fake.failNext({ body: '{"errcode":0}', status: cfg.n, headers: undefined })
    fake.setData('massConfig', { dedupeWindowMs: cfg.n })
    const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })
    await sendText(ctx, 'o_user', 'hi')
    expect(fake.authorize({ scope: 'snsapi_base', openid: cfg.text })).toMatch(/\w/)
  } finally {
    await fake.close()
  }
  const remote = await connectFakeWeChat(inject('fakeUrl'), { appid: cfg.text, secret: cfg.text, latency: cfg.n })
  expect(remote.appid).toBe('wx_fake_appid')
  createFakeWeChatHandler({ latency: cfg.n, extraRoutes: undefined }, null).close()

  const req = await buildPushRequest({ token: 't', message: { MsgType: 'text', Content: 'hi' }, url: cfg.text, appid: cfg.text, encodingAESKey: cfg.text, mode: undefined, format: undefined, timestamp: cfg.text, nonce: cfg.text, random: cfg.text })
  expect(new URL(req.url).searchParams.has('encrypt_type')).toBe(false)
  expect(await signPush({ token: 't', timestamp: '1', nonce: '2', encrypt: cfg.text })).not.toHaveProperty('msg_signature')
  expect(await readPushReply('success', { token: 't', encodingAESKey: cfg.text, appid: cfg.text })).toBe('success')
  // A runner that registers nothing: only the options' types are checked here.
  const none = { describe: () => {}, it: () => {}, expect: () => ({ toBe: () => {}, toEqual: () => {} }) }
  runTokenStoreContract(none, 'x', () => ({ get: async () => null, set: async () => {} }), { requireLock: cfg.yes, shortLeaseMs: cfg.n, timeout: cfg.n, writeForeign: undefined })
  runDedupeStoreContract(none, 'x', () => ({}) as DedupeStoreUnderTest, { requireLease: cfg.yes, shortSeconds: cfg.n, timeout: cfg.n })
})
