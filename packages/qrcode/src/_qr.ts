import { maxUtf8Bytes } from '@wx/core'
import * as v from 'valibot'

/** What WeChat answers for a new QR code. Show it with `showQRCodeURL(ticket)`, or encode `url` yourself. */
export interface QRCodeResult {
  ticket: string
  /** The content of the QR code: encode it with any QR library instead of downloading the image. */
  url: string
  /** Temporary codes only: seconds until the code expires. */
  expire_seconds?: number
}

/** A scene string: 1–64 bytes (documented as "长度限制为1到64"; counted in UTF-8 bytes to be safe). */
export const sceneStrSchema = () =>
  v.pipe(v.string(), v.nonEmpty('scene string must not be empty'), maxUtf8Bytes(64, 'scene string must be 1-64 bytes'))

/** An integer in `[min, max]`, one message for every way to miss it (built from valibot's `number` and `check` only). */
const int = (min: number, max: number, message: string) =>
  v.pipe(v.number(message), v.check((n) => Number.isInteger(n) && n >= min && n <= max, message))

/**
 * The body of `POST /cgi-bin/qrcode/create`. The functions set `action_name` from the scene's type, so
 * only the scene (a number under `scene_id` or a string under `scene_str`) and the lifetime are checked.
 */
export const qrBodySchema = (temporary: boolean) => {
  const action_info = v.object({
    scene: v.pipe(
      v.object({
        scene_id: v.optional(
          temporary
            ? int(1, 4_294_967_295, 'temporary scene id must be an integer in 1-4294967295 (a non-zero 32-bit integer)')
            : int(1, 100_000, 'permanent scene id must be 1-100000 (an integer)'),
        ),
        scene_str: v.optional(sceneStrSchema()),
      }),
      v.check((s) => s.scene_id !== undefined || s.scene_str !== undefined, 'scene must be a number or a string'),
    ),
  })
  return temporary
    ? // Max 30 days since Dec 2015 (1800 s in 2014, then 7 days).
      v.object({ action_name: v.string(), action_info, expire_seconds: int(1, 2_592_000, 'expire_seconds must be an integer in 1-2592000 (30 days)') })
    : v.object({ action_name: v.string(), action_info })
}

/** The answer: `object` keeps only these fields (an absent `expire_seconds` stays absent). */
export const qrOutSchema = () =>
  v.object({ ticket: v.string(), url: v.string(), expire_seconds: v.optional(v.number()) }) as v.GenericSchema<unknown, QRCodeResult>

/** The `action_info` for a numeric or string scene. */
export const sceneInfo = (scene: number | string) => ({ scene: typeof scene === 'string' ? { scene_str: scene } : { scene_id: scene } })
