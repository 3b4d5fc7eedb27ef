// Wrongly typed options and arguments: a typed WxError (wx/config for options, wx/validation at stage
// 'input' for call arguments), never a raw TypeError and never a protection silently switched off.
// On Node and in the edge runtime.
import { isWxError } from '@wx/core'
import {
  createPushHandler,
  createRouter,
  decryptMessage,
  encryptMessage,
  memoryDedupeStore,
  musicReply,
  newsReply,
  openPush,
  replyLater,
  sortedSha1,
  transferReply,
  videoReply,
  type PushHandlerOptions,
} from '@wx/server'
import { buildPushRequest } from '@wx/testing/fetch'
import { describe, expect, it } from 'vitest'

const token = 'argtoken123'
const appid = 'wx_arg_appid'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const cfg = { token, appid }

/** What `f` ends in: 'ok', a WxError's code (`/input` when at stage input), or 'RAW <name>'. */
async function outcome(f: () => unknown): Promise<string> {
  try {
    await f()
    return 'ok'
  } catch (e) {
    return isWxError(e) ? e.code + (e.stage ? `/${e.stage}` : '') : `RAW ${(e as Error)?.constructor?.name}`
  }
}

const push = (o: Record<string, unknown> = {}) => buildPushRequest({ token, appid, message: { MsgType: 'text', Content: 'hi', MsgId: '1' }, ...o })

/** A handler whose onMessage calls and onError reports are recorded. */
function setup(o: Record<string, unknown>) {
  const calls: unknown[] = []
  const errors: unknown[] = []
  const handler = createPushHandler({ ...cfg, onMessage: (m) => void calls.push(m), onError: (e) => errors.push(e), ...o } as PushHandlerOptions)
  return { handler, calls, errors }
}

describe('createPushHandler / openPush options', () => {
  it("allowPlaintext: 'false' (a string from an env var) is wx/config, not plaintext let through", async () => {
    for (const o of [{ allowPlaintext: 'false' }, { allowPlaintext: 0 }, { requireEncryption: 'true' }]) {
      expect(await outcome(() => setup({ encodingAESKey, ...o })), JSON.stringify(o)).toBe('wx/config')
      expect(await outcome(async () => openPush(await push(), { ...cfg, encodingAESKey, ...o } as never)), JSON.stringify(o)).toBe('wx/config')
    }
    expect(await outcome(() => setup({ encodingAESKey, allowPlaintext: false }))).toBe('ok')
  })

  it('dedupe/replay that are not false or a store with claim() are wx/config, not dedupe and replay silently off', async () => {
    for (const o of [{ dedupe: {} }, { replay: {} }, { replay: true }, { dedupe: 'redis' }, { dedupe: 0 }, { dedupe: { claim: () => true, release: 'x' } }])
      expect(await outcome(() => setup(o)), JSON.stringify(o)).toBe('wx/config')
    expect(await outcome(() => setup({ dedupe: false, replay: { claim: () => true } }))).toBe('ok')
  })

  it('null options are "not set", as everywhere in the SDK: the defaults (dedupe and replay in memory, plaintext refused)', async () => {
    const nulls = { onError: null, now: null, allowPlaintext: null, requireEncryption: null, dedupe: null, replay: null, maxBodyBytes: null, maxSkewSeconds: null, dedupeTtlSeconds: null, storeTimeoutMs: null, dedupeLeaseSeconds: null }
    const { handler, calls } = setup(nulls)
    const req = await push()
    expect((await handler(req.clone())).status).toBe(200)
    expect((await handler(req)).status).toBe(200) // WeChat's retry: deduplicated in memory
    expect(calls).toHaveLength(1)
    const { onError: _, ...pushNulls } = nulls
    expect(await outcome(async () => openPush(await push(), { ...cfg, ...pushNulls } as never))).toBe('ok')
    // allowPlaintext: null is not true: an encrypted handler still refuses plaintext.
    const enc = setup({ encodingAESKey, allowPlaintext: null })
    expect((await enc.handler(await push())).status).toBe(400)
    expect(enc.calls).toEqual([])
    // encodingAESKey: null is the one exception, refused at creation: a key missing from a config must not
    // start a safe-mode endpoint in plaintext mode (the signature would not cover the body).
    for (const o of [{ encodingAESKey: null }, { encodingAESKey: null, allowPlaintext: false }, { encodingAESKey: null, requireEncryption: true }]) {
      expect(await outcome(() => setup(o)), JSON.stringify(o)).toBe('wx/config')
      expect(await outcome(async () => openPush(await push(), { ...cfg, ...o } as never)), JSON.stringify(o)).toBe('wx/config')
    }
  })

  it('onMessage that is not a function, onError or now given but not functions: wx/config at creation', async () => {
    for (const o of [{ onMessage: undefined }, { onMessage: 'x' }, { onError: 42 }, { now: 'Date.now' }])
      expect(await outcome(() => setup(o)), JSON.stringify(o)).toBe('wx/config')
  })

  it('a numeric option given a null-prototype object is wx/config (its error message cannot String() it)', async () => {
    for (const k of ['maxSkewSeconds', 'maxBodyBytes', 'dedupeLeaseSeconds'])
      expect(await outcome(() => setup({ [k]: Object.create(null) })), k).toBe('wx/config')
  })

  it('now() answering NaN never turns the timestamp window off: the push is refused (500, wx/config to onError)', async () => {
    const { handler, calls, errors } = setup({ now: () => Number.NaN })
    const res = await handler(await push({ timestamp: '1000000000' })) // stamped 2001
    expect(res.status).toBe(500)
    expect(calls).toEqual([])
    expect(errors.map((e) => (isWxError(e) ? e.code : 'RAW'))).toEqual(['wx/config'])
    expect(await outcome(async () => openPush(await push({ timestamp: '1000000000' }), { ...cfg, now: () => Number.NaN }))).toBe('wx/config')
  })

  it('openPush given something that is not a Request is wx/validation (input)', async () => {
    for (const r of [{ url: '/wx', method: 'POST' }, null, 'https://e.com/wx'])
      expect(await outcome(() => openPush(r as never, cfg)), String(r)).toBe('wx/validation/input')
  })
})

describe('memoryDedupeStore options', () => {
  it('max that is not a positive integer (NaN would keep a single key) or now not a function: wx/config', async () => {
    for (const o of [{ max: Number.NaN }, { max: 0 }, { max: 1.5 }, { max: '100' }, { max: -Infinity }, { now: 'x' }, 42])
      expect(await outcome(() => memoryDedupeStore(o as never)), JSON.stringify(o)).toBe('wx/config')
  })

  it('null options and null fields take the defaults; max: Infinity keeps every key', async () => {
    for (const o of [null, { max: null, now: null }, { max: Infinity }]) {
      const store = memoryDedupeStore(o as never)
      expect(await store.claim('k', 60)).toBe(true)
      expect(await store.claim('k', 60)).toBe(false)
    }
  })
})

describe('crypto helpers', () => {
  it('sortedSha1 refuses what is not an array of strings (wx/validation input)', async () => {
    for (const parts of [undefined, 'abc', [1, 'a'], null]) expect(await outcome(() => sortedSha1(parts as never)), String(parts)).toBe('wx/validation/input')
    expect(await outcome(() => sortedSha1(['a'], 42 as never))).toBe('wx/validation/input')
  })

  it('decryptMessage with an Encrypt that is not a string is wx/validation (input)', async () => {
    expect(await outcome(() => decryptMessage(encodingAESKey, null as never, appid))).toBe('wx/validation/input')
    expect(await outcome(() => decryptMessage(encodingAESKey, 'AAAA', 42 as never))).toBe('wx/validation/input')
  })

  it('encryptMessage: null options and a null random are the defaults; a missing appid or message is wx/validation', async () => {
    const encrypt = await encryptMessage(encodingAESKey, appid, 'x', null)
    expect((await decryptMessage(encodingAESKey, encrypt, appid)).message).toBe('x')
    expect((await decryptMessage(encodingAESKey, await encryptMessage(encodingAESKey, appid, 'y', { random: null as never }), appid)).message).toBe('y')
    expect(await outcome(() => encryptMessage(encodingAESKey, appid, 'x', { random: [1, 2] as never }))).toBe('wx/config')
    expect(await outcome(() => encryptMessage(encodingAESKey, undefined as never, undefined as never))).toBe('wx/validation/input')
    // An empty appid would encrypt a message whose appid check fails at every receiver.
    for (const id of [undefined, '', 42]) expect(await outcome(() => encryptMessage(encodingAESKey, id as never, 'x')), String(id)).toBe('wx/validation/input')
    expect(await outcome(() => encryptMessage(encodingAESKey, appid, 42 as never))).toBe('wx/validation/input')
  })
})

describe('reply builders', () => {
  it('transferReply refuses a Symbol and an array (no reply whose kfAccount is an array)', async () => {
    expect(await outcome(() => transferReply(Symbol('kf') as never))).toBe('wx/validation/input')
    expect(await outcome(() => transferReply(['kf@wx'] as never))).toBe('wx/validation/input')
    expect(transferReply('kf@wx')).toEqual({ type: 'transfer_customer_service', kfAccount: 'kf@wx' })
  })

  it('videoReply and musicReply check every field like rendering does (non-XML characters, wrong types)', async () => {
    expect(await outcome(() => videoReply({ mediaId: 'm', title: '\u0001' }))).toBe('wx/validation/input')
    expect(await outcome(() => videoReply({ mediaId: 'm', description: 42 as never }))).toBe('wx/validation/input')
    expect(await outcome(() => musicReply({ thumbMediaId: 't', musicUrl: 42 as never }))).toBe('wx/validation/input')
    expect(await outcome(() => musicReply({ thumbMediaId: 't', title: '\uFFFF' }))).toBe('wx/validation/input')
    expect(videoReply({ mediaId: 'm', title: 'T' })).toEqual({ type: 'video', mediaId: 'm', title: 'T' })
    expect(await outcome(() => newsReply([null as never]))).toBe('wx/validation/input')
  })

  it('router methods given a handler that is not a function are wx/config', async () => {
    expect(await outcome(() => createRouter().use(42 as never))).toBe('wx/config')
    expect(await outcome(() => createRouter().on('text', 'x' as never))).toBe('wx/config')
    expect(await outcome(() => createRouter().on('CLICK', 'KEY', undefined as never))).toBe('wx/config')
  })
})

describe('replyLater', () => {
  it('a push that is not the onMessage push info, or work that is not a function: wx/validation (input)', async () => {
    expect(await outcome(() => replyLater({} as never, undefined as never, () => 'x'))).toBe('wx/validation/input')
    const info = { message: { FromUserName: 'o' }, waitUntil: (p: Promise<unknown>) => void p.catch(() => {}) }
    expect(await outcome(() => replyLater({} as never, info as never, 'x' as never))).toBe('wx/validation/input')
  })

  it('an invalid reply from work reaches onError as wx/validation, not a TypeError', async () => {
    const errors: unknown[] = []
    const handler = createPushHandler({ ...cfg, onMessage: (_m, p) => replyLater({} as never, p, async () => ({ type: 'news' }) as never), onError: (e) => errors.push(e) })
    expect((await handler(await push())).status).toBe(200)
    await handler.drain()
    expect(errors.map((e) => (isWxError(e) ? e.code : `RAW ${(e as Error)?.constructor?.name}`))).toEqual(['wx/validation'])
  })
})
