import { callApi, check, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** One converted openid; `new_openid` is empty and `err_msg` set when this one could not be converted. */
export interface ChangedOpenid {
  ori_openid: string
  new_openid: string
  err_msg?: string
  [field: string]: unknown
}

const fromAppid = () => v.pipe(v.string('from_appid: expected the former appid'), v.regex(/^wx[\da-z]{16}$/i, 'from_appid: expected the former appid, wx + 16 letters or digits'))
const list = (max: number) =>
  v.pipe(v.array(openidSchema(), 'openid_list: expected an array of openids'), v.minLength(1, 'openid_list: at least 1 openid'), v.maxLength(max, `openid_list: at most ${max} openids`))

/** The whole list, checked before the first request. */
const all = () => v.object({ from_appid: fromAppid(), openid_list: list(Number.MAX_SAFE_INTEGER) })

const endpoint = /* @__PURE__ */ defineEndpoint<{ result_list: ChangedOpenid[] }>({
  method: 'POST',
  path: '/cgi-bin/changeopenid',
  retry: 'read',
  body: () => v.object({ from_appid: fromAppid(), openid_list: list(100) }),
  output: () =>
    v.looseObject({
      result_list: v.optional(v.array(v.looseObject({ ori_openid: v.string(), new_openid: v.optional(v.string(), '') })), []),
    }) as unknown as v.GenericSchema<unknown, { result_list: ChangedOpenid[] }>,
})

/**
 * Converts the openids of followers of a former account into this account's openids, after an account
 * migration (账号迁移 openid 转换). Any number of openids: the whole list is validated first, then sent
 * 100 per request, in order; the results come back in one list, in the same order.
 *
 * Calls `POST /cgi-bin/changeopenid` (once per 100 openids). A read: retried after transient failures.
 * A failure of a later request throws, and the earlier results are not returned.
 * Errcodes that matter: 40013 (from_appid is not the account this one migrated from); per-openid
 * failures are in `err_msg` (e.g. `ori_openid error`).
 * `opts.timeout` bounds each of these calls, not the whole run (a long list makes many); `opts.signal`
 * stops the run: no call starts after it fired.
 *
 * @example
 * const results = await changeOpenid(ctx, 'wx0123456789abcdef', ['oOld1', 'oOld2'])
 * for (const r of results) if (r.new_openid) await db.rename(r.ori_openid, r.new_openid)
 */
export async function changeOpenid(ctx: WxContext, fromAppidValue: string, openids: string[], opts?: CallOptions | null): Promise<ChangedOpenid[]> {
  const body = check(all, { from_appid: fromAppidValue, openid_list: openids }, '/cgi-bin/changeopenid')
  const out: ChangedOpenid[] = []
  for (let i = 0; i < body.openid_list.length; i += 100) {
    const r = await callApi(ctx, endpoint, { body: { from_appid: body.from_appid, openid_list: body.openid_list.slice(i, i + 100) } }, opts)
    // An answer without a list (it passed as data, reported as drift) adds nothing and keeps the earlier batches.
    if (Array.isArray(r.result_list)) out.push(...r.result_list)
  }
  return out
}
