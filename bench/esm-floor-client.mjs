// Cold-start reference for ../shared/bench (copied as clients/esm-floor.mjs by run-wx.mjs): the first
// `import()` of an ES module file that does nothing (bench/esm-floor/empty.mjs). That import alone starts
// Node's file-based ESM loader (resolve, load, fs/promises, ...), which `node --input-type=module -e ""`
// never does: a floor under which no package imported this way can go. Use it with the coldstart
// scenario only: node bench/run-wx.mjs all --clients wx-node,esm-floor --scenarios coldstart
export const meta = { name: 'esm-floor', version: `node ${process.version}: one empty ES module`, redirect: 'none (cold start only)' };
export const coldStart = { code: "await import('WX_BENCH/esm-floor/empty.mjs')", module: true };

export async function make() {
  throw new Error('esm-floor is a cold-start reference only: run it with --scenarios coldstart');
}
