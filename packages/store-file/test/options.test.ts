// Bad creation arguments are wx/config at once, never a raw TypeError on every later call; null options are the defaults.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { fileTokenStore } from '../src/index.ts'
import { thrown } from '../../../test/bad.ts'

const dir = mkdtempSync(join(tmpdir(), 'wx-file-options-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

const token = { accessToken: 'TOKEN-abcdefgh', expiresAt: Date.now() + 7_200_000 }

describe('fileTokenStore: creation', () => {
  it('a folder that is not a non-empty string is wx/config', () => {
    for (const d of [null, undefined, 42, 'x'.slice(1), [], {}, Symbol('d'), new URL('file:///tmp/x')] as any[])
      expect(thrown(() => fileTokenStore(d)), String(typeof d)).toBe('wx/config')
  })

  it('options: null or {} are the defaults; 42, "x", [], a Symbol are wx/config', async () => {
    for (const o of [42, 'x', [], Symbol('o'), true] as any[]) expect(thrown(() => fileTokenStore(dir, o)), String(typeof o)).toBe('wx/config')
    for (const o of [null, undefined, {}] as any[]) {
      expect(thrown(() => fileTokenStore(dir, o))).toBe('accepted')
      expect(await fileTokenStore(dir, o).setIfNewer!('k', token, 60)).toBe(true)
    }
  })

  it('a mutexWait that is not a number of ms, 0 or more, is wx/config (not a silent 5 s wait); Infinity waits, as every SDK wait may', async () => {
    for (const mutexWait of ['x', '50', Number.NaN, -1, Number.NEGATIVE_INFINITY, {}, [], true] as any[])
      expect(thrown(() => fileTokenStore(dir, { mutexWait })), String(mutexWait)).toBe('wx/config')
    for (const mutexWait of [0, 50, 3000, Number.POSITIVE_INFINITY, null, undefined] as any[]) expect(thrown(() => fileTokenStore(dir, { mutexWait }))).toBe('accepted')
    expect(await fileTokenStore(dir, { mutexWait: Number.POSITIVE_INFINITY }).setIfNewer!('inf', token, 60)).toBe(true)
  })
})

describe('fileTokenStore: the signal core passes', () => {
  it('setIfNewer stops waiting for a busy write mutex when the signal fires (not after mutexWait)', async () => {
    const d = join(dir, 'busy')
    mkdirSync(d, { recursive: true, mode: 0o700 })
    // A writer holds the mutex for 5 s (a crashed one, or a slow one).
    writeFileSync(join(d, 'busy.json.mutex'), JSON.stringify({ owner: 'another', until: Date.now() + 5000 }), { mode: 0o600 })
    const store = fileTokenStore(d, { mutexWait: 3000 })
    const t0 = Date.now()
    const err = await store.setIfNewer!('busy', token, 60, AbortSignal.timeout(100)).catch((e: Error) => e)
    expect(String(err)).toMatch(/gave up waiting for the write mutex/)
    expect(Date.now() - t0).toBeLessThan(1500) // before: polled until mutexWait (3 s)
    expect(await store.get('busy')).toBeNull() // nothing written
  })
})
