import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

const endpoint = /* @__PURE__ */ defineEndpoint({
  method: 'POST',
  path: '/cgi-bin/message/mass/speed/set',
  retry: 'idempotent',
  body: () => v.object({ speed: v.picklist([0, 1, 2, 3, 4], 'speed: expected a level 0-4 (0 = 800k/min ... 4 = 100k/min)') }),
})

/**
 * Sets the mass-send speed level (设置群发速度): 0 = 800k/min (80万), 1 = 600k, 2 = 450k, 3 = 300k, 4 = 100k (10万).
 *
 * Calls `POST /cgi-bin/message/mass/speed/set`. Idempotent: retried after transient failures.
 * Errcodes that matter: 45083 (invalid speed), 48001 (no permission).
 *
 * @example
 * await setMassSpeed(ctx, 1)
 */
export async function setMassSpeed(ctx: WxContext, speed: 0 | 1 | 2 | 3 | 4, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: { speed } }, opts)
}
