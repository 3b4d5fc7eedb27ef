import { WxError, type DedupeStore } from '@wx/core'
import { configError, isFn } from './_check.ts'
import { renderEncrypted, renderReply, type ReplyResult } from './_reply.ts'
import { seal } from './encryptMessage.ts'
import { memoryStore } from './memoryDedupeStore.ts'
import type { PushMessage } from './messages.ts'
import { checkConfig, clock, openPush, type PushConfig } from './openPush.ts'
import { PushError, isPushError } from './PushError.ts'
import { sha1Sorted } from './sortedSha1.ts'

/** What the platform offers a request: `waitUntil` on Workers/Vercel (pass the Worker's `ctx`). */
export interface PlatformContext {
  waitUntil?: ((promise: Promise<unknown>) => void) | undefined
}

/** The second argument of `onMessage`. */
export interface PushInfo {
  /** The push itself (same as the first argument). */
  message: PushMessage
  /** The request as received (its body is already read). */
  request: Request
  /** The push came encrypted (the reply is encrypted automatically). */
  encrypted: boolean
  format: 'xml' | 'json'
  /**
   * Keeps work alive after the answer was sent: the platform's `waitUntil` when given, else the
   * handler's own queue (see `handler.drain()`). Rejections go to `onError`.
   */
  waitUntil(promise: Promise<unknown>): void
  /** Reports an error to `onError`. */
  reportError(error: unknown): void
}

/** Options of `createPushHandler`. */
export interface PushHandlerOptions extends PushConfig {
  /**
   * Handles one verified push. Return a reply (`textReply(...)`, ...), a string (a text reply), or
   * nothing (answers `success`); anything else goes to `onError` and answers `success`. WeChat waits
   * 5 seconds: use `replyLater` for slow work. `createRouter()` builds one per type/event.
   * A throw (whatever it throws, a `PushError` too) answers 500 and forgets the dedupe key, so WeChat's
   * retry runs it again (unless it had already handed work to `push.waitUntil`: then the key is kept).
   */
  onMessage: (message: PushMessage, push: PushInfo) => ReplyResult | Promise<ReplyResult>
  /**
   * Drops repeated deliveries (WeChat retries an unanswered push up to three times). The key tells
   * apart what WeChat tells apart: `MsgId` (or `MsgID` of job-finish events) with `MsgType` and
   * `Event` when present; otherwise every field of the push (sender, `CreateTime`, `Event`,
   * `EventKey`, `PublishEventInfo`, ...), so two different events of one sender in one second both
   * arrive. Keys are `<appid>:push:<sha1>`. Default `memoryDedupeStore()`; `false` turns it off.
   * For several instances pass a shared store that has `renew` and `done` (`redisDedupeStore` from
   * `@wx/store-redis`): a retry reaching another instance while the first delivery still runs is then
   * answered 503 (as within one instance), not `success`, so WeChat retries once more if the first fails.
   */
  dedupe?: DedupeStore | false
  /**
   * How long a delivery is remembered, seconds. Default 300; never less than the timestamp window
   * (`2 * maxSkewSeconds + 1`, a day when that is `Infinity`), so a verbatim replay whose signature
   * still passes is a duplicate.
   */
  dedupeTtlSeconds?: number
  /**
   * How long a running claim in a store with `renew` and `done` holds without renewal, seconds: what an
   * instance that died mid-delivery costs. The handler renews it every third of it while `onMessage`
   * runs, so a slow delivery stays `running` however long it takes. Default 4: shorter than WeChat's
   * 5 s between tries, so a later try handles the push of an instance that died (the very next one when it
   * died in the delivery's first second). Above 0, at most a day (86400).
   */
  dedupeLeaseSeconds?: number
  /**
   * Remembers the (`timestamp`, `nonce`) pair of each plaintext push with the body it came with, for
   * twice the timestamp window (`maxSkewSeconds`; a day when that is `Infinity`). The same pair with
   * the same body is WeChat's retry and goes on to dedupe; the same pair with another body is refused
   * (`replay`): in plaintext mode the signature does not cover the body. (Encrypted pushes skip it:
   * `msg_signature` covers the body.) Default `memoryDedupeStore()` (one process); pass a shared
   * store of the same shape for a fleet; `false` turns it off.
   */
  replay?: DedupeStore | false
  /**
   * Deadline of each call to the dedupe and replay stores, ms. Default 1000 (WeChat waits 5 s). Past
   * it the push is handled as new (at least once) and a `wx/timeout` error goes to `onError`.
   */
  storeTimeoutMs?: number
  /**
   * Called with every rejected push (`PushError`, e.g. `isPushError(e, 'signature')`), every error of
   * `onMessage` (and an invalid value it returned: the answer is then `success`), of background work
   * and of the dedupe/replay stores (failures and missed deadlines). Never throws into the handler;
   * it may be async (a rejected promise is ignored).
   */
  onError?: ((error: unknown, request: Request) => void) | undefined
}

/**
 * A push handler: `(request, platform?) => Promise<Response>`, plus `drain()` for background work.
 * `platform` is a `PlatformContext` (its `waitUntil` is used), or whatever else a runtime passes as the
 * second argument (Deno's `info`, Bun's `server`), so `Deno.serve(handler)` and `Bun.serve({ fetch: handler })` type-check.
 */
export interface PushHandler {
  (request: Request, platform?: PlatformContext | (object & { waitUntil?: undefined })): Promise<Response>
  /**
   * Resolves `true` when every push this handler is still handling (also one whose client already gave up)
   * and the work queued with `push.waitUntil` (without a platform `waitUntil`) are done. Call it after the
   * server stopped accepting requests (`server.close()`); nothing started after it resolved is awaited.
   * Waits without bound unless given `timeout` (ms): then resolves `false` once it passed with work still
   * running (an `onMessage` that never settles), leaving no timer behind either way. Shut down below your
   * orchestrator's grace period (Kubernetes: 30 s), e.g. `await handler.drain({ timeout: 25_000 })`.
   */
  drain(options?: { timeout?: number | undefined } | null): Promise<boolean>
}

const text = (body: string, status = 200, headers: Record<string, string> = {}) =>
  new Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } })

function answerFor(e: PushError): Response {
  switch (e.reason) {
    case 'duplicate':
      return text('success')
    case 'too-large':
      return text('payload too large', 413)
    case 'method':
      return text('method not allowed', 405, { allow: 'GET, POST' })
    case 'config':
      return text('server error', 500)
    default:
      // signature, decrypt, appid, stale, xml, plaintext: one answer, so nothing can be told apart.
      return text('bad request', 400)
  }
}

/** The dedupe key's content: the message id when there is one, else the whole push. */
function identity(m: PushMessage): string {
  const f = m as Record<string, unknown>
  const id = f.MsgId || f.MsgID
  return id ? JSON.stringify([m.ToUserName, m.MsgType, f.Event ?? '', id]) : JSON.stringify(m)
}

/**
 * Renews a running claim every third of its lease until stopped; returns the stop function. Each
 * renewal is awaited before the next is scheduled, so a slow store never gets overlapping renewals.
 */
function renewWhileRunning(renew: () => Promise<unknown>, leaseMs: number): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined
  let stopped = false
  const next = () => {
    timer = setTimeout(() => void renew().then(() => stopped || next()), leaseMs / 3)
  }
  next()
  return () => {
    stopped = true
    clearTimeout(timer)
  }
}

/** Runs one store call with a deadline; rejects with `wx/timeout` past it. */
function within<T>(ms: number, what: string, call: () => T | Promise<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    // Timers hold at most 2^31-1 ms (~24.8 days): a longer wait (or Infinity) would fire at once.
    const timer = setTimeout(() => reject(new WxError('wx/timeout', `The ${what} did not answer within ${ms} ms`)), Math.min(ms, 2 ** 31 - 1))
    Promise.resolve()
      .then(call)
      .then(resolve, reject)
      .finally(() => clearTimeout(timer))
  })
}

const nonce = () => String(crypto.getRandomValues(new Uint32Array(1))[0])

/** The `dedupe`/`replay` option: `false` (off), `undefined`/`null` (in memory), or a store; anything else is `wx/config`. */
function storeOf(v: DedupeStore | false | null | undefined, name: string): DedupeStore | undefined {
  if (v === false) return undefined
  if (v == null) return memoryStore()
  // `{}` or `true` would fail on every push (a TypeError per call, each push handled as new): dedupe and replay off.
  if (!isFn(v?.claim) || [v.release, v.renew, v.done].some((m) => m != null && !isFn(m)))
    throw configError(`${name} must be false or a store with claim()`)
  return v
}

/**
 * Creates a Fetch-API push handler, `(request) => Promise<Response>`, for any runtime: Workers, Deno,
 * Bun, Vercel Edge, Hono, and Node through `@wx/server/node`.
 *
 * - GET: URL verification (echoes `echostr`, decrypted when it came encrypted).
 * - POST: plaintext, compatible and safe mode, XML or JSON, checked by `openPush`; then the replay
 *   cache, dedupe, and `onMessage`; its reply is checked and rendered (encrypted in safe mode), or
 *   `success` when it returns nothing or something invalid (that goes to `onError`).
 * - Rejected pushes answer 400 (signature, decryption, appid, stale, XML, replay, plaintext: all
 *   alike), 413, 405; a duplicate answers `success` so WeChat stops retrying; a retry of a push still
 *   being handled (by this handler, or by another one sharing a leased store) answers 503, so WeChat
 *   tries again later. `onMessage` is not called for any of them. Store calls have a deadline
 *   (`storeTimeoutMs`).
 *
 * @throws {WxError} `wx/config` at creation when `token`, `appid` or `encodingAESKey` is malformed, a
 *   numeric option is not a positive number (`dedupeLeaseSeconds`: or over a day), `onMessage` is not a
 *   function, `onError`/`now` are given but not functions, `allowPlaintext`/`requireEncryption` are given
 *   but not booleans (`'false'` from an env var), or `dedupe`/`replay` are neither `false` nor a store
 *   with a `claim` function. A `now()` answering NaN refuses each push with `wx/config` (500, `onError`).
 *   The returned handler never throws: failures become responses and go to `onError`.
 *
 * @example
 * const handler = createPushHandler({
 *   token: env.WX_TOKEN, appid: env.WX_APPID, encodingAESKey: env.WX_AES_KEY,
 *   onMessage: (m) => (m.type === 'text' ? textReply(`You said: ${m.Content}`) : undefined),
 * })
 * export default { fetch: (req: Request, env: unknown, ctx: ExecutionContext) => handler(req, ctx) }
 */
export function createPushHandler(options: PushHandlerOptions): PushHandler {
  checkConfig(options)
  const { token, appid, encodingAESKey, onMessage } = options
  if (!isFn(onMessage)) throw configError('onMessage must be a function')
  const store = storeOf(options.dedupe, 'dedupe')
  const replay = storeOf(options.replay, 'replay')
  const skew = options.maxSkewSeconds ?? 300
  const replayTtl = skew === Infinity ? 86400 : 2 * skew + 1
  // A signed push stays acceptable for the whole timestamp window: remember it at least that long.
  const ttl = Math.max(options.dedupeTtlSeconds ?? 300, replayTtl)
  const ms = options.storeTimeoutMs ?? 1000
  const lease = options.dedupeLeaseSeconds ?? 4
  if (!(typeof lease === 'number' && lease > 0 && lease <= 86_400))
    throw configError('dedupeLeaseSeconds must be a number above 0 and at most 86400 (one day)')
  // A store that can tell a delivery still running from one done (on another instance too).
  const leased = typeof store?.renew === 'function' && typeof store.done === 'function'
  const pending = new Set<Promise<unknown>>()
  // Dedupe keys whose first delivery this handler is still running: WeChat's retry of a slow push (after
  // 5 s) must not be told `success` while the first may still fail (it would then never be retried).
  const running = new Set<string>()
  const report = (e: unknown, request: Request) => {
    try {
      // An async onError's rejection is dropped too: it must not become an unhandled rejection.
      const r = options.onError?.(e, request) as unknown
      if (typeof (r as PromiseLike<unknown> | undefined)?.then === 'function') Promise.resolve(r).catch(() => {})
    } catch {}
  }

  const handle = async (request: Request, platform?: PlatformContext): Promise<Response> => {
    // A failing or hanging store must not drop pushes: past its deadline the push is handled (at least once).
    const ask = <T,>(what: string, call: () => T | Promise<T>, fallback: T) =>
      within(ms, what, call).catch((e) => {
        report(e, request)
        return fallback
      })
    let claimed: string | undefined
    // This delivery's own token for a leased claim: its renew and release leave another instance's claim alone.
    let owner: string | undefined
    let stopRenewing: (() => void) | undefined
    /** Ends the claim once `onMessage` settled: `done` (leased stores) keeps it, `release` forgets it. */
    const settle = async (outcome: 'done' | 'release') => {
      stopRenewing?.()
      const key = claimed
      if (key === undefined || !store) return
      if (outcome === 'release' && store.release) await ask('dedupe store', () => (leased ? store.release!(key, owner) : store.release!(key)), undefined)
      if (outcome === 'done' && leased) await ask('dedupe store', () => store.done!(key, ttl), undefined)
    }
    try {
      const push = await openPush(request, options)
      if (push.kind === 'verify') return text(push.echostr)
      const { message, encrypted, format } = push
      // Only plaintext needs it: there the signature does not cover the body. In safe mode msg_signature
      // does, so another body under the same pair came from WeChat (a re-encrypted retry), and a verbatim
      // replay is a duplicate.
      if (replay && !encrypted) {
        const pair = `${appid}:replay:${push.timestamp}:${push.nonce}`
        const body = `${pair}:${await sha1Sorted([push.body])}`
        // A new (pair, body) whose pair was seen before: a captured signature with another body.
        // The pair is recorded unless the body was seen (WeChat's retry: recorded with it), but only a body
        // the store answered as new is refused for a seen pair: past the store's deadline (or when it throws)
        // the body may be one seen before (WeChat's retry), and the push is handled as new.
        const fresh = await ask<boolean | 'running' | 'unknown'>('replay store', () => replay.claim(body, replayTtl), 'unknown')
        if (fresh !== false && !(await ask('replay store', () => replay.claim(pair, replayTtl), true)) && fresh === true)
          throw new PushError('replay', 'This timestamp and nonce already came with another body')
      }
      if (store) {
        const key = `${appid}:push:${await sha1Sorted([identity(message)])}`
        if (leased) owner = crypto.randomUUID()
        const claim = await ask('dedupe store', () => (leased ? store.claim(key, ttl, lease, owner) : store.claim(key, ttl)), true)
        // Still being handled (here, or on another instance sharing a leased store): not `success` (WeChat
        // would stop retrying, and a failure of the first would lose the push); 503, and WeChat's next
        // retry finds it done, or released (or its instance gone: lease over) and runs it.
        // Running here is 503 whatever the store answered: a store that evicted the key or missed its
        // deadline (`true`) must not start a second run of a push this handler is still running.
        if (claim === 'running' || running.has(key)) return text('busy', 503)
        if (!claim) throw new PushError('duplicate', 'This push was already handled')
        claimed = key
        running.add(key)
        if (leased) stopRenewing = renewWhileRunning(() => ask('dedupe store', () => store.renew!(key, lease, owner), undefined), lease * 1000)
      }
      let handedOff = false
      const info: PushInfo = {
        message,
        request,
        encrypted,
        format,
        reportError: (e) => report(e, request),
        waitUntil(p) {
          handedOff = true
          const guarded = Promise.resolve(p).catch((e) => report(e, request))
          if (isFn(platform?.waitUntil)) return platform.waitUntil(guarded)
          pending.add(guarded)
          void guarded.finally(() => pending.delete(guarded))
        },
      }
      let result: ReplyResult
      try {
        result = await onMessage(message, info)
      } catch (e) {
        // Whatever it threw (a PushError from a nested openPush/decryptMessage too): 500, and WeChat's retry
        // runs it again; unless work was already handed to waitUntil (a replyLater send may go out): then
        // the key is kept (done), so the retry cannot send it a second time.
        report(e, request)
        await settle(handedOff ? 'done' : 'release')
        return text('server error', 500)
      }
      // Handled (work handed to waitUntil may still run: WeChat gets its answer now and stops retrying): a
      // retry or replay from here on is a duplicate. Marked before answering, so the answer means it is.
      await settle('done')
      if (result === undefined || result === null || result === '') return text('success')
      const now = Math.floor(clock(options))
      const json = format === 'json'
      let body: string
      try {
        body = renderReply(typeof result === 'string' ? { type: 'text', content: result } : result, message.FromUserName, message.ToUserName, now, json)
      } catch (e) {
        report(e, request)
        return text('success')
      }
      const type = json ? 'application/json; charset=utf-8' : 'text/xml; charset=utf-8'
      if (!encrypted || encodingAESKey === undefined) return new Response(body, { headers: { 'content-type': type } })
      const n = nonce()
      const encrypt = await seal(encodingAESKey, appid, body)
      const signature = await sha1Sorted([token, String(now), n, encrypt])
      return new Response(renderEncrypted(encrypt, signature, now, n, json), { headers: { 'content-type': type } })
    } catch (e) {
      report(e, request)
      // A correctly signed encrypted push this keyless handler cannot open (WeChat set to safe mode, no key
      // here): its (timestamp, nonce) is taken, so its signature cannot come back with a plaintext body.
      if (replay && isPushError(e, 'config')) {
        const q = new URL(request.url).searchParams
        await ask('replay store', () => replay.claim(`${appid}:replay:${q.get('timestamp')}:${q.get('nonce')}`, replayTtl), true)
      }
      return isPushError(e) ? answerFor(e) : text('server error', 500)
    } finally {
      stopRenewing?.()
      if (claimed !== undefined) running.delete(claimed)
    }
  }
  // Pushes still being handled count as pending too: one whose client gave up (WeChat's 5 s) may still
  // queue `waitUntil` work (`replyLater`) after the server closed, and `drain` must wait for it.
  const handler = (request: Request, platform?: PlatformContext | object): Promise<Response> => {
    const call = handle(request, platform as PlatformContext | undefined)
    pending.add(call)
    void call.catch(() => {}).finally(() => pending.delete(call))
    return call
  }
  return Object.assign(handler, {
    drain(o?: { timeout?: number | undefined } | null) {
      // A call that finishes may have queued more work: wait until nothing is left.
      const all = async () => {
        while (pending.size) await Promise.allSettled([...pending])
        return true
      }
      // `within` clears its timer once `all` is done; `all` never rejects, so a rejection is the timeout.
      return o?.timeout == null ? all() : within(o.timeout, 'drain', all).catch(() => false)
    },
  })
}
