import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import { qrBodySchema, qrOutSchema, sceneInfo, type QRCodeResult } from './_qr.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<QRCodeResult>({
  method: 'POST',
  path: '/cgi-bin/qrcode/create',
  retry: 'idempotent',
  body: () => qrBodySchema(false),
  output: qrOutSchema,
})

/**
 * Creates a permanent parametric QR code (永久二维码); scanning it pushes the scene to your server.
 *
 * Calls `POST /cgi-bin/qrcode/create` with `QR_LIMIT_SCENE` (a number 1–100000) or
 * `QR_LIMIT_STR_SCENE` (a string of 1–64 bytes). The same scene gives the same code, so a retry is
 * harmless. An account may hold 100,000 permanent codes. Errcodes that matter: 45029 (permanent
 * code quota used up), 40097 (invalid arguments), 48001 (no permission).
 *
 * @example
 * const { ticket, url } = await createLimitQRCode(ctx, 'shop-42')
 */
export function createLimitQRCode(ctx: WxContext, scene: number | string, opts?: CallOptions): Promise<QRCodeResult> {
  const action_name = typeof scene === 'string' ? 'QR_LIMIT_STR_SCENE' : 'QR_LIMIT_SCENE'
  return callApi(ctx, endpoint, { body: { action_name, action_info: sceneInfo(scene) } }, opts)
}
