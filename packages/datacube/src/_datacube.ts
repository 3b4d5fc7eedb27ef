import { callApi, defineEndpoint, type CallOptions, type Endpoint, type WxContext } from '@wx/core'
import * as v from 'valibot'

/**
 * A day of the report: a `YYYY-MM-DD` string (used as is), or a `Date`, which is read as the calendar
 * day it falls on in China Standard Time (UTC+8, WeChat's timezone), whatever the local timezone.
 */
export type DateInput = string | Date

/** One row of any analytics report. WeChat adds fields over time; they are kept. */
export interface DatacubeRow {
  /** The day the row is about, `YYYY-MM-DD`. */
  ref_date: string
  [field: string]: unknown
}

/** An analytics endpoint: `POST /datacube/<name>` with `{ begin_date, end_date }`, answering `{ list }`. */
export type DatacubeEndpoint<T> = Endpoint<{ list: T[] }>

const DAY = 86_400_000
const CST = 28_800_000 // 8 h: WeChat reports in China Standard Time (UTC+8)

/** Formats a `Date` as the `YYYY-MM-DD` day it falls on in UTC+8; anything else is passed on untouched. */
export function day(d: unknown): unknown {
  // A Date within 8 h of the end of JavaScript's range has no UTC+8 day: passed on, refused by the schema.
  const cst = d instanceof Date ? new Date(d.getTime() + CST) : undefined
  return cst && !Number.isNaN(cst.getTime()) ? cst.toISOString().slice(0, 10) : d
}

const ms = (s: string) => Date.parse(s + 'T00:00:00Z')

const dateSchema = (field: string) =>
  v.pipe(
    v.string(`${field}: expected a YYYY-MM-DD string or a valid Date`),
    v.regex(/^\d{4}-\d{2}-\d{2}$/, `${field}: expected YYYY-MM-DD`),
    v.check((s) => {
      const t = ms(s)
      return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === s
    }, `${field}: not a calendar date`),
  )

/**
 * Declares one analytics endpoint. They differ only in path and in the longest date range WeChat
 * serves per call (`maxDays`, counting both ends), which is checked before sending.
 */
export const datacube = /* @__NO_SIDE_EFFECTS__ */ <T>(path: string, maxDays: number): DatacubeEndpoint<T> =>
  defineEndpoint<{ list: T[] }>({
    method: 'POST',
    path,
    retry: 'read',
    body: () =>
      v.pipe(
        v.object({ begin_date: dateSchema('begin_date'), end_date: dateSchema('end_date') }),
        v.forward(
          v.partialCheck([['begin_date'], ['end_date']], (r) => r.begin_date <= r.end_date, 'end_date must not be before begin_date'),
          ['end_date'],
        ),
        v.forward(
          v.partialCheck(
            [['begin_date'], ['end_date']],
            (r) => (ms(r.end_date) - ms(r.begin_date)) / DAY + 1 <= maxDays,
            `${path} serves at most ${maxDays} day${maxDays > 1 ? 's' : ''} per call (begin_date to end_date, both included)`,
          ),
          ['end_date'],
        ),
      ),
    output: () => v.looseObject({ list: v.array(v.looseObject({ ref_date: v.string() })) }) as unknown as v.GenericSchema<unknown, { list: T[] }>,
  })

/** Calls an analytics endpoint for `begin`..`end` and hands back its rows (none when an answer has no list). */
export async function report<T>(ctx: WxContext, ep: DatacubeEndpoint<T>, begin: DateInput, end: DateInput, opts?: CallOptions | null): Promise<T[]> {
  const { list } = await callApi(ctx, ep, { body: { begin_date: day(begin), end_date: day(end) } }, opts)
  return Array.isArray(list) ? list : []
}
