// The file store against other local users, crashed processes and planted files: folder 0700 and files
// 0600 whatever the umask, foreign or open folders refused, symbolic links never followed, and a broken
// lock file stale once it is older than the lease.
import { isWxError } from '@wx/core'
import { sendText } from '@wx/message'
import { spawnSync } from 'node:child_process'
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { fileTokenStore } from '../src/index.ts'

const root = mkdtempSync(join(tmpdir(), 'wx-file-perm-'))
chmodSync(root, 0o755) // other users may walk through it (the store's own folder is what must keep them out)
afterAll(() => rmSync(root, { recursive: true, force: true }))
const uid = () => Math.random().toString(36).slice(2, 10)
const KEY = 'wx:perm:access_token'
const FILE = 'wx%3aperm%3aaccess_token.json'
const token = { accessToken: 'SECRET_TOKEN_VALUE', expiresAt: Date.now() + 7_200_000 }
const mode = (p: string) => statSync(p).mode & 0o777
const code = async (p: Promise<unknown>) => p.then(() => 'resolved', (e) => (isWxError(e) ? e.code : (e as any)?.code ?? String(e)))

/** Runs a shell command as user `nobody`, or says why this machine cannot. */
const asNobody: { run?: (cmd: string) => { status: number | null; stderr: string }; why?: string } = (() => {
  const nobody = spawnSync('id', ['-u', 'nobody'], { encoding: 'utf8' })
  if (nobody.status !== 0) return { why: 'no user `nobody` on this machine' }
  if (process.getuid?.() !== 0) return { why: `switching users needs root (this process runs as uid ${process.getuid?.()})` }
  const tries = [
    (cmd: string) => spawnSync('setpriv', ['--reuid=nobody', '--regid=nogroup', '--clear-groups', 'sh', '-c', cmd], { encoding: 'utf8' }),
    (cmd: string) => spawnSync('su', ['-s', '/bin/sh', 'nobody', '-c', cmd], { encoding: 'utf8' }),
  ]
  for (const run of tries) {
    const r = run('test "$(id -u)" != 0')
    if (r.status === 0) return { run }
  }
  return { why: 'neither `setpriv` nor `su` could switch to `nobody`' }
})()

/** Runs `body` with the process umask set to `mask`. */
async function withUmask<T>(mask: number, body: () => Promise<T>): Promise<T> {
  const old = process.umask(mask)
  try {
    return await body()
  } finally {
    process.umask(old)
  }
}

describe('fileTokenStore permissions', () => {
  for (const mask of [0o022, 0o000, 0o277]) {
    it(`umask ${mask.toString(8).padStart(3, '0')}: folder 0700, token, lock and mutex files 0600`, async () => {
      const dir = join(root, `mask-${uid()}`, 'nested')
      const seen: Record<string, number> = {}
      await withUmask(mask, async () => {
        const s = fileTokenStore(dir)
        await s.set(KEY, token, 7200)
        expect(await s.lock!(`${KEY}:lock`, 'o', 5000)).toBe(true)
        seen.lock = mode(join(dir, 'wx%3aperm%3aaccess_token%3alock.lock'))
        await s.unlock!(`${KEY}:lock`, 'o')
        expect(await s.setIfNewer!(KEY, { ...token, expiresAt: token.expiresAt + 1 }, 7200)).toBe(true)
      })
      expect(mode(dir)).toBe(0o700)
      expect(mode(join(dir, '..'))).toBe(0o700) // created parents too
      expect(mode(join(dir, FILE))).toBe(0o600)
      expect(seen.lock).toBe(0o600)
      expect(readdirSync(dir)).toEqual([FILE])
    })
  }

  it('another user cannot read the token or list the folder (run as `nobody`)', async (t) => {
    if (!asNobody.run) return t.skip(`skipped: ${asNobody.why}`)
    const dir = join(root, `read-${uid()}`)
    await withUmask(0o022, () => fileTokenStore(dir).set(KEY, token, 7200))
    const cat = asNobody.run(`cat '${join(dir, FILE)}'`)
    expect(cat.status).not.toBe(0)
    expect(cat.stderr).toMatch(/Permission denied/)
    expect(asNobody.run(`ls '${dir}'`).status).not.toBe(0)
    expect(readFileSync(join(dir, FILE), 'utf8')).toContain('SECRET_TOKEN_VALUE') // the owner still can
  })

  it('a folder another user created beforehand (0777, with a planted token) is refused with wx/config', async (t) => {
    if (!asNobody.run) return t.skip(`skipped: ${asNobody.why}`)
    const pub = join(root, `pub-${uid()}`)
    mkdirSync(pub)
    chmodSync(pub, 0o1777) // like /tmp
    const dir = join(pub, 'wx-tokens')
    const planted = JSON.stringify({ accessToken: 'PLANTED', expiresAt: Date.now() + 7_200_000 })
    const r = asNobody.run(`umask 000 && mkdir '${dir}' && printf '%s' '${planted}' > '${join(dir, FILE)}'`)
    expect(r.status).toBe(0)
    const s = fileTokenStore(dir)
    const e = await s.get(KEY).catch((e) => e)
    expect(isWxError(e) && e.code === 'wx/config').toBe(true)
    expect(String(e.message)).toMatch(/another user/)
    expect(await code(s.set(KEY, token, 7200))).toBe('wx/config')
    expect(await code(s.lock!(`${KEY}:lock`, 'o', 1000))).toBe('wx/config')
    expect(readFileSync(join(dir, FILE), 'utf8')).toBe(planted) // nothing written there
  })

  it('a folder of ours that group or others can write is refused; a private one is used', async () => {
    for (const m of [0o777, 0o770, 0o702]) {
      const dir = join(root, `open-${uid()}`)
      mkdirSync(dir)
      chmodSync(dir, m)
      const e = await fileTokenStore(dir).get(KEY).catch((e) => e)
      expect(isWxError(e) && e.code === 'wx/config' && /writable by group or others/.test(e.message)).toBe(true)
    }
    const ok = join(root, `ok-${uid()}`)
    mkdirSync(ok)
    chmodSync(ok, 0o750)
    expect(await fileTokenStore(ok).get(KEY)).toBe(null)
  })

  it('never follows a symbolic link for the token, the lock or the mutex', async () => {
    const dir = join(root, `links-${uid()}`)
    const s = fileTokenStore(dir)
    await s.get(KEY) // creates the folder
    const outside = join(root, `outside-${uid()}.json`)
    writeFileSync(outside, JSON.stringify({ accessToken: 'OUTSIDE', expiresAt: Date.now() + 7_200_000 }))
    symlinkSync(outside, join(dir, FILE))
    expect(await code(s.get(KEY))).toBe('wx/config')
    // The mutex of setIfNewer, then the lease lock.
    symlinkSync(outside, join(dir, `${FILE}.mutex`))
    expect(await code(s.setIfNewer!(KEY, token, 7200))).toBe('wx/config')
    symlinkSync(outside, join(dir, 'wx%3aperm%3aaccess_token%3alock.lock'))
    expect(await code(s.lock!(`${KEY}:lock`, 'o', 5000))).toBe('wx/config')
    expect(await code(s.unlock!(`${KEY}:lock`, 'o'))).toBe('wx/config')
    expect(JSON.parse(readFileSync(outside, 'utf8')).accessToken).toBe('OUTSIDE') // never written through
    // set replaces the link itself (rename), never its target.
    await s.set(KEY, token, 7200)
    expect(lstatSync(join(dir, FILE)).isSymbolicLink()).toBe(false)
    expect(JSON.parse(readFileSync(outside, 'utf8')).accessToken).toBe('OUTSIDE')
  })
})

describe('fileTokenStore: broken lock and mutex files', () => {
  const lockName = 'wx%3aperm%3aaccess_token%3alock.lock'
  const plant = (dir: string, name: string, body: string, ageMs: number) => {
    mkdirSync(dir, { recursive: true, mode: 0o700 })
    writeFileSync(join(dir, name), body, { mode: 0o600 })
    const at = new Date(Date.now() - ageMs)
    utimesSync(join(dir, name), at, at)
  }

  it('an empty or unparseable lock is held while its mtime is younger than the lease, stale after', async () => {
    for (const body of ['', '{"owner":', 'garbage']) {
      const dir = join(root, `broken-${uid()}`)
      plant(dir, lockName, body, 0)
      const s = fileTokenStore(dir)
      expect(await s.lock!(`${KEY}:lock`, 'o', 60_000)).toBe(false) // just written: may be a lock being created
      plant(dir, lockName, body, 2_000)
      expect(await s.lock!(`${KEY}:lock`, 'o', 60_000)).toBe(false) // younger than this lease
      expect(await s.lock!(`${KEY}:lock`, 'o', 1_000)).toBe(true) // older than this one: stale, recovered
      expect(await s.lock!(`${KEY}:lock`, 'p', 1_000)).toBe(false) // and now really held
      await s.unlock!(`${KEY}:lock`, 'o')
    }
  })

  it('an unparseable mutex older than its lease does not block setIfNewer', async () => {
    const dir = join(root, `mutex-${uid()}`)
    plant(dir, `${FILE}.mutex`, '', 10_000)
    const s = fileTokenStore(dir, { mutexWait: 500 })
    expect(await s.setIfNewer!(KEY, token, 7200)).toBe(true)
    expect(await s.get(KEY)).toEqual(token)
  })

  it('legacy mode, three contexts, a broken old lock file: one token request, no store errors', async () => {
    const { fake, ctx } = await useFake({ appid: `wx_brk_${uid()}` })
    const dir = join(root, `legacy-${uid()}`)
    plant(dir, `wx%3a${fake.appid}%3aaccess_token%3alock.lock`, '', 60_000)
    let storeErrors = 0
    const ctxs = Array.from({ length: 3 }, () =>
      ctx({ tokenMode: 'legacy', tokenStore: fileTokenStore(dir), hooks: { onStoreError: () => storeErrors++ } }),
    )
    await Promise.all(ctxs.flatMap((c, j) => Array.from({ length: 10 }, (_, i) => sendText(c, `o_${j}_${i}`, 'hi'))))
    const stats = await fake.stats()
    expect(stats.legacyTokenRequests).toBe(1)
    expect(stats.deliveries).toBe(30)
    expect(storeErrors).toBe(0)
  })
})
