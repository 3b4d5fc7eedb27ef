// Packs every package as it would be published (`pnpm pack`, which rewrites `workspace:` ranges) into a temp
// folder and unpacks each tarball. Shared by the tarball checks (pack.test.ts) and the runtime matrix.
import { execFile } from 'node:child_process'
import { existsSync, readdirSync } from 'node:fs'
import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'

export const root = fileURLToPath(new URL('../../', import.meta.url))
const run = promisify(execFile)

/** Folder names under packages/ that hold a package. */
export const packageDirs = readdirSync(join(root, 'packages')).filter((d) => existsSync(join(root, 'packages', d, 'package.json')))

/** The packed packages: tarballs, and each one unpacked (`unpacked.get('@wx/core')` is its `package/` folder). */
export interface Packed {
  /** The temp folder holding everything; `dispose()` removes it. */
  out: string
  tarballs: Map<string, string>
  unpacked: Map<string, string>
  dispose(): Promise<void>
}

/** `pnpm -r pack` of every package into a temp folder, each tarball unpacked. Needs `pnpm build` first. */
export async function packAll(): Promise<Packed> {
  for (const d of packageDirs) {
    if (!existsSync(join(root, 'packages', d, 'dist/index.js'))) throw new Error(`build first: pnpm build (packages/${d}/dist is missing)`)
  }
  const out = await mkdtemp(join(tmpdir(), 'wx-pack-'))
  const { stdout } = await run('pnpm', ['-r', '--filter', './packages/**', 'pack', '--pack-destination', out, '--json'], {
    cwd: root,
    maxBuffer: 16 * 1024 * 1024,
  })
  const packed = JSON.parse(stdout) as { name: string; filename: string }[]
  const tarballs = new Map<string, string>()
  const unpacked = new Map<string, string>()
  for (const { name, filename } of packed) {
    const dest = join(out, 'x', name.replace('/', '+'))
    await mkdir(dest, { recursive: true })
    await run('tar', ['-xzf', filename, '-C', dest])
    tarballs.set(name, filename)
    unpacked.set(name, join(dest, 'package'))
  }
  return { out, tarballs, unpacked, dispose: () => rm(out, { recursive: true, force: true }) }
}
