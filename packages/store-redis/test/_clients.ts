import Redis from 'ioredis'
import { createClient } from 'redis'

/** The two client kinds each store is tested with (ioredis, node-redis), connected to `url`. */
export async function connectClients(url: string) {
  const io = new Redis(url, { enableOfflineQueue: false, lazyConnect: true })
  await io.connect()
  const node = createClient({ url, disableOfflineQueue: true })
  await node.connect()
  return { io, node }
}

/** What `connectClients` connects. */
export type Clients = Awaited<ReturnType<typeof connectClients>>
