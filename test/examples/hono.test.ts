// examples/hono: Hono on Node (@hono/node-server) with the push handler (@wx/server/hono) and a /send
// route (@wx/message), started as its own process against the fake WeChat (see _push-and-send.ts).
import { describePushAndSend } from './_push-and-send.ts'

describePushAndSend('hono', /hono on (http:\/\/127\.0\.0\.1:\d+)/)
