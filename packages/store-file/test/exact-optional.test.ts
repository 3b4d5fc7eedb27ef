// Type test (`pnpm typecheck`, under exactOptionalPropertyTypes): options built from values that may be
// undefined, and `null` options, compile; at runtime both are the defaults.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { fileTokenStore } from '../src/index.ts'

const dir = mkdtempSync(join(tmpdir(), 'wx-file-exact-'))
afterAll(() => rmSync(dir, { recursive: true, force: true }))

/** A user's own config: every value may be missing. */
const cfg: { ms?: number | undefined } = {}

it('an undefined option field and null options are the defaults', async () => {
  const token = { accessToken: 'TOKEN-abcdefgh', expiresAt: Date.now() + 7_200_000 }
  expect(await fileTokenStore(dir, { mutexWait: cfg.ms }).setIfNewer!('a', token, 60)).toBe(true)
  expect(await fileTokenStore(dir, null).setIfNewer!('b', token, 60)).toBe(true)
})
