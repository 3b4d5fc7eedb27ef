/// <reference types="node" />
/**
 * `@wx/media/node`: Node-only helpers (they use `node:fs`).
 */
import { openAsBlob } from 'node:fs'
import { basename } from 'node:path'
import type { NamedFile } from './_file.ts'

export type { NamedFile } from './_file.ts'

/**
 * Opens a file on disk as an upload input for every `@wx/media` upload, without reading it into memory.
 *
 * Uses `node:fs` `openAsBlob` (Node 20+): the bytes are streamed from disk when the request is sent.
 * No WeChat endpoint: pass the result to `uploadMedia`, `addMaterial`, `uploadImg`...
 *
 * @example
 * import { fromPath } from '@wx/media/node'
 * const { media_id } = await uploadImage(ctx, await fromPath('./photo.jpg'))
 */
export async function fromPath(path: string, options?: { filename?: string | undefined; contentType?: string | undefined } | null): Promise<NamedFile> {
  const type = options?.contentType
  const data = await openAsBlob(path, type ? { type } : {})
  const file: NamedFile = { data, filename: options?.filename ?? basename(path) }
  if (type) file.contentType = type
  return file
}
