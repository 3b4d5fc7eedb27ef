import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  platform: 'neutral',
  target: 'es2022',
  // Keep `node:fs` as written: Deno, Bun and edge bundlers recognise the prefix.
  removeNodeProtocol: false,
  external: [/^node:/],
})
