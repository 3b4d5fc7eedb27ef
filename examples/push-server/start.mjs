// `pnpm start` (or `node start.mjs`): Node 20 cannot run TypeScript, so this bundles src/server.ts
// with esbuild (dependencies stay imports) into dist/server.mjs and runs it. Build the workspace once
// first (`pnpm build` at the root): @wx/* resolve to their built dist.
import { build } from 'esbuild'

const outfile = new URL('./dist/server.mjs', import.meta.url)
await build({
  entryPoints: [new URL('./src/server.ts', import.meta.url).pathname],
  bundle: true,
  packages: 'external',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  outfile: outfile.pathname,
  logLevel: 'warning',
})
await import(outfile.href)
