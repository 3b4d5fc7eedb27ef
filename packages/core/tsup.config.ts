import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  entry: ['src/index.ts', 'src/errcodes.ts', 'src/node.ts', 'src/valibot.ts'],
  // `src/valibot.ts` (`@wx/core/valibot`, internal) bundles the valibot functions every package uses;
  // index imports them from there (./valibot.js), so one copy of each exists.
  valibotSubsetEntry: 'src/valibot.ts',
  treeshake: true,
  // `src/node.ts` (`@wx/core/node`) is Node-only; keep `node:*` as written.
  removeNodeProtocol: false,
  external: [/^node:/],
})
