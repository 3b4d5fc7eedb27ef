import { WxError, invalidInput } from '@wx/core'
import { readLimited } from './_body.ts'
import { normalizeSecret } from './_secret.ts'

/** Options of `brokerTokenSource`. */
export interface BrokerTokenSourceOptions {
  /** The account this source is for: the broker's answer must name it, else `wx/config`. */
  appid: string
  /** The broker's shared secret, sent as `Authorization: Bearer <secret>` (at least 32 bytes; surrounding whitespace trimmed). */
  secret: string
  /** Any fetch-compatible function. Default: the global `fetch`. */
  fetch?: typeof globalThis.fetch | undefined
  /** Longest time a token is reused before asking the broker again, ms. Default 300000 (5 min). */
  maxAge?: number | undefined
  /**
   * Longest wait for the broker when no caller's signal ends it sooner, ms. Default 10000. A call's own
   * deadline (the `signal` core passes) always applies: the request is aborted when it fires (once no
   * other caller waits for it), or when its last caller took the cached token (`cachedWait`).
   */
  timeout?: number | undefined
  /**
   * Longest a call waits for the broker while a usable token is cached (more than 30 s left, not
   * reported rejected), ms. Default 500. Then the call gets the cached token and keeps the rest of its
   * deadline for WeChat; once no call waits for it, the request is aborted and the broker counts as
   * away: the cached token is served without asking for 30 s (at most `maxAge`).
   */
  cachedWait?: number | undefined
}

/** A token source for `createContext({ getAccessToken })`, reading from a token broker. */
export type BrokerTokenSource = (signal?: AbortSignal, rejected?: string) => Promise<string>

/** Largest broker answer read, bytes (a token answer is ~700). */
const MAX_ANSWER = 4096
/** A token that expires sooner than this is refused: the broker's owner refreshes 4–5 minutes ahead. */
const MIN_LIFE_MS = 30_000
/** After the broker was found away, the cached token is served this long (at most `maxAge`) before asking again. */
const OUTAGE_QUIET_MS = 30_000

/** A request to the broker and the callers waiting for it. */
interface Run {
  p: Promise<string>
  ctl: AbortController
  waiters: number
  /** Epoch ms when it was sent. */
  startedAt: number
}

/** The longest delay a timer takes (2^31-1 ms); a longer one fires at once. */
const MAX_TIMER_MS = 2_147_483_647

/** Core's abort reason for a call whose deadline passed (`Symbol.for`: the same symbol in every copy of core). */
const TIMED_OUT = Symbol.for('wx.timeout')

const loopback = (host: string) => host === 'localhost' || host === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host)

/** The error for a fired signal: its own `WxError` reason, `wx/timeout` for a deadline, else `wx/aborted`. */
const abortError = (signal: AbortSignal): WxError => {
  const r = signal.reason
  if (r instanceof WxError) return r
  if (r === TIMED_OUT || (r as Error | undefined)?.name === 'TimeoutError') return new WxError('wx/timeout', 'the call timed out while getting the token from the broker')
  return new WxError('wx/aborted', 'aborted')
}

/**
 * Reads the access token from a token broker (`createTokenBroker`) instead of asking WeChat: pass the
 * result as `getAccessToken` to `createContext`, and the context never calls the token endpoints itself.
 * Keeps the token in memory until a minute before it expires (at most `maxAge`), shares one request
 * between concurrent callers, and keeps serving the cached token while the broker is away (unreachable,
 * silent, or answering 5xx, 429 or something that is not JSON; until 30 s before expiry, and never a
 * token reported rejected): after such an outage it asks again only 30 s later (or after `maxAge` if
 * shorter). While such a token is cached a call waits for the broker at most `cachedWait` (500 ms), then
 * takes the cached token and keeps the rest of its deadline for WeChat; the request is then aborted (once
 * no other call waits for it: nothing of the source outlives the calls that need it), and counts as such
 * an outage. With nothing usable cached a call waits up to its own deadline. Called with a second argument, the token WeChat rejected, it reports
 * that token to the broker (which refreshes it only if it is still current) and returns the new one; such
 * reports share one request, never a plain read already in flight (which could answer the rejected token).
 *
 * Trusts the broker only as far as it must: the answer must name `appid` and carry an expiry at least
 * 30 s away; redirects are refused, answers over 4 KB are not read, and the URL must be `https:` (plain
 * `http:` only to a loopback host). The request is aborted when the caller's `signal` fires (once every
 * caller sharing it has gone).
 *
 * Throws (from the returned function) `WxError('wx/token')` when the broker answers an error, a redirect,
 * too much, an expired token or is unreachable and no usable token is cached (`status` tells which);
 * `WxError('wx/config')` when the broker serves another appid; `wx/timeout` or `wx/aborted` when
 * `signal` fires; `wx/validation` (nothing sent) for a `signal` that is not an `AbortSignal` or a
 * `rejected` that is not a string. Throws `WxError('wx/config')` at creation without `url`, `appid` or
 * `secret`, for a secret under 32 bytes or with whitespace inside, a non-loopback `http:` URL, a `fetch`
 * that is not a function, or a `maxAge`, `timeout` or `cachedWait` that is not a number of ms (NaN,
 * negative; `timeout` 0).
 *
 * @example
 * const ctx = createContext({
 *   appid: 'wx123',
 *   getAccessToken: brokerTokenSource('https://token.internal/', { appid: 'wx123', secret: process.env.BROKER_SECRET! }),
 * })
 * await sendText(ctx, openid, 'hello')
 */
export function brokerTokenSource(url: string | URL, options: BrokerTokenSourceOptions): BrokerTokenSource {
  let target: URL
  try {
    target = new URL(String(url))
  } catch {
    throw new WxError('wx/config', 'brokerTokenSource needs the broker URL')
  }
  if (target.protocol !== 'https:' && !(target.protocol === 'http:' && loopback(target.hostname)))
    throw new WxError('wx/config', `brokerTokenSource: the broker URL must be https: (plain http: only to a loopback host), not ${target.protocol}//${target.host}`)
  const appid = options?.appid
  if (typeof appid !== 'string' || !appid) throw new WxError('wx/config', 'brokerTokenSource needs { appid }: the account the broker must serve')
  const secret = normalizeSecret(options.secret, 'brokerTokenSource')
  if (options.fetch != null && typeof options.fetch !== 'function') throw new WxError('wx/config', 'brokerTokenSource: fetch must be a fetch-compatible function')
  const maxAge = options.maxAge ?? 300_000
  const timeout = options.timeout ?? 10_000
  const cachedWait = options.cachedWait ?? 500
  // NaN or a string would make every timer fire at once; Infinity is a wait bounded only by the call.
  for (const [name, ms, min] of [['maxAge', maxAge, 0], ['timeout', timeout, 1], ['cachedWait', cachedWait, 0]] as const)
    if (!(typeof ms === 'number' && ms >= min)) throw new WxError('wx/config', `brokerTokenSource: ${name} must be a number of ms${min ? ' above 0' : ''} (Infinity allowed), got ${String(ms)}`)
  /** The token last accepted; `reported` once a caller told us WeChat rejected it. */
  let cached: { token: string; expiresAt: number; fetchedAt: number; seq: number; reported?: boolean } | undefined
  /** One request in flight per kind: `get` reads the token, `post` reports a rejected one. */
  const inflight: { get?: Run | undefined; post?: Run | undefined } = {}
  /** Requests started so far: an answer never replaces the cached answer of a request started later. */
  let started = 0
  /** Until when the cached token is served without asking, after the broker was found away. */
  let quietUntil = 0

  const fail = (message: string, status?: number, code?: string) =>
    new WxError('wx/token', `token broker: ${message}`, { ...(status === undefined ? {} : { status }), ...(code ? { cause: { code } } : {}) })
  /** Answers that cannot be read (cut off, not JSON): something other than the broker spoke, or it broke. */
  const unreadable = new WeakSet<WxError>()
  const garbled = (e: WxError) => (unreadable.add(e), e)
  /** The broker is away (unreachable, silent, 5xx, 429, unreadable), as opposed to refusing us (401, 403, another appid, a bad token). */
  const outage = (e: unknown) =>
    e instanceof WxError && e.code === 'wx/token' && (e.status === undefined || e.status === 429 || e.status >= 500 || unreadable.has(e))
  /** The cached token, when it may stand in for the broker's answer: more than 30 s left and not reported rejected. */
  const standIn = (): string | undefined => {
    const c = cached
    return c && !c.reported && c.expiresAt - Date.now() > MIN_LIFE_MS ? c.token : undefined
  }

  const ask = async (rejected: string | undefined, signal: AbortSignal): Promise<string> => {
    const seq = ++started
    const f = options.fetch ?? fetch
    const headers: Record<string, string> = { authorization: `Bearer ${secret}` }
    let res: Response
    try {
      res = await f(target, {
        method: rejected ? 'POST' : 'GET',
        headers: rejected ? { ...headers, 'content-type': 'application/json' } : headers,
        ...(rejected ? { body: JSON.stringify({ rejected }) } : {}),
        redirect: 'manual',
        signal,
      })
    } catch (e) {
      if (signal.aborted) throw signal.reason instanceof WxError ? signal.reason : fail('aborted', undefined, 'aborted')
      const code = (e as any)?.cause?.code ?? (e as any)?.name
      throw fail(`unreachable (${code})`, undefined, code)
    }
    if (res.type === 'opaqueredirect' || (res.status >= 300 && res.status < 400)) {
      await res.body?.cancel().catch(() => {})
      throw fail(`answered a redirect (HTTP ${res.status}); redirects are refused`, res.status)
    }
    const text = await readLimited(res, MAX_ANSWER).catch(() => {
      throw signal.aborted && signal.reason instanceof WxError ? signal.reason : garbled(fail('the answer broke off', res.status))
    })
    if (text === null) throw fail(`answered more than ${MAX_ANSWER} bytes; refused`, res.status)
    let body: { appid?: unknown; access_token?: unknown; expires_at?: unknown } | null = null
    try {
      body = JSON.parse(text)
    } catch {}
    if (res.status !== 401 && res.status !== 403 && (typeof body !== 'object' || body === null))
      throw garbled(fail(`answered HTTP ${res.status} that is not JSON`, res.status))
    if (!res.ok || typeof body?.access_token !== 'string' || !body.access_token) throw fail(`answered HTTP ${res.status}`, res.status)
    if (body.appid !== appid)
      throw new WxError('wx/config', `the token broker at ${target.host} serves appid ${JSON.stringify(String(body.appid ?? 'none'))}, not ${appid}`)
    const now = Date.now()
    const expiresAt = body.expires_at
    if (typeof expiresAt !== 'number' || !Number.isFinite(expiresAt)) throw fail('answered without expires_at', res.status)
    if (expiresAt - now < MIN_LIFE_MS) throw fail(`handed out a token that expires in ${Math.round((expiresAt - now) / 1000)} s; refused`, res.status)
    // A read that started before another request and answered after it: that answer is the newer one. A
    // report's answer always wins: the broker refreshed for it (a read may have cached the rejected token
    // meanwhile, from a broker still holding it).
    if (!rejected && cached && cached.seq > seq) return cached.token
    cached = { token: body.access_token, expiresAt, fetchedAt: now, seq }
    quietUntil = 0
    return cached.token
  }

  /**
   * Waits for `run` within the caller's `signal`. A plain read with a usable cached token waits at most
   * `cachedWait` from the request's start (the broker's answer is not worth the call's deadline when a
   * good token is at hand), then takes the cached token; the last caller to leave aborts the request.
   */
  const wait = (run: Run, kind: 'get' | 'post', signal: AbortSignal | undefined): Promise<string> => {
    run.waiters++
    return new Promise<string>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined
      const leave = () => {
        clearTimeout(timer)
        signal?.removeEventListener('abort', onAbort)
      }
      const onAbort = () => {
        leave()
        reject(abortError(signal!))
        // The last caller waiting for this request has gone: stop it, and let the next caller start anew.
        if (--run.waiters === 0) {
          if (inflight[kind] === run) inflight[kind] = undefined
          run.ctl.abort(abortError(signal!))
        }
      }
      const giveUp = () => {
        const token = standIn()
        if (token === undefined) return // no longer usable: wait for the broker after all
        leave()
        resolve(token)
        // Nobody waits any more: the request ends (its timer and socket must not keep the process alive
        // after the call returned), as an outage, so later calls take the cached token for the quiet period.
        if (--run.waiters === 0) run.ctl.abort(fail(`no answer within cachedWait (${cachedWait} ms)`, undefined, 'timeout'))
      }
      // Handled first: nothing below may leave the request's failure unhandled.
      run.p.then(
        (token) => (leave(), resolve(token)),
        (e) => (leave(), reject(e)),
      )
      signal?.addEventListener('abort', onAbort, { once: true })
      if (kind === 'get' && standIn() !== undefined) {
        const left = run.startedAt + cachedWait - Date.now()
        if (left <= 0) giveUp()
        // Timers take at most 2^31-1 ms (~24.8 days); a longer delay (Infinity) would fire at once.
        else timer = setTimeout(giveUp, Math.min(left, MAX_TIMER_MS))
      }
    })
  }

  return (signal, rejected) => {
    // Checked before anything starts (core passes an AbortSignal or none; a token or nothing).
    const issue = signal != null && !(typeof signal.aborted === 'boolean' && typeof signal.addEventListener === 'function' && typeof signal.removeEventListener === 'function')
      ? { path: 'signal', message: 'must be an AbortSignal' }
      : rejected !== undefined && typeof rejected !== 'string' ? { path: 'rejected', message: 'must be the rejected token, a string' } : undefined
    if (issue) return Promise.reject(invalidInput('brokerTokenSource', [issue]))
    if (signal?.aborted) return Promise.reject(abortError(signal))
    const now = Date.now()
    const c = cached
    const bad = !!rejected && c?.token === rejected
    if (c && !bad && now < c.expiresAt - 60_000 && (now - c.fetchedAt < maxAge || now < quietUntil)) return Promise.resolve(c.token)
    // WeChat refused it: never a stand-in for the broker's answer again.
    if (c && bad) c.reported = true
    // A report joins only another report: a plain read in flight may answer the very token rejected.
    const kind = bad ? 'post' : 'get'
    let run = inflight[kind]
    if (!run) {
      const ctl = new AbortController()
      const timer = setTimeout(() => ctl.abort(fail(`no answer within ${timeout} ms`, undefined, 'timeout')), Math.min(timeout, MAX_TIMER_MS))
      const p = ask(bad ? rejected : undefined, ctl.signal)
        .catch((e) => {
          // Degraded: the broker is away (or a proxy answers for it) but our token is still good for a
          // while (not when the broker refused us: 401/403, a wrong appid or a refused token).
          const token = kind === 'get' && outage(e) ? standIn() : undefined
          if (token === undefined) throw e
          quietUntil = Date.now() + Math.min(maxAge, OUTAGE_QUIET_MS)
          return token
        })
        .finally(() => {
          clearTimeout(timer)
          if (inflight[kind] === run) inflight[kind] = undefined
        })
      run = inflight[kind] = { p, ctl, waiters: 0, startedAt: now }
    }
    return wait(run, kind, signal)
  }
}
