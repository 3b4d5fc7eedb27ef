// workerd (miniflare) and edge-runtime: POST the JSON args, get the result as JSON.
import { run } from './app.mjs'

export default {
  async fetch(request) {
    try {
      return Response.json(await run(await request.json()))
    } catch (e) {
      return Response.json({ error: String(e?.stack ?? e) }, { status: 500 })
    }
  },
}
