import { articleContentSchema, maxChars, mediaIdSchema, urlOrEmptySchema } from '@wx/core'
import * as v from 'valibot'

/** `0` or `1`, as WeChat's switches are written. */
const flag = () => v.optional(v.picklist([0, 1], 'Expected 0 or 1'))

/** A crop of the cover, `X1_Y1_X2_Y2` with coordinates from 0 to 1 (e.g. `0.1945_0_1_0.5236`). */
const cropSchema = () =>
  v.pipe(v.string(), v.regex(/^(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)(?:_(?:0(?:\.\d{1,6})?|1(?:\.0{1,6})?)){3}$/, 'Invalid crop: expected X1_Y1_X2_Y2 with coordinates 0-1, e.g. 0.1945_0_1_0.5236'))

/**
 * 1-64 characters. WeChat's api_draft_add page says 32 (字), but WeChat accepts up to 64 (the MP console
 * too) and answers 45003 (title size out of limit) only above that: a 32 cap would refuse valid calls.
 */
const title = () => v.pipe(v.string(), v.nonEmpty('Title must not be empty'), maxChars(64, 'Title: at most 64 characters'))

/**
 * Schema of one draft article, a news article (图文) or an image post (图片消息, `article_type: 'newspic'`).
 * Loose: fields it does not check (`product_info`, `cover_info`, fields WeChat adds later) go to WeChat
 * as given, never dropped.
 */
export const draftArticleSchema = () =>
  v.variant('article_type', [
    v.looseObject({
      article_type: v.optional(v.literal('news')),
      title: title(),
      author: v.optional(v.pipe(v.string(), maxChars(16, 'Author: at most 16 characters'))),
      digest: v.optional(v.pipe(v.string(), maxChars(128, 'Digest: at most 128 characters'))),
      content: articleContentSchema(),
      content_source_url: v.optional(urlOrEmptySchema()),
      thumb_media_id: mediaIdSchema(),
      need_open_comment: flag(),
      only_fans_can_comment: flag(),
      pic_crop_235_1: v.optional(cropSchema()),
      pic_crop_1_1: v.optional(cropSchema()),
    }),
    v.looseObject({
      article_type: v.literal('newspic'),
      title: title(),
      content: v.string(),
      image_info: v.object({
        image_list: v.pipe(
          v.array(v.object({ image_media_id: mediaIdSchema() })),
          v.minLength(1, 'An image post needs at least 1 image'),
          v.maxLength(20, 'An image post has at most 20 images'),
        ),
      }),
      need_open_comment: flag(),
      only_fans_can_comment: flag(),
    }),
  ])

/** One article of a draft. `article_type` defaults to `news`. */
export type DraftArticle = NewsDraftArticle | ImageDraftArticle

/** A news article (图文消息). */
export interface NewsDraftArticle {
  article_type?: 'news' | undefined
  /** At most 64 characters (WeChat's page says 32, but WeChat accepts 64 and answers 45003 above that). */
  title: string
  /** At most 16 characters. */
  author?: string | undefined
  /** At most 128 characters; single-article drafts only (WeChat takes the first 54 characters of the body otherwise). */
  digest?: string | undefined
  /** HTML, under 20,000 characters and 1 MB; images must be URLs from `uploadImg` (@wx/media). */
  content: string
  /** "Read more" link. */
  content_source_url?: string | undefined
  /** A permanent image material (`addMaterial`) as the cover. */
  thumb_media_id: string
  need_open_comment?: 0 | 1 | undefined
  only_fans_can_comment?: 0 | 1 | undefined
  /** Cover crop for the 2.35:1 card, `X1_Y1_X2_Y2` (0-1). */
  pic_crop_235_1?: string | undefined
  /** Cover crop for the 1:1 card. */
  pic_crop_1_1?: string | undefined
  /** A product card at the end of the article, e.g. `{ footer_product_info: { product_key } }` (errcodes 53404-53406). */
  product_info?: ProductInfo | undefined
}

/** The product card of an article (sent as given). */
export interface ProductInfo {
  footer_product_info?: { product_key?: string | undefined; [field: string]: unknown } | undefined
  [field: string]: unknown
}

/** An image post (图片消息): 1-20 permanent images and plain text. */
export interface ImageDraftArticle {
  article_type: 'newspic'
  /** At most 64 characters, as a news article's. */
  title: string
  /** Plain text and a few special tags (WeChat documents no length limit; checked by WeChat only). */
  content: string
  image_info: { image_list: { image_media_id: string }[] }
  /** The cover's crops, e.g. `{ crop_percent_list: [{ ratio: '1_1', x1: '0', y1: '0', x2: '1', y2: '1' }] }` (sent as given). */
  cover_info?: { crop_percent_list?: { ratio: string; x1: string | number; y1: string | number; x2: string | number; y2: string | number }[] | undefined; [field: string]: unknown } | undefined
  product_info?: ProductInfo | undefined
  need_open_comment?: 0 | 1 | undefined
  only_fans_can_comment?: 0 | 1 | undefined
}

/** The 1-8 articles of a draft. */
export const draftArticlesSchema = () => v.pipe(v.array(draftArticleSchema()), v.minLength(1, 'At least 1 article'), v.maxLength(8, 'At most 8 articles'))

/** An article as WeChat answers it (draft or published). */
export interface ArticleItem {
  title: string
  author?: string
  digest?: string
  content?: string
  content_source_url?: string
  thumb_media_id?: string
  thumb_url?: string
  /** The article's link (a temporary link for drafts). */
  url?: string
  need_open_comment?: number
  only_fans_can_comment?: number
  /** Published articles: `true` once deleted. */
  is_deleted?: boolean
  [field: string]: unknown
}

export const articleItemSchema = () => v.looseObject({ title: v.optional(v.string(), '') }) as unknown as v.GenericSchema<unknown, ArticleItem>

/** Paging of `batchGetDrafts` / `batchGetPublished`. */
export interface PageOptions {
  /** From 0. Default 0. */
  offset?: number | undefined
  /** 1-20. Default 20. */
  count?: number | undefined
  /** `true` leaves out each article's `content`. */
  noContent?: boolean | undefined
}

export const pageSchema = () =>
  v.object({
    offset: v.pipe(v.number(), v.integer('offset: expected an integer'), v.minValue(0, 'offset starts at 0')),
    count: v.pipe(v.number(), v.integer('count: expected an integer'), v.minValue(1, 'count: 1-20'), v.maxValue(20, 'count: 1-20')),
    no_content: v.picklist([0, 1]),
  })

/** The request body of a page. */
export const pageBody = (p?: PageOptions | null) => ({ offset: p?.offset ?? 0, count: p?.count ?? 20, no_content: p?.noContent ? 1 : 0 })

/** A published article's id (`article_id`). */
export const articleIdSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,128}$/, 'Invalid article_id: expected 1-128 letters, digits, _ or -'))

/** A publish job's id: digits, given as a string or a number. */
export const publishIdSchema = () => v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'Invalid publish_id: expected the digits publishDraft returned'))

/** `123` or `'123'` -> `'123'`; anything else is left for the schema to reject. */
export const digits = (x: unknown) => (typeof x === 'number' && Number.isSafeInteger(x) ? String(x) : x)
