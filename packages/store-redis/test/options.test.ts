// Bad creation arguments are wx/config at once, never a raw TypeError; null options are the defaults.
// A recording client stands in for Redis: nothing here needs a server.
import { describe, expect, it } from 'vitest'
import { redisDedupeStore, redisTokenStore } from '../src/index.ts'
import { thrown } from '../../../test/bad.ts'

const recording = () => {
  const sent: unknown[][] = []
  return { sent, call: async (...a: unknown[]) => (sent.push(a), a[0] === 'GET' ? null : 1) }
}

describe.each([
  ['redisTokenStore', redisTokenStore],
  ['redisDedupeStore', redisDedupeStore],
] as const)('%s: creation', (_, make) => {
  const create = make as (client: unknown, options?: unknown) => unknown

  it('a client with neither call nor sendCommand is wx/config', () => {
    for (const c of [null, undefined, 42, 'x', [], {}, Symbol('c'), { call: 1 }, { sendCommand: 'x' }] as unknown[])
      expect(thrown(() => create(c)), String(typeof c)).toBe('wx/config')
    expect(thrown(() => create({ sendCommand: async () => null }))).toBe('accepted')
  })

  it('options: null, undefined or {} are the defaults; 42, "x", [], a Symbol, or a prefix that is not a string are wx/config', () => {
    for (const o of [42, 'x', [], Symbol('o'), true, { prefix: {} }, { prefix: 5 }, { prefix: [] }] as unknown[])
      expect(thrown(() => create(recording(), o)), String(typeof o)).toBe('wx/config')
    for (const o of [null, undefined, {}, { prefix: null }, { prefix: 'p:' }] as unknown[]) expect(thrown(() => create(recording(), o))).toBe('accepted')
  })
})

describe('null options are the defaults', () => {
  it('redisTokenStore(client, null) and redisDedupeStore(client, null) send unprefixed keys', async () => {
    const c = recording()
    await (redisTokenStore as (c: unknown, o: unknown) => ReturnType<typeof redisTokenStore>)(c, null).get('wx:a:access_token')
    await (redisDedupeStore as (c: unknown, o: unknown) => ReturnType<typeof redisDedupeStore>)(c, null).claim('wx:a:push:1', 60)
    expect(c.sent.map((a) => a[1])).toEqual(['wx:a:access_token', 'wx:a:push:1'])
  })
})
