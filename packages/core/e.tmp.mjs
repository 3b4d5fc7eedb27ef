import * as v from 'valibot'
import { createContext, callApi, defineEndpoint, openidSchema, textSchema } from './src/index.ts'
const ep = /* @__PURE__ */ defineEndpoint({ method: 'POST', path: '/cgi-bin/message/custom/send', retry: 'send', body: () => v.object({ touser: openidSchema(), msgtype: v.literal('text'), text: v.object({ content: textSchema(2048) }) }) })
const ctx = createContext({ appid: 'wx', secret: 's' })
console.log(await callApi(ctx, ep, { body: { touser: 'o', msgtype: 'text', text: { content: 'hi' } } }))
