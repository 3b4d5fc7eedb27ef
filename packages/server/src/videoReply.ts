import { checkReply, type Reply } from './_reply.ts'

/** A video reply's content. */
export interface VideoReply {
  mediaId: string
  title?: string
  description?: string
}

/**
 * A passive video reply.
 *
 * Calls no endpoint.
 *
 * @throws {WxError} `wx/validation` (stage `input`) when `mediaId` is empty, or a field is not a string or
 *   holds a character XML 1.0 does not allow (a control character, U+FFFE/U+FFFF, a lone surrogate).
 * @example
 * onMessage: () => videoReply({ mediaId: 'MEDIA_ID', title: 'Demo' })
 */
export function videoReply(video: VideoReply): Reply {
  return checkReply({ ...video, type: 'video' })
}
