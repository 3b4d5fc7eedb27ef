import { defineConfig } from 'tsup'

export default defineConfig({
  entry: ['src/index.ts', 'src/fetch.ts'],
  format: ['esm'],
  dts: true,
  clean: true,
  platform: 'node',
  target: 'es2022',
})
