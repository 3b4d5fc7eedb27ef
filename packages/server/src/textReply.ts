import { nonEmpty, type Reply } from './_reply.ts'

/**
 * A passive text reply. Returning a plain string from `onMessage` does the same.
 *
 * @throws {WxError} `wx/validation` when `content` is empty.
 * @example
 * onMessage: (m) => (m.type === 'text' ? textReply(`You said: ${m.Content}`) : undefined)
 */
export function textReply(content: string): Reply {
  return { type: 'text', content: nonEmpty(content, 'content') }
}
