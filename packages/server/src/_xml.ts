/**
 * A small strict parser for WeChat's XML: elements, text, CDATA, comments. One forward pass (indexOf
 * and anchored, bounded regexes only), so linear time on any input. No DOCTYPE/ENTITY markup (text
 * inside CDATA is text: a follower may write `<!DOCTYPE html>`), no entities except the five predefined
 * ones and bounded numeric references, no processing instructions except a leading `<?xml ...?>`. Objects have no prototype; `__proto__`, `constructor` and `prototype` element
 * names are rejected. Attributes are ignored (WeChat sends none). Internal.
 */
import { PushError } from './PushError.ts'

export type XmlValue = string | XmlObject | XmlValue[]
export interface XmlObject {
  [name: string]: XmlValue
}

const FORBIDDEN = /^(?:__proto__|constructor|prototype)$/
const NAME = /^[A-Za-z_][\w.-]*/
const NAMED: Record<string, string> = /* @__PURE__ */ Object.assign(Object.create(null), { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" })

const MAX_REFS = 4096
const DECL = 'DOCTYPE/ENTITY declarations and processing instructions are not allowed'

export const fail = (why: string): never => {
  throw new PushError('xml', `Rejected the push body: ${why}`)
}

export function checkName(name: string): void {
  if (FORBIDDEN.test(name)) fail(`forbidden element name ${name}`)
}

/**
 * Decodes the five named and numeric references in one pass; each reference is read in a short
 * window, and a document holds at most `MAX_REFS` of them (WeChat puts text in CDATA).
 */
function decodeText(raw: string, seen: { refs: number }): string {
  let at = raw.indexOf('&')
  if (at < 0) return raw
  const parts: string[] = []
  let from = 0
  while (at >= 0) {
    if (++seen.refs > MAX_REFS) fail('too many character references')
    let end = at + 1
    while (end < raw.length && end < at + 10 && raw.charCodeAt(end) !== 59) end++
    if (raw.charCodeAt(end) !== 59) fail('unknown entity or bare &')
    const ref = raw.slice(at + 1, end)
    let ch = NAMED[ref]
    if (ch === undefined) {
      const hex = ref[1] === 'x'
      const digits = ref.slice(hex ? 2 : 1)
      const cp = parseInt(digits, hex ? 16 : 10)
      if (ref[0] !== '#' || !digits || !(hex ? /^[0-9a-fA-F]+$/ : /^\d+$/).test(digits) || !(cp > 0 && cp <= 0x10ffff) || (cp >= 0xd800 && cp <= 0xdfff))
        fail('unknown entity, bare & or invalid character reference')
      ch = String.fromCodePoint(cp)
    }
    parts.push(raw.slice(from, at), ch)
    from = end + 1
    at = raw.indexOf('&', from)
  }
  parts.push(raw.slice(from))
  return parts.join('')
}

/** Parses a document and returns the root element's content (an object, or a string). */
export function parseXml(text: string, maxDepth = 8, maxNodes = 4096): XmlObject {
  let i = 0
  let nodes = 0
  const seen = { refs: 0 }
  const s = text.replace(/^\uFEFF/, '')
  const skipMisc = () => {
    for (;;) {
      while (i < s.length && /\s/.test(s[i]!)) i++
      if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4)
        if (end < 0) fail('unterminated comment')
        i = end + 3
      } else return
    }
  }
  const element = (depth: number): { name: string; value: XmlValue } => {
    if (depth > maxDepth) fail('nested too deep')
    if (++nodes > maxNodes) fail('too many elements')
    if (s.startsWith('<!', i)) fail(DECL)
    if (s[i] !== '<') fail('expected an element')
    const m = NAME.exec(s.slice(i + 1, i + 201))
    if (!m) fail('bad element name')
    const name = m![0]
    checkName(name)
    i += 1 + name.length
    const close = s.indexOf('>', i)
    if (close < 0) fail('unterminated tag')
    const attrs = s.slice(i, close)
    if (attrs && !/^(?:\s[^<>]*)?\/?$/.test(attrs)) fail('bad tag')
    i = close + 1
    if (attrs.endsWith('/')) return { name, value: '' }
    let text = ''
    let obj: XmlObject | undefined
    for (;;) {
      if (i >= s.length) fail(`unterminated element ${name}`)
      if (s.startsWith('<![CDATA[', i)) {
        const end = s.indexOf(']]>', i + 9)
        if (end < 0) fail('unterminated CDATA')
        text += s.slice(i + 9, end)
        i = end + 3
      } else if (s.startsWith('<!--', i)) {
        const end = s.indexOf('-->', i + 4)
        if (end < 0) fail('unterminated comment')
        i = end + 3
      } else if (s.startsWith('</', i)) {
        const end = s.indexOf('>', i)
        if (end < 0 || s.slice(i + 2, end).trim() !== name) fail(`mismatched closing tag for ${name}`)
        i = end + 1
        if (obj) {
          if (text.trim()) fail(`mixed content in ${name}`)
          return { name, value: obj }
        }
        return { name, value: text }
      } else if (s.startsWith('<!', i) || s.startsWith('<?', i)) {
        fail(DECL)
      } else if (s[i] === '<') {
        const child = element(depth + 1)
        obj ??= Object.create(null) as XmlObject
        const prev = obj[child.name]
        if (prev === undefined) obj[child.name] = child.value
        else if (Array.isArray(prev)) prev.push(child.value)
        else obj[child.name] = [prev, child.value]
      } else {
        const end = s.indexOf('<', i)
        if (end < 0) fail(`unterminated element ${name}`)
        text += decodeText(s.slice(i, end), seen)
        i = end
      }
    }
  }
  skipMisc()
  if (s.startsWith('<?xml', i)) {
    const end = s.indexOf('?>', i)
    if (end < 0) fail('unterminated XML declaration')
    i = end + 2
  }
  skipMisc()
  const root = element(1)
  skipMisc()
  if (i !== s.length) fail('content after the root element')
  if (typeof root.value === 'string') {
    if (root.value.trim()) fail('the root element holds text')
    return Object.create(null) as XmlObject
  }
  return root.value as XmlObject
}
