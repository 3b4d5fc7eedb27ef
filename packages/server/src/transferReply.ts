import { invalid, type Reply } from './_reply.ts'

/**
 * Hands the conversation to customer service (`transfer_customer_service`), optionally to one
 * account (`name@wxid`).
 *
 * @throws {WxError} `wx/validation` when `kfAccount` is not `name@wxid`.
 * @example
 * onMessage: (m) => (m.type === 'text' && m.Content === '人工' ? transferReply() : undefined)
 */
export function transferReply(kfAccount?: string): Reply {
  if (kfAccount === undefined) return { type: 'transfer_customer_service' }
  if (!/^[\w.-]+@[\w.-]+$/.test(kfAccount)) throw invalid('kfAccount', 'kfAccount must be name@wxid')
  return { type: 'transfer_customer_service', kfAccount }
}
