import { WxError } from '@wx/core'

/**
 * Builds the URL of a QR code's image from its ticket; no request is made and no token needed.
 *
 * Points at `GET https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=...` (the ticket URL-encoded:
 * tickets are base64 with `+`, `/` and `=`). Put it in an `<img src>`. An expired or unknown ticket
 * answers HTTP 404 there. Throws `wx/validation` for an empty ticket.
 *
 * @example
 * const { ticket } = await createTmpQRCode(ctx, 10000, 1800)
 * showQRCodeURL(ticket) // 'https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=gQH...%3D%3D'
 */
export function showQRCodeURL(ticket: string): string {
  if (typeof ticket !== 'string' || !ticket)
    throw new WxError('wx/validation', 'showQRCodeURL: ticket must be a non-empty string', { issues: [{ path: 'ticket', message: 'must be a non-empty string' }] })
  return `https://mp.weixin.qq.com/cgi-bin/showqrcode?ticket=${encodeURIComponent(ticket)}`
}
