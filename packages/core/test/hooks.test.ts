// A hook is the user's code: whatever it does (throw, or reject as an `async` hook), the call and the
// process go on.
import { getAccessToken, memoryTokenStore, type TokenStore, type WxHooks } from '@wx/core'
import { createMenu, getMenu } from '@wx/menu'
import { sendText } from '@wx/message'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const unhandled: unknown[] = []
const collect = (e: unknown) => unhandled.push(e)
beforeEach(() => {
  unhandled.length = 0
  process.on('unhandledRejection', collect)
})
afterEach(() => {
  process.off('unhandledRejection', collect)
})

it('async hooks that reject (a log shipper that is down) leave no unhandled rejection', async () => {
  const { fake, ctx } = await useFake()
  const called = new Set<string>()
  const failing = async (name: string) => {
    called.add(name)
    throw new Error(`log shipper down (${name})`)
  }
  const names = ['onRequest', 'onResponse', 'onRetry', 'onError', 'onTokenRefresh', 'onStoreError', 'onSchemaDrift'] as const
  const hooks = Object.fromEntries(names.map((n) => [n, () => failing(n)])) as WxHooks
  const down = async () => Promise.reject(new Error('store down'))
  const broken: TokenStore = { ...memoryTokenStore(), set: down, setIfNewer: down }
  const c = ctx({ hooks, tokenStore: broken, retry: { baseDelay: 5 } })
  await getAccessToken(c) // onTokenRefresh, onStoreError
  await fake.failNext('http500', 1)
  await rejects(sendText(c, 'o_user', 'hi'), 'wx/outcome-unknown') // onRequest, onResponse, onError
  await createMenu(c, { button: [{ type: 'click', name: 'a', key: 'a' }] })
  await fake.failNext(-1, 1, '/cgi-bin/menu/get')
  await fake.failNext({ body: '{"errcode":0,"menu":"not an object"}' }, 1, '/cgi-bin/menu/get')
  await getMenu(c).catch(() => {}) // onRetry, onSchemaDrift
  await new Promise((r) => setTimeout(r, 50))
  expect([...called].sort()).toEqual([...names].sort())
  expect(unhandled).toEqual([])
})
