import { callApi, check, defineEndpoint, id64Schema, mediaIdSchema, openidSchema, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/**
 * Who receives a mass send: `'all'` (every follower), `{ tagId }` (followers with that tag: the seed's
 * group id) or an array of 2-10000 openids.
 */
export type MassTarget = 'all' | { tagId: number } | readonly string[]

/** Options of every mass send. */
export interface MassSendOptions extends CallOptions {
  /**
   * WeChat's dedupe key (at most 64 bytes): a second send with the same key within 24 h is not
   * delivered again (45065, reported as success with the first `msg_id`). Default: a SHA-256 of the
   * content and the target, so a retry of the same send dedupes, and so does the same content sent to
   * the same target again within 24 h: pass your own key to send it twice on purpose.
   */
  clientmsgid?: string
  /**
   * After an ambiguous failure (timeout, reset, 5xx, -1) or 45066, resend once after this many ms
   * (WeChat's dedupe window: the resend is then deduped, never delivered twice). Default 60000; 0
   * disables the resend (an ambiguous failure then throws `wx/outcome-unknown`).
   */
  resendAfter?: number
  /** For `mpnews`: go on when an article is judged a reprint (`send_ignore_reprint: 1`). Default: stop. */
  sendIgnoreReprint?: boolean
}

/** What a mass send returns. */
export interface MassSendResult {
  /** The mass message's id, exact (64-bit, as a string). */
  msg_id: string
  /** For `mpnews`: the id of the message's data (for analytics), exact. */
  msg_data_id?: string
  /** The `clientmsgid` that was sent (yours or the derived one). */
  clientmsgid: string
  /** True when WeChat answered 45065: this key was sent before, nothing was delivered again. */
  deduped: boolean
}

/** The default dedupe window of WeChat's mass send, ms. */
export const DEDUPE_WINDOW = 60_000

const tagIdSchema = () => v.pipe(v.number(), v.integer('Invalid tag id: expected an integer'), v.minValue(0, 'Invalid tag id: must be >= 0'))

/** Schema of `clientmsgid`: 1-64 bytes (WeChat answers 45067 above that). */
export const clientmsgidSchema = () =>
  v.pipe(v.string(), v.nonEmpty('clientmsgid must not be empty'), v.maxBytes(64, 'clientmsgid must be at most 64 bytes (errcode 45067)'))

const common = () => ({
  clientmsgid: clientmsgidSchema(),
  send_ignore_reprint: v.optional(v.picklist([0, 1])),
})

const output = () =>
  v.pipe(
    v.looseObject({ errcode: v.optional(v.number()), msg_id: id64Schema(), msg_data_id: v.optional(id64Schema()) }),
    v.transform(({ errcode, msg_id, msg_data_id }) => ({
      msg_id,
      ...(msg_data_id === undefined ? {} : { msg_data_id }),
      deduped: errcode === 45065,
    })),
  )

/** The two declarations of one message type: to all/a tag (`sendall`) and to openids (`send`). */
const flag = () => v.optional(v.picklist([0, 1]))

/** The `images` block of a mass image send (1–20 images, optional comment settings). */
export const imagesSchema = () =>
  v.optional(
    v.object({
      media_ids: v.pipe(v.array(mediaIdSchema()), v.minLength(1, 'Send at least one image'), v.maxLength(20, 'At most 20 images per message')),
      recommend: v.optional(v.string()),
      need_open_comment: flag(),
      only_fans_can_comment: flag(),
    }),
  )

export interface MassEndpoints {
  all: Endpoint<Omit<MassSendResult, 'clientmsgid'>>
  users: Endpoint<Omit<MassSendResult, 'clientmsgid'>>
}

/**
 * Declares `POST /cgi-bin/message/mass/sendall` and `/cgi-bin/message/mass/send` for one message
 * shape (`message()` gives the schema entries of `msgtype` and its payload).
 */
export const massEndpoints = /* @__NO_SIDE_EFFECTS__ */ (message: () => v.ObjectEntries): MassEndpoints => ({
  all: defineEndpoint({
    method: 'POST',
    path: '/cgi-bin/message/mass/sendall',
    retry: 'send',
    ok: [45065],
    body: () =>
      v.object({
        filter: v.union(
          [v.object({ is_to_all: v.literal(true) }), v.object({ is_to_all: v.literal(false), tag_id: tagIdSchema() })],
          'Invalid filter: expected { is_to_all: true } or { is_to_all: false, tag_id }',
        ),
        ...message(),
        ...common(),
      }),
    output,
  }),
  users: defineEndpoint({
    method: 'POST',
    path: '/cgi-bin/message/mass/send',
    retry: 'send',
    ok: [45065],
    body: () =>
      v.object({
        touser: v.pipe(
          v.array(openidSchema()),
          v.minLength(2, 'Send to at least 2 openids (errcode 40130); for one user use preview or a customer-service message'),
          v.maxLength(10000, 'Send to at most 10000 openids per call (errcode 40032)'),
        ),
        ...message(),
        ...common(),
      }),
    output,
  }),
})

const targetSchema = () =>
  v.union(
    [v.literal('all'), v.object({ tagId: tagIdSchema() }), v.array(v.string())],
    "Invalid target: expected 'all', { tagId } or an array of 2-10000 openids",
  )

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('')

/**
 * Derives a `clientmsgid` from what is sent and to whom: SHA-256 (WebCrypto) as 64 hex digits.
 * Openid lists are sorted first, so the same recipients in another order give the same key.
 */
export async function deriveClientMsgId(message: unknown, target: unknown): Promise<string> {
  const t = Array.isArray(target) ? [...target].sort() : target
  const data = new TextEncoder().encode(JSON.stringify(['wx-mass-v1', t, message]))
  return hex(await crypto.subtle.digest('SHA-256', data))
}

/**
 * Builds a mass send's body for its target (the target's shape is checked here, since it picks the
 * endpoint). The body itself is validated once, by the endpoint's schema in `callApi`.
 */
export function massBody(eps: MassEndpoints, msg: Record<string, unknown>, target: MassTarget, opts: MassSendOptions): { ep: MassEndpoints['all']; body: Record<string, unknown> } {
  check(targetSchema, target, eps.all.path)
  const message: Record<string, unknown> = { ...msg }
  const ep = Array.isArray(target) ? eps.users : eps.all
  const to = Array.isArray(target)
    ? { touser: target }
    : { filter: target === 'all' ? { is_to_all: true } : { is_to_all: false, tag_id: (target as { tagId: number }).tagId } }
  if (opts.sendIgnoreReprint !== undefined) message.send_ignore_reprint = opts.sendIgnoreReprint ? 1 : 0
  const body: Record<string, unknown> = { ...to, ...message, clientmsgid: opts.clientmsgid ?? 'derived' }
  return { ep, body }
}

/**
 * Sends one mass message: builds the body for the target, always carries a `clientmsgid` (the
 * caller's, or `derive` (default: a hash of message + target)), and lets core resend once after the
 * dedupe window when the outcome was ambiguous or WeChat answered 45066.
 */
export async function sendMass(
  ctx: WxContext,
  eps: MassEndpoints,
  msg: Record<string, unknown>,
  target: MassTarget,
  opts: MassSendOptions = {},
  derive: () => Promise<string> = () => deriveClientMsgId(msg, target),
): Promise<MassSendResult> {
  const { clientmsgid, resendAfter = DEDUPE_WINDOW, sendIgnoreReprint: _, ...call } = opts
  const { ep, body } = massBody(eps, msg, target, opts)
  body.clientmsgid = clientmsgid ?? (await derive())
  const res = await callApi(ctx, ep, { body, resendAfter }, call)
  return { ...res, clientmsgid: body.clientmsgid as string }
}
