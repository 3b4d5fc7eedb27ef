import * as v from 'valibot'

/** A template id as WeChat hands them out. */
export const templateIdSchema = () => v.pipe(v.string(), v.regex(/^[\w-]{1,128}$/, 'Invalid template_id: expected 1-128 letters, digits, _ or -'))

/** A `#RRGGBB` colour. */
export const colorSchema = () => v.pipe(v.string(), v.regex(/^#[\da-f]{6}$/i, 'Invalid color: expected #RRGGBB'))

/** A mini-program appid. */
export const appidSchema = () => v.pipe(v.string(), v.regex(/^wx[\da-f]{16}$/i, 'Invalid mini-program appid: expected wx + 16 hex digits'))

/** Where a click on the message leads in a mini program (`{ appid, pagepath }`). */
export const miniprogramSchema = () => v.object({ appid: appidSchema(), pagepath: v.optional(v.string()) })

/** A template's data: `{ keyword: { value, color? } }`, keys as in the template (`first`, `keyword1`, `thing1`...). */
export const dataSchema = () =>
  v.pipe(
    v.record(
      v.pipe(v.string(), v.regex(/^[A-Za-z_][\w]{0,31}$/, 'Invalid data key: expected the template keyword, e.g. keyword1')),
      v.object({ value: v.string(), color: v.optional(colorSchema()) }),
    ),
    v.check((d) => Object.keys(d).length > 0, 'data must not be empty'),
  )

/** A click target of a message. */
export interface MiniProgramLink {
  /** The mini program's appid (linked to the Official Account). */
  appid: string
  /** The page, with a query if any: `pages/index?foo=bar`. */
  pagepath?: string
}

/** One field of a template's data. */
export interface TemplateField {
  value: string
  /** `#RRGGBB`. WeChat has ignored colours in some templates since 2023. */
  color?: string
}
