import { WxError, type WxContext } from '@wx/core'
import { sendImage, sendMusic, sendNews, sendText, sendVideo, sendVoice, type MusicMessage, type NewsArticle, type SendOptions, type VideoMessage } from '@wx/message'
import { badArg, isFn } from './_check.ts'
import { checkReply, type Reply, type ReplyResult } from './_reply.ts'
import type { PushInfo } from './createPushHandler.ts'

/** Drops `undefined` fields (the payload types use exact optional properties). */
const defined = <T>(o: Record<string, unknown>): T => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T

/** Sends a reply as a customer-service message. */
async function send(ctx: WxContext, openid: string, r: Reply, opts: SendOptions): Promise<void> {
  switch (r.type) {
    case 'text':
      return sendText(ctx, openid, r.content, opts)
    case 'image':
      return sendImage(ctx, openid, r.mediaId, opts)
    case 'voice':
      return sendVoice(ctx, openid, r.mediaId, opts)
    case 'video':
      return sendVideo(ctx, openid, defined<VideoMessage>({ mediaId: r.mediaId, title: r.title, description: r.description }), undefined, opts)
    case 'music':
      return sendMusic(
        ctx,
        openid,
        defined<MusicMessage>({ title: r.title, description: r.description, musicurl: r.musicUrl ?? '', hqmusicurl: r.hqMusicUrl, thumb_media_id: r.thumbMediaId }),
        opts,
      )
    case 'news':
      // A customer-service news message holds one article (WeChat answers 45008 for more); the user was
      // answered `success` already, so say plainly why nothing was sent.
      if (r.articles.length > 1)
        throw badArg('replyLater', 'articles', 'a news reply sent later is a customer-service message, which holds exactly 1 article: nothing was sent')
      return sendNews(ctx, openid, r.articles.map((a) => defined<NewsArticle>({ title: a.title, description: a.description, url: a.url, picurl: a.picUrl })), opts)
    default:
      throw new WxError('wx/validation', 'transfer_customer_service can only be a passive reply, not a customer-service message')
  }
}

/**
 * Answers WeChat at once (`success`) and finishes slow work afterwards, then sends its result to the
 * sender as a customer-service message through `@wx/message` (`sendText`, `sendImage`, ...). The work
 * is kept alive with the platform's `waitUntil` (Workers: pass the Worker's `ctx` to the handler), or
 * the handler's own queue on Node (`await handler.drain()` before shutting down).
 *
 * Return its result from `onMessage` (it is `undefined`, so WeChat gets `success`). Errors of `work`,
 * an invalid reply it returned (`wx/validation`, checked like a passive reply before sending) and errors
 * of the send (e.g. 45015: the 48-hour window closed) go to the handler's `onError`; they are never
 * retried (a `send` could deliver twice). A news reply takes exactly 1 article here (a customer-service
 * news message; a passive one takes up to 8): `work` runs after WeChat was answered, so more is only
 * found then, and is `wx/validation` to `onError` with nothing sent. `opts` (`timeout`, `signal`, ...) are
 * the send's: `work` itself is not timed (bound it yourself); a `signal` that fired before the work
 * finished means nothing is sent (`wx/aborted` to `onError`).
 *
 * @throws {WxError} `wx/validation` (stage `input`) when `push` is not the `onMessage` push info (no
 *   `message.FromUserName`, no `waitUntil`) or `work` is not a function. Nothing else is thrown.
 *
 * @example
 * onMessage: (m, push) => {
 *   if (m.type === 'text') return replyLater(ctx, push, async () => `Answer: ${await slowLookup(m.Content)}`)
 * }
 */
export function replyLater(ctx: WxContext, push: PushInfo, work: () => ReplyResult | Promise<ReplyResult>, opts: SendOptions = {}): undefined {
  const openid = push?.message?.FromUserName
  if (typeof openid !== 'string' || !isFn(push.waitUntil)) throw badArg('replyLater', 'push', "must be onMessage's second argument")
  if (!isFn(work)) throw badArg('replyLater', 'work', 'must be a function')
  push.waitUntil(
    (async () => {
      const r = await work()
      if (r === undefined || r === null || r === '') return
      await send(ctx, openid, checkReply(typeof r === 'string' ? { type: 'text', content: r } : r), opts)
    })(),
  )
  return undefined
}
