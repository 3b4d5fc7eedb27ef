// Cold-start reference for ../shared/bench (copied as clients/esm-floor-dep.mjs by run-wx.mjs): the first
// `import()` of an ES module that does nothing but import a package through its "exports" map
// (bench/esm-floor/uses-package.mjs). Over esm-floor it adds Node's one-time cost of the first
// package-exports resolution, which any package importing another (`@wx/message` -> `@wx/core`) pays.
// Use it with the coldstart scenario only: node bench/run-wx.mjs all --clients wx-node,esm-floor,esm-floor-dep --scenarios coldstart
export const meta = { name: 'esm-floor-dep', version: `node ${process.version}: one module importing one package`, redirect: 'none (cold start only)' };
export const coldStart = { code: "await import('WX_BENCH/esm-floor/uses-package.mjs')", module: true };

export async function make() {
  throw new Error('esm-floor-dep is a cold-start reference only: run it with --scenarios coldstart');
}
