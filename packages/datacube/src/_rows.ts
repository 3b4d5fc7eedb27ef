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

/** Readers by scene (`read_user_source`): one entry per scene, `全部` (all) among them. */
export interface ReadUserSource {
  user_count: number
  /** 全部, 公众号消息, 聊天会话, 朋友圈, 公众号主页, 其他, 推荐, 搜一搜. */
  scene_desc: string
  [field: string]: unknown
}

/** One published article's readers on one day (`getArticleRead`). */
export interface ArticleReadRow extends DatacubeRow {
  /** `<msg_data_id>_<index>`: the publish job or mass message and the article's position in it (from 1). */
  msgid: string
  detail: {
    /** Readers from every scene (the `全部` entry of `read_user_source`). */
    read_user: number
    read_user_source: ReadUserSource[]
    [field: string]: unknown
  }
}

/** One published article's sharers on one day (`getArticleShare`). */
export interface ArticleShareRow extends DatacubeRow {
  msgid: string
  detail: { share_user: number; [field: string]: unknown }
}

/** The reader numbers `getBizSummary` and `getArticleTotalDetail` both report. */
export interface EngagementStats {
  read_user: number
  read_user_source: ReadUserSource[]
  share_user: number
  /** 爱心赞 ("wow") users. */
  zaikan_user: number
  /** 拇指赞 (like) users. */
  like_user: number
  comment_count: number
  collection_user: number
  [field: string]: unknown
}

/** The account's published content, summed per day (`getBizSummary`). */
export interface BizSummaryRow extends DatacubeRow {
  detail: EngagementStats & {
    redirect_ori_page_user: number
    send_page_count: number
  }
}

/** The numbers of one article from its publish day up to `stat_date` (both included). */
export interface ArticleTotalDetailStats extends EngagementStats {
  stat_date: string
  /** Tips, in fen. */
  praise_money: number
  read_subscribe_user: number
  read_delivery_rate: number
  read_finish_rate: number
  /** Minutes. */
  read_avg_activetime: number
  /** Where readers left: position 1-5 (each a fifth of the article) and the share of readers. */
  read_jump_position: { position: number; rate: number }[]
  [field: string]: unknown
}

/** One article published on the day asked for, with its numbers day by day (`getArticleTotalDetail`). */
export interface ArticleTotalDetailRow extends DatacubeRow {
  /** The day the article was published. */
  ref_date: string
  msgid: string
  /** 0 notified (sent to followers), 1 published without notification. */
  publish_type: number
  title?: string
  content_url?: string
  /** One entry per day since publishing (at most 30 days). */
  detail_list: ArticleTotalDetailStats[]
}
