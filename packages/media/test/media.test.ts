import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { addMaterial, getMedia, uploadImage, uploadImg, uploadMedia, uploadThumb, uploadVideo, uploadVoice } from '@wx/media'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { fromPath } from '../src/node.ts'
import { jpeg, mp3, mp4 } from './_util.ts'
import { rejection, rejects } from '../../../test/fake.ts'

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

  it('null option fields are "not set": maxImageBytes: null is the 10 MB default (not a limit of 0), fromPath(path, null) is fromPath(path)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const N = null as never
    await uploadMedia(c, jpeg(3 * MB), 'image', { maxImageBytes: N })
    await uploadImage(c, jpeg(1000), { maxImageBytes: N })
    await addMaterial(c, jpeg(3 * MB), 'image', { maxImageBytes: N })
    expect((await fake.stats()).calls).toEqual({ '/cgi-bin/media/upload': 2, '/cgi-bin/material/add_material': 1 })
    const dir = await mkdtemp(join(tmpdir(), 'wx-media-'))
    try {
      const path = join(dir, 'photo.jpg')
      await writeFile(path, jpeg(1000))
      const plain = await fromPath(path)
      for (const o of [null, { filename: N, contentType: N }]) {
        const f = await fromPath(path, o)
        expect(f).toEqual({ ...plain, data: f.data })
        expect((f.data as Blob).size).toBe(1000)
      }
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

  it('a download that is no file (a redirect, an HTML page, an empty body) is retried, never returned as the media', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { baseDelay: 1 } })
    const up = await uploadImage(c, jpeg(2000))
    const GET = '/cgi-bin/media/get'
    for (const odd of [
      { body: '', status: 302, headers: { location: 'https://proxy.example/login', 'content-type': 'application/octet-stream' } },
      { body: '<html>captive portal</html>', headers: { 'content-type': 'text/html; charset=utf-8' } },
      { body: '', headers: { 'content-type': 'image/jpeg' } },
    ]) {
      await fake.failNext(odd, 1, GET)
      const file = await getMedia(c, up.media_id)
      expect('data' in file && file.data.length, JSON.stringify(odd)).toBe(2000)
    }
    expect((await fake.stats()).calls[GET]).toBe(6) // each odd answer once, then the file
    // An errcode answer without a JSON content type is still WeChat's error, not a file.
    await fake.failNext({ body: '{"errcode":40007,"errmsg":"invalid media_id"}', headers: { 'content-type': 'application/octet-stream' } }, 1, GET)
    expect((await rejection(getMedia(c, up.media_id))).errcode).toBe(40007)
  })

  it("a file WeChat labels text/plain is the file, not an unreadable answer (easywechat#290, weixin4j#15); JSON is told by the body", async () => {
    const { fake, ctx } = await useFake()
    const c = ctx({ retry: { baseDelay: 1 } })
    const up = await uploadVoice(c, mp3(1000))
    const GET = '/cgi-bin/media/get'
    const amr = `#!AMR\n${'x'.repeat(200)}`
    await fake.failNext({ body: amr, headers: { 'content-type': 'text/plain', 'content-disposition': 'attachment; filename="v.amr"' } }, 1, GET)
    expect(await getMedia(c, up.media_id)).toEqual({ data: new TextEncoder().encode(amr), contentType: 'application/octet-stream', filename: 'v.amr' })
    await fake.failNext({ body: amr, headers: { 'content-type': 'text/plain; charset=utf-8' } }, 1, GET)
    expect(await getMedia(c, up.media_id)).toEqual({ data: new TextEncoder().encode(amr), contentType: 'application/octet-stream' })
    // A JSON answer under any content type is JSON: an errcode, or a video's answer.
    await fake.failNext({ body: ' {"errcode":40007,"errmsg":"invalid media_id"}', headers: { 'content-type': 'text/plain' } }, 1, GET)
    expect((await rejection(getMedia(c, up.media_id))).errcode).toBe(40007)
    await fake.failNext({ body: '\uFEFF{"errcode":40007,"errmsg":"invalid media_id"}', headers: { 'content-type': 'text/plain' } }, 1, GET)
    expect((await rejection(getMedia(c, up.media_id))).errcode).toBe(40007)
    await fake.failNext({ body: '{"video_url":"http://example.com/v.mp4"}', headers: { 'content-type': 'application/octet-stream' } }, 1, GET)
    expect(await getMedia(c, up.media_id)).toEqual({ video_url: 'http://example.com/v.mp4' })
    expect((await fake.stats()).calls[GET]).toBe(5)
  })

  it('errcodes from WeChat: 40005 (file type), 45009 (quota); unknown content gets an extension', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(40005)
    const e = await rejection(uploadMedia(c, new Uint8Array([1, 2, 3, 4]), 'image'))
    expect(e.errcode).toBe(40005)
    expect(e.code).toBe('wx/api')
    await fake.failNext(45009)
    expect((await rejection(uploadImage(c, jpeg(1000)))).errcode).toBe(45009)
    // Bytes of no known format, with nothing else to go by: named for the type, WeChat decides.
    const up = await uploadMedia(c, { data: new Uint8Array([1, 2, 3, 4]), filename: 'scan' }, 'image')
    const file = await getMedia(c, up.media_id)
    expect('data' in file && file.filename).toBe('scan.jpg')
  })

  it('content of no known format whose name or MIME type says another type is refused, not renamed and sent', async () => {
    const { fake, ctx } = await useFake()
    const errors: unknown[] = []
    const c = ctx({ hooks: { onError: (e) => void errors.push(e.error) } })
    const pdf = new TextEncoder().encode('%PDF-1.7 invoice')
    const cases: [Promise<unknown>, RegExp][] = [
      [uploadImage(c, new File([pdf], 'invoice.pdf', { type: 'application/pdf' })), /must be png\/jpg\/gif, got pdf \(by its name\)/],
      [uploadImage(c, new Blob([pdf], { type: 'image/webp' })), /got image\/webp \(by its MIME type\)/],
      [uploadImage(c, { data: pdf, filename: 'notes.txt' }), /got txt/],
      [uploadImg(c, new File([pdf], 'photo.webp')), /article image must be jpg\/png, got webp/],
    ]
    for (const [p, message] of cases) {
      const e = await rejection(p)
      expect(e.code).toBe('wx/validation')
      expect(e.stage).toBe('input')
      expect(e.message).toMatch(message)
      expect(e.path).toMatch(/^\/cgi-bin\/media\/upload/)
    }
    expect(errors).toHaveLength(cases.length) // each failed call reaches onError once
    expect((await fake.stats()).calls).toEqual({})
  })

  it('a file from a stream is read inside the call: its timeout and signal bound a stalled stream (then cancelled, not read on), and reading stops at the limit', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    let cancelled = 0
    // Never closes; cancelled once the call gave up on it.
    const stalled = () => new ReadableStream<Uint8Array>({ start: (ctl) => ctl.enqueue(jpeg(100)), cancel: () => void cancelled++ })
    let started = Date.now()
    await rejects(uploadImage(c, stalled(), { timeout: 300 }), 'wx/timeout')
    expect(Date.now() - started).toBeLessThan(1500)
    started = Date.now()
    await rejects(addMaterial(c, stalled(), 'image', { signal: AbortSignal.timeout(300) }), 'wx/aborted')
    expect(Date.now() - started).toBeLessThan(1500)
    await new Promise((r) => setTimeout(r, 10))
    expect(cancelled).toBe(2)
    // An endless stream is refused once it passed the limit, not buffered to its (never) end.
    let pulled = 0
    const endless = new ReadableStream<Uint8Array>({ pull: (ctl) => ctl.enqueue((pulled++, jpeg(64 * 1024))) })
    const e = await rejects(uploadThumb(c, endless), 'wx/validation')
    expect(e.message).toMatch(/temporary thumb is larger, the limit is 64 KB/)
    expect(pulled).toBeLessThan(10)
    // A stream that fails is a typed error of the call, not a raw Error.
    const failing = new ReadableStream<Uint8Array>({ pull: (ctl) => ctl.error(new Error('disk gone')) })
    expect((await rejects(uploadImage(c, failing), 'wx/validation')).message).toMatch(/disk gone/)
    expect((await fake.stats()).calls).toEqual({})
  })

  it('a stream upload with a signal that had already fired: wx/aborted, the stream cancelled, no unhandled rejection', async () => {
    const { fake, ctx } = await useFake()
    const unhandled: unknown[] = []
    const note = (e: unknown) => void unhandled.push(e)
    process.on('unhandledRejection', note)
    try {
      let cancelled = false
      const stream = new ReadableStream<Uint8Array>({ start: (ctl) => ctl.enqueue(jpeg(100)), cancel: () => void (cancelled = true) }) // never closes
      await rejects(uploadImage(ctx(), stream, { signal: AbortSignal.abort() }), 'wx/aborted')
      await new Promise((r) => setTimeout(r, 50))
      expect(unhandled).toEqual([])
      expect(cancelled).toBe(true)
    } finally {
      process.off('unhandledRejection', note)
    }
    expect((await fake.stats()).calls).toEqual({})
  })

  it('rejects bad input before any request: sizes, types, unknown type, non-file', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const cases = [
      uploadVoice(c, mp3(2 * MB + 1)),
      uploadVideo(c, mp4(10 * MB + 1)),
      uploadVideo(c, jpeg(1000)),
      uploadImage(c, jpeg(3 * MB), { maxImageBytes: 2 * MB }),
      // A limit that is no positive number would pass every in-memory file ('5mb', NaN compare false).
      uploadImage(c, jpeg(1000), { maxImageBytes: '5mb' as never }),
      addMaterial(c, jpeg(1000), 'image', { maxImageBytes: Number.NaN }),
      uploadImage(c, new Uint8Array(0)),
      uploadImage(c, { data: new Uint8Array([1, 2]), filename: 'x.mp3' }),
      uploadMedia(c, jpeg(100), 'file' as any),
      uploadMedia(c, 'not a file' as any, 'image'),
    ]
    for (const p of cases) expect((await rejection(p)).code).toBe('wx/validation')
    expect((await fake.stats()).calls).toEqual({})
  })
})
