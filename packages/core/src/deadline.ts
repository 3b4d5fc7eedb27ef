import { WxError } from './errors.ts'

/** The abort reason of a call whose time ran out (anything else aborting it is the caller). */
export const TIMED_OUT = /* @__PURE__ */ Symbol.for('wx.timeout')

/**
 * @internal One deadline for a whole call: the caller's signal and the call's timeout in one signal,
 * with one timer. Everything the call waits on (token, lock, store, HTTP, backoff) takes `signal`.
 */
export interface Deadline {
  /** Made on first read (an `AbortSignal` costs microseconds): most calls never need one. */
  readonly signal: AbortSignal
  /** Epoch ms when the call times out. */
  readonly at: number
  /** Why it fired (never falsy): `TIMED_OUT`, the caller's reason, or 'aborted'; `undefined` while it has not. */
  reason?: unknown
  /** One callback a transport may set to hear it fire without making the signal. */
  on?: (() => void) | undefined
  /** Clears the timer and the listener on the caller's signal. Call once the call settles. */
  dispose(): void
}

/** The calls in flight under one caller signal, and the one listener that aborts them all. */
type Following = Set<() => void> & { all?: () => void }

/**
 * The calls in flight under each caller signal: the signal gets one listener however many calls share
 * it (an app-wide shutdown signal on 50 concurrent calls: Node warns of a leak past 10 listeners), and
 * none once they ended.
 */
const following = /* @__PURE__ */ new WeakMap<AbortSignal, Following>()

/**
 * @internal Throws `wx/config` unless each of `ms` is unset (`undefined`/`null`: the default) or a
 * positive number of milliseconds (`Infinity` too): a NaN, zero or negative timeout would time every call
 * out at once, like a network fault; a string would make the deadline's arithmetic a concatenation.
 */
export function positiveMs(...ms: unknown[]): void {
  for (const v of ms) if (v != null && !(typeof v == 'number' && v > 0)) throw new WxError('wx/config', `timeouts must be positive numbers of ms, got ${typeof v == 'number' ? v : typeof v}`)
}

/**
 * @internal The call options `{ signal, timeout }`, checked: `undefined`/`null` mean none (JS callers pass
 * `null` for "no options"). Throws `wx/config` for anything but an object, a `signal` that is not an
 * `AbortSignal` (a string would throw a TypeError deep inside the call) or a timeout `positiveMs` refuses.
 */
export function callOptions(o: unknown): { signal?: AbortSignal | undefined; timeout?: number | undefined } {
  if (o == null) return {}
  const { signal, timeout } = o as { signal?: AbortSignal; timeout?: number }
  if (typeof o != 'object' || (signal != null && typeof signal.addEventListener != 'function')) throw new WxError('wx/config', 'call options must be { signal?: AbortSignal, timeout?: ms }')
  positiveMs(timeout)
  return o
}

/**
 * @internal Creates the deadline of a call: `ms` from now, or earlier when `parent` aborts. `weak`: its
 * timer does not keep the process alive (work nobody waits for, such as an unlock after the call).
 */
export function deadline(ms: number, parent?: AbortSignal, weak?: boolean): Deadline {
  // A controller itself: its `signal` is made on first read (in Node), which most calls never do.
  const fire = (why: unknown) => (dl.abort((dl.reason = why)), dl.on?.())
  const stop = () => fire(parent!.reason || 'aborted')
  // Timers take at most 2^31-1 ms (~24.8 days); a longer delay (or Infinity) would fire at once.
  const timer = setTimeout(fire, Math.min(ms, 2 ** 31 - 1), TIMED_OUT)
  if (weak) (timer as { unref?(): void }).unref?.()
  let calls = parent && following.get(parent)
  const dl: AbortController & Deadline = Object.assign(new AbortController(), {
    at: Date.now() + ms,
    dispose() {
      clearTimeout(timer)
      // The last call under the signal removes its listener.
      if (calls?.delete(stop) && !calls.size) parent!.removeEventListener('abort', calls.all!), following.delete(parent!)
    },
  })
  if (parent?.aborted) stop()
  else if (parent) {
    if (!calls) {
      const c: Following = (calls = new Set())
      c.all = () => c.forEach((f) => f())
      following.set(parent, c)
      parent.addEventListener('abort', c.all)
    }
    calls.add(stop)
  }
  return dl
}

/** @internal The error for a signal that fired: `wx/timeout` for our deadline, else `wx/aborted`. */
export function stopped(signal: { readonly reason?: unknown }, path = ''): WxError {
  const t = signal.reason === TIMED_OUT
  return new WxError(t ? 'wx/timeout' : 'wx/aborted', `${path && path + ': '}${t ? 'timed out' : 'aborted'}`, { path })
}

/**
 * Waits for `promise`, or rejects with `wx/timeout` (the call's deadline) or `wx/aborted` (the caller's
 * signal) as soon as `signal` fires; the promise itself goes on, its result ignored. Leaves no listener
 * behind. For packages that wait on something of their own within a call (`withDeadline`).
 *
 * Calls no endpoint.
 *
 * @example
 * const ticket = await within(source(type, signal), signal, 'getTicket')
 */
export function within<T>(promise: Promise<T>, signal: AbortSignal, path?: string): Promise<T> {
  // Its result ignored, but handled: a rejection of it must not become an unhandled one (a crash in Node).
  if (signal.aborted) return promise.catch(() => {}), Promise.reject(stopped(signal, path))
  return new Promise<T>((resolve, reject) => {
    const stop = () => reject(stopped(signal, path))
    signal.addEventListener('abort', stop)
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', stop))
  })
}

/** @internal Sleeps `ms`, or rejects with `stopped(signal)` when it fires first. Leaves no timer or listener. */
export function sleep(ms: number, signal: AbortSignal, path?: string): Promise<void> {
  let timer: ReturnType<typeof setTimeout>
  return within(new Promise<void>((r) => (timer = setTimeout(r, ms))), signal, path).finally(() => clearTimeout(timer))
}
