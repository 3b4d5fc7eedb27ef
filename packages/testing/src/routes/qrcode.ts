import { bytes, fail, need, type FakeRoute } from '../route.ts'
import type { FakeState } from '../state.ts'

/**
 * QR records. Tests can fill the permanent quota with
 * `fake.setData('qrcode', { permanent: {}, permanentCount: 100000, next: 1 })`.
 */
interface QrBag {
  /** Permanent scene (`id:5` / `str:abc`) → ticket: a permanent code is made once per scene. */
  permanent: Record<string, string>
  permanentCount: number
  next: number
}
const bag = (s: FakeState) => s.bag<QrBag>('qrcode', () => ({ permanent: {}, permanentCount: 0, next: 1 }))

const ACTIONS = ['QR_SCENE', 'QR_STR_SCENE', 'QR_LIMIT_SCENE', 'QR_LIMIT_STR_SCENE']

/** A ticket that looks like WeChat's (base64 with `+`, `/` and `=`, so it must be URL-encoded). */
const ticket = (n: number) => `gQH+7zwAAAAAAAAAAS5odHRwOi8vd2VpeGluLnFxLmNvbS9xLzAy${n.toString(36)}/fakeQR==`

/** Parametric QR codes and the retired short-URL API. */
export const qrcodeRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/qrcode/create',
    bare: true,
    handle({ state, body }) {
      const action = body?.action_name
      need(ACTIONS.includes(action), 40097, 'invalid action_name')
      const scene = body?.action_info?.scene
      need(scene && typeof scene === 'object', 40097, 'invalid action_info')
      const limit = action.startsWith('QR_LIMIT')
      const isStr = action.endsWith('STR_SCENE')
      let key: string
      if (isStr) {
        need(typeof scene.scene_str === 'string' && scene.scene_str.length > 0 && bytes(scene.scene_str) <= 64, 40097, 'invalid scene_str')
        key = `str:${scene.scene_str}`
      } else {
        const id = scene.scene_id
        need(Number.isInteger(id) && id > 0 && id <= (limit ? 100_000 : 4_294_967_295), 40097, 'invalid scene_id')
        key = `id:${id}`
      }
      const b = bag(state)
      if (limit) {
        let t = b.permanent[key]
        if (!t) {
          need(b.permanentCount < 100_000, 45029, 'qrcode count out of limit')
          t = b.permanent[key] = ticket(b.next++)
          b.permanentCount++
        }
        return { ticket: t, url: `http://weixin.qq.com/q/fake_${key.replace(':', '_')}` }
      }
      const expire = body.expire_seconds ?? 60
      need(Number.isInteger(expire) && expire > 0, 40097, 'invalid expire_seconds')
      const t = ticket(b.next++)
      // WeChat caps longer lifetimes at 30 days.
      return { ticket: t, expire_seconds: Math.min(expire, 2_592_000), url: `http://weixin.qq.com/q/fake_tmp_${b.next}` }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/shorturl',
    handle() {
      // Retired 2021-03-15: accounts get the no-permission answer.
      fail(48001, 'api unauthorized')
    },
  },
]
