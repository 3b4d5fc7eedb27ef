export { fileTokenStore } from './fileTokenStore.ts'
export type { FileTokenStoreOptions } from './fileTokenStore.ts'
