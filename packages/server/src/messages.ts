/**
 * Every push WeChat sends an Official Account, as a discriminated union on `type`.
 *
 * Field names are WeChat's own (`FromUserName`, `Content`, `MsgId`, ...) so the official docs apply.
 * Every value is a string exactly as sent (64-bit `MsgId` stays exact), except `CreateTime`, a number
 * (seconds). Nested structures (`ScanCodeInfo`, `SendPicsInfo`, ...) are objects; repeated elements
 * inside fields typed `unknown` or as a union (`PicList`, `item`, `fail_idx`) are arrays. The declared
 * types hold: a text field that came repeated or nested is refused (`PushError` `xml`), a missing one
 * is `''`. Pushes this SDK does not know arrive as `{ type: 'unknown' }` with every field kept.
 *
 * `type` is `MsgType` for messages and the canonical spelling of `Event` for events.
 */

/** Fields every push carries. */
export interface PushBase {
  /** The account's original id (`gh_...`). */
  ToUserName: string
  /** The sender's openid (for system events, sometimes the account's own id). */
  FromUserName: string
  /** Seconds since the epoch. */
  CreateTime: number
  MsgType: string
  /** Every other field WeChat sent, as sent. */
  readonly [field: string]: unknown
}

interface Msg<T extends string> extends PushBase {
  type: T
  MsgType: T
  /** 64-bit message id, as an exact string. */
  MsgId: string
  /** Set when the message was sent from an article (文章内消息): the article's index and data id. */
  MsgDataId?: string
  Idx?: string
}
interface Evt<T extends string> extends PushBase {
  type: T
  MsgType: 'event'
  /** As WeChat spelled it (case varies between events). */
  Event: string
}

export interface TextMessage extends Msg<'text'> {
  Content: string
  /** Set when the user tapped a `msgmenu` option. */
  bizmsgmenuid?: string
}
export interface ImageMessage extends Msg<'image'> {
  PicUrl: string
  MediaId: string
}
export interface VoiceMessage extends Msg<'voice'> {
  MediaId: string
  /** `amr`, `speex`, ... */
  Format: string
  /** WeChat's speech recognition, when enabled for the account. */
  Recognition?: string
  MediaId16K?: string
}
export interface VideoMessage extends Msg<'video'> {
  MediaId: string
  ThumbMediaId: string
}
export interface ShortVideoMessage extends Msg<'shortvideo'> {
  MediaId: string
  ThumbMediaId: string
}
export interface LocationMessage extends Msg<'location'> {
  Location_X: string
  Location_Y: string
  Scale: string
  Label: string
}
export interface LinkMessage extends Msg<'link'> {
  Title: string
  Description: string
  Url: string
}

/** Follow. When following through a parametric QR code: `EventKey` is `qrscene_<scene>` and `Ticket` is set. */
export interface SubscribeEvent extends Evt<'subscribe'> {
  EventKey?: string
  Ticket?: string
}
export interface UnsubscribeEvent extends Evt<'unsubscribe'> {}
/** A follower scanned a parametric QR code: `EventKey` is the scene. */
export interface ScanEvent extends Evt<'SCAN'> {
  EventKey: string
  Ticket: string
}
/** Location report (when the user allowed it). */
export interface LocationEvent extends Evt<'LOCATION'> {
  Latitude: string
  Longitude: string
  Precision: string
}
export interface ClickEvent extends Evt<'CLICK'> {
  EventKey: string
}
export interface ViewEvent extends Evt<'VIEW'> {
  /** The URL. */
  EventKey: string
  MenuId?: string
}
export interface ViewMiniprogramEvent extends Evt<'view_miniprogram'> {
  /** The page path. */
  EventKey: string
  MenuId?: string
}
export interface ScanCodeEvent extends Evt<'scancode_push' | 'scancode_waitmsg'> {
  EventKey: string
  ScanCodeInfo: { ScanType: string; ScanResult: string }
}
export interface PicEvent extends Evt<'pic_sysphoto' | 'pic_photo_or_album' | 'pic_weixin'> {
  EventKey: string
  SendPicsInfo: { Count: string; PicList?: unknown }
}
export interface LocationSelectEvent extends Evt<'location_select'> {
  EventKey: string
  SendLocationInfo: { Location_X: string; Location_Y: string; Scale: string; Label: string; Poiname?: string }
}
export interface TemplateSendJobFinishEvent extends Evt<'TEMPLATESENDJOBFINISH'> {
  /** The template message id (note the capital D). */
  MsgID: string
  /** `success`, `failed:user block`, `failed: system failed`. */
  Status: string
}
export interface MassSendJobFinishEvent extends Evt<'MASSSENDJOBFINISH'> {
  MsgID: string
  Status: string
  TotalCount: string
  FilterCount: string
  SentCount: string
  ErrorCount: string
  CopyrightCheckResult?: unknown
  ArticleUrlResult?: unknown
}
/** One published article's link in a `PUBLISHJOBFINISH` push (`idx` from 1). */
export interface PublishedArticleLink {
  idx: string
  article_url: string
}
/**
 * A publish job ended (`publishDraft` of @wx/draft): published (`publish_status` '0', with `article_id`
 * and the links) or failed ('2' originality check, '3' failed, '4' rejected by review, with `fail_idx`).
 * As in the XML, one `item` / `fail_idx` is a value and several are an array.
 */
export interface PublishJobFinishEvent extends Evt<'PUBLISHJOBFINISH'> {
  PublishEventInfo: {
    publish_id: string
    publish_status: string
    article_id?: string
    article_detail?: { count: string; item: PublishedArticleLink | PublishedArticleLink[] }
    /** The failed articles (from 1). */
    fail_idx?: string | string[]
  }
}
export interface KfCreateSessionEvent extends Evt<'kf_create_session'> {
  KfAccount: string
}
export interface KfCloseSessionEvent extends Evt<'kf_close_session'> {
  KfAccount: string
}
export interface KfSwitchSessionEvent extends Evt<'kf_switch_session'> {
  FromKfAccount: string
  ToKfAccount: string
}
/** A push this SDK does not model yet: every field as sent. */
export interface UnknownPush extends PushBase {
  type: 'unknown'
  Event?: string
}

export type PushMessageType = PushMessage['type']

/** Every push, discriminated on `type`. */
export type PushMessage =
  | TextMessage
  | ImageMessage
  | VoiceMessage
  | VideoMessage
  | ShortVideoMessage
  | LocationMessage
  | LinkMessage
  | SubscribeEvent
  | UnsubscribeEvent
  | ScanEvent
  | LocationEvent
  | ClickEvent
  | ViewEvent
  | ViewMiniprogramEvent
  | ScanCodeEvent
  | PicEvent
  | LocationSelectEvent
  | TemplateSendJobFinishEvent
  | MassSendJobFinishEvent
  | PublishJobFinishEvent
  | KfCreateSessionEvent
  | KfCloseSessionEvent
  | KfSwitchSessionEvent
  | UnknownPush
