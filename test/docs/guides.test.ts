// The guides' code is kept in docs/snippets/*.ts, which `pnpm typecheck` checks (and testing.test.ts runs).
// Every ```ts block of a guide must appear verbatim in its snippet file, so the guide cannot drift from
// code that compiles.
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../../', import.meta.url))
const guides: Record<string, string> = {
  'getting-started.md': 'getting-started.ts',
  'context-and-tokens.md': 'context-and-tokens.ts',
  'errors-and-retries.md': 'errors-and-retries.ts',
  'receiving-messages.md': 'receiving-messages.ts',
  'testing.md': 'testing.test.ts',
  'edge-and-serverless.md': 'edge-and-serverless.ts',
}

/** The ```ts blocks of a markdown text. */
function tsBlocks(md: string): string[] {
  return [...md.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((m) => m[1] ?? '')
}

describe.each(Object.entries(guides))('docs/%s', (guide, snippet) => {
  it(`has its code in docs/snippets/${snippet}, verbatim`, () => {
    const md = readFileSync(join(root, 'docs', guide), 'utf8')
    const code = readFileSync(join(root, 'docs/snippets', snippet), 'utf8')
    const blocks = tsBlocks(md)
    expect(blocks.length).toBeGreaterThan(0)
    for (const block of blocks) expect(code, `a block of ${guide} is not in ${snippet}:\n${block}`).toContain(block)
    expect(md).toContain(`snippets/${snippet}`)
  })

  it('links only to files that exist', () => {
    const md = readFileSync(join(root, 'docs', guide), 'utf8')
    for (const [, href] of md.matchAll(/\]\(([^)#]+)(?:#[^)]*)?\)/g)) {
      if (!href || /^https?:/.test(href) || href.startsWith('api/')) continue
      expect(existsSync(join(root, 'docs', href)), `${guide} links to ${href}`).toBe(true)
    }
  })
})
