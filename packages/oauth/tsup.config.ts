import { packageConfig } from '../../tsup.package.ts'

export default packageConfig()
