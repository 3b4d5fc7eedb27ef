import { checkReply, type Reply } from './_reply.ts'

/** A music reply's content. */
export interface MusicReply {
  /** `media_id` of the thumbnail (required by WeChat). */
  thumbMediaId: string
  title?: string
  description?: string
  musicUrl?: string
  /** Played on Wi-Fi instead of `musicUrl`. */
  hqMusicUrl?: string
}

/**
 * A passive music reply.
 *
 * Calls no endpoint.
 *
 * @throws {WxError} `wx/validation` (stage `input`) when `thumbMediaId` is empty, or a field is not a string or
 *   holds a character XML 1.0 does not allow (a control character, U+FFFE/U+FFFF, a lone surrogate).
 * @example
 * onMessage: () => musicReply({ thumbMediaId: 'THUMB_ID', title: 'Song', musicUrl: 'https://example.com/a.mp3' })
 */
export function musicReply(music: MusicReply): Reply {
  return checkReply({ ...music, type: 'music' })
}
