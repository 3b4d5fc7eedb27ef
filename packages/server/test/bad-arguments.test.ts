// Every exported function of @wx/server (main, /node and /hono entries) called with bad values in each of
// its first 4 argument slots (the others plausible): it returns/resolves or throws/rejects a WxError,
// never a raw TypeError. Then every createPushHandler option given each bad value: wx/config at creation,
// or a handler whose pushes reach onError only as WxErrors (no protection silently off, no 500).
import { isWxError } from '@wx/core'
import * as main from '@wx/server'
import * as hono from '@wx/server/hono'
import * as node from '@wx/server/node'
import { buildPushRequest } from '@wx/testing/fetch'
import { expect, it } from 'vitest'
import { BAD } from '../../../test/bad.ts'

const token = 'fuzztoken1'
const appid = 'wx_fuzz_appid'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const cfg = { token, appid, onMessage: () => undefined }

/** A fresh request per call (a body is read once). */
const request = () => new Request('https://example.com/wx?signature=x&timestamp=1&nonce=2', { method: 'POST', body: '<xml/>' })
/** The push info replyLater needs; its background work is swallowed (the send is not what is tested). */
const pushInfo = () => ({ message: { FromUserName: 'o_user' }, waitUntil: (p: Promise<unknown>) => void Promise.resolve(p).catch(() => {}) })

/** Plausible arguments per export (a fresh set per call). Classes are skipped (see below). */
const plausible: Record<string, () => unknown[]> = {
  createPushHandler: () => [cfg],
  createRouter: () => [],
  openPush: () => [request(), cfg],
  isPushError: () => [new Error('x'), 'signature'],
  sortedSha1: () => [['a', 'b'], ''],
  decryptMessage: () => [encodingAESKey, 'AAAA', appid],
  encryptMessage: () => [encodingAESKey, appid, 'x', {}],
  memoryDedupeStore: () => [{}],
  // `work` answers nothing, so no customer-service message is sent.
  replyLater: () => [{}, pushInfo(), () => undefined, {}],
  textReply: () => ['x'],
  imageReply: () => ['MEDIA_ID'],
  voiceReply: () => ['MEDIA_ID'],
  videoReply: () => [{ mediaId: 'MEDIA_ID' }],
  musicReply: () => [{ thumbMediaId: 'THUMB_ID' }],
  newsReply: () => [[{ title: 't', url: 'https://example.com' }]],
  transferReply: () => ['kf@wx'],
  toNodeListener: () => [main.createPushHandler(cfg)],
  toKoaMiddleware: () => [main.createPushHandler(cfg)],
  honoPushHandler: () => [main.createPushHandler(cfg)],
}

const isClass = (f: unknown) => typeof f === 'function' && /^class\b/.test(Function.prototype.toString.call(f))
const exported = Object.entries({ ...main, ...node, ...hono }).filter(([, f]) => typeof f === 'function' && !isClass(f)) as [string, (...a: unknown[]) => unknown][]

/** What a call ends in: 'ok', 'wx' (a WxError), or what went wrong. Calls that take over 1 s are a failure. */
async function outcome(f: () => unknown): Promise<string> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise<string>((r) => (timer = setTimeout(() => r('hang'), 1000)))
  const run = Promise.resolve()
    .then(f)
    .then(
      () => 'ok',
      (e) => (isWxError(e) ? 'wx' : `RAW ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`),
    )
  try {
    return await Promise.race([run, hang])
  } finally {
    clearTimeout(timer)
  }
}

it('every export is covered here (classes aside)', () => {
  expect(exported.map(([name]) => name).filter((name) => !(name in plausible))).toEqual([])
  expect(exported.length).toBeGreaterThanOrEqual(19)
})

it('every exported function, each bad value in each of its first 4 slots: a result or a WxError, never a raw TypeError', async () => {
  const failures: string[] = []
  for (const [name, f] of exported) {
    for (let slot = 0; slot < 4; slot++) {
      for (const [label, value] of BAD()) {
        const args = plausible[name]!()
        while (args.length <= slot) args.push(args.length % 2 ? {} : 'x')
        args[slot] = value
        const got = await outcome(() => f(...args))
        if (got !== 'ok' && got !== 'wx') failures.push(`${name} slot ${slot} = ${label}: ${got}`)
      }
    }
  }
  expect(failures).toEqual([])
})

it('every createPushHandler option, each bad value: wx/config at creation, or pushes that reach onError only as WxErrors', async () => {
  const keys = ['token', 'appid', 'encodingAESKey', 'onMessage', 'onError', 'allowPlaintext', 'requireEncryption', 'maxBodyBytes', 'maxSkewSeconds', 'now', 'dedupe', 'dedupeTtlSeconds', 'dedupeLeaseSeconds', 'replay', 'storeTimeoutMs']
  const failures: string[] = []
  for (const key of keys) {
    for (const [label, value] of BAD()) {
      const errors: unknown[] = []
      let handler: main.PushHandler
      try {
        handler = main.createPushHandler({ ...cfg, onError: (e) => errors.push(e), [key]: value } as main.PushHandlerOptions)
      } catch (e) {
        if (!isWxError(e) || e.code !== 'wx/config') failures.push(`${key} = ${label}: threw ${(e as Error)?.constructor?.name}`)
        continue
      }
      const res = await handler(await buildPushRequest({ token, appid, message: { MsgType: 'text', Content: 'hi', MsgId: '1' } }))
      const raw = errors.filter((e) => !isWxError(e))
      if (res.status >= 500 || raw.length) failures.push(`${key} = ${label}: accepted, then ${res.status}, onError got ${raw.map((e) => (e as Error)?.constructor?.name)}`)
    }
  }
  expect(failures).toEqual([])
})
