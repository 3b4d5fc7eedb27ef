import * as v from 'valibot'

/** A template id as WeChat hands them out. */
export const templateIdSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,128}$/, 'Invalid template_id: expected 1-128 letters, digits, _ or -'))

const COLOR = /^#[\da-f]{6}$/i

/** A `#RRGGBB` colour. */
export const colorSchema = () => v.pipe(v.string(), v.regex(COLOR, 'Invalid color: expected #RRGGBB'))

/** A mini-program appid. */
export const appidSchema = () => v.pipe(v.string(), v.regex(/^wx[\da-f]{16}$/i, 'Invalid mini-program appid: expected wx + 16 hex digits'))

/** Where a click on the message leads in a mini program (`{ appid, pagepath }`). */
export const miniprogramSchema = () => v.object({ appid: appidSchema(), pagepath: v.optional(v.string()) })

const KEY = /^[A-Za-z_]\w{0,31}$/

/**
 * A template's data: `{ keyword: { value, color? } }`, keys as in the template (`first`, `keyword1`, `thing1`...).
 * Checked field by field with one `rawCheck` (each issue names its field, e.g. `data.first.color`), then
 * copied with only `value` and `color`: a `record` of objects would add its own code to every bundle.
 */
export const dataSchema = () =>
  v.pipe(
    v.custom<Record<string, unknown>>((d) => !!d && typeof d === 'object' && !Array.isArray(d), 'data must be an object of template fields'),
    v.rawCheck(({ dataset, addIssue }) => {
      if (!dataset.typed) return
      const data = dataset.value as Record<string, unknown>
      // One path item per issue (`first` or `first.color`): core joins the keys, so it reads `data.first.color`.
      const bad = (message: string, key?: string) =>
        addIssue(key === undefined ? { message } : { message, path: [{ type: 'object', origin: 'value', input: data, key, value: undefined }] })
      const keys = Object.keys(data)
      if (!keys.length) bad('data must not be empty')
      for (const k of keys) {
        const f = data[k] as { value?: unknown; color?: unknown } | null
        if (!KEY.test(k)) bad('Invalid data key: expected the template keyword, e.g. keyword1', k)
        else if (!f || typeof f !== 'object' || typeof f.value !== 'string') bad('Invalid field: expected { value: string, color? }', k)
        else if (f.color !== undefined && !(typeof f.color === 'string' && COLOR.test(f.color))) bad('Invalid color: expected #RRGGBB', `${k}.color`)
      }
    }),
    v.transform((d) => {
      const out: Record<string, { value: string; color: string | undefined }> = {}
      for (const [k, f] of Object.entries(d as Record<string, TemplateField>)) out[k] = { value: f.value, color: f.color }
      return out
    }),
  )

/** A click target of a message. */
export interface MiniProgramLink {
  /** The mini program's appid (linked to the Official Account). */
  appid: string
  /** The page, with a query if any: `pages/index?foo=bar`. */
  pagepath?: string | undefined
}

/** One field of a template's data. */
export interface TemplateField {
  value: string
  /** `#RRGGBB`. WeChat has ignored colours in some templates since 2023. */
  color?: string | undefined
}
