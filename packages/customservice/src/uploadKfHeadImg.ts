import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { jpgForm, kfAccountSchema, type ImageInput } from './_kf.ts'

const PATH = '/customservice/kfaccount/uploadheadimg'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: PATH,
  retry: 'idempotent',
  media: true,
  query: () => v.object({ kf_account: kfAccountSchema() }),
  // Inside the call, after the query was checked: its deadline, signal and onError cover reading the file.
  prepare: async (req, signal) => ({ ...req, body: await jpgForm(req.body as ImageInput, Infinity, PATH, signal) }),
})

/**
 * Sets a customer-service account's head image (a JPG; 640×640 recommended).
 *
 * Calls `POST /customservice/kfaccount/uploadheadimg?kf_account=...` (multipart, field `media`) with the
 * media timeout. Takes a `Blob`/`File`, `Uint8Array`, `ArrayBuffer`, `ReadableStream` (read into a
 * `Blob` first, inside the call's deadline: FormData holds only Blobs) or `{ data, filename }`. A file
 * whose content is not a JPG is rejected before sending (`wx/validation`); WeChat documents no size
 * limit. Idempotent: retried on transient failures.
 * Errcodes that matter: 65401 (no such kf_account), 40005 (not a JPG), 40009 (image too large).
 *
 * @example
 * await uploadKfHeadImg(ctx, 'alice@gh_myaccount', new File([jpg], 'alice.jpg'))
 */
export async function uploadKfHeadImg(ctx: WxContext, kfAccount: string, file: ImageInput, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { query: { kf_account: kfAccount }, body: file }, opts)
}
