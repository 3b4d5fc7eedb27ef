import { defineConfig } from 'tsup'

export default defineConfig({
  // index and hono: web APIs only. node: Node adapters (node:http types, node:stream).
  entry: ['src/index.ts', 'src/hono.ts', 'src/node.ts'],
  format: ['esm'],
  dts: { compilerOptions: { types: ['node'] } },
  clean: true,
  platform: 'neutral',
  target: 'es2022',
  removeNodeProtocol: false,
  external: ['@wx/core', '@wx/message', 'hono', /^node:/],
})
