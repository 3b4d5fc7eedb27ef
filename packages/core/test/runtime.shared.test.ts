import { createContext } from '@wx/core'
import { sendText } from '@wx/message'
import { expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'

it('the "edge" project really runs in the edge runtime, and the SDK works there', async ({ task }) => {
  const edge = task.file.projectName === 'edge'
  expect(typeof (globalThis as any).EdgeRuntime === 'string').toBe(edge)
  const { fake } = await useFake()
  const ctx = createContext({ appid: fake.appid, secret: fake.secret, baseURL: fake.baseURL })
  await sendText(ctx, 'o_user', edge ? 'from the edge' : 'from node')
  expect((await fake.deliveries())[0]).toMatchObject({ to: 'o_user', payload: { text: { content: edge ? 'from the edge' : 'from node' } } })
})
