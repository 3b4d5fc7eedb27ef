// The runtime matrix's end-to-end, written as a user's app: it imports the packed packages by their names
// (installed into a scratch app by matrix.test.ts) and runs against the fake WeChat whose URL it is given.
// The same module runs in Node, Deno and Bun (main.mjs), workerd (worker.mjs) and edge-runtime (bundled).
// It returns what happened; matrix.test.ts asserts on it, on the fake's records, so a runtime cannot pass by
// skipping a step.
import { createContext, getAccessToken, isWxError } from '@wx/core'
import { getJsConfig } from '@wx/jssdk'
import { getMedia, uploadMedia } from '@wx/media'
import { createMenu, getMenu } from '@wx/menu'
import { sendText } from '@wx/message'
import { createPushHandler, textReply } from '@wx/server'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { getFollowers } from '@wx/user'

const codeOf = (e) => (isWxError(e) ? `${e.code}:${e.errcode ?? ''}` : `not a WxError: ${e}`)

/** Which runtime this is, by what only that runtime has. */
function runtime() {
  if (globalThis.Deno?.version?.deno) return 'deno'
  if (globalThis.Bun?.version) return 'bun'
  if (typeof globalThis.EdgeRuntime === 'string') return 'edge-runtime'
  if (globalThis.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd'
  if (globalThis.process?.release?.name === 'node') return 'node'
  return 'unknown'
}

/** Runs every step; `o` is `{ base, appid, secret }` of the fake. */
export async function run({ base, appid, secret }) {
  const out = { runtime: runtime() }
  const ctx = createContext({ appid, secret, baseURL: base, timeout: 5000 })
  out.token = (await getAccessToken(ctx)).length > 0

  // The fake was told (fake.failNext(45015, 1, send path)) to refuse the first send.
  out.send45015 = await sendText(ctx, 'o_user', 'first').then(() => 'resolved', codeOf)
  await sendText(ctx, 'o_user', 'hello from the matrix')
  out.sent = true

  const menu = { button: [{ type: 'click', name: 'Today', key: 'V1001_TODAY' }, { name: 'More', sub_button: [{ type: 'view', name: 'Site', url: 'https://example.com/' }] }] }
  await createMenu(ctx, menu)
  out.menu = (await getMenu(ctx)).menu

  const bytes = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4, 5, 6, 7, 8])
  const { media_id, type } = await uploadMedia(ctx, new Blob([bytes], { type: 'image/jpeg' }), 'image')
  out.uploaded = type
  const file = await getMedia(ctx, media_id)
  out.mediaRoundTrip = 'data' in file && file.data.length === bytes.length && file.data.every((b, i) => b === bytes[i])

  const followers = await getFollowers(ctx)
  out.followers = { total: followers.total, first: followers.data?.openid?.[0] }

  const push = { token: 'matrixtoken', encodingAESKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG', appid }
  const seen = []
  const handler = createPushHandler({
    ...push,
    onMessage: (m) => {
      seen.push(m.Content)
      return textReply(`echo: ${m.Content}`)
    },
    onError: () => {},
  })
  const req = await buildPushRequest({ ...push, message: { MsgType: 'text', Content: 'ping' } })
  const res = await handler(req)
  out.push = { status: res.status, seen: [...seen], reply: await readPushReply(res, push) }
  const forged = await buildPushRequest({ ...push, token: 'not-the-token', message: { MsgType: 'text', Content: 'forged' } })
  const refused = await handler(forged)
  out.forged = { status: refused.status, seen: seen.length }

  out.jsConfig = await getJsConfig(ctx, { url: 'https://example.com/page?id=1', jsApiList: ['updateAppMessageShareData'] })
  return out
}
