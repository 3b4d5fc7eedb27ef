import type { DurableObjectStateLike } from './TokenStoreDurableObject.ts'

/**
 * @internal One push-dedupe operation sent by `durableObjectDedupeStore` to `TokenStoreDurableObject`.
 * Times in ms; `ttlMs: null` keeps the key without expiry (a TTL of `Infinity`, which JSON cannot carry).
 * `owner` (optional) is the delivery's token of a leased claim: `renew` and `release` with it touch only
 * that owner's running claim.
 */
export type DedupeOp =
  | { op: 'claim'; key: string; ttlMs: number | null; leaseMs?: number; owner?: string }
  | { op: 'renew'; key: string; leaseMs: number; owner?: string }
  | { op: 'done'; key: string; ttlMs: number | null }
  | { op: 'release'; key: string; owner?: string }

/**
 * One remembered push key: claimed without a lease, running (leased) or done, until `until` (epoch ms;
 * `Infinity`: never expires); a running claim's `owner` when it was given one (entries written before
 * owners have none).
 */
interface DedupeEntry {
  state: 'claimed' | 'running' | 'done'
  until: number
  owner?: string
}

type Storage = DurableObjectStateLike['storage']

/** The longest lease the object accepts, ms: a day, so no caller can block a push for good. */
export const MAX_LEASE_MS = 86_400_000

const DEDUPE_OPS = new Set(['claim', 'renew', 'done', 'release'])

/** @internal Whether a parsed request is one of the dedupe operations. */
export const isDedupeOp = (m: { op?: unknown }): m is DedupeOp => DEDUPE_OPS.has(m.op as string)

const positiveMs = (x: unknown) => typeof x === 'number' && Number.isFinite(x) && x > 0

/** The longest owner the object accepts, characters (the push handler's are UUIDs: 36). */
export const MAX_OWNER_LENGTH = 128

/** @internal What is wrong with a dedupe operation's times (answered 400), or `undefined`. */
export function dedupeOpProblem(m: DedupeOp): string | undefined {
  if ((m.op === 'claim' || m.op === 'done') && m.ttlMs !== null && !positiveMs(m.ttlMs)) return `ttlMs must be a positive number or null, got ${String(m.ttlMs)}`
  const leased = m.op === 'renew' || (m.op === 'claim' && m.leaseMs !== undefined)
  const lease = (m as { leaseMs?: unknown }).leaseMs
  if (leased && !(positiveMs(lease) && (lease as number) <= MAX_LEASE_MS))
    return `leaseMs must be a number above 0 and at most ${MAX_LEASE_MS} (one day), got ${String(lease)}`
  const owner = (m as { owner?: unknown }).owner
  if (owner !== undefined && !(typeof owner === 'string' && owner.length > 0 && owner.length <= MAX_OWNER_LENGTH))
    return `owner must be a string of 1 to ${MAX_OWNER_LENGTH} characters when given`
}

/** Whether a caller passing `owner` (or none: any caller) holds `e` as its running claim. */
const heldBy = (e: DedupeEntry | undefined, owner: string | undefined) => e?.state === 'running' && (owner === undefined || e.owner === owner)

const storageKey = (key: string) => `d:${key}`
/** The longest TTL given an expiry, ms (100 years): workerd refuses alarms after 2189; a longer TTL keeps the key for good. */
const LONGEST_TTL_MS = 3_153_600_000_000
/** When a key given `ms` from `now` expires; `Infinity` for none (`null`) or more than 100 years. */
const until = (now: number, ms: number | null) => (ms === null || ms > LONGEST_TTL_MS ? Number.POSITIVE_INFINITY : now + ms)
const live = (e: DedupeEntry | undefined, now: number) => (e !== undefined && e.until > now ? e : undefined)

/** Stores `entry` and makes sure an alarm fires no later than its expiry (none for a key kept for good). */
async function keep(storage: Storage, key: string, entry: DedupeEntry): Promise<void> {
  await storage.put(storageKey(key), entry)
  if (!Number.isFinite(entry.until)) return
  const alarm = await storage.getAlarm()
  if (alarm === null || alarm > entry.until) await storage.setAlarm(entry.until)
}

/**
 * @internal Runs one dedupe operation on the object's storage and returns its answer (`claim`: `true`,
 * `false` or `'running'`; the others `null`). Awaits only storage calls between its read and its write,
 * so the object's input gate makes it atomic.
 */
export async function runDedupeOp(storage: Storage, m: DedupeOp, now: number): Promise<boolean | 'running' | null> {
  const k = storageKey(m.key)
  switch (m.op) {
    case 'claim': {
      const cur = live(await storage.get<DedupeEntry>(k), now)
      if (cur) return m.leaseMs !== undefined && cur.state === 'running' ? 'running' : false
      if (m.leaseMs === undefined) await keep(storage, m.key, { state: 'claimed', until: until(now, m.ttlMs) })
      else await keep(storage, m.key, { state: 'running', until: now + m.leaseMs, ...(m.owner === undefined ? {} : { owner: m.owner }) })
      return true
    }
    case 'renew': {
      const cur = live(await storage.get<DedupeEntry>(k), now)
      if (cur && heldBy(cur, m.owner)) await keep(storage, m.key, { ...cur, until: now + m.leaseMs })
      return null
    }
    case 'done':
      await keep(storage, m.key, { state: 'done', until: until(now, m.ttlMs) })
      return null
    case 'release': {
      // Without an owner: any claim but a done key (plain claims, older callers). With one: only its own.
      const cur = await storage.get<DedupeEntry>(k)
      if (cur && (m.owner === undefined ? cur.state !== 'done' : heldBy(cur, m.owner))) await storage.delete(k)
      return null
    }
  }
}

/**
 * @internal The object's alarm: deletes the dedupe keys that expired and sets the alarm again for the
 * earliest one left (a lease renewed or a key marked done since). With one object per key (the default)
 * that is one entry, and an object left empty costs nothing.
 */
export async function sweepExpiredDedupeKeys(storage: Storage, now: number): Promise<void> {
  let next = Number.POSITIVE_INFINITY
  for (const [k, e] of await storage.list<DedupeEntry>({ prefix: 'd:' })) {
    if (e.until > now) next = Math.min(next, e.until)
    else await storage.delete(k)
  }
  if (Number.isFinite(next)) await storage.setAlarm(next)
}
