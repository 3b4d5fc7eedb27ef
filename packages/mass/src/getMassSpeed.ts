import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** The mass-send speed. */
export interface MassSpeed {
  /** Level 0-4: 0 = 800k/min (80万), 1 = 600k, 2 = 450k, 3 = 300k, 4 = 100k (10万). */
  speed: number
  /** The actual speed, in ten-thousands (万) per minute: 80 at level 0 is 800k/min. */
  realspeed: number
}

const endpoint = /* @__PURE__ */ defineEndpoint<MassSpeed>({
  method: 'POST',
  path: '/cgi-bin/message/mass/speed/get',
  retry: 'read',
  output: () => v.looseObject({ speed: v.number(), realspeed: v.number() }),
})

/**
 * Reads the mass-send speed level (获取群发速度).
 *
 * Calls `POST /cgi-bin/message/mass/speed/get`. Errcodes that matter: 48001 (no permission).
 *
 * @example
 * const { speed, realspeed } = await getMassSpeed(ctx)
 */
export function getMassSpeed(ctx: WxContext, opts?: CallOptions | null): Promise<MassSpeed> {
  return callApi(ctx, endpoint, { body: {} }, opts)
}
