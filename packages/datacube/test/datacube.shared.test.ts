import type { WxContext } from '@wx/core'
import * as dc from '@wx/datacube'
import { describe, expect, it } from 'vitest'
import { useFake, rejection } from '../../../test/fake.ts'

type Report = (ctx: WxContext, begin: dc.DateInput, end: dc.DateInput) => Promise<dc.DatacubeRow[]>

const DAY = 86_400_000
/** A day in UTC+8 (WeChat's calendar), `offset` days from today. */
const cst = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * DAY).toISOString().slice(0, 10)

const REPORTS: [fn: Report, path: string, maxDays: number][] = [
  [dc.getUserSummary, '/datacube/getusersummary', 7],
  [dc.getUserCumulate, '/datacube/getusercumulate', 7],
  [dc.getArticleSummary, '/datacube/getarticlesummary', 1],
  [dc.getArticleTotal, '/datacube/getarticletotal', 1],
  [dc.getUserRead, '/datacube/getuserread', 3],
  [dc.getUserReadHour, '/datacube/getuserreadhour', 1],
  [dc.getUserShare, '/datacube/getusershare', 7],
  [dc.getUserShareHour, '/datacube/getusersharehour', 1],
  [dc.getArticleRead, '/datacube/getarticleread', 1],
  [dc.getArticleShare, '/datacube/getarticleshare', 1],
  [dc.getBizSummary, '/datacube/getbizsummary', 30],
  [dc.getArticleTotalDetail, '/datacube/getarticletotaldetail', 1],
  [dc.getUpstreamMsg, '/datacube/getupstreammsg', 7],
  [dc.getUpstreamMsgHour, '/datacube/getupstreammsghour', 1],
  [dc.getUpstreamMsgWeek, '/datacube/getupstreammsgweek', 30],
  [dc.getUpstreamMsgMonth, '/datacube/getupstreammsgmonth', 30],
  [dc.getUpstreamMsgDist, '/datacube/getupstreammsgdist', 15],
  [dc.getUpstreamMsgDistWeek, '/datacube/getupstreammsgdistweek', 30],
  [dc.getUpstreamMsgDistMonth, '/datacube/getupstreammsgdistmonth', 30],
  [dc.getInterfaceSummary, '/datacube/getinterfacesummary', 30],
  [dc.getInterfaceSummaryHour, '/datacube/getinterfacesummaryhour', 1],
]

describe.each(REPORTS.map(([fn, path, maxDays]) => ({ fn, path, maxDays })))('$path', ({ fn, path, maxDays }) => {
  it(`${fn.name}: serves its longest range (${maxDays} days) ending yesterday`, async () => {
    const { fake, ctx } = await useFake()
    const begin = cst(-maxDays)
    const rows = await fn(ctx(), begin, cst(-1))
    expect(rows.length).toBeGreaterThanOrEqual(maxDays)
    expect(rows[0]!.ref_date).toBe(begin)
    const [req] = await fake.requests()
    expect(req).toMatchObject({ method: 'POST', path, body: { begin_date: begin, end_date: cst(-1) } })
  })

  it(`${fn.name}: WeChat's 61501 for a range ending today`, async () => {
    const { ctx } = await useFake()
    const e = await rejection(fn(ctx(), cst(0), cst(0)))
    expect(e.code).toBe('wx/api')
    expect(e.errcode).toBe(61501)
  })

  it(`${fn.name}: a range of ${maxDays + 1} days is rejected before sending`, async () => {
    const { fake, ctx } = await useFake()
    const e = await rejection(fn(ctx(), cst(-maxDays - 1), cst(-1)))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]).toMatchObject({ path: 'end_date', message: expect.stringContaining(`at most ${maxDays} day`) })
    expect((await fake.stats()).calls).toEqual({})
  })
})

describe('dates', () => {
  it('a Date is sent as its day in UTC+8', async () => {
    const { fake, ctx } = await useFake()
    // 2024-03-01 17:00 UTC is already 2024-03-02 01:00 in Beijing.
    await dc.getUserSummary(ctx(), new Date('2024-03-01T17:00:00Z'), new Date('2024-03-02T15:59:59Z'))
    const [req] = await fake.requests()
    expect(req?.body).toEqual({ begin_date: '2024-03-02', end_date: '2024-03-02' })
  })

  it.each([
    ['begin after end', '2024-03-02', '2024-03-01', 'end_date', 'must not be before begin_date'],
    ['not a calendar date', '2024-02-30', '2024-03-01', 'begin_date', 'not a calendar date'],
    ['wrong format', '2024/03/01', '2024-03-01', 'begin_date', 'expected YYYY-MM-DD'],
    ['an invalid Date', new Date('nope'), '2024-03-01', 'begin_date', 'valid Date'],
    ['a Date with no UTC+8 day (the end of the range)', new Date(8.64e15), new Date(8.64e15), 'begin_date', 'valid Date'],
  ] as const)('%s is rejected before sending', async (_, begin, end, field, message) => {
    const { fake, ctx } = await useFake()
    const e = await rejection(dc.getUserSummary(ctx(), begin, end))
    expect(e.code).toBe('wx/validation')
    expect(e.issues?.[0]).toMatchObject({ path: field, message: expect.stringContaining(message) })
    expect((await fake.stats()).calls).toEqual({})
  })

  it('the span counts both ends: 2024-02-28..2024-03-01 is 3 days in a leap year', async () => {
    const { fake, ctx } = await useFake()
    await dc.getUserRead(ctx(), '2024-02-28', '2024-03-01')
    await expect(dc.getUserRead(ctx(), '2024-02-27', '2024-03-01')).rejects.toMatchObject({ code: 'wx/validation' })
    expect((await fake.stats()).calls).toEqual({ '/datacube/getuserread': 1 })
  })

  it('getArticleTotal rows keep their details', async () => {
    const { ctx } = await useFake()
    const [row] = await dc.getArticleTotal(ctx(), cst(-1), cst(-1))
    expect(row?.details[0]).toMatchObject({ stat_date: cst(-1), target_user: 1000 })
  })
})

describe('the published-content reports (replacing the article ones WeChat stopped maintaining)', () => {
  it('answer their documented rows: per article (msgid + detail), per day (detail), per publish day (detail_list)', async () => {
    const { fake, ctx } = await useFake()
    const c = ctx()
    const day = cst(-1)
    const [read] = await dc.getArticleRead(c, day, day)
    expect(read).toMatchObject({ ref_date: day, msgid: expect.stringMatching(/^\d+_\d+$/), detail: { read_user: expect.any(Number) } })
    expect(read?.detail.read_user_source).toContainEqual({ user_count: read?.detail.read_user, scene_desc: '全部' })
    const [share] = await dc.getArticleShare(c, day, day)
    expect(share).toMatchObject({ ref_date: day, msgid: expect.any(String), detail: { share_user: expect.any(Number) } })
    const month = await dc.getBizSummary(c, cst(-30), day)
    expect(month).toHaveLength(30)
    expect(month[0]?.detail).toMatchObject({ read_user: expect.any(Number), share_user: expect.any(Number), like_user: expect.any(Number), send_page_count: expect.any(Number) })
    const [total] = await dc.getArticleTotalDetail(c, day, day)
    expect(total).toMatchObject({ ref_date: day, publish_type: 0, title: expect.any(String) })
    expect(total?.detail_list[0]).toMatchObject({ stat_date: day, read_user: expect.any(Number), read_jump_position: expect.any(Array) })
    const bodies = (await fake.requests()).map((r) => [r.path, r.body])
    expect(bodies).toEqual([
      ['/datacube/getarticleread', { begin_date: day, end_date: day }],
      ['/datacube/getarticleshare', { begin_date: day, end_date: day }],
      ['/datacube/getbizsummary', { begin_date: cst(-30), end_date: day }],
      ['/datacube/getarticletotaldetail', { begin_date: day, end_date: day }],
    ])
  })
})

describe('answers that drifted from the docs', () => {
  it.each([
    ['no list', {}],
    ['list null', { list: null }],
    ['list an object', { list: { ref_date: '2024-03-01' } }],
  ])('%s: no rows (an array), never undefined or a TypeError', async (_, answer) => {
    const { fake, ctx } = await useFake()
    await fake.failNext({ body: JSON.stringify({ errcode: 0, errmsg: 'ok', ...answer }) }, 1, '/datacube/getusersummary')
    expect(await dc.getUserSummary(ctx(), '2024-03-01', '2024-03-02')).toEqual([])
  })
})
