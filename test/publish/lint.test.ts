// publint (strict) and "are the types wrong" (ESM-only profile) on every packed package, as the registry
// would get it: the tarballs of `pnpm pack` (workspace ranges rewritten), built first (`pnpm build`).
import { execFile } from 'node:child_process'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAll, root, type Packed } from './pack.ts'

const run = promisify(execFile)
const attw = join(root, 'node_modules/.bin/attw')

describe('publint --strict and attw --profile esm-only', () => {
  let packed: Packed | undefined

  beforeAll(async () => {
    packed = await packAll()
  }, 120_000)
  afterAll(() => packed?.dispose())

  it('report nothing for any package', async () => {
    const problems: string[] = []
    for (const [name, dir] of packed!.unpacked) {
      const { messages, pkg } = await publint({ pkgDir: dir, pack: false, strict: true })
      for (const m of messages) problems.push(`${name}: publint ${m.type}: ${formatMessage(m, pkg) ?? m.code}`)
    }
    // attw exits non-zero when it finds a problem; two at a time (the machine has two cores).
    const queue = [...packed!.tarballs]
    const worker = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [name, tarball] = next
        await run(attw, [tarball, '--profile', 'esm-only', '--format', 'ascii', '--no-color'], { maxBuffer: 8 * 1024 * 1024 }).catch(
          (e: { stdout?: string; stderr?: string }) => problems.push(`${name}: attw:\n${e.stdout ?? ''}${e.stderr ?? ''}`),
        )
      }
    }
    await Promise.all([worker(), worker()])
    expect(problems).toEqual([])
  }, 180_000)
})
