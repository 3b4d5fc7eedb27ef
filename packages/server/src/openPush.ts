import { readBytesLimited } from '@wx/core'
import { importAesKey } from './_aes.ts'
import { decodeUtf8, timingSafeEqual } from './_bytes.ts'
import { badArg, configError } from './_check.ts'
import { isJsonBody, parseBody, toPushMessage } from './_normalize.ts'
import { unseal } from './decryptMessage.ts'
import type { PushMessage } from './messages.ts'
import { PushError } from './PushError.ts'
import { sha1Sorted } from './sortedSha1.ts'

/** What every push needs to be verified and read. */
export interface PushConfig {
  /** The Token set on the WeChat admin page (3–32 letters and digits). */
  token: string
  /** The account's appid; encrypted pushes must carry exactly this one. */
  appid: string
  /** The EncodingAESKey (43 letters and digits). Required for safe (`encrypt_type=aes`) mode. */
  encodingAESKey?: string
  /**
   * With `encodingAESKey` set, accept plaintext pushes too (only `signature`, which does not cover the
   * body). Default false: a plaintext push is refused with `plaintext`, so a `signature` taken from a
   * captured encrypted push cannot carry a forged body. Turn it on only while the account moves from
   * plaintext to compatible/safe mode on the admin page.
   */
  allowPlaintext?: boolean
  /** @deprecated Plaintext pushes are refused by default when `encodingAESKey` is set; see `allowPlaintext`. */
  requireEncryption?: boolean
  /** Largest body accepted, in bytes. Default 1 MiB (WeChat's pushes are a few KiB). */
  maxBodyBytes?: number
  /**
   * Largest allowed distance between the push's `timestamp` and the clock, in seconds. Default 300;
   * `Infinity` turns the check off. WeChat's own retries come within ~15 s.
   */
  maxSkewSeconds?: number
  /**
   * The clock, in ms (for tests). Default `Date.now`. A value that is not a finite number (NaN) never
   * turns the timestamp window off: the push is refused with `wx/config` (500, to `onError`).
   */
  now?: () => number
}

/** A verified push: a URL verification to echo, or a message. */
export type OpenedPush =
  | {
      kind: 'verify'
      /** The text to answer with: `echostr` as sent, or decrypted when it came encrypted. */
      echostr: string
    }
  | {
      kind: 'message'
      message: PushMessage
      /** Came in safe mode (replies must be encrypted too). */
      encrypted: boolean
      /** The body format; replies use the same. */
      format: 'xml' | 'json'
      /** The (decrypted) message text as received. */
      raw: string
      /** The request's `timestamp` and `nonce` (checked), for a replay cache. */
      timestamp: string
      nonce: string
      /** The request body as received (the envelope in safe mode). */
      body: string
    }

/** @internal Checks the configuration once; throws `wx/config`. */
export function checkConfig(c: PushConfig): void {
  if (!c || typeof c.token !== 'string' || !/^[A-Za-z0-9]{3,32}$/.test(c.token))
    throw configError('token must be the 3-32 letters and digits set on the WeChat admin page')
  if (typeof c.appid !== 'string' || !c.appid) throw configError('appid is required')
  // The one option where `null` is no default: a key that came through as null (a secret missing from a
  // config) must not start a safe-mode endpoint in plaintext mode, where the signature does not cover the body.
  if (c.encodingAESKey === null) throw configError('encodingAESKey is null: give the 43-character key, or leave it out for plaintext mode')
  if (c.encodingAESKey !== undefined) void importAesKey(c.encodingAESKey).catch(() => {})
  // A string ('false' from an env var) is truthy: it would turn the plaintext refusal off. (`onError` is
  // createPushHandler's.) `null` is "not set", as everywhere in the SDK: the default.
  const o = c as PushConfig & Record<string, unknown>
  for (const [name, type] of [['allowPlaintext', 'boolean'], ['requireEncryption', 'boolean'], ['now', 'function'], ['onError', 'function']] as const)
    if (o[name] != null && typeof o[name] !== type) throw configError(`${name} must be a ${type}`)
  if (c.requireEncryption && c.encodingAESKey == null) throw configError('requireEncryption needs encodingAESKey')
  if (c.allowPlaintext && c.requireEncryption) throw configError('allowPlaintext and requireEncryption contradict each other')
  // NaN (Number(process.env.X) of an unset variable) would silently turn the window, dedupe and body cap
  // off; zero or a negative value would refuse every push.
  // (The value is not in the message: `String(v)` throws for a null-prototype object or a Symbol.)
  for (const name of ['maxBodyBytes', 'maxSkewSeconds', 'dedupeTtlSeconds', 'storeTimeoutMs'])
    if (o[name] != null && !(typeof o[name] == 'number' && o[name] > 0)) throw configError(`${name} must be a positive number (Infinity allowed)`)
}

/**
 * @internal The configured clock, in seconds. A clock that does not answer a finite number is `wx/config`:
 * NaN would turn the timestamp window off, so the push is refused (500, to `onError`) instead.
 */
export function clock(c: PushConfig): number {
  const t = (c.now ?? Date.now)()
  if (!Number.isFinite(t)) throw configError('now() must return a finite number of ms')
  return t / 1000
}

/**
 * Finds the `Encrypt` value of a safe/compatible-mode envelope without parsing it: one forward scan
 * (indexOf only, linear time) that skips CDATA sections and comments, so text a follower wrote cannot
 * pose as the element. Nothing else of the envelope is read: the message comes from the ciphertext.
 */
function findEncrypt(body: string): string | undefined {
  if (isJsonBody(body)) {
    // {"Encrypt":"<base64>"}: a key is a string followed by ':'; base64 has no escapes.
    let at = 0
    for (;;) {
      at = body.indexOf('"Encrypt"', at)
      if (at < 0) return undefined
      at += 9
      let i = at
      while (body[i] === ' ' || body[i] === '\n' || body[i] === '\r' || body[i] === '\t') i++
      if (body[i] !== ':') continue
      i++
      while (body[i] === ' ' || body[i] === '\n' || body[i] === '\r' || body[i] === '\t') i++
      if (body[i] !== '"') return undefined
      const end = body.indexOf('"', i + 1)
      return end < 0 ? undefined : body.slice(i + 1, end)
    }
  }
  // Two cached forward searches (the next `<Encrypt>`, the next `<!`): each scans past a point once.
  let i = 0
  let enc = -1
  let decl = -1
  for (;;) {
    if (enc < i) enc = body.indexOf('<Encrypt>', i)
    if (enc < 0) return undefined
    if (decl < i) decl = body.indexOf('<!', i)
    if (decl < 0) decl = Infinity
    if (enc < decl) {
      const end = body.indexOf('</Encrypt>', enc + 9)
      if (end < 0) return undefined
      const v = body.slice(enc + 9, end).trim()
      return v.startsWith('<![CDATA[') && v.endsWith(']]>') ? v.slice(9, -3) : v
    }
    const close = body.startsWith('<![CDATA[', decl) ? ']]>' : body.startsWith('<!--', decl) ? '-->' : ''
    const end = close ? body.indexOf(close, decl + 4) : decl - 1
    if (end < 0) return undefined
    i = end + 3
  }
}

const MiB = 1_048_576 // 1024 * 1024, a literal so bundlers can drop it when unused

async function readBody(request: Request, max: number): Promise<string> {
  // Read before us (a body parser, the app's own middleware): our setup's fault, not the sender's.
  if (request.bodyUsed || request.body?.locked)
    throw configError('The push body was already read: mount the push handler before any body parser, or pass it the raw body')
  let all: Uint8Array | null
  try {
    all = await readBytesLimited(request, max)
  } catch (e: any) {
    // The sender closed the connection mid-body (or the stream failed): a typed refusal, not a server fault.
    throw new PushError('incomplete', 'The push body ended early: the connection closed before all of it arrived', { cause: { name: e?.name, code: e?.code } })
  }
  if (!all) throw new PushError('too-large', `The push body is over ${max} bytes`)
  try {
    return decodeUtf8(all)
  } catch {
    throw new PushError('xml', 'Rejected the push body: invalid UTF-8')
  }
}

async function checkSignature(parts: string[], given: string | null, what: string): Promise<void> {
  const expected = await sha1Sorted(parts)
  if (!timingSafeEqual(expected, given ?? '')) throw new PushError('signature', `The push's ${what} is wrong`)
}

/**
 * Verifies and reads one request from WeChat, without answering it: GET URL verification (plain or
 * encrypted `echostr`), POST pushes in plaintext, compatible and safe mode, XML or JSON.
 * `createPushHandler` is built on it; use it directly inside your own framework routing.
 *
 * Order of checks: size cap → signature (`msg_signature` in safe mode over the `Encrypt` value, found
 * by a linear scan; nothing the sender controls is parsed or decrypted before, comparison is in
 * constant time, and a request without a 40-hex-digit `msg_signature` is refused before its body is
 * read) → timestamp window → decryption (strict 32-byte PKCS#7) → appid → strict, linear-time
 * XML/JSON (no DOCTYPE/ENTITY markup, no `__proto__`/`constructor`/`prototype`, declared fields typed).
 * With `encodingAESKey` set, a plaintext POST is refused (`plaintext`) unless `allowPlaintext`.
 * It keeps no state: the replay cache and dedupe live in `createPushHandler`.
 *
 * @throws {PushError} `signature`, `stale`, `too-large`, `incomplete`, `xml`, `decrypt`, `appid`,
 *   `plaintext`, `method`, `config` (see `PushErrorReason`).
 * @throws {WxError} `wx/config` when `token`, `appid` or `encodingAESKey` is malformed, an option has
 *   the wrong type (`allowPlaintext: 'false'`), or `now()` does not return a finite number;
 *   `wx/validation` (stage `input`) when `request` is not a Fetch `Request`.
 *
 * @example
 * const push = await openPush(request, { token, appid, encodingAESKey })
 * if (push.kind === 'verify') return new Response(push.echostr)
 * if (push.message.type === 'text') console.log(push.message.Content)
 */
export async function openPush(request: Request, config: PushConfig): Promise<OpenedPush> {
  checkConfig(config)
  const { token, appid, encodingAESKey } = config
  let q: URLSearchParams
  let method: string
  try {
    q = new URL(request.url).searchParams
    method = request.method.toUpperCase()
  } catch {
    throw badArg('openPush', 'request', 'must be a Fetch Request')
  }
  const timestamp = q.get('timestamp') ?? ''
  const nonce = q.get('nonce') ?? ''
  const skew = config.maxSkewSeconds ?? 300
  const checkTime = () => {
    if (skew === Infinity) return
    const now = clock(config)
    if (!/^\d{1,12}$/.test(timestamp) || Math.abs(now - Number(timestamp)) > skew)
      throw new PushError('stale', 'The push timestamp is outside the allowed window')
  }

  if (method === 'GET') {
    const echostr = q.get('echostr') ?? ''
    const msgSignature = q.get('msg_signature')
    if (msgSignature !== null && encodingAESKey !== undefined) {
      await checkSignature([token, timestamp, nonce, echostr], msgSignature, 'msg_signature')
      checkTime()
      return { kind: 'verify', echostr: (await unseal(encodingAESKey, echostr, appid)).message }
    }
    await checkSignature([token, timestamp, nonce], q.get('signature'), 'signature')
    checkTime()
    return { kind: 'verify', echostr }
  }
  if (method !== 'POST') throw new PushError('method', `Method ${method} is not allowed`)

  const encrypted = q.get('encrypt_type') === 'aes'
  const open = (raw: string, body: string): OpenedPush => ({
    kind: 'message',
    message: toPushMessage(parseBody(raw)),
    encrypted,
    format: isJsonBody(raw) ? 'json' : 'xml',
    raw,
    timestamp,
    nonce,
    body,
  })
  if (!encrypted) {
    if (encodingAESKey !== undefined && (config.requireEncryption || !config.allowPlaintext))
      throw new PushError('plaintext', 'Refused an unencrypted push: encodingAESKey is set and allowPlaintext is off')
    // In plaintext mode the signature does not cover the body: check it before reading anything.
    await checkSignature([token, timestamp, nonce], q.get('signature'), 'signature')
    checkTime()
    const raw = await readBody(request, config.maxBodyBytes ?? MiB)
    return open(raw, raw)
  }

  if (encodingAESKey === undefined) {
    // Only WeChat (its `signature` is valid) learns of the missing key; anyone else gets a bad signature.
    await checkSignature([token, timestamp, nonce], q.get('signature'), 'signature')
    throw new PushError('config', 'An encrypted push arrived, but no encodingAESKey is configured')
  }
  // No body is read for a request that carries no signature at all (a SHA-1 is 40 hex digits).
  const msgSignature = q.get('msg_signature') ?? ''
  if (!/^[\da-f]{40}$/i.test(msgSignature)) throw new PushError('signature', "The push's msg_signature is wrong")
  const body = await readBody(request, config.maxBodyBytes ?? MiB)
  const encrypt = findEncrypt(body) ?? ''
  await checkSignature([token, timestamp, nonce, encrypt], msgSignature, 'msg_signature')
  if (!encrypt) throw new PushError('xml', 'Rejected the push body: no Encrypt')
  checkTime()
  return open((await unseal(encodingAESKey, encrypt, appid)).message, body)
}
