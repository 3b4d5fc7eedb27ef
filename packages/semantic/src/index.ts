export { semantic, type SemanticQuery, type SemanticResult } from './semantic.ts'
