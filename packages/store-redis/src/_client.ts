/**
 * The part of a Redis client the stores use. Both clients people pass fit:
 * - `ioredis` (`new Redis(url)`, `new Cluster(...)`): has `call(command, ...args)`;
 * - `redis` / node-redis 5.11+ (`createClient({ url })`, connected): has `sendCommand([command, ...args])`.
 *   Older node-redis can hang every command after a reconnect (redis/node-redis#3104): see the README.
 */
export type RedisClientLike =
  | { call(command: string, ...args: (string | number)[]): Promise<unknown> }
  | { sendCommand(args: string[]): Promise<unknown> }

/** Sends one command (`[command, ...args]`) through whichever client it is; a `TypeError` (naming `store`) for anything else. */
export function redisRunner(client: RedisClientLike, store: string): (args: string[]) => Promise<unknown> {
  const c = client as any
  if (typeof c?.call === 'function') return (args) => c.call(...args)
  if (typeof c?.sendCommand === 'function') return (args) => c.sendCommand(args)
  throw new TypeError(`${store} needs an ioredis client (call) or a node-redis client (sendCommand)`)
}
