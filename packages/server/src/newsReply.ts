import { checkReply, type Reply, type ReplyArticle } from './_reply.ts'

/**
 * A passive news (图文) reply. WeChat shows one article since 2018 (earlier up to 8); 1–8 are accepted
 * here and WeChat decides what it shows.
 *
 * @throws {WxError} `wx/validation` when there are no articles or more than 8, or an article lacks a
 *   title or url.
 * @example
 * onMessage: () => newsReply([{ title: 'Hello', url: 'https://example.com', picUrl: 'https://example.com/a.jpg' }])
 */
export function newsReply(articles: ReplyArticle[]): Reply {
  return checkReply({ type: 'news', articles: Array.isArray(articles) ? articles.map((a) => ({ ...a })) : articles })
}
