export { createTokenBroker } from './createTokenBroker.ts'
export type { TokenBrokerAnswer, TokenBrokerOptions } from './createTokenBroker.ts'
export { brokerTokenSource } from './brokerTokenSource.ts'
export type { BrokerTokenSource, BrokerTokenSourceOptions } from './brokerTokenSource.ts'
