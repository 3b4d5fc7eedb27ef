// Adapter for ../shared/bench (copied next to it as clients/wx-node.mjs by run-wx.mjs): `wx` with
// `nodeTransport()` from `@wx/core/node` (node:http keep-alive agents) instead of the platform fetch.
import { nodeTransport } from 'WX_DIST/core/dist/node.js';
import { makeWx } from './wx.mjs';

export const meta = { name: 'wx-node', version: '0.1.0 + nodeTransport', redirect: 'baseURL option of createContext' };
// No `Response` touch: this path never loads the platform fetch (undici).
export const coldStart = {
  code: "await import('WX_DIST/core/dist/index.js'); await import('WX_DIST/core/dist/node.js'); await import('WX_DIST/message/dist/index.js')",
  module: true,
};

/** One transport (one socket pool) per process, shared by every context, as the docs advise. */
const transport = nodeTransport();

export async function make(baseUrl, options = {}) {
  return makeWx(baseUrl, options, transport);
}
