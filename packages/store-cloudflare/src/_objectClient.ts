import { need } from './_options.ts'
import { storeSecretProblem } from './_secret.ts'

/** The part of a Durable Object namespace binding the stores use. */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown
  get(id: any): { fetch(input: string, init?: RequestInit): Promise<Response> }
}

/**
 * @internal Sends one JSON operation of `TokenStoreDurableObject` to the object named `objectName(op.key)`
 * and resolves the `value` it answers. `caller` names the store in errors. Throws `WxError('wx/config')`
 * at once for a `namespace` that is not a Durable Object namespace binding (a misspelled binding is
 * `undefined`), an `objectName` that is not a function, or a `secret` that is not a string of at least 32
 * bytes without whitespace inside; each send throws an `Error` for an error status (401, 400, 500) and
 * whatever the binding throws.
 */
export function objectSender(namespace: DurableObjectNamespaceLike, objectName: (key: string) => string, secret: string | null | undefined, caller: string) {
  need(
    typeof namespace?.idFromName === 'function' && typeof namespace.get === 'function',
    `${caller} needs a Durable Object namespace binding of TokenStoreDurableObject (env.<name>, with idFromName and get), got ${namespace === undefined ? 'undefined: is the binding named right?' : typeof namespace}`,
  )
  need(typeof objectName === 'function', `${caller}: objectName must be a function (key) => name`)
  const trimmed = typeof secret === 'string' ? secret.trim() : undefined
  // `null` is "not set" (no secret sent): an object that has one still answers 401.
  need(secret == null || (trimmed !== undefined && !storeSecretProblem(trimmed)), `${caller}: the secret must be a string of at least 32 bytes with no whitespace`)
  const headers: Record<string, string> = { 'content-type': 'application/json', ...(trimmed ? { authorization: `Bearer ${trimmed}` } : {}) }
  return async <T>(op: { key: string }): Promise<T> => {
    const stub = namespace.get(namespace.idFromName(objectName(op.key)))
    const res = await stub.fetch('https://wx-token-store/', { method: 'POST', body: JSON.stringify(op), headers })
    const body = (await res.json().catch(() => null)) as { value: T } | null
    if (!res.ok || !body) throw new Error(`TokenStoreDurableObject answered HTTP ${res.status}${body ? `: ${body.value}` : ''}`)
    return body.value
  }
}
