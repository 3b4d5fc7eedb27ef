export { createContext } from './context.ts'
export type {
  ContextOptions,
  ContextState,
  ErrorEvent,
  RequestEvent,
  ResponseEvent,
  RetryClass,
  RetryEvent,
  RetryOptions,
  StoreErrorEvent,
  TokenMode,
  TokenRefreshEvent,
  WxContext,
  WxHooks,
} from './context.ts'
export { callApi, check } from './callApi.ts'
export type { ApiRequest, CallOptions } from './callApi.ts'
export { defineEndpoint, readFile } from './endpoint.ts'
export type { Endpoint, FileResult } from './endpoint.ts'
export { WxError, isWxError, redact } from './errors.ts'
export type { WxErrorCode, WxErrorDetails, WxIssue } from './errors.ts'
export { parseJson } from './json.ts'
export { toBlob } from './file.ts'
export type { FileData } from './file.ts'
export { getAccessToken, getLatestToken, getTokenInfo, invalidateToken } from './token.ts'
export { checkLease, checkTtl, memoryTokenStore } from './tokenStore.ts'
export type { StoredToken, TokenStore } from './tokenStore.ts'
export { id64Schema, mediaIdSchema, openidSchema, textSchema, urlSchema } from './schemas.ts'
