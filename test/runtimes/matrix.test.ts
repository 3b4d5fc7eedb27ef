// The runtime matrix (issue 16): one end-to-end (test/runtimes/matrix/app.mjs) run from the packed packages,
// installed into a scratch app, against the fake WeChat on 127.0.0.1, in Node, Deno, Bun, workerd (miniflare)
// and edge-runtime (@edge-runtime/vm). The scratch app's node_modules is laid out from the unpacked tarballs
// (what `npm install <tarballs>` writes), plus valibot copied from the workspace: offline and without a
// registry. Deno and Bun run the app from that node_modules; workerd and edge-runtime run it bundled by esbuild
// as `wrangler` and Vercel would. A runtime that cannot be started is skipped with the reason, and under
// CI=true that skip fails the run.
import { execFile, execFileSync } from 'node:child_process'
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAll, root, type Packed } from '../publish/pack.ts'

const exec = promisify(execFile)
const SEND = '/cgi-bin/message/custom/send'
const bin = (name: string) => join(root, 'node_modules/.bin', name)

/** Why a runtime cannot run here, or undefined when it can. */
function unavailable(name: string): string | undefined {
  try {
    if (name === 'deno' || name === 'bun') {
      if (!existsSync(bin(name))) return `node_modules/.bin/${name} is missing (a root devDependency: pnpm install)`
      execFileSync(bin(name), ['--version'], { stdio: 'pipe', timeout: 30_000 })
    } else if (name === 'workerd') {
      // miniflare drives the workerd binary its install script fetched: start that binary once.
      const workerd = createRequire(createRequire(join(root, 'package.json')).resolve('miniflare')).resolve('workerd')
      const binary = (createRequire(workerd)(workerd) as { default: string }).default
      execFileSync(binary, ['--version'], { stdio: 'pipe', timeout: 30_000 })
    } else if (name === 'edge-runtime') createRequire(join(root, 'package.json')).resolve('@edge-runtime/vm')
  } catch (e) {
    return `${name} cannot start: ${String((e as Error).message).split('\n')[0]}`
  }
}

type Args = { base: string; appid: string; secret: string }
type Result = Record<string, any>

let packed: Packed | undefined
let app = ''
let fake: FakeWeChat
const bundles: { worker?: string; edge?: string } = {}

beforeAll(async () => {
  packed = await packAll()
  app = join(packed.out, 'app')
  const nm = join(app, 'node_modules')
  const deps: Record<string, string> = {}
  for (const [name, dir] of packed.unpacked) {
    cpSync(dir, join(nm, name), { recursive: true })
    deps[name] = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version
  }
  const valibot = join(root, 'node_modules/valibot')
  cpSync(valibot, join(nm, 'valibot'), { recursive: true, dereference: true })
  deps.valibot = JSON.parse(readFileSync(join(valibot, 'package.json'), 'utf8')).version
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'wx-matrix-app', private: true, type: 'module', dependencies: deps }, null, 2))
  for (const f of ['app.mjs', 'main.mjs', 'worker.mjs']) cpSync(join(root, 'test/runtimes/matrix', f), join(app, f))

  // What wrangler / Vercel do to a Worker or an edge function: bundle it for a web platform.
  const { build } = await import('esbuild')
  const common = { bundle: true, write: false, platform: 'browser', absWorkingDir: app, logLevel: 'silent' } as const
  const worker = await build({ ...common, entryPoints: ['worker.mjs'], format: 'esm', conditions: ['workerd', 'worker', 'browser'] })
  bundles.worker = worker.outputFiles[0]!.text
  const edge = await build({ ...common, entryPoints: ['app.mjs'], format: 'iife', globalName: '__wxMatrix', conditions: ['edge-light', 'worker', 'browser'] })
  bundles.edge = edge.outputFiles[0]!.text

  fake = await createFakeWeChat()
}, 180_000)
afterAll(async () => {
  await fake?.close()
  await packed?.dispose()
})

const lastLine = (stdout: string) => JSON.parse(stdout.trim().split('\n').pop()!) as Result

const runners: Record<string, (a: Args) => Promise<Result>> = {
  node: async (a) => lastLine((await exec(process.execPath, ['main.mjs', JSON.stringify(a)], { cwd: app, timeout: 60_000 })).stdout),
  deno: async (a) =>
    lastLine(
      (
        await exec(bin('deno'), ['run', '--node-modules-dir=manual', '--allow-net=127.0.0.1', `--allow-read=${app}`, 'main.mjs', JSON.stringify(a)], {
          cwd: app,
          env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' },
          timeout: 60_000,
        })
      ).stdout,
    ),
  bun: async (a) => lastLine((await exec(bin('bun'), ['main.mjs', JSON.stringify(a)], { cwd: app, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 })).stdout),
  workerd: async (a) => {
    const { Miniflare } = await import('miniflare')
    const mf = new Miniflare({ modules: true, script: bundles.worker!, compatibilityDate: '2025-09-01' })
    try {
      const res = await mf.dispatchFetch('http://matrix.local/', { method: 'POST', body: JSON.stringify(a) })
      const body = (await res.json()) as Result
      if (res.status !== 200) throw new Error(`workerd: ${body.error}`)
      return body
    } finally {
      await mf.dispose()
    }
  },
  'edge-runtime': async (a) => {
    const { EdgeVM } = await import('@edge-runtime/vm')
    const vm = new EdgeVM()
    vm.evaluate(bundles.edge!)
    return JSON.parse(await vm.evaluate(`__wxMatrix.run(${JSON.stringify(a)}).then(JSON.stringify)`)) as Result
  },
}

describe.each(Object.keys(runners))('%s, from the packed packages', (runtime) => {
  const reason = unavailable(runtime)

  it('token, send, 45015, menu, media, followers, push verified/decrypted/replied, forged push refused, JS-SDK config', async (t) => {
    if (reason) {
      if (process.env.CI === 'true') throw new Error(`${runtime} is required under CI=true: ${reason}`)
      console.warn(`runtime matrix: ${runtime} skipped: ${reason}`)
      return t.skip(reason)
    }
    fake.reset()
    fake.failNext(45015, 1, SEND)
    const r = await runners[runtime]!({ base: fake.url, appid: fake.appid, secret: fake.secret }).catch((e) => {
      throw new Error(`${runtime} failed: ${e.stderr || e.message}`)
    })

    expect(r.runtime, 'the app ran in the runtime it was meant for').toBe(runtime)
    expect(r.token).toBe(true)
    expect(r.send45015).toBe('wx/api:45015')
    expect(r.sent).toBe(true)
    expect(fake.deliveries).toHaveLength(1)
    expect(fake.deliveries[0]).toMatchObject({ to: 'o_user' })
    expect(r.menu.button[0]).toMatchObject({ type: 'click', name: 'Today', key: 'V1001_TODAY' })
    expect(r.menu.button[1].sub_button[0]).toMatchObject({ type: 'view', url: 'https://example.com/' })
    expect(r.uploaded).toBe('image')
    expect(r.mediaRoundTrip).toBe(true)
    expect(r.followers.total).toBeGreaterThan(0)
    expect(typeof r.followers.first).toBe('string')
    expect(r.push.status).toBe(200)
    expect(r.push.seen).toEqual(['ping'])
    expect(r.push.reply).toContain('echo: ping')
    expect(r.forged.status).toBeGreaterThanOrEqual(400)
    expect(r.forged.seen).toBe(1)
    expect(await fake.checkJsConfig('https://example.com/page?id=1', r.jsConfig)).toEqual({ errMsg: 'config:ok' })
    const calls = fake.stats().calls
    expect(calls[SEND]).toBe(2)
    expect(calls['/cgi-bin/ticket/getticket']).toBe(1)
  }, 90_000)
})
