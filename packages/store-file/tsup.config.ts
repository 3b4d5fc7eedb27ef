import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  // Node only (node:fs). Keep `node:` imports as written: Deno and Bun recognise the prefix.
  removeNodeProtocol: false,
  external: [/^node:/],
})
