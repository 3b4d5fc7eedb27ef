import { nonEmpty, type Reply } from './_reply.ts'

/**
 * A passive voice reply, with the `media_id` of an uploaded voice file.
 *
 * @throws {WxError} `wx/validation` when `mediaId` is empty.
 * @example
 * onMessage: () => voiceReply('MEDIA_ID')
 */
export function voiceReply(mediaId: string): Reply {
  return { type: 'voice', mediaId: nonEmpty(mediaId, 'mediaId') }
}
