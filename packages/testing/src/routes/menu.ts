import { need, type FakeRoute } from '../route.ts'

interface MenuBag {
  menu: { button: unknown[] } | undefined
}
const bag = (s: { bag: <T extends object>(n: string, i: () => T) => T }) => s.bag<MenuBag>('menu', () => ({ menu: undefined }))

/** The default menu: `GET /cgi-bin/menu/get` answers 46003 until one is created. */
export const menuRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/menu/create',
    handle({ state, body }) {
      need(Array.isArray(body?.button) && body.button.length > 0 && body.button.length <= 3, 40016, 'invalid button size')
      bag(state).menu = { button: body.button }
      return {}
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/get',
    handle({ state }) {
      const { menu } = bag(state)
      need(menu, 46003, 'menu no exist')
      return { menu }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/menu/delete',
    handle({ state }) {
      bag(state).menu = undefined
      return {}
    },
  },
]
