import { defineConfig, type Options } from 'tsup'

type Plugin = NonNullable<Options['esbuildPlugins']>[number]

/**
 * Every `import ... from 'valibot'` in the built JS goes to `@wx/core/valibot` (core's own entries: to
 * its sibling `./valibot.js`), the subset of valibot's functions the packages use, bundled once in
 * core (see packages/core/src/valibot.ts): loading all of valibot costs ~10 ms at cold start, the subset ~1 ms.
 * Sources and `.d.ts` keep `valibot` (types); only the run-time import moves. `valibotSubsetEntry`
 * is the one file that really bundles from valibot.
 */
const valibotSubset = (valibotSubsetEntry?: string): Plugin => ({
  name: 'wx-valibot-subset',
  setup(build) {
    build.onResolve({ filter: /^valibot$/ }, (args) => {
      if (valibotSubsetEntry) {
        if (args.importer.replaceAll('\\', '/').endsWith(valibotSubsetEntry)) return undefined // bundle valibot here
        return { path: './valibot.js', external: true }
      }
      return { path: '@wx/core/valibot', external: true }
    })
  },
})

/**
 * Valibot's license notice, on top of the built subset entry. A plain comment, not a legal one (`/*!`):
 * bundlers keep legal comments even when they drop every function of the file.
 */
const VALIBOT_NOTICE =
  '// The functions below are bundled from valibot (https://valibot.dev). MIT License, Copyright (c) Fabian Hiller:\n' +
  '// https://github.com/fabian-hiller/valibot/blob/main/LICENSE.md\n'

/**
 * The one tsup setup every `@wx/*` package builds with: ESM + `.d.ts`, platform neutral (edge-safe),
 * ES2022. A package passes only what differs (more entries, Node-only externals, ...). `valibotSubsetEntry`
 * is for `@wx/core` only: the source of its `./valibot` entry.
 */
export const packageConfig = ({ valibotSubsetEntry, ...options }: Options & { valibotSubsetEntry?: string } = {}) =>
  defineConfig({
    entry: ['src/index.ts'],
    format: ['esm'],
    dts: true,
    clean: true,
    platform: 'neutral',
    target: 'es2022',
    ...options,
    // tsup marks dependencies external before any plugin runs; let `valibot` through to the plugin.
    noExternal: ['valibot', ...(options.noExternal ?? [])],
    esbuildPlugins: [valibotSubset(valibotSubsetEntry), ...(options.esbuildPlugins ?? [])],
    plugins: [
      ...(valibotSubsetEntry
        ? [
            {
              name: 'wx-valibot-notice',
              renderChunk: (code: string, chunk: { entryPoint?: string }) =>
                chunk.entryPoint?.replaceAll('\\', '/').endsWith(valibotSubsetEntry) ? { code: VALIBOT_NOTICE + code } : undefined,
            },
          ]
        : []),
      ...(options.plugins ?? []),
    ],
  })
