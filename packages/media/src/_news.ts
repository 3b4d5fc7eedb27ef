import { articleContentSchema, mediaIdSchema, urlOrEmptySchema } from '@wx/core'
import * as v from 'valibot'

/** One article of a permanent news material (图文素材). */
export interface NewsArticle {
  title: string
  /** Permanent `thumb`/`image` material id of the cover. */
  thumb_media_id: string
  author?: string | undefined
  digest?: string | undefined
  /** 1 shows the cover in the body. */
  show_cover_pic?: 0 | 1 | undefined
  /** HTML; images must be URLs from `uploadImg`. Under 20,000 characters and 1 MB. */
  content: string
  /** "Read more" link. */
  content_source_url?: string | undefined
  need_open_comment?: 0 | 1 | undefined
  only_fans_can_comment?: 0 | 1 | undefined
}

/** Schema of one article (call inside a thunk). */
export const articleSchema = () =>
  v.object({
    title: v.pipe(v.string(), v.nonEmpty('Title must not be empty')),
    thumb_media_id: mediaIdSchema(),
    author: v.optional(v.string()),
    digest: v.optional(v.string()),
    show_cover_pic: v.optional(v.picklist([0, 1])),
    content: articleContentSchema(),
    content_source_url: v.optional(urlOrEmptySchema()),
    need_open_comment: v.optional(v.picklist([0, 1])),
    only_fans_can_comment: v.optional(v.picklist([0, 1])),
  })
