import { callApi, defineEndpoint, openidSchema, type CallOptions, type WxContext } from '@wx/core'
import * as v from 'valibot'

/** The current query (`msgrecord/getmsglist`): a time range of at most 24 hours, paged by `msgid`. */
export interface MsgListQuery {
  /** Unix seconds. */
  starttime: number
  /** Unix seconds; at most 24 hours after `starttime`. */
  endtime: number
  /** First message id to return; ids start at 1. Default 1. Pass the `msgid` of the previous page. */
  msgid?: number | undefined
  /** How many records, 1–10000. Default 10000. */
  number?: number | undefined
}

/** The seed's query (`customservice/getrecord`), paged by page index. */
export interface LegacyRecordQuery {
  starttime: number
  endtime: number
  /** Only this user's records. */
  openid?: string | undefined
  /** 1–50. */
  pagesize: number
  /** From 1. */
  pageindex: number
}

/** One chat record. */
export interface ChatRecord {
  openid: string
  /**
   * What happened: 1000 session created, not yet taken (创建未接入会话), 1001 session taken (接入会话),
   * 1002 session started by the kf (主动发起会话), 1003 session transferred (转接会话), 1004 session closed
   * (关闭会话), 1005 session grabbed (抢接会话), 2001 the account received a message (公众号收到消息),
   * 2002 the kf sent a message (客服发送消息), 2003 the kf received a message (客服收到消息).
   */
  opercode: number
  text: string
  /** Unix seconds. */
  time: number
  /** The kf_account that handled it. */
  worker: string
  [key: string]: unknown
}

/** A page of chat records. With the current query, `msgid` is where the next page starts. */
export interface ChatRecords {
  recordlist: ChatRecord[]
  /** Current query: how many records this page holds. */
  number?: number
  /** Current query: pass it as `msgid` to get the next page. */
  msgid?: number
}

const time = () => v.pipe(v.number(), v.integer('Expected unix seconds'), v.minValue(0, 'Expected unix seconds'))
const range = (r: { starttime: number; endtime: number }) => r.endtime > r.starttime && r.endtime - r.starttime <= 86_400
const RANGE = 'endtime must be after starttime, at most 24 hours later'
const output = () =>
  v.looseObject({
    recordlist: v.optional(v.array(v.looseObject({ openid: v.string(), opercode: v.number(), text: v.string(), time: v.number(), worker: v.string() })), []),
    number: v.optional(v.number()),
    msgid: v.optional(v.number()),
  }) as v.GenericSchema<unknown, ChatRecords>

const current = /* @__PURE__ */ defineEndpoint<ChatRecords>({
  method: 'POST',
  path: '/customservice/msgrecord/getmsglist',
  retry: 'read',
  body: () =>
    v.pipe(
      v.object({
        starttime: time(),
        endtime: time(),
        msgid: v.pipe(v.number(), v.integer('msgid must be an integer'), v.minValue(1, 'msgid starts at 1')),
        number: v.pipe(v.number(), v.integer('number must be an integer'), v.minValue(1, 'number must be 1-10000'), v.maxValue(10_000, 'number must be 1-10000')),
      }),
      v.forward(v.partialCheck([['starttime'], ['endtime']], (r) => range(r), RANGE), ['endtime']),
    ),
  output,
})

const legacy = /* @__PURE__ */ defineEndpoint<ChatRecords>({
  method: 'POST',
  path: '/cgi-bin/customservice/getrecord',
  retry: 'read',
  body: () =>
    v.pipe(
      v.object({
        starttime: time(),
        endtime: time(),
        openid: v.optional(openidSchema()),
        pagesize: v.pipe(v.number(), v.integer('pagesize must be an integer'), v.minValue(1, 'pagesize must be 1-50'), v.maxValue(50, 'pagesize must be 1-50')),
        pageindex: v.pipe(v.number(), v.integer('pageindex must be an integer'), v.minValue(1, 'pageindex starts at 1')),
      }),
      v.forward(v.partialCheck([['starttime'], ['endtime']], (r) => range(r), RANGE), ['endtime']),
    ),
  output,
})

/**
 * Reads customer-service chat records for a time range of at most 24 hours.
 *
 * Calls `POST /customservice/msgrecord/getmsglist` (current: `{ starttime, endtime, msgid, number }`,
 * page on with the answer's `msgid`), or, given the seed's `{ pagesize, pageindex }` query,
 * `POST /cgi-bin/customservice/getrecord` (retired: WeChat replaced it with `getmsglist`).
 * Errcodes that matter: 65416 (invalid query), 65417 (time range too long), 45009 (daily quota).
 *
 * @example
 * const end = Math.floor(Date.now() / 1000)
 * let page = await getRecords(ctx, { starttime: end - 3600, endtime: end })
 * if (page.number === 10000) page = await getRecords(ctx, { starttime: end - 3600, endtime: end, msgid: page.msgid })
 */
export function getRecords(ctx: WxContext, query: MsgListQuery | LegacyRecordQuery, opts?: CallOptions | null): Promise<ChatRecords> {
  if (query && typeof query == 'object' && ('pageindex' in query || 'pagesize' in query)) return callApi(ctx, legacy, { body: query }, opts)
  const q = (query ?? {}) as MsgListQuery
  return callApi(ctx, current, { body: { starttime: q.starttime, endtime: q.endtime, msgid: q.msgid ?? 1, number: q.number ?? 10_000 } }, opts)
}
