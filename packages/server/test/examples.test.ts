// The example push server (examples/push-server) answers a signed, encrypted text message: started
// with its documented command as a child process, through its Hono app in-process (@hono/node-server,
// 127.0.0.1), and as a Worker in miniflare (127.0.0.1). The child needs the built dist (`pnpm build`).
import { serve } from '@hono/node-server'
import { buildPushRequest, readPushReply } from '@wx/testing/fetch'
import { build } from 'esbuild'
import { Miniflare } from 'miniflare'
import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { fileURLToPath } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { createApp } from '../../../examples/push-server/src/app.ts'

const root = fileURLToPath(new URL('../../../', import.meta.url))
const env = { WX_TOKEN: 'exampletoken', WX_APPID: 'wx_example_app', WX_AES_KEY: 'kWxPEV2UEDyxWpmPdKC3F4dgPDmOvfKX1HGnEUDS1aR' }
const keys = { token: env.WX_TOKEN, appid: env.WX_APPID, encodingAESKey: env.WX_AES_KEY }

/** A WeChat-shaped push aimed at `url`, re-issued as a plain fetch init (method, body). */
async function push(url: string, content: string) {
  const req = await buildPushRequest({ ...keys, url, message: { MsgType: 'text', Content: content, FromUserName: 'o_example' } })
  return { url: req.url, init: { method: 'POST', body: await req.text() } }
}

describe('examples/push-server', () => {
  const cleanup: (() => Promise<unknown>)[] = []
  afterAll(async () => {
    for (const c of cleanup) await c()
  })

  it(`starts with its documented command (pnpm start) on this Node (${process.version}) and answers`, async () => {
    const dir = `${root}examples/push-server/`
    if (!existsSync(`${root}packages/server/dist/index.js`)) throw new Error('build first: pnpm build (pnpm start runs on the built @wx/*)')
    const { scripts } = JSON.parse(readFileSync(`${dir}package.json`, 'utf8'))
    expect(scripts.start).toBe('node start.mjs')
    expect(readFileSync(`${dir}README.md`, 'utf8')).toContain('pnpm start')
    const child = spawn(process.execPath, ['start.mjs'], { cwd: dir, env: { ...process.env, ...env, PORT: '0' }, stdio: ['ignore', 'pipe', 'pipe'] })
    cleanup.push(async () => {
      if (child.exitCode === null) {
        child.kill()
        await new Promise((r) => child.once('exit', r))
      }
    })
    let output = ''
    const url = await new Promise<string>((resolve, reject) => {
      const seen = (chunk: Buffer) => {
        output += chunk
        const m = /push server on (http:\/\/\S+\/wechat)/.exec(output)
        if (m) resolve(m[1]!)
      }
      child.stdout.on('data', seen)
      child.stderr.on('data', seen)
      child.once('exit', (code) => reject(new Error(`exited with ${code}: ${output}`)))
    })
    const p = await push(url, 'hello child')
    const res = await fetch(p.url, p.init)
    expect(res.status).toBe(200)
    expect(await readPushReply(res, keys)).toContain('<Content><![CDATA[You said: hello child]]></Content>')
    // SIGTERM (a deploy): server.close(), handler.drain(), exit 0 (without its handler: killed by the signal).
    const exit = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })))
    child.kill('SIGTERM')
    expect(await exit).toEqual({ code: 0, signal: null })
    expect(output).not.toContain('shutdown:')
  }, 30_000)

  it('Hono on Node answers an encrypted text message', async () => {
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: createApp(env).fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
    })
    cleanup.push(() => new Promise((r) => server.close(r)))
    const { port } = server.address() as AddressInfo
    const p = await push(`http://127.0.0.1:${port}/wechat`, 'hello node')
    const res = await fetch(p.url, p.init)
    expect(res.status).toBe(200)
    const xml = await readPushReply(res, keys)
    expect(xml).toContain('<Content><![CDATA[You said: hello node]]></Content>')
    expect(xml).toContain('<ToUserName><![CDATA[o_example]]></ToUserName>')
    // and a forged one is refused
    const forged = await fetch(p.url.replace(/msg_signature=\w+/, 'msg_signature=' + '0'.repeat(40)), p.init)
    expect(forged.status).toBe(400)
  })

  it('the Worker (worker.ts in miniflare) answers an encrypted text message', async () => {
    const alias = Object.fromEntries(['core', 'message', 'server'].map((n) => [`@wx/${n}`, `${root}packages/${n}/src/index.ts`]))
    const out = await build({
      entryPoints: [`${root}examples/push-server/worker.ts`],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      target: 'es2022',
      conditions: ['workerd', 'worker', 'browser'],
      alias,
      logLevel: 'silent',
    })
    const script = out.outputFiles[0]!.text
    expect(script).not.toMatch(/from\s*["']node:/)
    const mf = new Miniflare({ modules: true, script, compatibilityDate: '2025-01-01', bindings: env, host: '127.0.0.1' })
    cleanup.push(() => mf.dispose())
    const p = await push('http://127.0.0.1/wechat', 'hello worker')
    const res = await mf.dispatchFetch(p.url, p.init)
    expect(res.status).toBe(200)
    const xml = await readPushReply(await res.text(), keys)
    expect(xml).toContain('<Content><![CDATA[You said: hello worker]]></Content>')
  })
})
