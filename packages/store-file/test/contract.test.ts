import { memoryTokenStore } from '@wx/core'
import { runTokenStoreContract } from '@wx/testing/fetch'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTokenStore } from '../src/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'wx-file-store-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

runTokenStoreContract({ describe, it, expect }, 'memory (core)', () => memoryTokenStore(), { requireLock: true, requireSetIfNewer: true })
// A wechat-api process whose saveToken writes JSON.stringify(token) to the same file.
const writeForeign = async (key: string, json: string) => writeFileSync(join(dir, `${key.replace(/[^A-Za-z0-9_-]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))}.json`), json)
runTokenStoreContract({ describe, it, expect }, 'file', () => fileTokenStore(dir), { requireLock: true, requireSetIfNewer: true, writeForeign })
// Several store objects on one directory behave like several processes.
let n = 0
const stores = [fileTokenStore(dir), fileTokenStore(dir), fileTokenStore(dir)]
runTokenStoreContract({ describe, it, expect }, 'file (three store objects, one directory)', () => {
  const all = stores
  const pick = () => all[n++ % all.length]!
  return {
    get: (k) => pick().get(k),
    set: (k, t, s) => pick().set(k, t, s),
    setIfNewer: (k, t, s) => pick().setIfNewer!(k, t, s),
    lock: (k, o, l) => pick().lock!(k, o, l),
    unlock: (k, o) => pick().unlock!(k, o),
  }
}, { requireLock: true, requireSetIfNewer: true })

describe('fileTokenStore', () => {
  it('creates the directory, escapes keys into file names, leaves no temp files', async () => {
    const sub = join(dir, 'a', 'b')
    const s = fileTokenStore(sub)
    await s.set('wx:app/../x:access_token', { accessToken: 'T', expiresAt: 1 })
    await s.setIfNewer!('wx:app/../x:access_token', { accessToken: 'U', expiresAt: 2 })
    expect(await s.lock!('wx:app:access_token:lock', 'o', 1000)).toBe(true)
    await s.unlock!('wx:app:access_token:lock', 'o')
    const { readdirSync } = await import('node:fs')
    expect(readdirSync(sub)).toEqual(['wx%3aapp%2f%2e%2e%2fx%3aaccess_token.json'])
    expect(await s.get('wx:app/../x:access_token')).toEqual({ accessToken: 'U', expiresAt: 2 })
  })

  it('a directory it cannot create: the methods reject, creation does not', async () => {
    const { writeFileSync } = await import('node:fs')
    writeFileSync(join(dir, 'plain-file'), '')
    const s = fileTokenStore(join(dir, 'plain-file', 'wx'))
    await expect(s.get('k')).rejects.toThrow(/ENOTDIR/)
    await expect(s.lock!('k', 'o', 100)).rejects.toThrow(/ENOTDIR/)
  })
})
