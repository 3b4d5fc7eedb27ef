import { checkReply, type Reply, type ReplyArticle } from './_reply.ts'

/**
 * A passive news (图文) reply. WeChat's rule: 1 article when replying to a user's text, image, video,
 * news or location message; up to 8 for events (subscribe, menu click, scan). WeChat drops the extras.
 * 1–8 are accepted here. Returned from `replyLater`'s work it is sent as a customer-service message,
 * which holds exactly 1 article: more is refused then (`wx/validation` to `onError`, nothing sent).
 * Calls no endpoint.
 *
 * @throws {WxError} `wx/validation` (stage `input`) when there are no articles or more than 8, or an
 *   article lacks a title or url (or a field is not a string or holds a character XML 1.0 does not allow).
 * @example
 * onMessage: () => newsReply([{ title: 'Hello', url: 'https://example.com', picUrl: 'https://example.com/a.jpg' }])
 */
export function newsReply(articles: ReplyArticle[]): Reply {
  return checkReply({ type: 'news', articles: Array.isArray(articles) ? articles.map((a) => ({ ...a })) : articles })
}
