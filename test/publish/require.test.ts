// CommonJS consumers. The packages ship ESM only, and Node >= 20.19 (our `engines`) loads ES modules with
// `require()` when they have no top-level await. This holds that for every entry point of every package, as
// a CommonJS app sees them: resolved by name through `node_modules` and each package's `exports` map, in a
// plain `node` process, against the built `dist`. A package that starts awaiting at its top level, or an entry
// whose `require()` export list differs from its `import()` one, goes red here, and so does the README's
// CommonJS line with it.
import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFake } from '../fake.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))

/** Every package's name and its runtime entry points (`@wx/core`, `@wx/core/node`, ...). */
const entries = readdirSync(join(root, 'packages')).flatMap((dir) => {
  const manifest = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8'))
  return Object.keys(manifest.exports)
    .filter((k) => k !== './package.json')
    .map((k) => ({ dir, id: k === '.' ? manifest.name : `${manifest.name}/${k.slice(2)}` }))
}) as { dir: string; id: string }[]

/** Runs `code` as a CommonJS script in an app folder whose `node_modules/@wx` links every package. */
function runCjs(app: string, code: string, env: Record<string, string> = {}) {
  const file = join(app, `script-${Math.random().toString(36).slice(2)}.cjs`)
  writeFileSync(file, code)
  const r = spawnSync(process.execPath, [file], { cwd: app, encoding: 'utf8', timeout: 30_000, env: { ...process.env, ...env } })
  return { status: r.status, stdout: r.stdout, stderr: r.stderr }
}

describe('CommonJS: require() of the built packages (Node >= 20.19)', () => {
  let app = ''

  beforeAll(() => {
    const missing = [...new Set(entries.map((e) => e.dir))].filter((d) => !existsSync(join(root, 'packages', d, 'dist')))
    expect(missing, `no dist for ${missing.join(', ')}: run pnpm build first`).toEqual([])
    app = mkdtempSync(join(tmpdir(), 'wx-cjs-'))
    mkdirSync(join(app, 'node_modules', '@wx'), { recursive: true })
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'cjs-app', private: true, type: 'commonjs' }))
    for (const dir of new Set(entries.map((e) => e.dir))) {
      const name = JSON.parse(readFileSync(join(root, 'packages', dir, 'package.json'), 'utf8')).name as string
      symlinkSync(join(root, 'packages', dir), join(app, 'node_modules', name), 'dir')
    }
  })
  afterAll(() => {
    if (app) rmSync(app, { recursive: true, force: true })
  })

  it('every entry point loads with require() and exports what import() does', () => {
    const ids = entries.map((e) => e.id)
    const r = runCjs(
      app,
      `(async () => {
        const out = {}
        for (const id of ${JSON.stringify(ids)}) {
          let required
          try { required = Object.keys(require(id)).sort() } catch (e) { out[id] = { error: String(e && e.code || e) }; continue }
          out[id] = { required, imported: Object.keys(await import(id)).filter((k) => k !== 'default').sort() }
        }
        process.stdout.write(JSON.stringify(out))
      })()`,
    )
    expect(r.status, r.stderr).toBe(0)
    const out = JSON.parse(r.stdout) as Record<string, { error?: string; required?: string[]; imported?: string[] }>
    expect(Object.keys(out).sort()).toEqual(ids.sort())
    for (const [id, o] of Object.entries(out)) {
      expect(o.error, `require('${id}')`).toBeUndefined()
      expect(o.required!.length, `${id} exports something`).toBeGreaterThan(0)
      expect(o.required, `${id}: require() and import() export the same names`).toEqual(o.imported)
    }
    // No warning either: require(esm) is stable in Node 20.19+, so nothing is printed on stderr.
    expect(r.stderr).toBe('')
  })

  it('a CommonJS app sends a text over the default transport and the Node transport, against the fake', async () => {
    const { fake } = await useFake()
    const r = runCjs(
      app,
      `const { createContext } = require('@wx/core')
      const { nodeTransport } = require('@wx/core/node')
      const { sendText } = require('@wx/message')
      const o = { appid: process.env.APPID, secret: process.env.SECRET, baseURL: process.env.BASE }
      ;(async () => {
        await sendText(createContext(o), 'o_cjs_user', 'via fetch')
        await sendText(createContext({ ...o, transport: nodeTransport() }), 'o_cjs_user', 'via node:http')
        process.stdout.write('sent')
      })().catch((e) => { console.error(e); process.exit(1) })`,
      { APPID: fake.appid, SECRET: fake.secret, BASE: fake.baseURL },
    )
    expect(r.status, r.stderr).toBe(0)
    expect(r.stdout).toBe('sent')
    const texts = (await fake.deliveries()).map((d) => (d.payload as { text?: { content?: string } }).text?.content)
    expect(texts).toEqual(['via fetch', 'via node:http'])
  })
})
