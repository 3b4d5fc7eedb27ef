// `pnpm build` (node build.mjs): bundles worker.mjs and the built @wx/* it imports (build the workspace
// first: `pnpm build` at the repository root) into dist/worker.js, one ES module for workerd.
import { build } from 'esbuild'

const outfile = new URL('./dist/worker.js', import.meta.url).pathname
await build({
  entryPoints: [new URL('./worker.mjs', import.meta.url).pathname],
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  conditions: ['workerd', 'worker', 'browser'],
  minify: false,
  outfile,
  logLevel: 'warning',
})
console.log(`built ${outfile}`)
