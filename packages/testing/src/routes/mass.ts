import type { FakeRoute } from '../route.ts'

/** Fake WeChat routes for this domain. */
export const massRoutes: FakeRoute[] = []
