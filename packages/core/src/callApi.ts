import { safeParse, type GenericSchema } from 'valibot'
import { emit, stateOf, type CallOptions, type ContextState, type WxContext } from './context.ts'
import { callOptions, deadline, positiveMs, within, type Deadline } from './deadline.ts'
import type { Endpoint } from './endpoint.ts'
import { WxError, isWxError, type WxIssue } from './errors.ts'
import { request, type Attempts } from './request.ts'
import { accessToken, invalidateToken } from './token.ts'
import type { TransportRequest } from './transport.ts'

export type { CallOptions }

/** What `callApi` sends besides the access token. */
export interface ApiRequest {
  query?: Record<string, string | number | boolean | undefined> | undefined
  /**
   * A JSON value (validated by the endpoint's `body` schema), a prepared JSON string, `FormData`, or
   * bytes (`Blob`, `ArrayBuffer`, a typed array) sent as they are.
   */
  body?: unknown
  /**
   * For `send` endpoints whose request carries a dedupe key WeChat honours (mass `clientmsgid`):
   * after an ambiguous failure (or 45066), resend once after this many ms instead of failing, when the
   * call's deadline leaves room for it.
   */
  resendAfter?: number | undefined
  /**
   * Values that authenticate this call besides the app's token and secret (a user's OAuth code or token, in
   * the query): redacted, like those, from the call's errors and from every hook event it emits.
   */
  secrets?: readonly string[] | undefined
}

/** Schemas built from their thunks, once each (building one per call would cost every call). */
const schemas = /* @__PURE__ */ new WeakMap<() => GenericSchema<unknown, any>, GenericSchema<unknown, any>>()

const built = <T>(schema: () => GenericSchema<unknown, T>): GenericSchema<unknown, T> => {
  let b = schemas.get(schema)
  if (!b) schemas.set(schema, (b = schema()))
  return b
}

/**
 * Issues as WxIssues. A string valibot quotes as received (`received "…"`) becomes `a string`: an answer's
 * field or an argument in the wrong place may be a credential, and issues reach errors and hooks.
 */
const issuesOf = (issues: readonly { path?: readonly { key: unknown }[] | undefined; message: string }[]): WxIssue[] =>
  issues.map((i) => ({ path: i.path?.map((p) => p.key).join('.') ?? '', message: i.message.replace(/(r)eceived ".*/is, '$1eceived a string') }))

/**
 * Validates input with a lazy schema, as the pipeline does for bodies and queries: returns the parsed
 * value or throws `wx/validation` (`stage: 'input'`: nothing was sent) naming each bad field. For checks
 * the pipeline cannot do (a whole list before chunking it into several calls).
 *
 * @example
 * check(() => v.array(openidSchema()), openids, "/cgi-bin/tags/members/batchtagging")
 */
export function check<T>(schema: (() => GenericSchema<unknown, T>) | undefined, value: unknown, path: string): T {
  if (!schema) return value as T
  const r = safeParse(built(schema), value)
  if (r.success) return r.output
  throw invalidInput(path, issuesOf(r.issues))
}

/**
 * Options of a factory or a helper, read the way every `@wx/*` package reads them: `{}` for `null` or
 * `undefined` (JavaScript's "no options"), `wx/config` naming `who` for anything but a plain object.
 *
 * Calls no endpoint.
 *
 * @example
 * const prefix = optionsOf(options, 'kvTokenStore').prefix ?? '' // `??`: a null field is the default too
 */
export function optionsOf<T extends object>(options: T | null | undefined, who: string): Partial<T> {
  const o: unknown = options ?? {}
  if (typeof o != 'object' || Array.isArray(o)) throw new WxError('wx/config', `${who}: options must be an object`)
  return o as Partial<T>
}

/**
 * The error for input refused before anything was sent: `wx/validation` with `stage: 'input'`, naming
 * each field. What `check` and the pipeline throw; for checks no schema expresses (a file's content).
 *
 * @example
 * throw invalidInput('/cgi-bin/media/upload', [{ path: 'media', message: 'the file is empty' }])
 */
export function invalidInput(path: string, issues: WxIssue[]): WxError {
  return new WxError('wx/validation', `${path}: ${issues.map((i) => i.path + ': ' + i.message).join('; ')} (invalid input: nothing was sent)`, {
    issues, path, stage: 'input',
  })
}

/**
 * Reads an answer with the endpoint's output schema, tolerantly: WeChat already acted (errcode 0), so a
 * mismatch never throws. It returns what could be read and is reported once per endpoint to `onSchemaDrift`.
 */
function tolerate<T>(s: ContextState, ep: Endpoint<T>, data: unknown): T {
  if (!ep.output) return data as T
  const r = safeParse(built(ep.output), data)
  if (r.success) return r.output
  if (!s.drifted.has(ep.path)) {
    s.drifted.add(ep.path)
    emit(s, 'onSchemaDrift', { endpoint: ep.path, issues: issuesOf(r.issues) })
  }
  return r.output as T
}

// Plain objects, arrays and strings first: touching FormData/Blob loads Node's undici (~30 ms on a first call).
const isBytes = (b: any) =>
  typeof b == 'object' && b?.constructor !== Object && !Array.isArray(b) && (b instanceof FormData || b instanceof Blob || b instanceof ArrayBuffer || ArrayBuffer.isView(b))

/**
 * Calls a WeChat endpoint through the SDK's one pipeline: validate input → the endpoint's async
 * `prepare` → [access token → one HTTP exchange (the transport step) → the retry policy] → read the
 * answer. One deadline (the call's `signal` and `timeout`) bounds all of it; with `resendAfter` it is
 * `2 × timeout + resendAfter` and each attempt ends after `timeout`. Every function of every
 * `@wx/*` package is a thin declaration over this; call it directly for endpoints the SDK does not wrap
 * yet (the successor of wechat-api's `mixin`/`patch`).
 *
 * Retries: token errcodes 40001/40014/42001 → compare-and-invalidate, refresh, repeat once (any class).
 * Connection refused before sending → retried (any class). Timeout, reset, HTTP 5xx/429, errcode -1, an
 * unreadable answer → retried with full-jitter backoff for `read`/`idempotent`; a `send` throws
 * `wx/outcome-unknown`. 45011 → one retry after the minute turns (not for sends). Everything else → thrown.
 * Every failed call reaches `hooks.onError` once.
 *
 * @example
 * const ep = defineEndpoint({ method: 'GET', path: '/cgi-bin/get_api_domain_ip', retry: 'read' })
 * const { ip_list } = await callApi(ctx, ep)
 */
export async function callApi<Out>(ctx: WxContext, ep: Endpoint<Out>, req?: ApiRequest | null, opts?: CallOptions | null): Promise<Out> {
  const s = stateOf(ctx)
  const path = ep?.path
  const at: Attempts = { attempt: 0 }
  let dl: Deadline | undefined
  try {
    const { timeout, signal } = callOptions(opts)
    req ??= {}
    const ms = timeout ?? (ep.media ? s.mediaTimeout : s.jsonTimeout)
    positiveMs(req.resendAfter === 0 ? undefined : req.resendAfter)
    // A send resent after `resendAfter` (WeChat dedupes it by key) has room for the wait and a second
    // attempt; each attempt still ends after `ms`.
    const d = (dl = deadline(req.resendAfter ? 2 * ms + req.resendAfter : ms, signal))
    let body = check(ep.body, req.body, path)
    let query = check(ep.query, req.query, path) as ApiRequest['query']
    let { resendAfter } = req
    // (No copy of `req` unless an endpoint prepares it: an object spread costs a call microseconds.)
    if (ep.prepare) ({ body, query, resendAfter } = await within(ep.prepare({ ...req, body, query }, d.signal), d.signal, path))
    // JSON values are serialized here; strings (prepared JSON), FormData and bytes go out as they are.
    const json = body !== undefined && !isBytes(body)
    if (json && typeof body != 'string') body = JSON.stringify(body)
    let url = s.base + path
    let sep = '?'
    // An endpoint that authenticates with the AppSecret itself: core adds it, no package ever reads it.
    if (ep.auth == 'secret') {
      if (!s.o.secret) throw new WxError('wx/config', `${path} needs the context's secret`, { path })
      query = { ...query, appid: ctx.appid, secret: s.o.secret }
    }
    for (const k in query) {
      const v = query[k]
      if (v !== undefined) (url += `${sep}${k}=${encodeURIComponent(v)}`), (sep = '&')
    }
    const out = await request(
      s,
      ep,
      url,
      body as TransportRequest['body'],
      json ? { 'content-type': 'application/json' } : {},
      d,
      at,
      resendAfter,
      ms,
      ep.auth !== undefined ? undefined : async () => (await accessToken(ctx, s, d)).accessToken,
      (t) => invalidateToken(ctx, t),
      req.secrets,
    )
    return out.raw ? out.data : tolerate(s, ep, out.data)
  } catch (e: any) {
    let error = isWxError(e) ? e : new WxError('wx/validation', `${path}: ${e?.message ?? e}`, { path })
    if (ep?.refine) error = ep.refine(error)
    emit(s, 'onError', { endpoint: path, attempt: at.attempt, error })
    throw error
  } finally {
    dl?.dispose()
  }
}
