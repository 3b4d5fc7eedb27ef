import { nonEmpty, type Reply } from './_reply.ts'

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
 * @throws {WxError} `wx/validation` when `thumbMediaId` is empty.
 * @example
 * onMessage: () => musicReply({ thumbMediaId: 'THUMB_ID', title: 'Song', musicUrl: 'https://example.com/a.mp3' })
 */
export function musicReply(music: MusicReply): Reply {
  return { ...music, type: 'music', thumbMediaId: nonEmpty(music?.thumbMediaId, 'thumbMediaId') }
}
