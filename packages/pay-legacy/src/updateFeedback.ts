import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'GET',
  path: '/payfeedback/update',
  // Marking a complaint handled twice leaves it handled.
  retry: 'idempotent',
  query: () =>
    v.object({
      openid: openidSchema(),
      feedbackid: v.pipe(
        v.union([v.string(), v.pipe(v.number(), v.safeInteger())], 'feedbackid: expected the complaint id (digits)'),
        v.transform(String),
        v.regex(/^\d{1,32}$/, 'feedbackid: expected the complaint id (digits)'),
      ),
    }),
})

/**
 * Marks a buyer's payment complaint (维权投诉) as handled, for the 2014 Official Account payment.
 *
 * Calls `GET /payfeedback/update?openid=...&feedbackid=...`. Pass 64-bit complaint ids as strings.
 * Errcodes that matter: 40003 (invalid openid), 48001 (no payment permission).
 *
 * @deprecated The 2014 payment was replaced by WeChat Pay API v3 (complaints: `/v3/merchant-service/complaints-v2`).
 *
 * @example
 * await updateFeedback(ctx, 'oX99MDgNcgwnz3zFN3DNmo8uwa-w', '5883726847655944563')
 */
export async function updateFeedback(ctx: WxContext, openid: string, feedbackId: string | number, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { query: { openid, feedbackid: feedbackId } }, opts)
}
