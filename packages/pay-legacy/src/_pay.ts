import type { CallOptions } from '@wx/core'
import * as v from 'valibot'
import { appSignature } from './appSignature.ts'

/** Options of the signed legacy payment calls. */
export interface PayLegacyOptions extends CallOptions {
  /**
   * Your PaySignKey (the 2014 payment's `appkey`). When given and the request has no `app_signature`,
   * the signature is computed for you (see `appSignature`). Never sent, never put into an error.
   */
  paySignKey?: string | undefined
}

/** Unix seconds, as WeChat's 2014 payment wants them: a string of digits. */
export const nowSeconds = (): string => String(Math.floor(Date.now() / 1000))

/** The fields of a signed body as strings; `app_signature` computed when a key is given and none was passed. */
export async function signed(fields: Record<string, unknown>, signedNames: readonly string[], given: unknown, opts?: PayLegacyOptions | null): Promise<Record<string, unknown>> {
  let app_signature = given
  if (app_signature === undefined && opts?.paySignKey) {
    const toSign: Record<string, string> = {}
    for (const k of signedNames) toSign[k] = String(fields[k] ?? '')
    app_signature = await appSignature(toSign, opts.paySignKey)
  }
  return { ...fields, app_signature, sign_method: 'sha1' }
}

/** `app_signature`: 40 hex digits, with a message that says how to get one. */
export const signatureSchema = () =>
  v.pipe(
    v.string('app_signature is missing: pass it, or pass { paySignKey } in the options to compute it'),
    v.regex(/^[0-9a-f]{40}$/i, 'app_signature: expected 40 hex digits (SHA-1)'),
  )

/** Unix seconds as a string of 10 digits. */
export const timestampSchema = (name: string) => v.pipe(v.string(`${name}: expected Unix seconds`), v.regex(/^\d{10}$/, `${name}: expected Unix seconds (10 digits)`))

/** A required non-empty string of at most `max` characters. */
export const idSchema = (name: string, max: number) =>
  v.pipe(v.string(`${name} must be a string`), v.nonEmpty(`${name} must not be empty`), v.maxLength(max, `${name}: at most ${max} characters`))
