/** Argument and option checks shared by the package's functions. Internal. */
import { WxError, invalidInput } from '@wx/core'

export const isFn = (v: unknown): v is (...args: any[]) => any => typeof v === 'function'

/** `wx/config`: an option (of a factory, a handler, a store) has the wrong type or value. */
export const configError = (message: string) => new WxError('wx/config', message)

/** `wx/validation` (stage `input`): an argument of `fn` is wrong; nothing was done. Never names the value. */
export const badArg = (fn: string, path: string, message: string) => invalidInput(fn, [{ path, message }])

