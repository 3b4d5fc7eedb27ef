import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  entry: ['src/index.ts', 'src/node.ts'],
  // Keep `node:fs` as written: Deno, Bun and edge bundlers recognise the prefix.
  removeNodeProtocol: false,
  external: [/^node:/],
})
