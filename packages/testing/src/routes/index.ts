import type { FakeRoute } from '../route.ts'
import { basicRoutes } from './basic.ts'
import { customserviceRoutes } from './customservice.ts'
import { datacubeRoutes } from './datacube.ts'
import { draftRoutes } from './draft.ts'
import { massRoutes } from './mass.ts'
import { jssdkRoutes } from './jssdk.ts'
import { mediaRoutes } from './media.ts'
import { menuRoutes } from './menu.ts'
import { messageRoutes } from './message.ts'
import { oauthRoutes } from './oauth.ts'
import { payLegacyRoutes } from './payLegacy.ts'
import { qrcodeRoutes } from './qrcode.ts'
import { semanticRoutes } from './semantic.ts'
import { shopRoutes } from './shop.ts'
import { templateRoutes } from './template.ts'
import { tokenRoutes } from './token.ts'
import { userRoutes } from './user.ts'

/**
 * Every endpoint the fake knows (a new array each call). Each API domain keeps its routes in its own
 * file here. To add endpoints next to these, pass them as `extraRoutes`; to serve a subset, pass a
 * filtered copy as `routes`.
 *
 * @example
 * const fake = await createFakeWeChat({ routes: allRoutes().filter((r) => !r.path.startsWith('/cgi-bin/menu/')) })
 */
export const allRoutes = (): FakeRoute[] => [
  ...tokenRoutes,
  ...messageRoutes,
  ...menuRoutes,
  ...massRoutes,
  ...mediaRoutes,
  ...draftRoutes,
  ...templateRoutes,
  ...customserviceRoutes,
  ...userRoutes,
  ...qrcodeRoutes,
  ...datacubeRoutes,
  ...semanticRoutes,
  ...basicRoutes,
  ...payLegacyRoutes,
  ...shopRoutes,
  ...jssdkRoutes,
  ...oauthRoutes,
]
