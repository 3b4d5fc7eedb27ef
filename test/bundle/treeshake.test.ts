/**
 * Tree-shaking of every package, on the built `dist`: importing a package does no work, and one
 * exported function bundles only its own endpoint(s), not its neighbours'.
 */
import { existsSync, readdirSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
// Node-only packages are left out: store-file (node:fs), compat (wechat-api's API over every package; node:fs for paths).
const edgePackages = readdirSync(`${root}packages`).filter((p) => !['testing', 'store-file', 'compat'].includes(p))

it('every package is built (tree-shaking is measured on dist)', () => {
  const missing = edgePackages.filter((p) => !existsSync(`${root}packages/${p}/dist/index.js`))
  expect(missing, `no dist for ${missing.join(', ')}: run pnpm build first`).toEqual([])
})

async function bundle(contents: string) {
  const r = await build({
    stdin: { contents, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    platform: 'neutral', // fails on any reachable node: import, so this doubles as the edge-safety gate
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    external: ['hono', 'ioredis', 'redis'],
    plugins: [
      {
        name: 'wx-dist',
        setup(b) {
          b.onResolve({ filter: /^@wx\// }, (a) => {
            const [, pkg, entry] = /^@wx\/([\w-]+)(?:\/([\w-]+))?$/.exec(a.path)!
            return { path: `${root}packages/${pkg}/dist/${entry ?? 'index'}.js` }
          })
        },
      },
    ],
  })
  return r.outputFiles[0]!.text
}

/**
 * The most one exported function may weigh, bundled alone (gzip bytes). Core's share of any function is
 * ~7 KB (the median function bundles to 7.2 KB); the heaviest is jssdk's getJsConfig at 9.14 KB (ticket
 * lifecycle, URL checks, signature, the rejected-config flow), after the typed-argument checks of
 * 2026-12-02 (9000 before). The push handler 9.33–9.38 KB since `readBytesLimited` takes a signal (2026-12-03,
 * +~50 B); 9.41 KB since `drain()` waits for pushes still being handled, 9.45 KB since `drain({ timeout })`
 * (a hung onMessage no longer holds a shutdown until SIGKILL). A function that drags in its package's
 * neighbours lands well above. ~30–50 B of room: esbuild's
 * minified names are not deterministic (the same dist gzips up to 26 B apart, see size.test.ts).
 */
const FN_BUDGET = 9490

/** Endpoint paths as they appear in bundles (string literals starting with a WeChat API prefix). */
const PATHS = /["'`]\/(?:cgi-bin|merchant|semantic|datacube|customservice|pay|payfeedback|wxa|wxaapi)\/[\w/]+/g

describe.each(edgePackages)('@wx/%s', (pkg) => {
  it('importing it does no work (bundles to nothing)', async () => {
    expect((await bundle(`import '@wx/${pkg}'`)).trim()).toBe('')
  })

  it('each exported function bundles alone: few endpoints, small', async () => {
    const mod = await import(`${root}packages/${pkg}/dist/index.js`)
    const fns = Object.keys(mod).filter((k) => typeof mod[k] === 'function' && /^[a-z]/.test(k))
    expect(fns.length).toBeGreaterThan(0)
    for (const fn of fns) {
      const text = await bundle(`export { ${fn} } from '@wx/${pkg}'`)
      const own = new Set((text.match(PATHS) ?? []).map((p) => p.slice(1)))
      own.delete('/cgi-bin/stable_token')
      own.delete('/cgi-bin/token')
      expect(own.size, `${pkg}.${fn} bundles ${[...own].join(', ')}`).toBeLessThanOrEqual(4)
      expect(gzipSync(text).length, `${pkg}.${fn} gzip`).toBeLessThanOrEqual(FN_BUDGET)
    }
  })
})

describe.skipIf(!existsSync(`${root}packages/draft/dist/index.js`))('createContext + addDraft', () => {
  it('stays within the per-function budget and carries no other draft endpoint', async () => {
    const text = await bundle(`
      import { createContext } from '@wx/core'
      import { addDraft } from '@wx/draft'
      const ctx = createContext({ appid: 'wx_appid', secret: 'app_secret' })
      console.log(await addDraft(ctx, [{ title: 't', thumb_media_id: 'm', content: 'c' }]))
    `)
    const gzip = gzipSync(text, { level: 9 }).length
    console.log(`[size] createContext + addDraft: ${text.length} B min, ${gzip} B gzip`)
    expect(gzip).toBeLessThanOrEqual(FN_BUDGET)
    expect(text).toContain('/cgi-bin/draft/add')
    for (const other of ['/cgi-bin/draft/update', '/cgi-bin/freepublish/', '/cgi-bin/comment/']) expect(text).not.toContain(other)
  })
})

describe.skipIf(!existsSync(`${root}packages/server/dist/index.js`))('@wx/server router', () => {
  it('a handler with a single onMessage bundles none of createRouter', async () => {
    const plain = await bundle(`
      import { createPushHandler } from '@wx/server'
      export default createPushHandler({ token: 'token123', appid: 'wx_appid', onMessage: () => 'hi' })
    `)
    const routed = await bundle(`
      import { createPushHandler, createRouter } from '@wx/server'
      export default createPushHandler({ token: 'token123', appid: 'wx_appid', onMessage: createRouter().on('text', () => 'hi') })
    `)
    console.log(`[size] createPushHandler: ${gzipSync(plain).length} B gzip; with createRouter: ${gzipSync(routed).length} B gzip`)
    expect(plain).not.toContain('otherwise')
    expect(routed).toContain('otherwise')
    expect(gzipSync(plain).length).toBeLessThanOrEqual(FN_BUDGET)
  })
})
