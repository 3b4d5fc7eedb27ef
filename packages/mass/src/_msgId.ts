import { check, stringifyWithId64 } from '@wx/core'
import * as v from 'valibot'

const msgIdSchema = () =>
  v.union(
    [v.pipe(v.string(), v.regex(/^\d{1,20}$/, 'Invalid msg_id: expected digits')), v.pipe(v.number(), v.safeInteger('Invalid msg_id: pass 64-bit ids as strings'), v.minValue(0))],
    'Invalid msg_id: expected a string of digits (as mass sends return it)',
  )

/**
 * Builds a JSON body whose `msg_id` is written as a JSON number with every digit kept (WeChat wants a
 * number; a JS number would round a 64-bit id). `rest` is validated by the caller.
 */
export function msgIdBody(msgId: unknown, path: string, rest: Record<string, unknown> = {}): string {
  const id = String(check(msgIdSchema, msgId, path)).replace(/^0+(?=\d)/, '')
  return stringifyWithId64({ msg_id: id, ...rest }, 'msg_id')
}
