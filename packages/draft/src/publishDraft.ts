import { callApi, defineEndpoint, id64Schema, mediaIdSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** A publish job (发布任务). */
export interface PublishJob {
  /** Follow it with `getPublishStatus`, or match it with the `PUBLISHJOBFINISH` push. */
  publish_id: string
  /** The publish's `msg_data_id`, which the comment functions take. */
  msg_data_id: string
}

const endpoint = /* @__PURE__ */ defineEndpoint<PublishJob>({
  method: 'POST',
  path: '/cgi-bin/freepublish/submit',
  retry: 'send',
  body: () => v.object({ media_id: mediaIdSchema() }),
  output: () =>
    v.pipe(
      v.looseObject({ publish_id: id64Schema(), msg_data_id: v.optional(id64Schema(), '') }),
      v.transform(({ publish_id, msg_data_id }) => ({ publish_id, msg_data_id })),
    ),
})

/**
 * Publishes a draft (发布草稿, free publishing: no push to followers, no daily limit). The draft leaves
 * the draft box. Publishing is asynchronous: the result arrives as the `PUBLISHJOBFINISH` push
 * (@wx/server: `message.type === 'PUBLISHJOBFINISH'`) and through `getPublishStatus`.
 *
 * Calls `POST /cgi-bin/freepublish/submit`. A `send`: never resent after an ambiguous failure (a second
 * call could publish twice): check `batchGetPublished` instead.
 * Errcodes that matter: 40007 (no such draft), 53503 (the draft failed the pre-publish check),
 * 53504 (the draft must be published from the MP console), 53505 (save the draft manually in the
 * console first), 48001 (no publishing permission: see `enableDraftSwitch`).
 *
 * @example
 * const { publish_id, msg_data_id } = await publishDraft(ctx, mediaId)
 */
export function publishDraft(ctx: WxContext, mediaId: string, opts?: CallOptions | null): Promise<PublishJob> {
  return callApi(ctx, endpoint, { body: { media_id: mediaId } }, opts)
}
