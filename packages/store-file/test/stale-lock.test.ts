// Lock files whose holder died (lease over): several processes racing for them get exactly one holder each,
// and a takeover cut short by a kill does not block the lock for good.
// The children run this package's sources, bundled with esbuild (no `pnpm build` needed).
import { build } from 'esbuild'
import { type ChildProcess, fork } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { fileTokenStore } from '../src/index.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const work = mkdtempSync(join(tmpdir(), 'wx-file-race-'))
const children = new Set<ChildProcess>()

const CHILD = `
import { fileTokenStore } from './store.mjs'
const [dir, id, rounds, slot] = process.argv.slice(2)
const store = fileTokenStore(dir)
process.once('message', async (t0) => {
  const wins = []
  for (let r = 0; r < Number(rounds); r++) {
    const wait = t0 + r * Number(slot) - Date.now()
    if (wait > 0) await new Promise((res) => setTimeout(res, wait))
    if (await store.lock('wx:race' + r + ':access_token:lock', 'proc' + id, 10000)) wins.push(r)
  }
  process.send(wins, () => process.exit(0))
})
process.send('ready')
`

describe('fileTokenStore: stale lock files', () => {
  afterEach(() => {
    for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL')
    children.clear()
  })
  afterAll(() => rmSync(work, { recursive: true, force: true }))

  it('8 processes racing for 40 EXPIRED locks: exactly one holder each', async () => {
    await build({
      entryPoints: [`${root}packages/store-file/src/index.ts`],
      bundle: true,
      platform: 'node',
      format: 'esm',
      outfile: join(work, 'store.mjs'),
      alias: { '@wx/core': `${root}packages/core/src/index.ts` },
      logLevel: 'silent',
    })
    writeFileSync(join(work, 'child.mjs'), CHILD)
    const dir = join(work, 'tokens')
    const rounds = 40
    // Every lock was taken by a process that died: its 1 ms lease has run out.
    const store = fileTokenStore(dir)
    for (let r = 0; r < rounds; r++) await store.lock!(`wx:race${r}:access_token:lock`, 'dead', 1)

    const started = Array.from({ length: 8 }, (_, i) => {
      const child = fork(join(work, 'child.mjs'), [dir, String(i), String(rounds), '25'], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
      children.add(child)
      const next = () => new Promise<unknown>((res, rej) => (child.once('message', res), child.once('exit', (c) => rej(new Error(`child exited (${c})`)))))
      return { child, next }
    })
    await Promise.all(started.map((s) => s.next())) // all ready: the clock below measures the race, not start-up
    const t0 = Date.now() + 100
    const all = await Promise.all(started.map((s) => {
      const wins = s.next() as Promise<number[]>
      s.child.send(t0)
      return wins
    }))
    const holders = Array.from({ length: rounds }, (_, r) => all.filter((wins) => wins.includes(r)).length)
    expect(holders.flatMap((n, r) => (n === 1 ? [] : [`lock ${r}: ${n} holders`]))).toEqual([])
  }, 20_000)

  it('a marker left by a process killed while taking a stale lock over: respected for 2 s, then passed over', async () => {
    const dir = join(work, 'marker')
    const store = fileTokenStore(dir)
    expect(await store.lock!('stuck', 'dead', 1)).toBe(true)
    await new Promise((r) => setTimeout(r, 5))
    // The marker a takeover of that stale lock creates first (named after the lock's mtime and text).
    const lock = join(dir, 'stuck.lock')
    const id = createHash('sha256').update(`${statSync(lock).mtimeMs}\n${readFileSync(lock, 'utf8')}`).digest('hex').slice(0, 16)
    writeFileSync(join(dir, `stuck.lock.${id}.0.break`), '', { mode: 0o600 })
    expect(await store.lock!('stuck', 'next', 5000)).toBe(false) // someone is taking it over
    const old = new Date(Date.now() - 3000)
    utimesSync(join(dir, `stuck.lock.${id}.0.break`), old, old)
    expect(await store.lock!('stuck', 'next', 5000)).toBe(true) // that someone died
    expect(await store.lock!('stuck', 'other', 5000)).toBe(false)
    expect(readdirSync(dir)).toEqual(['stuck.lock'])
  })
})
