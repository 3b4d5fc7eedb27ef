// Type tests, compiled by `pnpm typecheck` (tsc -p tsconfig.json: strict, exactOptionalPropertyTypes), never run.
// Each `@ts-expect-error` marks a call the types must refuse; every other line must compile.
import { createReadStream } from 'node:fs'
import { Readable } from 'node:stream'
import {
  callApi,
  createContext,
  defineEndpoint,
  getAccessToken,
  getLatestToken,
  getTokenInfo,
  isWxError,
  toBlob,
  type CallOptions,
  type ContextOptions,
  type FileData,
  type RetryOptions,
  type TransportRequest,
  type WxErrorCode,
  type WxHooks,
} from '@wx/core'
import { nodeTransport, type NodeTransportOptions } from '@wx/core/node'

declare const env: Record<string, string | undefined>
declare const maybe: <T>(value: T) => T | undefined

export async function exactOptional() {
  // exactOptionalPropertyTypes: a value that may be undefined is accepted wherever leaving it out is.
  const ctx = createContext({ appid: 'wx123', secret: env.WX_SECRET })
  const cfg: { timeout?: number; signal?: AbortSignal } = {}
  const call: CallOptions = { timeout: cfg.timeout, signal: cfg.signal }
  await getAccessToken(ctx, { timeout: cfg.timeout, signal: cfg.signal })
  await getTokenInfo(ctx, null)
  await getLatestToken(ctx, call)
  const options: ContextOptions = {
    appid: 'wx',
    secret: maybe('s'),
    tokenStore: undefined,
    getAccessToken: undefined,
    baseURL: env.WX_BASE_URL,
    fetch: undefined,
    transport: maybe(nodeTransport()),
    timeout: { json: maybe(1000), media: undefined },
    tokenMode: maybe('legacy' as const),
    hooks: { onError: undefined, onRetry: maybe((e) => void e.delay) },
    retry: { attempts: maybe(3), baseDelay: undefined, maxDelay: undefined, budget: undefined, maxRateLimitWait: undefined },
    storeTimeout: undefined,
    lockLease: maybe(5000),
  }
  createContext(options)
  const retry: RetryOptions = { attempts: cfg.timeout }
  const hooks: WxHooks = {
    onRequest: undefined,
    onResponse: undefined,
    onRetry: undefined,
    onTokenRefresh: undefined,
    onError: undefined,
    onStoreError: undefined,
    onSchemaDrift: undefined,
  }
  const node: NodeTransportOptions = { maxSockets: maybe(8), idleTimeout: undefined, agents: { http: undefined, https: undefined }, maxAnswerBytes: undefined }
  nodeTransport(node)
  nodeTransport(null)
  const ep = defineEndpoint({ method: 'GET', path: '/cgi-bin/x', retry: 'read', media: maybe(true), ok: undefined, auth: undefined })
  await callApi(ctx, ep, { query: undefined, resendAfter: maybe(10) }, null)
  void retry
  void hooks
}

export function refused() {
  // @ts-expect-error appid is required
  createContext({ secret: 's' })
  // @ts-expect-error tokenMode is 'stable' or 'legacy'
  createContext({ appid: 'wx', secret: 's', tokenMode: 'fast' })
  // @ts-expect-error a timeout is a number of ms
  createContext({ appid: 'wx', secret: 's', timeout: '5000' })
  // @ts-expect-error a hook gets its own event (onError: ErrorEvent, not RequestEvent)
  createContext({ appid: 'wx', secret: 's', hooks: { onError: (e: { method: string }) => void e.method } })
  // @ts-expect-error getAccessToken resolves the token
  createContext({ appid: 'wx', getAccessToken: () => 'tok' })
  // @ts-expect-error call options are { signal, timeout }
  void getAccessToken(createContext({ appid: 'wx', secret: 's' }), { timeout: '1' })
}

export function known(e: unknown) {
  if (!isWxError(e) || e.code !== 'wx/outcome-unknown') return
  // `known` is typed: no cast to read what the SDK puts there.
  const reason: WxErrorCode | undefined = e.known?.reason
  const msgid: number | string | undefined = e.known?.msgid
  const errcode: number | undefined = e.known?.errcode
  const rid: string | undefined = e.known?.rid
  const status: number | undefined = e.known?.status
  // @ts-expect-error not one of its fields
  void e.known?.msg_id
  // @ts-expect-error reason is a WxErrorCode, not any string
  const bad: 'timeout' | undefined = e.known?.reason
  void [reason, msgid, errcode, rid, status, bad]
}

export async function files(request: Request) {
  // A Node stream made a web stream: typed `ReadableStream<any>` by @types/node, accepted as it is.
  const fromNode: FileData = Readable.toWeb(createReadStream('a.mp4'))
  await toBlob(fromNode)
  await toBlob(request.body!)
  await toBlob(new Uint8Array(1))
  // @ts-expect-error a path is not file content
  await toBlob('./a.jpg')
}

// A transport's request body: what `fetch` takes (`RequestInit['body']`, no DOM-only `BodyInit` in the types).
export const passOn = (r: TransportRequest): RequestInit => ({ method: r.method, headers: r.headers, body: r.body ?? null, signal: r.signal })
