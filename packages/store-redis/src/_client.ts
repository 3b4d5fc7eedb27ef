import { WxError, optionsOf } from '@wx/core'

/**
 * The part of a Redis client the stores use. Both clients people pass fit:
 * - `ioredis` (`new Redis(url)`, `new Cluster(...)`): has `call(command, ...args)`;
 * - `redis` / node-redis 5.11+ (`createClient({ url })`, connected): has `sendCommand([command, ...args])`;
 *   its cluster (`createCluster(...)`, connected) `sendCommand(firstKey, isReadonly, args)`.
 *   Older node-redis can hang every command after a reconnect (redis/node-redis#3104): see the README.
 */
export type RedisClientLike =
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> }
  | { sendCommand(firstKey: string | undefined, isReadonly: boolean | undefined, args: string[]): Promise<unknown>; getSlotMaster(slot: number): unknown }

/**
 * Sends one command (`[command, ...args]`) through whichever client it is. Checks the creation arguments of
 * `store`: `WxError('wx/config')` for a client with neither `call` nor `sendCommand`, options that are not
 * an object (`null`: the defaults) or a `prefix` that is not a string.
 */
export function redisRunner(client: RedisClientLike, options: { prefix?: string | undefined } | null | undefined, store: string): { run: (args: string[]) => Promise<unknown>; prefix: string } {
  const c = client as any
  const prefix = optionsOf(options, store).prefix ?? ''
  if (typeof prefix !== 'string') throw new WxError('wx/config', `${store}: prefix must be a string`)
  if (typeof c?.call === 'function') return { run: (args) => c.call(...args), prefix }
  // node-redis `createCluster`: `sendCommand(firstKey, isReadonly, args)`, routed by the key. Every
  // command here has one key: `EVAL script 1 key ...` (KEYS[1]) or `GET`/`SET key ...`.
  if (typeof c?.sendCommand === 'function' && typeof c.getSlotMaster === 'function')
    return { run: (args) => c.sendCommand(args[0] === 'EVAL' ? args[3] : args[1], false, args), prefix }
  if (typeof c?.sendCommand === 'function') return { run: (args) => c.sendCommand(args), prefix }
  throw new WxError('wx/config', `${store} needs an ioredis client (call) or a connected node-redis client (sendCommand)`)
}
