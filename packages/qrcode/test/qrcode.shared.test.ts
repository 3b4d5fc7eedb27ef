import { isWxError } from '@wx/core'
import { createLimitQRCode, createTmpQRCode, showQRCodeURL, shorturl } from '@wx/qrcode'
import { describe, expect, it } from 'vitest'
import { useFake, type RemoteFake, rejection } from '../../../test/fake.ts'

async function invalid(fake: RemoteFake, p: Promise<unknown>, message: RegExp) {
  const e = await rejection(p)
  expect(e.code).toBe('wx/validation')
  expect(e.message).toMatch(message)
  expect((await fake.stats()).calls).toEqual({})
}

describe('createTmpQRCode', () => {
  it('numeric and string scenes', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const a = await createTmpQRCode(c, 10000, 1800)
    expect(a).toMatchObject({ expire_seconds: 1800 })
    expect(a.ticket).toMatch(/==$/)
    expect(a.url).toMatch(/^http:\/\/weixin\.qq\.com\/q\//)
    const b = await createTmpQRCode(c, 'invite:42', 2592000)
    expect(b.expire_seconds).toBe(2592000)
    const bodies = (await fake.requests()).map((r) => r.body)
    expect(bodies).toEqual([
      { expire_seconds: 1800, action_name: 'QR_SCENE', action_info: { scene: { scene_id: 10000 } } },
      { expire_seconds: 2592000, action_name: 'QR_STR_SCENE', action_info: { scene: { scene_str: 'invite:42' } } },
    ])
  })

  it('errcodes from WeChat', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext(48001)
    const e = await rejection(createTmpQRCode(ctx(), 1, 60))
    expect(e.errcode).toBe(48001)
  })

  it('rejects bad scenes and lifetimes before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await invalid(fake, createTmpQRCode(c, 1, 2592001), /expire_seconds must be an integer in 1-2592000/)
    await invalid(fake, createTmpQRCode(c, 1, 0), /expire_seconds must be an integer in 1-2592000/)
    await invalid(fake, createTmpQRCode(c, 0, 60), /non-zero 32-bit integer/)
    await invalid(fake, createTmpQRCode(c, 2 ** 32, 60), /non-zero 32-bit integer/)
    await invalid(fake, createTmpQRCode(c, 1.5, 60), /scene id must be an integer/)
    await invalid(fake, createTmpQRCode(c, '', 60), /scene string must not be empty/)
    await invalid(fake, createTmpQRCode(c, 'x'.repeat(65), 60), /scene string must be 1-64 bytes/)
    await invalid(fake, createTmpQRCode(c, undefined as never, 60), /scene must be a number or a string/)
  })
})

describe('createLimitQRCode', () => {
  // The fake answers a repeated scene with the same ticket; WeChat does not document either way.
  it('numeric and string scenes', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const a = await createLimitQRCode(c, 100000)
    expect(a.expire_seconds).toBeUndefined()
    expect(Object.keys(a).sort()).toEqual(['ticket', 'url'])
    expect((await createLimitQRCode(c, 100000)).ticket).toBe(a.ticket)
    const b = await createLimitQRCode(c, 'x'.repeat(64))
    expect(b.ticket).not.toBe(a.ticket)
    expect((await fake.requests()).map((r: any) => r.body.action_name)).toEqual(['QR_LIMIT_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE'])
  })

  it('is resent once after an ambiguous failure (idempotent: creating a code delivers nothing)', async () => {
    const { fake, ctx } = await useFake()
    await fake.failNext('reset', 1, '/cgi-bin/qrcode/create')
    const r = await createLimitQRCode(ctx(), 'shop-42')
    expect(r.ticket).toEqual(expect.any(String))
    expect((await fake.stats()).calls['/cgi-bin/qrcode/create']).toBe(2)
  })

  it('45029 when the 100,000 permanent codes are used up', async () => {
    const { fake, ctx } = await useFake()
    await fake.setData('qrcode', { permanent: {}, permanentCount: 100000, next: 1 })
    expect((await rejection(createLimitQRCode(ctx(), 7))).errcode).toBe(45029)
  })

  it('rejects scene ids outside 1-100000 and strings outside 1-64 before sending', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    await invalid(fake, createLimitQRCode(c, 0), /permanent scene id must be 1-100000/)
    await invalid(fake, createLimitQRCode(c, 100001), /permanent scene id must be 1-100000/)
    await invalid(fake, createLimitQRCode(c, '一'.repeat(22)), /1-64 bytes/)
    await invalid(fake, createLimitQRCode(c, ''), /must not be empty/)
  })
})

describe('showQRCodeURL', () => {
  it('URL-encodes the ticket and makes no request', async () => {
    const { fake, ctx } = await useFake()
    const { ticket } = await createTmpQRCode(ctx(), 5, 60)
    await fake.reset(true)
    const url = showQRCodeURL(ticket)
    expect(url).toBe(`https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`)
    expect(url.split('ticket=')[1]).not.toMatch(/[+/=]/)
    expect(new URL(url).searchParams.get('ticket')).toBe(ticket)
    expect((await fake.stats()).calls).toEqual({})
  })

  it('rejects an empty ticket', () => {
    let e: unknown
    try {
      showQRCodeURL('')
    } catch (err) {
      e = err
    }
    expect(isWxError(e) && e.code).toBe('wx/validation')
  })
})

describe('shorturl (retired)', () => {
  it('fails with an error that says the API is retired and what to use', async () => {
    const { fake, ctx } = await useFake()
    const e = await rejection(shorturl(ctx(), 'https://example.com/goods?alias=128wi9shh'))
    expect(e.code).toBe('wx/api')
    expect(e.errcode).toBe(48001)
    expect(e.message).toMatch(/retired the short-URL API on 2021-03-15/)
    expect(e.message).toMatch(/put the long URL in the QR code/)
    expect(e.hint).toMatch(/retired/)
    expect((await fake.stats()).calls['/cgi-bin/shorturl']).toBe(1)
  })

  it('rejects a non-URL before sending', async () => {
    const { fake, ctx } = await useFake()
    await invalid(fake, shorturl(ctx(), 'ftp://x'), /long_url must be an http/)
  })
})
