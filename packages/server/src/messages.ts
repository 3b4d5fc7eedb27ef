/**
 * Every push WeChat sends an Official Account, as a discriminated union on `type`.
 *
 * Field names are WeChat's own (`FromUserName`, `Content`, `MsgId`, ...) so the official docs apply.
 * Every value is a string exactly as sent (64-bit `MsgId` stays exact), except `CreateTime`, a number
 * (seconds). Nested structures (`ScanCodeInfo`, `SendPicsInfo`, ...) are objects; an element WeChat
 * repeats (`item`, `List`, `fail_idx`, typed as a value or an array) is a value when it came once and an
 * array when it came several times (`[x].flat()` reads both). The declared types hold, nested ones too:
 * a text field that came repeated or nested is refused (`PushError` `xml`), a missing one is `''`.
 * Pushes this SDK does not know arrive as `{ type: 'unknown' }` with every field kept.
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
  /** The pictures sent: `PicList.item` holds one `{ PicMd5Sum }` per picture (one is a value, several an array). */
  SendPicsInfo: { Count: string; PicList?: { item?: { PicMd5Sum: string } | { PicMd5Sum: string }[] } }
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
  /** The originality (版权) check of a news mass send. */
  CopyrightCheckResult?: {
    Count: string
    /** `1` not judged a reprint, `2` judged a reprint but sendable, `3` judged a reprint and not sent. */
    CheckState: string
    ResultList?: { item?: CopyrightCheckItem | CopyrightCheckItem[] }
  }
  /** The published articles' links, for a news mass send. */
  ArticleUrlResult?: { Count: string; ResultList?: { item?: MassArticleUrl | MassArticleUrl[] } }
}
/** One article's originality check in a `MASSSENDJOBFINISH` push (`ArticleIdx` from 1). */
export interface CopyrightCheckItem {
  ArticleIdx: string
  UserDeclareState: string
  AuditState: string
  OriginalArticleUrl: string
  OriginalArticleType: string
  CanReprint: string
  NeedReplaceContent: string
  NeedShowReprintSource: string
}
/** One article's link in a `MASSSENDJOBFINISH` push (`ArticleIdx` from 1). */
export interface MassArticleUrl {
  ArticleIdx: string
  ArticleUrl: string
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
/** A user's choice for one template in a subscribe-notification (订阅通知) popup. */
export interface SubscribeMsgPopupItem {
  TemplateId: string
  /** `accept` or `reject`. */
  SubscribeStatusString: string
  /** Where the popup was: `1` an H5 page, `2` an article (图文消息). */
  PopupScene: string
}
/** A user changed a subscription in the service-notification settings (only refusals are pushed). */
export interface SubscribeMsgChangeItem {
  TemplateId: string
  /** `reject`. */
  SubscribeStatusString: string
}
/** The delivery of one subscribe notification (`sendSubscribeMessage` of @wx/template). */
export interface SubscribeMsgSentItem {
  TemplateId: string
  /** The `msgid` `sendSubscribeMessage` answered, as an exact string (64-bit). */
  MsgID: string
  /** `0` delivered; otherwise the failure's code. */
  ErrorCode: string
  /** `success`, `failed:user refuse`, `failed:system error`. */
  ErrorStatus: string
}
/**
 * A user answered a subscribe-notification popup. `List` repeats once per template: one is a value,
 * several an array (`[m.SubscribeMsgPopupEvent.List].flat()`); missing, it is `[]`.
 */
export interface SubscribeMsgPopupEvent extends Evt<'subscribe_msg_popup_event'> {
  SubscribeMsgPopupEvent: { List: SubscribeMsgPopupItem | SubscribeMsgPopupItem[] }
}
/** A user refused templates in the service-notification settings; `List` as in `SubscribeMsgPopupEvent`. */
export interface SubscribeMsgChangeEvent extends Evt<'subscribe_msg_change_event'> {
  SubscribeMsgChangeEvent: { List: SubscribeMsgChangeItem | SubscribeMsgChangeItem[] }
}
/** Subscribe notifications were delivered (or failed): match `MsgID`; `List` as in `SubscribeMsgPopupEvent`. */
export interface SubscribeMsgSentEvent extends Evt<'subscribe_msg_sent_event'> {
  SubscribeMsgSentEvent: { List: SubscribeMsgSentItem | SubscribeMsgSentItem[] }
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
  | SubscribeMsgPopupEvent
  | SubscribeMsgChangeEvent
  | SubscribeMsgSentEvent
  | KfCreateSessionEvent
  | KfCloseSessionEvent
  | KfSwitchSessionEvent
  | UnknownPush
