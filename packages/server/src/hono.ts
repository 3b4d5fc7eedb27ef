/** `@wx/server/hono`: the Hono adapter. */
export { honoPushHandler } from './honoPushHandler.ts'
export type { HonoContextLike } from './honoPushHandler.ts'
