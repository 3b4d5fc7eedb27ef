// Bundle-size entry for ../shared/bench (entries/wx.mjs): createContext + sendText, never run.
import { createContext } from 'WX_DIST/core/dist/index.js';
import { sendText } from 'WX_DIST/message/dist/index.js';

const ctx = createContext({ appid: 'wx_appid', secret: 'app_secret' });
console.log(await sendText(ctx, 'OPENID', 'hello'));
