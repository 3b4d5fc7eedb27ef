import { nonEmpty, type Reply } from './_reply.ts'

/** A video reply's content. */
export interface VideoReply {
  mediaId: string
  title?: string
  description?: string
}

/**
 * A passive video reply.
 *
 * @throws {WxError} `wx/validation` when `mediaId` is empty.
 * @example
 * onMessage: () => videoReply({ mediaId: 'MEDIA_ID', title: 'Demo' })
 */
export function videoReply(video: VideoReply): Reply {
  return { ...video, type: 'video', mediaId: nonEmpty(video?.mediaId, 'mediaId') }
}
