import { emit, type ContextState, type ResponseEvent, type RetryEvent } from './context.ts'
import { deadline, sleep, stopped, type Deadline } from './deadline.ts'
import type { Endpoint } from './endpoint.ts'
import { decide, retryClassOf, type Progress } from './policy.ts'
import { exchange, type TransportRequest } from './transport.ts'

/** @internal What the attempt loop needs of the endpoint. */
export type RequestSpec = Pick<Endpoint, 'path' | 'method' | 'retry' | 'ok' | 'read' | 'auth'>

/** @internal The attempt loop's progress, readable by the caller (for `onError`). */
export interface Attempts {
  attempt: number
}

/**
 * @internal The attempt loop: token (when `token` is given) → one exchange (the transport step) →
 * the pure policy decides to return, throw, or wait and go again. Everything waits within `dl`.
 * `invalidate` is told which token WeChat rejected before the one repeat. With `resendAfter` (a send
 * WeChat dedupes by key), each exchange also ends after `attemptMs`, so a hung one leaves time to resend.
 */
export async function request(
  s: ContextState,
  spec: RequestSpec,
  url: string,
  body: TransportRequest['body'],
  headers: Record<string, string>,
  dl: Deadline,
  at: Attempts,
  resendAfter?: number,
  attemptMs?: number,
  token?: () => Promise<string>,
  invalidate?: (failed: string) => void,
  secrets: readonly string[] = [],
): Promise<{ data: any; raw?: boolean | undefined }> {
  const { path, method } = spec
  const retry = retryClassOf(spec.retry)
  const hooks = s.o.hooks
  const p: Progress = { retries: 0, budget: 0, remaining: 0 }
  let spent = 0
  // Throws once the deadline fired (without making its signal).
  const throwIfFired = () => {
    if (dl.reason) throw stopped(dl, path)
  }
  for (;;) {
    throwIfFired()
    const t = token
      ? await token().catch((e) => {
          throwIfFired()
          throw e
        })
      : ''
    // The token wait may have used the time up: never send after the deadline.
    throwIfFired()
    const ev = { endpoint: path, method, attempt: ++at.attempt }
    if (hooks) emit(s, 'onRequest', ev)
    const started = Date.now()
    // The exchange's own deadline: the call's, or (with a resend) `attemptMs` within it.
    const x = resendAfter ? deadline(attemptMs!, dl.signal) : dl
    const out = await exchange(
      s.transport,
      spec,
      { url: t ? `${url}${url.includes('?') ? '&' : '?'}access_token=${encodeURIComponent(t)}` : url, method, headers, body, signal: (s.transport as { dl?: 1 }).dl ? (undefined as never) : x.signal, once: retry == 'send', dl: x },
      // `redact` skips the empty token of a call without one.
      [s.o.secret, t, ...secrets],
    )
    if (x !== dl) x.dispose()
    const e = out.ok ? undefined : out.error
    const status = out.ok ? out.status : e!.status
    if (hooks && status) emit(s, 'onResponse', { ...ev, status, errcode: e?.errcode ?? 0, errmsg: e?.errmsg, rid: e?.rid, duration: Date.now() - started } as ResponseEvent)
    if (out.ok) {
      // Refund the retry budget: what this call's retries cost, or 1.
      s.budget = Math.min(s.o.retry?.budget ?? 500, s.budget + (spent || 1))
      return out
    }
    const { error } = out
    p.budget = s.budget
    p.remaining = dl.at - Date.now()
    const d = decide(out.kind, error, { path, retry, resendAfter }, p, s.o.retry || undefined)
    if (!d.retry) throw d.error
    if (d.reason == 'token') {
      p.tokenRetried = true
      invalidate?.(t)
    } else {
      p.retries++
      p.waited ||= d.reason == 'rate-limit' || d.reason == 'dedupe' || (d.reason == 'unsure' && retry == 'send')
      s.budget -= d.cost
      spent += d.cost
    }
    if (hooks) emit(s, 'onRetry', { ...ev, reason: d.reason, errcode: error.errcode, errmsg: error.errmsg, rid: error.rid, delay: d.delay } as RetryEvent)
    if (d.delay)
      await sleep(d.delay, dl.signal, path).catch((stop) => {
        // Stopped while waiting to resend a send that may have gone out: its outcome is unknown.
        const unknown = p.waited && retry == 'send' ? decide('unsure', error, { path, retry: 'send' }, p) : undefined
        throw unknown && !unknown.retry ? unknown.error : stop
      })
  }
}

