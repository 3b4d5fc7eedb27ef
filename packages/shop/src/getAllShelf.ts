import { getAllShelves } from './getAllShelves.ts'

/**
 * Lists every shelf: the seed's other name for `getAllShelves`.
 *
 * Calls `GET /merchant/shelf/getall`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it. Prefer the name `getAllShelves`.
 *
 * @example
 * const { shelves } = await getAllShelf(ctx)
 */
export const getAllShelf: typeof getAllShelves = getAllShelves
