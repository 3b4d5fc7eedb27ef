// The main and hono entries use web APIs only; node:* stays behind @wx/server/node.
import { build } from 'esbuild'
import { fileURLToPath } from 'node:url'
import { expect, it } from 'vitest'

const src = fileURLToPath(new URL('../src/', import.meta.url))

it.each(['index.ts', 'hono.ts'])('%s bundles without Node built-ins', async (entry) => {
  const out = await build({
    entryPoints: [src + entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    external: ['@wx/core', '@wx/message'],
    logLevel: 'silent',
  })
  const code = out.outputFiles[0]!.text
  expect(code).not.toMatch(/["']node:|\bBuffer\b|\bprocess\./)
})

it('tree-shakes: a reply builder alone pulls in no crypto, XML parser or @wx/message', async () => {
  const out = await build({
    stdin: { contents: `import { textReply } from '${src}index.ts'; console.log(textReply('x'))`, resolveDir: src, loader: 'ts' },
    bundle: true,
    write: false,
    format: 'esm',
    minify: true,
    platform: 'neutral',
    external: ['@wx/core', '@wx/message'],
    logLevel: 'silent',
  })
  const code = out.outputFiles[0]!.text
  expect(code).not.toMatch(/AES-CBC|CDATA|@wx\/message|SHA-1/)
  expect(code.length).toBeLessThan(1500)
})
