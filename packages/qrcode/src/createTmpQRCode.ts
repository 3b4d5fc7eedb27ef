import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import { qrBodySchema, qrOutSchema, sceneInfo, type QRCodeResult } from './_qr.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<QRCodeResult>({
  method: 'POST',
  path: '/cgi-bin/qrcode/create',
  retry: 'idempotent',
  body: () => qrBodySchema(true),
  output: qrOutSchema,
})

/**
 * Creates a temporary parametric QR code (临时二维码); scanning it pushes the scene to your server.
 *
 * Calls `POST /cgi-bin/qrcode/create` with `QR_SCENE` (a number: non-zero 32-bit, 1–4294967295) or
 * `QR_STR_SCENE` (a string of 1–64 bytes). `expireSeconds`: 1–2592000 (30 days). Harmless to repeat,
 * so retried like a read. Errcodes that matter: 40097 (invalid arguments), 48001 (no permission:
 * verified service accounts only), 45009 (daily quota).
 *
 * @example
 * const { ticket, url, expire_seconds } = await createTmpQRCode(ctx, 10000, 1800)
 * const img = showQRCodeURL(ticket)
 */
export function createTmpQRCode(ctx: WxContext, scene: number | string, expireSeconds: number, opts?: CallOptions | null): Promise<QRCodeResult> {
  const action_name = typeof scene === 'string' ? 'QR_STR_SCENE' : 'QR_SCENE'
  return callApi(ctx, endpoint, { body: { expire_seconds: expireSeconds, action_name, action_info: sceneInfo(scene) } }, opts)
}
