import { stat } from 'node:fs/promises'
import { readStoredToken, type FileResult, type StoredToken, type TokenStore } from '@wx/core'
import type { MassTarget } from '@wx/mass'
import { fromPath } from '@wx/media/node'
import { toSeedError, WeChatAPIError } from './WeChatAPIError.ts'

/** A Node callback, as wechat-api 1.x takes it last: `(err, result, res)`. */
export type Callback<T = any> = (err: any, result?: T, res?: SeedResponse) => void

/**
 * The third argument of a wechat-api callback (urllib's response there). `@wx/*` functions keep no HTTP
 * response, so this one is rebuilt from what is known: `statusCode` 200 (what WeChat answers for a
 * success) and the headers the result tells (`getMedia`: `content-type`, `content-disposition`), else none.
 */
export interface SeedResponse {
  statusCode: number
  headers: Record<string, string>
}

/** What WeChat answers for a call that only succeeds or fails: the seed handed it on as the result. */
export const OK = (): { errcode: 0; errmsg: 'ok' } => ({ errcode: 0, errmsg: 'ok' })

/** A result together with the response its callback gets third (see `withResponse`). */
class Answer {
  constructor(
    readonly result: unknown,
    readonly res: SeedResponse,
  ) {}
}

/** Lets a method's work give the callback a response with more than the bare `{ statusCode, headers: {} }`. */
export const withResponse = (result: unknown, res: SeedResponse): Answer => new Answer(result, res)

/** The response of a success the result says nothing more about. */
const bareResponse = (): SeedResponse => ({ statusCode: 200, headers: {} })

/**
 * The response of a media download: its content type, and `content-disposition` when WeChat named the file
 * (quoted when the name is plain ASCII, else RFC 5987 `filename*=UTF-8''...`).
 */
export function fileResponse(file: FileResult): SeedResponse {
  const headers: Record<string, string> = { 'content-type': file.contentType }
  if (file.filename)
    headers['content-disposition'] = /^[\x20-\x7e]*$/.test(file.filename) && !/["\\]/.test(file.filename)
      ? `attachment; filename="${file.filename}"`
      : `attachment; filename*=UTF-8''${encodeURIComponent(file.filename)}`
  return { statusCode: 200, headers }
}

/**
 * Calls back a failure as wechat-api's `wrapper` did: a WeChat errcode (answered with HTTP 200) gets
 * `(err, { errcode, errmsg }, res)`, WeChat's JSON and the bare response; any other error `(err)` alone.
 */
function callBackFailure(cb: Callback, e: unknown, passResponse: boolean): void {
  if (passResponse && e instanceof WeChatAPIError) cb(e, { ...e.data }, bareResponse())
  else cb(e)
}

/**
 * Runs `work` with the seed's two calling styles: a callback as the last argument (wechat-api) gets
 * `(null, result, res)`, `(err, { errcode, errmsg }, res)` for a WeChat errcode, or `(err)` for any other
 * error, and the call returns nothing; without one, a Promise of the result (co-wechat-api). WeChat
 * errcodes reach either as `WeChatAPIError`. `passResponse: false` leaves `res` (and an errcode's data)
 * out (wechat-api's `getLatestToken` called back `(err, token)` or `(err)`).
 */
export function dual(args: unknown[], work: (...args: any[]) => unknown, passResponse = true): Promise<any> | undefined {
  const cb = typeof args[args.length - 1] === 'function' ? (args.pop() as Callback) : undefined
  const p = (async () => work(...args))().catch((e) => {
    throw toSeedError(e)
  })
  const answer = p.then((r) => (r instanceof Answer ? r : new Answer(r, bareResponse())))
  if (!cb) return answer.then((a) => a.result)
  // The callback runs outside the promise chain, as wechat-api's did (from I/O): a throw in it is an
  // uncaught exception, not an unhandled rejection that `--unhandled-rejections=warn` would turn into a warning.
  answer.then(
    (a) => process.nextTick(() => (passResponse ? cb(null, a.result, a.res) : cb(null, a.result))),
    (e) => process.nextTick(() => callBackFailure(cb, e, passResponse)),
  )
  return undefined
}

/**
 * A path (the seed's form) is checked with `fs.stat` first, as wechat-api did: a missing file rejects with
 * the fs error itself (`code` `'ENOENT'`, `path`), a directory with an `EISDIR` error naming it; then it is
 * opened with `@wx/media/node`'s `fromPath`. Anything else goes on as it is. Nothing is sent on failure.
 */
export async function file<T>(input: string | T): Promise<Awaited<ReturnType<typeof fromPath>> | T> {
  if (typeof input !== 'string') return input
  if ((await stat(input)).isDirectory())
    throw Object.assign(new Error(`EISDIR: illegal operation on a directory, open '${input}'`), { code: 'EISDIR', syscall: 'open', path: input })
  return fromPath(input)
}

/** The seed's receivers: an openid list, `true` (everyone) or a group id (groups became tags, same ids). */
export function receivers(r: unknown): MassTarget {
  if (Array.isArray(r)) return r
  if (r === true || r === 'all') return 'all'
  return { tagId: typeof r === 'string' && /^\d+$/.test(r) ? Number(r) : (r as number) }
}

/** A numeric string (what a Redis hash gives back for every field) as the number; anything else unchanged. */
const numberOrAsIs = (x: unknown): unknown => (typeof x === 'string' && /^\s*\d+(\.\d+)?\s*$/.test(x) ? Number(x) : x)

/**
 * Reads what a seed `getToken` answered, as `readStoredToken` does, but also accepting an `expireTime` or
 * `expiresAt` that is a numeric string (Redis `HGETALL`): wechat-api compared it with `Date.now()` and so
 * used such a token.
 *
 * @example
 * readSeedToken({ accessToken: 'T', expireTime: '1767225600000' }) // { accessToken: 'T', expiresAt: 1767225600000 }
 */
export function readSeedToken(raw: unknown): StoredToken | undefined {
  if (!raw || typeof raw !== 'object') return undefined
  const r = raw as { expiresAt?: unknown; expireTime?: unknown }
  return readStoredToken({ ...raw, expiresAt: numberOrAsIs(r.expiresAt), expireTime: numberOrAsIs(r.expireTime) })
}

/** The TypeError for a generator-function token hook: @wx/compat does not run generators. */
const generatorHookError = (name: string) =>
  new TypeError(
    `${name} is a generator function (co-wechat-api style function* () {}); @wx/compat does not run generators. ` +
      `Pass a callback-style function (${name === 'getToken' ? '(callback)' : '(token, callback)'} => ...) or an async function instead (co.wrap(${name}) turns yours into one).`,
  )

const isGeneratorFunction = (fn: unknown): boolean => /GeneratorFunction\]$/.test(Object.prototype.toString.call(fn))
const isGeneratorObject = (x: any): boolean => !!x && typeof x.next === 'function' && typeof x.throw === 'function' && typeof x[Symbol.iterator] === 'function'

/**
 * Refuses a generator-function `getToken`/`saveToken` at construction, naming the fix; `@wx/compat` would
 * otherwise wait for a callback the generator never calls.
 */
export function checkTokenHook(name: 'getToken' | 'saveToken', fn: unknown): void {
  if (isGeneratorFunction(fn)) throw generatorHookError(name)
}

/**
 * The seed's `getToken(cb)` / `saveToken(token, cb)` (or co-wechat-api's async ones) as a `TokenStore`.
 * Both are called as methods of `owner` (the `API`), as wechat-api did (`that.getToken(cb)`), so a store
 * shared by several accounts can key by `this.appid`. Only the access token goes through them: other
 * credentials kept in a context's store (the JS-SDK's tickets, keyed `wx:<appid>:jsapi_ticket`) stay in
 * this object's memory, never written over the token those hooks share with wechat-api processes.
 * A hook that declares its callback as a plain parameter (`function (cb)`, `function (token, cb)`) is settled
 * by that callback even when it is `async`, or by its promise when that gives a value; one without
 * (`async () => token`) by the promise it returns.
 */
export function seedTokenStore(getToken: (...a: any[]) => any, saveToken: ((...a: any[]) => any) | undefined, owner: object): TokenStore {
  const call = (name: 'getToken' | 'saveToken', fn: (...a: any[]) => any, ...args: unknown[]) =>
    new Promise<any>((resolve, reject) => {
      const r = fn.call(owner, ...args, (err: unknown, value: unknown) => (err ? reject(err) : resolve(value)))
      if (isGeneratorObject(r)) reject(generatorHookError(name))
      // A hook that declares the callback may answer through it later: its promise (an `async function (cb)`)
      // settles the call only with a value (or, for saveToken, at all), or by failing.
      else if (r && typeof r.then === 'function')
        r.then((value: unknown) => void ((value !== undefined || name === 'saveToken' || fn.length <= args.length) && resolve(value)), reject)
    })
  const others = new Map<string, StoredToken>()
  const shared = (key: string) => key.endsWith(':access_token')
  return {
    get: async (key) => (shared(key) ? (readSeedToken(await call('getToken', getToken)) ?? null) : (others.get(key) ?? null)),
    set: async (key, t: StoredToken) => {
      if (!shared(key)) return void others.set(key, t)
      // Ours, plus `expireTime` so wechat-api processes still on the same getToken read it too.
      if (saveToken) await call('saveToken', saveToken, { accessToken: t.accessToken, expiresAt: t.expiresAt, expireTime: t.expiresAt })
    },
  }
}
