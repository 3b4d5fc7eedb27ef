import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  entry: ['src/index.ts', 'src/fetch.ts'],
  platform: 'node',
})
