import { invalid, type Reply } from './_reply.ts'

/**
 * Hands the conversation to customer service (`transfer_customer_service`), optionally to one
 * account (`name@wxid`).
 *
 * Calls no endpoint.
 *
 * @throws {WxError} `wx/validation` (stage `input`) when `kfAccount` is given but is not a string
 *   `name@wxid`.
 * @example
 * onMessage: (m) => (m.type === 'text' && m.Content === '人工' ? transferReply() : undefined)
 */
export function transferReply(kfAccount?: string): Reply {
  if (kfAccount === undefined) return { type: 'transfer_customer_service' }
  // typeof first: the regex would turn ['kf@wx'] into 'kf@wx' (and throw a TypeError for a Symbol).
  if (typeof kfAccount !== 'string' || !/^[\w.-]+@[\w.-]+$/.test(kfAccount)) throw invalid('kfAccount', 'must be a string name@wxid')
  return { type: 'transfer_customer_service', kfAccount }
}
