import type { FakeState } from '../state.ts'
import { fail, need, type FakeRoute } from '../route.ts'

/** A stored file (temporary or permanent). */
interface StoredFile {
  kind: string
  data: Uint8Array
  contentType: string
  filename: string
  created: number
  /** Videos added as permanent material. */
  title?: string
  introduction?: string
}

interface MediaBag {
  /** Temporary media by media_id. */
  temp: Record<string, StoredFile>
  /** Permanent files by media_id. */
  files: Record<string, StoredFile>
  /** Permanent news materials by media_id. */
  news: Record<string, { articles: any[]; updated: number }>
  /** In-article images (uploadimg). */
  images: number
  seq: number
}

const KB = 1024
const MB = 1024 * KB
const TYPES = ['image', 'voice', 'video', 'thumb']

/** Allowed extensions and size limits: [temporary exts, permanent exts, max bytes, size errcode]. */
const LIMITS: Record<string, [string[], string[], number, number]> = {
  image: [['png', 'jpeg', 'jpg', 'gif'], ['bmp', 'png', 'jpeg', 'jpg', 'gif'], 10 * MB, 40009],
  voice: [['amr', 'mp3'], ['mp3', 'wma', 'wav', 'amr'], 2 * MB, 40010],
  video: [['mp4'], ['mp4'], 10 * MB, 40011],
  thumb: [['jpg', 'jpeg'], ['jpg', 'jpeg'], 64 * KB, 40012],
}

const MIME: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', bmp: 'image/bmp',
  amr: 'audio/amr', mp3: 'audio/mpeg', wav: 'audio/wav', wma: 'audio/x-ms-wma', mp4: 'video/mp4',
}

const media = (state: FakeState): MediaBag => state.bag<MediaBag>('media', () => ({ temp: {}, files: {}, news: {}, images: 0, seq: 0 }))

const newId = (b: MediaBag, prefix: string) => `${prefix}_${(++b.seq).toString(36)}_${Math.random().toString(36).slice(2, 14)}`

const ext = (name: string) => /\.([a-z0-9]+)$/i.exec(name)?.[1]?.toLowerCase() ?? ''

/** Reads and checks the `media` part of a multipart upload the way WeChat does. */
async function takeFile(body: unknown, type: string, permanent: boolean): Promise<StoredFile> {
  need(TYPES.includes(type), 40004, 'invalid media type')
  need(body instanceof FormData, 41005, 'media data missing')
  const file = (body as FormData).get('media')
  need(file && typeof file === 'object', 41005, 'media data missing')
  const blob = file as File
  const name = blob.name || ''
  const [temp, perm, max, sizeCode] = LIMITS[type]!
  need((permanent ? perm : temp).includes(ext(name)), 40005, 'invalid file type')
  need(blob.size > 0, 40006, 'invalid meida size')
  need(blob.size <= max, sizeCode, `invalid ${type} size`)
  const data = new Uint8Array(await blob.arrayBuffer())
  const contentType = blob.type && blob.type !== 'application/octet-stream' ? blob.type : (MIME[ext(name)] ?? 'application/octet-stream')
  return { kind: type, data, contentType, filename: name, created: Math.floor(Date.now() / 1000) }
}

/** A file download the way WeChat sends it. */
const download = (f: StoredFile) =>
  new Response(f.data as BodyInit, {
    headers: {
      'content-type': f.contentType,
      'content-disposition': `attachment; filename="${encodeURIComponent(f.filename)}"`,
      'content-length': String(f.data.byteLength),
    },
  })

const str = (v: unknown) => typeof v === 'string' && v.length > 0

/** Checks one news article; thumbs must be permanent materials. */
function checkArticle(b: MediaBag, a: any): void {
  need(a && typeof a === 'object', 44003, 'empty news data')
  need(str(a.title), 44003, 'title missing')
  need(str(a.content), 44003, 'content missing')
  need(str(a.thumb_media_id) && b.files[a.thumb_media_id], 40007, 'invalid media_id')
}

/** Temporary and permanent media: `/cgi-bin/media/*` and `/cgi-bin/material/*`. */
export const mediaRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/cgi-bin/media/upload',
    bare: true,
    upload: true,
    async handle({ state, body, query }) {
      const type = query.get('type') ?? ''
      const f = await takeFile(body, type, false)
      const b = media(state)
      const id = newId(b, 'T')
      b.temp[id] = f
      return type === 'thumb' ? { type, thumb_media_id: id, created_at: f.created } : { type, media_id: id, created_at: f.created }
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/media/get',
    handle({ state, query }) {
      const f = media(state).temp[query.get('media_id') ?? '']
      // WeChat: HTTP 200 with a JSON error body.
      if (!f) fail(40007, 'invalid media_id')
      if (f.kind === 'video') return { video_url: `http://fake.video.weixin.qq.com/${query.get('media_id')}.mp4` }
      return download(f)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/media/uploadimg',
    bare: true,
    upload: true,
    async handle({ state, body }) {
      need(body instanceof FormData, 41005, 'media data missing')
      const file = (body as FormData).get('media') as File | null
      need(file && typeof file === 'object', 41005, 'media data missing')
      need(['jpg', 'jpeg', 'png'].includes(ext(file!.name)), 40005, 'invalid file type')
      need(file!.size < MB, 40009, 'invalid image size')
      const b = media(state)
      b.images = (b.images ?? 0) + 1
      return { url: `http://mmbiz.qpic.cn/fake/${newId(b, 'I')}/0` }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/add_material',
    bare: true,
    upload: true,
    async handle({ state, body, query }) {
      const type = query.get('type') ?? ''
      const f = await takeFile(body, type, true)
      if (type === 'video') {
        let d: any
        try {
          d = JSON.parse(String((body as FormData).get('description') ?? ''))
        } catch {}
        need(str(d?.title), 40007, 'video description title missing')
        f.title = d.title
        f.introduction = d.introduction ?? ''
      }
      const b = media(state)
      const id = newId(b, 'P')
      b.files[id] = f
      return type === 'image' ? { media_id: id, url: `http://mmbiz.qpic.cn/fake/${id}/0` } : { media_id: id }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/add_news',
    handle({ state, body }) {
      const b = media(state)
      const articles = body?.articles
      need(Array.isArray(articles) && articles.length > 0, 44003, 'empty news data')
      need(articles.length <= 8, 45008, 'article size out of limit')
      for (const a of articles) checkArticle(b, a)
      const id = newId(b, 'N')
      b.news[id] = { articles, updated: Math.floor(Date.now() / 1000) }
      return { media_id: id }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/update_news',
    handle({ state, body }) {
      const b = media(state)
      const n = b.news[body?.media_id]
      need(n, 40007, 'invalid media_id')
      need(Number.isInteger(body.index) && body.index >= 0 && body.index < n!.articles.length, 40114, 'invalid index value')
      checkArticle(b, body.articles)
      n!.articles[body.index] = body.articles
      n!.updated = Math.floor(Date.now() / 1000)
      return {}
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/get_material',
    handle({ state, body }) {
      const b = media(state)
      const id = body?.media_id
      const n = b.news[id]
      if (n) return { news_item: n.articles.map((a) => ({ ...a, url: `http://mp.weixin.qq.com/s/${id}` })) }
      const f = b.files[id]
      if (!f) fail(40007, 'invalid media_id')
      if (f.kind === 'video') return { title: f.title, description: f.introduction, down_url: `http://fake.video.weixin.qq.com/${id}.mp4` }
      return download(f)
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/del_material',
    handle({ state, body }) {
      const b = media(state)
      const id = body?.media_id
      need(b.files[id] || b.news[id], 40007, 'invalid media_id')
      delete b.files[id]
      delete b.news[id]
      return {}
    },
  },
  {
    method: 'GET',
    path: '/cgi-bin/material/get_materialcount',
    bare: true,
    handle({ state }) {
      const b = media(state)
      const count = (k: string) => Object.values(b.files).filter((f) => f.kind === k).length
      return { voice_count: count('voice'), video_count: count('video'), image_count: count('image'), news_count: Object.keys(b.news).length }
    },
  },
  {
    method: 'POST',
    path: '/cgi-bin/material/batchget_material',
    handle({ state, body }) {
      const b = media(state)
      const type = body?.type
      need(['image', 'video', 'voice', 'news'].includes(type), 40004, 'invalid media type')
      need(Number.isInteger(body.offset) && body.offset >= 0, 40003, 'invalid offset')
      need(Number.isInteger(body.count) && body.count >= 1 && body.count <= 20, 40003, 'invalid count')
      const all =
        type === 'news'
          ? Object.entries(b.news).map(([media_id, n]) => ({ media_id, content: { news_item: n.articles }, update_time: n.updated }))
          : Object.entries(b.files)
              .filter(([, f]) => f.kind === type)
              .map(([media_id, f]) => ({ media_id, name: f.filename, update_time: f.created, url: `http://mmbiz.qpic.cn/fake/${media_id}/0` }))
      const item = all.slice(body.offset, body.offset + body.count)
      return { total_count: all.length, item_count: item.length, item }
    },
  },
]
