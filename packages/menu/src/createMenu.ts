import { callApi, defineEndpoint, type CallOptions, type WxContext } from '@wx/core'
import { menuBodySchema, type Menu } from './_menu.ts'

const endpoint = /* @__PURE__ */ defineEndpoint<unknown>({
  method: 'POST',
  path: '/cgi-bin/menu/create',
  retry: 'idempotent',
  body: () => menuBodySchema(),
})

/**
 * Creates (replaces) the custom menu (自定义菜单) shown to every follower.
 *
 * Calls `POST /cgi-bin/menu/create`. The structure is checked before sending: 1–3 top buttons, 1–5
 * sub buttons, `name` ≤ 16 bytes (top) / ≤ 60 bytes (sub), `key` ≤ 128 bytes, `url` ≤ 1024 bytes, and
 * the fields each type needs (click, scancode_push/waitmsg, pic_sysphoto/photo_or_album/weixin, location_select: key; view: url; miniprogram:
 * url + appid + pagepath; media_id/view_limited: media_id; article_id/article_view_limited:
 * article_id). A violation throws `wx/validation` naming the button (0-based), e.g.
 * `button[1].sub_button[2] "Help": view needs url`. Idempotent: a retry sets the same menu again.
 * Errcodes that matter: 40016–40027 (button size/type/name/key/url), 40054/40055 (url domain),
 * 40165 (mini program appid or pagepath invalid), 48001 (no menu permission).
 *
 * @example
 * await createMenu(ctx, { button: [
 *   { type: 'click', name: 'Today', key: 'V1001_TODAY_MUSIC' },
 *   { name: 'More', sub_button: [{ type: 'view', name: 'Search', url: 'https://www.soso.com/' }] },
 * ] })
 */
export async function createMenu(ctx: WxContext, menu: Menu, opts?: CallOptions | null): Promise<void> {
  await callApi(ctx, endpoint, { body: menu }, opts)
}
