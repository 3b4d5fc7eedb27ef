/**
 * Signed (and encrypted) WeChat pushes for testing your push handler, with web APIs only. Written
 * independently of `@wx/server`, so each checks the other.
 */
import type { FakeState } from './state.ts'

const enc = /* @__PURE__ */ new TextEncoder()

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('')
const b64 = (b: Uint8Array) => btoa(Array.from(b, (x) => String.fromCharCode(x)).join(''))
const unb64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0))
const cat = (...p: Uint8Array[]) => {
  const out = new Uint8Array(p.reduce((n, x) => n + x.length, 0))
  p.reduce((o, x) => (out.set(x, o), o + x.length), 0)
  return out
}

async function aesKey(encodingAESKey: string) {
  if (!/^[A-Za-z0-9]{43}$/.test(encodingAESKey)) throw new Error('encodingAESKey must be 43 letters and digits')
  const raw = unb64(encodingAESKey + '=')
  return { key: await crypto.subtle.importKey('raw', raw, 'AES-CBC', false, ['encrypt', 'decrypt']), iv: raw.slice(0, 16) }
}

/**
 * SHA-1 hex of the sorted, concatenated parts (WeChat's `signature` / `msg_signature`).
 *
 * @example
 * const signature = await sha1Sorted([token, timestamp, nonce])
 */
export async function sha1Sorted(parts: string[]): Promise<string> {
  return hex(await crypto.subtle.digest('SHA-1', enc.encode([...parts].sort().join(''))))
}

/** The query WeChat adds to a push. */
export interface PushSignature {
  timestamp: string
  nonce: string
  signature: string
  /** Set when `encrypt` was given. */
  msg_signature?: string
}

/**
 * Signs a push the way WeChat does: `signature` over `[token, timestamp, nonce]`, plus `msg_signature`
 * over `[token, timestamp, nonce, encrypt]` when `encrypt` is given.
 *
 * Throws nothing.
 *
 * @example
 * const q = await signPush({ token: 'mytoken' })
 * await handler(new Request(`https://x/wx?${new URLSearchParams({ ...q, echostr: 'hi' })}`))
 */
export async function signPush(o: { token: string; timestamp?: string | undefined; nonce?: string | undefined; encrypt?: string | undefined }): Promise<PushSignature> {
  const timestamp = o.timestamp ?? String(Math.floor(Date.now() / 1000))
  const nonce = o.nonce ?? String(Math.floor(Math.random() * 1e9))
  const out: PushSignature = { timestamp, nonce, signature: await sha1Sorted([o.token, timestamp, nonce]) }
  if (o.encrypt !== undefined) out.msg_signature = await sha1Sorted([o.token, timestamp, nonce, o.encrypt])
  return out
}

/**
 * Encrypts a message like WeChat's safe mode (`random(16) ‖ len(4) ‖ msg ‖ appid`, PKCS#7 to 32 bytes,
 * AES-256-CBC, IV = key[0..16], base64) and returns the `Encrypt` value. `pad` overrides the padding
 * (to build broken pushes for negative tests: e.g. `[0]` or `[3, 3, 4]` as the final bytes).
 *
 * Throws `Error` when `encodingAESKey` is malformed, or when `random` is not 16 bytes (UTF-8): WeChat's
 * random prefix is 16 bytes, and a receiver reads the length right after them.
 *
 * @example
 * const encrypt = await encryptPush({ encodingAESKey, appid, message: '<xml>...</xml>' })
 */
export async function encryptPush(o: { encodingAESKey: string; appid: string; message: string; random?: string | undefined; pad?: number[] | undefined }): Promise<string> {
  const { key, iv } = await aesKey(o.encodingAESKey)
  const msg = enc.encode(o.message)
  const len = new Uint8Array(4)
  new DataView(len.buffer).setUint32(0, msg.length)
  const random = o.random === undefined ? crypto.getRandomValues(new Uint8Array(16)) : enc.encode(o.random)
  if (random.length !== 16) throw new Error(`encryptPush: random must be 16 bytes (UTF-8), got ${random.length}`)
  let plain = cat(random, len, msg, enc.encode(o.appid))
  if (o.pad) {
    // Fill to a 16-byte boundary with the given final bytes (any filler before them).
    const tail = Uint8Array.from(o.pad)
    const fill = (16 - ((plain.length + tail.length) % 16)) % 16
    plain = cat(plain, new Uint8Array(fill).fill(tail[0] ?? 0), tail)
  } else {
    const pad = 32 - (plain.length % 32)
    plain = cat(plain, new Uint8Array(pad).fill(pad))
  }
  const out = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv }, key, plain))
  return b64(out.subarray(0, plain.length))
}

/**
 * Renders a flat (or nested) push as WeChat's XML; an array becomes repeated elements. As WeChat
 * writes them: a number or bigint is bare (`<CreateTime>1700000000</CreateTime>`; pass a 64-bit id
 * such as `MsgId` or `publish_id` as a bigint, `7300000000000000001n`, to keep it exact and bare),
 * any other value is text in CDATA (`]]>` in it split as `]]]]><![CDATA[>`), and `undefined` or
 * `null` leaves the element out.
 *
 * @example
 * const xml = pushXml({ ToUserName: 'gh_1', FromUserName: 'o_user', CreateTime: 1700000000, MsgType: 'text', Content: 'hi', MsgId: 7300000000000000001n })
 */
export function pushXml(fields: Record<string, unknown>): string {
  const el = (k: string, v: unknown): string =>
    v == null
      ? ''
      : typeof v === 'object'
        ? `<${k}>${render(v as Record<string, unknown>)}</${k}>`
        : typeof v === 'number' || typeof v === 'bigint'
          ? `<${k}>${v}</${k}>`
          : `<${k}><![CDATA[${String(v).replaceAll(']]>', ']]]]><![CDATA[>')}]]></${k}>`
  const render = (o: Record<string, unknown>): string =>
    Object.entries(o)
      .flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => el(k, x)) : [el(k, v)]))
      .filter(Boolean)
      .join('\n')
  return `<xml>${render(fields)}</xml>`
}

/** JSON with each bigint written as a bare number (WeChat's 64-bit `MsgId`), exact. */
const toJson = (o: unknown) => JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? `\u0000${v}` : v)).replace(/"\\u0000(-?\d+)"/g, '$1')

/** Options of `buildPushRequest`. */
export interface BuildPushOptions {
  /** The handler's URL. Default `https://example.com/wechat`. */
  url?: string | undefined
  token: string
  appid?: string | undefined
  /** With a key, the push is encrypted (safe mode) unless `mode` says otherwise. */
  encodingAESKey?: string | undefined
  /** `plain`, `compatible` (plain fields + Encrypt) or `safe` (Encrypt only). Default: `safe` with a key. */
  mode?: 'plain' | 'compatible' | 'safe' | undefined
  /**
   * The push: fields (rendered by `pushXml`, or as JSON with `format: 'json'`, a bigint as a bare
   * number; `ToUserName`, `FromUserName`, `CreateTime` and a bare 19-digit `MsgId` are filled in), or
   * the exact body text.
   */
  message: Record<string, unknown> | string
  format?: 'xml' | 'json' | undefined
  timestamp?: string | undefined
  nonce?: string | undefined
  /** The 16-byte (UTF-8) random prefix of the encrypted push; default random bytes. */
  random?: string | undefined
}

/**
 * Builds the `Request` WeChat would POST for a push: signed, and encrypted in safe/compatible mode.
 *
 * Throws `Error` when encryption is asked for without `encodingAESKey` and `appid`, or with a `random`
 * that is not 16 bytes.
 *
 * @example
 * const req = await buildPushRequest({ token, appid, encodingAESKey, message: { MsgType: 'text', Content: 'hi' } })
 * const res = await handler(req)
 */
export async function buildPushRequest(o: BuildPushOptions): Promise<Request> {
  const mode = o.mode ?? (o.encodingAESKey ? 'safe' : 'plain')
  const json = o.format === 'json'
  let body: string
  let fields: Record<string, unknown> | undefined
  if (typeof o.message === 'string') body = o.message
  else {
    fields = {
      ToUserName: 'gh_test',
      FromUserName: 'o_test_user',
      CreateTime: Math.floor(Date.now() / 1000),
      ...(o.message.MsgType === 'event' ? {} : { MsgId: BigInt(`7${String(Math.random()).slice(2, 12).padEnd(10, '0')}12345678`) }),
      ...o.message,
    }
    body = json ? toJson(fields) : pushXml(fields)
  }
  const ts: { timestamp?: string; nonce?: string } = {}
  if (o.timestamp !== undefined) ts.timestamp = o.timestamp
  if (o.nonce !== undefined) ts.nonce = o.nonce
  if (mode === 'plain') {
    const q = await signPush({ token: o.token, ...ts })
    return new Request(`${o.url ?? 'https://example.com/wechat'}?${new URLSearchParams({ ...q })}`, { method: 'POST', body })
  }
  if (!o.encodingAESKey || !o.appid) throw new Error('buildPushRequest: encryption needs encodingAESKey and appid')
  const encrypt = await encryptPush({ encodingAESKey: o.encodingAESKey, appid: o.appid, message: body, ...(o.random === undefined ? {} : { random: o.random }) })
  const q = await signPush({ token: o.token, ...ts, encrypt })
  const to = String(fields?.ToUserName ?? 'gh_test')
  const outer = mode === 'compatible' && fields ? { ...fields, Encrypt: encrypt } : { ToUserName: to, Encrypt: encrypt }
  const envelope = json ? toJson(outer) : pushXml(outer)
  const query = new URLSearchParams({ ...(q as unknown as Record<string, string>), encrypt_type: 'aes' })
  return new Request(`${o.url ?? 'https://example.com/wechat'}?${query}`, { method: 'POST', body: envelope })
}

/**
 * Reads a handler's answer: checks and decrypts an encrypted reply (its `MsgSignature` and appid), or
 * returns a plain one as is.
 *
 * Throws `Error` when the reply's signature or appid is wrong.
 *
 * @example
 * const xml = await readPushReply(await handler(req), { token, encodingAESKey, appid })
 */
export async function readPushReply(res: Response | string, o: { token: string; encodingAESKey?: string | undefined; appid?: string | undefined }): Promise<string> {
  const text = typeof res === 'string' ? res : await res.text()
  const pick = (name: string) =>
    text.startsWith('{') ? (JSON.parse(text)[name] as string | number | undefined)?.toString() : /<(\w+)>(?:<!\[CDATA\[)?([^<\]]*)/.exec(text.slice(text.indexOf(`<${name}>`)))?.[2]
  const encrypt = pick('Encrypt')
  if (!encrypt || !text.includes('Encrypt')) return text
  if (!o.encodingAESKey || !o.appid) throw new Error('readPushReply: an encrypted reply needs encodingAESKey and appid')
  const sig = await sha1Sorted([o.token, pick('TimeStamp') ?? '', pick('Nonce') ?? '', encrypt])
  if (sig !== pick('MsgSignature')) throw new Error('readPushReply: MsgSignature is wrong')
  const { key, iv } = await aesKey(o.encodingAESKey)
  const ct = unb64(encrypt)
  const last = ct.slice(ct.length - 16)
  const extra = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-CBC', iv: last }, key, new Uint8Array(16).fill(16))).subarray(0, 16)
  const plain = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-CBC', iv }, key, cat(ct, extra)))
  const pad = plain[plain.length - 1]!
  const body = plain.subarray(0, plain.length - pad)
  const len = new DataView(body.buffer, body.byteOffset).getUint32(16)
  const dec = new TextDecoder()
  if (dec.decode(body.subarray(20 + len)) !== o.appid) throw new Error('readPushReply: wrong appid')
  return dec.decode(body.subarray(20, 20 + len))
}

/**
 * Sends a push from the fake to the account's push handler (`FakeOptions.push`), signed and (with an
 * EncodingAESKey) encrypted as WeChat does, and records it in `state.pushes`. `FromUserName` defaults to
 * `mphelper` (WeChat's 群发助手, the sender of its system events). Does nothing without a push target;
 * never throws (an unreachable handler, or one that does not answer within 5 s as WeChat waits, is recorded
 * with status 0; `close()` and `reset()` end a push still waiting).
 *
 * @example
 * await emitPush(state, { MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: { publish_id: 2247480001n, publish_status: 0 } })
 */
export async function emitPush(state: FakeState, message: Record<string, unknown>): Promise<void> {
  const target = state.push
  if (!target) return
  // The log current now: a push that completes after a reset() is not one of the next test's.
  const log = state.pushes
  const event = String(message.Event ?? message.MsgType ?? '')
  try {
    const req = await buildPushRequest({
      url: target.url,
      token: target.token,
      appid: state.appid,
      ...(target.encodingAESKey ? { encodingAESKey: target.encodingAESKey } : {}),
      message: { FromUserName: 'mphelper', ...message },
    })
    // WeChat waits 5 s for the answer; close() and reset() end the request too (a handler that never
    // answers must not keep the fake's process alive after close()).
    const { signal, done } = state.outgoing(5000)
    try {
      const res = await fetch(req, { signal })
      state.logPush(log, { url: target.url, event, status: res.status, answer: await res.text() })
    } finally {
      done()
    }
  } catch (e) {
    state.logPush(log, { url: target.url, event, status: 0, answer: String((e as Error)?.message ?? e) })
  }
}

/**
 * `emitPush` on the fake's timer, once the call that caused it was answered (as WeChat's job-finish
 * events follow a send); nothing is scheduled without a push target, and `close()` cancels it.
 */
export function emitLater(state: FakeState, message: Record<string, unknown>, ms = 0): void {
  if (state.push) state.later(() => void emitPush(state, message), ms)
}
