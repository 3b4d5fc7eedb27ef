/** Passive replies: types and rendering to WeChat's XML or JSON. Internal. */
import { invalidInput } from '@wx/core'

/** One article of a news reply. */
export interface ReplyArticle {
  title: string
  description?: string
  /** Image URL (large 360×200, small 200×200). */
  picUrl?: string
  url: string
}

/** A passive reply, built with `textReply`, `imageReply`, ... and returned from `onMessage`. */
export type Reply =
  | { readonly type: 'text'; readonly content: string }
  | { readonly type: 'image'; readonly mediaId: string }
  | { readonly type: 'voice'; readonly mediaId: string }
  | { readonly type: 'video'; readonly mediaId: string; readonly title?: string; readonly description?: string }
  | {
      readonly type: 'music'
      readonly thumbMediaId: string
      readonly title?: string
      readonly description?: string
      readonly musicUrl?: string
      readonly hqMusicUrl?: string
    }
  | { readonly type: 'news'; readonly articles: readonly ReplyArticle[] }
  | { readonly type: 'transfer_customer_service'; readonly kfAccount?: string }

/** What `onMessage` may return: a reply, a string (a text reply), or nothing (`success`). */
export type ReplyResult = Reply | string | null | undefined | void

/** `wx/validation` (stage `input`) naming the reply's field; the message never holds the value. */
export const invalid = (path: string, message: string) => invalidInput('reply', [{ path, message }])

/** A character outside XML 1.0's `Char` (controls but tab/LF/CR, U+FFFE/U+FFFF, lone surrogates). */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/u

/** Refuses text that XML 1.0 cannot hold (CDATA included): a reply must never be malformed XML. */
function xmlText(value: string, path: string): string {
  if (NOT_XML_CHAR.test(value)) throw invalid(path, 'holds a character XML 1.0 does not allow (e.g. a control character)')
  return value
}

export function nonEmpty(value: unknown, path: string): string {
  if (typeof value !== 'string' || value === '') throw invalid(path, 'must be a non-empty string')
  return xmlText(value, path)
}

type Tree = { [k: string]: string | number | Tree | Tree[] | undefined }

const opt = (v: unknown, path: string): string | undefined => {
  if (v !== undefined && typeof v !== 'string') throw invalid(path, 'must be a string')
  return v === undefined ? v : xmlText(v, path)
}

/** The reply's elements; checks every field, so a hand-made or wrong return value never renders. */
function body(r: Reply): Tree {
  switch (r?.type) {
    case 'text':
      return { Content: nonEmpty(r.content, 'content') }
    case 'image':
      return { Image: { MediaId: nonEmpty(r.mediaId, 'mediaId') } }
    case 'voice':
      return { Voice: { MediaId: nonEmpty(r.mediaId, 'mediaId') } }
    case 'video':
      return { Video: { MediaId: nonEmpty(r.mediaId, 'mediaId'), Title: opt(r.title, 'title'), Description: opt(r.description, 'description') } }
    case 'music':
      return {
        Music: {
          Title: opt(r.title, 'title'),
          Description: opt(r.description, 'description'),
          MusicUrl: opt(r.musicUrl, 'musicUrl'),
          HQMusicUrl: opt(r.hqMusicUrl, 'hqMusicUrl'),
          ThumbMediaId: nonEmpty(r.thumbMediaId, 'thumbMediaId'),
        },
      }
    case 'news':
      if (!Array.isArray(r.articles) || r.articles.length < 1 || r.articles.length > 8) throw invalid('articles', 'must hold 1 to 8 articles')
      return {
        ArticleCount: r.articles.length,
        Articles: r.articles.map((a, i) => ({
          Title: nonEmpty(a?.title, `articles.${i}.title`),
          Description: opt(a.description, `articles.${i}.description`),
          PicUrl: opt(a.picUrl, `articles.${i}.picUrl`),
          Url: nonEmpty(a.url, `articles.${i}.url`),
        })),
      }
    case 'transfer_customer_service':
      return r.kfAccount === undefined ? {} : { TransInfo: { KfAccount: nonEmpty(r.kfAccount, 'kfAccount') } }
    default:
      throw invalid('type', 'must be a reply (textReply(...), ...), a string, or nothing')
  }
}

/** Checks a reply the way rendering does (every builder and `replyLater` run it); returns it. Throws `wx/validation`. */
export function checkReply(r: Reply): Reply {
  body(r)
  return r
}

const cdata = (s: string) => `<![CDATA[${s.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`

function xml(t: Tree): string {
  let out = ''
  for (const [k, v] of Object.entries(t)) {
    if (v === undefined) continue
    if (Array.isArray(v)) out += `<${k}>${v.map((item) => `<item>${xml(item)}</item>`).join('')}</${k}>`
    else if (typeof v === 'object') out += `<${k}>${xml(v)}</${k}>`
    else out += `<${k}>${typeof v === 'number' ? v : cdata(v)}</${k}>`
  }
  return out
}

/** Renders a reply to the sender of a push (`to`), from the account (`from`). Throws `wx/validation` for an invalid reply. */
export function renderReply(r: Reply, to: string, from: string, now: number, json: boolean): string {
  const tree: Tree = { ToUserName: xmlText(to, 'ToUserName'), FromUserName: xmlText(from, 'FromUserName'), CreateTime: now, MsgType: r.type, ...body(r) }
  return json ? JSON.stringify(tree) : `<xml>${xml(tree)}</xml>`
}

/** Renders the envelope of an encrypted reply. */
export function renderEncrypted(encrypt: string, signature: string, timestamp: number, nonce: string, json: boolean): string {
  return json
    ? JSON.stringify({ Encrypt: encrypt, MsgSignature: signature, TimeStamp: timestamp, Nonce: nonce })
    : `<xml><Encrypt>${cdata(encrypt)}</Encrypt><MsgSignature>${cdata(signature)}</MsgSignature><TimeStamp>${timestamp}</TimeStamp><Nonce>${cdata(nonce)}</Nonce></xml>`
}
