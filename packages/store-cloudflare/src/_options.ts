import { WxError } from '@wx/core'

/** @internal Throws `wx/config` with `message` unless `ok`. */
export function need(ok: boolean, message: string): void {
  if (!ok) throw new WxError('wx/config', message)
}
