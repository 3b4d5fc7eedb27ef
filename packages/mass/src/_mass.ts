import { callApi, defineEndpoint, id64Schema, invalidInput, maxUtf8Bytes, mediaIdSchema, openidSchema, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
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
  clientmsgid?: string | undefined
  /**
   * After an ambiguous failure (timeout, reset, 5xx, -1) or 45066, resend once after this many ms
   * (WeChat's dedupe window: the resend is then deduped, never delivered twice). Default 60000 (also
   * for `null`); 0 or `Infinity` disables the resend (an ambiguous failure then throws
   * `wx/outcome-unknown`). With a resend,
   * `timeout` bounds each attempt and the call takes at most `2 × timeout + resendAfter`.
   */
  resendAfter?: number | undefined
  /** For `mpnews`: go on when an article is judged a reprint (`send_ignore_reprint: 1`). Default: stop. */
  sendIgnoreReprint?: boolean | undefined
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

/*
 * The schemas of the send path use only the valibot pieces every bundle already has (object, string,
 * pipe, regex, nonEmpty, optional) and a small shared set (number, array, check, custom, transform):
 * a mass send then adds little besides its own code.
 */

const TARGET = "Invalid target: expected 'all', { tagId } (an integer >= 0) or an array of 2-10000 openids"

/** Schema of `clientmsgid`: 1-64 bytes (WeChat answers 45067 above that). */
export const clientmsgidSchema = () =>
  v.pipe(v.string(), v.nonEmpty('clientmsgid must not be empty'), maxUtf8Bytes(64, 'clientmsgid must be at most 64 bytes (errcode 45067)'))

const common = () => ({
  clientmsgid: clientmsgidSchema(),
  // Set by `massBody` from the boolean option: 0 or 1.
  send_ignore_reprint: v.optional(v.number()),
})

/** A mass send's answer as documented (`sendMass` builds the result from it, drifted or not). */
interface MassAnswer {
  errcode?: number | undefined
  msg_id: string
  msg_data_id?: string | undefined
}

const output = () => v.object({ errcode: v.optional(v.number()), msg_id: id64Schema(), msg_data_id: v.optional(id64Schema()) })

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
  all: Endpoint<MassAnswer>
  users: Endpoint<MassAnswer>
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
        // `massBody` builds the filter from the target: `{ is_to_all: true }`, or `is_to_all: false` and
        // the tag id (null when the target was neither 'all', an array, nor `{ tagId }`).
        filter: v.object({
          is_to_all: v.custom<boolean>((x) => typeof x === 'boolean'),
          tag_id: v.optional(v.custom<number>((n) => Number.isInteger(n) && (n as number) >= 0, TARGET)),
        }),
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
          v.check(
            (a) => a.length >= 2 && a.length <= 10000,
            'Send to 2-10000 openids per call (errcodes 40130, 40032); for one user use preview or a customer-service message',
          ),
        ),
        ...message(),
        ...common(),
      }),
    output,
  }),
})

const hex = (b: ArrayBuffer) => Array.from(new Uint8Array(b), (x) => x.toString(16).padStart(2, '0')).join('')

/**
 * Derives a `clientmsgid` from what is sent and to whom: SHA-256 (WebCrypto), its first 128 bits as 32
 * hex digits. (WeChat documents 64 bytes, but has answered 45067 "too long" to keys of 34–36
 * characters.) Openid lists are sorted first, so the same recipients in another order give the same
 * key. Input JSON cannot carry (a BigInt, a cycle) is `wx/validation`, before anything is sent.
 */
export async function deriveClientMsgId(message: unknown, target: unknown): Promise<string> {
  const t = Array.isArray(target) ? [...target].sort() : target
  let json: string
  try {
    json = JSON.stringify(['wx-mass-v1', t, message])
  } catch (e) {
    throw invalidInput(`/cgi-bin/message/mass/${Array.isArray(target) ? 'send' : 'sendall'}`, [{ path: 'message', message: `cannot be sent as JSON (${(e as Error).message})` }])
  }
  return hex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(json))).slice(0, 32)
}

/**
 * Builds a mass send's body for its target (an array picks `send`, anything else `sendall`). The body,
 * and so the target, is validated once, by the endpoint's schema in `callApi`.
 */
export function massBody(eps: MassEndpoints, msg: Record<string, unknown>, target: MassTarget, opts?: MassSendOptions | null): { ep: MassEndpoints['all']; body: Record<string, unknown> } {
  const message: Record<string, unknown> = { ...msg }
  const ep = Array.isArray(target) ? eps.users : eps.all
  const to = Array.isArray(target)
    ? { touser: target }
    : { filter: target === 'all' ? { is_to_all: true } : { is_to_all: false, tag_id: (target as { tagId?: number } | null)?.tagId ?? null } }
  if (opts?.sendIgnoreReprint != null) message.send_ignore_reprint = opts.sendIgnoreReprint ? 1 : 0
  const body: Record<string, unknown> = { ...to, ...message, clientmsgid: opts?.clientmsgid ?? 'derived' }
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
  opts?: MassSendOptions | null,
  derive: () => Promise<string> = () => deriveClientMsgId(msg, target),
): Promise<MassSendResult> {
  const { ep, body } = massBody(eps, msg, target, opts)
  body.clientmsgid = opts?.clientmsgid ?? (await derive())
  // `??`, not a destructuring default: `resendAfter: null` is the default too, never "no resend".
  const { errcode, msg_id, msg_data_id } = await callApi(ctx, ep, { body, resendAfter: opts?.resendAfter ?? DEDUPE_WINDOW }, opts)
  // Built here, not by a schema transform: an answer that drifted from the docs (no msg_id, errcode
  // "45065") comes back untransformed and must still say whether it was deduped.
  return {
    msg_id: msg_id == null ? msg_id : String(msg_id),
    ...(msg_data_id != null && { msg_data_id: String(msg_data_id) }),
    deduped: Number(errcode) === 45065,
    clientmsgid: body.clientmsgid as string,
  }
}
