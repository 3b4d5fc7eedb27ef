import { fail, need, type FakeRoute } from '../route.ts'

const CATEGORIES = new Set(
  'restaurant,map,nearby,flight,hotel,train,travel,movie,music,video,novel,weather,stock,remind,telephone,cookbook,baike,news,tv,instruction,tv_instruction,car_instruction,app,website'.split(','),
)

/**
 * Semantic understanding (`POST /semantic/semproxy/search`): 7000001/7000002 for a missing query or
 * category, 7000030 for an unknown category, 40013 for an appid that is not the account's. Understands
 * flight requests (a query mentioning 机票 with category flight); anything else answers 7000000
 * (no semantic result), with no other field, as WeChat's document shows it.
 */
export const semanticRoutes: FakeRoute[] = [
  {
    method: 'POST',
    path: '/semantic/semproxy/search',
    handle({ state, body }) {
      need(typeof body?.query === 'string' && body.query, 7000001, 'query is missing')
      need(typeof body.category === 'string' && body.category, 7000002, 'category is missing')
      const cats: string[] = body.category.split(',')
      need(cats.every((c) => CATEGORIES.has(c)), 7000030, 'category is invalid')
      need(body.appid === state.appid, 40013, 'invalid appid')
      if (!(cats.includes('flight') && body.query.includes('机票'))) fail(7000000, 'ok, no semantic result')
      const city = typeof body.city === 'string' ? body.city : '北京'
      return {
        query: body.query,
        type: 'flight',
        semantic: {
          details: {
            start_loc: { type: 'LOC_CITY', city: `${city}市`, city_simple: city, loc_ori: city },
            end_loc: { type: 'LOC_CITY', city: '上海市', city_simple: '上海', loc_ori: '上海' },
            start_date: { type: 'DT_ORI', date: '2014-03-05', date_ori: '明天' },
            airline: '中国南方航空公司',
          },
          intent: 'SEARCH',
        },
      }
    },
  },
]
