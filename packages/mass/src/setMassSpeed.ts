import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/message/mass/speed/set',
  retry: 'idempotent',
  body: () => v.object({ speed: v.picklist([0, 1, 2, 3, 4], 'speed: expected a level 0-4 (0 = 80k/min ... 4 = 10k/min)') }),
})

/**
 * Sets the mass-send speed level (设置群发速度): 0 = 80k/min, 1 = 60k, 2 = 45k, 3 = 30k, 4 = 10k.
 *
 * Calls `POST /cgi-bin/message/mass/speed/set`. Idempotent: retried after transient failures.
 * Errcodes that matter: 45083 (invalid speed), 48001 (no permission).
 *
 * @example
 * await setMassSpeed(ctx, 1)
 */
export async function setMassSpeed(ctx: WxContext, speed: 0 | 1 | 2 | 3 | 4, opts?: CallOptions): Promise<void> {
  await callApi(ctx, endpoint, { body: { speed } }, opts)
}
