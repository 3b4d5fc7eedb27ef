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
export const sceneStrSchema = () => v.pipe(v.string(), v.minLength(1, 'scene string must not be empty'), v.maxBytes(64, 'scene string must be 1-64 bytes'))

/** The body of `POST /cgi-bin/qrcode/create`, checked per action. */
export const qrBodySchema = (temporary: boolean) => {
  const id = temporary
    ? v.pipe(v.number(), v.integer('scene id must be an integer'), v.minValue(1, 'temporary scene id must be a non-zero 32-bit integer (1-4294967295)'), v.maxValue(4_294_967_295, 'temporary scene id must be a non-zero 32-bit integer (1-4294967295)'))
    : v.pipe(v.number(), v.integer('scene id must be an integer'), v.minValue(1, 'permanent scene id must be 1-100000'), v.maxValue(100_000, 'permanent scene id must be 1-100000'))
  const withId = v.object({ scene: v.object({ scene_id: id }) })
  const withStr = v.object({ scene: v.object({ scene_str: sceneStrSchema() }) })
  const expire = {
    // Max 30 days since Dec 2015 (1800 s in 2014, then 7 days).
    expire_seconds: v.pipe(v.number(), v.integer('expire_seconds must be an integer'), v.minValue(1, 'expire_seconds must be ≥ 1'), v.maxValue(2_592_000, 'expire_seconds must be at most 2592000 (30 days)')),
  }
  return temporary
    ? v.variant('action_name', [
        v.object({ action_name: v.literal('QR_SCENE'), action_info: withId, ...expire }),
        v.object({ action_name: v.literal('QR_STR_SCENE'), action_info: withStr, ...expire }),
      ])
    : v.variant('action_name', [
        v.object({ action_name: v.literal('QR_LIMIT_SCENE'), action_info: withId }),
        v.object({ action_name: v.literal('QR_LIMIT_STR_SCENE'), action_info: withStr }),
      ])
}

export const qrOutSchema = () =>
  v.pipe(
    v.looseObject({ ticket: v.string(), url: v.string(), expire_seconds: v.optional(v.number()) }),
    v.transform(({ ticket, url, expire_seconds }) => (expire_seconds === undefined ? { ticket, url } : { ticket, url, expire_seconds })),
  ) as v.GenericSchema<unknown, QRCodeResult>

/** The `action_info` for a numeric or string scene. */
export const sceneInfo = (scene: number | string) => ({ scene: typeof scene === 'string' ? { scene_str: scene } : { scene_id: scene } })
