export { redisTokenStore } from './redisTokenStore.ts'
export type { RedisClientLike, RedisTokenStoreOptions } from './redisTokenStore.ts'
