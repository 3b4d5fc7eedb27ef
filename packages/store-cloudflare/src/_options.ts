import { WxError } from '@wx/core'

/** @internal A store's creation options: `{}` for `null` or `undefined`; `wx/config` (naming `who`) for anything but an object. */
export function optionsOf<T extends object>(options: T | null | undefined, who: string): Partial<T> {
  const o: unknown = options ?? {}
  if (typeof o !== 'object' || Array.isArray(o)) throw new WxError('wx/config', `${who}: options must be an object`)
  return o as Partial<T>
}

/** @internal Throws `wx/config` with `message` unless `ok`. */
export function need(ok: boolean, message: string): void {
  if (!ok) throw new WxError('wx/config', message)
}
