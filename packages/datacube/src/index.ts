export { getUserSummary } from './getUserSummary.ts'
export { getUserCumulate } from './getUserCumulate.ts'
export { getArticleSummary } from './getArticleSummary.ts'
export { getArticleTotal } from './getArticleTotal.ts'
export { getUserRead } from './getUserRead.ts'
export { getUserReadHour } from './getUserReadHour.ts'
export { getUserShare } from './getUserShare.ts'
export { getUserShareHour } from './getUserShareHour.ts'
export { getArticleRead } from './getArticleRead.ts'
export { getArticleShare } from './getArticleShare.ts'
export { getBizSummary } from './getBizSummary.ts'
export { getArticleTotalDetail } from './getArticleTotalDetail.ts'
export { getUpstreamMsg } from './getUpstreamMsg.ts'
export { getUpstreamMsgHour } from './getUpstreamMsgHour.ts'
export { getUpstreamMsgWeek } from './getUpstreamMsgWeek.ts'
export { getUpstreamMsgMonth } from './getUpstreamMsgMonth.ts'
export { getUpstreamMsgDist } from './getUpstreamMsgDist.ts'
export { getUpstreamMsgDistWeek } from './getUpstreamMsgDistWeek.ts'
export { getUpstreamMsgDistMonth } from './getUpstreamMsgDistMonth.ts'
export { getInterfaceSummary } from './getInterfaceSummary.ts'
export { getInterfaceSummaryHour } from './getInterfaceSummaryHour.ts'
export type { DateInput, DatacubeRow } from './_datacube.ts'
export type {
  ArticleReadRow,
  ArticleShareRow,
  ArticleStats,
  ArticleSummaryRow,
  ArticleTotalDetailRow,
  ArticleTotalDetailStats,
  ArticleTotalRow,
  BizSummaryRow,
  EngagementStats,
  InterfaceSummaryHourRow,
  InterfaceSummaryRow,
  ReadUserSource,
  UpstreamMsgDistRow,
  UpstreamMsgHourRow,
  UpstreamMsgRow,
  UserCumulateRow,
  UserReadHourRow,
  UserReadRow,
  UserShareHourRow,
  UserShareRow,
  UserSummaryRow,
} from './_rows.ts'
