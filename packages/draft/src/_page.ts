import { defineEndpoint, type Endpoint } from '@wx/core'
import * as v from 'valibot'
import { articleItemSchema, pageSchema, type ArticleItem } from './_schemas.ts'

/** A page of `draft/batchget` (items keyed by `media_id`) or `freepublish/batchget` (by `article_id`). */
export type Page<K extends string> = {
  total_count: number
  item_count: number
  item: ({ [key in K]: string } & { content: { news_item: ArticleItem[] }; update_time: number })[]
}

/** Declares a paged list endpoint whose items carry their id under `idKey`. */
export const pageEndpoint = /* @__NO_SIDE_EFFECTS__ */ <K extends string>(path: string, idKey: K): Endpoint<Page<K>> =>
  defineEndpoint<Page<K>>({
    method: 'POST',
    path,
    retry: 'read',
    body: pageSchema,
    output: () =>
      v.looseObject({
        total_count: v.number(),
        item_count: v.number(),
        item: v.optional(
          v.array(v.looseObject({ [idKey]: v.string(), content: v.looseObject({ news_item: v.optional(v.array(articleItemSchema()), []) }), update_time: v.number() })),
          [],
        ),
      }) as unknown as v.GenericSchema<unknown, Page<K>>,
  })
