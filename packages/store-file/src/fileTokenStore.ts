import { WxError, checkLease, checkTtl, readStoredToken, type StoredToken, type TokenStore, optionsOf } from '@wx/core'
import { createHash } from 'node:crypto'
import { constants } from 'node:fs'
import { type FileHandle, chmod, link, mkdir, open, rename, stat, unlink } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'

/** Options of `fileTokenStore`. */
export interface FileTokenStoreOptions {
  /** Longest wait for the short write mutex around `setIfNewer`, ms (a finite number, 0 or more). Default 3000. */
  mutexWait?: number | undefined
}

const uid = () => Math.random().toString(36).slice(2, 10) + process.pid.toString(36)
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))
const code = (e: unknown) => (e as NodeJS.ErrnoException)?.code
// Flags that are 0 where the platform lacks them (O_NOFOLLOW on Windows).
const NOFOLLOW = constants.O_NOFOLLOW ?? 0
const NONBLOCK = constants.O_NONBLOCK ?? 0

/**
 * Keys become file names, injectively: `[a-z0-9_-]` stay, every other UTF-16 unit becomes `%xx` (below
 * 0x100) or `%uxxxx` (`u` is not a hex digit, so the two never overlap). Upper case is escaped too, so
 * names stay distinct on case-insensitive file systems, and `.` is escaped, so no name is `..` or carries
 * a suffix of another (`.json`, `.lock`, `.mutex`, temp files).
 */
const safe = (key: string) => {
  let out = ''
  for (let i = 0; i < key.length; i++) {
    const c = key.charCodeAt(i)
    out +=
      (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x5f || c === 0x2d
        ? key[i]
        : c < 0x100
          ? '%' + c.toString(16).padStart(2, '0')
          : '%u' + c.toString(16).padStart(4, '0')
  }
  return out
}

interface FileText {
  text: string
  mtimeMs: number
}

/** Reads a regular file without following a symbolic link (`O_NOFOLLOW`); null when it does not exist. */
async function readText(path: string): Promise<FileText | null> {
  let fh: FileHandle
  try {
    fh = await open(path, constants.O_RDONLY | NOFOLLOW | NONBLOCK)
  } catch (e) {
    if (code(e) === 'ENOENT') return null
    if (code(e) === 'ELOOP') throw new WxError('wx/config', `fileTokenStore: ${path} is a symbolic link; it is never followed`)
    throw e
  }
  try {
    const st = await fh.stat()
    if (!st.isFile()) throw new WxError('wx/config', `fileTokenStore: ${path} is not a regular file`)
    return { text: await fh.readFile('utf8'), mtimeMs: st.mtimeMs }
  } finally {
    await fh.close()
  }
}

/** Creates `path` (never through a symbolic link, never an existing file) as `0600` whatever the umask. */
async function createFile(path: string, data: string): Promise<void> {
  const fh = await open(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | NOFOLLOW, 0o600)
  try {
    await fh.chmod(0o600) // a umask that removes owner bits would leave less than 0600
    await fh.writeFile(data)
  } finally {
    await fh.close()
  }
}

/** Writes a temporary file and renames it into place: readers see the old file or the new one, never half. */
async function writeAtomic(path: string, data: string): Promise<void> {
  const tmp = `${path}.${uid()}.tmp`
  try {
    await createFile(tmp, data)
    await rename(tmp, path) // replaces a symbolic link at `path` itself, never its target
  } catch (e) {
    await unlink(tmp).catch(() => {})
    throw e
  }
}

/** Creates `path` with `data` only if it does not exist (a hard link of a complete temp file: atomic). */
async function createExclusive(path: string, data: string): Promise<boolean> {
  const tmp = `${path}.${uid()}.tmp`
  await createFile(tmp, data)
  try {
    await link(tmp, path)
    return true
  } catch (e) {
    if (code(e) === 'EEXIST') return false
    // File systems without hard links: exclusive create (a reader may briefly see it empty: treated as held).
    if (code(e) !== 'EPERM' && code(e) !== 'ENOTSUP' && code(e) !== 'EXDEV') throw e
    try {
      await createFile(path, data)
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
}
/**
 * An empty or unparseable lock (a crash in the no-hard-link fallback, a truncated file) belongs to nobody
 * and is held until its mtime is `leaseMs` old: then it is stale like any other.
 */
const parseLock = (f: FileText, leaseMs: number): LockBody => {
  try {
    const b = JSON.parse(f.text)
    if (typeof b?.owner === 'string' && typeof b.until === 'number') return b
  } catch {}
  return { owner: '', until: f.mtimeMs + leaseMs }
}

/** How old a `.break` marker must be before it counts as left by a process that died holding it, ms. */
const MARK_STALE_MS = 2000

/**
 * Replaces the lock file with `next` (or removes it, for `null`) **only if it still is `seen`**, for one
 * caller at a time: whoever creates the marker `<lock>.<id of seen>.<i>.break` exclusively re-reads the lock
 * and, if unchanged, renames `next` over it; anyone else (a marker already there) backs off with false.
 * The lock is never moved aside or put back, so a lock someone took meanwhile is never lost. Nothing but
 * this function changes an existing lock file, and a replaced lock never comes back (its text holds a
 * nonce), so a late caller that takes the marker afterwards finds the lock changed. A marker older than
 * `MARK_STALE_MS` was left by a process that died: the next index is tried.
 */
async function replaceIfUnchanged(path: string, seen: FileText, next: string | null): Promise<boolean> {
  const id = createHash('sha256').update(`${seen.mtimeMs}\n${seen.text}`).digest('hex').slice(0, 16)
  const mark = (i: number) => `${path}.${id}.${i}.break`
  let i = 0
  while (!(await createExclusive(mark(i), ''))) {
    const held = await readText(mark(i))
    if (held === null || Date.now() - held.mtimeMs < MARK_STALE_MS) return false // someone else is on it
    i++
  }
  try {
    const cur = await readText(path)
    if (cur?.text !== seen.text || cur.mtimeMs !== seen.mtimeMs) return false
    if (next === null) await unlink(path)
    else await writeAtomic(path, next)
    return true
  } finally {
    for (let j = 0; j <= i; j++) await unlink(mark(j)).catch(() => {})
  }
}

async function acquire(path: string, owner: string, leaseMs: number): Promise<boolean> {
  const mine = JSON.stringify({ owner, until: Date.now() + leaseMs, n: uid() })
  for (let i = 0; i < 5; i++) {
    if (await createExclusive(path, mine)) return true
    const cur = await readText(path)
    if (cur === null) continue // released in between: try again
    const held = parseLock(cur, leaseMs)
    if (held.owner !== owner && held.until > Date.now()) return false
    // Ours (renew the lease) or stale (its owner died or stalled): take it, unless someone else is at it.
    return replaceIfUnchanged(path, cur, mine)
  }
  return false
}

async function release(path: string, owner: string): Promise<void> {
  const cur = await readText(path)
  if (cur !== null && parseLock(cur, 0).owner === owner) await replaceIfUnchanged(path, cur, null)
}

/**
 * Creates `dir` (and missing parents) as `0700` whatever the umask, then refuses it with `wx/config` when
 * it is not a directory, belongs to another user, or is writable by group or others: such a folder lets
 * someone else read the token, plant one, or swap files under us.
 */
async function prepare(dir: string): Promise<void> {
  const first = await mkdir(dir, { recursive: true, mode: 0o700 })
  if (first !== undefined) {
    const top = resolve(first)
    for (let p = resolve(dir); p.length >= top.length; p = dirname(p)) await chmod(p, 0o700)
  }
  const st = await stat(dir)
  const me = process.getuid?.()
  if (!st.isDirectory()) throw new WxError('wx/config', `fileTokenStore: ${dir} is not a directory`)
  if (me !== undefined && st.uid !== me)
    throw new WxError('wx/config', `fileTokenStore: ${dir} belongs to another user (uid ${st.uid}, this process runs as ${me}); use a folder of the service's own user`)
  if (process.platform !== 'win32' && st.mode & 0o022)
    throw new WxError('wx/config', `fileTokenStore: ${dir} is writable by group or others (mode ${(st.mode & 0o777).toString(8)}); chmod 700 it`)
}

/**
 * A token store in a directory, for several processes on **one machine** (pm2/cluster workers, cron
 * jobs, CLIs) sharing one access token. Node only (`node:fs`). Each key is one JSON file, written
 * atomically (temporary file + rename). The lease lock is a lock file created atomically (hard link of a
 * complete file) holding `{ owner, until }`; a lock whose lease ran out (its process died) is taken over by
 * exactly one of the callers racing for it, and so is an empty or unparseable one once its mtime is older
 * than the lease.
 * `setIfNewer` runs under a short internal mutex built the same way, so racing writers never replace a
 * newer token with an older one. Reads wechat-api 1.x's record `{ accessToken, expireTime }` too (e.g. a
 * file its `saveToken` wrote); writes `{ accessToken, expiresAt }`. Not for network file systems shared
 * by several machines: use `@wx/store-redis` for a fleet.
 *
 * Permissions: the folder is created `0700` and every file `0600`, whatever the umask; a folder that
 * belongs to another user or is writable by group or others is refused. Token, lock and mutex files are
 * opened with `O_NOFOLLOW`: a symbolic link in their place is an error, never followed. Files are never
 * deleted; the token manager ignores expired tokens.
 *
 * Throws `WxError('wx/config')` at creation when `dir` is not a non-empty string, or `mutexWait` is not a
 * number of ms, 0 or more (`Infinity` waits as long as the lock is held; `null` options: the defaults); the folder itself is first looked at by
 * the first method called. Throws (from each method): `WxError('wx/config')` for a folder it refuses or a
 * symbolic link, `WxError('wx/validation')` for a TTL or lease of 0 or less or over a day, file-system
 * errors (`EACCES`, `ENOSPC`, ...), and an `Error` when the write mutex stays busy longer than
 * `mutexWait` or the `signal` the token manager passes fires first (it stopped waiting: the store stops
 * polling too); the token manager reports these to `hooks.onStoreError` and carries on with its own copy.
 *
 * @example
 * import { fileTokenStore } from '@wx/store-file'
 * const ctx = createContext({ appid, secret, tokenStore: fileTokenStore('/var/lib/myapp/wx-tokens') })
 */
export function fileTokenStore(dir: string, options: FileTokenStoreOptions | null = {}): TokenStore {
  if (typeof dir !== 'string' || !dir) throw new WxError('wx/config', 'fileTokenStore needs the path of a folder (a non-empty string)')
  const mutexWait = optionsOf(options, 'fileTokenStore').mutexWait ?? 3000
  if (!(typeof mutexWait == 'number' && mutexWait >= 0)) throw new WxError('wx/config', 'fileTokenStore: mutexWait must be a number of ms (0 or more; Infinity waits)')
  let ready: Promise<unknown> | undefined
  const at = async (name: string) => {
    await (ready ??= prepare(dir).catch((e) => {
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
      return (raw && readStoredToken(JSON.parse(raw.text))) || null
    } catch {
      return null
    }
  }
  const me = uid()
  const mutex = async <T>(path: string, run: () => Promise<T>, signal?: AbortSignal): Promise<T> => {
    const owner = `${me}.${uid()}`
    const until = Date.now() + mutexWait
    while (!(await acquire(path, owner, 5000))) {
      // The caller stopped waiting (core's store timeout or the call's deadline): stop polling, so the
      // loop does not keep the process alive for the rest of `mutexWait`.
      if (signal?.aborted) throw new Error('fileTokenStore: gave up waiting for the write mutex (the caller stopped waiting)')
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
    set: async (key, token, ttl) => {
      checkTtl(ttl)
      await writeAtomic(await file(key), json(token))
    },
    async setIfNewer(key, token, ttl, signal) {
      checkTtl(ttl)
      const path = await file(key)
      return mutex(
        `${path}.mutex`,
        async () => {
          const cur = await read(path)
          if (cur && cur.expiresAt >= token.expiresAt && cur.accessToken !== token.accessToken) return false
          await writeAtomic(path, json(token))
          return true
        },
        signal,
      )
    },
    lock: async (key, owner, leaseMs) => {
      checkLease(leaseMs)
      return acquire(await at(`${safe(key)}.lock`), owner, leaseMs)
    },
    unlock: async (key, owner) => release(await at(`${safe(key)}.lock`), owner),
  }
}
