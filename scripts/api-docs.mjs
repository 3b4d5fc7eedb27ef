#!/usr/bin/env node
// The API reference, generated from the JSDoc of every package's public entry points with the TypeScript
// compiler API (one program over the root tsconfig, so `@wx/*` resolves to the sources).
//
//   node scripts/api-docs.mjs           writes docs/api/ (generated, gitignored)
//   node scripts/api-docs.mjs --check   writes nothing; fails when an exported function has no JSDoc
//                                       summary or no @example
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { dirname, join, relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const check = process.argv.includes('--check')
const outDir = join(root, 'docs/api')

/** Every package with its public (not `@internal`) entry points: `{ dir, name, description, entries: [{ subpath, file }] }`. */
function packages() {
  return readdirSync(join(root, 'packages'))
    .filter((d) => existsSync(join(root, 'packages', d, 'package.json')))
    .sort()
    .map((d) => {
      const pkg = JSON.parse(readFileSync(join(root, 'packages', d, 'package.json'), 'utf8'))
      const entries = Object.entries(pkg.exports ?? {})
        .filter(([sub]) => sub !== './package.json')
        .map(([sub, target]) => {
          const js = typeof target === 'string' ? target : target.default ?? target.node ?? target.import
          const file = join(root, 'packages', d, js.replace(/^\.\/dist\//, 'src/').replace(/\.js$/, '.ts'))
          if (!existsSync(file)) throw new Error(`${pkg.name}: ${sub} -> ${js} has no source ${relative(root, file)}`)
          return { subpath: sub === '.' ? pkg.name : `${pkg.name}/${sub.slice(2)}`, file }
        })
        // An entry whose file opens with a doc comment tagged `@internal` (e.g. `@wx/core/valibot`) is not API.
        .filter((e) => !/@internal\b/.test(/^\s*(?:\/\*(?!\*)[\s\S]*?\*\/\s*|\/\/.*\n\s*)*(\/\*\*[\s\S]*?\*\/)/.exec(readFileSync(e.file, 'utf8'))?.[1] ?? ''))
      return { dir: d, name: pkg.name, description: pkg.description ?? '', entries }
    })
}

const pkgs = packages()
const config = ts.getParsedCommandLineOfConfigFile(join(root, 'tsconfig.json'), {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: (d) => { throw new Error(ts.flattenDiagnosticMessageText(d.messageText, '\n')) } })
const program = ts.createProgram({ rootNames: pkgs.flatMap((p) => p.entries.map((e) => e.file)), options: { ...config.options, noEmit: true } })
const checker = program.getTypeChecker()

const text = (parts) => ts.displayPartsToString(parts).trim()
const kinds = (decl) =>
  ts.isFunctionDeclaration(decl) ? 'function'
  : ts.isClassDeclaration(decl) ? 'class'
  : ts.isInterfaceDeclaration(decl) ? 'interface'
  : ts.isTypeAliasDeclaration(decl) ? 'type'
  : ts.isEnumDeclaration(decl) ? 'enum'
  : ts.isVariableDeclaration(decl) ? 'const'
  : 'other'

/** One exported name: its kind, signature, JSDoc summary and tags. */
function describe(exported) {
  const sym = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported
  const decl = sym.valueDeclaration ?? sym.declarations?.[0]
  let kind = decl ? kinds(decl) : 'other'
  const type = decl ? checker.getTypeOfSymbolAtLocation(sym, decl) : undefined
  // A const holding a function (`export const f = (...) => ...`) is a function to its callers.
  if (kind === 'const' && type && type.getCallSignatures().length > 0 && !type.getProperties().length) kind = 'function'
  let signature = ''
  if (kind === 'function' && type) {
    signature = type
      .getCallSignatures()
      .map((s) => `function ${exported.name}${checker.signatureToString(s, decl, ts.TypeFormatFlags.NoTruncation)}`)
      .join('\n')
  } else if (kind === 'const' && type) {
    signature = `const ${exported.name}: ${checker.typeToString(type, decl, ts.TypeFormatFlags.NoTruncation)}`
  } else if (decl && (kind === 'type' || kind === 'interface' || kind === 'class' || kind === 'enum')) {
    const src = decl.getText()
    signature = src.length > 1200 ? `${src.slice(0, src.indexOf('{') + 1 || 200)} ... }` : src
  }
  // The summary of an overloaded function lives on any of its declarations: take the first that has one.
  const summary = text(sym.getDocumentationComment(checker))
  const tags = sym.getJsDocTags(checker).map((t) => ({ name: t.name, text: text(t.text ?? []) }))
  const file = decl ? relative(root, decl.getSourceFile().fileName) : ''
  return { name: exported.name, kind, signature, summary, tags, file, line: decl ? decl.getSourceFile().getLineAndCharacterOfPosition(decl.getStart()).line + 1 : 0 }
}

const problems = new Set()
const docs = pkgs.map((p) => ({
  ...p,
  entries: p.entries.map((e) => {
    const sf = program.getSourceFile(e.file)
    const mod = sf && checker.getSymbolAtLocation(sf)
    if (!mod) throw new Error(`${e.subpath}: ${relative(root, e.file)} is not a module`)
    const items = checker.getExportsOfModule(mod).map(describe).sort((a, b) => a.name.localeCompare(b.name))
    for (const it of items) {
      if (it.kind !== 'function') continue
      const where = `${it.name} (${it.file}:${it.line})`
      if (!it.summary) problems.add(`${where}: no JSDoc summary`)
      if (!it.tags.some((t) => t.name === 'example' && t.text)) problems.add(`${where}: no @example`)
    }
    return { ...e, items }
  }),
}))

if (check) {
  if (problems.size) {
    console.error(`API docs: ${problems.size} problem(s) in exported functions (JSDoc needs a summary and an @example):`)
    for (const p of problems) console.error(`  ${p}`)
    process.exit(1)
  }
  const n = docs.reduce((a, p) => a + p.entries.reduce((b, e) => b + e.items.filter((i) => i.kind === 'function').length, 0), 0)
  console.log(`API docs: ${n} exported functions in ${docs.length} packages, each with a summary and an @example`)
  process.exit(0)
}

/** An @example's text as a fenced block (kept as is when the JSDoc already fences it). */
const example = (t) => (t.trimStart().startsWith('```') ? t : `\`\`\`ts\n${t}\n\`\`\``)
const anchor = (s) => s.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '')

rmSync(outDir, { recursive: true, force: true })
mkdirSync(outDir, { recursive: true })
const index = ['# API reference', '', 'Generated from the JSDoc by `pnpm docs:api` (`scripts/api-docs.mjs`); do not edit.', '', '| Package | Entry points | |', '|---|---|---|']
for (const p of docs) {
  const out = [`# ${p.name}`, '', p.description, '', `Source: [packages/${p.dir}](../../packages/${p.dir}), guide: [README](../../packages/${p.dir}/README.md).`, '']
  for (const e of p.entries) {
    out.push(`## \`${e.subpath}\``, '')
    const order = ['function', 'class', 'const', 'interface', 'type', 'enum', 'other']
    const items = [...e.items].sort((a, b) => order.indexOf(a.kind) - order.indexOf(b.kind) || a.name.localeCompare(b.name))
    out.push(items.map((i) => `[\`${i.name}\`](#${anchor(`${e.subpath}-${i.name}`)})`).join(' · '), '')
    for (const i of items) {
      out.push(`<a id="${anchor(`${e.subpath}-${i.name}`)}"></a>`, `### ${i.name} <sub>${i.kind}</sub>`, '')
      if (i.signature) out.push('```ts', i.signature, '```', '')
      if (i.summary) out.push(i.summary, '')
      const params = i.tags.filter((t) => t.name === 'param')
      if (params.length) out.push(...params.map((t) => `- \`${t.text.split(/\s/)[0]}\` ${t.text.slice(t.text.split(/\s/)[0].length).trim()}`), '')
      for (const t of i.tags) {
        if (t.name === 'example') out.push('Example:', '', example(t.text), '')
        else if (t.name === 'returns' || t.name === 'throws' || t.name === 'deprecated' || t.name === 'see') out.push(`**@${t.name}** ${t.text}`, '')
      }
      out.push(`<sub>[${i.file}:${i.line}](../../${i.file}#L${i.line})</sub>`, '')
    }
  }
  writeFileSync(join(outDir, `${p.dir}.md`), `${out.join('\n').trimEnd()}\n`)
  index.push(`| [${p.name}](${p.dir}.md) | ${p.entries.map((e) => `\`${e.subpath}\``).join(', ')} | ${p.description} |`)
}
writeFileSync(join(outDir, 'README.md'), `${index.join('\n')}\n`)
console.log(`API docs: wrote ${docs.length + 1} files to ${relative(root, outDir)}/`)
