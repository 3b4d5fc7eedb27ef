// examples/migrate-from-wechat-api: a wechat-api 1.x program, changed only in its require line, runs on
// @wx/compat (built dist) against the fake WeChat, in its own Node process.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { useFake } from '../fake.ts'

const root = fileURLToPath(new URL('../../', import.meta.url))
const example = join(root, 'examples/migrate-from-wechat-api')
const run = promisify(execFile)

describe('examples/migrate-from-wechat-api', () => {
  let dir = ''
  beforeAll(async () => {
    if (!existsSync(join(root, 'packages/compat/dist/index.js'))) throw new Error('build first: pnpm build (the example runs on the built @wx/compat)')
    dir = await mkdtemp(join(tmpdir(), 'wx-migrate-'))
  })
  afterAll(() => rm(dir, { recursive: true, force: true }))

  it('is wechat-api 1.x code but for its require line', async () => {
    const code = (await readFile(join(example, 'app.js'), 'utf8')).split('\n').filter((l) => !l.trim().startsWith('//'))
    expect(code.filter((l) => l.includes('@wx'))).toEqual(["var API = require('@wx/compat').API;"])
  })

  it('runs unchanged against the fake WeChat; a second run reuses the token its saveToken wrote', async () => {
    const { fake } = await useFake()
    const tokenFile = join(dir, 'access_token.txt')
    const env = { ...process.env, WX_APPID: fake.appid, WX_SECRET: fake.secret, WX_OPENID: 'o_user_a', TOKEN_FILE: tokenFile, WX_FAKE_URL: fake.baseURL }
    const args = ['--import', join(root, 'test/examples/_point-at-fake.mjs'), join(example, 'app.js')]
    const first = await run(process.execPath, args, { env, cwd: example })
    expect(first.stderr).toBe('')
    expect(first.stdout).toContain('sendText: ok')
    expect(first.stdout).toContain('createMenu: ok')
    expect(first.stdout).toMatch(/getFollowers: \d+ followers/)
    expect(first.stdout).toMatch(/uploadMedia: image \S+/)
    expect(first.stdout).toContain('createTmpQRCode: https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=')
    const saved = JSON.parse(await readFile(tokenFile, 'utf8'))
    expect(saved).toEqual({ accessToken: expect.any(String), expiresAt: expect.any(Number), expireTime: saved.expiresAt })

    await run(process.execPath, args, { env, cwd: example })
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBe(1)
    expect(stats.deliveries).toBe(2)
    expect(JSON.stringify(saved)).not.toContain(fake.secret)
  })

  it('a WeChat errcode reaches the program as WeChatAPIError with its code', async () => {
    const { fake } = await useFake()
    await fake.failNext(45015)
    const env = { ...process.env, WX_APPID: fake.appid, WX_SECRET: fake.secret, WX_OPENID: 'o_user_a', TOKEN_FILE: join(dir, 't2.txt'), WX_FAKE_URL: fake.baseURL }
    const r = await run(process.execPath, ['--import', join(root, 'test/examples/_point-at-fake.mjs'), join(example, 'app.js')], { env, cwd: example }).catch((e) => e)
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('WeChat said 45015')
  })
})
