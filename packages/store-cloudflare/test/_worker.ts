import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { fileURLToPath } from 'node:url'

const root = fileURLToPath(new URL('../../../', import.meta.url))

/** What a test Worker is started with besides its script: its bindings. */
type WorkerBindings = { durableObjects: Record<string, string>; kvNamespaces?: string[]; bindings: Record<string, string> }

/**
 * Bundles the fixture Worker `test/fixtures/<fixture>` (the `@wx/*` packages it imports taken from their
 * sources) and starts it in workerd through miniflare, ready for `dispatchFetch`.
 */
export async function startWorker(fixture: string, packages: string[], bindings: WorkerBindings): Promise<Miniflare> {
  const out = await build({
    entryPoints: [fileURLToPath(new URL(`./fixtures/${fixture}`, import.meta.url))],
    bundle: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    write: false,
    alias: Object.fromEntries(packages.map((p) => [`@wx/${p}`, `${root}packages/${p}/src/index.ts`])),
    mainFields: ['module', 'main'],
    logLevel: 'silent',
  })
  const mf = new Miniflare({ modules: true, script: out.outputFiles[0]!.text, compatibilityDate: '2025-01-01', ...bindings })
  await mf.ready
  return mf
}
