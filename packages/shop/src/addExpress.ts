import { addExpressTemplate } from './addExpressTemplate.ts'

/**
 * Adds an express (shipping fee) template: the seed's other name for `addExpressTemplate`.
 *
 * Calls `POST /merchant/express/add`.
 * Errcodes that matter: 48001 (no 微信小店 permission: the shop is retired), 40097 (invalid arguments, e.g. an unknown id).
 *
 * @deprecated WeChat retired 微信小店; the Channels shop (微信小店(视频号), `/channels/ec/*`) replaced it. Prefer the name `addExpressTemplate`.
 *
 * @example
 * const { template_id } = await addExpress(ctx, { delivery_template })
 */
export const addExpress: typeof addExpressTemplate = addExpressTemplate
