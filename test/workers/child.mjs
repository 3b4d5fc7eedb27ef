// Shared by the multi-process test workers (store-redis, store-file, jssdk): a child process that ends by
// itself, and loads the BUILT packages the way a user's program would.

/** Exits after `maxMs` (code 4) or when the parent goes away (code 5): no worker outlives its test. */
export function boundChild(maxMs = 30_000) {
  setTimeout(() => process.exit(4), maxMs).unref()
  process.on('disconnect', () => process.exit(5))
}

/** Imports `packages/<p>/dist/index.js`, or exits (code 3) saying to build first. */
export const loadDist = (p) =>
  import(new URL(`../../packages/${p}/dist/index.js`, import.meta.url).href).catch((e) => {
    console.error(`cannot load packages/${p}/dist: run \`pnpm build\` first (${e.message})`)
    process.exit(3)
  })
