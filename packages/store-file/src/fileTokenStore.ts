import { readStoredToken, type StoredToken, type TokenStore } from '@wx/core'
import { link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'

/** Options of `fileTokenStore`. */
export interface FileTokenStoreOptions {
  /** Longest wait for the short write mutex around `setIfNewer`, ms. Default 3000. */
  mutexWait?: number
}

const uid = () => Math.random().toString(36).slice(2, 10) + process.pid.toString(36)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const code = (e: unknown) => (e as NodeJS.ErrnoException)?.code
/** Keys become file names: anything but `[A-Za-z0-9._-]` is %-escaped (no collisions, no path tricks). */
const safe = (key: string) => key.replace(/[^A-Za-z0-9_-]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'))

async function readText(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8')
  } catch (e) {
    if (code(e) === 'ENOENT') return null
    throw e
  }
}

/** Writes a temporary file and renames it into place: readers see the old file or the new one, never half. */
async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${uid()}.tmp`
  try {
    await writeFile(tmp, data)
    await rename(tmp, path)
  } catch (e) {
    await unlink(tmp).catch(() => {})
    throw e
  }
}

/** Creates `path` with `data` only if it does not exist (a hard link of a complete temp file: atomic). */
async function createExclusive(path: string, data: string): Promise<boolean> {
  const tmp = `${path}.${uid()}.tmp`
  await writeFile(tmp, data)
  try {
    await link(tmp, path)
    return true
  } catch (e) {
    if (code(e) === 'EEXIST') return false
    // File systems without hard links: exclusive create (a reader may briefly see it empty: treated as held).
    if (code(e) !== 'EPERM' && code(e) !== 'ENOTSUP' && code(e) !== 'EXDEV') throw e
    try {
      await writeFile(path, data, { flag: 'wx' })
      return true
    } catch (e2) {
      if (code(e2) === 'EEXIST') return false
      throw e2
    }
  } finally {
    await unlink(tmp).catch(() => {})
  }
}

interface LockBody {
  owner: string
  until: number
  n: string
}
const parseLock = (raw: string): LockBody => {
  try {
    const b = JSON.parse(raw)
    if (typeof b?.owner === 'string' && typeof b.until === 'number') return b
  } catch {}
  // Empty or torn (only possible without hard links): held for a moment, then stale.
  return { owner: '', until: Date.now() + 1000, n: '' }
}

/**
 * Moves the lock file aside and removes it, **only if it still holds `seen`**. If another process
 * replaced it in between, its lock is put back (unless a third one already took the slot).
 */
async function removeIfUnchanged(path: string, seen: string): Promise<boolean> {
  const grave = `${path}.${uid()}.old`
  try {
    await rename(path, grave)
  } catch (e) {
    if (code(e) === 'ENOENT') return false
    throw e
  }
  const moved = await readText(grave)
  if (moved !== seen) await link(grave, path).catch(() => {})
  await unlink(grave).catch(() => {})
  return moved === seen
}

async function acquire(path: string, owner: string, leaseMs: number): Promise<boolean> {
  const mine = JSON.stringify({ owner, until: Date.now() + leaseMs, n: uid() } satisfies LockBody)
  for (let i = 0; i < 5; i++) {
    if (await createExclusive(path, mine)) return true
    const raw = await readText(path)
    if (raw === null) continue // released in between: try again
    const cur = parseLock(raw)
    if (cur.owner === owner) {
      await writeAtomic(path, mine) // ours: renew the lease
      return true
    }
    if (cur.until > Date.now()) return false
    await removeIfUnchanged(path, raw) // stale (its owner died or stalled): recover, then race for it
  }
  return false
}

async function release(path: string, owner: string): Promise<void> {
  const raw = await readText(path)
  if (raw !== null && parseLock(raw).owner === owner) await removeIfUnchanged(path, raw)
}

/**
 * A token store in a directory, for several processes on **one machine** (pm2/cluster workers, cron
 * jobs, CLIs) sharing one access token. Node only (`node:fs`). Each key is one JSON file, written
 * atomically (temporary file + rename). The lease lock is a lock file created atomically (hard link of a
 * complete file) holding `{ owner, until }`; a lock whose lease ran out (its process died) is recovered by
 * the next caller. `setIfNewer` runs under a short internal mutex built the same way, so racing writers
 * never replace a newer token with an older one. Reads wechat-api 1.x's record `{ accessToken, expireTime }`
 * too (e.g. a file its `saveToken` wrote); writes `{ accessToken, expiresAt }`. Not for network file
 * systems shared by several machines: use `@wx/store-redis` for a fleet.
 *
 * The token file holds an access token: keep `dir` private to the service's user (it is created with
 * the process's umask). Files are never deleted; the token manager ignores expired tokens.
 *
 * Throws (from each method, never at creation): file-system errors (`EACCES`, `ENOSPC`, ...), and an
 * `Error` when the write mutex stays busy longer than `mutexWait`; the token manager reports these to
 * `hooks.onStoreError` and carries on with its own copy.
 *
 * @example
 * import { fileTokenStore } from '@wx/store-file'
 * const ctx = createContext({ appid, secret, tokenStore: fileTokenStore('/var/lib/myapp/wx-tokens') })
 */
export function fileTokenStore(dir: string, options: FileTokenStoreOptions = {}): TokenStore {
  let ready: Promise<unknown> | undefined
  const at = async (name: string) => {
    await (ready ??= mkdir(dir, { recursive: true }).catch((e) => {
      ready = undefined
      throw e
    }))
    return join(dir, name)
  }
  const file = (key: string) => at(`${safe(key)}.json`)
  const json = (t: StoredToken) => JSON.stringify({ accessToken: t.accessToken, expiresAt: t.expiresAt })
  const read = async (path: string): Promise<StoredToken | null> => {
    const raw = await readText(path)
    try {
      return (raw && readStoredToken(JSON.parse(raw))) || null
    } catch {
      return null
    }
  }
  const me = uid()
  const mutex = async <T>(path: string, run: () => Promise<T>): Promise<T> => {
    const owner = `${me}.${uid()}`
    const until = Date.now() + (options.mutexWait ?? 3000)
    while (!(await acquire(path, owner, 5000))) {
      if (Date.now() > until) throw new Error('fileTokenStore: the write mutex stayed busy')
      await sleep(5 + Math.random() * 15)
    }
    try {
      return await run()
    } finally {
      await release(path, owner)
    }
  }
  return {
    get: async (key) => read(await file(key)),
    set: async (key, token) => writeAtomic(await file(key), json(token)),
    async setIfNewer(key, token) {
      const path = await file(key)
      return mutex(`${path}.mutex`, async () => {
        const cur = await read(path)
        if (cur && cur.expiresAt >= token.expiresAt && cur.accessToken !== token.accessToken) return false
        await writeAtomic(path, json(token))
        return true
      })
    },
    lock: async (key, owner, leaseMs) => acquire(await at(`${safe(key)}.lock`), owner, leaseMs),
    unlock: async (key, owner) => release(await at(`${safe(key)}.lock`), owner),
  }
}
