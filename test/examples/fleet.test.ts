// examples/fleet: `node fleet.mjs` (its documented command) starts four Node processes that share one
// Redis token store (@wx/store-redis, the Redis of test/redis.ts) and send a text at the same moment,
// against the fake WeChat on 127.0.0.1: one token request for the whole fleet, four deliveries.
import { createFakeWeChat } from '@wx/testing'
import { execFile } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { haveRedis, type TestRedis, useRedis } from '../redis.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const dir = join(root, 'examples/fleet')
const run = promisify(execFile)

describe.skipIf(!haveRedis())('examples/fleet', () => {
  let redis: TestRedis
  beforeAll(async () => {
    for (const p of ['core', 'message', 'store-redis', 'testing']) {
      if (!existsSync(join(root, 'packages', p, 'dist/index.js'))) throw new Error('build first: pnpm build (the example runs on the built packages)')
    }
    expect(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts.start).toBe('node fleet.mjs')
    redis = await useRedis()
  })
  afterAll(async () => {
    await redis?.close()
  })

  const env = (extra: Record<string, string>) => {
    const e: Record<string, string | undefined> = { ...process.env, REDIS_URL: redis.url, FLEET_SIZE: '4', ...extra }
    if (!extra.WX_APPID) for (const k of ['WX_APPID', 'WX_SECRET', 'WX_OPENID', 'WX_BASE_URL']) delete e[k]
    return e
  }

  it('four processes against the given WeChat make one token request and deliver four texts', async () => {
    // A fresh appid: its token key in the (possibly shared) Redis is new.
    const fake = await createFakeWeChat({ appid: `wx_fleet_test_${Math.random().toString(36).slice(2, 10)}` })
    try {
      const { stdout, stderr } = await run(process.execPath, ['fleet.mjs'], {
        cwd: dir,
        timeout: 30_000,
        env: env({ WX_APPID: fake.appid, WX_SECRET: fake.secret, WX_BASE_URL: fake.url, WX_OPENID: 'o_fleet' }),
      })
      expect(stderr).toBe('')
      expect(stdout).toContain('4 of 4 members sent their text')
      expect(stdout.match(/fetched a token from WeChat/g)).toHaveLength(1)
      expect(fake.stats().tokenRequests).toBe(1)
      expect(fake.deliveries).toHaveLength(4)
      const texts = fake.deliveries.map((d) => JSON.stringify(d.payload))
      for (const i of [0, 1, 2, 3]) expect(texts.some((t) => t.includes(`Hello from fleet member ${i}`))).toBe(true)
      expect(stdout).not.toContain(fake.secret)
    } finally {
      await fake.close()
    }
  }, 30_000)

  it('without credentials it starts the fake WeChat itself and reports one token request', async () => {
    const { stdout, stderr } = await run(process.execPath, ['fleet.mjs'], { cwd: dir, timeout: 30_000, env: env({}) })
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^Fleet of 4 processes against the fake WeChat at http:\/\/127\.0\.0\.1:\d+/)
    expect(stdout).toContain('fake WeChat saw: 1 token request, 4 delivered messages')
  }, 30_000)
})
