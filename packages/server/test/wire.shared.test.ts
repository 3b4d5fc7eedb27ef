// Wire fidelity of pushes: the subscribe-notification (订阅通知) events and the nested fields of
// pic_* and MASSSENDJOBFINISH, as WeChat's documentation shows them, plain and encrypted; malformed
// nested shapes are refused like the other declared fields. On Node and in the edge runtime.
import {
  createPushHandler,
  isPushError,
  type MassSendJobFinishEvent,
  type PicEvent,
  type PushHandlerOptions,
  type PushMessage,
  type SubscribeMsgChangeEvent,
  type SubscribeMsgPopupEvent,
  type SubscribeMsgSentEvent,
} from '@wx/server'
import { buildPushRequest } from '@wx/testing/fetch'
import { describe, expect, expectTypeOf, it } from 'vitest'

const token = 'mytoken123'
const encodingAESKey = 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG'
const appid = 'wx_test_appid'
const cfg = { token, appid, encodingAESKey }

function setup(o: Partial<PushHandlerOptions> = {}) {
  const seen: PushMessage[] = []
  const errors: unknown[] = []
  const handler = createPushHandler({ ...cfg, allowPlaintext: true, dedupe: false, onMessage: (m) => void seen.push(m), onError: (e) => errors.push(e), ...o })
  return { handler, seen, errors }
}

const head = (event: string) => `<ToUserName><![CDATA[gh_123456789abc]]></ToUserName>
<FromUserName><![CDATA[otFpruAK8D-E6EfStSYonYSBZ8_4]]></FromUserName>
<CreateTime>1610969440</CreateTime>
<MsgType><![CDATA[event]]></MsgType>
<Event><![CDATA[${event}]]></Event>`

// The official samples (Subscription_Messages/api.html, 事件推送).
const POPUP = `<xml>${head('subscribe_msg_popup_event')}
<SubscribeMsgPopupEvent>
  <List>
    <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
    <SubscribeStatusString><![CDATA[accept]]></SubscribeStatusString>
    <PopupScene>2</PopupScene>
  </List>
  <List>
    <TemplateId><![CDATA[9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI]]></TemplateId>
    <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
    <PopupScene>2</PopupScene>
  </List>
</SubscribeMsgPopupEvent>
</xml>`
const CHANGE = `<xml>${head('subscribe_msg_change_event')}
<SubscribeMsgChangeEvent>
  <List>
    <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
    <SubscribeStatusString><![CDATA[reject]]></SubscribeStatusString>
  </List>
</SubscribeMsgChangeEvent>
</xml>`
const sent = (list: string) => `<xml>${head('subscribe_msg_sent_event')}
<SubscribeMsgSentEvent>${list}</SubscribeMsgSentEvent>
</xml>`
const SENT = sent(`
  <List>
    <TemplateId><![CDATA[VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc]]></TemplateId>
    <MsgID>1700827132819554304</MsgID>
    <ErrorCode>0</ErrorCode>
    <ErrorStatus><![CDATA[success]]></ErrorStatus>
  </List>`)

describe('subscribe-notification events', () => {
  for (const mode of ['plain', 'safe'] as const) {
    it(`popup, change and sent events arrive typed, as WeChat sends them (${mode})`, async () => {
      const { handler, seen, errors } = setup()
      const send = async (message: string) => (await handler(await buildPushRequest(mode === 'plain' ? { token, message } : { ...cfg, message }))).status
      expect([await send(POPUP), await send(CHANGE), await send(SENT)]).toEqual([200, 200, 200])
      expect(errors).toEqual([])
      expect(seen.map((m) => m.type)).toEqual(['subscribe_msg_popup_event', 'subscribe_msg_change_event', 'subscribe_msg_sent_event'])
      const [popup, change, done] = seen
      expect(popup).toMatchObject({
        FromUserName: 'otFpruAK8D-E6EfStSYonYSBZ8_4',
        SubscribeMsgPopupEvent: {
          List: [
            { TemplateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', SubscribeStatusString: 'accept', PopupScene: '2' },
            { TemplateId: '9nLIlbOQZC5Y89AZteFEux3WCXRRRG5Wfzkpssu4bLI', SubscribeStatusString: 'reject', PopupScene: '2' },
          ],
        },
      })
      // One List is a value (as PublishEventInfo's item); the 64-bit MsgID stays exact.
      expect(change).toMatchObject({ SubscribeMsgChangeEvent: { List: { TemplateId: 'VRR0UEO9VJOLs0MHlU0OilqX6MVFDwH3_3gz3Oc0NIc', SubscribeStatusString: 'reject' } } })
      expect(done).toMatchObject({ SubscribeMsgSentEvent: { List: { MsgID: '1700827132819554304', ErrorCode: '0', ErrorStatus: 'success' } } })
      if (done?.type === 'subscribe_msg_sent_event') {
        expectTypeOf(done).toEqualTypeOf<SubscribeMsgSentEvent>()
        const items = [done.SubscribeMsgSentEvent.List].flat()
        expectTypeOf(items[0]!.MsgID).toEqualTypeOf<string>()
        expect(items.map((i) => i.MsgID)).toEqual(['1700827132819554304'])
      }
      if (popup?.type === 'subscribe_msg_popup_event') expectTypeOf(popup).toEqualTypeOf<SubscribeMsgPopupEvent>()
      if (change?.type === 'subscribe_msg_change_event') expectTypeOf(change).toEqualTypeOf<SubscribeMsgChangeEvent>()
    })
  }
  it('JSON: a bare 64-bit MsgID and ErrorCode arrive as exact strings', async () => {
    const { handler, seen } = setup()
    const body =
      '{"ToUserName":"gh_1","FromUserName":"o_1","CreateTime":1610969440,"MsgType":"event","Event":"subscribe_msg_sent_event","SubscribeMsgSentEvent":{"List":[{"TemplateId":"t1","MsgID":1700827132819554304,"ErrorCode":0,"ErrorStatus":"success"},{"TemplateId":"t2","MsgID":1700827132819554305,"ErrorCode":43101,"ErrorStatus":"failed:user refuse"}]}}'
    await handler(await buildPushRequest({ ...cfg, message: body }))
    expect(seen).toMatchObject([
      {
        type: 'subscribe_msg_sent_event',
        SubscribeMsgSentEvent: {
          List: [
            { MsgID: '1700827132819554304', ErrorCode: '0' },
            { MsgID: '1700827132819554305', ErrorCode: '43101', ErrorStatus: 'failed:user refuse' },
          ],
        },
      },
    ])
  })
  it("JSON as WeChat documents it: List at the top, without the wrapper element, is read as the wrapper's List", async () => {
    const { handler, seen, errors } = setup()
    const body =
      '{"ToUserName":"gh_1","FromUserName":"o_1","CreateTime":1610969440,"MsgType":"event","Event":"subscribe_msg_change_event","List":{"TemplateId":"t1","SubscribeStatusString":"reject"}}'
    await handler(await buildPushRequest({ ...cfg, message: body }))
    expect(errors).toEqual([])
    expect(seen).toMatchObject([{ type: 'subscribe_msg_change_event', SubscribeMsgChangeEvent: { List: { TemplateId: 't1', SubscribeStatusString: 'reject' } } }])
  })
  it('empty containers laid out with white space (as the official samples are) or as JSON [] are empty, not refused', async () => {
    const { handler, seen, errors } = setup()
    const statuses = [
      await handler(await buildPushRequest({ token, message: sent('\n  ') })),
      await handler(
        await buildPushRequest({
          token,
          message: `<xml>${head('MASSSENDJOBFINISH')}<MsgID>1000001625</MsgID><Status><![CDATA[send success]]></Status><TotalCount>1</TotalCount><FilterCount>1</FilterCount><SentCount>1</SentCount><ErrorCount>0</ErrorCount>
<CopyrightCheckResult><Count>0</Count><ResultList>
</ResultList><CheckState>1</CheckState></CopyrightCheckResult>
<ArticleUrlResult>
</ArticleUrlResult></xml>`,
        }),
      ),
      await handler(
        await buildPushRequest({
          ...cfg,
          message: '{"ToUserName":"gh_1","FromUserName":"o_1","CreateTime":1,"MsgType":"event","Event":"pic_weixin","EventKey":"k","SendPicsInfo":{"Count":0,"PicList":[]}}',
        }),
      ),
    ].map((r) => r.status)
    expect(statuses).toEqual([200, 200, 200])
    expect(errors).toEqual([])
    expect(seen).toMatchObject([
      { SubscribeMsgSentEvent: { List: [] } },
      { type: 'MASSSENDJOBFINISH', CopyrightCheckResult: { Count: '0', CheckState: '1', ResultList: {} }, ArticleUrlResult: { Count: '' } },
      { type: 'pic_weixin', SendPicsInfo: { Count: '0', PicList: {} } },
    ])
  })
  it('the Event is matched case-insensitively, like the other events', async () => {
    const { handler, seen } = setup()
    await handler(await buildPushRequest({ token, message: SENT.replace('subscribe_msg_sent_event', 'SUBSCRIBE_MSG_SENT_EVENT') }))
    expect(seen.map((m) => m.type)).toEqual(['subscribe_msg_sent_event'])
  })
  it('a missing List is [], a missing field of an item is "" (an empty element is an element without fields)', async () => {
    const { handler, seen, errors } = setup()
    await handler(await buildPushRequest({ token, message: sent('') }))
    await handler(await buildPushRequest({ token, message: sent('<List><TemplateId>t</TemplateId></List>') }))
    await handler(await buildPushRequest({ token, message: `<xml>${head('subscribe_msg_change_event')}</xml>` }))
    await handler(await buildPushRequest({ token, message: `<xml>${head('subscribe_msg_change_event')}<SubscribeMsgChangeEvent/></xml>` }))
    await handler(await buildPushRequest({ token, message: sent('<List/>') }))
    expect(errors).toEqual([])
    expect(seen).toMatchObject([
      { SubscribeMsgSentEvent: { List: [] } },
      { SubscribeMsgSentEvent: { List: { TemplateId: 't', MsgID: '', ErrorCode: '', ErrorStatus: '' } } },
      { SubscribeMsgChangeEvent: { List: [] } },
      { SubscribeMsgChangeEvent: { List: [] } },
      { SubscribeMsgSentEvent: { List: { TemplateId: '', MsgID: '', ErrorCode: '', ErrorStatus: '' } } },
    ])
  })
  it('malformed nested shapes are refused as xml (400), naming the field, never handed over', async () => {
    for (const [field, message] of [
      ['SubscribeMsgSentEvent must be one element with fields', sent('flat')],
      ['SubscribeMsgSentEvent.List must be one element with fields', sent('<List>flat</List>')],
      ['SubscribeMsgSentEvent.List must be one element with fields', sent('<List><TemplateId>t</TemplateId></List><List>flat</List>')],
      ['SubscribeMsgSentEvent.List.MsgID must be a single text value', sent('<List><MsgID><a>1</a></MsgID></List>')],
      ['SubscribeMsgSentEvent.List.MsgID must be a single text value', sent('<List><MsgID>1</MsgID><MsgID>2</MsgID></List>')],
      ['SubscribeMsgPopupEvent.List.PopupScene must', POPUP.replace('<PopupScene>2</PopupScene>', '<PopupScene><x>2</x></PopupScene>')],
      ['SubscribeMsgChangeEvent must be one element with fields', CHANGE.replace(/<SubscribeMsgChangeEvent>[\s\S]*<\/SubscribeMsgChangeEvent>/, '<SubscribeMsgChangeEvent>x</SubscribeMsgChangeEvent>')],
      [
        'SubscribeMsgSentEvent.List must be one element with fields',
        '{"MsgType":"event","Event":"subscribe_msg_sent_event","SubscribeMsgSentEvent":{"List":[["nested"]]}}',
      ],
    ] as const) {
      const { handler, seen, errors } = setup()
      expect((await handler(await buildPushRequest({ ...cfg, message }))).status, message).toBe(400)
      expect(seen).toEqual([])
      expect(isPushError(errors[0], 'xml')).toBe(true)
      expect((errors[0] as Error).message).toContain(field)
    }
  })
})

describe('nested fields of pic_* and MASSSENDJOBFINISH', () => {
  const pics = (list: string) =>
    `<xml>${head('pic_weixin')}<EventKey><![CDATA[PIC]]></EventKey><SendPicsInfo><Count>2</Count><PicList>${list}</PicList></SendPicsInfo></xml>`
  const TWO = '<item><PicMd5Sum><![CDATA[1b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item><item><PicMd5Sum><![CDATA[2b5f7c23b5bf75682a53e7b6d163e185]]></PicMd5Sum></item>'
  // The official sample (群发接口, 事件推送群发结果).
  const MASS = `<xml>${head('MASSSENDJOBFINISH')}
<MsgID>1000001625</MsgID>
<Status><![CDATA[err(30003)]]></Status>
<TotalCount>0</TotalCount>
<FilterCount>0</FilterCount>
<SentCount>0</SentCount>
<ErrorCount>0</ErrorCount>
<CopyrightCheckResult>
  <Count>2</Count>
  <ResultList>
    <item>
      <ArticleIdx>1</ArticleIdx>
      <UserDeclareState>0</UserDeclareState>
      <AuditState>2</AuditState>
      <OriginalArticleUrl><![CDATA[Url_1]]></OriginalArticleUrl>
      <OriginalArticleType>1</OriginalArticleType>
      <CanReprint>1</CanReprint>
      <NeedReplaceContent>1</NeedReplaceContent>
      <NeedShowReprintSource>1</NeedShowReprintSource>
    </item>
    <item>
      <ArticleIdx>2</ArticleIdx>
      <UserDeclareState>0</UserDeclareState>
      <AuditState>2</AuditState>
      <OriginalArticleUrl><![CDATA[Url_2]]></OriginalArticleUrl>
      <OriginalArticleType>1</OriginalArticleType>
      <CanReprint>1</CanReprint>
      <NeedReplaceContent>1</NeedReplaceContent>
      <NeedShowReprintSource>1</NeedShowReprintSource>
    </item>
  </ResultList>
  <CheckState>2</CheckState>
</CopyrightCheckResult>
<ArticleUrlResult>
  <Count>1</Count>
  <ResultList>
    <item>
      <ArticleIdx>1</ArticleIdx>
      <ArticleUrl><![CDATA[Url]]></ArticleUrl>
    </item>
  </ResultList>
</ArticleUrlResult>
</xml>`
  for (const mode of ['plain', 'safe'] as const) {
    it(`PicList, CopyrightCheckResult and ArticleUrlResult arrive as declared (${mode})`, async () => {
      const { handler, seen, errors } = setup()
      const send = async (message: string) => handler(await buildPushRequest(mode === 'plain' ? { token, message } : { ...cfg, message }))
      await send(pics(TWO))
      await send(pics(TWO.slice(0, TWO.indexOf('</item>') + 7)))
      await send(MASS)
      await send(MASS.replace(/<CopyrightCheckResult>[\s\S]*<\/ArticleUrlResult>/, ''))
      await send(pics(''))
      await send(MASS.replace(/<ResultList>[\s\S]*?<\/ResultList>/, '<ResultList/>').replace('<Count>2</Count>', '<Count>0</Count>'))
      expect(errors).toEqual([])
      expect(seen).toMatchObject([
        { SendPicsInfo: { Count: '2', PicList: { item: [{ PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' }, { PicMd5Sum: '2b5f7c23b5bf75682a53e7b6d163e185' }] } } },
        { SendPicsInfo: { PicList: { item: { PicMd5Sum: '1b5f7c23b5bf75682a53e7b6d163e185' } } } },
        {
          MsgID: '1000001625',
          CopyrightCheckResult: {
            Count: '2',
            CheckState: '2',
            ResultList: { item: [{ ArticleIdx: '1', OriginalArticleUrl: 'Url_1', CanReprint: '1', NeedShowReprintSource: '1' }, { ArticleIdx: '2', OriginalArticleUrl: 'Url_2' }] },
          },
          ArticleUrlResult: { Count: '1', ResultList: { item: { ArticleIdx: '1', ArticleUrl: 'Url' } } },
        },
        { type: 'MASSSENDJOBFINISH', Status: 'err(30003)' },
        { SendPicsInfo: { Count: '2', PicList: {} } },
        { CopyrightCheckResult: { Count: '0', CheckState: '2', ResultList: {} } },
      ])
      // Optional objects stay absent when WeChat leaves them out.
      expect('CopyrightCheckResult' in seen[3]!).toBe(false)
      expect('ArticleUrlResult' in seen[3]!).toBe(false)
      const [pic, , mass] = seen
      if (pic?.type === 'pic_weixin') {
        expectTypeOf(pic).toEqualTypeOf<PicEvent>()
        expectTypeOf([pic.SendPicsInfo.PicList?.item ?? []].flat()[0]!.PicMd5Sum).toEqualTypeOf<string>()
      }
      if (mass?.type === 'MASSSENDJOBFINISH') {
        expectTypeOf(mass).toEqualTypeOf<MassSendJobFinishEvent>()
        expectTypeOf([mass.ArticleUrlResult?.ResultList?.item ?? []].flat()[0]!.ArticleUrl).toEqualTypeOf<string>()
      }
    })
  }
  it('malformed nested fields are refused as xml (400), naming the field', async () => {
    for (const [field, message] of [
      ['SendPicsInfo.PicList must be one element with fields', pics('').replace('<PicList></PicList>', '<PicList>flat</PicList>')],
      ['SendPicsInfo.PicList.item must be one element with fields', pics('<item>flat</item>')],
      ['SendPicsInfo.PicList.item.PicMd5Sum must be a single text value', pics('<item><PicMd5Sum><x>1</x></PicMd5Sum></item>')],
      ['CopyrightCheckResult must be one element with fields', MASS.replace(/<CopyrightCheckResult>[\s\S]*<\/CopyrightCheckResult>/, '<CopyrightCheckResult>x</CopyrightCheckResult>')],
      ['CopyrightCheckResult.CheckState must be a single text value', MASS.replace('<CheckState>2</CheckState>', '<CheckState>2</CheckState><CheckState>3</CheckState>')],
      ['CopyrightCheckResult.ResultList.item.AuditState must be a single text value', MASS.replace('<AuditState>2</AuditState>', '<AuditState><a/></AuditState>')],
      ['ArticleUrlResult.ResultList must be one element with fields', MASS.replace(/<ArticleUrlResult>[\s\S]*<\/ArticleUrlResult>/, '<ArticleUrlResult><ResultList>x</ResultList></ArticleUrlResult>')],
      ['ArticleUrlResult.ResultList.item.ArticleUrl must be a single text value', MASS.replace('<ArticleUrl><![CDATA[Url]]></ArticleUrl>', '<ArticleUrl>a</ArticleUrl><ArticleUrl>b</ArticleUrl>')],
    ] as const) {
      const { handler, seen, errors } = setup()
      expect((await handler(await buildPushRequest({ ...cfg, message }))).status, message).toBe(400)
      expect(seen).toEqual([])
      expect(isPushError(errors[0], 'xml')).toBe(true)
      expect((errors[0] as Error).message).toContain(field)
    }
  })
})
