/**
 * `@wx/core` as the "node-transport" vitest project sees it: the real core, except that a context made
 * without a `transport` (or `fetch`) of its own gets `nodeTransport()`. The whole core suite thus runs
 * once over the default fetch transport (projects "node", "edge") and once over the Node one.
 */
import { createContext as create, type ContextOptions, type WxContext } from '../../packages/core/src/index.ts'
import { nodeTransport } from '../../packages/core/src/node.ts'

export * from '../../packages/core/src/index.ts'

/** One transport (one socket pool) for the whole file, as an application would share it. */
const transport = nodeTransport()

export function createContext(options: ContextOptions): WxContext {
  // Options that are no object go through as they are: core refuses them (wx/config).
  return create(!options || typeof options != 'object' || options.transport || options.fetch ? options : { ...options, transport })
}
