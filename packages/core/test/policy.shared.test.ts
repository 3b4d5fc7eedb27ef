// The retry policy alone: no HTTP, no clock, no randomness beyond what is passed in.
import { WxError, decide, type FailureKind, type Progress } from '@wx/core'
import { describe, expect, it } from 'vitest'

const fresh = (p: Partial<Progress> = {}): Progress => ({ retries: 0, tokenRetried: false, waited: false, budget: 500, remaining: 15_000, ...p })
const err = (code: ConstructorParameters<typeof WxError>[0] = 'wx/api', errcode?: number) => new WxError(code, 'x', { errcode })
const half = () => 0.5
const call = (retry: 'read' | 'idempotent' | 'send', resendAfter?: number) => ({ path: '/p', retry, resendAfter })

describe('decide()', () => {
  it('token rejection: repeat at once, once, for every class', () => {
    for (const r of ['read', 'idempotent', 'send'] as const) {
      expect(decide('token', err(), call(r), fresh(), {}, 0, half)).toEqual({ retry: true, delay: 0, reason: 'token', cost: 0 })
      expect(decide('token', err(), call(r), fresh({ tokenRetried: true }), {}, 0, half).retry).toBe(false)
    }
  })

  it('not sent: backoff retry for every class, within attempts and budget', () => {
    expect(decide('not-sent', err('wx/network'), call('send'), fresh(), { baseDelay: 100 }, 0, half)).toEqual({ retry: true, delay: 50, reason: 'not-sent', cost: 5 })
    expect(decide('not-sent', err('wx/network'), call('send'), fresh({ retries: 2 }), {}, 0, half).retry).toBe(false)
    expect(decide('not-sent', err('wx/network'), call('read'), fresh({ budget: 4 }), {}, 0, half).retry).toBe(false)
  })

  it('unsure: reads and idempotent writes retry; a send throws wx/outcome-unknown with what is known', () => {
    expect(decide('unsure', err('wx/http'), call('read'), fresh(), {}, 0, half).retry).toBe(true)
    expect(decide('unsure', err('wx/http'), call('idempotent'), fresh(), {}, 0, half).retry).toBe(true)
    const d = decide('unsure', new WxError('wx/api', 'busy', { errcode: -1, rid: 'r1' }), call('send'), fresh(), {}, 0, half)
    expect(d.retry).toBe(false)
    if (!d.retry) expect(d.error).toMatchObject({ code: 'wx/outcome-unknown', errcode: -1, known: { errcode: -1, rid: 'r1', reason: 'wx/api' } })
  })

  it('a missing or misspelled retry class (from JavaScript) is a send: an ambiguous failure is never retried', () => {
    for (const retry of [undefined, 'sned', 'READ', null, 1]) {
      const d = decide('unsure', err('wx/http'), { path: '/p', retry: retry as never }, fresh(), {}, 0, half)
      expect(d).toMatchObject({ retry: false, error: { code: 'wx/outcome-unknown' } })
      expect(decide('rate-limit', err('wx/api', 45011), { path: '/p', retry: retry as never }, fresh(), {}, 60_000 * 1000 + 59_000, half).retry).toBe(false)
    }
  })

  it('a send with a dedupe key resends once after resendAfter, when the deadline allows', () => {
    expect(decide('unsure', err('wx/timeout'), call('send', 1000), fresh(), {}, 0, half)).toMatchObject({ retry: true, delay: 1000, reason: 'unsure' })
    expect(decide('dedupe', err('wx/api', 45066), call('send', 1000), fresh(), {}, 0, half)).toMatchObject({ retry: true, delay: 1000, reason: 'dedupe' })
    expect(decide('unsure', err('wx/timeout'), call('send', 1000), fresh({ waited: true }), {}, 0, half)).toMatchObject({ retry: false, error: { code: 'wx/outcome-unknown' } })
    expect(decide('unsure', err('wx/timeout'), call('send', 1000), fresh({ remaining: 999 }), {}, 0, half)).toMatchObject({ retry: false, error: { code: 'wx/outcome-unknown' } })
  })

  it('45011: waits for the next minute once, not for sends, not past maxRateLimitWait or the deadline', () => {
    const now = 60_000 * 1000 + 59_000 // one second before the minute turns
    expect(decide('rate-limit', err('wx/api', 45011), call('read'), fresh(), {}, now, half)).toMatchObject({ retry: true, delay: 1500, reason: 'rate-limit' })
    expect(decide('rate-limit', err('wx/api', 45011), call('send'), fresh(), {}, now, half).retry).toBe(false)
    expect(decide('rate-limit', err('wx/api', 45011), call('read'), fresh({ remaining: 1000 }), {}, now, half).retry).toBe(false)
    expect(decide('rate-limit', err('wx/api', 45011), call('read'), fresh(), { maxRateLimitWait: 1000 }, now, half).retry).toBe(false)
  })

  it('final and aborted failures are thrown as they are', () => {
    for (const kind of ['final', 'aborted'] as FailureKind[]) {
      const e = err('wx/api', 45009)
      expect(decide(kind, e, call('read'), fresh(), {}, 0, half)).toEqual({ retry: false, error: e })
    }
  })

  it('no retry is scheduled past the deadline', () => {
    expect(decide('unsure', err('wx/http'), call('read'), fresh({ remaining: 10 }), { baseDelay: 1000 }, 0, half).retry).toBe(false)
  })
})
