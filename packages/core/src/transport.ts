import { TIMED_OUT, stopped, type Deadline } from './deadline.ts'
import { WxError, redact } from './errors.ts'
import { parseJson } from './json.ts'
import type { Endpoint } from './endpoint.ts'
import type { FailureKind } from './policy.ts'

/** One HTTP request as core hands it to a transport. The URL carries the access token: never log it. */
export interface TransportRequest {
  url: string
  method: 'GET' | 'POST'
  headers: Record<string, string>
  /** A JSON string, `FormData`, a `Blob` or bytes (typed as `RequestInit['body']`: `BodyInit` exists only in the DOM lib). */
  body?: RequestInit['body'] | undefined
  /**
   * The call's deadline (caller's signal + timeout): abort the exchange when it fires. (Left out for
   * `nodeTransport()`, which listens on `dl` instead.)
   */
  signal: AbortSignal
  /**
   * The request must reach WeChat at most once (a `send`): the HTTP layer must not repeat it on its own,
   * e.g. after a reused keep-alive connection resets.
   */
  once: boolean
  /**
   * @internal The call's deadline itself (core always gives it). A transport marked `dl: 1` listens on it
   * and gets no `signal`: making an AbortSignal costs microseconds.
   */
  dl?: Deadline | undefined
}

/** The part of a `Response` core reads. A fetch `Response` is one. */
export interface TransportResponse {
  readonly status: number
  readonly headers: { get(name: string): string | null }
  text(): Promise<string>
  arrayBuffer(): Promise<ArrayBuffer>
}

/**
 * Sends one HTTP request and resolves with the answer, or rejects. A rejection whose error (or cause)
 * has `notSent: true`, or a connect-phase code (`ECONNREFUSED`, `ENOTFOUND`, `EAI_AGAIN`,
 * `UND_ERR_CONNECT`, `ConnectionRefused`), tells core the request never left; anything else counts as
 * "may have been delivered". The default is `fetchTransport()`; `@wx/core/node` has a faster one.
 */
export type Transport = (request: TransportRequest) => Promise<TransportResponse>

/**
 * The default transport: the platform `fetch` (or the one given). On Deno, requests that must reach
 * WeChat at most once go through an HTTP client without idle connections: Deno's `fetch` silently
 * repeats a POST whose reused keep-alive connection resets after delivery (denoland/deno#35610).
 *
 * @example
 * createContext({ appid, secret, transport: fetchTransport(myProxyFetch) })
 */
export function fetchTransport(f: typeof fetch = (...a) => fetch(...a)): Transport {
  let onceClient: unknown
  return ({ url, method, headers, body, signal, once }) => {
    // No redirect is followed (WeChat sends none): a 3xx is an unreadable answer, as on `nodeTransport`,
    // and a `send`'s body never goes to a second address.
    const init: RequestInit & { client?: unknown } = { method, headers, body: body ?? null, signal, redirect: 'manual' }
    const deno = (globalThis as any).Deno
    if (once && deno?.createHttpClient) init.client = onceClient ??= deno.createHttpClient({ poolMaxIdlePerHost: 0 })
    return f(url, init)
  }
}

/** @internal An exchange's result: WeChat's data, or a classified failure. */
export type Outcome = { ok: true; data: any; status: number; raw?: boolean } | { ok: false; kind: FailureKind; error: WxError }

/** @internal What the transport step needs to know about the endpoint. */
export type ExchangeSpec = Pick<Endpoint, 'path' | 'ok' | 'read' | 'auth'>

/** One-line hints for the errcodes people hit most. More: `@wx/core/errcodes`. */
const HINTS: Record<number, string> = {
  40164: 'whitelist this IP in the MP console',
  45009: 'daily quota used up: clearQuota',
  45015: '48 h reply window closed',
  48001: 'no permission for this API',
}

const NOT_SENT = /^(ECONNREFUSED|ENOTFOUND|EAI_AGAIN|UND_ERR_CONNECT|ConnectionRefused)|Connection refused|dns error/

/**
 * @internal The transport step: one HTTP exchange → WeChat's data, or a classified failure. Never
 * throws. `secrets` (secret, token) are redacted from every message it builds.
 */
export async function exchange(
  transport: Transport,
  spec: ExchangeSpec,
  request: TransportRequest,
  secrets: readonly (string | undefined)[],
): Promise<Outcome> {
  const { path } = spec
  let status: number | undefined
  let kind: FailureKind = 'unsure'
  let error: WxError
  try {
    const res = await transport(request)
    const st = (status = res.status)
    const text = spec.read ? await spec.read(res) : await res.text()
    if (typeof text != 'string') return { ok: true, data: text, status: st, raw: true }
    let data: any
    try {
      data = parseJson(text)
    } catch {}
    const errcode = data?.errcode ?? 0
    const n = +errcode
    // HTTP 4xx (not 429): the request was refused as it is. 5xx, 429, or an answer we cannot read (HTML
    // from a proxy, empty, truncated, an errcode that is no number): WeChat may have acted on it.
    // A 3xx (WeChat sends none; a proxy or portal does) is no answer of WeChat's, whatever its body says.
    if (st > 299 || typeof data != 'object' || !data || !(typeof errcode == 'number' ? Number.isInteger(n) : /^-?\d{1,12}$/.test(errcode))) {
      if (st > 399 && st < 500 && st != 429) kind = 'final'
      error = new WxError('wx/http', `${path}: HTTP ${st}${st > 299 ? '' : ', unreadable answer'}`, { path, status })
    } else if (!n || spec.ok?.includes(n)) return { ok: true, data, status: st }
    else {
      const errmsg = redact('' + (data.errmsg ?? ''), secrets)
      const hint = HINTS[n]
      // Any errcode from the token endpoints but -1 (busy) means: fix the configuration.
      error = new WxError(spec.auth !== undefined && n != -1 ? 'wx/config' : 'wx/api', `${path}: ${n} ${errmsg}${hint ? ` (${hint})` : ''}`, {
        errcode: n, errmsg, path, hint, status,
        rid: /rid:\s*([\w-]+)/.exec(errmsg)?.[1],
        ip: /invalid ip ([^\s,]+)/.exec(errmsg)?.[1],
        known: { msgid: data.msgid },
      })
      kind = spec.auth === undefined && (n == 40001 || n == 40014 || n == 42001) ? 'token' : n == -1 ? 'unsure' : n == 45011 ? 'rate-limit' : n == 45066 ? 'dedupe' : 'final'
    }
  } catch (e: any) {
    const dl = request.dl!
    if (dl.reason) {
      // Stopped by the deadline or the caller: ends as it is when the transport says the request had not
      // gone out (only its own flag counts: `e` may be the caller's abort reason); else a caller's abort,
      // like a timeout, may have reached WeChat.
      kind = e?.notSent === true ? 'final' : dl.reason !== TIMED_OUT ? 'aborted' : 'unsure'
      error = stopped(dl, path)
    } else {
      let code: unknown
      for (let c = e, i = 0; c && i < 5; c = c.cause, i++) {
        code ??= c.code
        if (c.notSent === true || NOT_SENT.test(c.code) || NOT_SENT.test(c.message)) kind = 'not-sent'
      }
      error = new WxError('wx/network', `${path}: connection failed (${redact(String(code ?? e?.cause?.message ?? e?.message), secrets)})`, { path, status, cause: { code } })
    }
  }
  return { ok: false, kind, error }
}
