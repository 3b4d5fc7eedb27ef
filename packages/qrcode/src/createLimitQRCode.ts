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
 * `QR_LIMIT_STR_SCENE` (a string of 1–64 bytes). Resent after an ambiguous failure (creating a code
 * delivers nothing to users), but WeChat does not document whether the same scene returns the same
 * ticket: each resend after an ambiguous failure can use at most one more of the 100,000
 * permanent-code slots (45029 when full). Errcodes that matter: 45029 (permanent code quota used
 * up), 40097 (invalid arguments), 48001 (no permission).
 *
 * @example
 * const { ticket, url } = await createLimitQRCode(ctx, 'shop-42')
 */
export function createLimitQRCode(ctx: WxContext, scene: number | string, opts?: CallOptions | null): Promise<QRCodeResult> {
  const action_name = typeof scene === 'string' ? 'QR_LIMIT_STR_SCENE' : 'QR_LIMIT_SCENE'
  return callApi(ctx, endpoint, { body: { action_name, action_info: sceneInfo(scene) } }, opts)
}
