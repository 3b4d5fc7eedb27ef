// Bundle-size entry for ../shared/bench (entries/wx-node.mjs): createContext + nodeTransport + sendText, never run.
import { createContext } from 'WX_DIST/core/dist/index.js';
import { nodeTransport } from 'WX_DIST/core/dist/node.js';
import { sendText } from 'WX_DIST/message/dist/index.js';

const ctx = createContext({ appid: 'wx_appid', secret: 'app_secret', transport: nodeTransport() });
console.log(await sendText(ctx, 'OPENID', 'hello'));
