import { getAllGroups, uploadPicture } from '@wx/shop'
import { describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { rejectedLocally, rejectedWith } from './_helpers.ts'

/** Real binary: a GIF header and bytes that are not text. */
const BYTES = new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x01, 0x00, 0x01, 0x00, 0x80, 0xff, 0x00, 0xfe, 0x00, 0x00, 0x3b])

describe('uploadPicture', () => {
  it('uploads a Uint8Array, a Blob and a ReadableStream as raw bytes, sharing the context token', async () => {
    const { fake, ctx } = await useFake()
    const events: string[] = []
    const c = ctx({ hooks: { onRequest: (e) => events.push(e.endpoint) } })
    await getAllGroups(c)
    const a = await uploadPicture(c, BYTES, 'a.jpg')
    expect(a.image_url).toMatch(/^http:\/\/mmbiz\.qpic\.cn\//)
    const b = await uploadPicture(c, new Blob([BYTES], { type: 'image/gif' }), 'b.gif')
    const stream = new ReadableStream<Uint8Array>({
      start(ctrl) {
        ctrl.enqueue(BYTES.subarray(0, 5))
        ctrl.enqueue(BYTES.subarray(5))
        ctrl.close()
      },
    })
    const s = await uploadPicture(c, stream, 'c.png')
    expect(new Set([a.image_url, b.image_url, s.image_url]).size).toBe(3)
    const { shop } = await fake.data()
    expect(shop.images.map((i: { filename: string; bytes: number }) => [i.filename, i.bytes])).toEqual([
      ['a.jpg', BYTES.length],
      ['b.gif', BYTES.length],
      ['c.png', BYTES.length],
    ])
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.calls['/merchant/common/upload_img']).toBe(3)
    expect(events.filter((e) => e === '/merchant/common/upload_img')).toHaveLength(3)
    const log = (await fake.requests()).filter((r) => r.path === '/merchant/common/upload_img')
    expect(log.map((r) => r.query.filename)).toEqual(['a.jpg', 'b.gif', 'c.png'])
  })

  it('a stalled stream: the timeout ends the call, the stream is cancelled (not read on), nothing is sent', async () => {
    const { fake, ctx } = await useFake()
    let cancelled = false
    const stalled = new ReadableStream<Uint8Array>({ start: (ctl) => ctl.enqueue(BYTES), cancel: () => void (cancelled = true) }) // never closes
    const started = Date.now()
    const e = await uploadPicture(ctx(), stalled, 'a.gif', { timeout: 300 }).catch((x) => x)
    expect(e.code).toBe('wx/timeout')
    expect(Date.now() - started).toBeLessThan(1500)
    await new Promise((r) => setTimeout(r, 10))
    expect(cancelled).toBe(true)
    expect((await fake.stats()).calls).toEqual({})
  })

  it('errcodes: 48001 thrown; a rejected token is refreshed on the caller context and the upload repeated once', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await fake.failNext(48001)
    await rejectedWith(uploadPicture(c, BYTES, 'a.jpg'), 48001)
    await fake.revokeTokens(40001)
    const { image_url } = await uploadPicture(c, BYTES, 'a.jpg')
    expect(image_url).toBeTruthy()
    await getAllGroups(c) // the caller's context uses the new token, no second rejection
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(2)
    expect(stats.errcodes).toEqual({ 48001: 1, 40001: 1 })
  })

  it('a bad filename or an empty image is rejected before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await rejectedLocally(fake, uploadPicture(c, BYTES, ''), 'filename')
    await rejectedLocally(fake, uploadPicture(c, BYTES, 'dir/a.jpg'), 'filename')
    await rejectedLocally(fake, uploadPicture(c, BYTES, 'a.txt'), 'filename')
    await rejectedLocally(fake, uploadPicture(c, new Uint8Array(), 'a.jpg'))
    await rejectedLocally(fake, uploadPicture(c, new Blob([]), 'a.jpg'))
  })

})
