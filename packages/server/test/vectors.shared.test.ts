// Known-answer vectors (copied from shared/vectors/vectors.json): run on Node and in the edge runtime.
import { decryptMessage, encryptMessage, openPush, sortedSha1 } from '@wx/server'
import { describe, expect, it } from 'vitest'
import vectors from './fixtures/vectors.json'

type V = { name: string; kind: string; inputs: Record<string, any>; expected: Record<string, any> }
const all = vectors as V[]
const of = (kind: string) => all.filter((v) => v.kind === kind)

describe('sorted_sha1 vectors', () => {
  it.each(of('sorted_sha1').map((v) => [v.name, v] as const))('%s', async (_n, v) => {
    expect(await sortedSha1(v.inputs.parts, v.inputs.separator ?? '')).toBe(v.expected.signature)
    if (v.expected.must_reject) expect(await sortedSha1(v.inputs.parts)).not.toBe(v.expected.must_reject)
  })
})

describe('encrypt vectors', () => {
  it.each(of('encrypt').map((v) => [v.name, v] as const))('%s', async (_n, v) => {
    const { encodingAESKey, appid, msg, random, token, timestamp, nonce } = v.inputs
    const encrypt = await encryptMessage(encodingAESKey, appid, msg, { random })
    expect(encrypt).toBe(v.expected.encrypt)
    if (v.expected.msg_signature) expect(await sortedSha1([token, timestamp, nonce, encrypt])).toBe(v.expected.msg_signature)
    if (v.expected.ciphertext_bytes) expect(atob(encrypt).length).toBe(v.expected.ciphertext_bytes)
    // and back again
    expect(await decryptMessage(encodingAESKey, encrypt, appid)).toEqual({ message: msg, appid })
  })
})

describe('decrypt vectors', () => {
  const padByte = async (v: V) => {
    // The pad byte, found independently of our decrypt: strip length+appid from the known plaintext size.
    const total = atob(v.inputs.encrypt).length
    return total - (20 + new TextEncoder().encode(v.expected.msg).length + v.expected.appid.length)
  }
  it('includes pad bytes above 16 (WebCrypto would reject those without the workaround)', async () => {
    const pads = await Promise.all(of('decrypt').map(padByte))
    expect(pads.some((p) => p > 16)).toBe(true)
  })
  it.each(of('decrypt').map((v) => [v.name, v] as const))('%s', async (_n, v) => {
    const { token, encodingAESKey, appid, timestamp, nonce, encrypt, msg_signature } = v.inputs
    expect(await sortedSha1([token, timestamp, nonce, encrypt])).toBe(msg_signature)
    const out = await decryptMessage(encodingAESKey, encrypt, appid)
    expect(out).toEqual({ message: v.expected.msg, appid: v.expected.appid })
    expect(new TextEncoder().encode(out.message).length).toBe(v.expected.msg_len)
  })
  it.each(of('decrypt').map((v) => [v.name, v] as const))('%s through openPush (safe mode)', async (_n, v) => {
    const { token, encodingAESKey, appid, timestamp, nonce, encrypt, msg_signature } = v.inputs
    if (!v.expected.msg.startsWith('<')) {
      // An encrypted echostr (URL verification, GET): answered with its plaintext.
      const q = new URLSearchParams({ timestamp, nonce, msg_signature, echostr: encrypt })
      const push = await openPush(new Request(`https://example.com/wx?${q}`), { token, appid, encodingAESKey, maxSkewSeconds: Infinity })
      expect(push).toEqual({ kind: 'verify', echostr: v.expected.msg })
      return
    }
    const url = `https://example.com/wx?timestamp=${timestamp}&nonce=${nonce}&encrypt_type=aes&msg_signature=${msg_signature}`
    const body = `<xml><ToUserName><![CDATA[gh_x]]></ToUserName><Encrypt><![CDATA[${encrypt}]]></Encrypt></xml>`
    const push = await openPush(new Request(url, { method: 'POST', body }), { token, appid, encodingAESKey, maxSkewSeconds: Infinity })
    expect(push.kind).toBe('message')
    if (push.kind !== 'message') return
    expect(push.raw).toBe(v.expected.msg)
    expect(push.encrypted).toBe(true)
  })
})
