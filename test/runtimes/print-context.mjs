// Run by runtimes.test.ts in Deno and Bun: prints a context (after a token was cached) every way a user might.
import { createContext, getAccessToken } from '@wx/core'

const ctx = createContext({ appid: 'wx_appid_1', secret: 'SUPER_SECRET_VALUE_123', getAccessToken: async () => 'ACCESS_TOKEN_VALUE_456' })
await getAccessToken(ctx)
console.log(ctx)
console.log({ nested: ctx })
console.log(JSON.stringify(ctx))
console.log(String(Object.entries(ctx)))
