import { safeParse, type GenericSchema } from 'valibot'
import { emit, stateOf, type ContextState, type ResponseEvent, type RetryEvent, type WxContext } from './context.ts'
import type { Endpoint } from './endpoint.ts'
import { WxError, redact } from './errors.ts'
import { parseJson } from './json.ts'
import { getAccessToken, invalidateToken } from './token.ts'

/** Per-call options every endpoint function accepts last. */
export interface CallOptions {
  /** Cancels the call (and any wait for a retry). */
  signal?: AbortSignal
  /** Overrides the context's timeout for this call, ms. */
  timeout?: number
}

/** What `callApi` sends besides the access token. */
export interface ApiRequest {
  query?: Record<string, string | number | boolean | undefined>
  /**
   * A JSON value (validated by the endpoint's `body` schema), a prepared JSON string, `FormData`, or
   * bytes (`Blob`, `ArrayBuffer`, a typed array) sent as they are.
   */
  body?: unknown
  /**
   * For `send` endpoints whose request carries a dedupe key WeChat honours (mass `clientmsgid`):
   * after an ambiguous failure (or 45066), resend once after this many ms instead of failing.
   */
  resendAfter?: number
}

/** One-line hints for the errcodes people hit most. More: `@wx/core/errcodes`. */
const HINTS: Record<number, string> = {
  40164: 'add this IP to the whitelist in the MP console',
  45009: 'daily quota used up, see clearQuota',
  45015: 'reply window (48 h) closed',
  48001: 'no permission for this API',
}

/** Schemas built from their thunks, once each (building one per call would cost every call). */
const schemas = /* @__PURE__ */ new WeakMap<() => GenericSchema<unknown, any>, GenericSchema<unknown, any>>()

/**
 * Validates a value with a lazy schema, as the pipeline does for bodies: returns the parsed value or
 * throws `wx/validation` naming each bad field. For checks the pipeline cannot do (a whole list before
 * chunking it into several calls).
 *
 * @example
 * check(() => v.array(openidSchema()), openids, "/cgi-bin/tags/members/batchtagging")
 */
export function check<T>(schema: (() => GenericSchema<unknown, T>) | undefined, value: unknown, path: string): T {
  let built = schema && (schemas.get(schema) as GenericSchema<unknown, T> | undefined)
  if (schema && !built) schemas.set(schema, (built = schema()))
  const r = built ? safeParse(built, value) : { success: true as const, output: value as T }
  if (r.success) return r.output
  const issues = r.issues.map((i) => ({ path: i.path?.map((p) => p.key).join('.') ?? '', message: i.message }))
  throw new WxError('wx/validation', `${path}: ${issues.map((i) => i.path + ': ' + i.message).join('; ')}`, { issues, path })
}

const aborted = () => new WxError('wx/aborted', 'aborted')

/**
 * Calls a WeChat endpoint through the SDK's one pipeline: input validation, access token, timeout,
 * errcode handling, retry policy, output validation, hooks. Every function of every `@wx/*` package
 * is a thin declaration over this; call it directly for endpoints the SDK does not wrap yet (the
 * successor of wechat-api's `mixin`/`patch`).
 *
 * Retries: token errcodes 40001/40014/42001 → compare-and-invalidate, refresh, repeat once (any class).
 * Connection refused before sending → retried (any class). Timeout, reset, HTTP 5xx/429, errcode -1 →
 * retried with full-jitter backoff for `read`/`idempotent`; a `send` throws `wx/outcome-unknown`.
 * 45011 → one retry after the minute turns (not for sends). 45009 and everything else → thrown.
 *
 * @example
 * const ep = defineEndpoint({ method: 'GET', path: '/cgi-bin/get_api_domain_ip', retry: 'read' })
 * const { ip_list } = await callApi(ctx, ep)
 */
export async function callApi<Out>(ctx: WxContext, ep: Endpoint<Out>, req: ApiRequest = {}, opts: CallOptions = {}): Promise<Out> {
  const s = stateOf(ctx)
  const { path, method, retry } = ep
  const r = s.o.retry ?? {}
  const signal = opts.signal
  let body = check(ep.body, req.body, path)
  const query = check(ep.query, req.query, path) as object
  // JSON values are serialized here; strings (prepared JSON), FormData and bytes (Blob, ArrayBuffer,
  // typed arrays) go out as they are.
  const json = body !== undefined && !(body instanceof FormData || body instanceof Blob || body instanceof ArrayBuffer || ArrayBuffer.isView(body))
  if (json && typeof body != 'string') body = JSON.stringify(body)
  let attempt = 0
  let retries = 0
  let spent = 0
  let authRetried: unknown
  let waited: unknown
  const fail = (error: WxError) => (emit(s, 'onError', { endpoint: path, attempt, error }), error)
  for (;;) {
    if (signal?.aborted) throw fail(aborted())
    const token = ep.auth === false ? '' : await getAccessToken(ctx, opts)
    const ev = { endpoint: path, method, attempt: ++attempt }
    emit(s, 'onRequest', ev)
    const started = Date.now()
    // 'not-sent': WeChat certainly did not act; 'unsure': it may have; 'token'/'rate-limit'/'dedupe': errcodes.
    let kind: 'not-sent' | 'unsure' | 'token' | 'rate-limit' | 'dedupe' | undefined
    let error: WxError
    let data: any
    // Our own timer beside the caller's signal, so that a timeout and an abort can be told apart.
    const ac = new AbortController()
    const abort = () => ac.abort()
    const timer = setTimeout(abort, opts.timeout ?? (ep.media ? s.mediaTimeout : s.jsonTimeout))
    signal?.addEventListener('abort', abort)
    try {
      const url = new URL(s.base + path)
      for (const [k, v] of Object.entries({ ...query, access_token: token || undefined }))
        if (v !== undefined) url.searchParams.set(k, '' + v)
      const res = await (s.o.fetch ?? fetch)(url, {
        method,
        body: body as BodyInit,
        headers: json ? { 'content-type': 'application/json' } : {},
        signal: ac.signal,
      })
      const status = res.status
      const text = ep.read ? await ep.read(res) : await res.text()
      if (typeof text != 'string') return settle(s, spent, text as Out)
      try {
        data = parseJson(text)
      } catch {}
      if (status > 499 || status == 429) kind = 'unsure'
      if (kind || status > 399 || !data) throw new WxError('wx/http', `${path}: HTTP ${status}${data ? '' : ', no JSON'}`, { path, status })
      const errcode = +(data.errcode ?? 0)
      // Only error answers carry text worth redacting and a rid.
      const errmsg = errcode ? redact('' + (data.errmsg ?? '')) : data.errmsg
      const rid = errcode ? /rid:\s*([\w-]+)/.exec(errmsg)?.[1] : undefined
      emit(s, 'onResponse', { ...ev, status, errcode, errmsg, rid, duration: Date.now() - started } as ResponseEvent)
      if (!errcode || ep.ok?.includes(errcode)) return settle(s, spent, check(ep.output, data, path))
      const hint = HINTS[errcode]
      // Any errcode from the token endpoints but -1 (busy) means: fix the configuration.
      error = new WxError(!token && errcode != -1 ? 'wx/config' : 'wx/api', `${path}: ${errcode} ${errmsg}${hint ? ` (${hint})` : ''}`, {
        errcode, errmsg, path, rid, hint, ip: /invalid ip ([^\s,]+)/.exec(errmsg)?.[1],
      })
      kind =
        token && (errcode == 40001 || errcode == 40014 || errcode == 42001) ? 'token'
        : errcode == -1 ? 'unsure'
        : errcode == 45011 ? 'rate-limit'
        : errcode == 45066 ? 'dedupe'
        : undefined
    } catch (e: any) {
      if (signal?.aborted) throw fail(aborted())
      if (e instanceof WxError && !kind) throw fail(e)
      let code: unknown
      const timedOut = ac.signal.aborted
      for (let c = e, i = 0; c && i < 5; c = c.cause, i++) code ??= c.code
      error = timedOut
        ? new WxError('wx/timeout', `${path}: timed out`, { path })
        : kind
          ? e
          : new WxError('wx/network', `${path}: connection failed (${code ?? e.cause?.message ?? e.message})`, { path, cause: { code } })
      kind = !timedOut && /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT)/.test(code as string) ? 'not-sent' : 'unsure'
    } finally {
      clearTimeout(timer)
      signal?.removeEventListener('abort', abort)
    }
    // Whether and when to go again.
    let delay = -1
    const cost = error.code == 'wx/timeout' ? 10 : 5
    if (kind == 'token' && !authRetried) {
      authRetried = 1
      delay = 0
      invalidateToken(ctx, token)
    } else if (kind == 'not-sent' || (kind == 'unsure' && retry != 'send')) {
      if (retries + 1 < (r.attempts ?? 3) && s.budget >= cost)
        delay = Math.random() * Math.min(r.maxDelay ?? 5000, (r.baseDelay ?? 200) * 2 ** retries)
    } else if (kind == 'rate-limit' && retry != 'send' && !waited) {
      delay = 60_000 - (Date.now() % 60_000) + Math.random() * 1000
      waited = delay <= (r.maxRateLimitWait ?? 61_000)
      if (!waited) delay = -1
    } else if ((kind == 'unsure' || kind == 'dedupe') && req.resendAfter && !waited) {
      delay = req.resendAfter
      waited = 1
    } else if (kind == 'unsure') {
      // A send that may have been delivered: never resend blindly.
      const { errcode, rid, status, message } = error
      error = new WxError('wx/outcome-unknown', `${path}: outcome unknown (${message}): not resent, that could deliver twice`, {
        path, errcode, known: { errcode, rid, status, msgid: data?.msgid },
      })
    }
    if (delay < 0) throw fail(error)
    if (kind != 'token') {
      retries++
      s.budget -= cost
      spent += cost
    }
    emit(s, 'onRetry', { ...ev, reason: kind!, errcode: error.errcode, errmsg: error.errmsg, rid: error.rid, delay } as RetryEvent)
    if (delay)
      await new Promise((resolve, reject) => {
        const t = setTimeout(resolve, delay)
        signal?.addEventListener('abort', () => (clearTimeout(t), reject(fail(aborted()))))
      })
  }
}

/** Refunds the retry budget after a success: what its retries cost, or 1. */
function settle<T>(s: ContextState, spent: number, value: T): T {
  s.budget = Math.min(s.o.retry?.budget ?? 500, s.budget + (spent || 1))
  return value
}
