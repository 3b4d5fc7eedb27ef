import { createContext, getAccessToken, invalidateToken, stateOf, type WxContext } from '@wx/core'

/** What `uploadPicture` accepts as the image. */
export type ImageData = Blob | Uint8Array | ArrayBuffer | ReadableStream<Uint8Array>

/** Collects any of the web byte types into one Blob (a stream is read to its end). */
export async function toBlob(data: ImageData): Promise<Blob> {
  if (data instanceof Blob) return data
  if (data instanceof ReadableStream) return new Response(data).blob()
  if (data instanceof ArrayBuffer) return new Blob([data])
  if (data instanceof Uint8Array) return new Blob([data as Uint8Array<ArrayBuffer>])
  return data
}

const TOKEN_ERRCODES = /"errcode"\s*:\s*(40001|40014|42001)\b/

/**
 * A stopgap until `@wx/core`'s `callApi` can send a raw byte body (it passes only strings and
 * `FormData` through, and JSON-encodes anything else). Returns a one-call context whose `fetch`
 * replaces the placeholder body with `bytes`, and which borrows the caller's token, hooks, timeouts
 * and retry policy. A token WeChat rejects during the call is invalidated on the caller's context, so
 * the pipeline's one refresh-and-repeat still works and later calls do not reuse the bad token.
 */
export function withRawBody(ctx: WxContext, bytes: Blob): WxContext {
  const o = stateOf(ctx).o
  const send = o.fetch ?? globalThis.fetch
  let rejected: string | undefined
  return createContext({
    ...o,
    async getAccessToken(signal) {
      if (rejected) invalidateToken(ctx, rejected)
      rejected = undefined
      return getAccessToken(ctx, signal ? { signal } : {})
    },
    async fetch(input, init) {
      const res = await send(input, { ...init, body: bytes, headers: { 'content-type': bytes.type || 'application/octet-stream' } })
      if (/json|text/.test(res.headers.get('content-type') ?? '')) {
        const m = TOKEN_ERRCODES.exec(await res.clone().text())
        if (m) rejected = new URL(typeof input == 'string' || input instanceof URL ? input : input.url).searchParams.get('access_token') ?? undefined
      }
      return res
    },
  })
}
