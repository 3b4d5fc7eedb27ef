import { packageConfig } from '../../tsup.package.ts'

export default packageConfig({
  entry: ['src/index.ts', 'src/errcodes.ts'],
  treeshake: true,
})
