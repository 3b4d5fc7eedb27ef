// Adapter for ../shared/bench (copied next to it as clients/wx.mjs by run-wx.mjs, with WX_DIST replaced
// by the absolute path of this repo's packages/). Imports the BUILT packages.
import { createContext, isWxError } from 'WX_DIST/core/dist/index.js';
import { getMenu } from 'WX_DIST/menu/dist/index.js';
import { sendText } from 'WX_DIST/message/dist/index.js';
import { APPID, SECRET } from '../lib/config.mjs';

export const meta = { name: 'wx', version: '0.1.0', redirect: 'baseURL option of createContext' };
// Touching Response counts Node's lazily loaded fetch, which the SDK loads on its first call.
export const coldStart = {
  code: "await import('WX_DIST/core/dist/index.js'); await import('WX_DIST/message/dist/index.js'); void Response",
  module: true,
};

/** The harness wants `.code` = WeChat's errcode. */
const wrap = (p) =>
  p.catch((e) => {
    throw isWxError(e) ? Object.assign(new Error(e.message), { code: e.errcode ?? e.code }) : e;
  });

export async function make(baseUrl, options = {}) {
  return makeWx(baseUrl, options);
}

/** The adapter over a context with `transport` (undefined: the default, the platform fetch). Shared by wx-node. */
export function makeWx(baseUrl, { tokenStore, appid = APPID, secret = SECRET } = {}, transport) {
  const ctx = createContext({
    appid,
    secret,
    baseURL: baseUrl,
    ...(transport ? { transport } : {}),
    // The harness's store has no key: one token per store.
    ...(tokenStore ? { tokenStore: { get: () => tokenStore.get(), set: (_key, t) => tokenStore.set(t) } } : {}),
  });
  return {
    sendText: (openid, text) => wrap(sendText(ctx, openid, text).then(() => ({ errcode: 0, errmsg: 'ok' }))),
    getMenu: () => wrap(getMenu(ctx)),
  };
}
