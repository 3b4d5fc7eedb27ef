import type { GenericSchema } from 'valibot'
import type { ApiRequest } from './callApi.ts'
import type { RetryClass } from './context.ts'
import type { WxError } from './errors.ts'
import type { TransportResponse } from './transport.ts'

/**
 * A WeChat endpoint, declared once as data: method, path, retry class and lazy schemas.
 * Schemas are thunks so that bundlers drop the ones you never call (see STYLE: esbuild keeps
 * top-level valibot calls).
 */
export interface Endpoint<Out = unknown> {
  readonly method: 'GET' | 'POST'
  /** Path under the API host, e.g. `/cgi-bin/message/custom/send`. */
  readonly path: string
  /**
   * `read`: retried on any transient failure. `idempotent`: a write that gives the same result when
   * repeated (menu create, tag update): retried like a read. `send`: delivers something to a person
   * (messages, mass sends): only retried when WeChat certainly did not act on it (token rejected,
   * connection refused before sending).
   */
  readonly retry: RetryClass
  /** Validates the JSON body before anything is sent. */
  readonly body?: (() => GenericSchema) | undefined
  /** Validates the query (besides `access_token`) before anything is sent. */
  readonly query?: (() => GenericSchema) | undefined
  /** Validates and shapes WeChat's answer (after errcode 0). */
  readonly output?: (() => GenericSchema<unknown, Out>) | undefined
  /** Uses the media timeout (uploads, downloads). */
  readonly media?: boolean | undefined
  /**
   * Reads a non-JSON answer (media downloads): returns either the value to hand back, or a string to
   * be read as WeChat's JSON (an error). Use `readFile` from `@wx/core`.
   */
  readonly read?: ((res: TransportResponse) => Promise<unknown>) | undefined
  /**
   * Async preparation of a validated request, inside the call's deadline (hash a body, read a Blob or a
   * stream, add a derived field). Runs once per call after input validation and before the token; its
   * result is sent as it is (not validated again). Throw `wx/validation` (stage `input`) for bad input.
   */
  readonly prepare?: ((request: ApiRequest, signal: AbortSignal) => Promise<ApiRequest>) | undefined
  /**
   * Rewrites the error of a failed call once, before `hooks.onError` sees it and the caller gets it:
   * e.g. `/sns/*`, where errcodes about the user's code or token are `wx/api` with a hint, not the
   * `wx/config` of a token-less endpoint. Pure; return the error unchanged when it does not apply.
   */
  readonly refine?: ((error: WxError) => WxError) | undefined
  /** Errcodes that count as success and return the answer (e.g. 45065 for a deduped mass send). */
  readonly ok?: readonly number[] | undefined
  /**
   * `false`: no access token (the token endpoints, or a user's token in the query: `/sns/*`).
   * `'secret'`: no access token; the pipeline adds `appid` and `secret` to the query itself (e.g.
   * `/sns/oauth2/access_token`), so the secret never leaves core. Errcodes of both are `wx/config`.
   */
  readonly auth?: false | 'secret' | undefined
}

/**
 * Declares an endpoint. Mark the call `/* @__PURE__ *\/` so unused endpoints vanish from bundles.
 * Use it for any endpoint the SDK does not wrap yet, then call it with `callApi`.
 *
 * @example
 * const getCallbackIp = /* @__PURE__ *\/ defineEndpoint({ method: 'GET', path: '/cgi-bin/getcallbackip', retry: 'read' })
 * const { ip_list } = await callApi(ctx, getCallbackIp)
 */
export function defineEndpoint<Out = Record<string, any>>(def: Endpoint<Out>): Endpoint<Out> {
  return def
}

/** A file WeChat answered with (media downloads). */
export interface FileResult {
  data: Uint8Array
  contentType: string
  filename?: string
}

/**
 * Reads a media download: the bytes with content type and filename, or, when WeChat answered JSON
 * (its way of reporting errors on downloads, with HTTP 200, and of answering a video or news material),
 * that JSON's text for the pipeline. JSON is told by the body, not the content type: WeChat has sent
 * files labelled `text/plain` (their `contentType` is then `application/octet-stream`), so a plain-text
 * body with HTTP 200 that is no JSON (a proxy's "Service Unavailable") is taken for a file too. What is no file (a
 * redirect, an HTML page from a proxy or captive portal, an empty body, an error status) goes to the
 * pipeline as text too, where it is an unreadable answer: retried like any other read.
 *
 * @example
 * const getMedia = defineEndpoint<FileResult>({ method: 'GET', path: '/cgi-bin/media/get', retry: 'read', media: true, read: readFile })
 */
export async function readFile(res: TransportResponse): Promise<FileResult | string> {
  let contentType = res.headers.get('content-type') ?? ''
  if (/text\/html/i.test(contentType) || res.status > 299) return res.text()
  const data = new Uint8Array(await res.arrayBuffer())
  if (!data.length || /json/i.test(contentType) || JSON_START.test(String.fromCharCode(...data.subarray(0, 16)))) return new TextDecoder().decode(data)
  if (/^\s*text\/plain/i.test(contentType)) contentType = 'application/octet-stream'
  const name = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(res.headers.get('content-disposition') ?? '')?.[1]
  return name ? { data, contentType, filename: decodeName(name) } : { data, contentType }
}

/**
 * No media format starts with `{`: a body that does (after a UTF-8 byte order mark and white space, read
 * byte by byte) is JSON (an errcode, a video's or news' answer).
 */
const JSON_START = /^(?:\xEF\xBB\xBF)?\s*\{/

/** A percent-encoded filename, decoded; as given when it is not valid percent-encoding (`100%.jpg`). */
function decodeName(name: string): string {
  try {
    return decodeURIComponent(name)
  } catch {
    return name
  }
}
