import type { RetryClass, RetryOptions } from './context.ts'
import { WxError } from './errors.ts'

/**
 * How one failed HTTP exchange ended, as the transport step classifies it:
 * - `token`: WeChat rejected the access token (40001/40014/42001): it did not act.
 * - `not-sent`: the connection failed before the request left: WeChat certainly did not act.
 * - `unsure`: WeChat may have acted: timeout, reset, HTTP 5xx/429, errcode -1, an unreadable answer.
 * - `rate-limit`: 45011 (per-minute quota). `dedupe`: 45066 (the same `clientmsgid` is in progress).
 * - `final`: any other errcode or HTTP error: retrying would give the same answer.
 * - `aborted`: the caller's signal fired.
 */
export type FailureKind = 'token' | 'not-sent' | 'unsure' | 'rate-limit' | 'dedupe' | 'final' | 'aborted'

/** What the policy knows about the call so far. */
export interface Progress {
  /** Transient retries done (token repeats not counted). */
  retries: number
  /** The token repeat was used (unset: not yet). */
  tokenRetried?: boolean | undefined
  /** The one long wait (rate limit or dedupe resend) was used (unset: not yet). */
  waited?: boolean | undefined
  /** Retry budget left in the context. */
  budget: number
  /** Milliseconds left before the call's deadline. */
  remaining: number
}

/** What to do after a failed attempt: wait `delay` ms and go again, or throw `error`. */
export type Decision =
  | { retry: true; delay: number; reason: Exclude<FailureKind, 'final' | 'aborted'>; cost: number }
  | { retry: false; error: WxError }

/** The call as the policy sees it. */
export interface PolicyCall {
  path: string
  retry: RetryClass
  /** After an ambiguous failure or 45066, resend once after this many ms (a send with a dedupe key). */
  resendAfter?: number | undefined
}

/**
 * @internal An endpoint's retry class as the pipeline uses it: `read` and `idempotent` as given, anything
 * else (a missing or misspelled class from JavaScript) `send`, never resent blindly.
 */
export const retryClassOf = (retry: unknown): RetryClass => (retry === 'read' || retry === 'idempotent' ? retry : 'send')

/**
 * The retry policy, pure: one failed attempt × the endpoint's retry class × what is left (attempts,
 * budget, time) → wait and go again, or throw. No I/O, no clock beyond `now`, so it is tested alone.
 *
 * - `token`: repeat at once, once, for any class (WeChat did not act).
 * - `not-sent`: backoff retry for any class, within attempts, budget and deadline.
 * - `unsure`: backoff retry for `read`/`idempotent`; a `send` with `resendAfter` resends once after it
 *   (WeChat dedupes by key); any other `send` throws `wx/outcome-unknown` (never resent blindly).
 * - `rate-limit`: wait for the next minute once (not for sends), if the deadline and `maxRateLimitWait` allow.
 * - `dedupe`: like `unsure` with `resendAfter`. `final`, `aborted`: throw.
 * - A class other than `read`/`idempotent` (missing, misspelled) is a `send`.
 * - A `send` whose `unsure`, `dedupe` or `aborted` failure is not resent, or that fails in any way after a
 *   resend wait (`p.waited`: an earlier attempt may have arrived), throws `wx/outcome-unknown`: WeChat may
 *   have acted.
 *
 * @example
 * decide('unsure', error, { path, retry: 'send' }, progress, {}) // { retry: false, error: wx/outcome-unknown }
 */
export function decide(
  kind: FailureKind,
  error: WxError,
  call: PolicyCall,
  p: Progress,
  r: RetryOptions = {},
  now = Date.now(),
  random = Math.random,
): Decision {
  const { resendAfter } = call
  const retry = retryClassOf(call.retry)
  const cost = error.code == 'wx/timeout' ? 10 : 5
  const backoff = () => random() * Math.min(r.maxDelay ?? 5000, (r.baseDelay ?? 200) * 2 ** p.retries)
  const go = (delay: number, reason: Exclude<FailureKind, 'final' | 'aborted'>, c = cost): Decision | undefined =>
    delay < p.remaining ? { retry: true, delay, reason, cost: c } : undefined
  let d: Decision | undefined
  if (kind == 'token') d = p.tokenRetried ? undefined : go(0, 'token', 0)
  else if (kind == 'not-sent' || (kind == 'unsure' && retry != 'send'))
    d = p.retries + 1 < (r.attempts ?? 3) && p.budget >= cost ? go(backoff(), kind) : undefined
  else if (kind == 'rate-limit' && retry != 'send' && !p.waited) {
    const wait = 60_000 - (now % 60_000) + random() * 1000
    d = wait <= (r.maxRateLimitWait ?? 61_000) ? go(wait, kind) : undefined
  } else if ((kind == 'unsure' || kind == 'dedupe') && resendAfter && !p.waited) d = go(resendAfter, kind)
  if (d) return d
  if (retry == 'send' && (p.waited || kind == 'unsure' || kind == 'dedupe' || kind == 'aborted')) {
    // A send that may have been delivered (an ambiguous answer, WeChat holding a send under this key,
    // the caller's abort after the request went out, or any failure after an earlier attempt that may
    // have arrived): never resend blindly, never call it failed.
    const { errcode, rid, status, message } = error
    error = new WxError('wx/outcome-unknown', `${call.path}: outcome unknown, not resent (${message})`, {
      path: call.path, errcode, rid, status, known: { ...error.known, errcode, rid, status, reason: error.code },
    })
  }
  return { retry: false, error }
}
