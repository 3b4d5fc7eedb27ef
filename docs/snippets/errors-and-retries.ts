// The code of docs/errors-and-retries.md (typechecked; see test/docs/guides.test.ts).
import { isWxError, type WxContext } from '@wx/core'
import { describeErrcode } from '@wx/core/errcodes'
import { massSendText } from '@wx/mass'
import { sendText } from '@wx/message'

export async function narrow(ctx: WxContext, openid: string) {
  try {
    await sendText(ctx, openid, 'hi')
  } catch (e) {
    if (!isWxError(e)) throw e
    switch (e.code) {
      case 'wx/validation': // bad input, nothing was sent: e.issues names the field
        console.log(e.issues?.map((i) => i.path).join(', '))
        break
      case 'wx/api': // WeChat answered an errcode: e.errcode, e.errmsg, e.rid, e.hint
        console.log(e.errcode, e.hint ?? describeErrcode(e.errcode ?? 0))
        break
      case 'wx/outcome-unknown': // a send that may or may not have been delivered
        console.log('check before resending', e.known)
        break
      default:
        throw e
    }
  }
}

export async function byErrcode(ctx: WxContext, openid: string) {
  try {
    await sendText(ctx, openid, 'Your order shipped')
  } catch (e) {
    if (isWxError(e, 45015)) return 'window closed: send a template message instead'
    if (isWxError(e, 43004)) return 'not a follower any more'
    throw e
  }
  return 'sent'
}

export async function massWithDedupe(ctx: WxContext) {
  // A mass send carries WeChat's dedupe key (clientmsgid): after an ambiguous failure it is resent once,
  // after `resendAfter` ms, and WeChat delivers it at most once.
  const { msg_id } = await massSendText(ctx, 'Weekly digest', { tagId: 100 }, { clientmsgid: 'digest-2026-12-01', resendAfter: 60_000 })
  return msg_id
}
