export { createContext, getTokenStore } from './context.ts'
export { within } from './deadline.ts'
export type {
  CallOptions,
  ContextOptions,
  ContextState,
  ErrorEvent,
  RequestEvent,
  ResponseEvent,
  RetryClass,
  RetryEvent,
  RetryOptions,
  SchemaDriftEvent,
  StoreErrorEvent,
  TokenMode,
  TokenRefreshEvent,
  WxContext,
  WxHooks,
} from './context.ts'
export { callApi, check, invalidInput, optionsOf } from './callApi.ts'
export type { ApiRequest } from './callApi.ts'
export { defineEndpoint, readFile } from './endpoint.ts'
export type { Endpoint, FileResult } from './endpoint.ts'
export { WxError, isWxError, redact } from './errors.ts'
export type { WxErrorCode, WxErrorDetails, WxErrorKnown, WxIssue } from './errors.ts'
export { parseJson, stringifyWithId64 } from './json.ts'
export { readBytesLimited, toBlob } from './file.ts'
export type { FileData } from './file.ts'
export { getAccessToken, getLatestToken, getTokenInfo, invalidateToken, withDeadline } from './token.ts'
export { getCredential, invalidateCredential } from './credential.ts'
export type { CredentialSpec } from './credential.ts'
export { fetchTransport } from './transport.ts'
export type { Transport, TransportRequest, TransportResponse } from './transport.ts'
export { decide } from './policy.ts'
export type { Decision, FailureKind, PolicyCall, Progress } from './policy.ts'
export { checkLease, checkTtl, memoryTokenStore, readStoredToken } from './tokenStore.ts'
export type { StoredToken, TokenStore } from './tokenStore.ts'
export type { DedupeClaim, DedupeStore, LeasedDedupeStore } from './dedupeStore.ts'
export { articleContentSchema, id64Schema, maxChars, maxUtf8Bytes, mediaIdSchema, openidSchema, textSchema, urlOrEmptySchema, urlSchema } from './schemas.ts'
