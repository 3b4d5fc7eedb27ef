import * as v from 'valibot'

/**
 * Schema helpers shared by every `@wx/*` package. Each returns a fresh schema; call them inside lazy
 * thunks only, never at module top level.
 */

/**
 * An openid: non-empty, no whitespace.
 *
 * @example
 * v.object({ touser: openidSchema() })
 */
export const openidSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,64}$/, 'Invalid openid: expected 1-64 letters, digits, _ or -'))

/**
 * A media id as WeChat hands them out.
 *
 * @example
 * v.object({ media_id: mediaIdSchema() })
 */
export const mediaIdSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,128}$/, 'Invalid media_id: expected 1-128 letters, digits, _ or -'))

/**
 * A non-empty string of at most `max` UTF-8 bytes.
 *
 * @example
 * v.object({ remark: textSchema(30) })
 */
export const textSchema = (max: number) => v.pipe(v.string(), v.nonEmpty('Must not be empty'), v.maxBytes(max))

/**
 * A 64-bit id (msg_id, msgid): WeChat's number or our exact string, always handed out as a string.
 *
 * @example
 * v.looseObject({ msg_id: id64Schema() }) // '3147483652123456789' stays exact
 */
export const id64Schema = () =>
  // `custom`, not a `union` of string and number: a union adds its own code to every bundle that reads an id.
  v.pipe(v.custom<string | number>((x) => typeof x === 'string' || typeof x === 'number', 'Expected a 64-bit id'), v.transform(String))

let utf8: TextEncoder | undefined

/**
 * A check (a valibot action, for `v.pipe(v.string(), ...)`) that a string is at most `max` UTF-8 bytes,
 * as WeChat counts its byte limits.
 *
 * @example
 * v.pipe(v.string(), v.nonEmpty('clientmsgid must not be empty'), maxUtf8Bytes(64, 'clientmsgid must be at most 64 bytes'))
 */
export const maxUtf8Bytes = (max: number, message: string) => v.check((s: string) => (utf8 ??= new TextEncoder()).encode(s).length <= max, message)

/**
 * A check (a valibot action, for `v.pipe(v.string(), ...)`) that a string is at most `max` characters
 * counted as WeChat's "字" limits count them: one per code point, so an emoji is one, not two UTF-16 units
 * (valibot's `maxLength` counts those).
 *
 * @example
 * v.pipe(v.string(), maxChars(32, 'Title: at most 32 characters'))
 */
export const maxChars = (max: number, message: string) => v.check((s: string) => s.length <= max || [...s].length <= max, message)

/**
 * An http(s) URL.
 *
 * @example
 * v.object({ url: urlSchema() })
 */
export const urlSchema = () => v.pipe(v.string(), v.regex(/^https?:\/\/\S+$/, 'Invalid URL: expected http(s)://...'))

/**
 * An http(s) URL or `''`, for fields where WeChat reads an empty string as "no link" (an article's
 * `content_source_url`: clients send `""` for articles without one, and WeChat accepts it).
 *
 * @example
 * v.object({ content_source_url: v.optional(urlOrEmptySchema()) })
 */
export const urlOrEmptySchema = () => v.pipe(v.string(), v.regex(/^(?:https?:\/\/\S+)?$/, 'Invalid URL: expected http(s)://..., or "" for none'))

/**
 * The HTML content of an article (drafts, news material): non-empty, under 20,000 characters and 1 MB.
 *
 * @example
 * v.object({ content: articleContentSchema() })
 */
export const articleContentSchema = () =>
  v.pipe(
    v.string(),
    v.nonEmpty('Content must not be empty'),
    v.maxLength(20_000, 'Content must be under 20,000 characters'),
    v.maxBytes(1024 * 1024, 'Content must be under 1 MB'),
  )
