// An ES module that does nothing: what bench/esm-floor-client.mjs imports to measure Node's ESM loader floor.
export const nothing = undefined;
