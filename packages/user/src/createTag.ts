import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { tagNameSchema } from './_user.ts'

/** A user tag. */
export interface Tag {
  id: number
  name: string
}

const endpoint = /* @__PURE__ */ defineEndpoint<{ tag: Tag }>({
  method: 'POST',
  path: '/cgi-bin/tags/create',
  retry: 'send',
  body: () => v.object({ tag: v.object({ name: tagNameSchema() }) }),
  output: () => v.looseObject({ tag: v.looseObject({ id: v.number(), name: v.string() }) }),
})

/**
 * Creates a user tag (标签).
 *
 * Calls `POST /cgi-bin/tags/create`. Name: 1–30 UTF-8 bytes, unique. Creates a record, so it is never
 * resent after an ambiguous failure (a resend would answer 45157): on `wx/outcome-unknown` look for
 * the name in `getTags`. Errcodes that matter: 45157 (name already used), 45158 (name over 30
 * bytes), 45056 (100 tags already).
 *
 * @example
 * const { id } = await createTag(ctx, 'Guangdong')
 */
export async function createTag(ctx: WxContext, name: string, opts?: CallOptions | null): Promise<Tag> {
  return (await callApi(ctx, endpoint, { body: { tag: { name } } }, opts)).tag
}
