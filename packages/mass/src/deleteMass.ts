import { callApi, check, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { msgIdBody } from './_msgId.ts'

/** Options of `deleteMass`. */
export interface DeleteMassOptions extends CallOptions {
  /** Delete only this article of a news message (1 = the first). Default: the whole message. */
  articleIdx?: number | undefined
}

const PATH = '/cgi-bin/message/mass/delete'
const endpoint = /* @__PURE__ */ defineEndpoint({ method: 'POST', path: PATH, retry: 'idempotent' })
const articleIdxSchema = () => v.optional(v.pipe(v.number(), v.integer('articleIdx: expected an integer'), v.minValue(0, 'articleIdx: 1 is the first article (0 or none: every article)')))

/**
 * Deletes a mass message (删除群发): its detail page becomes unavailable; what users received stays.
 *
 * Calls `POST /cgi-bin/message/mass/delete` with `msg_id` written as an exact JSON number (64-bit ids
 * survive). Only messages that were sent successfully can be deleted. Idempotent: retried after
 * transient failures. Errcodes that matter: 47003 (unknown msg_id), 48001 (no permission).
 *
 * `msgId` is the string a mass send answers; a number is accepted while it is a safe integer.
 *
 * @example
 * const { msg_id } = await massSendNews(ctx, mediaId, 'all')
 * await deleteMass(ctx, msg_id)
 * await deleteMass(ctx, msg_id, { articleIdx: 2 })
 */
export async function deleteMass(ctx: WxContext, msgId: string | number, opts?: DeleteMassOptions | null): Promise<void> {
  const articleIdx = opts?.articleIdx ?? undefined
  check(articleIdxSchema, articleIdx, PATH)
  await callApi(ctx, endpoint, { body: msgIdBody(msgId, PATH, articleIdx === undefined ? {} : { article_idx: articleIdx }) }, opts)
}
