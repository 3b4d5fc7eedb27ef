import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  entry: ['src/index.ts', 'src/errcodes.ts', 'src/node.ts'],
  treeshake: true,
  // `src/node.ts` (`@wx/core/node`) is Node-only; keep `node:*` as written.
  removeNodeProtocol: false,
  external: [/^node:/],
})
