import type { FakeState } from '../state.ts'
import { checkOpenid, fail, need, type FakeRoute } from '../route.ts'

/** One customer-service account of the fake. Set `online: true` (via `setData('kf', ...)`) to serve sessions. */
interface KfRecord {
  kf_account: string
  kf_nick: string
  kf_id: number
  kf_headimgurl: string
  kf_wx?: string
  invite_wx?: string
  invite_expire_time?: number
  invite_status?: string
  online?: boolean
}

/** One chat record, as `getmsglist` answers it. */
interface ChatRecord {
  openid: string
  opercode: number
  text: string
  time: number
  worker: string
}

/**
 * The customer-service records of one fake account (bag `kf`). Tests may seed it with
 * `fake.setData('kf', { accounts: {...}, records: [...], waiting: [...] })`; missing parts are filled in.
 */
interface KfBag {
  accounts: Record<string, KfRecord>
  /** Sessions by openid. */
  sessions: Record<string, { kf_account: string; createtime: number }>
  waiting: { openid: string; latest_time: number }[]
  records: ChatRecord[]
  nextId: number
}

const KF_ACCOUNT = /^[A-Za-z0-9_]{1,10}@[\w-]{1,30}$/
const MAX_ACCOUNTS = 100

const kf = (state: FakeState): KfBag => {
  const b = state.bag<KfBag>('kf', () => ({ accounts: {}, sessions: {}, waiting: [], records: [], nextId: 1001 }))
  b.accounts ??= {}
  b.sessions ??= {}
  b.waiting ??= []
  b.records ??= []
  b.nextId ??= 1001 + Object.keys(b.accounts).length
  return b
}

const now = () => Math.floor(Date.now() / 1000)

/** The account named by `kf_account`: 65404 when malformed, 65401 when unknown. */
function account(b: KfBag, name: unknown): KfRecord {
  need(typeof name === 'string' && KF_ACCOUNT.test(name), 65404, 'invalid kf_account')
  const a = b.accounts[name as string]
  if (!a) fail(65401, 'invalid kf_account')
  return a
}

const checkNick = (nick: unknown) => need(typeof nick === 'string' && nick.length > 0 && [...nick].length <= 16, 65403, 'invalid nickname') // 16 characters (code points)

/** Validates a record query's time range (at most 24 hours). */
function checkRange(body: any): void {
  need(Number.isInteger(body?.starttime) && Number.isInteger(body?.endtime), 65416, 'invalid parameter')
  need(body.endtime > body.starttime && body.endtime - body.starttime <= 86_400, 65417, 'time range exceeds limit')
}

/** Customer-service accounts, sessions and records: `/customservice/*` and `/cgi-bin/customservice/*`. */
export const customserviceRoutes: FakeRoute[] = [
  {
    method: 'GET',
    path: '/cgi-bin/customservice/getkflist',
    handle({ state }) {
      return { kf_list: Object.values(kf(state).accounts).map(({ online: _, ...a }) => a) }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/customservice/getonlinekflist',
    handle({ state }) {
      const b = kf(state)
      const sessions = Object.values(b.sessions)
      return {
        kf_online_list: Object.values(b.accounts)
          .filter((a) => a.online)
          .map((a) => ({ kf_account: a.kf_account, status: 1, kf_id: a.kf_id, accepted_case: sessions.filter((s) => s.kf_account === a.kf_account).length })),
      }
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/add',
    handle({ state, body }) {
      const b = kf(state)
      need(typeof body?.kf_account === 'string' && KF_ACCOUNT.test(body.kf_account), 65404, 'invalid kf_account')
      checkNick(body.nickname)
      need(!b.accounts[body.kf_account], 65406, 'kf_account exsited')
      need(Object.keys(b.accounts).length < MAX_ACCOUNTS, 65405, 'kf_account count exceeded')
      b.accounts[body.kf_account] = { kf_account: body.kf_account, kf_nick: body.nickname, kf_id: b.nextId++, kf_headimgurl: '' }
      return {}
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/update',
    handle({ state, body }) {
      const a = account(kf(state), body?.kf_account)
      checkNick(body.nickname)
      a.kf_nick = body.nickname
      return {}
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfaccount/del',
    handle({ state, query }) {
      const b = kf(state)
      const a = account(b, query.get('kf_account'))
      delete b.accounts[a.kf_account]
      for (const [openid, s] of Object.entries(b.sessions)) if (s.kf_account === a.kf_account) delete b.sessions[openid]
      return {}
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/inviteworker',
    handle({ state, body }) {
      const b = kf(state)
      const a = account(b, body?.kf_account)
      need(typeof body.invite_wx === 'string' && /^[\w-]{1,32}$/.test(body.invite_wx), 65409, 'invalid wx')
      need(!a.kf_wx, 65412, 'kf_account already bound to a wx')
      need(a.invite_status !== 'waiting', 65411, 'kf_account has a waiting invitation')
      need(!Object.values(b.accounts).some((x) => x.kf_wx === body.invite_wx), 65407, 'wx is already a kf of this account')
      need(!Object.values(b.accounts).some((x) => x.invite_wx === body.invite_wx && x.invite_status === 'waiting'), 65408, 'an invitation to this wx is pending')
      Object.assign(a, { invite_wx: body.invite_wx, invite_expire_time: now() + 7 * 86_400, invite_status: 'waiting' })
      state.deliver('/customservice/kfaccount/inviteworker', body.invite_wx, body)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfaccount/uploadheadimg',
    upload: true,
    async handle({ state, body, query }) {
      const a = account(kf(state), query.get('kf_account'))
      need(body instanceof FormData, 41005, 'media data missing')
      const file = (body as FormData).get('media') as File | null
      need(file && typeof file === 'object' && file.size > 0, 41005, 'media data missing')
      const head = new Uint8Array(await file!.slice(0, 3).arrayBuffer())
      need(/\.jpe?g$/i.test(file!.name) && head[0] === 0xff && head[1] === 0xd8, 40005, 'invalid file type')
      a.kf_headimgurl = `http://mmbiz.qpic.cn/mmbiz_jpg/fake_${a.kf_id}_${Date.now()}/300`
      return {}
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfsession/create',
    handle({ state, body }) {
      const b = kf(state)
      const a = account(b, body?.kf_account)
      const openid = checkOpenid(body.openid)
      need(a.online, 65415, 'kf offline')
      const s = b.sessions[openid]
      need(!s || s.kf_account === a.kf_account, 65414, 'user is being served by another kf')
      b.sessions[openid] = { kf_account: a.kf_account, createtime: s?.createtime ?? now() }
      b.waiting = b.waiting.filter((w) => w.openid !== openid)
      state.deliver('/customservice/kfsession/create', openid, body)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/customservice/kfsession/close',
    handle({ state, body }) {
      const b = kf(state)
      const a = account(b, body?.kf_account)
      const openid = checkOpenid(body.openid)
      need(b.sessions[openid]?.kf_account === a.kf_account, 65413, 'no session for this user')
      delete b.sessions[openid]
      return {}
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfsession/getsession',
    handle({ state, query }) {
      const openid = checkOpenid(query.get('openid'))
      const s = kf(state).sessions[openid]
      return s ? { ...s } : { kf_account: '', createtime: 0 }
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfsession/getsessionlist',
    handle({ state, query }) {
      const b = kf(state)
      const a = account(b, query.get('kf_account'))
      return {
        sessionlist: Object.entries(b.sessions)
          .filter(([, s]) => s.kf_account === a.kf_account)
          .map(([openid, s]) => ({ openid, createtime: s.createtime })),
      }
    },
  },
  {
    method: 'GET',
    path: '/customservice/kfsession/getwaitcase',
    handle({ state }) {
      const w = kf(state).waiting
      return { count: w.length, waitcaselist: w.slice(0, 100) }
    },
  },
  {
    method: 'POST',
    path: '/customservice/msgrecord/getmsglist',
    handle({ state, body }) {
      checkRange(body)
      need(Number.isInteger(body.msgid) && body.msgid >= 1, 65416, 'invalid msgid')
      need(Number.isInteger(body.number) && body.number >= 1 && body.number <= 10_000, 65416, 'invalid number')
      const all = kf(state).records.filter((r) => r.time >= body.starttime && r.time <= body.endtime)
      const recordlist = all.slice(body.msgid - 1, body.msgid - 1 + body.number)
      return { recordlist, number: recordlist.length, msgid: body.msgid + recordlist.length }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/customservice/getrecord',
    handle({ state, body }) {
      checkRange(body)
      need(Number.isInteger(body.pagesize) && body.pagesize >= 1 && body.pagesize <= 50, 65416, 'invalid pagesize')
      need(Number.isInteger(body.pageindex) && body.pageindex >= 1, 65416, 'invalid pageindex')
      if (body.openid !== undefined) checkOpenid(body.openid)
      const all = kf(state).records.filter(
        (r) => r.time >= body.starttime && r.time <= body.endtime && (body.openid === undefined || r.openid === body.openid),
      )
      return { recordlist: all.slice((body.pageindex - 1) * body.pagesize, body.pageindex * body.pagesize) }
    },
  },
]
