// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options and inputs built from values that
// may be undefined, and `null` options, compile; run against the fake, the undefined fields are absent.
import { rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addMaterial, batchGetMaterial, getMaterial, getMaterialCount, uploadImage, uploadMedia } from '@wx/media'
import { fromPath } from '@wx/media/node'
import { expect, it } from 'vitest'
import { jpeg, mp4 } from './_util.ts'
import { useFake } from '../../../test/fake.ts'

/** A user's own config: every value may be missing. */
const cfg: { name?: string | undefined; n?: number | undefined } = {}

it('option and input fields set to undefined are absent; null options are none', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const up = await uploadMedia(c, { data: jpeg(2000), filename: cfg.name, contentType: cfg.name }, 'image', { maxImageBytes: cfg.n })
  expect(up.media_id).toEqual(expect.any(String))
  await uploadImage(c, jpeg(2000), null)
  const path = join(tmpdir(), `wx-exact-${process.pid}.jpg`)
  await writeFile(path, jpeg(2000))
  await uploadImage(c, await fromPath(path, { filename: cfg.name, contentType: cfg.name }))
  await rm(path)
  const video = await addMaterial(c, mp4(1000), 'video', { description: { title: 'Launch', introduction: cfg.name }, maxImageBytes: cfg.n })
  expect(await getMaterial(c, video.media_id, null)).toMatchObject({ title: 'Launch', description: '' })
  expect(await batchGetMaterial(c, { type: 'video', offset: cfg.n, count: cfg.n }, null)).toMatchObject({ item_count: 1 })
  expect((await fake.requests()).at(-1)?.body).toEqual({ type: 'video', offset: 0, count: 20 })
  await getMaterialCount(c, null)
})
