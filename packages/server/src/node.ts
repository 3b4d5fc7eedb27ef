/** `@wx/server/node`: adapters for `node:http`, Express and Koa (Node-only). */
export { toNodeListener } from './toNodeListener.ts'
export { toKoaMiddleware } from './toKoaMiddleware.ts'
export type { KoaContextLike } from './toKoaMiddleware.ts'
export type { NodeRequestLike } from './_nodeRequest.ts'
