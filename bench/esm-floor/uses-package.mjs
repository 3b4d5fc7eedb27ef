// An ES module whose only content is a bare import of a package with an "exports" map (this folder's own,
// by self-reference): what bench/esm-floor-dep-client.mjs imports. Node's first such resolution has a
// one-time cost of its own, which `@wx/message` (importing `@wx/core`) pays too.
export { nothing } from 'wx-bench-esm-floor';
