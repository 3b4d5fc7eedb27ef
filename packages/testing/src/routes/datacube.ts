import { fail, need, type FakeRoute } from '../route.ts'

const DAY = 86_400_000

/** Each report: its longest range in days, and how many rows per day it answers (hourly ones: 24). */
const REPORTS: [name: string, maxDays: number, row: (date: string, i: number) => Record<string, unknown>, perDay?: number][] = [
  ['getusersummary', 7, (d, i) => ({ ref_date: d, user_source: 0, new_user: 10 + i, cancel_user: i })],
  ['getusercumulate', 7, (d, i) => ({ ref_date: d, cumulate_user: 1000 + i })],
  ['getarticlesummary', 1, (d, i) => ({ ref_date: d, msgid: `1000000${i}_1`, title: 'Fake article', ...stats(i) })],
  ['getarticletotal', 1, (d, i) => ({ ref_date: d, msgid: `1000000${i}_1`, title: 'Fake article', details: [{ stat_date: d, target_user: 1000, ...stats(i) }] })],
  ['getuserread', 3, (d, i) => ({ ref_date: d, user_source: 0, ...stats(i) })],
  ['getuserreadhour', 1, (d, i) => ({ ref_date: d, ref_hour: (i % 24) * 100, user_source: 0, ...stats(i) }), 24],
  ['getusershare', 7, (d, i) => ({ ref_date: d, share_scene: 1, share_count: 5 + i, share_user: 3 + i })],
  ['getusersharehour', 1, (d, i) => ({ ref_date: d, ref_hour: (i % 24) * 100, share_scene: 1, share_count: i, share_user: i }), 24],
  // The published-content reports that replace the article ones above (data from 2025-11-01).
  ['getarticleread', 1, (d, i) => ({ ref_date: d, msgid: `2247490${i}_1`, detail: { read_user: 10 + i, read_user_source: sources(10 + i) } })],
  ['getarticleshare', 1, (d, i) => ({ ref_date: d, msgid: `2247490${i}_1`, detail: { share_user: 2 + i } })],
  ['getbizsummary', 30, (d, i) => ({ ref_date: d, detail: { read_user: 10 + i, read_user_source: sources(10 + i), share_user: 2, zaikan_user: 1, like_user: 3, comment_count: 1, collection_user: 1, redirect_ori_page_user: 0, send_page_count: 1 } })],
  ['getarticletotaldetail', 1, (d, i) => ({
    ref_date: d, msgid: `2247490${i}_1`, publish_type: 0, title: 'Fake article', content_url: `http://mp.weixin.qq.com/s/fake_${i}`,
    detail_list: [{
      stat_date: d, read_user: 10 + i, read_user_source: sources(10 + i), share_user: 2, zaikan_user: 1, like_user: 3, comment_count: 1, collection_user: 1,
      praise_money: 0, read_subscribe_user: 1, read_delivery_rate: 0.1, read_finish_rate: 0.5, read_avg_activetime: 1.5,
      read_jump_position: [1, 2, 3, 4, 5].map((position) => ({ position, rate: position === 5 ? 1 : 0 })),
    }],
  })],
  ['getupstreammsg', 7, (d, i) => ({ ref_date: d, msg_type: 1, msg_user: 2 + i, msg_count: 4 + i })],
  ['getupstreammsghour', 1, (d, i) => ({ ref_date: d, ref_hour: (i % 24) * 100, msg_type: 1, msg_user: i, msg_count: i }), 24],
  ['getupstreammsgweek', 30, (d, i) => ({ ref_date: d, msg_type: 1, msg_user: 20 + i, msg_count: 40 + i })],
  ['getupstreammsgmonth', 30, (d, i) => ({ ref_date: d, msg_type: 1, msg_user: 80 + i, msg_count: 160 + i })],
  ['getupstreammsgdist', 15, (d, i) => ({ ref_date: d, count_interval: 1, msg_user: 2 + i })],
  ['getupstreammsgdistweek', 30, (d, i) => ({ ref_date: d, count_interval: 1, msg_user: 20 + i })],
  ['getupstreammsgdistmonth', 30, (d, i) => ({ ref_date: d, count_interval: 1, msg_user: 80 + i })],
  ['getinterfacesummary', 30, (d, i) => ({ ref_date: d, callback_count: 30 + i, fail_count: i % 2, total_time_cost: 3000, max_time_cost: 400 })],
  ['getinterfacesummaryhour', 1, (d, i) => ({ ref_date: d, ref_hour: (i % 24) * 100, callback_count: i, fail_count: 0, total_time_cost: 100 * i, max_time_cost: 100 }), 24],
]

/** The published-content reports, which answer `is_delay` (false: the numbers are final) beside `list`. */
const NEW = new Set(['getarticleread', 'getarticleshare', 'getbizsummary', 'getarticletotaldetail'])

/** `read_user_source`: every scene, `全部` (all) first. */
const sources = (all: number) => ['全部', '公众号消息', '聊天会话', '朋友圈', '公众号主页', '其他', '推荐', '搜一搜'].map((scene_desc, j) => ({ user_count: j ? 0 : all, scene_desc }))

function stats(i: number) {
  return {
    int_page_read_user: 10 + i, int_page_read_count: 20 + i, ori_page_read_user: i, ori_page_read_count: i,
    share_user: 1, share_count: 2, add_to_fav_user: 0, add_to_fav_count: 0,
  }
}

/** A `YYYY-MM-DD` string's time (UTC midnight), or NaN. */
function parse(s: unknown): number {
  if (typeof s !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return NaN
  const t = Date.parse(s + 'T00:00:00Z')
  return new Date(t).toISOString().slice(0, 10) === s ? t : NaN
}

/**
 * Analytics (`POST /datacube/*`): WeChat's range rules (61500 bad date format; 61501 begin after end,
 * range longer than the report allows, or end_date not before today in UTC+8) and a few rows per day.
 */
export const datacubeRoutes: FakeRoute[] = REPORTS.map(([name, maxDays, row, perDay = 1]) => ({
  method: 'POST' as const,
  path: `/datacube/${name}`,
  handle({ body }) {
    const begin = parse(body?.begin_date)
    const end = parse(body?.end_date)
    if (Number.isNaN(begin) || Number.isNaN(end)) fail(61500, 'date format error')
    const today = Date.parse(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10) + 'T00:00:00Z')
    need(begin <= end && (end - begin) / DAY + 1 <= maxDays && end < today, 61501, 'date range error')
    const list: Record<string, unknown>[] = []
    for (let t = begin, i = 0; t <= end; t += DAY)
      for (let h = 0; h < perDay; h++, i++) list.push(row(new Date(t).toISOString().slice(0, 10), i))
    return NEW.has(name) ? { list, is_delay: false } : { list }
  },
}))
