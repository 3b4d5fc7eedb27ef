import { callApi, defineEndpoint, id64Schema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { digits, publishIdSchema } from './_schemas.ts'

/**
 * The state of a publish job: 0 published, 1 publishing, 2 failed the originality check, 3 failed,
 * 4 rejected by review, 5 deleted after publishing, 6 banned after publishing.
 */
export type PublishStatusCode = 0 | 1 | 2 | 3 | 4 | 5 | 6

/** What `getPublishStatus` answers. */
export interface PublishStatus {
  publish_id: string
  publish_status: PublishStatusCode
  /** Set once published (`publish_status` 0): the id `getPublishedArticle` takes. */
  article_id?: string
  /** Set once published: each article's permanent link (`idx` from 1). */
  article_detail?: { count: number; item: { idx: number; article_url: string }[] }
  /** The articles (from 1) that failed, for statuses 2-4. */
  fail_idx: number[]
}

const endpoint = /* @__PURE__ */ defineEndpoint<PublishStatus>({
  method: 'POST',
  path: '/cgi-bin/freepublish/get',
  retry: 'read',
  body: () => v.object({ publish_id: publishIdSchema() }),
  output: () =>
    v.looseObject({
      publish_id: id64Schema(),
      publish_status: v.number(),
      article_id: v.optional(v.string()),
      article_detail: v.optional(
        v.looseObject({ count: v.number(), item: v.optional(v.array(v.looseObject({ idx: v.number(), article_url: v.string() })), []) }),
      ),
      fail_idx: v.optional(v.array(v.number()), []),
    }) as unknown as v.GenericSchema<unknown, PublishStatus>,
})

/**
 * Reads the state of a publish job (发布状态轮询): poll it until `publish_status` is not 1, or wait for
 * the `PUBLISHJOBFINISH` push instead.
 *
 * Calls `POST /cgi-bin/freepublish/get`. Errcodes that matter: 40007 (unknown publish_id).
 *
 * @example
 * const s = await getPublishStatus(ctx, publish_id)
 * if (s.publish_status === 0) console.log(s.article_id, s.article_detail?.item[0]?.article_url)
 */
export function getPublishStatus(ctx: WxContext, publishId: string, opts?: CallOptions | null): Promise<PublishStatus> {
  return callApi(ctx, endpoint, { body: { publish_id: digits(publishId) } }, opts)
}
