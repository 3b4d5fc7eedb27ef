import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  // index and hono: web APIs only. node: Node adapters (node:http types, node:stream).
  entry: ['src/index.ts', 'src/hono.ts', 'src/node.ts'],
  dts: { compilerOptions: { types: ['node'] } },
  removeNodeProtocol: false,
  external: ['@wx/core', '@wx/message', 'hono', /^node:/],
})
