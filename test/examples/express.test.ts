// examples/express: Express 5 with the push handler (@wx/server/node) and a /send route (@wx/message),
// started as its own process against the fake WeChat (see _push-and-send.ts).
import { describePushAndSend } from './_push-and-send.ts'

describePushAndSend('express', /express on (http:\/\/127\.0\.0\.1:\d+)/)
