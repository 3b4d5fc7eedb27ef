// Every package packed as it would be published (`pnpm pack`, which rewrites `workspace:` ranges), then each
// tarball checked the way a user's install would see it: metadata, license, docs, ESM entry points with types
// first, built files only.
import { readdirSync, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { packAll, packageDirs as dirs, root, type Packed } from './pack.ts'

const REPO = 'https://github.com/wx-sdk/wx'

type Manifest = Record<string, unknown> & {
  name: string
  exports: Record<string, string | Record<string, string>>
}

/** Every file path under `dir`, relative to it, with `/` separators. */
function walk(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? walk(join(dir, e.name), base) : [relative(base, join(dir, e.name)).split('\\').join('/')],
  )
}

describe('packed packages', () => {
  let packed: Packed | undefined
  let unpacked = new Map<string, string>()

  beforeAll(async () => {
    packed = await packAll()
    unpacked = packed.unpacked
  }, 120_000)
  afterAll(() => packed?.dispose())

  it('packs one tarball per package', () => {
    const names = dirs.map((d) => JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')).name).sort()
    expect([...unpacked.keys()].sort()).toEqual(names)
  })

  describe.each(dirs)('packages/%s', (d) => {
    const name = JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8')).name as string
    let pkg = ''
    let files: string[] = []
    let manifest: Manifest

    beforeAll(async () => {
      pkg = unpacked.get(name) ?? ''
      if (!pkg) throw new Error(`${name} was not packed`)
      files = walk(pkg)
      manifest = JSON.parse(await readFile(join(pkg, 'package.json'), 'utf8'))
    })

    it('has no workspace: range left and pins its @wx/* ranges to this release line', () => {
      const text = JSON.stringify(manifest)
      expect(text).not.toContain('workspace:')
      for (const field of ['dependencies', 'peerDependencies', 'devDependencies'] as const) {
        for (const [dep, range] of Object.entries((manifest[field] ?? {}) as Record<string, string>)) {
          if (dep.startsWith('@wx/')) expect(range, `${field}.${dep}`).toMatch(/^\^\d+\.\d+\.\d+/)
        }
      }
    })

    it('ships LICENSE (the root MIT text), README and CHANGELOG', async () => {
      expect(files).toEqual(expect.arrayContaining(['LICENSE', 'README.md', 'CHANGELOG.md']))
      expect(await readFile(join(pkg, 'LICENSE'), 'utf8')).toBe(await readFile(join(root, 'LICENSE'), 'utf8'))
      expect(manifest.license).toBe('MIT')
    })

    it('carries the registry metadata', () => {
      expect(manifest.publishConfig).toEqual({ access: 'public' })
      expect(manifest.repository).toEqual({ type: 'git', url: `git+${REPO}.git`, directory: `packages/${d}` })
      expect(manifest.homepage).toBe(`${REPO}/tree/main/packages/${d}#readme`)
      expect(manifest.bugs).toEqual({ url: `${REPO}/issues` })
      expect(Array.isArray(manifest.keywords) && (manifest.keywords as unknown[]).length).toBeGreaterThan(0)
      expect(typeof manifest.description).toBe('string')
    })

    it('is ESM-only, side-effect free, every export with types first and both files shipped', () => {
      expect(manifest.type).toBe('module')
      expect(manifest.sideEffects).toBe(false)
      expect(Object.keys(manifest.exports)).toContain('.')
      for (const [sub, target] of Object.entries(manifest.exports)) {
        if (sub === './package.json') continue
        expect(typeof target, sub).toBe('object')
        const conditions = target as Record<string, string>
        expect(Object.keys(conditions)[0], `${sub}: "types" must come first`).toBe('types')
        expect(conditions.types, sub).toMatch(/^\.\/dist\/.+\.d\.ts$/)
        expect(Object.keys(conditions), `${sub}: no require condition in an ESM-only package`).not.toContain('require')
        for (const file of Object.values(conditions)) expect(files, `${sub} -> ${file}`).toContain(file.slice(2))
      }
      for (const field of ['main', 'types'] as const) expect(files).toContain(String(manifest[field]).replace(/^\.\//, ''))
    })

    it('ships built files only: no sources, tests or configs', () => {
      expect(files.some((f) => f.startsWith('dist/') && f.endsWith('.d.ts'))).toBe(true)
      const allowed = new Set(['package.json', 'LICENSE', 'README.md', 'CHANGELOG.md'])
      const stray = files.filter((f) => !allowed.has(f) && !/^dist\/[^/]+\.(js|d\.ts)$/.test(f))
      expect(stray).toEqual([])
      expect(files.filter((f) => /(^|\/)(src|test)\/|\.test\.|\.spec\./.test(f))).toEqual([])
    })
  })
})
