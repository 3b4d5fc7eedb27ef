import { check, within, withDeadline, type WxContext } from '@wx/core'
import * as v from 'valibot'
import { nonce, now, withoutFragment } from './_sign.ts'
import { ticketOf, type TicketOptions } from './_ticket.ts'
import { invalidateTicket } from './invalidateTicket.ts'
import { jsSignature } from './signJsConfig.ts'

/** Exactly the object `wx.config` takes. */
export interface JsConfig {
  debug: boolean
  appId: string
  timestamp: number
  nonceStr: string
  signature: string
  jsApiList: string[]
  openTagList?: string[]
}

/** What `getJsConfig` signs. */
export interface JsConfigParams {
  /** The page's URL: absolute http(s), as `location.href` shows it; a `#fragment` is dropped. */
  url: string
  /** JS-SDK APIs the page uses, e.g. `['updateAppMessageShareData', 'chooseImage']`. */
  jsApiList: readonly string[]
  /** Open tags the page uses, e.g. `['wx-open-launch-weapp']`. */
  openTagList?: readonly string[] | undefined
  /** `wx.config`'s debug mode (alerts every result in the page). Default false. */
  debug?: boolean | undefined
  /**
   * A config the page got `config:invalid signature` for (from `wx.error`): when it was signed with the
   * current ticket, that ticket is invalidated (at most once a minute per context) and the new config
   * is signed with a fresh one (a `getTicket` source is asked again, told which ticket was rejected).
   * Many pages reporting the same ticket at once make one refresh, and all of them get the new ticket.
   */
  rejected?: { timestamp: number | string; nonceStr: string; signature: string } | undefined
}

/** Why a page URL cannot be signed, in words that name the usual mistakes; linear checks only. */
function urlProblem(u: string): string | undefined {
  if (u.length > 4096) return 'url is longer than 4096 characters'
  if (/^https?%3a/i.test(u)) return "url is URL-encoded (https%3A%2F%2F...): pass it decoded, exactly as the page's location.href shows it"
  if (!/^https?:\/\//i.test(u)) {
    if (u.startsWith('/')) return "url must be absolute, not a path: the page's full URL, e.g. https://example.com/page?id=1 (location.href.split('#')[0])"
    if (/^[a-z][\w+.-]{0,20}:/i.test(u)) return 'url must be http:// or https://'
    return "url must be absolute http(s): the page's location.href.split('#')[0], e.g. https://example.com/page?id=1"
  }
  if (/\s/.test(u)) return 'url must not contain whitespace'
  if (!/^https?:\/\/[^/?#]/i.test(u)) return 'url has no host'
}

const paramsSchema = () =>
  v.object({
    url: v.pipe(
      v.string("url must be a string: the page's location.href"),
      v.check((u) => !urlProblem(u), (i) => urlProblem(i.input as string) ?? 'invalid url'),
    ),
    jsApiList: v.array(v.pipe(v.string(), v.regex(/^[A-Za-z]\w{0,63}$/, 'expected a JS-SDK API name such as updateAppMessageShareData')), 'jsApiList must be an array of API names'),
    // `null` is "not set", as a missing field.
    openTagList: v.nullish(v.array(v.pipe(v.string(), v.regex(/^wx-open-[a-z-]{1,40}$/, 'expected an open tag such as wx-open-launch-weapp')))),
    debug: v.nullish(v.boolean()),
    rejected: v.nullish(v.object({ timestamp: v.union([v.number(), v.pipe(v.string(), v.regex(/^\d{1,12}$/))]), nonceStr: v.pipe(v.string(), v.maxLength(64)), signature: v.pipe(v.string(), v.maxLength(64)) })),
  })

/** When each context last invalidated its jsapi ticket on a page's report (reports are untrusted). */
const lastReport = /* @__PURE__ */ new WeakMap<WxContext, number>()

/** The refresh a context's accepted report started, while in flight: reports of the same ticket join it. */
const refreshOf = /* @__PURE__ */ new WeakMap<WxContext, { rejected: string; next: Promise<string> }>()

/**
 * The ticket to sign with once a page reported a config signed with `held`. A burst of reports of one
 * ticket makes one refresh: the first report (if the once-a-minute guard lets it) invalidates `held` and
 * fetches a new ticket, the others join that fetch. A report the guard stops, or whose ticket was already
 * replaced, gets the current ticket, which is not `held` any more when someone else replaced it.
 */
async function ticketAfterReport(ctx: WxContext, held: string, opts: TicketOptions): Promise<string> {
  const started = refreshOf.get(ctx)
  // The joined refresh runs under its starter's deadline: this caller waits only within its own.
  if (started?.rejected === held) return within(started.next.catch(() => ticketOf(ctx, 'jsapi', opts)), opts.signal!, 'getJsConfig')
  if (Date.now() - (lastReport.get(ctx) ?? 0) > 60_000 && invalidateTicket(ctx, 'jsapi', held)) {
    lastReport.set(ctx, Date.now())
    const refresh = { rejected: held, next: ticketOf(ctx, 'jsapi', opts) }
    refreshOf.set(ctx, refresh)
    // Joined only while in flight: once it settled (WeChat may even have answered the same ticket), a later
    // report of that ticket goes through the once-a-minute guard again, or gets the current ticket.
    const forget = () => refreshOf.get(ctx) === refresh && refreshOf.delete(ctx)
    refresh.next.then(forget, forget)
    return refresh.next
  }
  return ticketOf(ctx, 'jsapi', opts)
}

/**
 * Returns exactly the object `wx.config` takes for the page at `url`: `appId`, a fresh `timestamp` and
 * `nonceStr`, and the SHA-1 `signature` over the `jsapi` ticket and the URL **without its `#fragment`**.
 * Never cache the result: each page view gets its own (the ticket behind it is cached, see `getTicket`).
 * The URL is validated first (absolute http/https, not URL-encoded): `wx/validation` names the mistake.
 *
 * Calls `GET /cgi-bin/ticket/getticket?type=jsapi` only when the ticket is not cached.
 * Errcodes that matter: see `getTicket`. In the page, `config:invalid signature` means the URL signed is
 * not the page's (a path, a different query, the `#fragment`) or the ticket was replaced: pass that
 * config back as `rejected`.
 *
 * @example
 * // GET /jsconfig?url=... from the page (url = location.href.split('#')[0])
 * const config = await getJsConfig(ctx, { url, jsApiList: ['updateAppMessageShareData', 'chooseImage'] })
 * return Response.json(config) // the page calls wx.config(config)
 */
export async function getJsConfig(ctx: WxContext, params: JsConfigParams, opts?: TicketOptions | null): Promise<JsConfig> {
  const p = check(paramsSchema, params, 'getJsConfig')
  const url = withoutFragment(p.url)
  // One deadline for the whole call, however many tickets it waits for (a report makes two).
  const ticket = await withDeadline(ctx, opts, async (signal) => {
    const o = { ...opts, signal }
    const held = await ticketOf(ctx, 'jsapi', o)
    const r = p.rejected
    return r && (await jsSignature(held, { url, nonceStr: r.nonceStr, timestamp: r.timestamp })) === r.signature ? ticketAfterReport(ctx, held, o) : held
  })
  const timestamp = now()
  const nonceStr = nonce()
  const signature = await jsSignature(ticket, { url, nonceStr, timestamp })
  const config: JsConfig = { debug: p.debug ?? false, appId: ctx.appid, timestamp, nonceStr, signature, jsApiList: [...p.jsApiList] }
  if (p.openTagList) config.openTagList = [...p.openTagList]
  return config
}
