// Quick start: send a customer-service text and read the custom menu.
// Without credentials it starts the bundled fake WeChat on 127.0.0.1 (no account needed).
// With WX_APPID and WX_SECRET it talks to the real api.weixin.qq.com (set WX_OPENID to send a text;
// your server's IP must be on the account's IP whitelist).
import { createContext, isWxError } from '@wx/core'
import { createMenu, getMenu } from '@wx/menu'
import { sendText } from '@wx/message'

const { WX_APPID, WX_SECRET, WX_OPENID, WX_BASE_URL } = process.env
const real = Boolean(WX_APPID && WX_SECRET)
const fake = real ? undefined : await (await import('@wx/testing')).createFakeWeChat()

const ctx = createContext({
  appid: real ? WX_APPID : fake.appid,
  secret: real ? WX_SECRET : fake.secret,
  ...(real ? (WX_BASE_URL ? { baseURL: WX_BASE_URL } : {}) : { baseURL: fake.url }),
  hooks: {
    onTokenRefresh: (e) => console.log(`  token: fetched (${e.mode}, ${e.reason}), valid until ${new Date(e.expiresAt).toISOString()}`),
    onRetry: (e) => console.log(`  retry: ${e.endpoint} after ${e.reason}${e.errcode ? ` (errcode ${e.errcode})` : ''}`),
  },
})
console.log(real ? `Talking to WeChat as ${WX_APPID}` : `Talking to the fake WeChat at ${fake.url} (set WX_APPID/WX_SECRET for the real one)`)

try {
  if (fake) await createMenu(ctx, { button: [{ type: 'click', name: 'Today', key: 'TODAY' }, { type: 'view', name: 'Docs', url: 'https://example.com' }] })

  const openid = WX_OPENID ?? (fake ? 'o_quickstart_user' : undefined)
  if (openid) {
    await sendText(ctx, openid, 'Hello from @wx/*')
    console.log(`sendText -> ${openid}: ok`)
  } else console.log('sendText: skipped (set WX_OPENID to a follower who messaged the account in the last 48 h)')

  try {
    const { menu } = await getMenu(ctx)
    console.log(`getMenu: ${menu.button.map((b) => b.name).join(', ')}`)
  } catch (e) {
    if (isWxError(e, 46003)) console.log('getMenu: the account has no custom menu')
    else throw e
  }
  if (fake) console.log(`fake WeChat saw: ${fake.stats().tokenRequests} token request, ${fake.stats().deliveries} delivered message`)
} catch (e) {
  console.error(isWxError(e) ? `${e.code}: ${e.message}` : e)
  process.exitCode = 1
} finally {
  await fake?.close()
}
