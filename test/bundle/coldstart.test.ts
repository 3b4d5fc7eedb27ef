/**
 * Cold start with the Node transport, on the built `dist` (run `pnpm build` first): loading core,
 * `@wx/core/node` and a function package does no work a serverless start would pay for: it loads
 * neither the platform fetch (undici) nor `node:https`/`node:http` (taken on the first request) nor
 * `node:zlib` (taken on the first compressed answer).
 * The time itself is measured in `bench/RESULTS.md`, never asserted here.
 */
import { execFileSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dist = (pkg: string, entry = 'index') => `${root}packages/${pkg}/dist/${entry}.js`

/** Internal modules Node loaded in a fresh process that ran `code` (an ES module). */
function loaded(code: string): string[] {
  const probe = `${code}\nprocess.stdout.write(JSON.stringify(process.moduleLoadList))`
  return JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8' }))
}

describe('cold start (built dist)', () => {
  beforeAll(() => {
    const missing = [dist('core'), dist('core', 'node'), dist('core', 'valibot'), dist('message')].filter((p) => !existsSync(p))
    if (missing.length) throw new Error(`no ${missing.map((p) => p.slice(root.length)).join(', ')}: run pnpm build first`)
  })

  it('importing core + @wx/core/node + message loads no fetch (undici), no node:http/https and no zlib', () => {
    const mods = loaded(
      [dist('core'), dist('core', 'node'), dist('message')].map((p) => `await import(${JSON.stringify(p)})`).join('\n'),
    )
    expect(mods.filter((m) => /undici|fetch|\b_?https?\b|_http_|zlib/.test(m))).toEqual([])
    // The probe itself works: a touch of Response loads undici.
    expect(loaded('void Response').some((m) => m.includes('undici'))).toBe(true)
  })

  it('creating a context with nodeTransport() loads nothing either', () => {
    const mods = loaded(
      `const { createContext } = await import(${JSON.stringify(dist('core'))})
       const { nodeTransport } = await import(${JSON.stringify(dist('core', 'node'))})
       createContext({ appid: 'wx1', secret: 's', transport: nodeTransport() })`,
    )
    expect(mods.filter((m) => /undici|fetch|\b_?https?\b|_http_|zlib/.test(m))).toEqual([])
  })
})
