import { nonEmpty, type Reply } from './_reply.ts'

/**
 * A passive text reply. Returning a plain string from `onMessage` does the same.
 *
 * @throws {WxError} `wx/validation` when `content` is empty or holds a character XML 1.0 does not allow
 *   (a control character other than tab, LF and CR; U+FFFE/U+FFFF; a lone surrogate).
 * @example
 * onMessage: (m) => (m.type === 'text' ? textReply(`You said: ${m.Content}`) : undefined)
 */
export function textReply(content: string): Reply {
  return { type: 'text', content: nonEmpty(content, 'content') }
}
