import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  platform: 'neutral',
  target: 'es2022',
  // Node only (node:fs). Keep `node:` imports as written: Deno and Bun recognise the prefix.
  removeNodeProtocol: false,
  external: [/^node:/],
})
