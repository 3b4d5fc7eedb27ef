// The push handler end to end, on Node and in the edge runtime.
import {
  createPushHandler,
  decryptMessage,
  encryptMessage,
  isPushError,
  memoryDedupeStore,
  newsReply,
  openPush,
  replyLater,
  sortedSha1,
  textReply,
  type PushErrorReason,
  type PushHandlerOptions,
  type PushMessage,
} from '@wx/server'
import { buildPushRequest, encryptPush, pushXml, readPushReply, signPush } from '@wx/testing/fetch'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

const token = 'mytoken123'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const appid = 'wx_test_appid'
const cfg = { token, appid, encodingAESKey }

/** A handler that records what reached it. */
function setup(o: Partial<PushHandlerOptions> = {}) {
  const seen: PushMessage[] = []
  const errors: unknown[] = []
  const handler = createPushHandler({
    ...cfg,
    allowPlaintext: true, // most tests below send plaintext pushes; see 'plaintext refusal'
    onMessage: (m) => {
      seen.push(m)
      return m.type === 'text' ? textReply(`echo: ${m.Content}`) : undefined
    },
    onError: (e) => errors.push(e),
    ...o,
  })
  return { handler, seen, errors }
}

/** Sends a request that must be rejected: typed error with `reason`, no `onMessage` call. */
async function rejects(req: Request | Promise<Request>, reason: PushErrorReason, status = 400, o: Partial<PushHandlerOptions> = {}) {
  const { handler, seen, errors } = setup(o)
  const res = await handler(await req)
  expect(seen).toEqual([])
  expect(errors).toHaveLength(1)
  expect(isPushError(errors[0], reason)).toBe(true)
  expect((errors[0] as any).code).toBe('wx/validation')
  expect(res.status).toBe(status)
  return res
}

/** A safe-mode request around a ready-made Encrypt value, correctly signed. */
async function safeRequest(encrypt: string, q: Record<string, string> = {}) {
  const s = await signPush({ token, encrypt })
  const query = new URLSearchParams({ ...(s as any), encrypt_type: 'aes', ...q })
  return new Request(`https://example.com/wx?${query}`, { method: 'POST', body: pushXml({ ToUserName: 'gh_test', Encrypt: encrypt }) })
}

const textXml = (content = 'hi', extra: Record<string, unknown> = {}) =>
  pushXml({ ToUserName: 'gh_test', FromUserName: 'o_user', CreateTime: Math.floor(Date.now() / 1000), MsgType: 'text', Content: content, MsgId: '6054768590064713728', ...extra })

describe('URL verification (GET)', () => {
  it('echoes echostr for the official example', async () => {
    const q = new URLSearchParams({ signature: 'f464b24fc39322e44b38aa78f5edd27bd1441696', timestamp: '1714036504', nonce: '1514711492', echostr: '4375120948345356249' })
    const { handler } = setup({ token: 'AAAAA', maxSkewSeconds: Infinity })
    const res = await handler(new Request(`https://example.com/wx?${q}`))
    expect(res.status).toBe(200)
    expect(await res.text()).toBe('4375120948345356249')
  })
  it('decrypts an encrypted echostr when msg_signature is present', async () => {
    const echostr = await encryptPush({ encodingAESKey, appid, message: '98765' })
    const s = await signPush({ token, encrypt: echostr })
    const { handler } = setup()
    const res = await handler(new Request(`https://example.com/wx?${new URLSearchParams({ ...(s as any), echostr })}`))
    expect(await res.text()).toBe('98765')
  })
  it('rejects a bad signature', async () => {
    const s = await signPush({ token: 'othertoken' })
    await rejects(new Request(`https://example.com/wx?${new URLSearchParams({ ...s, echostr: 'x' })}`), 'signature')
  })
})

describe('pushes', () => {
  it('plaintext mode: a text message gets a text reply', async () => {
    const { handler, seen } = setup()
    const res = await handler(await buildPushRequest({ token, message: textXml('hello') }))
    expect(res.headers.get('content-type')).toMatch(/xml/)
    const xml = await res.text()
    expect(xml).toContain('<ToUserName><![CDATA[o_user]]></ToUserName><FromUserName><![CDATA[gh_test]]></FromUserName>')
    expect(xml).toContain('<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[echo: hello]]></Content>')
    expect(seen[0]).toMatchObject({ type: 'text', Content: 'hello', MsgId: '6054768590064713728' })
    expect(typeof seen[0]!.CreateTime).toBe('number')
  })
  it('safe mode: decrypts, replies encrypted with a valid MsgSignature', async () => {
    const { handler, seen } = setup()
    const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: '你好' } }))
    const reply = await readPushReply(res, cfg)
    expect(reply).toContain('<Content><![CDATA[echo: 你好]]></Content>')
    expect(seen[0]).toMatchObject({ type: 'text', Content: '你好' })
  })
  it('compatible mode: uses the decrypted fields', async () => {
    const { handler, seen } = setup()
    const res = await handler(await buildPushRequest({ ...cfg, mode: 'compatible', message: { MsgType: 'text', Content: 'c' } }))
    expect(await readPushReply(res, cfg)).toContain('echo: c')
    expect(seen).toHaveLength(1)
  })
  it('JSON pushes keep the 64-bit MsgId exact and reply in JSON', async () => {
    const { handler, seen } = setup()
    const body = '{"ToUserName":"gh_test","FromUserName":"o_user","CreateTime":1409735668,"MsgType":"text","Content":"j","MsgId":6054768590064713728}'
    const res = await handler(await buildPushRequest({ ...cfg, message: body }))
    expect(seen[0]!.MsgId).toBe('6054768590064713728')
    expect(JSON.parse(await readPushReply(res, cfg))).toMatchObject({ MsgType: 'text', Content: 'echo: j', ToUserName: 'o_user' })
  })
  it('answers success when onMessage returns nothing', async () => {
    const { handler, seen } = setup()
    const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'event', Event: 'subscribe', EventKey: 'qrscene_42', Ticket: 't' } }))
    expect(await res.text()).toBe('success')
    expect(seen[0]).toMatchObject({ type: 'subscribe', EventKey: 'qrscene_42' })
  })
  it('types events, nested structures, voice recognition, and passes unknown pushes through', async () => {
    const { handler, seen } = setup({ dedupe: false })
    const send = async (message: Record<string, unknown>) => handler(await buildPushRequest({ token, message }))
    await send({ MsgType: 'event', Event: 'SCAN', EventKey: '123', Ticket: 'tk' })
    await send({ MsgType: 'event', Event: 'CLICK', EventKey: 'MENU_1' })
    await send({ MsgType: 'event', Event: 'scancode_waitmsg', EventKey: 'k', ScanCodeInfo: { ScanType: 'qrcode', ScanResult: 'r' } })
    await send({ MsgType: 'voice', MediaId: 'm', Format: 'amr', Recognition: '腾讯微信团队' })
    await send({ MsgType: 'event', Event: 'MASSSENDJOBFINISH', MsgID: '1000001625', Status: 'send success' })
    await send({ MsgType: 'event', Event: 'kf_switch_session', FromKfAccount: 'a@b', ToKfAccount: 'c@d' })
    await send({ MsgType: 'event', Event: 'some_future_event', Foo: 'bar' })
    await send({ MsgType: 'hologram', Foo: 'baz' })
    expect(seen.map((m) => m.type)).toEqual(['SCAN', 'CLICK', 'scancode_waitmsg', 'voice', 'MASSSENDJOBFINISH', 'kf_switch_session', 'unknown', 'unknown'])
    const scan = seen[2]!
    if (scan.type === 'scancode_waitmsg') expect(scan.ScanCodeInfo.ScanResult).toBe('r')
    expect(Object.getPrototypeOf(scan)).toBe(null)
    expect(seen[3]).toMatchObject({ Recognition: '腾讯微信团队' })
    expect(seen[6]).toMatchObject({ Event: 'some_future_event', Foo: 'bar' })
    expect(seen[7]).toMatchObject({ MsgType: 'hologram', Foo: 'baz' })
  })
  it('renders news replies and escapes ]]> in CDATA', async () => {
    const { handler } = setup({
      onMessage: (m) => (m.type === 'text' && m.Content === 'n' ? newsReply([{ title: 'T', url: 'https://e.com', picUrl: 'https://e.com/p.jpg' }]) : 'a]]>b'),
    })
    const news = await (await handler(await buildPushRequest({ token, message: textXml('n') }))).text()
    expect(news).toContain('<ArticleCount>1</ArticleCount><Articles><item><Title><![CDATA[T]]></Title><PicUrl><![CDATA[https://e.com/p.jpg]]></PicUrl><Url><![CDATA[https://e.com]]></Url></item></Articles>')
    const t = await (await handler(await buildPushRequest({ token, message: textXml('x', { MsgId: '1' }) }))).text()
    expect(t).toContain('<Content><![CDATA[a]]]]><![CDATA[>b]]></Content>')
  })
  it('a handler error answers 500, reaches onError, and lets WeChat retry', async () => {
    let calls = 0
    const { handler, errors } = setup({
      onMessage: () => {
        if (++calls === 1) throw new Error('boom')
        return 'ok'
      },
    })
    const body = textXml('r')
    const s = await signPush({ token })
    const make = () => new Request(`https://example.com/wx?${new URLSearchParams({ ...s })}`, { method: 'POST', body })
    expect((await handler(make())).status).toBe(500)
    expect((errors[0] as Error).message).toBe('boom')
    expect((await handler(make())).status).toBe(200)
    expect(calls).toBe(2)
  })
  it('a PushError thrown by onMessage (a nested decryptMessage) answers 500 too, and lets WeChat retry', async () => {
    let calls = 0
    const { handler, errors } = setup({
      onMessage: async () => {
        if (++calls === 1) await decryptMessage(encodingAESKey, 'not-base64!', appid)
        return 'ok'
      },
    })
    const body = textXml('r', { MsgId: '4242' })
    const deliver = async (nonce: string) => handler(new Request(`https://example.com/wx?${new URLSearchParams({ ...(await signPush({ token, nonce })) })}`, { method: 'POST', body }))
    expect((await deliver('1')).status).toBe(500) // the first pass answered 400 and kept the dedupe key
    expect(isPushError(errors[0], 'decrypt')).toBe(true)
    const retry = await deliver('2') // WeChat's retry: same message, new nonce
    expect(retry.status).toBe(200)
    expect(await retry.text()).toContain('ok')
    expect(calls).toBe(2)
  })
})

describe('rejections (typed error, no onMessage call)', () => {
  it('bad signature', async () => {
    const req = await buildPushRequest({ token: 'wrongtoken', message: textXml() })
    await rejects(req, 'signature')
  })
  it('missing signature', async () => {
    await rejects(new Request('https://example.com/wx', { method: 'POST', body: textXml() }), 'signature')
  })
  it('bad msg_signature', async () => {
    const encrypt = await encryptPush({ encodingAESKey, appid, message: textXml() })
    await rejects(safeRequest(encrypt, { msg_signature: '0'.repeat(40) }), 'signature')
  })
  it('a valid plain signature does not stand in for msg_signature', async () => {
    const encrypt = await encryptPush({ encodingAESKey, appid, message: textXml() })
    const s = await signPush({ token, encrypt })
    await rejects(safeRequest(encrypt, { msg_signature: s.signature }), 'signature')
  })
  it('tampered ciphertext: caught by msg_signature before any AES work', async () => {
    const encrypt = await encryptPush({ encodingAESKey, appid, message: textXml(), random: 'aaaabbbbccccdddd' })
    const s = await signPush({ token, encrypt })
    const bytes = Uint8Array.from(atob(encrypt), (c) => c.charCodeAt(0))
    bytes[bytes.length - 20]! ^= 1
    const tampered = btoa(String.fromCharCode(...bytes))
    const req = new Request(`https://example.com/wx?${new URLSearchParams({ ...(s as any), encrypt_type: 'aes' })}`, {
      method: 'POST',
      body: pushXml({ ToUserName: 'gh_test', Encrypt: tampered }),
    })
    await rejects(req, 'signature')
  })
  it('tampered ciphertext, re-signed by someone holding the token: fails decryption', async () => {
    const encrypt = await encryptPush({ encodingAESKey, appid, message: textXml(), random: 'aaaabbbbccccdddd' })
    const bytes = Uint8Array.from(atob(encrypt), (c) => c.charCodeAt(0))
    bytes[bytes.length - 20]! ^= 1 // garbles the last block: the padding
    await rejects(safeRequest(btoa(String.fromCharCode(...bytes))), 'decrypt')
  })
  it('ciphertext that is not base64 or not whole blocks', async () => {
    await rejects(safeRequest('not*base64'), 'decrypt')
    await rejects(safeRequest(btoa('x'.repeat(40))), 'decrypt')
  })
  it('pad byte out of range (0 and 33)', async () => {
    await rejects(safeRequest(await encryptPush({ encodingAESKey, appid, message: textXml(), pad: [0] })), 'decrypt')
    await rejects(safeRequest(await encryptPush({ encodingAESKey, appid, message: textXml(), pad: [33] })), 'decrypt')
  })
  it('unequal pad bytes', async () => {
    await rejects(safeRequest(await encryptPush({ encodingAESKey, appid, message: textXml(), pad: [5, 5, 5, 5, 4] })), 'decrypt')
    await rejects(safeRequest(await encryptPush({ encodingAESKey, appid, message: textXml(), pad: [9, ...new Array(19).fill(20)] })), 'decrypt')
  })
  it('a pad byte above 16 that is valid is accepted (WebCrypto alone would reject it)', async () => {
    const { handler, seen } = setup()
    const message = textXml('p', { MsgId: '2' })
    const plain = 20 + new TextEncoder().encode(message).length + appid.length
    const p = 16 + ((16 - (plain % 16)) % 16) // 17..31, or 16 -> use 32
    const pad = p === 16 ? 32 : p
    expect(pad).toBeGreaterThan(16)
    const encrypt = await encryptPush({ encodingAESKey, appid, message, pad: new Array(pad).fill(pad) })
    expect((await handler(await safeRequest(encrypt))).status).toBe(200)
    expect(seen).toHaveLength(1)
  })
  it('wrong appid', async () => {
    await rejects(safeRequest(await encryptPush({ encodingAESKey, appid: 'wx_someone_else', message: textXml() })), 'appid')
  })
  it('signature, padding and appid failures look the same from outside', async () => {
    const answers = await Promise.all([
      rejects(buildPushRequest({ token: 'wrongtoken', message: textXml() }), 'signature'),
      rejects(safeRequest(await encryptPush({ encodingAESKey, appid, message: textXml(), pad: [0] })), 'decrypt'),
      rejects(safeRequest(await encryptPush({ encodingAESKey, appid: 'wx_other', message: textXml() })), 'appid'),
    ])
    const shapes = await Promise.all(answers.map(async (r) => [r.status, await r.text(), [...r.headers]]))
    expect(shapes[1]).toEqual(shapes[0])
    expect(shapes[2]).toEqual(shapes[0])
  })
  it('DOCTYPE and ENTITY bodies (plain and inside the ciphertext)', async () => {
    const doctype = '<?xml version="1.0"?><!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><Content>&x;</Content></xml>'
    await rejects(buildPushRequest({ token, message: doctype }), 'xml')
    await rejects(buildPushRequest({ token, message: '<xml><!ENTITY a "b"><MsgType>text</MsgType></xml>' }), 'xml')
    await rejects(buildPushRequest({ ...cfg, message: doctype }), 'xml')
    await rejects(buildPushRequest({ token, message: '<xml><Content>&unknown;</Content></xml>' }), 'xml')
  })
  it('bodies over the cap (declared, and streamed without a length)', async () => {
    const big = textXml('x'.repeat(5000))
    await rejects(buildPushRequest({ token, message: big }), 'too-large', 413, { maxBodyBytes: 4096 })
    const s = await signPush({ token })
    const stream = new ReadableStream({
      start(c) {
        for (let i = 0; i < 10; i++) c.enqueue(new TextEncoder().encode('x'.repeat(1000)))
        c.close()
      },
    })
    const req = new Request(`https://example.com/wx?${new URLSearchParams({ ...s })}`, { method: 'POST', body: stream, duplex: 'half' } as RequestInit)
    await rejects(req, 'too-large', 413, { maxBodyBytes: 4096 })
  })
  it('__proto__, constructor and prototype elements (XML and JSON)', async () => {
    await rejects(buildPushRequest({ token, message: textXml('p', { __proto__x: 1 }).replace('__proto__x', '__proto__').replace('__proto__x', '__proto__') }), 'xml')
    await rejects(buildPushRequest({ token, message: '<xml><MsgType>text</MsgType><__proto__><polluted>1</polluted></__proto__></xml>' }), 'xml')
    await rejects(buildPushRequest({ token, message: '<xml><constructor><prototype>1</prototype></constructor></xml>' }), 'xml')
    await rejects(buildPushRequest({ ...cfg, message: '{"MsgType":"text","__proto__":{"polluted":1}}' }), 'xml')
    expect(({} as any).polluted).toBeUndefined()
  })
  it('a replayed message, with dedupe on', async () => {
    const { handler, seen, errors } = setup({ dedupe: memoryDedupeStore() })
    const first = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'once', MsgId: '6054768590064713728' } })
    const replay = first.clone()
    expect((await handler(first)).status).toBe(200)
    const res = await handler(replay)
    expect(await res.text()).toBe('success') // so WeChat stops retrying
    expect(seen).toHaveLength(1)
    expect(errors).toHaveLength(1)
    expect(isPushError(errors[0], 'duplicate')).toBe(true)
  })
  it('a verbatim replay is a duplicate for as long as its timestamp is accepted', async () => {
    const T = 1_700_000_000 // WeChat's timestamp
    for (const [label, o, lag, after] of [
      ['maxSkewSeconds: Infinity, 1 h later', { maxSkewSeconds: Infinity }, 0, 3600],
      ['server clock 120 s behind, 301 s later', {}, 120, 301],
      ['server clock 300 s behind, 599 s later', {}, 300, 599],
    ] as const) {
      let clock = (T - lag) * 1000
      const now = () => clock
      const { handler, seen, errors } = setup({ ...o, now, dedupe: memoryDedupeStore({ now }), replay: memoryDedupeStore({ now }) })
      const first = await buildPushRequest({ ...cfg, timestamp: String(T), message: { MsgType: 'text', Content: label, CreateTime: T } })
      const replay = first.clone()
      expect((await handler(first)).status).toBe(200)
      clock += after * 1000
      expect(await (await handler(replay)).text(), label).toBe('success') // the first pass ran onMessage again
      expect(seen, label).toHaveLength(1)
      expect(isPushError(errors[0], 'duplicate'), label).toBe(true)
    }
  })
  it('events dedupe by FromUserName + CreateTime', async () => {
    const { handler, seen } = setup()
    const message = { MsgType: 'event', Event: 'CLICK', EventKey: 'K', CreateTime: 1700000000 }
    await handler(await buildPushRequest({ token, message }))
    await handler(await buildPushRequest({ token, message }))
    await handler(await buildPushRequest({ token, message: { ...message, CreateTime: 1700000001 } }))
    expect(seen).toHaveLength(2)
  })
  it('a stale timestamp', async () => {
    await rejects(buildPushRequest({ ...cfg, message: textXml(), timestamp: '1409304348' }), 'stale')
  })
  it('plaintext while requireEncryption is on; other methods', async () => {
    await rejects(buildPushRequest({ token, message: textXml() }), 'plaintext', 400, { allowPlaintext: false, requireEncryption: true })
    await rejects(new Request('https://example.com/wx', { method: 'PUT', body: 'x' }), 'method', 405)
  })
  it('encrypt_type=aes on a handler without encodingAESKey: unsigned is a bad signature (400); signed is a config error (500)', async () => {
    const plainMode = (onError: (e: unknown) => void) => createPushHandler({ token, appid, onMessage: () => undefined, onError })
    const errors: unknown[] = []
    const unsigned = await plainMode((e) => errors.push(e))(new Request('https://example.com/wx?encrypt_type=aes', { method: 'POST', body: 'anything' }))
    expect(unsigned.status).toBe(400) // the first pass answered 500 and reported `config` to anyone
    expect(isPushError(errors[0], 'signature')).toBe(true)
    const signed = await plainMode((e) => errors.push(e))(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'x' } }))
    expect(signed.status).toBe(500) // WeChat's own push: the key is missing here
    expect(isPushError(errors[1], 'config')).toBe(true)
  })
  it('an encrypted push without a well-formed msg_signature is refused before its body is read', async () => {
    let pulled = 0
    const body = () => new ReadableStream({ pull: (c) => (pulled++, c.enqueue(new Uint8Array(64 * 1024))) }, { highWaterMark: 0 })
    for (const query of ['encrypt_type=aes', 'encrypt_type=aes&msg_signature=abc', `encrypt_type=aes&msg_signature=${'z'.repeat(40)}`]) {
      const req = new Request(`https://example.com/wx?${query}&timestamp=1&nonce=2`, { method: 'POST', body: body(), duplex: 'half' } as RequestInit)
      await expect(openPush(req, cfg)).rejects.toSatisfy((e) => isPushError(e, 'signature'))
    }
    expect(pulled).toBe(0)
  })
  it('openPush throws the same typed errors', async () => {
    const req = await buildPushRequest({ token: 'wrongtoken', message: textXml() })
    await expect(openPush(req, { token, appid })).rejects.toSatisfy((e) => isPushError(e, 'signature'))
  })
  it('malformed configuration is refused at creation', () => {
    expect(() => createPushHandler({ token: 'a b', appid, onMessage: () => {} })).toThrow(/token/)
    expect(() => createPushHandler({ token, appid, encodingAESKey: 'short', onMessage: () => {} })).toThrow(/encodingAESKey/)
  })
})

describe('onError', () => {
  it('an async onError that rejects does not become an unhandled rejection', async () => {
    const unhandled: unknown[] = []
    const onUnhandled = (e: unknown) => unhandled.push(e)
    const proc = (globalThis as { process?: NodeJS.Process }).process
    proc?.on?.('unhandledRejection', onUnhandled)
    try {
      const handler = createPushHandler({
        token,
        appid,
        onMessage: () => undefined,
        onError: async () => {
          throw new Error('log sink down')
        },
      })
      const res = await handler(new Request('https://example.com/wx?signature=forged&timestamp=1&nonce=1', { method: 'POST', body: 'x' }))
      expect(res.status).toBe(400)
      await new Promise((r) => setTimeout(r, 50))
    } finally {
      proc?.off?.('unhandledRejection', onUnhandled)
    }
    expect(unhandled).toEqual([])
  })
})

describe('32-byte padding', () => {
  it('a plaintext whose padded length is an exact multiple of 32 round-trips (a full block of 32s)', async () => {
    // 16 random + 4 length + msg + appid(13) = 64 bytes -> msg of 31 bytes.
    const msg = 'x'.repeat(64 - 20 - appid.length)
    const encrypt = await encryptMessage(encodingAESKey, appid, msg, { random: 'aaaabbbbccccdddd' })
    expect(atob(encrypt).length).toBe(96)
    expect(await decryptMessage(encodingAESKey, encrypt, appid)).toEqual({ message: msg, appid })
    // And our testing helper, written independently, agrees.
    expect(await encryptPush({ encodingAESKey, appid, message: msg, random: 'aaaabbbbccccdddd' })).toBe(encrypt)
  })
  it('every length from 0 to 70 round-trips', async () => {
    for (let n = 0; n <= 70; n++) {
      const msg = 'é'.repeat(n)
      expect((await decryptMessage(encodingAESKey, await encryptMessage(encodingAESKey, appid, msg), appid)).message).toBe(msg)
    }
  })
})

describe('replyLater', () => {
  it('answers success at once and sends the result as a customer-service message', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const handler = createPushHandler({
      ...cfg,
      onMessage: (m, push) =>
        replyLater(c, push, async () => {
          await gate
          return m.type === 'text' ? `slow answer to ${m.Content}` : undefined
        }),
    })
    const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'q', FromUserName: 'o_asker' } }))
    expect(await res.text()).toBe('success')
    expect(await fake.deliveries()).toEqual([])
    release()
    await handler.drain()
    expect(await fake.deliveries()).toMatchObject([{ to: 'o_asker', payload: { msgtype: 'text', text: { content: 'slow answer to q' } } }])
  })
  it('uses the platform waitUntil when given, and reports send errors', async () => {
    const { ctx } = await useFake()
    const waited: Promise<unknown>[] = []
    const errors: unknown[] = []
    const handler = createPushHandler({
      ...cfg,
      onError: (e) => errors.push(e),
      onMessage: (_m, push) => replyLater(ctx(), push, () => 'late'),
    })
    await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'q', FromUserName: 'o_window_closed' } }), { waitUntil: (p) => waited.push(p) })
    expect(waited).toHaveLength(1)
    await Promise.all(waited)
    expect(errors).toHaveLength(1)
    expect((errors[0] as any).errcode).toBe(45015)
  })
  it('a news reply of more than one article is refused by name before any send (a customer-service news message holds one); one article is sent', async () => {
    const { fake, ctx } = await useFake()
    const errors: unknown[] = []
    const articles = [
      { title: 'A', url: 'https://example.com/a' },
      { title: 'B', url: 'https://example.com/b' },
    ]
    const handler = createPushHandler({
      ...cfg,
      onError: (e) => errors.push(e),
      onMessage: (m, push) => replyLater(ctx(), push, () => newsReply(m.type === 'text' && m.Content === 'one' ? articles.slice(0, 1) : articles)),
    })
    const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'two', FromUserName: 'o_news' } }))
    expect(await res.text()).toBe('success')
    await handler.drain()
    expect(errors).toHaveLength(1)
    expect(errors[0]).toMatchObject({ code: 'wx/validation', stage: 'input' })
    expect((errors[0] as Error).message).toMatch(/^replyLater: articles: .*exactly 1 article/)
    expect(await fake.deliveries()).toEqual([])
    await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'one', FromUserName: 'o_news' } }))
    await handler.drain()
    expect(errors).toHaveLength(1)
    expect(await fake.deliveries()).toMatchObject([{ to: 'o_news', payload: { msgtype: 'news', news: { articles: [{ title: 'A' }] } } }])
  })
})

describe('drain({ timeout })', () => {
  it('resolves false once the timeout passed while a push hangs (an onMessage that never settles); true when all is done', async () => {
    let release!: () => void
    const handler = createPushHandler({ token, appid, allowPlaintext: true, dedupe: false, onMessage: () => new Promise<void>((r) => (release = r)) })
    const answer = handler(await buildPushRequest({ token, appid, message: { MsgType: 'text', Content: 'hang' } }))
    const t0 = Date.now()
    expect(await handler.drain({ timeout: 200 })).toBe(false)
    expect(Date.now() - t0).toBeGreaterThanOrEqual(190)
    expect(Date.now() - t0).toBeLessThan(1000)
    release()
    await answer
    const t1 = Date.now()
    expect(await handler.drain({ timeout: 60_000 })).toBe(true) // nothing left: at once, its timer cleared
    expect(await handler.drain()).toBe(true)
    expect(Date.now() - t1).toBeLessThan(500)
  })
})

describe('a push that fails after work was handed off, or is retried while still running', () => {
  it('onMessage throwing after replyLater keeps the dedupe key: WeChat\'s retry does not send the message a second time', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const handler = createPushHandler({
      ...cfg,
      onMessage: (_m, push) => {
        replyLater(c, push, () => 'on its way')
        throw new Error('a later middleware failed')
      },
    })
    const push = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'q', FromUserName: 'o_asker', MsgId: '42' } })
    const again = push.clone()
    expect((await handler(push)).status).toBe(500)
    await handler.drain()
    expect(await (await handler(again)).text()).toBe('success') // WeChat's retry
    await handler.drain()
    expect(await fake.deliveries()).toHaveLength(1)
  })

  it('a retry while the first delivery still runs is answered 503, not success; once the first failed, the next retry runs it', async () => {
    let calls = 0
    let release!: () => void
    const gate = new Promise<void>((r) => (release = r))
    const handler = createPushHandler({
      ...cfg,
      allowPlaintext: true,
      onMessage: async () => {
        if (++calls === 1) {
          await gate
          throw new Error('the first try failed after 5 s')
        }
        return textReply('saved')
      },
    })
    const push = await buildPushRequest({ token, appid, message: { MsgType: 'text', Content: 'slow', MsgId: '43' } })
    const [retry1, retry2] = [push.clone(), push.clone()]
    const first = handler(push)
    await new Promise((r) => setTimeout(r, 20))
    expect((await handler(retry1)).status).toBe(503) // WeChat retries again later
    release()
    expect((await first).status).toBe(500)
    expect(await readPushReply(await handler(retry2), { token, appid })).toContain('saved')
    expect(calls).toBe(2)
  })
})

describe('configuration', () => {
  it('numeric options that are not positive numbers are wx/config (NaN would turn the window, dedupe and body cap off)', () => {
    for (const bad of [{ maxSkewSeconds: Number.NaN }, { maxSkewSeconds: -5 }, { dedupeTtlSeconds: Number.NaN }, { maxBodyBytes: 0 }, { maxBodyBytes: Number.NaN }, { storeTimeoutMs: -1 }, { maxSkewSeconds: '300' as never }])
      expect(() => setup(bad), JSON.stringify(bad)).toThrow(/must be a positive number/)
    expect(() => setup({ maxSkewSeconds: Number.POSITIVE_INFINITY })).not.toThrow()
  })

  it('storeTimeoutMs: Infinity (or 2^31 ms and more) waits for a slow store, instead of timing out at once and turning dedupe off', async () => {
    for (const storeTimeoutMs of [Number.POSITIVE_INFINITY, 2 ** 31]) {
      const keys = new Set<string>()
      const slow = { claim: async (k: string) => (await new Promise((r) => setTimeout(r, 20)), keys.has(k) ? false : (keys.add(k), true)) }
      const { handler, seen, errors } = setup({ dedupe: slow, replay: false, storeTimeoutMs })
      const push = await buildPushRequest({ token, appid, message: { MsgType: 'text', Content: 'once', MsgId: '77' } })
      const again = push.clone()
      await handler(push)
      await handler(again)
      expect(seen, String(storeTimeoutMs)).toHaveLength(1)
      expect(errors.map((e: any) => e.code)).not.toContain('wx/timeout')
    }
  })

  it('a body the app already read is wx/config (the setup), not a sender\'s PushError', async () => {
    const { handler, errors } = setup()
    const push = await buildPushRequest({ token, appid, message: { MsgType: 'text', Content: 'x' } })
    await push.text() // middleware read it first
    const res = await handler(push)
    expect(res.status).toBe(500)
    expect(isPushError(errors[0])).toBe(false)
    expect((errors[0] as any).code).toBe('wx/config')
  })
})

it('sortedSha1 matches the testing helper', async () => {
  expect(await sortedSha1(['b', 'a', 'c'])).toBe((await signPush({ token: 'b', timestamp: 'a', nonce: 'c' })).signature)
})
