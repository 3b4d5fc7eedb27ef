// Several Node processes on one machine share a token directory: the token is fetched once, even in legacy mode.
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { useFake } from '../../../test/fake.ts'
import { burst, killAll, requireDist, startWorker, sum } from '../../store-redis/test/_multiproc.ts'

const uid = () => Math.random().toString(36).slice(2, 10)
const dir = mkdtempSync(join(tmpdir(), 'wx-file-mp-'))

describe('many processes, one token directory', () => {
  beforeAll(() => requireDist('core', 'message', 'store-file'))
  afterEach(killAll)
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('8 processes x 50 cold legacy calls: 1 token request, 400 deliveries', async () => {
    const { fake } = await useFake({ appid: `wx_fmp_${uid()}` })
    const results = await burst(8, { ...fake, store: 'file', dir, calls: 50, tokenMode: 'legacy' })
    expect(sum(results, 'failed')).toBe(0)
    expect(sum(results, 'ok')).toBe(400)
    expect(sum(results, 'storeErrors')).toBe(0)
    const stats = await fake.stats()
    expect(stats.legacyTokenRequests).toBe(1)
    expect(stats.deliveries).toBe(400)
  }, 40_000)

  it('a process killed holding the lock file: the others recover it after the lease, 1 extra token request at most', async () => {
    const { fake } = await useFake({ appid: `wx_fmp_${uid()}` })
    const lease = 2000
    const lockFile = join(dir, `wx%3a${fake.appid}%3aaccess_token%3alock.lock`)
    const cfg = { ...fake, store: 'file' as const, dir, calls: 5, tokenMode: 'legacy' as const, lockLease: lease }
    await fake.set({ latency: 1500 })
    // Every process is started (and ready) first, so the clock below measures the wait, not node's start-up.
    const [victim, ...others] = await Promise.all(Array.from({ length: 8 }, (_, i) => startWorker(i ? { ...cfg, calls: 50 } : cfg)))
    void victim!.go().catch(() => {})
    const until = Date.now() + 5000
    while (!existsSync(lockFile) && Date.now() < until) await new Promise((r) => setTimeout(r, 10))
    expect(existsSync(lockFile)).toBe(true)
    await fake.set({ latency: 0 })
    victim!.child.kill('SIGKILL')
    const killedAt = Date.now()
    const results = await Promise.all(others.map((w) => w.go()))
    expect(sum(results, 'ok')).toBe(350)
    // Below the default 10 s lease and the 15 s call deadline, so an ignored `lockLease` goes red; loose
    // enough for a loaded 2-core machine (5.2-6.5 s were seen with other jobs running).
    expect(Date.now() - killedAt).toBeLessThan(lease + 6000)
    await new Promise((r) => setTimeout(r, 1600)) // the victim's slow token request lands and counts
    const stats = await fake.stats()
    expect(stats.tokenRequests).toBeLessThanOrEqual(2)
    expect(stats.deliveries).toBe(350)
  }, 40_000)
})
