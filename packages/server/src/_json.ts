/**
 * A small strict JSON reader for WeChat's JSON pushes: one forward pass in linear time, at most 8
 * levels and 4096 values (it fails fast, before reading the rest), leaves kept as the text sent
 * (`MsgId` 64-bit exact, `CreateTime` as written; `null` becomes ''), null-prototype objects,
 * `__proto__`/`constructor`/`prototype` keys rejected. Internal.
 */
import { checkName, fail, type XmlObject, type XmlValue } from './_xml.ts'

// biome-ignore lint/suspicious/noControlCharactersInRegex: JSON forbids raw control characters in strings; this class stops at them.
const PLAIN = /[^"\\\x00-\x1f]*/y
const LITERAL = /^(?:-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/

/** Decodes the inside of a JSON string literal that holds no unescaped quote. */
function decodeString(raw: string): string {
  try {
    return JSON.parse(`"${raw}"`) as string
  } catch {
    return fail('malformed JSON (bad escape or control character in a string)')
  }
}

export function parseJsonPush(s: string, maxDepth = 8, maxNodes = 4096): XmlObject {
  let i = 0
  let nodes = 0
  const ws = () => {
    for (let c = s.charCodeAt(i); c === 32 || c === 10 || c === 13 || c === 9; c = s.charCodeAt(++i));
  }
  const expect = (ch: string) => {
    ws()
    if (s[i++] !== ch) fail(`malformed JSON (expected ${ch})`)
  }
  const string = (): string => {
    const from = ++i
    PLAIN.lastIndex = i
    PLAIN.test(s) // skips a run of plain characters natively (one character class: no backtracking)
    i = PLAIN.lastIndex
    if (s.charCodeAt(i) === 34) return s.slice(from, i++) // no escapes: most strings
    // Escapes: find the closing quote (the first one after an even run of backslashes; each run is
    // counted once), then decode the whole string in one native call, which also refuses bad escapes
    // and raw control characters (decoding escape by escape took ~130 ms for 1 MiB of `\n`).
    let end = s.indexOf('"', i)
    for (;;) {
      if (end < 0) fail('malformed JSON (unterminated string)')
      let b = end
      while (s.charCodeAt(b - 1) === 92) b--
      if ((end - b) % 2 === 0) break
      end = s.indexOf('"', end + 1)
    }
    i = end + 1
    return decodeString(s.slice(from, end))
  }
  const value = (depth: number): XmlValue => {
    if (depth > maxDepth) fail('nested too deep')
    if (++nodes > maxNodes) fail('too many values')
    ws()
    const c = s[i]
    if (c === '"') return string()
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']'
      const out: XmlObject | XmlValue[] = c === '{' ? (Object.create(null) as XmlObject) : []
      i++
      ws()
      if (s[i] === close) {
        i++
        return out
      }
      for (;;) {
        if (Array.isArray(out)) out.push(value(depth + 1))
        else {
          ws()
          if (s[i] !== '"') fail('malformed JSON (expected a key)')
          const key = string()
          checkName(key)
          expect(':')
          out[key] = value(depth + 1)
        }
        ws()
        const d = s[i++]
        if (d === close) return out
        if (d !== ',') fail(`malformed JSON (expected , or ${close})`)
      }
    }
    const m = LITERAL.exec(s.slice(i, i + 64))
    if (!m) fail('malformed JSON')
    i += m![0].length
    return m![0] === 'null' ? '' : m![0]
  }
  const root = value(1)
  ws()
  if (i !== s.length) fail('malformed JSON (content after the value)')
  if (!root || typeof root !== 'object' || Array.isArray(root)) fail('not an object')
  return root as XmlObject
}
