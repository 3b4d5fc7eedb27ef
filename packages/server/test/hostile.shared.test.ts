// Issue 12's findings 1-7, each a test that failed on the first pass; on Node and in the edge runtime.
import { createPushHandler, isPushError, memoryDedupeStore, textReply, type DedupeStore, type PushHandlerOptions, type PushMessage } from '@wx/server'
import { buildPushRequest, encryptPush, pushXml, signPush } from '@wx/testing/fetch'
import { describe, expect, it } from 'vitest'

const token = 'mytoken123'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const appid = 'wx_test_appid'
const cfg = { token, appid, encodingAESKey }
const now = () => Math.floor(Date.now() / 1000)

/** A handler that records what reached it; `plain` leaves out encodingAESKey (a plaintext-mode account). */
function setup(o: Partial<PushHandlerOptions> = {}, plain = false) {
  const seen: PushMessage[] = []
  const errors: unknown[] = []
  const handler = createPushHandler({
    ...(plain ? { token, appid } : cfg),
    onMessage: (m) => {
      seen.push(m)
      return m.type === 'text' ? textReply(`You said: ${m.Content}`) : undefined
    },
    onError: (e) => errors.push(e),
    ...o,
  })
  return { handler, seen, errors }
}

/** The fastest of three runs, ms (a shared machine can stall one). */
async function fastest(run: () => Promise<unknown>): Promise<number> {
  let best = Infinity
  for (let i = 0; i < 3; i++) {
    const t = performance.now()
    await run()
    best = Math.min(best, performance.now() - t)
  }
  return best
}

const MiB = 1_048_576
const fill = (head: string, unit: string, tail = '') => head + unit.repeat(Math.floor((MiB - head.length - tail.length - 64) / unit.length)) + tail

/** 1 MiB bodies of the shapes that hurt parsers. */
const hostile: [string, string][] = [
  ['the finding: {"Encrypt": + digits', fill('{"Encrypt":', '1')],
  ['open arrays', fill('', '[')],
  ['open objects', fill('', '{"a":')],
  ['"Encrypt" keys without values', fill('{', '"Encrypt" ')],
  ['a huge Encrypt value', fill('{"Encrypt":"', 'A', '"}')],
  ['open elements', fill('<xml>', '<a>')],
  ['tags that never close', fill('<xml>', '<a ')],
  ['unterminated CDATA', fill('<xml><Content><![CDATA[', 'x')],
  ['unterminated comment', fill('<xml><!--', '-')],
  ['many CDATA sections', fill('<xml><Content>', '<![CDATA[x]]>', '</Content></xml>')],
  ['repeated DOCTYPE markup', fill('<xml>', '<!DOCTYPE ')],
  ['entities', fill('<xml><Content>', '&amp;&#x41;&#65;', '</Content></xml>')],
  ['bare ampersands', fill('<xml><Content>', '&#', '</Content></xml>')],
  ['<Encrypt> without an end', fill('<xml>', '<Encrypt>')],
  ['a huge Encrypt element', fill('<xml><Encrypt><![CDATA[', 'A', ']]></Encrypt></xml>')],
  ['many elements', fill('<xml>', '<MsgId>1</MsgId>', '</xml>')],
  ['JSON string of \\n escapes', fill('{"Content":"', '\\n', '"}')],
  ['JSON string of \\u escapes', fill('{"Content":"', '\\u0041', '"}')],
  ['JSON string of escapes between plain characters', fill('{"Content":"', 'x\\t', '"}')],
]

describe('finding 1: cheap to refuse', () => {
  it('a forged msg_signature is refused as such, before the envelope is parsed', async () => {
    const { handler, seen, errors } = setup()
    const body = '{"Encrypt":' + '1'.repeat(100_000)
    const res = await handler(new Request(`https://example.com/wx?encrypt_type=aes&msg_signature=${'0'.repeat(40)}&timestamp=${now()}&nonce=1`, { method: 'POST', body }))
    expect(res.status).toBe(400)
    expect(seen).toEqual([])
    expect(isPushError(errors[0], 'signature')).toBe(true) // the first pass said `xml`: it parsed first
  })

  it('compatible mode: Encrypt-lookalikes in CDATA text are skipped', async () => {
    const { handler, seen } = setup()
    const inner = pushXml({ ToUserName: 'gh_test', FromUserName: 'o_u', CreateTime: now(), MsgType: 'text', Content: 'real', MsgId: '11' })
    const encrypt = await encryptPush({ encodingAESKey, appid, message: inner })
    const s = await signPush({ token, encrypt })
    const body = `<xml><Content><![CDATA[<Encrypt>fake</Encrypt>]]></Content><!-- <Encrypt>x</Encrypt> --><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    const res = await handler(new Request(`https://example.com/wx?${new URLSearchParams({ ...(s as any), encrypt_type: 'aes' })}`, { method: 'POST', body }))
    expect(res.status).toBe(200)
    expect(seen).toMatchObject([{ Content: 'real' }])
  })

  it.each(hostile)('1 MiB of %s is answered in under 50 ms (forged safe mode, and plaintext with a valid signature)', async (_name, body) => {
    expect(body.length).toBeLessThanOrEqual(MiB)
    const safe = setup()
    const plain = setup({ replay: false }, true) // a captured signature: the body is parsed
    const s = await signPush({ token })
    const forged = () => safe.handler(new Request(`https://example.com/wx?encrypt_type=aes&msg_signature=${'0'.repeat(40)}&timestamp=${s.timestamp}&nonce=${s.nonce}`, { method: 'POST', body }))
    const signed = () => plain.handler(new Request(`https://example.com/wx?${new URLSearchParams({ ...s })}`, { method: 'POST', body }))
    await forged() // warm up
    expect(await fastest(forged)).toBeLessThan(50)
    expect(await fastest(signed)).toBeLessThan(50)
    expect(safe.seen).toEqual([])
    expect(safe.errors.every((e) => isPushError(e, 'signature'))).toBe(true)
    // Signed plaintext is parsed: refused as `xml`, or (when well-formed) an `unknown` push; never a 500.
    expect((await signed()).status).not.toBe(500)
    expect(plain.errors.every((e) => isPushError(e))).toBe(true)
  })
})

describe('finding 2: store calls have a deadline', () => {
  const hanging: DedupeStore = { claim: () => new Promise(() => {}), release: () => new Promise(() => {}) }

  it('a claim() that never settles: the push is handled and the timeout goes to onError', async () => {
    const { handler, seen, errors } = setup({ dedupe: hanging, replay: hanging, storeTimeoutMs: 100 })
    const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'hi' } }))
    expect(res.status).toBe(200)
    expect(seen).toHaveLength(1)
    expect(errors.length).toBeGreaterThanOrEqual(1)
    expect(errors.every((e) => (e as any).code === 'wx/timeout')).toBe(true)
  }, 5000)

  it('a release() that never settles after a throwing onMessage: answered 500, both errors reported', async () => {
    const store: DedupeStore = { claim: () => true, release: () => new Promise(() => {}) }
    const { handler, errors } = setup({
      dedupe: store,
      storeTimeoutMs: 100,
      onMessage: () => {
        throw new Error('boom')
      },
    })
    const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'hi' } }))
    expect(res.status).toBe(500)
    expect(errors.map((e) => (e as any).code ?? (e as Error).message)).toEqual(['boom', 'wx/timeout'])
  }, 5000)

  it('a claim() that rejects: handled, reported', async () => {
    const { handler, seen, errors } = setup({ dedupe: { claim: () => Promise.reject(new Error('redis down')) } })
    expect((await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'hi' } }))).status).toBe(200)
    expect(seen).toHaveLength(1)
    expect((errors[0] as Error).message).toBe('redis down')
  })
})

describe('finding 3: the dedupe key tells apart what WeChat tells apart', () => {
  const createTime = now()
  const send = async (handler: ReturnType<typeof setup>['handler'], message: Record<string, unknown>) =>
    handler(await buildPushRequest({ ...cfg, message: { FromUserName: 'o_same', CreateTime: createTime, ...message } }))

  it('two CLICKs of one user in one second with different EventKey both arrive; a retry does not', async () => {
    const { handler, seen } = setup()
    await send(handler, { MsgType: 'event', Event: 'CLICK', EventKey: 'A' })
    await send(handler, { MsgType: 'event', Event: 'CLICK', EventKey: 'B' })
    await send(handler, { MsgType: 'event', Event: 'CLICK', EventKey: 'B' }) // WeChat's retry of B
    expect(seen.map((m) => (m as any).EventKey)).toEqual(['A', 'B'])
  })
  it('two TEMPLATESENDJOBFINISH with different MsgID both arrive', async () => {
    const { handler, seen } = setup()
    await send(handler, { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: '200163836', Status: 'success' })
    await send(handler, { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: '200163840', Status: 'success' })
    await send(handler, { MsgType: 'event', Event: 'TEMPLATESENDJOBFINISH', MsgID: '200163840', Status: 'success' })
    expect(seen.map((m) => (m as any).MsgID)).toEqual(['200163836', '200163840'])
  })
  it('two PUBLISHJOBFINISH of one sender in one second both arrive', async () => {
    const { handler, seen } = setup()
    await send(handler, { MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: { publish_id: '2247503051', publish_status: '0' } })
    await send(handler, { MsgType: 'event', Event: 'PUBLISHJOBFINISH', PublishEventInfo: { publish_id: '2247503052', publish_status: '0' } })
    expect(seen).toHaveLength(2)
  })
})

describe('finding 4: DOCTYPE/ENTITY refusal applies to markup, not to text', () => {
  for (const mode of ['plain', 'safe'] as const) {
    it(`a follower's text "<!DOCTYPE html>" and "<!ENTITY ...>" arrives (${mode} mode)`, async () => {
      const { handler, seen } = setup({ allowPlaintext: true })
      for (const content of ['<!DOCTYPE html>', '<!ENTITY x SYSTEM "file:///etc/passwd">'])
        expect((await handler(await buildPushRequest({ ...cfg, mode, message: { MsgType: 'text', Content: content } }))).status).toBe(200)
      expect(seen.map((m) => (m as any).Content)).toEqual(['<!DOCTYPE html>', '<!ENTITY x SYSTEM "file:///etc/passwd">'])
    })
  }
  it('DOCTYPE markup is still refused', async () => {
    const { handler, seen, errors } = setup()
    const res = await handler(await buildPushRequest({ ...cfg, message: '<!DOCTYPE xml [<!ENTITY x "y">]><xml><MsgType>text</MsgType><Content>&x;</Content></xml>' }))
    expect(res.status).toBe(400)
    expect(seen).toEqual([])
    expect(isPushError(errors[0], 'xml')).toBe(true)
  })
})

describe('finding 5: declared fields have the promised types', () => {
  const body = (content: string) => `<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>${now()}</CreateTime><MsgType>text</MsgType>${content}<MsgId>9</MsgId></xml>`
  it('a repeated or nested <Content> is refused with a reason to onError, never handed over as array/object', async () => {
    for (const content of ['<Content>a</Content><Content>b</Content>', '<Content><b>x</b></Content>']) {
      const { handler, seen, errors } = setup()
      const res = await handler(await buildPushRequest({ ...cfg, message: body(content) }))
      expect(res.status).toBe(400)
      expect(seen).toEqual([])
      expect(isPushError(errors[0], 'xml')).toBe(true)
      expect((errors[0] as Error).message).toMatch(/Content/)
    }
  })
  it('a declared object that came as text, and a missing declared field', async () => {
    const { handler, seen, errors } = setup()
    const scan = { MsgType: 'event', Event: 'scancode_push', EventKey: 'k', ScanCodeInfo: 'flat' }
    expect((await handler(await buildPushRequest({ ...cfg, message: scan }))).status).toBe(400)
    expect((errors[0] as Error).message).toMatch(/ScanCodeInfo/)
    await handler(await buildPushRequest({ ...cfg, message: body('') }))
    expect(seen).toMatchObject([{ type: 'text', Content: '' }])
  })
  it('a CreateTime that came nested (an element, a JSON object or array) is refused as xml, not a TypeError', async () => {
    for (const message of [
      `<xml><ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime><a>1</a></CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>`,
      `<xml><ToUserName>gh</ToUserName><CreateTime>1</CreateTime><CreateTime>2</CreateTime><MsgType>text</MsgType><Content>hi</Content><MsgId>1</MsgId></xml>`,
      '{"ToUserName":"gh","FromUserName":"o","CreateTime":{},"MsgType":"text","Content":"hi","MsgId":"1"}',
      '{"ToUserName":"gh","FromUserName":"o","CreateTime":[1],"MsgType":"text","Content":"hi","MsgId":"1"}',
    ]) {
      const { handler, seen, errors } = setup()
      const res = await handler(await buildPushRequest({ ...cfg, message }))
      expect(res.status, message).toBe(400) // the first pass answered 500 with a TypeError
      expect(seen).toEqual([])
      expect(isPushError(errors[0], 'xml'), message).toBe(true)
      expect((errors[0] as Error).message).toMatch(/CreateTime/)
    }
  })
  it('declared fields inside declared objects are typed too (Poiname, article_id, article_detail.count, item, fail_idx)', async () => {
    const head = `<ToUserName>gh</ToUserName><FromUserName>o</FromUserName><CreateTime>${now()}</CreateTime><MsgType>event</MsgType>`
    const location = (extra: string) =>
      `<xml>${head}<Event>location_select</Event><EventKey>k</EventKey><SendLocationInfo><Location_X>1</Location_X><Location_Y>2</Location_Y><Scale>3</Scale><Label>l</Label>${extra}</SendLocationInfo></xml>`
    const publish = (extra: string) => `<xml>${head}<Event>PUBLISHJOBFINISH</Event><PublishEventInfo><publish_id>1</publish_id><publish_status>0</publish_status>${extra}</PublishEventInfo></xml>`
    for (const [field, message] of [
      ['SendLocationInfo.Poiname', location('<Poiname><x>1</x></Poiname>')],
      ['SendLocationInfo.Poiname', location('<Poiname>a</Poiname><Poiname>b</Poiname>')],
      ['PublishEventInfo.article_id', publish('<article_id><a>1</a></article_id>')],
      ['PublishEventInfo.article_detail', publish('<article_detail>flat</article_detail>')],
      ['PublishEventInfo.article_detail.count', publish('<article_detail><count><n>1</n></count></article_detail>')],
      ['PublishEventInfo.article_detail.item', publish('<article_detail><count>1</count><item>flat</item></article_detail>')],
      ['PublishEventInfo.article_detail.item.idx', publish('<article_detail><count>1</count><item><idx><i>1</i></idx><article_url>u</article_url></item></article_detail>')],
      ['PublishEventInfo.fail_idx', publish('<fail_idx><i>1</i></fail_idx>')],
    ]) {
      const { handler, seen, errors } = setup()
      expect((await handler(await buildPushRequest({ ...cfg, message: message! }))).status, message).toBe(400) // the first pass handed the object over
      expect(seen).toEqual([])
      expect(isPushError(errors[0], 'xml')).toBe(true)
      expect((errors[0] as Error).message).toContain(`${field} must`)
    }
    // The shapes WeChat sends arrive as declared; absent optional fields stay absent.
    const { handler, seen } = setup()
    await handler(await buildPushRequest({ ...cfg, message: location('<Poiname>p</Poiname>') }))
    await handler(await buildPushRequest({ ...cfg, message: location('') }))
    const items = '<item><idx>1</idx><article_url>u1</article_url></item><item><idx>2</idx><article_url>u2</article_url></item>'
    await handler(await buildPushRequest({ ...cfg, message: publish(`<article_id>a</article_id><article_detail><count>2</count>${items}</article_detail>`) }))
    await handler(await buildPushRequest({ ...cfg, message: publish('<fail_idx>1</fail_idx><fail_idx>2</fail_idx>') }))
    expect(seen).toMatchObject([
      { SendLocationInfo: { Poiname: 'p' } },
      { SendLocationInfo: { Label: 'l' } },
      { PublishEventInfo: { article_id: 'a', article_detail: { count: '2', item: [{ idx: '1' }, { idx: '2' }] } } },
      { PublishEventInfo: { fail_idx: ['1', '2'] } },
    ])
    expect('Poiname' in (seen[1] as any).SendLocationInfo).toBe(false)
  })
  it('JSON string escapes decode exactly as JSON.parse does; bad escapes and raw control characters are refused', async () => {
    const body = String.raw`{"MsgType":"text","MsgId":"1","Content":"q\"uote \\ back\/slash \b\f\n\r\t \u0041\u4f60 \ud83d\ude00 end\\"}`
    const seen: PushMessage[] = []
    const { handler } = setup({ onMessage: (m) => void seen.push(m) }) // (\b and \f cannot be echoed in an XML reply)
    expect((await handler(await buildPushRequest({ ...cfg, message: body }))).status).toBe(200)
    expect((seen[0] as any).Content).toBe(JSON.parse(body).Content)
    for (const bad of [String.raw`{"Content":"a\x"}`, String.raw`{"Content":"\u12"}`, '{"Content":"a\nb"}', String.raw`{"Content":"a\"}`, String.raw`{"Content":"a\\\"}`]) {
      const { handler, seen, errors } = setup()
      expect((await handler(await buildPushRequest({ ...cfg, message: bad }))).status, bad).toBe(400)
      expect(seen).toEqual([])
      expect(isPushError(errors[0], 'xml')).toBe(true)
    }
  })
  it('JSON: an array where text is promised is refused', async () => {
    const { handler, seen, errors } = setup()
    await handler(await buildPushRequest({ ...cfg, message: '{"MsgType":"text","Content":["a","b"],"MsgId":1}' }))
    expect(seen).toEqual([])
    expect(isPushError(errors[0], 'xml')).toBe(true)
  })
})

describe('finding 6: replies are checked', () => {
  it.each([[42], [{ type: 'text' }], [{ type: 'news', articles: [] }], [{ type: 'image', mediaId: 7 }], [{ nope: 1 }]])(
    'onMessage returning %j answers success and reports to onError',
    async (value) => {
      const { handler, errors } = setup({ onMessage: () => value as any })
      const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'x' } }))
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('success')
      expect((errors[0] as any).code).toBe('wx/validation')
    },
  )
})

describe('replies hold only characters XML 1.0 allows', () => {
  const bad: [string, string][] = [
    ['a control character', 'bell\u0007'],
    ['NUL', 'a\u0000b'],
    ['U+FFFF', 'x\uFFFF'],
    ['U+FFFE', '\uFFFE'],
    ['a lone surrogate', 'lone \uD800'],
  ]
  it.each(bad)('a reply holding %s is refused (wx/validation), never rendered', async (_name, content) => {
    for (const value of [content, { type: 'text', content }, { type: 'news', articles: [{ title: 'T', url: 'https://e.com', description: content }] }]) {
      const { handler, errors } = setup({ onMessage: () => value as any })
      const res = await handler(await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'x' } }))
      expect(res.status).toBe(200)
      expect(await res.text()).toBe('success') // the first pass rendered it: malformed XML
      expect((errors[0] as any)?.code).toBe('wx/validation')
    }
    expect(() => textReply(content)).toThrow(/XML/)
  })
  it('a push whose sender holds such a character gets no reply rendered to it', async () => {
    const { handler, errors } = setup({ onMessage: () => 'hi' })
    const res = await handler(await buildPushRequest({ ...cfg, message: '{"ToUserName":"gh","FromUserName":"o\\u0001","CreateTime":1,"MsgType":"text","Content":"x","MsgId":"5"}' }))
    expect(await res.text()).toBe('success')
    expect((errors[0] as any).code).toBe('wx/validation')
  })
  it('tab, newline, CR, CJK and emoji are fine', async () => {
    const content = 'a\tb\nc\rd 你好 😀'
    const { handler } = setup({ onMessage: () => content }, true)
    const res = await handler(await buildPushRequest({ token, message: { MsgType: 'text', Content: 'x' } }))
    expect(await res.text()).toContain(`<Content><![CDATA[${content}]]></Content>`)
  })
})

describe('finding 7: replay and downgrade', () => {
  const plainText = (content: string, msgId: string) =>
    pushXml({ ToUserName: 'gh_test', FromUserName: 'o_user', CreateTime: now(), MsgType: 'text', Content: content, MsgId: msgId })

  it('plain mode: a captured (timestamp, nonce, signature) with a forged body is refused; the same body is a retry', async () => {
    const { handler, seen, errors } = setup({}, true)
    const s = await signPush({ token })
    const url = `https://example.com/wx?${new URLSearchParams({ ...s })}`
    const genuine = plainText('genuine', '100')
    expect((await handler(new Request(url, { method: 'POST', body: genuine }))).status).toBe(200)
    const forged = await handler(new Request(url, { method: 'POST', body: plainText('forged', '101') }))
    expect(forged.status).toBe(400)
    expect(isPushError(errors[0], 'replay')).toBe(true)
    const retry = await handler(new Request(url, { method: 'POST', body: genuine }))
    expect(await retry.text()).toBe('success')
    expect(isPushError(errors[1], 'duplicate')).toBe(true)
    expect(seen.map((m) => (m as any).Content)).toEqual(['genuine'])
  })

  it('a keyless handler sent a signed encrypted push (safe mode set at WeChat only) refuses it, and its signature cannot then carry a plaintext body', async () => {
    const { handler, seen, errors } = setup({}, true)
    const ts = { timestamp: String(now()), nonce: '4242' }
    const encrypted = await buildPushRequest({ ...cfg, ...ts, message: { MsgType: 'text', Content: 'secret' } })
    const url = new URL(encrypted.url)
    expect((await handler(encrypted)).status).toBe(500)
    expect(isPushError(errors[0], 'config')).toBe(true)
    // The captured URL without the safe-mode parameters, and a body of the attacker's choice.
    const plainUrl = `https://example.com/wx?${new URLSearchParams({ signature: url.searchParams.get('signature')!, ...ts })}`
    const forged = await handler(new Request(plainUrl, { method: 'POST', body: plainText('forged', '102') }))
    expect(forged.status).toBe(400)
    expect(isPushError(errors[1], 'replay')).toBe(true)
    expect(seen).toEqual([])
  })

  it('safe mode: another body under the same (timestamp, nonce) carries its own msg_signature and is handled', async () => {
    const { handler, seen } = setup()
    const ts = { timestamp: String(now()), nonce: '777' }
    for (const Content of ['one', 'two']) expect((await handler(await buildPushRequest({ ...cfg, ...ts, message: { MsgType: 'text', Content } }))).status).toBe(200)
    expect(seen.map((m) => (m as any).Content)).toEqual(['one', 'two'])
  })

  it('a fleet shares the replay cache through any store of the dedupe shape', async () => {
    const replay = memoryDedupeStore()
    const a = setup({ replay }, true)
    const b = setup({ replay }, true)
    const s = await signPush({ token })
    const url = `https://example.com/wx?${new URLSearchParams({ ...s })}`
    await a.handler(new Request(url, { method: 'POST', body: plainText('genuine', '200') }))
    expect((await b.handler(new Request(url, { method: 'POST', body: plainText('forged', '201') }))).status).toBe(400)
    expect(b.seen).toEqual([])
  })

  it('with encodingAESKey, a plaintext push signed with a captured plain signature is refused unless allowPlaintext', async () => {
    const encrypted = await buildPushRequest({ ...cfg, message: { MsgType: 'text', Content: 'x' } })
    const q = new URL(encrypted.url).searchParams
    const downgraded = () =>
      new Request(`https://example.com/wx?${new URLSearchParams({ signature: q.get('signature')!, timestamp: q.get('timestamp')!, nonce: q.get('nonce')! })}`, {
        method: 'POST',
        body: plainText('forged', '300'),
      })
    const strict = setup()
    expect((await strict.handler(downgraded())).status).toBe(400)
    expect(isPushError(strict.errors[0], 'plaintext')).toBe(true)
    expect(strict.seen).toEqual([])
    const migrating = setup({ allowPlaintext: true }) // compatible mode during a migration: opted in
    expect((await migrating.handler(downgraded())).status).toBe(200)
    expect(migrating.seen).toHaveLength(1)
  })
})
