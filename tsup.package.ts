import { defineConfig, type Options } from 'tsup'

/**
 * The one tsup setup every `@wx/*` package builds with: ESM + `.d.ts`, platform neutral (edge-safe),
 * ES2022. A package passes only what differs (more entries, Node-only externals, ...).
 */
export const packageConfig = (options: Options = {}) =>
  defineConfig({ entry: ['src/index.ts'], format: ['esm'], dts: true, clean: true, platform: 'neutral', target: 'es2022', ...options })
