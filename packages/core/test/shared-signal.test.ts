// One caller signal shared by many calls (an app-wide shutdown signal): one listener on it, however
// many calls are in flight, and aborting it still ends every one of them.
import { sendText } from '@wx/message'
import { afterEach, beforeEach, expect, it } from 'vitest'
import { rejects, useFake } from '../../../test/fake.ts'

const warnings: Error[] = []
const collect = (w: Error) => warnings.push(w)
beforeEach(() => {
  warnings.length = 0
  process.on('warning', collect)
})
afterEach(() => {
  process.off('warning', collect)
})

it('50 concurrent calls under one signal: no MaxListenersExceededWarning; aborting it ends all in flight', async () => {
  const { fake, ctx } = await useFake()
  const c = ctx()
  const shutdown = new AbortController()
  await Promise.all(Array.from({ length: 50 }, (_, i) => sendText(c, 'o_user', `m${i}`, { signal: shutdown.signal })))
  expect((await fake.stats()).deliveries).toBe(50)
  await fake.failNext({ delay: 500 }, 20)
  const inFlight = Array.from({ length: 20 }, (_, i) => sendText(c, 'o_user', `late${i}`, { signal: shutdown.signal }))
  setTimeout(() => shutdown.abort(), 100)
  // In flight when the shutdown came: they may have arrived, so outcome unknown; after it: aborted, never sent.
  for (const p of inFlight) expect((await rejects(p, 'wx/outcome-unknown')).known).toMatchObject({ reason: 'wx/aborted' })
  await rejects(sendText(c, 'o_user', 'after', { signal: shutdown.signal }), 'wx/aborted')
  await new Promise((r) => setTimeout(r, 20))
  expect(warnings.map((w) => w.name)).not.toContain('MaxListenersExceededWarning')
})
