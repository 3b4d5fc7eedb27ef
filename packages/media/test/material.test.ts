import {
  addMaterial,
  addNewsMaterial,
  batchGetMaterial,
  delMaterial,
  getMaterial,
  getMaterialCount,
  updateNewsMaterial,
} from '@wx/media'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { jpeg, mp3, mp4, png } from './_util.ts'
import { rejection } from '../../../test/fake.ts'

const article = (thumb: string, title = 'Hello') => ({ title, thumb_media_id: thumb, content: '<p>Hi</p>', show_cover_pic: 1 as const })

describe('permanent material', () => {
  it('addMaterial: image with url, video with description; get, count, list, delete', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const bytes = png(20_000)
    const img = await addMaterial(c, new File([bytes as BlobPart], 'logo.png'), 'image')
    expect(img.url).toMatch(/^http/)
    const voice = await addMaterial(c, mp3(1000), 'voice')
    const video = await addMaterial(c, mp4(1000), 'video', { description: { title: 'Launch', introduction: 'Our launch' } })

    const got = await getMaterial(c, img.media_id)
    if (!('data' in got)) throw new Error('expected a file')
    expect(got.filename).toBe('logo.png')
    expect(got.contentType).toBe('image/png')
    expect(Buffer.from(got.data).equals(Buffer.from(bytes))).toBe(true)
    expect(await getMaterial(c, video.media_id)).toMatchObject({ title: 'Launch', description: 'Our launch', down_url: expect.any(String) })

    expect(await getMaterialCount(c)).toMatchObject({ image_count: 1, voice_count: 1, video_count: 1, news_count: 0 })
    const page = await batchGetMaterial(c, { type: 'voice' })
    expect(page).toMatchObject({ total_count: 1, item_count: 1 })
    expect(page.item[0]?.media_id).toBe(voice.media_id)

    await delMaterial(c, voice.media_id)
    expect((await getMaterialCount(c)).voice_count).toBe(0)
    expect((await rejection(delMaterial(c, voice.media_id))).errcode).toBe(40007)
    expect((await fake.stats()).errcodes).toEqual({ 40007: 1 })
  })

  it('news material: add, update one article, read back, list', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const thumb = await addMaterial(c, jpeg(5000), 'thumb')
    const { media_id } = await addNewsMaterial(c, [article(thumb.media_id, 'One'), article(thumb.media_id, 'Two')])
    await updateNewsMaterial(c, media_id, { index: 1, article: article(thumb.media_id, 'Two, edited') })
    const news = await getMaterial(c, media_id)
    expect('news_item' in news && news.news_item?.map((a) => a.title)).toEqual(['One', 'Two, edited'])
    const page = await batchGetMaterial(c, { type: 'news', count: 5 })
    expect(page.item[0]?.content?.news_item).toHaveLength(2)
  })

  it('errcodes: 40007 for unknown ids and thumbs, 40114 for a bad index, 40004 via failNext', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    expect((await rejection(getMaterial(c, 'nope'))).errcode).toBe(40007)
    expect((await rejection(addNewsMaterial(c, [article('no_thumb')]))).errcode).toBe(40007)
    const thumb = await addMaterial(c, jpeg(5000), 'thumb')
    const { media_id } = await addNewsMaterial(c, [article(thumb.media_id)])
    expect((await rejection(updateNewsMaterial(c, media_id, { index: 3, article: article(thumb.media_id) }))).errcode).toBe(40114)
    await fake.failNext(40004)
    expect((await rejection(batchGetMaterial(c, { type: 'image' }))).errcode).toBe(40004)
    await fake.failNext(45009)
    expect((await rejection(getMaterialCount(c))).errcode).toBe(45009)
    await fake.failNext(40007)
    expect((await rejection(addMaterial(c, jpeg(100), 'image'))).errcode).toBe(40007)
  })

  it('rejects bad input before any request', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const cases: Promise<unknown>[] = [
      addMaterial(c, mp4(100), 'video'),
      addMaterial(c, jpeg(65 * 1024), 'thumb'),
      addMaterial(c, { data: mp3(100), filename: 'a.mp3' }, 'image'),
      addNewsMaterial(c, []),
      addNewsMaterial(c, Array.from({ length: 9 }, () => article('t1'))),
      addNewsMaterial(c, [{ ...article('t1'), content: 'x'.repeat(20_001) }]),
      updateNewsMaterial(c, 'm1', { index: -1, article: article('t1') }),
      getMaterial(c, ''),
      delMaterial(c, 'bad id'),
      batchGetMaterial(c, { type: 'image', count: 21 }),
      batchGetMaterial(c, { type: 'thumb' as any }),
    ]
    for (const p of cases) expect((await rejection(p)).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })

  it('a video description JSON cannot encode is refused in the pipeline: a rejection naming the field, onError once, nothing sent', async () => {
    const { fake, ctx } = await useFake()
    const errors: string[] = []
    const c = ctx({ hooks: { onError: (e) => void errors.push(e.endpoint) } })
    const cyclic: any = { title: 'Launch' }
    cyclic.introduction = cyclic
    const descriptions = [{ title: 'Launch', introduction: 10n }, cyclic, { title: 10n }, { title: 'Launch', introduction: 5 }]
    for (const description of descriptions) {
      let call: Promise<unknown> | undefined
      expect(() => (call = addMaterial(c, mp4(100), 'video', { description } as never))).not.toThrow()
      const e = await rejection(call!)
      expect(e.code).toBe('wx/validation')
      expect(JSON.stringify(e.issues)).toMatch(/description\.(title|introduction)/)
    }
    expect(errors).toEqual(Array(4).fill('/cgi-bin/material/add_material'))
    expect((await fake.stats()).calls).toEqual({})
  })
})
