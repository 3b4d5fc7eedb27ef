import { nonEmpty, type Reply } from './_reply.ts'

/**
 * A passive image reply, with the `media_id` of an uploaded image.
 *
 * @throws {WxError} `wx/validation` when `mediaId` is empty.
 * @example
 * onMessage: () => imageReply('MEDIA_ID')
 */
export function imageReply(mediaId: string): Reply {
  return { type: 'image', mediaId: nonEmpty(mediaId, 'mediaId') }
}
