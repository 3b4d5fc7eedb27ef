import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { getMedia, uploadImage, uploadMedia, uploadVideo, uploadVoice } from '@wx/media'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { fromPath } from '../src/node.ts'
import { jpeg, mp3, mp4 } from './_util.ts'
import { rejection } from '../../../test/fake.ts'

const MB = 1024 * 1024

describe('temporary media on Node', () => {
  it('uploads a 5 MB Blob and downloads the same bytes', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const bytes = jpeg(5 * MB)
    const up = await uploadMedia(c, new Blob([bytes as BlobPart]), 'image')
    const file = await getMedia(c, up.media_id)
    if (!('data' in file)) throw new Error('expected a file')
    expect(file.data.byteLength).toBe(5 * MB)
    expect(Buffer.from(file.data).equals(Buffer.from(bytes))).toBe(true)
  })

  it('uploads a ReadableStream (collected into a Blob) with a file name', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const bytes = mp3(300_000)
    const stream = new ReadableStream<Uint8Array>({
      start(ctl) {
        for (let i = 0; i < bytes.length; i += 64 * 1024) ctl.enqueue(bytes.slice(i, i + 64 * 1024))
        ctl.close()
      },
    })
    const up = await uploadVoice(c, { data: stream, filename: 'hello.mp3' })
    const file = await getMedia(c, up.media_id)
    if (!('data' in file)) throw new Error('expected a file')
    expect(file.filename).toBe('hello.mp3')
    expect(file.contentType).toBe('audio/mpeg')
    expect(Buffer.from(file.data).equals(Buffer.from(bytes))).toBe(true)
  })

  it('a path string (the seed\'s uploadMedia(path, type)) is refused, naming fromPath of @wx/media/node', async () => {
    const { fake, ctx } = await useFake()
    const e = await uploadMedia(ctx(), '/path/to/photo.jpg' as never, 'image').catch((e) => e)
    expect(e.code).toBe('wx/validation')
    expect(e.message).toContain('fromPath(path)')
    expect(e.message).toContain('@wx/media/node')
    expect((await fake.stats()).calls).toEqual({})
  })

  it('fromPath streams a file from disk', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const dir = await mkdtemp(join(tmpdir(), 'wx-media-'))
    try {
      const bytes = jpeg(1 * MB, 9)
      await writeFile(join(dir, 'photo.jpg'), bytes)
      const up = await uploadImage(c, await fromPath(join(dir, 'photo.jpg')))
      const file = await getMedia(c, up.media_id)
      if (!('data' in file)) throw new Error('expected a file')
      expect(file.filename).toBe('photo.jpg')
      expect(Buffer.from(file.data).equals(Buffer.from(bytes))).toBe(true)
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a video download answers a video_url', async () => {
    const { ctx } = await useFake()
    const c = ctx()
    const up = await uploadVideo(c, mp4(50_000))
    expect(await getMedia(c, up.media_id)).toMatchObject({ video_url: expect.stringMatching(/^http/) })
  })

  it('errcodes from WeChat: 40005 (file type), 45009 (quota); unknown content gets an extension', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(40005)
    const e = await rejection(uploadMedia(c, { data: new Uint8Array([1, 2, 3, 4]), filename: 'notes.txt' }, 'image'))
    expect(e.errcode).toBe(40005)
    expect(e.code).toBe('wx/api')
    await fake.failNext(45009)
    expect((await rejection(uploadImage(c, jpeg(1000)))).errcode).toBe(45009)
    // Bytes of no known format under a name WeChat refuses: named for the type, WeChat decides.
    const up = await uploadMedia(c, { data: new Uint8Array([1, 2, 3, 4]), filename: 'notes.txt' }, 'image')
    const file = await getMedia(c, up.media_id)
    expect('data' in file && file.filename).toBe('notes.txt.jpg')
  })

  it('rejects bad input before any request: sizes, types, unknown type, non-file', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const cases = [
      uploadVoice(c, mp3(2 * MB + 1)),
      uploadVideo(c, mp4(10 * MB + 1)),
      uploadVideo(c, jpeg(1000)),
      uploadImage(c, jpeg(3 * MB), { maxImageBytes: 2 * MB }),
      uploadImage(c, new Uint8Array(0)),
      uploadImage(c, { data: new Uint8Array([1, 2]), filename: 'x.mp3' }),
      uploadMedia(c, jpeg(100), 'file' as any),
      uploadMedia(c, 'not a file' as any, 'image'),
    ]
    for (const p of cases) expect((await rejection(p)).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })
})
