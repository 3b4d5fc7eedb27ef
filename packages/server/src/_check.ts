/** Argument and option checks shared by the package's functions. Internal. */
import { WxError, invalidInput } from '@wx/core'

export const isFn = (v: unknown): v is (...args: any[]) => any => typeof v === 'function'

/** `wx/config`: an option (of a factory, a handler, a store) has the wrong type or value. */
export const configError = (message: string) => new WxError('wx/config', message)

/** `wx/validation` (stage `input`): an argument of `fn` is wrong; nothing was done. Never names the value. */
export const badArg = (fn: string, path: string, message: string) => invalidInput(fn, [{ path, message }])

/** Options objects: `undefined` and `null` are the defaults; anything else but an object is `wx/config`. */
export function optionsOf<T extends object>(v: T | null | undefined, what: string): Partial<T> {
  if (v == null) return {}
  if (typeof v !== 'object') throw configError(`${what} must be an object`)
  return v
}
