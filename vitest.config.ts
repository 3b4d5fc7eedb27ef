import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vitest/config'

const root = fileURLToPath(new URL('.', import.meta.url))

export default defineConfig({
  resolve: {
    // Tests run against the sources: `@wx/x` -> packages/x/src/index.ts, `@wx/x/y` -> packages/x/src/y.ts.
    alias: [
      { find: /^@wx\/([\w-]+)$/, replacement: `${root}packages/$1/src/index.ts` },
      { find: /^@wx\/([\w-]+)\/([\w-]+)$/, replacement: `${root}packages/$1/src/$2.ts` },
    ],
  },
  test: {
    globalSetup: ['./test/globalSetup.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
    projects: [
      {
        extends: true,
        test: { name: 'node', environment: 'node', include: ['packages/*/test/**/*.test.ts', 'test/**/*.test.ts', 'docs/snippets/*.test.ts'] },
      },
      {
        // Core's suite again, every context on `nodeTransport()` from `@wx/core/node` (see the shim).
        extends: true,
        resolve: { alias: [{ find: /^@wx\/core$/, replacement: `${root}test/transport/node-core.ts` }] },
        test: { name: 'node-transport', environment: 'node', include: ['packages/core/test/**/*.test.ts'] },
      },
      {
        // The same suites in an edge runtime (Vercel's edge-runtime VM): web APIs only, no Node built-ins.
        extends: true,
        test: { name: 'edge', environment: 'edge-runtime', include: ['packages/*/test/**/*.shared.test.ts'] },
      },
    ],
  },
})
