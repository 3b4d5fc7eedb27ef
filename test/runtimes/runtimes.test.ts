// In Deno and Bun (installed from npm): a send whose keep-alive connection resets after delivery is never
// replayed by the runtime. Deno's fetch silently repeats such a POST (denoland/deno#35610); the SDK's default
// transport sends `send`-class requests through an HTTP client without idle connections, so it cannot. Bun's
// fetch does not replay (checked here with its own fetch too).
import { execFile } from 'node:child_process'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { createFakeWeChat, type FakeWeChat } from '@wx/testing'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const deno = join(root, 'node_modules/.bin/deno')
const bun = join(root, 'node_modules/.bin/bun')
const dist = (p: string) => join(root, `packages/${p}/dist/index.js`)

let fake: FakeWeChat
let importMap: string

beforeAll(async () => {
  expect(existsSync(deno), 'deno is a devDependency: run pnpm install').toBe(true)
  expect(existsSync(dist('core')) && existsSync(dist('message')), 'run pnpm build first').toBe(true)
  const dir = mkdtempSync(join(tmpdir(), 'wx-deno-'))
  importMap = join(dir, 'import-map.json')
  // No `valibot`: the built packages take its functions from `@wx/core/valibot` (core's dist/valibot.js).
  const valibot = join(root, 'packages/core/dist/valibot.js')
  writeFileSync(importMap, JSON.stringify({ imports: { '@wx/core': dist('core'), '@wx/core/valibot': valibot, '@wx/message': dist('message') } }))
  fake = await createFakeWeChat()
})
afterAll(() => fake?.close())

async function runInDeno(mode: 'plain' | 'default') {
  fake.reset()
  const { stdout } = await promisify(execFile)(
    deno,
    ['run', '--no-config', '--allow-net=127.0.0.1', `--allow-read=${root}`, `--import-map=${importMap}`, join(root, 'test/runtimes/send-after-reset.mjs'), fake.url, fake.appid, fake.secret, mode],
    { env: { ...process.env, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1' }, timeout: 60_000 },
  ).catch((e) => {
    throw new Error(`deno failed: ${e.stderr || e.message}`)
  })
  return JSON.parse(stdout.trim().split('\n').pop()!) as { outcome: string; deliveries: number; sends: number }
}

async function runInBun(mode: 'plain' | 'default') {
  fake.reset()
  // Bun resolves @wx/* through the root tsconfig's paths: it runs the sources.
  const { stdout } = await promisify(execFile)(bun, ['run', join(root, 'test/runtimes/send-after-reset.mjs'), fake.url, fake.appid, fake.secret, mode], {
    cwd: root,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  }).catch((e) => {
    throw new Error(`bun failed: ${e.stderr || e.message}`)
  })
  return JSON.parse(stdout.trim().split('\n').pop()!) as { outcome: string; deliveries: number; sends: number }
}

async function printIn(runtime: 'deno' | 'bun') {
  const args =
    runtime === 'deno'
      ? ['run', '--no-config', `--allow-read=${root}`, `--import-map=${importMap}`, join(root, 'test/runtimes/print-context.mjs')]
      : ['run', join(root, 'test/runtimes/print-context.mjs')]
  const { stdout } = await promisify(execFile)(runtime === 'deno' ? deno : bun, args, { cwd: root, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 })
  return stdout
}

describe('a printed context shows neither the secret nor the token', () => {
  for (const runtime of ['deno', 'bun'] as const)
    it(runtime, async () => {
      const out = await printIn(runtime)
      expect(out).toContain('wx_appid_1')
      expect(out).not.toContain('SUPER_SECRET_VALUE_123')
      expect(out).not.toContain('ACCESS_TOKEN_VALUE_456')
    }, 60_000)
})

describe('Bun', () => {
  it('its own fetch and the default transport: delivered once, reported as wx/outcome-unknown', async () => {
    expect(existsSync(bun), 'bun is a devDependency: run pnpm install').toBe(true)
    expect(await runInBun('plain')).toEqual({ outcome: 'wx/outcome-unknown', deliveries: 2, sends: 2 })
    expect(await runInBun('default')).toEqual({ outcome: 'wx/outcome-unknown', deliveries: 2, sends: 2 })
  }, 60_000)
})

describe('Deno', () => {
  it("the hazard is real: Deno's own fetch delivers a send again after a reset on a reused connection", async () => {
    const r = await runInDeno('plain')
    // warm-up + more than one delivery of "once"
    expect(r.deliveries).toBeGreaterThan(2)
  }, 60_000)

  it('the default transport: delivered once, reported as wx/outcome-unknown', async () => {
    const r = await runInDeno('default')
    expect(r).toEqual({ outcome: 'wx/outcome-unknown', deliveries: 2, sends: 2 })
  }, 60_000)
})
