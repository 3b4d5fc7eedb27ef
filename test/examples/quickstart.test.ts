// examples/quickstart: the script `npm run quickstart` ends with, run as a user runs it (its own Node
// process, the built packages through its workspace links, no credentials), against the fake WeChat it
// starts itself.
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const example = join(root, 'examples/quickstart')
const run = promisify(execFile)

describe('examples/quickstart', () => {
  it('sends a text and reads back the menu from the fake WeChat, with one token and one delivery', async () => {
    for (const p of ['core', 'menu', 'message', 'testing']) {
      if (!existsSync(join(root, 'packages', p, 'dist/index.js'))) throw new Error('build first: pnpm build (the example runs on the built packages)')
    }
    const env = { ...process.env }
    for (const k of ['WX_APPID', 'WX_SECRET', 'WX_OPENID', 'WX_BASE_URL']) delete env[k]
    const { stdout, stderr } = await run(process.execPath, ['index.mjs'], { cwd: example, env, timeout: 30_000 })
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^Talking to the fake WeChat at http:\/\/127\.0\.0\.1:\d+/)
    expect(stdout).toMatch(/token: fetched \(stable, cold\), valid until \d{4}-/)
    expect(stdout).toContain('sendText -> o_quickstart_user: ok')
    expect(stdout).toContain('getMenu: Today, Docs')
    expect(stdout).toContain('fake WeChat saw: 1 token request, 1 delivered message')
    expect(stdout).not.toContain('retry:')
  })
})
