import { callApi, defineEndpoint, stringifyWithId64, type ApiRequest, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** An article of a publish (or mass send) whose comments to manage: its `msg_data_id` and position. */
export interface CommentTarget {
  /** The `msg_data_id` from `publishDraft` (or `massSendNews`). */
  msg_data_id: string | number
  /** The article's position in the publish, from 0. Default 0 (the first article). */
  index?: number | undefined
}

/** One comment of an article. */
export interface CommentRef extends CommentTarget {
  /** The comment's id, from `listComments`. */
  user_comment_id: string | number
}

/** A whole number given as a number or digits, sent as a number. */
const whole = (name: string, min: number) =>
  v.pipe(
    v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,15}$/))], `${name}: expected a whole number`),
    v.transform(Number),
    v.integer(`${name}: expected a whole number`),
    v.minValue(min, `${name}: expected a whole number from ${min}`),
    v.maxValue(Number.MAX_SAFE_INTEGER, `${name}: too large`),
  )

/**
 * A `msg_data_id`: digits as `publishDraft` / `massSendNews` hand it out (an exact string, 64-bit ids
 * included) or a safe integer; validated to a string of digits, written as a number by `exactIdJson`.
 */
const msgDataIdSchema = () =>
  v.pipe(
    v.union(
      [v.pipe(v.number(), v.safeInteger(), v.minValue(1)), v.pipe(v.string(), v.regex(/^0*[1-9]\d{0,19}$/))],
      'msg_data_id: expected the id publishDraft returned (digits, as a string for 64-bit ids)',
    ),
    v.transform((x) => String(x).replace(/^0+/, '')),
  )

/**
 * `prepare` of the comment endpoints: the validated body as JSON, its leading `msg_data_id` written as a
 * JSON number with every digit kept (WeChat wants a number; a JS number would round a 64-bit id).
 */
export const exactIdJson = async (req: ApiRequest): Promise<ApiRequest> => ({
  ...req,
  body: stringifyWithId64(req.body as Record<string, unknown>, 'msg_data_id'),
})

/** `msg_data_id` (first: `exactIdJson` reads it there) + optional `index` (0-7). */
export const targetEntries = () => ({
  msg_data_id: msgDataIdSchema(),
  index: v.optional(v.pipe(v.number('index: expected a number'), v.integer('index: expected a whole number'), v.minValue(0, 'index starts at 0'), v.maxValue(7, 'index: at most 7 (8 articles)'))),
})

/** A comment's `user_comment_id`. */
export const commentIdSchema = () => whole('user_comment_id', 0)

/**
 * Declares one idempotent comment endpoint keyed by `msg_data_id` + `index` (and `user_comment_id`
 * when `withComment`). Each function gets its own declaration so a bundle holds only its own path.
 */
export const commentEndpoint = /* @__NO_SIDE_EFFECTS__ */ (path: string, withComment: boolean): Endpoint<unknown> =>
  defineEndpoint({
    method: 'POST',
    path,
    retry: 'idempotent',
    prepare: exactIdJson,
    body: () => (withComment ? v.object({ ...targetEntries(), user_comment_id: commentIdSchema() }) : v.object(targetEntries())),
  })

/** The body of a comment call: only the fields given (WeChat treats a missing `index` as 0). */
export function commentBody(t: CommentTarget | CommentRef | undefined, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const body: Record<string, unknown> = { msg_data_id: t?.msg_data_id, ...extra }
  if (t?.index != null) body.index = t.index
  // (`in` throws on a string or number: those reach the schema, which names the field.)
  if (t && typeof t == 'object' && 'user_comment_id' in t) body.user_comment_id = t.user_comment_id
  return body
}

/** Calls a comment endpoint that answers nothing but errcode 0. */
export async function commentCall(ctx: WxContext, ep: Endpoint<unknown>, t: CommentTarget | CommentRef, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, ep, { body: commentBody(t) }, opts)
}
