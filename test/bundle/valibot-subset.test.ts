/**
 * `@wx/core/valibot` (packages/core/src/valibot.ts) is the one place the built packages get valibot's
 * functions from (tsup.package.ts points every `valibot` import there): loading all of valibot is most of
 * a cold start. Sources keep `import * as v from 'valibot'`, so nothing stops a package from calling a
 * valibot function the subset lacks, which would only break at run time (`v.x is not a function`, at
 * the first call that builds that schema). These tests close that gap, on the sources and on `dist`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import * as valibot from 'valibot'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const packages = readdirSync(join(root, 'packages')).filter((p) => existsSync(join(root, 'packages', p, 'package.json')))
const SUBSET = join(root, 'packages/core/src/valibot.ts')

const tsFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tsFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  )
const parse = (file: string, text = readFileSync(file, 'utf8')) => ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true)
const isValibot = (n: ts.Node) => ts.isStringLiteral(n) && n.text === 'valibot'

/** The names packages/core/src/valibot.ts re-exports from valibot. */
function subsetNames(): Set<string> {
  const names = new Set<string>()
  for (const s of parse(SUBSET).statements)
    if (ts.isExportDeclaration(s) && s.moduleSpecifier && isValibot(s.moduleSpecifier) && s.exportClause && ts.isNamedExports(s.exportClause))
      for (const e of s.exportClause.elements) names.add(e.name.text)
  return names
}

/**
 * Every valibot function `file` uses at run time: `v.x(...)` on an `import * as v from 'valibot'` (a
 * type position such as `v.GenericSchema` is a qualified name, not a property access), and value
 * imports or re-exports by name. Names that are no valibot run-time export (a shadowing local's
 * method) are left out.
 */
function usedIn(file: string, text?: string): string[] {
  const sf = parse(file, text)
  const namespaces = new Set<string>()
  const used = new Set<string>()
  for (const s of sf.statements) {
    if (ts.isImportDeclaration(s) && isValibot(s.moduleSpecifier) && s.importClause && !s.importClause.isTypeOnly) {
      const b = s.importClause.namedBindings
      if (b && ts.isNamespaceImport(b)) namespaces.add(b.name.text)
      if (b && ts.isNamedImports(b)) for (const e of b.elements) if (!e.isTypeOnly) used.add((e.propertyName ?? e.name).text)
    }
    if (ts.isExportDeclaration(s) && !s.isTypeOnly && s.moduleSpecifier && isValibot(s.moduleSpecifier)) {
      if (!s.exportClause) used.add('*')
      else if (ts.isNamedExports(s.exportClause)) for (const e of s.exportClause.elements) if (!e.isTypeOnly) used.add((e.propertyName ?? e.name).text)
      else used.add('*')
    }
  }
  const visit = (n: ts.Node) => {
    if (ts.isPropertyAccessExpression(n) && ts.isIdentifier(n.expression) && namespaces.has(n.expression.text)) used.add(n.name.text)
    ts.forEachChild(n, visit)
  }
  if (namespaces.size) visit(sf)
  return [...used].filter((x) => x === '*' || typeof (valibot as Record<string, unknown>)[x] === 'function')
}

describe('@wx/core/valibot, the valibot subset', () => {
  it('exports every valibot function a package calls (packages/*/src)', () => {
    const subset = subsetNames()
    expect(subset.size).toBeGreaterThan(10)
    const missing: string[] = []
    for (const p of packages)
      for (const file of tsFiles(join(root, 'packages', p, 'src'))) {
        if (file === SUBSET) continue
        for (const name of usedIn(file)) if (!subset.has(name)) missing.push(`${name} (${file.slice(root.length)})`)
      }
    expect(missing, 'add these to packages/core/src/valibot.ts').toEqual([])
  })

  it('exports nothing no package calls (each name costs every cold start)', () => {
    const used = new Set<string>()
    for (const p of packages)
      for (const file of tsFiles(join(root, 'packages', p, 'src'))) if (file !== SUBSET) for (const name of usedIn(file)) used.add(name)
    expect([...subsetNames()].filter((name) => !used.has(name)), 'remove these from packages/core/src/valibot.ts').toEqual([])
  })

  it('the scan sees calls, value imports and re-exports, not types or other objects', () => {
    const scan = (text: string) => usedIn('probe.ts', text)
    expect(scan(`import * as v from 'valibot'\nconst s: v.GenericSchema = v.pipe(v.string(), v.email())\nconst m = new Map(); m.size`)).toEqual(['pipe', 'string', 'email'])
    expect(scan(`import { safeParse, type GenericSchema } from 'valibot'\nimport type { InferOutput } from 'valibot'`)).toEqual(['safeParse'])
    expect(scan(`export { object } from 'valibot'`)).toEqual(['object'])
    expect(scan(`const v = [1]; v.map(String)`)).toEqual([])
  })
})

describe('built packages (dist)', () => {
  const dist = (p: string) => join(root, 'packages', p, 'dist')
  it('are built: run pnpm build first', () => {
    const missing = packages.filter((p) => !existsSync(join(dist(p), 'index.js')))
    expect(missing, `no dist for ${missing.join(', ')}: run pnpm build`).toEqual([])
    expect(existsSync(join(dist('core'), 'valibot.js')), 'no packages/core/dist/valibot.js: run pnpm build').toBe(true)
  })

  it('only core/dist/valibot.js holds valibot code; every other file imports it, never valibot', async () => {
    const bad: string[] = []
    for (const p of packages) {
      if (!existsSync(dist(p))) continue
      for (const f of readdirSync(dist(p)).filter((f) => f.endsWith('.js'))) {
        const text = readFileSync(join(dist(p), f), 'utf8')
        if (/\bfrom\s*["']valibot["']|\bimport\s*\(?\s*["']valibot["']/.test(text)) bad.push(`${p}/dist/${f} imports valibot`)
        if (!(p === 'core' && f === 'valibot.js') && /function getGlobalConfig\b|node_modules\/valibot\//.test(text)) bad.push(`${p}/dist/${f} bundles valibot`)
      }
    }
    expect(bad).toEqual([])
    const core = readFileSync(join(dist('core'), 'index.js'), 'utf8')
    expect(core).toMatch(/from ["']\.\/valibot\.js["']/)
    const message = readFileSync(join(dist('message'), 'index.js'), 'utf8')
    expect(message).toMatch(/from ["']@wx\/core\/valibot["']/)
  })

  it('core/dist/valibot.js exports exactly the subset and imports nothing', async () => {
    const file = join(dist('core'), 'valibot.js')
    const text = readFileSync(file, 'utf8')
    expect(text).not.toMatch(/^\s*import\b|\bimport\s*\(/m)
    expect(text.slice(0, 300), "valibot's license notice").toMatch(/valibot[\s\S]*MIT License, Copyright \(c\) Fabian Hiller/)
    const mod = await import(file)
    expect(Object.keys(mod).sort()).toEqual([...subsetNames()].sort())
    for (const k of Object.keys(mod)) expect(typeof mod[k], k).toBe('function')
    expect(mod.safeParse(mod.pipe(mod.string(), mod.nonEmpty()), 'x').success).toBe(true)
  })
})
