import type { DatacubeRow } from './_datacube.ts'

/** Users analysis, per day and source (`getUserSummary`). */
export interface UserSummaryRow extends DatacubeRow {
  /** Where the followers came from (0 other, 1 search, 17 business card share, 30 QR scan, ...). */
  user_source: number
  new_user: number
  cancel_user: number
}

/** Total followers at the end of each day (`getUserCumulate`). */
export interface UserCumulateRow extends DatacubeRow {
  cumulate_user: number
}

/** Read, share and favourite counts of one article (the fields the article reports share). */
export interface ArticleStats {
  int_page_read_user: number
  int_page_read_count: number
  ori_page_read_user: number
  ori_page_read_count: number
  share_user: number
  share_count: number
  add_to_fav_user: number
  add_to_fav_count: number
}

/** One article's numbers for one day (`getArticleSummary`). */
export interface ArticleSummaryRow extends DatacubeRow, ArticleStats {
  /** `<msgid>_<index>`: the mass message and the article's position in it. */
  msgid: string
  title: string
}

/** One article's daily numbers since it was sent (`getArticleTotal`). */
export interface ArticleTotalRow extends DatacubeRow {
  msgid: string
  title: string
  details: (ArticleStats & { stat_date: string; target_user: number; [field: string]: unknown })[]
}

/** Article reading per day (`getUserRead`). */
export interface UserReadRow extends DatacubeRow, ArticleStats {
  user_source?: number
}

/** Article reading per hour (`getUserReadHour`). */
export interface UserReadHourRow extends UserReadRow {
  /** Hour of the day as hmm: 0, 100, ..., 2300. */
  ref_hour: number
}

/** Article sharing per day and scene (`getUserShare`). */
export interface UserShareRow extends DatacubeRow {
  /** 1 friend, 2 Moments, 3 Tencent Weibo, 255 other. */
  share_scene: number
  share_count: number
  share_user: number
}

/** Article sharing per hour (`getUserShareHour`). */
export interface UserShareHourRow extends UserShareRow {
  ref_hour: number
}

/** Messages users sent to the account (`getUpstreamMsg`, `...Week`, `...Month`). */
export interface UpstreamMsgRow extends DatacubeRow {
  /** 1 text, 2 image, 3 voice, 4 video, 6 third-party app message (links). */
  msg_type: number
  msg_user: number
  msg_count: number
}

/** Messages users sent to the account, per hour (`getUpstreamMsgHour`). */
export interface UpstreamMsgHourRow extends UpstreamMsgRow {
  ref_hour: number
}

/** How many users sent how many messages (`getUpstreamMsgDist`, `...Week`, `...Month`). */
export interface UpstreamMsgDistRow extends DatacubeRow {
  /** 0: 0 messages, 1: 1-5, 2: 6-10, 3: more than 10. */
  count_interval: number
  msg_user: number
}

/** Calls WeChat made to the account's server (`getInterfaceSummary`). */
export interface InterfaceSummaryRow extends DatacubeRow {
  callback_count: number
  fail_count: number
  /** Milliseconds, summed over the calls. */
  total_time_cost: number
  max_time_cost: number
}

/** Calls WeChat made to the account's server, per hour (`getInterfaceSummaryHour`). */
export interface InterfaceSummaryHourRow extends InterfaceSummaryRow {
  ref_hour: number
}
