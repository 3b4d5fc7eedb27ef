const TOKENS = /"(?:[^"\\]|\\.)*"|(-?\d{16,})(?=\s*[,}\]])/g

/**
 * Parses WeChat's JSON keeping 64-bit integers exact: any integer of 16 or more digits
 * (`msg_id`, `msg_data_id`, `MsgId`) becomes a string instead of losing precision as a number.
 *
 * @example
 * parseJson('{"msg_id":3147483652123456789}').msg_id // '3147483652123456789'
 */
export function parseJson(text: string): any {
  return JSON.parse(/\d{16}/.test(text) ? text.replace(TOKENS, (m, big) => (big ? `"${big}"` : m)) : text)
}
