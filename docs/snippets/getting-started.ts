// The code of docs/getting-started.md, typechecked by `pnpm typecheck`; test/docs/guides.test.ts checks
// that every ```ts block of the guide is found here verbatim.
import { createContext, isWxError } from '@wx/core'
import { createMenu, getMenu } from '@wx/menu'
import { sendText } from '@wx/message'
import { createFakeWeChat } from '@wx/testing'

export async function realAccount() {
  const ctx = createContext({ appid: process.env.WX_APPID!, secret: process.env.WX_SECRET! })

  await sendText(ctx, 'oUser', 'Hello from @wx/*')
  const { menu } = await getMenu(ctx)
  console.log(menu.button.map((b) => b.name))
}

export async function againstTheFake() {
  const fake = await createFakeWeChat()
  const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.url })

  await createMenu(ctx, { button: [{ type: 'click', name: 'Today', key: 'TODAY' }] })
  await sendText(ctx, 'o_user', 'hi')
  console.log(fake.stats().deliveries) // 1
  await fake.close()
}

export async function handleErrors(ctx: ReturnType<typeof createContext>) {
  try {
    await sendText(ctx, 'oUser', 'Your order shipped')
  } catch (e) {
    if (isWxError(e, 45015)) console.log('the 48-hour window is closed: use a template message')
    else if (isWxError(e) && e.code === 'wx/outcome-unknown') console.log('may have been delivered: do not resend blindly')
    else throw e
  }
}
