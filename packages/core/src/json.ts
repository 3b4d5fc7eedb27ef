/**
 * Parses WeChat's JSON keeping 64-bit integers exact: any integer of 16 or more digits
 * (`msg_id`, `msg_data_id`, `MsgId`) becomes a string instead of losing precision as a number.
 * Runs in linear time on any input (one pass, no backtracking), so it is safe on untrusted text;
 * every valid JSON document is read, long decimals and exponents included. Throws `SyntaxError` on
 * invalid JSON, like `JSON.parse`.
 *
 * @example
 * parseJson('{"msg_id":3147483652123456789}').msg_id // '3147483652123456789'
 */
export function parseJson(text: string): any {
  return JSON.parse(/\d{16}/.test(text) ? quoteLongIntegers(text) : text)
}

/**
 * The counterpart of `parseJson` for requests: `body` as JSON, its first member `key` (a string of
 * digits, e.g. a 64-bit `msg_id` as the SDK hands it out) written as a JSON number with every digit kept
 * (WeChat wants a number; a JS number would round it). `key` must come first in `body`.
 *
 * @example
 * stringifyWithId64({ msg_id: '3147483652123456789', article_idx: 1 }, 'msg_id') // '{"msg_id":3147483652123456789,"article_idx":1}'
 */
export function stringifyWithId64(body: Record<string, unknown>, key: string): string {
  const json = JSON.stringify(body)
  const head = `{"${key}":"`
  if (!json.startsWith(head)) return json
  const end = json.indexOf('"', head.length)
  const digits = json.slice(head.length, end)
  return /^\d+$/.test(digits) ? `{"${key}":${digits}${json.slice(end + 1)}` : json
}

/** One pass over the text: outside strings, integer literals of 16+ digits get quotes. */
function quoteLongIntegers(text: string): string {
  // Sticky runs of plain string characters and of number characters: each is one native loop, and no
  // pattern here can backtrack (single character classes only).
  const plain = /[^"\\]*/y
  const number = /-?\d*([.eE+-][\d.eE+-]*)?/y
  let out = ''
  let from = 0
  const n = text.length
  for (let i = 0; i < n; ) {
    const c = text.charCodeAt(i)
    if (c === 34) {
      // A string: skip runs of plain characters and escapes to the closing quote.
      for (i++; i < n; ) {
        plain.lastIndex = i
        plain.test(text)
        i = plain.lastIndex
        if (text.charCodeAt(i) === 92) i += 2
        else break
      }
      i++
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      // A number literal: only a plain integer (no '.', 'e') of 16+ digits is quoted, and not one with a
      // leading zero (invalid JSON: quoting it would make JSON.parse accept it).
      number.lastIndex = i
      const m = number.exec(text)!
      const end = number.lastIndex
      const sign = c === 45 ? 1 : 0
      if (!m[1] && end - i - sign >= 16 && text.charCodeAt(i + sign) !== 48) {
        out += text.slice(from, i) + '"' + text.slice(i, end) + '"'
        from = end
      }
      i = end
    } else i++
  }
  return from ? out + text.slice(from) : text
}
