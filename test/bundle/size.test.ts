/**
 * Size budgets and tree-shaking, measured on the built `dist` of each package (run `pnpm build` first;
 * `pnpm test` does). Bundles like a user's bundler would: esbuild, minified, ESM.
 */
import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build, type Platform } from 'esbuild'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const dist = (pkg: string, entry = 'index') => `${root}packages/${pkg}/dist/${entry}.js`

/**
 * Bundles `code` (imports written as `@wx/x`) against the built packages: the median of three builds.
 * esbuild's minified names are not deterministic (measured 2026-12-03: 1 build in 20 on an idle machine
 * named two functions differently, the same dist then gzipped 9–26 B apart; under CI's load that variant
 * was the median), so the budgets leave room for both figures.
 */
async function bundle(code: string, platform: Platform) {
  const runs = [await bundleOnce(code, platform), await bundleOnce(code, platform), await bundleOnce(code, platform)]
  return runs.sort((a, b) => a.gzip - b.gzip)[1]!
}

async function bundleOnce(code: string, platform: Platform) {
  const r = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    platform,
    target: 'es2022',
    mainFields: ['module', 'main'],
    metafile: true,
    logLevel: 'silent',
    plugins: [
      {
        name: 'wx-dist',
        setup(b) {
          b.onResolve({ filter: /^@wx\// }, (a) => {
            const [, pkg, entry] = /^@wx\/([\w-]+)(?:\/([\w-]+))?$/.exec(a.path)!
            return { path: dist(pkg!, entry) }
          })
        },
      },
    ],
  })
  const text = r.outputFiles[0]!.text
  return { text, gzip: gzipSync(text, { level: 9 }).length, inputs: Object.keys(r.metafile.inputs) }
}

const SEND_TEXT = `
import { createContext } from '@wx/core'
import { sendText } from '@wx/message'
const ctx = createContext({ appid: 'wx_appid', secret: 'app_secret' })
console.log(await sendText(ctx, 'OPENID', 'hello'))
`
/**
 * createContext + sendText, minified, gzip, on every platform. The target is 6000 B (issue 11); the core
 * second pass (one deadline per call, the transport seam, the pure policy, the credential lifecycle with
 * lease renewal, tolerated answers, redaction) measured 6.9 KB, and the fixes of the 2026-12-02 review
 * (the per-attempt deadline of a resend, no redirects, async hooks' rejections, tickets redacted, the
 * lease released after a renewal in flight, one listener on a signal many calls share) +283 B (with the per-endpoint `refine` of errors): 7.20 KB;
 * timeouts checked to be positive numbers (a 0 or NaN timeout was an instant `wx/timeout`) +79 B: 7.28 KB;
 * a send aborted in flight, or stopped while waiting to resend, or answered 45066 is `wx/outcome-unknown`
 * (it may have arrived), not `wx/aborted`/`wx/api` +30 B: 7.31 KB; a baseURL checked at createContext and
 * a deadline that stops a request which never went out ending as wx/timeout / wx/aborted +65 B: 7.37 KB;
 * the review of those fixes (baseURL read by the URL parser, timeouts typed, lease ≤ a day, any failure
 * after a resend wait outcome-unknown) +84 B, a 3xx never a success +3 B, invalidInput shared +5 B: 7.47 KB;
 * wrongly typed arguments made typed errors (call options checked once, createContext's option types, a
 * missing retry class handled as a send, null options) +286 B: 7.75 KB; hooks and retry checked by their
 * known names, so a hooks object carrying a logger still works, +62 B: 7.81 KB; `decide` reads an unknown
 * retry class as a send (one `retryClassOf` with the pipeline) +6 B: 7.82 KB; null tokenMode/baseURL as the
 * defaults, a falsy tokenStore refused, +10 B: 7.83 KB; the secrets review (2026-12-03: a user's OAuth
 * credentials redacted from hook events, issue messages that name a string's type instead of quoting it,
 * prefixed credential names such as `jsapi_ticket=` redacted) +43 B: 7.87 KB; the review of that day's diff
 * (`within` handles the promise it stops waiting for: an unhandled rejection crashed Node; the prefix bounded:
 * megabytes of `a_a_…` overflowed the regex stack; `Received "…"` too) +17 B: 7.89 KB; the fleet review
 * (a token request that went out is kept when its callers gave up, the last 8 rejected tokens never
 * adopted again, store calls given a signal, the timer of an unlock nobody waits for unref'd) +94 B: 7.99 KB;
 * its review (a request nobody waits for any more is detached, its lock released, not joined: one that
 * never answered held every later call; a late answer older than the token in hand dropped) +36 B: 8.02 KB.
 * The budget guards that figure until the
 * target is met again: see packages/core/README.md, "What the bytes are".
 */
const BUDGET = 8050

it('the packages are built (the size budgets measure dist)', () => {
  const missing = ['core', 'message'].filter((p) => !existsSync(dist(p)))
  expect(missing, `no dist for ${missing.join(', ')}: run pnpm build first`).toEqual([])
})

describe('bundle size (built dist)', () => {
  for (const platform of ['neutral', 'browser', 'node'] as const) {
    it(`createContext + sendText, platform ${platform}: <= ${BUDGET} bytes gzip, no polyfill, no Node built-ins`, async () => {
      const { text, gzip, inputs } = await bundle(SEND_TEXT, platform)
      console.log(`[size] createContext + sendText (${platform}): ${text.length} B min, ${gzip} B gzip`)
      expect(gzip).toBeLessThanOrEqual(BUDGET)
      // The only third-party code is valibot's, and only as `@wx/core/valibot` (core's dist/valibot.js, the
      // functions the packages use, bundled once): nothing from node_modules, so no fetch polyfill
      // (node-fetch-native, undici), no second valibot, nothing else.
      expect(inputs.filter((i) => i.includes('node_modules'))).toEqual([])
      expect(inputs.filter((i) => i.endsWith('packages/core/dist/valibot.js'))).toHaveLength(1)
      expect(text).not.toMatch(/from\s*"node:|require\("node:/)
    })
  }

  it('tree-shakes: sendText carries no other endpoint, schema or message type', async () => {
    const { text } = await bundle(SEND_TEXT, 'neutral')
    expect(text).toContain('/cgi-bin/message/custom/send')
    for (const other of ['/cgi-bin/message/custom/typing', 'miniprogrampage', 'msgmenu', 'hqmusicurl', 'thumb_media_id', 'articles'])
      expect(text).not.toContain(other)
  })

  it('importing a package does no work: an unused import bundles to nothing', async () => {
    const { text } = await bundle(`import '@wx/core'; import '@wx/message'`, 'neutral')
    expect(text.trim()).toBe('')
  })
})

/**
 * Bytes per function (issue 13): what each function adds, bundled alone next to createContext + sendText
 * (esbuild, minified, gzip -9, platform neutral), and all eleven together. The send-path schemas reuse
 * the valibot pieces core + sendText already carries (object, string, pipe, regex, nonEmpty, optional)
 * plus a small shared set (number, array, check, custom, rawCheck, looseObject, transform), so
 * a function pays mostly for its own checks. Budgets sit just above the measured figures (2026-12-02):
 * a function that starts pulling in a new valibot action or a neighbour's table goes red here.
 * uploadMedia +292 B (1638 → 1930) since it reads its file inside the call (`prepare`: deadline, signal,
 * onError) and a stream no further than the size limit (core's `readBytesLimited`, ~190 B). massSendText
 * +30 B (1109 → 1139) since a message JSON cannot carry (a BigInt) is wx/validation, not a TypeError.
 * createGoods 1228 B since free-shipping goods may leave out `delivery_info` (a check on the whole product);
 * 1241 B next to the core of 2026-12-03 (its own code did not change).
 * uploadMedia ~2000 B (+~45 B, 2026-12-03) since a call that ends early (abort, timeout) cancels the
 * caller's stream instead of leaving a read pending on it (`readBytesLimited`'s `signal`). sendTemplate
 * 837 B next to the secrets review's core (gzip shares differently; its own code did not change).
 */
const PER_FUNCTION: [fn: string, pkg: string, budget: number][] = [
  ['sendImage', 'message', 100],
  ['uploadMedia', 'media', 2030],
  ['massSendText', 'mass', 1180],
  ['createGoods', 'shop', 1260],
  ['createTmpQRCode', 'qrcode', 550],
  ['createLimitQRCode', 'qrcode', 550],
  ['createMenu', 'menu', 1070],
  ['getMenu', 'menu', 480],
  ['sendTemplate', 'template', 850],
  ['sendNews', 'message', 330],
]

/**
 * createContext + sendText + the ten functions above. Issue 13's target is 9000 B; this branch measures
 * 13.34–13.35 KB (12.85 KB before uploadMedia read its file inside the call; 13.67 KB once wrongly typed
 * arguments became typed errors), of which core + sendText is 7.75 KB and the eleven
 * functions' own checks (upload sniffing, the menu and goods structures, mass targets) most of the rest.
 * A `maxImageBytes` that is no positive number refused (it passed every in-memory file) +35 B: 13,781 B;
 * the wire-fidelity review's createGoods fixes (free-shipping goods without `delivery_info`, custom SKUs
 * with spaces: createGoods 1228 B) and its neighbours +62 B: 13,843 B. uploadMedia cancelling the caller's
 * stream when the call ends early: 13,875–13,899 B; the secrets review (see BUDGET) 13,917 B; mass results
 * and thumb uploads built outside the output schema (an answer that drifted skips its transform) 13,946 B
 * (2026-12-03); 13,955 B after the review of that day's diff, 13,981 B for esbuild's other naming (see
 * `bundle`; the median in CI); 14,046 B after the fleet review's core changes, 14,084 B after
 * its review (see BUDGET).
 * The budget guards the measured figure until the target is met.
 */
const ELEVEN_BUDGET = 14150

describe('bytes per function (built dist, neutral, on top of createContext + sendText)', () => {
  const pkgs = [...new Set(['core', 'message', ...PER_FUNCTION.map(([, pkg]) => pkg)])]

  it('the packages are built', () => {
    const missing = pkgs.filter((p) => !existsSync(dist(p)))
    expect(missing, `no dist for ${missing.join(', ')}: run pnpm build first`).toEqual([])
  })

  const exports = (fns: typeof PER_FUNCTION) => fns.map(([fn, pkg]) => `export { ${fn} } from '@wx/${pkg}'\n`).join('')

  it.each(PER_FUNCTION)('%s (@wx/%s) adds at most %i B gzip', async (fn, pkg, budget) => {
    const missing = pkgs.filter((p) => !existsSync(dist(p)))
    expect(missing, `no dist for ${missing.join(', ')}: run pnpm build first`).toEqual([])
    const base = await bundle(SEND_TEXT, 'neutral')
    const { gzip } = await bundle(SEND_TEXT + exports([[fn, pkg, budget]]), 'neutral')
    console.log(`[size] + ${fn}: +${gzip - base.gzip} B gzip (budget ${budget})`)
    expect(gzip - base.gzip).toBeLessThanOrEqual(budget)
  })

  it(`createContext + sendText + the ten: <= ${ELEVEN_BUDGET} B gzip (issue 13 target: 9000)`, async () => {
    const missing = pkgs.filter((p) => !existsSync(dist(p)))
    expect(missing, `no dist for ${missing.join(', ')}: run pnpm build first`).toEqual([])
    const { text, gzip } = await bundle(SEND_TEXT + exports(PER_FUNCTION), 'neutral')
    console.log(`[size] createContext + sendText + ten functions: ${text.length} B min, ${gzip} B gzip`)
    expect(gzip).toBeLessThanOrEqual(ELEVEN_BUDGET)
  })
})
