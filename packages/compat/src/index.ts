export { API, type SeedOptions, type SeedRequestOptions, type SeedToken } from './API.ts'
export { WeChatAPIError } from './WeChatAPIError.ts'
export type { Callback, SeedResponse } from './_seed.ts'
