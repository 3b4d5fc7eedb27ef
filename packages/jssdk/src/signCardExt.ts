import { check } from '@wx/core'
import { sortedSha1 } from '@wx/server'
import { signInput } from './_sign.ts'

const input = /* @__PURE__ */ signInput({ cardId: 'str', timestamp: 'stamp', nonceStr: 'str', code: 'opt', openid: 'opt' })

/**
 * The `card_ext` signature for `wx.addCard`, pure: SHA-1 of the values of `api_ticket` (the `wx_card`
 * ticket), `timestamp`, `card_id`, `nonce_str`, `code`, `openid` sorted as strings and concatenated
 * (absent ones are empty strings, so they add nothing). Use `getCardExt` for the whole `card_ext`.
 *
 * Calls no endpoint (WebCrypto SHA-1).
 *
 * @example
 * const signature = await signCardExt(cardTicket, { cardId: 'pFS7Fjg8kV1IdDz01r4SQwMkuCKc', timestamp: 1414587457, nonceStr: 'Wm3WZYTPz0wzccnW' })
 */
export async function signCardExt(
  ticket: string,
  p: { cardId: string; timestamp: number | string; nonceStr: string; code?: string | null | undefined; openid?: string | null | undefined },
): Promise<string> {
  check(input, { ticket, p }, 'signCardExt')
  return cardSignature(ticket, p)
}

/** @internal `signCardExt` without the argument checks, for `getCardExt` (its own schema checked them). */
export function cardSignature(ticket: string, p: { cardId: string; timestamp: number | string; nonceStr: string; code?: string | null | undefined; openid?: string | null | undefined }): Promise<string> {
  return sortedSha1([ticket, String(p.timestamp), p.cardId, p.nonceStr, p.code ?? '', p.openid ?? ''])
}
