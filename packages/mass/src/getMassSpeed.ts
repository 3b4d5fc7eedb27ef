import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** The mass-send speed. */
export interface MassSpeed {
  /** Level 0-4: 0 = 80k/min, 1 = 60k, 2 = 45k, 3 = 30k, 4 = 10k. */
  speed: number
  /** The actual speed, in ten-thousands per minute. */
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
export function getMassSpeed(ctx: WxContext, opts?: CallOptions): Promise<MassSpeed> {
  return callApi(ctx, endpoint, { body: {} }, opts)
}
