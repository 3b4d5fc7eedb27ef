import { getMedia, uploadImage, uploadImg, uploadThumb } from '@wx/media'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { jpeg, png } from './_util.ts'
import { rejection } from '../../../test/fake.ts'

describe('temporary media (node and edge)', () => {
  it('uploads a Blob and downloads identical bytes with type and name', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const bytes = jpeg(200_000)
    const up = await uploadImage(c, new Blob([bytes as BlobPart], { type: 'image/jpeg' }))
    expect(up.type).toBe('image')
    expect(up.media_id).toMatch(/^[\w-]+$/)
    expect(typeof up.created_at).toBe('number')
    const file = await getMedia(c, up.media_id)
    if (!('data' in file)) throw new Error('expected a file')
    expect(file.contentType).toBe('image/jpeg')
    expect(file.filename).toBe('media.jpg')
    expect(file.data.byteLength).toBe(bytes.byteLength)
    expect(file.data).toEqual(bytes)
    expect((await fake.stats()).calls).toEqual({ '/cgi-bin/media/upload': 1, '/cgi-bin/media/get': 1 })
  })

  it('a File keeps its name; a thumb answers thumb_media_id, handed out as media_id too', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const up = await uploadThumb(c, new File([jpeg(10_000) as BlobPart], 'cover.jpg', { type: 'image/jpeg' }))
    expect(up.thumb_media_id).toBe(up.media_id)
    const file = await getMedia(c, up.media_id)
    expect('data' in file && file.filename).toBe('cover.jpg')
    // An answer that drifted from the docs (no created_at) still hands the thumb out as media_id.
    await fake.failNext({ body: JSON.stringify({ errcode: 0, type: 'thumb', thumb_media_id: 'THUMB_1' }) }, 1, '/cgi-bin/media/upload')
    expect(await uploadThumb(c, jpeg(1000))).toMatchObject({ media_id: 'THUMB_1', thumb_media_id: 'THUMB_1' })
  })

  it('a JSON error body on a download becomes a typed error (40007)', async () => {
    const { ctx } = await useFake()
    const e = await rejection(getMedia(ctx(), 'no_such_media'))
    expect(e.code).toBe('wx/api')
    expect(e.errcode).toBe(40007)
  })

  it('rejects oversized and mistyped files before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const big = await rejection(uploadThumb(c, new Blob([jpeg(65 * 1024) as BlobPart])))
    expect(big.code).toBe('wx/validation')
    expect(big.message).toMatch(/64/)
    const wrong = await rejection(uploadThumb(c, new Blob([png(1000) as BlobPart])))
    expect(wrong.code).toBe('wx/validation')
    expect(wrong.issues?.[0]?.path).toBe('media')
    expect((await rejection(getMedia(c, 'bad id!'))).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
    expect((await fake.stats()).tokenRequests).toBe(0)
  })

  it('uploadImg returns a URL; 40005 from WeChat is a typed error; > 1 MB is rejected locally', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const { url } = await uploadImg(c, new File([png(5000) as BlobPart], 'chart.png'))
    expect(url).toMatch(/^http/)
    await fake.failNext(40005)
    expect((await rejection(uploadImg(c, new Blob([png(5000) as BlobPart])))).errcode).toBe(40005)
    expect((await rejection(uploadImg(c, new Blob([png(1024 * 1024) as BlobPart])))).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({ '/cgi-bin/media/uploadimg': 2 })
  })
})
