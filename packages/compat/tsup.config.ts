import { packageConfig } from '../../tsup.package.ts'

// Node only (`@wx/media/node` reads paths with `node:fs`); every @wx/* package stays external.
export default packageConfig({ platform: 'node', external: [/^node:/, /^@wx\//] })
